package io.github.cm4j.wmi.rpc;

/**
 * Authentication levels of MS-RPCE 2.2.1.1.8, as carried in the {@code auth_level} field of the sec_trailer
 * (2.2.2.11). cm4j's client offers only {@link #PKT_INTEGRITY} and {@link #PKT_PRIVACY}; its server refuses calls
 * below its minimum (by default {@link #PKT_INTEGRITY}), as Windows refuses DCOM below packet integrity since the
 * KB5004442 hardening.
 */
public enum AuthLevel {
    /** 1: no authentication. */
    NONE(1),
    /** 2: authenticates the credentials when the connection is set up, nothing after. */
    CONNECT(2),
    /** 3: processed as {@link #PKT} (MS-RPCE 2.2.1.1.8). */
    CALL(3),
    /** 4: as CONNECT, and prevents replay. */
    PKT(4),
    /** 5: every PDU is signed (NTLM: HMAC-MD5 signature, MS-NLMP 3.4.4). */
    PKT_INTEGRITY(5),
    /** 6: every PDU is signed and its stub data encrypted (NTLM: RC4 sealing, MS-NLMP 3.4.3). */
    PKT_PRIVACY(6);

    private final int wire;

    AuthLevel(int wire) {
        this.wire = wire;
    }

    /** @return the value of the {@code auth_level} field */
    public int wire() {
        return wire;
    }

    /** @return whether every PDU at this level carries a signature (integrity or privacy) */
    public boolean protectsPackets() {
        return this == PKT_INTEGRITY || this == PKT_PRIVACY;
    }

    /**
     * @param wire an {@code auth_level} value
     * @return the level, or {@code null} for a value outside 1..6 (0, "default", is CONNECT per 2.2.1.1.8)
     */
    static AuthLevel fromWire(int wire) {
        if (wire == 0) {
            return CONNECT;
        }
        for (AuthLevel l : values()) {
            if (l.wire == wire) {
                return l;
            }
        }
        return null;
    }
}
