package io.github.cm4j.wmi.rpc;

/**
 * One PDU fragment as received, its common header checked (C706 12.6.3.1): version 5.0 (minor 0 or 1), data
 * representation little-endian / ASCII / IEEE (the only one cm4j reads), frag_length equal to the bytes, and an
 * auth_length that fits. Offsets of the body, sec_trailer and auth value are derived from frag_length and
 * auth_length as MS-RPCE 2.2.2.11 prescribes.
 *
 * @param bytes the whole fragment
 * @param type PTYPE
 * @param flags pfc_flags
 * @param callId call_id
 * @param authLength auth_length
 */
record Fragment(byte[] bytes, int type, int flags, int callId, int authLength) {
    /**
     * Checks the first 16 bytes of a fragment.
     *
     * @param header at least the common header
     * @param maxFragment the largest frag_length accepted
     * @return frag_length
     * @throws RpcFormatException when the header is not one cm4j reads
     */
    static int fragLength(byte[] header, int maxFragment) {
        PduReader r = new PduReader(header, 0, Pdu.HEADER, "common header");
        int version = r.u8("rpc_vers");
        int minor = r.u8("rpc_vers_minor");
        if (version != 5 || minor > 1) {
            throw r.fail("rpc_vers", 0, "version " + version + "." + minor + ", expected 5.0 or 5.1");
        }
        r.skip("PTYPE", 2);
        int drep0 = r.u8("packed_drep");
        int drep1 = r.u8("packed_drep");
        if (drep0 != 0x10 || drep1 != 0) {
            throw r.fail("packed_drep", 4, String.format("data representation %02x %02x: cm4j reads little-endian, ASCII, IEEE"
                    + " (10 00) only", drep0, drep1));
        }
        r.skip("packed_drep", 2);
        int fragLength = r.u16("frag_length");
        int authLength = r.u16("auth_length");
        if (fragLength < Pdu.HEADER || fragLength > maxFragment) {
            throw r.fail("frag_length", 8, "frag_length " + fragLength + " outside " + Pdu.HEADER + ".." + maxFragment);
        }
        if (authLength > 0 && Pdu.HEADER + Pdu.SEC_TRAILER + authLength > fragLength) {
            throw r.fail("auth_length", 10, "auth_length " + authLength + " and the sec_trailer do not fit in frag_length " + fragLength);
        }
        return fragLength;
    }

    /**
     * @param bytes a whole fragment
     * @param maxFragment the largest frag_length accepted
     * @return the fragment
     * @throws RpcFormatException when the header is not one cm4j reads or frag_length disagrees with the bytes
     */
    static Fragment parse(byte[] bytes, int maxFragment) {
        if (bytes.length < Pdu.HEADER) {
            throw new RpcFormatException("common header", bytes.length, "a fragment is at least 16 bytes, got " + bytes.length);
        }
        int fragLength = fragLength(bytes, maxFragment);
        if (fragLength != bytes.length) {
            throw new RpcFormatException("common header/frag_length", 8, "frag_length " + fragLength + " but the fragment has "
                    + bytes.length + " bytes");
        }
        int callId = (bytes[12] & 0xFF) | (bytes[13] & 0xFF) << 8 | (bytes[14] & 0xFF) << 16 | (bytes[15] & 0xFF) << 24;
        int authLength = (bytes[10] & 0xFF) | (bytes[11] & 0xFF) << 8;
        return new Fragment(bytes, bytes[2] & 0xFF, bytes[3] & 0xFF, callId, authLength);
    }

    boolean first() {
        return (flags & Pdu.PFC_FIRST_FRAG) != 0;
    }

    boolean last() {
        return (flags & Pdu.PFC_LAST_FRAG) != 0;
    }

    /** @return whether the fragment carries a sec_trailer and auth value */
    boolean authenticated() {
        return authLength > 0;
    }

    /** @return where the auth value begins (the fragment's end when unauthenticated) */
    int authValueOffset() {
        return bytes.length - authLength;
    }

    /** @return where the PDU body (with any auth padding) ends: the sec_trailer, or the fragment's end */
    int bodyEnd() {
        return authenticated() ? authValueOffset() - Pdu.SEC_TRAILER : bytes.length;
    }

    /** @return the sec_trailer, or {@code null} when unauthenticated */
    SecTrailer trailer() {
        if (!authenticated()) {
            return null;
        }
        PduReader r = new PduReader(bytes, bodyEnd(), authValueOffset(), Pdu.typeName(type) + "/sec_trailer");
        int authType = r.u8("auth_type");
        int authLevel = r.u8("auth_level");
        int padLength = r.u8("auth_pad_length");
        r.skip("auth_reserved", 1);
        return new SecTrailer(authType, authLevel, padLength, r.u32("auth_context_id"));
    }

    /** @return a copy of the auth value */
    byte[] authValue() {
        return java.util.Arrays.copyOfRange(bytes, authValueOffset(), bytes.length);
    }

    /**
     * @param bodyStart where the PDU body begins (after the PDU-specific header)
     * @return where the body ends without the auth padding
     * @throws RpcFormatException when auth_pad_length is longer than the body
     */
    int stubEnd(int bodyStart) {
        SecTrailer t = trailer();
        int pad = t == null ? 0 : t.padLength();
        if (bodyStart > bodyEnd() || pad > bodyEnd() - bodyStart) {
            throw new RpcFormatException(Pdu.typeName(type) + "/sec_trailer/auth_pad_length", bodyEnd() + 2L,
                    "auth_pad_length " + pad + " is longer than the " + Math.max(0, bodyEnd() - bodyStart) + "-byte body");
        }
        return bodyEnd() - pad;
    }

    /** @return a reader over the PDU-specific part: from the end of the common header to the sec_trailer */
    PduReader body() {
        return new PduReader(bytes, Pdu.HEADER, bodyEnd(), Pdu.typeName(type));
    }

    @Override
    public String toString() {
        return Pdu.typeName(type) + "[call " + Integer.toUnsignedString(callId) + ", " + bytes.length + " bytes, flags 0x"
                + Integer.toHexString(flags) + "]";
    }
}
