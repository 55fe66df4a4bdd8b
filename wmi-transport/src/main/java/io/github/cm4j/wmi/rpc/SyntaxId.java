package io.github.cm4j.wmi.rpc;

import java.util.Objects;
import java.util.UUID;

/**
 * A presentation syntax identifier (C706 12.6.3.1 {@code p_syntax_id_t}): an interface or transfer syntax UUID
 * with a major and minor version, on the wire as the UUID (MS-DTYP 2.3.4.2 layout) followed by the major and the
 * minor version as little-endian 16-bit values.
 *
 * @param uuid the interface or transfer syntax UUID
 * @param major the major version
 * @param minor the minor version
 */
public record SyntaxId(UUID uuid, int major, int minor) {
    /** The NDR 2.0 transfer syntax (C706 appendix I; MS-RPCE 2.2.4.12), the only one cm4j speaks. */
    public static final SyntaxId NDR20 = new SyntaxId(UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"), 2, 0);
    /** NDR64 (MS-RPCE 2.2.5), recognised only to be declined. */
    public static final SyntaxId NDR64 = new SyntaxId(UUID.fromString("71710533-beba-4937-8319-b5dbef9ccc36"), 1, 0);
    /** Length on the wire. */
    static final int LENGTH = 20;
    /** The first 8 bytes of a bind time feature negotiation transfer syntax (MS-RPCE 3.3.1.5.3): 6CB71C2C-9812-4540. */
    private static final long FEATURE_NEGOTIATION_PREFIX = 0x6cb71c2c98124540L;

    /** Checks the components. */
    public SyntaxId {
        Objects.requireNonNull(uuid, "uuid");
        if (major < 0 || major > 0xFFFF || minor < 0 || minor > 0xFFFF) {
            throw new IllegalArgumentException("versions are 16-bit: " + major + "." + minor);
        }
    }

    /**
     * @param uuid the interface UUID
     * @param major the major version
     * @param minor the minor version
     * @return the syntax identifier
     */
    public static SyntaxId of(String uuid, int major, int minor) {
        return new SyntaxId(UUID.fromString(uuid), major, minor);
    }

    /**
     * @param bitmask the BindTimeFeatureNegotiationBitmask (MS-RPCE 2.2.2.14), first octet
     * @return the transfer syntax a client proposes to negotiate those features: prefix 6CB71C2C-9812-4540, the
     *     bitmask octets, version 1.0
     */
    public static SyntaxId bindTimeFeatureNegotiation(int bitmask) {
        return new SyntaxId(new UUID(FEATURE_NEGOTIATION_PREFIX, (long) (bitmask & 0xFF) << 56), 1, 0);
    }

    /** @return whether this is a bind time feature negotiation transfer syntax (MS-RPCE 3.3.1.5.3) */
    public boolean isBindTimeFeatureNegotiation() {
        return uuid.getMostSignificantBits() == FEATURE_NEGOTIATION_PREFIX;
    }

    /** @return the first octet of the BindTimeFeatureNegotiationBitmask carried in the UUID (2.2.2.14) */
    int featureBitmask() {
        return (int) (uuid.getLeastSignificantBits() >>> 56) & 0xFF;
    }

    void write(PduWriter w) {
        w.uuid(uuid);
        w.u16(major);
        w.u16(minor);
    }

    static SyntaxId read(PduReader r, String part) {
        return new SyntaxId(r.uuid(part), r.u16(part), r.u16(part));
    }

    @Override
    public String toString() {
        return uuid + " v" + major + "." + minor;
    }
}
