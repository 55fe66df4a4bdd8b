package io.github.cm4j.wmi.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test helper for other modules: the NT hash (MS-NLMP 3.3.1, NTOWFv1 = MD4(UNICODE(password))) of a password, in hex. */
public final class NtHashes {
    private NtHashes() {
    }

    /** @return MD4 of the UTF-16LE password, 32 lower-case hex digits */
    public static String hex(String password) {
        return HexFormat.of().formatHex(Md4.digest(password.getBytes(StandardCharsets.UTF_16LE)));
    }
}
