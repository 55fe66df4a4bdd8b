package io.github.cm4j.wmi.fuzz;

import java.util.SplittableRandom;

/**
 * Seeded structure-unaware mutations of valid wire messages, tuned for little-endian NDR and NTLM layouts: bit flips,
 * random bytes, "interesting" 32- and 16-bit values (0, -1, sign bits, lengths one off the real size) written at
 * 4-aligned and unaligned offsets (NDR conformances, counts and offsets are 4-aligned, MS-RPCE 2.2.5 / C706 14.2),
 * cuts, insertions, duplicated slices and truncation. Deterministic for a given random.
 */
public final class Mutator {
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 15, 16, 0x7F, 0x80, 0xFF, 0x100, 0x3FF, 0x400, 0x7FFF, 0x8000,
        0xFFFF, 0x10000, 0x100000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 0x80000001, 0x20000, 0x2000, 0x4000};

    private Mutator() {
    }

    /**
     * @param original a valid message (not modified)
     * @param r the random source
     * @param keep how many leading bytes to leave alone (e.g. a header the decoder under test checks first)
     * @return a mutated copy with one to four mutations
     */
    public static byte[] mutate(byte[] original, SplittableRandom r, int keep) {
        byte[] b = original.clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            if (b.length <= keep) {
                return grow(b, b.length, 1 + r.nextInt(8), r);
            }
            int at = keep + r.nextInt(b.length - keep);
            switch (r.nextInt(10)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2, 3 -> {
                    int aligned = at & ~3;
                    if (aligned >= keep && aligned + 4 <= b.length) {
                        put32(b, aligned, INTERESTING[r.nextInt(INTERESTING.length)]);
                    }
                }
                case 4 -> {
                    if (at + 4 <= b.length) {
                        // a plausible length or offset: around the real sizes, where bounds checks are off by one
                        put32(b, at, r.nextInt(b.length + 16) - 8);
                    }
                }
                case 5 -> {
                    if (at + 2 <= b.length) {
                        int v = INTERESTING[r.nextInt(INTERESTING.length)];
                        b[at] = (byte) v;
                        b[at + 1] = (byte) (v >>> 8);
                    }
                }
                case 6 -> b = cut(b, at, 1 + r.nextInt(Math.min(64, b.length - at)));
                case 7 -> b = grow(b, at, 1 + r.nextInt(16), r);
                case 8 -> {
                    // repeat a slice: a list element or a string twice
                    int n = 1 + r.nextInt(Math.min(64, b.length - at));
                    byte[] d = new byte[b.length + n];
                    System.arraycopy(b, 0, d, 0, at + n);
                    System.arraycopy(b, at, d, at + n, b.length - at);
                    b = d;
                }
                default -> b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] cut(byte[] b, int at, int n) {
        byte[] c = new byte[b.length - n];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + n, c, at, b.length - at - n);
        return c;
    }

    private static byte[] grow(byte[] b, int at, int n, SplittableRandom r) {
        byte[] g = new byte[b.length + n];
        System.arraycopy(b, 0, g, 0, at);
        for (int i = 0; i < n; i++) {
            g[at + i] = (byte) r.nextInt(256);
        }
        System.arraycopy(b, at, g, at + n, b.length - at);
        return g;
    }

    /** Writes a little-endian 32-bit value. */
    public static void put32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
