package io.github.cm4j.wmi.ntlm;

/**
 * The RC4 keystream as MS-NLMP uses it (3.4.4, {@code RC4Init}/{@code RC4}): one handle per direction whose
 * state carries over from message to message for the life of a connection-oriented session. Kept here rather
 * than taken from a JCE provider because the JDK may disable "ARCFOUR" by security policy, and the state has to
 * survive across calls exactly as the peer's does. Not thread-safe; {@link NtlmSession} serialises use.
 */
final class Rc4 {
    private final int[] s = new int[256];
    private int i;
    private int j;

    /** @param key the key (1 to 256 bytes) */
    Rc4(byte[] key) {
        for (int k = 0; k < 256; k++) {
            s[k] = k;
        }
        int jj = 0;
        for (int k = 0; k < 256; k++) {
            jj = (jj + s[k] + (key[k % key.length] & 0xFF)) & 0xFF;
            int t = s[k];
            s[k] = s[jj];
            s[jj] = t;
        }
    }

    /** XORs {@code len} bytes of {@code buf} from {@code off} with the next keystream bytes, in place. */
    void apply(byte[] buf, int off, int len) {
        for (int k = off; k < off + len; k++) {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            int t = s[i];
            s[i] = s[j];
            s[j] = t;
            buf[k] ^= (byte) s[(s[i] + s[j]) & 0xFF];
        }
    }

    /** @return a transformed copy of {@code data} (a one-shot use: key exchange, MS-NLMP 3.1.5.1.2) */
    static byte[] once(byte[] key, byte[] data) {
        byte[] out = data.clone();
        new Rc4(key).apply(out, 0, out.length);
        return out;
    }
}
