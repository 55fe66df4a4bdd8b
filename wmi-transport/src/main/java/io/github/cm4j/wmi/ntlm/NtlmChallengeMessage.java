package io.github.cm4j.wmi.ntlm;

import java.util.Objects;
import java.util.Optional;

/**
 * CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2): the server's answer. Layout: Signature, MessageType 2, TargetNameFields at
 * 12, NegotiateFlags at 20, ServerChallenge (8 bytes) at 24, Reserved (8) at 32, TargetInfoFields at 40, Version
 * at 48 when NTLMSSP_NEGOTIATE_VERSION is set, then the payload. TargetName is UTF-16LE (cm4j negotiates
 * Unicode only).
 *
 * @param flags NegotiateFlags
 * @param serverChallenge the 8-byte ServerChallenge
 * @param targetName TargetName, empty when absent
 * @param targetInfo TargetInfo (an AV_PAIR list), empty when absent
 * @param version the Version field, when present
 */
public record NtlmChallengeMessage(int flags, byte[] serverChallenge, String targetName, AvPairs targetInfo,
                                   Optional<NtlmVersion> version) {
    private static final String STRUCTURE = "CHALLENGE_MESSAGE";
    private static final int FIXED = 48;

    /** Checks and copies the components. */
    public NtlmChallengeMessage {
        if (serverChallenge.length != 8) {
            throw new IllegalArgumentException("ServerChallenge is 8 bytes, got " + serverChallenge.length);
        }
        serverChallenge = serverChallenge.clone();
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(targetInfo, "targetInfo");
        Objects.requireNonNull(version, "version");
    }

    /** @return a copy of the ServerChallenge */
    @Override
    public byte[] serverChallenge() {
        return serverChallenge.clone();
    }

    /**
     * @param message the encoded message
     * @return the message
     * @throws NtlmFormatException when the bytes are not a CHALLENGE_MESSAGE
     */
    public static NtlmChallengeMessage decode(byte[] message) {
        NtlmReader r = new NtlmReader(message, STRUCTURE);
        r.header(2);
        int flags = r.u32("NegotiateFlags", 20);
        byte[] challenge = r.bytes("ServerChallenge", 24, 8);
        r.u32("TargetInfoFields", FIXED - 4);
        String targetName = r.unicodeField("TargetNameFields", 12);
        AvPairs targetInfo = AvPairs.empty();
        int infoLength = r.fieldLength("TargetInfoFields", 40);
        if (infoLength > 0) {
            r.field("TargetInfoFields", 40);
            long start = r.fieldOffset("TargetInfoFields", 40) & 0xFFFFFFFFL;
            targetInfo = AvPairs.decode(new NtlmReader(message, STRUCTURE + "/TargetInfoFields"), (int) start, (int) start + infoLength);
        }
        Optional<NtlmVersion> version = Optional.empty();
        if ((flags & NtlmFlags.NEGOTIATE_VERSION) != 0 && message.length >= FIXED + NtlmVersion.LENGTH) {
            version = Optional.of(NtlmVersion.read(r, FIXED));
        }
        return new NtlmChallengeMessage(flags, challenge, targetName, targetInfo, version);
    }

    /** @return the encoded message; TargetInfo is written when non-empty, Version when present */
    public byte[] encode() {
        int f = version.isPresent() ? flags | NtlmFlags.NEGOTIATE_VERSION : flags & ~NtlmFlags.NEGOTIATE_VERSION;
        NtlmWriter w = new NtlmWriter(2, FIXED + (version.isPresent() ? NtlmVersion.LENGTH : 0));
        w.field(12, NtlmCrypto.utf16(targetName));
        w.u32(20, f);
        w.bytes(24, serverChallenge);
        w.field(40, targetInfo.ids().isEmpty() ? new byte[0] : targetInfo.encode());
        version.ifPresent(v -> v.write(w, FIXED));
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmChallengeMessage m && java.util.Arrays.equals(encode(), m.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "CHALLENGE_MESSAGE[" + NtlmFlags.describe(flags) + ", target " + targetName + ", " + targetInfo + "]";
    }
}
