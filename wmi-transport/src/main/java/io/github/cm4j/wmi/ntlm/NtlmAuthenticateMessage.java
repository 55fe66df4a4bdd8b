package io.github.cm4j.wmi.ntlm;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3): the client's proof. Layout: Signature, MessageType 3, the Fields triples
 * of LmChallengeResponse (12), NtChallengeResponse (20), DomainName (28), UserName (36), Workstation (44) and
 * EncryptedRandomSessionKey (52), NegotiateFlags at 60, then Version (8 bytes) at 64 and MIC (16 bytes) at 72 when
 * the sender reserves them, then the payload.
 *
 * <p>Whether Version and MIC are there is not flagged in the fixed part: a MIC is announced inside the NTLMv2
 * response (MsvAvFlags bit 0x2), and impacket, for one, sends neither. The decoder therefore looks at where the
 * payload begins: at 88 or later both fields are present, at 72 or later only Version. The encoder always
 * reserves both (zeros when absent), as Windows does. Strings are UTF-16LE.
 *
 * @param flags NegotiateFlags
 * @param lmChallengeResponse LmChallengeResponse (24 zero bytes, an LMv2 response, or empty)
 * @param ntChallengeResponse NtChallengeResponse (NTProofStr followed by the NTLMv2 client challenge)
 * @param domain DomainName
 * @param user UserName
 * @param workstation Workstation
 * @param encryptedRandomSessionKey EncryptedRandomSessionKey (16 bytes with key exchange, else empty)
 * @param version the Version field, when present
 * @param mic the MIC field (16 bytes), when present
 */
public record NtlmAuthenticateMessage(int flags, byte[] lmChallengeResponse, byte[] ntChallengeResponse, String domain,
                                      String user, String workstation, byte[] encryptedRandomSessionKey,
                                      Optional<NtlmVersion> version, Optional<byte[]> mic) {
    /** Offset of the MIC field (MS-NLMP 2.2.1.3), zeroed when the MIC is computed (3.1.5.1.2). */
    public static final int MIC_OFFSET = 72;
    private static final String STRUCTURE = "AUTHENTICATE_MESSAGE";
    private static final int FIXED_WITH_MIC = 88;
    private static final int[] FIELDS = {12, 20, 28, 36, 44, 52};
    private static final String[] FIELD_NAMES = {"LmChallengeResponseFields", "NtChallengeResponseFields",
        "DomainNameFields", "UserNameFields", "WorkstationFields", "EncryptedRandomSessionKeyFields"};

    /** Checks and copies the components. */
    public NtlmAuthenticateMessage {
        lmChallengeResponse = lmChallengeResponse.clone();
        ntChallengeResponse = ntChallengeResponse.clone();
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workstation, "workstation");
        encryptedRandomSessionKey = encryptedRandomSessionKey.clone();
        Objects.requireNonNull(version, "version");
        mic = mic.map(byte[]::clone);
        if (mic.isPresent() && mic.get().length != 16) {
            throw new IllegalArgumentException("the MIC is 16 bytes, got " + mic.get().length);
        }
    }

    /** @return a copy of LmChallengeResponse */
    @Override
    public byte[] lmChallengeResponse() {
        return lmChallengeResponse.clone();
    }

    /** @return a copy of NtChallengeResponse */
    @Override
    public byte[] ntChallengeResponse() {
        return ntChallengeResponse.clone();
    }

    /** @return a copy of EncryptedRandomSessionKey */
    @Override
    public byte[] encryptedRandomSessionKey() {
        return encryptedRandomSessionKey.clone();
    }

    /** @return a copy of the MIC, when present */
    @Override
    public Optional<byte[]> mic() {
        return mic.map(byte[]::clone);
    }

    /**
     * @param message the encoded message
     * @return the message
     * @throws NtlmFormatException when the bytes are not an AUTHENTICATE_MESSAGE
     */
    public static NtlmAuthenticateMessage decode(byte[] message) {
        return decode(message, false);
    }

    /**
     * @param message the encoded message
     * @param oemAllowed whether OEM strings (NTLMSSP_NEGOTIATE_UNICODE clear) are accepted, read as ISO-8859-1:
     *     the HTTP profile of {@link NtlmServer}, for clients that negotiated OEM (MS-NLMP 2.2: strings are OEM
     *     when Unicode was not negotiated)
     * @return the message
     * @throws NtlmFormatException when the bytes are not an AUTHENTICATE_MESSAGE
     */
    static NtlmAuthenticateMessage decode(byte[] message, boolean oemAllowed) {
        NtlmReader r = new NtlmReader(message, STRUCTURE);
        r.header(3);
        int flags = r.u32("NegotiateFlags", 60);
        boolean unicode = (flags & NtlmFlags.NEGOTIATE_UNICODE) != 0;
        if (!unicode && !oemAllowed) {
            throw r.fail("NegotiateFlags", 60, "OEM strings: cm4j negotiates Unicode only");
        }
        int payloadStart = message.length;
        byte[][] values = new byte[FIELDS.length][];
        for (int i = 0; i < FIELDS.length; i++) {
            values[i] = r.field(FIELD_NAMES[i], FIELDS[i]);
            if (values[i].length > 0) {
                payloadStart = Math.min(payloadStart, r.fieldOffset(FIELD_NAMES[i], FIELDS[i]));
            }
        }
        Optional<NtlmVersion> version = Optional.empty();
        Optional<byte[]> mic = Optional.empty();
        if (payloadStart >= MIC_OFFSET && message.length >= MIC_OFFSET) {
            version = Optional.of(NtlmVersion.read(r, 64));
        }
        if (payloadStart >= FIXED_WITH_MIC && message.length >= FIXED_WITH_MIC) {
            mic = Optional.of(r.bytes("MIC", MIC_OFFSET, 16));
        }
        String[] names = new String[3];
        for (int i = 0; i < 3; i++) {
            names[i] = unicode ? r.unicodeField(FIELD_NAMES[2 + i], FIELDS[2 + i])
                    : new String(values[2 + i], java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return new NtlmAuthenticateMessage(flags, values[0], values[1], names[0], names[1], names[2], values[5], version, mic);
    }

    /** @return the encoded message, with Version and MIC reserved (zeros where absent) */
    public byte[] encode() {
        NtlmWriter w = new NtlmWriter(3, FIXED_WITH_MIC);
        // Payload in the order Windows writes it: domain, user, workstation, LM, NT, session key.
        w.field(28, NtlmCrypto.utf16(domain));
        w.field(36, NtlmCrypto.utf16(user));
        w.field(44, NtlmCrypto.utf16(workstation));
        w.field(12, lmChallengeResponse);
        w.field(20, ntChallengeResponse);
        w.field(52, encryptedRandomSessionKey);
        w.u32(60, flags);
        version.ifPresent(v -> v.write(w, 64));
        mic.ifPresent(m -> w.bytes(MIC_OFFSET, m));
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmAuthenticateMessage m && Arrays.equals(encode(), m.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    /** @return the flags and names, never the responses */
    @Override
    public String toString() {
        return "AUTHENTICATE_MESSAGE[" + (domain.isEmpty() ? user : domain + "\\" + user) + ", " + NtlmFlags.describe(flags) + "]";
    }
}
