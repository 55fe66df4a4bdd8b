package io.github.cm4j.wmi.wmio;

import java.nio.charset.StandardCharsets;

/**
 * A bounded little-endian cursor over a region of the decoded buffer. Every read checks what remains in the
 * region before touching the array, and charges the shared {@link Budget}, so that decoding work stays
 * linear in the input however the heap references point. Errors name the structure being read and the
 * absolute offset (from the start of the caller's buffer).
 */
final class Reader {
    /** Shared decoding state: the work budget and the offset origin for messages. */
    static final class Budget {
        private final int base;
        private final long limit;
        private long left;

        Budget(int base, int inputLength) {
            this.base = base;
            // Every byte is read about once; heap items are read once per reference. Four passes' worth plus a
            // constant is far above what a well-formed encoding needs and keeps hostile sharing linear.
            this.limit = 4L * inputLength + 65_536;
            this.left = limit;
        }

        void charge(long n, Reader at) {
            left -= n;
            if (left < 0) {
                throw at.fail("decoding work exceeds " + limit + " bytes for this input: heap references overlap or"
                        + " repeat beyond what a well-formed encoding needs");
            }
        }

        int base() {
            return base;
        }
    }

    private final byte[] buf;
    private final int start;
    private final int end;
    private final String structure;
    private final Budget budget;
    private int pos;

    Reader(byte[] buf, int start, int end, String structure, Budget budget) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.structure = structure;
        this.budget = budget;
        this.pos = start;
    }

    /** @return the structure this reader reads, for messages */
    String structure() {
        return structure;
    }

    Budget budget() {
        return budget;
    }

    int remaining() {
        return end - pos;
    }

    /** @return the position relative to the region start */
    int position() {
        return pos - start;
    }

    /** @return the region length */
    int length() {
        return end - start;
    }

    /** @return the absolute index in the backing array (for spans) */
    int absolute() {
        return pos;
    }

    int regionStart() {
        return start;
    }

    byte[] array() {
        return buf;
    }

    WmioFormatException fail(String problem) {
        return new WmioFormatException(structure, (long) pos - budget.base(), problem);
    }

    WmioFormatException fail(String problem, Throwable cause) {
        return new WmioFormatException(structure, (long) pos - budget.base(), problem, cause);
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw fail(what + " needs " + n + " bytes but " + (end - pos) + " remain");
        }
        budget.charge(n, this);
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** @return the 32-bit value as a Java int (use {@link Integer#toUnsignedLong} for lengths) */
    int u32(String what) {
        need(4, what);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long u64(String what) {
        long lo = Integer.toUnsignedLong(u32(what));
        long hi = Integer.toUnsignedLong(u32(what));
        return lo | hi << 32;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    /**
     * Reads a 32-bit length and checks that it fits what remains.
     *
     * @param what the field name
     * @param minimum the smallest valid value
     * @param includesItself whether the length counts its own four bytes (MS-WMIO EncodingLength does)
     * @return the number of bytes that follow the length field
     */
    int length(String what, int minimum, boolean includesItself) {
        int at = pos;
        long v = Integer.toUnsignedLong(u32(what));
        if (v < minimum) {
            pos = at;
            throw fail(what + " " + v + " is below the minimum " + minimum);
        }
        long following = includesItself ? v - 4 : v;
        if (following > remaining()) {
            pos = at;
            throw fail(what + " " + v + " exceeds the " + (includesItself ? remaining() + 4 : remaining())
                    + " bytes available");
        }
        return (int) following;
    }

    /**
     * @param n bytes to take, checked against what remains
     * @param name the structure name of the slice
     * @return a reader over the next {@code n} bytes; this reader advances past them
     */
    Reader slice(int n, String name) {
        if (n < 0 || n > end - pos) {
            throw fail(name + " needs " + Integer.toUnsignedLong(n) + " bytes but " + (end - pos) + " remain");
        }
        Reader r = new Reader(buf, pos, pos + n, structure + "/" + name, budget);
        pos += n;
        return r;
    }

    /**
     * @param offset an offset from the region start (a heap reference)
     * @param name what is referenced
     * @return a reader from that offset to the region end
     */
    Reader at(long offset, String name) {
        if (offset < 0 || offset >= end - start) {
            throw fail(name + " reference 0x" + Long.toHexString(offset) + " is outside the " + (end - start) + "-byte heap");
        }
        return new Reader(buf, start + (int) offset, end, structure + "/" + name, budget);
    }

    /**
     * Reads an MS-WMIO 2.2.78 Encoded-String: a flag octet, then either compressed characters (flag 0: one
     * octet per UTF-16 code unit whose high octet is zero, so ISO-8859-1) ending with a 0 octet, or UTF-16LE
     * code units (flag 1) ending with 0x0000.
     *
     * @param what the field name
     * @return the text
     */
    String encodedString(String what) {
        int flag = u8(what + " Encoded-String-Flag");
        if (flag == 0) {
            int i = pos;
            while (i < end && buf[i] != 0) {
                i++;
            }
            if (i >= end) {
                throw fail(what + ": compressed string has no terminating 0 octet before the end of its structure");
            }
            budget.charge(i - pos + 1L, this);
            String s = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
            pos = i + 1;
            return s;
        }
        if (flag == 1) {
            int i = pos;
            while (i + 1 < end && (buf[i] != 0 || buf[i + 1] != 0)) {
                i += 2;
            }
            if (i + 1 >= end) {
                throw fail(what + ": UTF-16 string has no terminating 0x0000 before the end of its structure");
            }
            budget.charge(i - pos + 2L, this);
            String s = new String(buf, pos, i - pos, StandardCharsets.UTF_16LE);
            pos = i + 2;
            return s;
        }
        pos--;
        throw fail(what + ": Encoded-String-Flag 0x" + Integer.toHexString(flag) + " is neither 0 (compressed) nor 1 (UTF-16)");
    }
}
