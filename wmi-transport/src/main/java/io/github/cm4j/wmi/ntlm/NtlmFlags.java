package io.github.cm4j.wmi.ntlm;

import java.util.ArrayList;
import java.util.List;

/** The NegotiateFlags bits of MS-NLMP 2.2.2.5, with their names for logs and messages. */
public final class NtlmFlags {
    /** A: Unicode strings. */
    public static final int NEGOTIATE_UNICODE = 0x00000001;
    /** B: OEM strings. */
    public static final int NEGOTIATE_OEM = 0x00000002;
    /** C: the CHALLENGE_MESSAGE carries a TargetName. */
    public static final int REQUEST_TARGET = 0x00000004;
    /** D: message integrity. */
    public static final int NEGOTIATE_SIGN = 0x00000010;
    /** E: message confidentiality. */
    public static final int NEGOTIATE_SEAL = 0x00000020;
    /** F: connectionless (datagram) mode. */
    public static final int NEGOTIATE_DATAGRAM = 0x00000040;
    /** G: LAN Manager session key (never used by cm4j). */
    public static final int NEGOTIATE_LM_KEY = 0x00000080;
    /** H: NTLM v1 session security; set by every client and server. */
    public static final int NEGOTIATE_NTLM = 0x00000200;
    /** J: anonymous connection. */
    public static final int ANONYMOUS = 0x00000800;
    /** K: the NEGOTIATE_MESSAGE carries a domain name. */
    public static final int NEGOTIATE_OEM_DOMAIN_SUPPLIED = 0x00001000;
    /** L: the NEGOTIATE_MESSAGE carries a workstation name. */
    public static final int NEGOTIATE_OEM_WORKSTATION_SUPPLIED = 0x00002000;
    /** M: signature block on all messages. */
    public static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    /** N: TargetName is a domain name. */
    public static final int TARGET_TYPE_DOMAIN = 0x00010000;
    /** O: TargetName is a server name. */
    public static final int TARGET_TYPE_SERVER = 0x00020000;
    /** P: extended session security (NTLM2 session security; MS-NLMP 3.4.4.2 keys and signatures). */
    public static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    /** Q: identify-level token. */
    public static final int NEGOTIATE_IDENTIFY = 0x00100000;
    /** R: LMOWF-based session key (never used by cm4j). */
    public static final int REQUEST_NON_NT_SESSION_KEY = 0x00400000;
    /** S: the CHALLENGE_MESSAGE carries TargetInfo. */
    public static final int NEGOTIATE_TARGET_INFO = 0x00800000;
    /** T: the Version field is populated. */
    public static final int NEGOTIATE_VERSION = 0x02000000;
    /** U: 128-bit session keys. */
    public static final int NEGOTIATE_128 = 0x20000000;
    /** V: explicit key exchange (EncryptedRandomSessionKey). */
    public static final int NEGOTIATE_KEY_EXCH = 0x40000000;
    /** W: 56-bit session keys. */
    public static final int NEGOTIATE_56 = 0x80000000;

    private static final int[] BITS = {NEGOTIATE_UNICODE, NEGOTIATE_OEM, REQUEST_TARGET, NEGOTIATE_SIGN, NEGOTIATE_SEAL,
        NEGOTIATE_DATAGRAM, NEGOTIATE_LM_KEY, NEGOTIATE_NTLM, ANONYMOUS, NEGOTIATE_OEM_DOMAIN_SUPPLIED,
        NEGOTIATE_OEM_WORKSTATION_SUPPLIED, NEGOTIATE_ALWAYS_SIGN, TARGET_TYPE_DOMAIN, TARGET_TYPE_SERVER,
        NEGOTIATE_EXTENDED_SESSIONSECURITY, NEGOTIATE_IDENTIFY, REQUEST_NON_NT_SESSION_KEY, NEGOTIATE_TARGET_INFO,
        NEGOTIATE_VERSION, NEGOTIATE_128, NEGOTIATE_KEY_EXCH, NEGOTIATE_56};
    private static final String[] NAMES = {"UNICODE", "OEM", "REQUEST_TARGET", "SIGN", "SEAL", "DATAGRAM", "LM_KEY",
        "NTLM", "ANONYMOUS", "OEM_DOMAIN_SUPPLIED", "OEM_WORKSTATION_SUPPLIED", "ALWAYS_SIGN", "TARGET_TYPE_DOMAIN",
        "TARGET_TYPE_SERVER", "EXTENDED_SESSIONSECURITY", "IDENTIFY", "NON_NT_SESSION_KEY", "TARGET_INFO", "VERSION",
        "128", "KEY_EXCH", "56"};

    /**
     * What cm4j requires of every session, both as client and as server: NTLMv2 keys with extended session
     * security (MS-NLMP 3.4.4.2), 128-bit, explicit key exchange, signing, Unicode.
     */
    static final int REQUIRED = NEGOTIATE_UNICODE | NEGOTIATE_SIGN | NEGOTIATE_EXTENDED_SESSIONSECURITY | NEGOTIATE_128
            | NEGOTIATE_KEY_EXCH;

    private NtlmFlags() {
    }

    /**
     * @param flags NegotiateFlags
     * @return the names of the set bits, e.g. {@code "UNICODE|SIGN|SEAL"}, with unnamed bits in hex
     */
    public static String describe(int flags) {
        List<String> names = new ArrayList<>();
        int rest = flags;
        for (int i = 0; i < BITS.length; i++) {
            if ((flags & BITS[i]) != 0) {
                names.add(NAMES[i]);
                rest &= ~BITS[i];
            }
        }
        if (rest != 0) {
            names.add(String.format("0x%08x", rest));
        }
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    /** @return the names of the {@link #REQUIRED} bits missing from {@code flags}, or an empty string */
    static String missingRequired(int flags) {
        int missing = REQUIRED & ~flags;
        return missing == 0 ? "" : describe(missing);
    }
}
