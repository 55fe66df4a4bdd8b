package io.github.cm4j.wmi.dcom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks every message codec is held to: decode(encode(m)) equals m and re-encodes to the same bytes; every
 * truncation of the stub data fails with a {@link WmioFormatException} (an NdrFormatException, or the format error
 * of an OBJREF or MS-WMIO object inside); random corruption either decodes or fails that way, never with anything
 * else.
 */
public final class MessageChecks {
    private MessageChecks() {
    }

    /**
     * @param message the message
     * @param decode its decoder
     * @param <M> the message type
     */
    public static <M extends RpcMessage> void roundTripsAndFailsCleanly(M message, Function<byte[], ? extends RpcMessage> decode) {
        byte[] stub = message.encode();
        RpcMessage back = decode.apply(stub);
        String name = message.getClass().getSimpleName() + " " + HexFormat.of().formatHex(stub);
        assertThat(back).as(name).isEqualTo(message);
        assertThat(back.encode()).as(name + " re-encoded").isEqualTo(stub);
        for (int n = 0; n < stub.length; n++) {
            byte[] cut = Arrays.copyOf(stub, n);
            assertThatThrownBy(() -> decode.apply(cut)).as(name + " cut to " + n + " bytes").isInstanceOf(WmioFormatException.class);
        }
        SplittableRandom random = new SplittableRandom(stub.length);
        for (int round = 0; round < 300; round++) {
            byte[] bad = stub.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                decode.apply(bad);
            } catch (WmioFormatException expected) {
                // the only acceptable failure
            } catch (RuntimeException e) {
                throw new AssertionError(name + " corrupted to " + HexFormat.of().formatHex(bad) + " failed with " + e, e);
            }
        }
    }
}
