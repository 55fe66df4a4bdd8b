package io.github.cm4j.wmi.ndr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes NDR 2.0 stub data (C706 chapter 14) in the little-endian, ASCII, IEEE data representation that MS-RPCE
 * 2.2.5 uses everywhere: primitives aligned to their size relative to the start of the stream, GUIDs (MS-DTYP
 * 2.3.4.2), arrays, strings, BSTRs (MS-OAUT 2.2.23) and pointers.
 *
 * <p><b>Pointers.</b> A top-level pointer's referent follows its referent ID at once ({@link #topLevelUnique}); a
 * top-level reference pointer has no representation at all (write the referent). A pointer embedded in a
 * construct (structure, array, the referent of another pointer) is written as its referent ID and its referent is
 * <em>deferred</em> (C706 14.3.12.3): {@link #unique}, {@link #embeddedRef} and {@link #full} queue the referent
 * on the innermost open construct, and {@link #construct} writes the queued referents, in order, after the
 * construct's flat part. Each referent is itself a construct, so its own embedded referents follow it directly
 * (depth first, as the Windows NDR engine, impacket and go-msrpc lay them out). Every top-level parameter that
 * contains embedded pointers must be written inside {@link #construct}. Referent IDs start at 0x00020000 and
 * grow by 4, as Windows numbers them; full pointers ({@code [ptr]}) to the same Java object share one referent ID
 * and their referent is written once.
 *
 * <p>Not thread-safe; one writer per message.
 */
public final class NdrWriter {
    /** The first referent ID Windows (and this writer) uses. */
    public static final int FIRST_REFERENT_ID = 0x00020000;
    /** The referent ID Windows writes for a user-marshaled pointer such as a top-level BSTR ("User"). */
    public static final int USER_MARSHAL_MARKER = 0x72657355;

    private byte[] buf = new byte[256];
    private int pos;
    private int nextReferentId = FIRST_REFERENT_ID;
    private final Deque<List<Consumer<NdrWriter>>> frames = new ArrayDeque<>();
    private final Map<Object, Integer> fullPointers = new IdentityHashMap<>();

    /** @return the number of bytes written so far (the current offset, from which alignment is computed) */
    public int position() {
        return pos;
    }

    /** @return a copy of the bytes written */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /**
     * Pads with zero bytes to a multiple of {@code alignment} (C706 14.2.2).
     *
     * @param alignment 1, 2, 4 or 8
     * @return this writer
     */
    public NdrWriter align(int alignment) {
        int pad = (alignment - pos % alignment) % alignment;
        ensure(pad);
        pos += pad; // the array is zero-filled
        return this;
    }

    /** @param v the octet (low 8 bits) @return this writer */
    public NdrWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    /** @param v the 16-bit value (low 16 bits), aligned to 2 @return this writer */
    public NdrWriter u16(int v) {
        align(2);
        ensure(2);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        return this;
    }

    /** @param v the 32-bit value, aligned to 4 @return this writer */
    public NdrWriter u32(int v) {
        align(4);
        ensure(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
        return this;
    }

    /** @param v the 64-bit value (a hyper), aligned to 8 @return this writer */
    public NdrWriter u64(long v) {
        align(8);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** @param g a GUID, as the NDR structure of MS-DTYP 2.3.4.2 (aligned to 4) @return this writer */
    public NdrWriter guid(UUID g) {
        align(4);
        ensure(16);
        Guids.write(Objects.requireNonNull(g, "guid"), buf, pos);
        pos += 16;
        return this;
    }

    /** @param bytes octets written as they are, unaligned @return this writer */
    public NdrWriter bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /**
     * Writes a value at an earlier offset (e.g. a size known only at the end), without moving the position.
     *
     * @param offset where the 32-bit value goes
     * @param v the value
     * @return this writer
     */
    public NdrWriter patchU32(int offset, int v) {
        if (offset < 0 || offset + 4 > pos) {
            throw new IllegalArgumentException("offset " + offset + " is not inside the " + pos + " bytes written");
        }
        buf[offset] = (byte) v;
        buf[offset + 1] = (byte) (v >>> 8);
        buf[offset + 2] = (byte) (v >>> 16);
        buf[offset + 3] = (byte) (v >>> 24);
        return this;
    }

    // -------------------------------------------------------------------------------------------------------------
    // pointers

    /**
     * Writes a construct (a top-level parameter, or the referent of a pointer) and then the referents its embedded
     * pointers deferred, each as a construct of its own.
     *
     * @param body writes the flat part of the construct
     * @return this writer
     */
    public NdrWriter construct(Consumer<NdrWriter> body) {
        List<Consumer<NdrWriter>> deferred = new ArrayList<>();
        frames.push(deferred);
        try {
            body.accept(this);
        } finally {
            frames.pop();
        }
        for (Consumer<NdrWriter> referent : deferred) {
            construct(referent);
        }
        return this;
    }

    private int newReferentId() {
        int id = nextReferentId;
        nextReferentId += 4;
        return id;
    }

    private List<Consumer<NdrWriter>> innermostConstruct() {
        List<Consumer<NdrWriter>> frame = frames.peek();
        if (frame == null) {
            throw new IllegalStateException("an embedded pointer must be written inside construct(...)");
        }
        return frame;
    }

    /**
     * A top-level {@code [unique]} pointer: the referent ID (0 for NULL), then the referent at once.
     *
     * @param referent the value pointed to, or null
     * @param writer writes the referent
     * @param <T> the referent type
     * @return this writer
     */
    public <T> NdrWriter topLevelUnique(T referent, BiConsumer<NdrWriter, T> writer) {
        if (referent == null) {
            return u32(0);
        }
        u32(newReferentId());
        return construct(w -> writer.accept(w, referent));
    }

    /**
     * An embedded {@code [unique]} pointer: the referent ID (0 for NULL); the referent is deferred.
     *
     * @param referent the value pointed to, or null
     * @param writer writes the referent
     * @param <T> the referent type
     * @return this writer
     */
    public <T> NdrWriter unique(T referent, BiConsumer<NdrWriter, T> writer) {
        if (referent == null) {
            return u32(0);
        }
        List<Consumer<NdrWriter>> frame = innermostConstruct();
        u32(newReferentId());
        frame.add(w -> writer.accept(w, referent));
        return this;
    }

    /**
     * An embedded {@code [ref]} pointer: a non-zero referent ID; the referent is deferred.
     *
     * @param referent the value pointed to (not null)
     * @param writer writes the referent
     * @param <T> the referent type
     * @return this writer
     */
    public <T> NdrWriter embeddedRef(T referent, BiConsumer<NdrWriter, T> writer) {
        return unique(Objects.requireNonNull(referent, "a reference pointer cannot be NULL"), writer);
    }

    /**
     * An embedded {@code [ptr]} (full) pointer: pointers to the same object (by identity) share a referent ID and
     * the referent is written once, deferred after the first of them.
     *
     * @param referent the value pointed to, or null
     * @param writer writes the referent
     * @param <T> the referent type
     * @return this writer
     */
    public <T> NdrWriter full(T referent, BiConsumer<NdrWriter, T> writer) {
        if (referent == null) {
            return u32(0);
        }
        Integer known = fullPointers.get(referent);
        if (known != null) {
            return u32(known);
        }
        List<Consumer<NdrWriter>> frame = innermostConstruct();
        int id = newReferentId();
        fullPointers.put(referent, id);
        u32(id);
        frame.add(w -> writer.accept(w, referent));
        return this;
    }

    // -------------------------------------------------------------------------------------------------------------
    // arrays and strings

    /**
     * A conformant array (C706 14.3.3.2): the maximum count, then the elements.
     *
     * @param items the elements
     * @param writer writes one element (aligning it as its type requires)
     * @param <T> the element type
     * @return this writer
     */
    public <T> NdrWriter conformantArray(List<T> items, BiConsumer<NdrWriter, T> writer) {
        u32(items.size());
        for (T item : items) {
            writer.accept(this, item);
        }
        return this;
    }

    /**
     * A varying array (C706 14.3.3.3), the representation of a fixed-size array with {@code length_is}: offset 0,
     * actual count, then the transmitted elements.
     *
     * @param items the transmitted elements
     * @param writer writes one element
     * @param <T> the element type
     * @return this writer
     */
    public <T> NdrWriter varyingArray(List<T> items, BiConsumer<NdrWriter, T> writer) {
        u32(0);
        u32(items.size());
        for (T item : items) {
            writer.accept(this, item);
        }
        return this;
    }

    /**
     * A conformant varying array (C706 14.3.3.4): maximum count, offset 0, actual count, then the elements.
     *
     * @param maximum the maximum count ({@code size_is}), at least the number of items
     * @param items the transmitted elements ({@code length_is})
     * @param writer writes one element
     * @param <T> the element type
     * @return this writer
     */
    public <T> NdrWriter conformantVaryingArray(int maximum, List<T> items, BiConsumer<NdrWriter, T> writer) {
        if (maximum < items.size()) {
            throw new IllegalArgumentException("maximum count " + maximum + " is less than the " + items.size() + " elements");
        }
        u32(maximum);
        u32(0);
        u32(items.size());
        for (T item : items) {
            writer.accept(this, item);
        }
        return this;
    }

    /**
     * A conformant varying byte array: maximum count, offset 0, actual count, the octets.
     *
     * @param maximum the maximum count, at least {@code bytes.length}
     * @param bytes the octets
     * @return this writer
     */
    public NdrWriter conformantVaryingBytes(int maximum, byte[] bytes) {
        if (maximum < bytes.length) {
            throw new IllegalArgumentException("maximum count " + maximum + " is less than the " + bytes.length + " bytes");
        }
        u32(maximum);
        u32(0);
        u32(bytes.length);
        return bytes(bytes);
    }

    /**
     * The referent of a {@code [string] wchar_t*} (C706 14.3.4, a conformant varying array of UTF-16 code units
     * including the terminating NUL): maximum count, offset 0, actual count, the characters and a NUL.
     *
     * @param s the string (without NUL)
     * @return this writer
     */
    public NdrWriter wideString(String s) {
        int units = s.length() + 1;
        u32(units);
        u32(0);
        u32(units);
        bytes(s.getBytes(StandardCharsets.UTF_16LE));
        return bytes(new byte[2]);
    }

    /**
     * The referent of a BSTR: a FLAGGED_WORD_BLOB (MS-OAUT 2.2.23.1), the conformant structure
     * {@code cBytes, clSize, asData[clSize]} preceded by its maximum count. A NULL BSTR is the blob with cBytes
     * 0xFFFFFFFF and no characters (MS-OAUT 2.2.23.2).
     *
     * @param s the string, or null for a NULL BSTR
     * @return this writer
     */
    public NdrWriter flaggedWordBlob(String s) {
        if (s == null) {
            return u32(0).u32(0xFFFFFFFF).u32(0);
        }
        u32(s.length());
        u32(s.length() * 2);
        u32(s.length());
        return bytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    /**
     * A top-level {@code BSTR} parameter: the user-marshal marker 0x72657355 as referent ID (as Windows writes it)
     * and the FLAGGED_WORD_BLOB. A NULL BSTR travels as the blob of MS-OAUT 2.2.23.2, never as a NULL pointer.
     *
     * @param s the string, or null for a NULL BSTR
     * @return this writer
     */
    public NdrWriter bstr(String s) {
        u32(USER_MARSHAL_MARKER);
        return flaggedWordBlob(s);
    }
}
