package io.github.cm4j.wmi.kerberos;

import java.io.ByteArrayOutputStream;

/**
 * The few DER constructions SPNEGO (RFC 4178 4.2) and the GSS-API token framing (RFC 2743 3.1) need; Kerberos
 * messages themselves are encoded by Kerby. Reading is bounded by the input: every length is checked against
 * what remains before use.
 */
final class Der {
    private Der() {
    }

    /** A TLV read from a buffer. */
    record Tlv(int tag, byte[] buf, int start, int end, int next) {
        byte[] value() {
            return java.util.Arrays.copyOfRange(buf, start, end);
        }
    }

    static Tlv read(byte[] b, int off, int limit) {
        if (off + 2 > limit) {
            throw new IllegalArgumentException("DER: truncated at " + off);
        }
        int tag = b[off] & 0xFF;
        int p = off + 1;
        int len = b[p++] & 0xFF;
        if (len >= 0x80) {
            int n = len & 0x7F;
            if (n == 0 || n > 3 || p + n > limit) {
                throw new IllegalArgumentException("DER: bad length at " + off);
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = len << 8 | b[p++] & 0xFF;
            }
        }
        if (len > limit - p) {
            throw new IllegalArgumentException("DER: length " + len + " past the end at " + off);
        }
        return new Tlv(tag, b, p, p + len, p + len);
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        byte[] c = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (c.length < 0x80) {
            out.write(c.length);
        } else if (c.length < 0x100) {
            out.write(0x81);
            out.write(c.length);
        } else if (c.length < 0x10000) {
            out.write(0x82);
            out.write(c.length >> 8);
            out.write(c.length);
        } else {
            out.write(0x83);
            out.write(c.length >> 16);
            out.write(c.length >> 8);
            out.write(c.length);
        }
        out.writeBytes(c);
        return out.toByteArray();
    }
}
