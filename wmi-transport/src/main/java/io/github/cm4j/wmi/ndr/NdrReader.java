package io.github.cm4j.wmi.ndr;

import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads NDR 2.0 stub data (C706 chapter 14) in the little-endian data representation of MS-RPCE 2.2.5, the mirror
 * of {@link NdrWriter}. Alignment is relative to the start of the region read.
 *
 * <p><b>Bounded.</b> Every read checks what remains before it touches the buffer, and every count read off the
 * wire is compared with the bytes that remain (at the smallest size an element can have) before anything is
 * allocated. Problems are {@link NdrFormatException}s naming the message and field and giving the offset from the
 * start of the region; nothing else escapes for any input.
 *
 * <p><b>Deferred referents.</b> Decoding a construct with embedded pointers takes two steps, as the referents come
 * after the construct's flat part: a {@link Decoder} reads the flat part and returns a {@link Supplier} that builds
 * the value once the referents are read. {@link #unique}, {@link #embeddedRef} and {@link #full} read a referent ID
 * and queue the referent's decoder on the innermost open construct; {@link #construct} reads a construct and then
 * the queued referents, depth first (the order {@link NdrWriter} writes). Every top-level parameter that contains
 * embedded pointers is read through {@link #construct}.
 *
 * <p>Not thread-safe; one reader per message.
 */
public final class NdrReader {

    /**
     * Decodes a construct: reads its flat part and returns how to build the value once the referents of its
     * embedded pointers have been read.
     *
     * @param <T> the decoded type
     */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * @param r the reader, positioned at the construct
         * @return the value, to be taken after the construct's deferred referents are read
         */
        Supplier<T> decode(NdrReader r);

        /**
         * @param read reads a value without embedded pointers
         * @param <T> the decoded type
         * @return a decoder for it
         */
        static <T> Decoder<T> of(Function<NdrReader, T> read) {
            return r -> {
                T value = read.apply(r);
                return () -> value;
            };
        }
    }

    /**
     * The referent of an embedded pointer, available once its construct has been read.
     *
     * @param <T> the referent type
     */
    public static final class Deferred<T> {
        private static final Deferred<?> NULL = resolved(null);
        private T value;
        private boolean resolved;

        private Deferred() {
        }

        private static <T> Deferred<T> resolved(T value) {
            Deferred<T> d = new Deferred<>();
            d.value = value;
            d.resolved = true;
            return d;
        }

        @SuppressWarnings("unchecked")
        static <T> Deferred<T> nullPointer() {
            return (Deferred<T>) NULL;
        }

        /**
         * @return the referent, or null for a NULL pointer
         * @throws IllegalStateException when asked before the enclosing construct was read (a decoder bug)
         */
        public T get() {
            if (!resolved) {
                throw new IllegalStateException("the referent is read after its construct; take it in the Supplier");
            }
            return value;
        }

        void set(T v) {
            value = v;
            resolved = true;
        }
    }

    /** A referent queued on an open construct. */
    private record Pending<T>(Deferred<T> target, Decoder<T> decoder) {
        void read(NdrReader r) {
            target.set(r.construct(decoder));
        }
    }

    private final byte[] buf;
    private final int start;
    private final int end;
    private final String message;
    private final int base;
    private int pos;
    private final Deque<List<Pending<?>>> frames = new ArrayDeque<>();
    private final Map<Integer, Deferred<?>> fullPointers = new HashMap<>();

    /**
     * @param stub the stub data
     * @param message what is decoded, for messages (e.g. {@code "IWbemServices::ExecQuery request"})
     */
    public NdrReader(byte[] stub, String message) {
        this(stub, 0, stub.length, message, 0);
    }

    /**
     * A reader over a region; alignment is relative to {@code from}.
     *
     * @param buf the buffer
     * @param from where the region starts
     * @param to where it ends (exclusive)
     * @param message what is decoded, for messages
     * @param base what offsets in messages are counted from (e.g. 0 to count from the start of {@code buf})
     */
    public NdrReader(byte[] buf, int from, int to, String message, int base) {
        Objects.checkFromToIndex(from, to, buf.length);
        this.buf = buf;
        this.start = from;
        this.end = to;
        this.message = Objects.requireNonNull(message, "message");
        this.base = base;
        this.pos = from;
    }

    /** @return the bytes left in the region */
    public int remaining() {
        return end - pos;
    }

    /** @return the position relative to the region start */
    public int position() {
        return pos - start;
    }

    /**
     * @param field the field being read
     * @param problem what is wrong
     * @return an exception naming the message, field and current offset
     */
    public NdrFormatException fail(String field, String problem) {
        return new NdrFormatException(message + "/" + field, (long) pos - base, problem);
    }

    /**
     * @param field the field being read
     * @param problem what is wrong
     * @param cause the underlying failure
     * @return an exception naming the message, field and current offset
     */
    public NdrFormatException fail(String field, String problem, Throwable cause) {
        return new NdrFormatException(message + "/" + field, (long) pos - base, problem, cause);
    }

    /**
     * An error found inside a nested structure decoded by another decoder (an OBJREF, an MS-WMIO object), rebased so
     * that the offset counts from the start of this reader's buffer origin.
     *
     * @param field the field holding the nested structure
     * @param position where the nested structure starts, relative to the region start ({@link #position()})
     * @param e the nested decoder's error, its offset relative to the nested structure
     * @return an exception naming the message, the field and the nested structure
     */
    public NdrFormatException nested(String field, int position, WmioFormatException e) {
        return new NdrFormatException(message + "/" + field + "/" + e.structure(), (long) start + position - base + e.offset(),
                e.problem(), e);
    }

    private void need(int n, String field) {
        if (n > end - pos) {
            throw fail(field, "needs " + n + " bytes but " + (end - pos) + " remain");
        }
    }

    /**
     * Skips the padding to a multiple of {@code alignment} (C706 14.2.2); padding content is ignored.
     *
     * @param alignment 1, 2, 4 or 8
     * @param field the field that follows, for messages
     */
    public void align(int alignment, String field) {
        int pad = (alignment - (pos - start) % alignment) % alignment;
        need(pad, field + " (alignment padding)");
        pos += pad;
    }

    /** @param field the field @return the octet */
    public int u8(String field) {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    /** @param field the field @return the 16-bit value (aligned to 2) */
    public int u16(String field) {
        align(2, field);
        need(2, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** @param field the field @return the 32-bit value (aligned to 4) as a Java int */
    public int u32(String field) {
        align(4, field);
        need(4, field);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** @param field the field @return the 64-bit value (aligned to 8) */
    public long u64(String field) {
        align(8, field);
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (buf[pos + i] & 0xFFL) << (8 * i);
        }
        pos += 8;
        return v;
    }

    /** @param field the field @return the GUID (MS-DTYP 2.3.4.2, aligned to 4) */
    public UUID guid(String field) {
        align(4, field);
        need(16, field);
        UUID g = Guids.read(buf, pos);
        pos += 16;
        return g;
    }

    /**
     * @param n how many octets, already checked by the caller to be sane
     * @param field the field
     * @return a copy of the octets
     */
    public byte[] bytes(int n, String field) {
        if (n < 0) {
            throw fail(field, "negative length " + n);
        }
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * Checks a count read off the wire before anything is allocated for it.
     *
     * @param count the count, as an unsigned 32-bit value in a Java int or a long
     * @param minBytesEach the fewest bytes one element can take
     * @param limit the largest count the IDL or cm4j allows
     * @param field the field
     * @return the count as an int
     */
    public int count(long count, int minBytesEach, long limit, String field) {
        long n = count < 0 ? count & 0xFFFFFFFFL : count;
        if (n > limit) {
            throw fail(field, "count " + n + " exceeds the limit of " + limit);
        }
        if (n * minBytesEach > end - pos) {
            throw fail(field, "count " + n + " needs at least " + n * minBytesEach + " bytes but " + (end - pos) + " remain");
        }
        return (int) n;
    }

    /**
     * Checks that an array's conformance equals the parameter or field its {@code size_is} names: the correlation
     * validation of the strict NDR data consistency check (MS-RPCE 3.1.1.5.3), which rejects a mismatch.
     *
     * @param field the array
     * @param sizeIs the value of the {@code size_is} expression
     * @param conformance the count read with the array
     */
    public void requireConformance(String field, long sizeIs, int conformance) {
        if (sizeIs != conformance) {
            throw fail(field, "conformance " + conformance + " differs from size_is " + sizeIs);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // pointers

    /**
     * Reads a construct, then the referents its embedded pointers queued (each a construct of its own).
     *
     * @param decoder reads the construct's flat part
     * @param <T> the value type
     * @return the value
     */
    public <T> T construct(Decoder<T> decoder) {
        List<Pending<?>> pending = new ArrayList<>();
        frames.push(pending);
        Supplier<T> value;
        try {
            value = decoder.decode(this);
        } finally {
            frames.pop();
        }
        for (Pending<?> p : pending) {
            p.read(this);
        }
        return value.get();
    }

    /**
     * @param field the field
     * @return a raw referent ID (0 = NULL)
     */
    public int referentId(String field) {
        return u32(field);
    }

    /**
     * A top-level {@code [unique]} pointer: the referent ID, then (unless NULL) the referent at once.
     *
     * @param field the field
     * @param decoder reads the referent
     * @param <T> the referent type
     * @return the referent, or null for a NULL pointer
     */
    public <T> T topLevelUnique(String field, Decoder<T> decoder) {
        return referentId(field) == 0 ? null : construct(decoder);
    }

    /**
     * An embedded {@code [unique]} pointer: reads the referent ID and queues the referent on the open construct.
     *
     * @param field the field
     * @param decoder reads the referent
     * @param <T> the referent type
     * @return the referent, available once the construct is read
     */
    public <T> Deferred<T> unique(String field, Decoder<T> decoder) {
        List<Pending<?>> frame = openConstruct(field);
        if (referentId(field) == 0) {
            return Deferred.nullPointer();
        }
        Deferred<T> d = new Deferred<>();
        frame.add(new Pending<>(d, decoder));
        return d;
    }

    /**
     * An embedded {@code [ref]} pointer: a referent ID that must not be 0, and the referent queued.
     *
     * @param field the field
     * @param decoder reads the referent
     * @param <T> the referent type
     * @return the referent, available once the construct is read
     */
    public <T> Deferred<T> embeddedRef(String field, Decoder<T> decoder) {
        List<Pending<?>> frame = openConstruct(field);
        if (referentId(field) == 0) {
            throw fail(field, "a reference pointer is NULL");
        }
        Deferred<T> d = new Deferred<>();
        frame.add(new Pending<>(d, decoder));
        return d;
    }

    /**
     * An embedded {@code [ptr]} (full) pointer: a referent ID seen before refers to the same referent, which is
     * read once.
     *
     * @param field the field
     * @param decoder reads the referent
     * @param <T> the referent type
     * @return the referent, available once the construct that first named it is read
     */
    @SuppressWarnings("unchecked")
    public <T> Deferred<T> full(String field, Decoder<T> decoder) {
        List<Pending<?>> frame = openConstruct(field);
        int id = referentId(field);
        if (id == 0) {
            return Deferred.nullPointer();
        }
        Deferred<?> known = fullPointers.get(id);
        if (known != null) {
            return (Deferred<T>) known;
        }
        Deferred<T> d = new Deferred<>();
        fullPointers.put(id, d);
        frame.add(new Pending<>(d, decoder));
        return d;
    }

    private List<Pending<?>> openConstruct(String field) {
        List<Pending<?>> frame = frames.peek();
        if (frame == null) {
            throw new IllegalStateException(message + "/" + field + ": an embedded pointer must be read inside construct(...)");
        }
        return frame;
    }

    // -------------------------------------------------------------------------------------------------------------
    // arrays and strings

    /**
     * A conformant array (C706 14.3.3.2): the maximum count, then the elements.
     *
     * @param field the field
     * @param minBytesEach the fewest bytes one element takes (bounds the count before allocation)
     * @param limit the largest count allowed
     * @param element reads one element
     * @param <T> the element type
     * @return the elements
     */
    public <T> List<T> conformantArray(String field, int minBytesEach, long limit, Function<NdrReader, T> element) {
        int n = count(u32(field + " MaximumCount"), minBytesEach, limit, field);
        return elements(n, element);
    }

    /**
     * A varying array (C706 14.3.3.3): offset (which must be 0), actual count, the elements.
     *
     * @param field the field
     * @param fixedSize the array's declared size, which the actual count must not exceed
     * @param minBytesEach the fewest bytes one element takes
     * @param element reads one element
     * @param <T> the element type
     * @return the transmitted elements
     */
    public <T> List<T> varyingArray(String field, int fixedSize, int minBytesEach, Function<NdrReader, T> element) {
        int n = variance(field, fixedSize, minBytesEach);
        return elements(n, element);
    }

    /**
     * A conformant varying array (C706 14.3.3.4): maximum count, offset (which must be 0), actual count (at most
     * the maximum), the elements.
     *
     * @param field the field
     * @param minBytesEach the fewest bytes one element takes
     * @param limit the largest maximum count allowed
     * @param element reads one element
     * @param <T> the element type
     * @return the transmitted elements
     */
    public <T> List<T> conformantVaryingArray(String field, int minBytesEach, long limit, Function<NdrReader, T> element) {
        long max = Integer.toUnsignedLong(u32(field + " MaximumCount"));
        if (max > limit) {
            throw fail(field, "maximum count " + max + " exceeds the limit of " + limit);
        }
        int n = variance(field, max, minBytesEach);
        return elements(n, element);
    }

    /**
     * A conformant varying array of octets.
     *
     * @param field the field
     * @param limit the largest maximum count allowed
     * @return the transmitted octets
     */
    public byte[] conformantVaryingBytes(String field, long limit) {
        long max = Integer.toUnsignedLong(u32(field + " MaximumCount"));
        if (max > limit) {
            throw fail(field, "maximum count " + max + " exceeds the limit of " + limit);
        }
        return bytes(variance(field, max, 1), field);
    }

    /** Reads offset and actual count; checks offset 0 and actual count against the maximum and the input. */
    private int variance(String field, long max, int minBytesEach) {
        int offset = u32(field + " Offset");
        if (offset != 0) {
            throw fail(field, "offset " + Integer.toUnsignedString(offset) + " is not 0 (cm4j reads varying arrays from"
                    + " their first element, as every DCOM and MS-WMI message sends them)");
        }
        long actual = Integer.toUnsignedLong(u32(field + " ActualCount"));
        if (actual > max) {
            throw fail(field, "actual count " + actual + " exceeds the maximum count " + max);
        }
        return count(actual, minBytesEach, max, field);
    }

    private <T> List<T> elements(int n, Function<NdrReader, T> element) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(this));
        }
        return out;
    }

    /**
     * The referent of a {@code [string] wchar_t*}: maximum count, offset 0, actual count, UTF-16LE code units
     * of which the last must be the terminating NUL (C706 14.3.4).
     *
     * @param field the field
     * @return the string without its NUL
     */
    public String wideString(String field) {
        long max = Integer.toUnsignedLong(u32(field + " MaximumCount"));
        int units = variance(field, max, 2);
        if (units == 0) {
            throw fail(field, "a [string] has no terminating NUL (actual count 0)");
        }
        byte[] b = bytes(units * 2, field);
        if (b[b.length - 1] != 0 || b[b.length - 2] != 0) {
            throw fail(field, "the last of the " + units + " characters of a [string] is not NUL");
        }
        return new String(b, 0, b.length - 2, StandardCharsets.UTF_16LE);
    }

    /**
     * The referent of a BSTR, a FLAGGED_WORD_BLOB (MS-OAUT 2.2.23.1): maximum count, cBytes, clSize, asData. A blob
     * with cBytes 0xFFFFFFFF is a NULL BSTR (2.2.23.2). clSize must equal the maximum count and be cBytes / 2
     * rounded up; an odd cBytes drops the high octet of the last character.
     *
     * @param field the field
     * @return the string, or null for a NULL BSTR
     */
    public String flaggedWordBlob(String field) {
        long max = Integer.toUnsignedLong(u32(field + " MaximumCount"));
        long cBytes = Integer.toUnsignedLong(u32(field + " cBytes"));
        long clSize = Integer.toUnsignedLong(u32(field + " clSize"));
        if (clSize != max) {
            throw fail(field, "clSize " + clSize + " differs from the maximum count " + max);
        }
        int units = count(clSize, 2, Integer.MAX_VALUE / 2, field);
        if (cBytes == 0xFFFFFFFFL) {
            if (units != 0) {
                throw fail(field, "a NULL BSTR (cBytes 0xFFFFFFFF) has clSize " + units + ", not 0");
            }
            return null;
        }
        if ((cBytes + 1) / 2 != units) {
            throw fail(field, "cBytes " + cBytes + " does not match clSize " + units + " (MS-OAUT 2.2.23.1)");
        }
        byte[] b = bytes(units * 2, field);
        return new String(b, 0, (int) (cBytes & ~1L), StandardCharsets.UTF_16LE);
    }

    /**
     * A top-level {@code BSTR} parameter: a referent ID (any non-zero value, Windows writes 0x72657355) and the
     * FLAGGED_WORD_BLOB. A NULL pointer, which MS-OAUT does not send, also reads as a NULL BSTR.
     *
     * @param field the field
     * @return the string, or null for a NULL BSTR
     */
    public String bstr(String field) {
        return referentId(field) == 0 ? null : flaggedWordBlob(field);
    }
}
