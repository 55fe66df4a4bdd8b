package io.github.cm4j.wmi.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1): the client's first message. Layout: Signature, MessageType 1,
 * NegotiateFlags at 12, DomainNameFields at 16, WorkstationFields at 24, Version at 32 when
 * NTLMSSP_NEGOTIATE_VERSION is set, then the payload. Domain and workstation are OEM strings, read here as
 * ISO-8859-1 (cm4j sends neither).
 *
 * @param flags NegotiateFlags
 * @param domain DomainName, empty when not supplied
 * @param workstation Workstation, empty when not supplied
 * @param version the Version field, when present
 */
public record NtlmNegotiateMessage(int flags, String domain, String workstation, Optional<NtlmVersion> version) {
    private static final String STRUCTURE = "NEGOTIATE_MESSAGE";
    private static final int FIXED = 32;

    /** Checks the components. */
    public NtlmNegotiateMessage {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(workstation, "workstation");
        Objects.requireNonNull(version, "version");
    }

    /**
     * @param message the encoded message
     * @return the message
     * @throws NtlmFormatException when the bytes are not a NEGOTIATE_MESSAGE
     */
    public static NtlmNegotiateMessage decode(byte[] message) {
        NtlmReader r = new NtlmReader(message, STRUCTURE);
        r.header(1);
        int flags = r.u32("NegotiateFlags", 12);
        r.u32("WorkstationFields", FIXED - 4);
        String domain = new String(r.field("DomainNameFields", 16), StandardCharsets.ISO_8859_1);
        String workstation = new String(r.field("WorkstationFields", 24), StandardCharsets.ISO_8859_1);
        Optional<NtlmVersion> version = Optional.empty();
        if ((flags & NtlmFlags.NEGOTIATE_VERSION) != 0 && message.length >= FIXED + NtlmVersion.LENGTH) {
            version = Optional.of(NtlmVersion.read(r, FIXED));
        }
        return new NtlmNegotiateMessage(flags, domain, workstation, version);
    }

    /** @return the encoded message; the Version field is written when {@link #version()} is present */
    public byte[] encode() {
        int f = version.isPresent() ? flags | NtlmFlags.NEGOTIATE_VERSION : flags & ~NtlmFlags.NEGOTIATE_VERSION;
        NtlmWriter w = new NtlmWriter(1, FIXED + (version.isPresent() ? NtlmVersion.LENGTH : 0));
        w.u32(12, f);
        w.field(16, domain.getBytes(StandardCharsets.ISO_8859_1));
        w.field(24, workstation.getBytes(StandardCharsets.ISO_8859_1));
        version.ifPresent(v -> v.write(w, FIXED));
        return w.toByteArray();
    }

    @Override
    public String toString() {
        return "NEGOTIATE_MESSAGE[" + NtlmFlags.describe(flags) + "]";
    }
}
