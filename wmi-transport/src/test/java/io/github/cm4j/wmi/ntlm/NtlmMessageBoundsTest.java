package io.github.cm4j.wmi.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.Credentials;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Decoders on hostile input: typed errors with offsets, never another exception; and exact round trips. */
class NtlmMessageBoundsTest {
    private static final NtlmServer SERVER = NtlmServer.builder().account(Credentials.of("LAB\\alice", "pw")).build();

    private static List<byte[]> exchange() {
        NtlmClient.Context c = NtlmClient.of(Credentials.of("LAB\\alice", "pw")).withWorkstation("WS").newContext();
        NtlmServer.Context s = SERVER.newContext();
        byte[] negotiate = c.negotiate();
        byte[] challenge = s.challenge(negotiate);
        return List.of(negotiate, challenge, c.authenticate(challenge));
    }

    private static final List<Function<byte[], Object>> DECODERS = List.of(
            NtlmNegotiateMessage::decode, NtlmChallengeMessage::decode, NtlmAuthenticateMessage::decode);

    @Test
    void everyTruncationIsAFormatErrorWithAnOffsetInsideTheMessage() {
        List<byte[]> messages = exchange();
        for (int m = 0; m < 3; m++) {
            byte[] full = messages.get(m);
            int index = m;
            for (int len = 0; len < full.length; len++) {
                byte[] cut = java.util.Arrays.copyOf(full, len);
                Throwable thrown = catchThrowable(() -> DECODERS.get(index).apply(cut));
                if (m == 0 && len >= 32) {
                    // the NEGOTIATE_MESSAGE has no payload; only its optional Version is cut, which the decoder skips
                    assertThat(thrown).as("NEGOTIATE cut to %d bytes", len).isNull();
                    continue;
                }
                assertThat(thrown).as("message %d cut to %d bytes", m, len).isInstanceOf(NtlmFormatException.class);
                assertThat(((NtlmFormatException) thrown).offset()).isBetween(0L, (long) full.length);
            }
        }
    }

    @Test
    void randomMutationsGiveOnlyFormatErrorsOrMessages() {
        Random random = new Random(42);
        List<byte[]> messages = exchange();
        for (int round = 0; round < 3000; round++) {
            int m = round % 3;
            byte[] mutated = messages.get(m).clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            Throwable t = catchThrowable(() -> DECODERS.get(m).apply(mutated));
            assertThat(t == null || t instanceof NtlmFormatException).as("round %d: %s", round, t).isTrue();
        }
    }

    @Test
    void aFieldPointingPastTheEndNamesTheFieldAndItsOffset() {
        byte[] auth = exchange().get(2);
        auth[36 + 5] = (byte) 0x7F; // UserNameFields BufferOffset far beyond the message
        assertThatThrownBy(() -> NtlmAuthenticateMessage.decode(auth)).isInstanceOfSatisfying(NtlmFormatException.class, e -> {
            assertThat(e.structure()).isEqualTo("AUTHENTICATE_MESSAGE/UserNameFields");
            assertThat(e.offset()).isEqualTo(36);
        });
    }

    @Test
    void anAvPairListWithoutEolIsRefused() {
        byte[] data = AvPairs.empty().withString(AvPairs.NB_COMPUTER_NAME, "X").encode();
        byte[] noEol = java.util.Arrays.copyOf(data, data.length - 4);
        assertThatThrownBy(() -> AvPairs.decode(noEol)).isInstanceOfSatisfying(NtlmFormatException.class,
                e -> assertThat(e.problem()).contains("without MsvAvEOL"));
        byte[] longPair = data.clone();
        longPair[2] = 100; // AvLen of the first pair beyond the list
        assertThatThrownBy(() -> AvPairs.decode(longPair)).isInstanceOfSatisfying(NtlmFormatException.class,
                e -> assertThat(e.offset()).isZero());
    }

    @Test
    void wrongSignatureAndTypeAreRefused() {
        byte[] negotiate = exchange().get(0);
        byte[] badSignature = negotiate.clone();
        badSignature[0] = 'X';
        assertThatThrownBy(() -> NtlmNegotiateMessage.decode(badSignature)).isInstanceOf(NtlmFormatException.class)
                .hasMessageContaining("NTLMSSP signature");
        assertThatThrownBy(() -> NtlmChallengeMessage.decode(negotiate)).isInstanceOf(NtlmFormatException.class)
                .hasMessageContaining("message type 1, expected 2");
    }

    @Test
    void messagesRoundTripExactly() {
        List<byte[]> messages = exchange();
        assertThat(NtlmNegotiateMessage.decode(messages.get(0)).encode()).isEqualTo(messages.get(0));
        assertThat(NtlmChallengeMessage.decode(messages.get(1)).encode()).isEqualTo(messages.get(1));
        assertThat(NtlmAuthenticateMessage.decode(messages.get(2)).encode()).isEqualTo(messages.get(2));
        NtlmAuthenticateMessage a = NtlmAuthenticateMessage.decode(messages.get(2));
        assertThat(a.user()).isEqualTo("alice");
        assertThat(a.domain()).isEqualTo("LAB");
        assertThat(a.version()).contains(NtlmVersion.CM4J);
        assertThat(a.encryptedRandomSessionKey()).hasSize(16);
    }

    @Test
    void anAuthenticateMessageWithoutVersionAndMicIsReadFromItsOffsets() {
        // impacket's layout: payload right after NegotiateFlags at offset 64
        byte[] compact = impacketLayout("LAB", "alice");
        NtlmAuthenticateMessage m = NtlmAuthenticateMessage.decode(compact);
        assertThat(m.user()).isEqualTo("alice");
        assertThat(m.version()).isEmpty();
        assertThat(m.mic()).isEmpty();
    }

    private static byte[] impacketLayout(String domain, String user) {
        byte[] d = NtlmCrypto.utf16(domain);
        byte[] u = NtlmCrypto.utf16(user);
        byte[] out = new byte[64 + d.length + u.length];
        System.arraycopy("NTLMSSP\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, 0, 8);
        out[8] = 3;
        int[][] fields = {{12, 0, 64 + d.length + u.length}, {20, 0, 64 + d.length + u.length}, {28, d.length, 64},
            {36, u.length, 64 + d.length}, {44, 0, 64 + d.length + u.length}, {52, 0, 64 + d.length + u.length}};
        for (int[] f : fields) {
            out[f[0]] = (byte) f[1];
            out[f[0] + 2] = (byte) f[1];
            out[f[0] + 4] = (byte) f[2];
        }
        out[60] = (byte) NtlmFlags.NEGOTIATE_UNICODE;
        System.arraycopy(d, 0, out, 64, d.length);
        System.arraycopy(u, 0, out, 64 + d.length, u.length);
        return out;
    }

    @Test
    void oemAuthenticateMessagesAreRefused() {
        byte[] compact = impacketLayout("LAB", "alice");
        compact[60] = 0;
        assertThatThrownBy(() -> NtlmAuthenticateMessage.decode(compact)).isInstanceOf(NtlmFormatException.class)
                .hasMessageContaining("Unicode only");
    }

    @Test
    void theServerTurnsAMalformedAuthenticateMessageIntoAFormatError() {
        NtlmServer.Context s = SERVER.newContext();
        s.challenge(new NtlmNegotiateMessage(NtlmClient.NEGOTIATE_FLAGS, "", "", Optional.empty()).encode());
        byte[] shortResponse = new NtlmAuthenticateMessage(NtlmClient.NEGOTIATE_FLAGS, new byte[0], new byte[30], "LAB", "alice",
                "", new byte[16], Optional.empty(), Optional.empty()).encode();
        assertThatThrownBy(() -> s.authenticate(shortResponse)).isInstanceOf(NtlmFormatException.class)
                .hasMessageContaining("at least 44 bytes");
    }
}
