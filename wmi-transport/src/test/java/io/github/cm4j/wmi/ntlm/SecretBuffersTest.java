package io.github.cm4j.wmi.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Issue 19, item 4: the buffers that hold the password on its way to the NT hash are zeroed after use. */
class SecretBuffersTest {
    @Test
    void md4ZeroesThePaddedCopyOfItsInputAndStillDigestsCorrectly() {
        byte[] password = "Alice-pw-1".getBytes(StandardCharsets.UTF_16LE);
        byte[] block = new byte[64];
        System.arraycopy(password, 0, block, 0, password.length);
        block[password.length] = (byte) 0x80;
        long bits = password.length * 8L;
        for (int i = 0; i < 8; i++) {
            block[56 + i] = (byte) (bits >>> (8 * i));
        }
        byte[] viaPadded = Md4.digestPadded(block);
        assertThat(block).containsOnly((byte) 0);
        assertThat(viaPadded).isEqualTo(Md4.digest(password));
        // RFC 1320 A.5 test vector, so that the split into digest/digestPadded changed nothing
        assertThat(HexFormat.of().formatHex(Md4.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
    }

    @Test
    void theNtHashLeavesThePasswordArrayItWasGivenAsItWasAndTheCallerMayClearIt() {
        char[] password = "Alice-pw-1".toCharArray();
        byte[] hash = NtlmCrypto.ntHash(password);
        assertThat(HexFormat.of().formatHex(hash)).isEqualTo(HexFormat.of().formatHex(Md4.digest("Alice-pw-1".getBytes(StandardCharsets.UTF_16LE))));
        assertThat(new String(password)).isEqualTo("Alice-pw-1");
    }
}
