package io.github.cm4j.wmi.dcom;

import java.util.Objects;

/**
 * STRINGBINDING (MS-DCOM 2.2.19.3): a protocol tower and a network address where an object exporter or resolver
 * listens, e.g. tower 7 (ncacn_ip_tcp) and {@code "HOST[49667]"}.
 *
 * @param towerId the protocol sequence (MS-RPCE 2.2.4.1; {@link #NCACN_IP_TCP} = 7); never 0
 * @param networkAddress the address, without NUL
 */
public record StringBinding(int towerId, String networkAddress) {
    /** ncacn_ip_tcp. */
    public static final int NCACN_IP_TCP = 0x07;

    /** Validates. */
    public StringBinding {
        if (towerId <= 0 || towerId > 0xFFFF) {
            throw new IllegalArgumentException("wTowerId " + towerId + " is not in 1..65535");
        }
        Objects.requireNonNull(networkAddress, "networkAddress");
        if (networkAddress.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a network address cannot contain NUL");
        }
    }
}
