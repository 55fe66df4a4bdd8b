package io.github.cm4j.wmi.ntlm;

/**
 * MD4 (RFC 1320), needed for the NT hash of MS-NLMP 3.3.1 ({@code NTOWFv1 = MD4(UNICODE(Passwd))}). The JDK
 * ships no MD4 {@code MessageDigest} under a registered name, so this one-shot implementation serves the
 * single use; it is not a general-purpose digest.
 */
final class Md4 {
    private Md4() {
    }

    /**
     * @param message the input
     * @return the 16-byte digest
     */
    static byte[] digest(byte[] message) {
        long bitLength = (long) message.length * 8;
        // RFC 1320 3.1-3.2: append 0x80, pad with zeros to 56 mod 64, append the bit length little-endian.
        int padded = ((message.length + 8) / 64 + 1) * 64;
        byte[] block = new byte[padded];
        System.arraycopy(message, 0, block, 0, message.length);
        block[message.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            block[padded - 8 + i] = (byte) (bitLength >>> (8 * i));
        }
        return digestPadded(block);
    }

    /**
     * Digests a padded message and zeroes it, and the word buffer, afterwards: for the NT hash the block holds the
     * UTF-16LE password (issue 19).
     *
     * @param block the message padded as RFC 1320 3.1-3.2 says (a multiple of 64 bytes), zeroed on return
     * @return the 16-byte digest
     */
    static byte[] digestPadded(byte[] block) {
        int[] x = new int[16];
        try {
            return rounds(block, x);
        } finally {
            java.util.Arrays.fill(block, (byte) 0);
            java.util.Arrays.fill(x, 0);
        }
    }

    private static byte[] rounds(byte[] block, int[] x) {
        int padded = block.length;
        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        for (int chunk = 0; chunk < padded; chunk += 64) {
            for (int i = 0; i < 16; i++) {
                int p = chunk + 4 * i;
                x[i] = (block[p] & 0xFF) | (block[p + 1] & 0xFF) << 8 | (block[p + 2] & 0xFF) << 16 | (block[p + 3] & 0xFF) << 24;
            }
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;
            // Round 1 (RFC 1320 3.4): F(x,y,z) = xy | ~x z, shifts 3 7 11 19.
            for (int i = 0; i < 16; i += 4) {
                a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x[i], 3);
                d = Integer.rotateLeft(d + ((a & b) | (~a & c)) + x[i + 1], 7);
                c = Integer.rotateLeft(c + ((d & a) | (~d & b)) + x[i + 2], 11);
                b = Integer.rotateLeft(b + ((c & d) | (~c & a)) + x[i + 3], 19);
            }
            // Round 2: G(x,y,z) = xy | xz | yz, constant 0x5A827999, word order by columns, shifts 3 5 9 13.
            for (int i = 0; i < 4; i++) {
                a = Integer.rotateLeft(a + ((b & c) | (b & d) | (c & d)) + x[i] + 0x5A827999, 3);
                d = Integer.rotateLeft(d + ((a & b) | (a & c) | (b & c)) + x[i + 4] + 0x5A827999, 5);
                c = Integer.rotateLeft(c + ((d & a) | (d & b) | (a & b)) + x[i + 8] + 0x5A827999, 9);
                b = Integer.rotateLeft(b + ((c & d) | (c & a) | (d & a)) + x[i + 12] + 0x5A827999, 13);
            }
            // Round 3: H(x,y,z) = x ^ y ^ z, constant 0x6ED9EBA1, word order 0 8 4 12 2 10 6 14 ..., shifts 3 9 11 15.
            int[] order = {0, 2, 1, 3};
            for (int k : order) {
                a = Integer.rotateLeft(a + (b ^ c ^ d) + x[k] + 0x6ED9EBA1, 3);
                d = Integer.rotateLeft(d + (a ^ b ^ c) + x[k + 8] + 0x6ED9EBA1, 9);
                c = Integer.rotateLeft(c + (d ^ a ^ b) + x[k + 4] + 0x6ED9EBA1, 11);
                b = Integer.rotateLeft(b + (c ^ d ^ a) + x[k + 12] + 0x6ED9EBA1, 15);
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        byte[] out = new byte[16];
        int[] state = {a, b, c, d};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                out[4 * i + j] = (byte) (state[i] >>> (8 * j));
            }
        }
        return out;
    }
}
