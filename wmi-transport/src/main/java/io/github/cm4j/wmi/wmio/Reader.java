package io.github.cm4j.wmi.wmio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounded little-endian cursor over a region of the decoded buffer. Every read checks what remains in the
 * region before touching the array, and charges the shared {@link Budget}, so that decoding work stays
 * linear in the input however the heap references point. Errors name the structure being read and the
 * absolute offset (from the start of the caller's buffer).
 *
 * <p>The structure name ({@code EncodingUnit/ObjectBlock/InstanceType/...}) is only needed for an error, so a
 * child reader keeps its parent, its own name and a detail (a property name) and joins them when asked:
 * decoding builds no name strings.
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

        /** @return whether {@code n} more bytes of work fit the budget (then they are charged) */
        boolean tryCharge(long n) {
            if (n > left) {
                return false;
            }
            left -= n;
            return true;
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf;
    /** The region; only {@link #moveWindow} changes it. */
    private int start;
    private int end;
    private final Budget budget;
    /** The reader this one was cut from (null for a root), its own name and the detail in brackets after it. */
    private final Reader parent;
    private final String name;
    private String detail;
    /** The joined structure name, built on first use. */
    private String structure;
    private int pos;

    Reader(byte[] buf, int start, int end, String structure, Budget budget) {
        this(buf, start, end, budget, null, structure, null);
    }

    private Reader(byte[] buf, int start, int end, Budget budget, Reader parent, String name, String detail) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.budget = budget;
        this.parent = parent;
        this.name = name;
        this.detail = detail;
        this.pos = start;
    }

    /** @return the structure this reader reads, for messages */
    String structure() {
        String s = structure;
        if (s == null) {
            StringBuilder sb = new StringBuilder();
            if (parent != null) {
                sb.append(parent.structure());
            }
            if (name != null) {
                sb.append(parent != null ? "/" : "").append(name);
            }
            if (detail != null) {
                sb.append('(').append(detail).append(')');
            }
            s = sb.toString();
            structure = s;
        }
        return s;
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
        return new WmioFormatException(structure(), (long) pos - budget.base(), problem);
    }

    WmioFormatException fail(String problem, Throwable cause) {
        return new WmioFormatException(structure(), (long) pos - budget.base(), problem, cause);
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
        Reader r = new Reader(buf, pos, pos + n, budget, this, name, null);
        pos += n;
        return r;
    }

    /** @return a reader from the current position to the end, with this reader's structure name (for errors) */
    Reader here() {
        return new Reader(buf, pos, end, budget, this, null, null);
    }

    /**
     * @param name the structure name of what follows
     * @return a reader over everything that remains, named as a child; this reader does not advance (use
     *         {@link #skip} with the child's {@link #position()} once it is read)
     */
    Reader rest(String name) {
        return new Reader(buf, pos, end, budget, this, name, null);
    }

    /**
     * @param offset an offset from the region start, at which {@code size} bytes must fit
     * @param size the bytes of the window
     * @param detail what the window holds, shown in brackets after this reader's structure name in errors
     * @return a reader over those bytes; this reader does not advance
     */
    Reader window(int offset, int size, String detail) {
        if (offset < 0 || size < 0 || (long) offset + size > end - start) {
            throw fail(detail + " at offset " + Integer.toUnsignedLong(offset) + " needs " + size + " bytes of the "
                    + (end - start) + "-byte region");
        }
        return new Reader(buf, start + offset, start + offset + size, budget, this, null, detail);
    }

    /**
     * Moves a reader made by {@link #window} to another window of the same parent, so that one reader serves
     * every value-table slot of a part (the decoder keeps no reference to a slot reader after the slot is read).
     *
     * @param offset an offset from the parent's region start
     * @param size the bytes of the window
     * @param newDetail what the window holds, for errors
     * @return this reader
     */
    Reader moveWindow(int offset, int size, String newDetail) {
        if (offset < 0 || size < 0 || (long) offset + size > parent.end - parent.start) {
            throw parent.fail(newDetail + " at offset " + Integer.toUnsignedLong(offset) + " needs " + size
                    + " bytes of the " + (parent.end - parent.start) + "-byte region");
        }
        start = parent.start + offset;
        end = start + size;
        pos = start;
        detail = newDetail;
        structure = null;
        return this;
    }

    /** Bytes of the last string {@link #encodedStringAt} read, its flag and terminator included. */
    private int lastStringLength;

    /**
     * Reads an Encoded-String (2.2.78) at an offset of this region without making a reader for it (strings are
     * the most frequent heap items). Nothing is reported here: for a malformed string or a reference outside
     * the region it returns null, and the caller reads the same bytes through {@link #at} to get the error.
     *
     * @param offset an offset from the region start (a heap reference)
     * @return the text, or null when it cannot be read; {@link #lastStringLength()} then tells its length
     */
    String encodedStringAt(long offset) {
        if (offset < 0 || offset >= end - start) {
            return null;
        }
        int p = start + (int) offset;
        int flag = buf[p] & 0xFF;
        int i = p + 1;
        String s;
        if (flag == 0) {
            // Eight octets at a time: the lowest set bit of (v - 0x01..) & ~v & 0x80.. marks the first zero octet.
            while (i + 8 <= end) {
                long v = (long) LONGS.get(buf, i);
                long zeros = (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
                if (zeros != 0) {
                    i += Long.numberOfTrailingZeros(zeros) >>> 3;
                    break;
                }
                i += 8;
            }
            while (i < end && buf[i] != 0) {
                i++;
            }
            if (i >= end) {
                return null;
            }
            s = new String(buf, p + 1, i - p - 1, StandardCharsets.ISO_8859_1);
            i++;
        } else if (flag == 1) {
            // Four UTF-16 code units at a time, as above with 16-bit lanes.
            while (i + 8 <= end) {
                long v = (long) LONGS.get(buf, i);
                long zeros = (v - 0x0001000100010001L) & ~v & 0x8000800080008000L;
                if (zeros != 0) {
                    i += (Long.numberOfTrailingZeros(zeros) >>> 4) * 2;
                    break;
                }
                i += 8;
            }
            while (i + 1 < end && (buf[i] != 0 || buf[i + 1] != 0)) {
                i += 2;
            }
            if (i + 1 >= end) {
                return null;
            }
            s = new String(buf, p + 1, i - p - 1, StandardCharsets.UTF_16LE);
            i += 2;
        } else {
            return null;
        }
        if (!budget.tryCharge(i - p)) {
            return null;
        }
        lastStringLength = i - p;
        return s;
    }

    /** @return the length of the last string {@link #encodedStringAt} returned */
    int lastStringLength() {
        return lastStringLength;
    }

    /**
     * Advances past bytes already checked by a child reader ({@link #rest}).
     *
     * @param n bytes, at most {@link #remaining()}
     * @param name the structure skipped, for the message when {@code n} does not fit
     */
    void skip(int n, String name) {
        if (n < 0 || n > end - pos) {
            throw fail(name + " needs " + Integer.toUnsignedLong(n) + " bytes but " + (end - pos) + " remain");
        }
        pos += n;
    }

    /**
     * @param offset an offset from the region start (a heap reference)
     * @param name what is referenced
     * @return a reader from that offset to the region end
     */
    Reader at(long offset, String name) {
        return at(offset, name, null);
    }

    /**
     * @param offset an offset from the region start (a heap reference)
     * @param name what is referenced
     * @param detail shown in brackets after the name in errors (a property or method name), or null
     * @return a reader from that offset to the region end
     */
    Reader at(long offset, String name, String detail) {
        if (offset < 0 || offset >= end - start) {
            throw fail((detail == null ? name : name + "(" + detail + ")") + " reference 0x" + Long.toHexString(offset)
                    + " is outside the " + (end - start) + "-byte heap");
        }
        return new Reader(buf, start + (int) offset, end, budget, this, name, detail);
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
