package io.github.cm4j.wmi.wmio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded instance class parts (MS-WMIO 2.2.15 ClassPart, the CurrentClass of an InstanceType 2.2.53) keyed by
 * their exact bytes. Every instance of one class from one server carries the same class part, byte for byte,
 * so an instance whose class part was seen before reuses its decoded {@link Wire.ClassPart} and the converted
 * {@link io.github.cm4j.cim.WmiClass} instead of rebuilding both. A hit needs the bytes to be equal, so bytes
 * that differ anywhere (another class, another version of a class, a changed default) are decoded anew.
 *
 * <p>Bounded by entries and by the class-part bytes it holds (a part larger than a quarter of that is not
 * kept); when full, the oldest entries go first. The keys are copies, so callers may reuse their buffers.
 * Thread-safe: the cached values are never modified after they are put.
 */
final class ClassPartCache {
    /** The cache the codec's decode methods share. */
    static final ClassPartCache SHARED = new ClassPartCache(256, 4 << 20);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A decoded class part with what decoding it added to the decoder's padding count. */
    record Entry(WmioClassPart classPart, long padding) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Insertion order, for eviction. */
    private final Queue<Key> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param maxEntries the most class parts kept
     * @param maxBytes the most class-part bytes kept (the decoded models take several times that)
     */
    ClassPartCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry and one byte");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * @param buf the buffer
     * @param offset where the class part starts (its EncodingLength)
     * @param length its length, EncodingLength included
     * @return the entry decoded from the same bytes before, or null
     */
    Entry get(byte[] buf, int offset, int length) {
        return entries.get(new Key(buf, offset, length, hash(buf, offset, length)));
    }

    /**
     * Keeps a decoded class part (unless it is too large), evicting the oldest entries beyond the bounds.
     *
     * @param buf the buffer holding its bytes
     * @param offset where they start
     * @param length how many
     * @param entry the decoded part; it must not be modified afterwards
     */
    void put(byte[] buf, int offset, int length, Entry entry) {
        if (length > maxBytes / 4) {
            return;
        }
        Key key = new Key(Arrays.copyOfRange(buf, offset, offset + length), 0, length, hash(buf, offset, length));
        if (entries.putIfAbsent(key, entry) != null) {
            return; // another thread decoded the same bytes first: keep its entry
        }
        order.add(key);
        bytes.addAndGet(length);
        while (entries.size() > maxEntries || bytes.get() > maxBytes) {
            Key oldest = order.poll();
            if (oldest == null) {
                break;
            }
            if (entries.remove(oldest) != null) {
                bytes.addAndGet(-oldest.length);
            }
        }
    }

    /** @return how many class parts the cache holds */
    int size() {
        return entries.size();
    }

    /** @return the class-part bytes the cache holds */
    long bytes() {
        return bytes.get();
    }

    /** Removes every entry. */
    void clear() {
        Key k;
        while ((k = order.poll()) != null) {
            if (entries.remove(k) != null) {
                bytes.addAndGet(-k.length);
            }
        }
    }

    /** A hash of every byte, eight at a time (the equality check that follows compares them all anyway). */
    static int hash(byte[] buf, int offset, int length) {
        long h = length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = (h ^ (long) LONGS.get(buf, offset + i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        for (; i < length; i++) {
            h = (h ^ (buf[offset + i] & 0xFF)) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 29;
        return (int) (h ^ h >>> 32);
    }

    /** A byte range compared by content: stored keys own a copy, lookups view the caller's buffer. */
    private static final class Key {
        final byte[] buf;
        final int offset;
        final int length;
        final int hash;

        Key(byte[] buf, int offset, int length, int hash) {
            this.buf = buf;
            this.offset = offset;
            this.length = length;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.length == length
                    && Arrays.equals(buf, offset, offset + length, k.buf, k.offset, k.offset + length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
