package io.github.cm4j.wmi.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.wmi.impacket.ImpacketHarness;
import io.github.cm4j.wmi.rpc.RpcIntegrityException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RFC 4121 (AES) and RFC 4757 (RC4) tokens of {@link GssTokens}: between our two ends, against tampering and
 * replay, and against impacket 0.10's gssapi.py (independent; it is what talks to Windows) in both directions.
 */
class GssTokensTest {
    @TempDir
    static Path dir;

    private static byte[] key(int enctype) {
        byte[] k = new byte[enctype == 17 ? 16 : enctype == 18 ? 32 : 16];
        new Random(enctype).nextBytes(k);
        return k;
    }

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(n).nextBytes(d);
        return d;
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18, 23})
    void wrapAndMicTokensGoBothWaysAndSequenceNumbersAdvance(int enctype) {
        GssTokens client = new GssTokens(enctype, key(enctype), true, 41, new SecureRandom());
        GssTokens server = new GssTokens(enctype, key(enctype), false, 41, new SecureRandom());
        for (int n : new int[] {0, 16, 48, 4096}) {
            byte[] plain = data(n);
            byte[] buf = plain.clone();
            byte[] token = client.wrap(buf, 0, n);
            assertThat(token).hasSize(client.wrapLength());
            if (n > 0) {
                assertThat(buf).isNotEqualTo(plain);
            }
            server.unwrap(buf, 0, n, token, 0, token.length);
            assertThat(buf).isEqualTo(plain);
            byte[] reply = plain.clone();
            byte[] back = server.wrap(reply, 0, n);
            client.unwrap(reply, 0, n, back, 0, back.length);
            assertThat(reply).isEqualTo(plain);
            byte[] mic = client.mic(plain, 0, n);
            assertThat(mic).hasSize(client.micLength());
            server.verifyMic(plain, 0, n, mic, 0, mic.length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18, 23})
    void aFlippedBitOrAReplayedTokenIsRefused(int enctype) {
        GssTokens client = new GssTokens(enctype, key(enctype), true, 7, new SecureRandom());
        GssTokens server = new GssTokens(enctype, key(enctype), false, 7, new SecureRandom());
        byte[] buf = data(32);
        byte[] token = client.wrap(buf, 0, 32);
        buf[5] ^= 1;
        assertThatThrownBy(() -> server.unwrap(buf, 0, 32, token, 0, token.length)).isInstanceOf(RpcIntegrityException.class);

        GssTokens c2 = new GssTokens(enctype, key(enctype), true, 7, new SecureRandom());
        GssTokens s2 = new GssTokens(enctype, key(enctype), false, 7, new SecureRandom());
        byte[] first = data(16);
        byte[] mic = c2.mic(first, 0, 16);
        s2.verifyMic(first, 0, 16, mic, 0, mic.length);
        assertThatThrownBy(() -> s2.verifyMic(first, 0, 16, mic, 0, mic.length)).as("replayed MIC")
                .isInstanceOf(RpcIntegrityException.class);
        // a token the acceptor made is not accepted as the initiator's (direction)
        GssTokens s3 = new GssTokens(enctype, key(enctype), false, 7, new SecureRandom());
        byte[] own = data(16);
        byte[] ownToken = s3.wrap(own, 0, 16);
        GssTokens s4 = new GssTokens(enctype, key(enctype), false, 7, new SecureRandom());
        assertThatThrownBy(() -> s4.unwrap(own, 0, 16, ownToken, 0, ownToken.length)).isInstanceOf(RpcIntegrityException.class);
    }

    private static Map<String, byte[]> impacket(String mode, int enctype, long seq, Map<String, byte[]> more) throws Exception {
        ImpacketHarness.assumeAvailable();
        Path script = dir.resolve("gssapi_oracle.py");
        if (!script.toFile().exists()) {
            ImpacketHarness.script(GssTokensTest.class, "gssapi_oracle.py", dir);
        }
        Map<String, byte[]> args = new LinkedHashMap<>();
        args.put("enctype", new byte[] {(byte) enctype});
        args.put("key", key(enctype));
        args.put("seq", ByteBuffer.allocate(4).putInt((int) seq).array());
        args.putAll(more);
        return ImpacketHarness.run(script, mode, args);
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18, 23})
    void weUnwrapWhatImpacketsClientWraps(int enctype) throws Exception {
        byte[] plain = data(64);
        Map<String, byte[]> r = impacket("wrap-init", enctype, 5, Map.of("data", plain));
        byte[] stub = r.get("stub");
        byte[] token = r.get("token");
        assertThat(stub).hasSize(64);
        assertThat(token).hasSize(enctype == 23 ? 45 : 60);
        GssTokens server = new GssTokens(enctype, key(enctype), false, 5, new SecureRandom());
        server.unwrap(stub, 0, stub.length, token, 0, token.length);
        assertThat(stub).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18, 23})
    void impacketUnwrapsWhatOurServerWraps(int enctype) throws Exception {
        byte[] plain = data(80);
        byte[] buf = plain.clone();
        GssTokens server = new GssTokens(enctype, key(enctype), false, 9, new SecureRandom());
        byte[] token = server.wrap(buf, 0, buf.length);
        Map<String, byte[]> r = impacket("unwrap", enctype, 9, Map.of("stub", buf, "token", token));
        assertThat(r.get("plain")).isEqualTo(plain);
    }

    @Test
    void ourRc4MicIsByteForByteImpackets() throws Exception {
        byte[] plain = data(48);
        GssTokens client = new GssTokens(23, key(23), true, 3, new SecureRandom());
        byte[] ours = client.mic(plain, 0, plain.length);
        Map<String, byte[]> r = impacket("mic-init", 23, 3, Map.of("data", plain));
        assertThat(ours).isEqualTo(r.get("token"));
        assertThat(Arrays.copyOf(ours, 2)).containsExactly(0x60, 0x23);
    }
}
