package io.github.cm4j.wmi.wbem;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import io.github.cm4j.wmi.WireFormatException;
import io.github.cm4j.wmi.dcom.IRemUnknown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for the NDR-encoded DCOM and MS-WMI messages (C706 14, MS-DCOM 3, MS-WMI 3):
 * {@link #requests} for every request the loopback server decodes (activation, OXID resolver, IRemUnknown(2),
 * IWbemLevel1Login, IWbemServices with their IWbemContext and IWbemClassObject, enumerators, smart enumerator,
 * IWbemCallResult), {@link #responses} for every response the {@code dcom://} client decodes (objects decoded too).
 * The first input byte picks the message (modulo the number of decoders), the rest is its stub, so one target covers
 * all decoders of a side and the fuzzer can carry a finding across them. Each decoder is driven as its user drives it;
 * only {@link WireFormatException} may come out. The seeds are {@link WireMessageCorpus}'s valid messages.
 */
class NdrJazzerTest {
    private static final FuzzCheck CHECK = FuzzCheck.refusing(WireFormatException.class);
    private static final Corpus REQUESTS = requestCorpus();
    private static final Corpus RESPONSES = responseCorpus();

    /** Decoders and one valid message each; the index is the selector byte. */
    private static final class Corpus {
        final List<String> names = new ArrayList<>();
        final List<byte[]> valid = new ArrayList<>();
        final List<Consumer<byte[]>> decoders = new ArrayList<>();

        Corpus add(String name, byte[] message, Consumer<byte[]> decoder) {
            names.add(name);
            valid.add(message);
            decoders.add(decoder);
            return this;
        }

        void seeds(String method) {
            FuzzSeeds seeds = FuzzSeeds.of(NdrJazzerTest.class, method);
            for (int i = 0; i < names.size(); i++) {
                seeds.add(names.get(i), i, valid.get(i));
            }
        }

        void run(byte[] input) {
            if (input.length == 0) {
                return;
            }
            Consumer<byte[]> decoder = decoders.get((input[0] & 0xFF) % decoders.size());
            CHECK.run(() -> decoder.accept(Arrays.copyOfRange(input, 1, input.length)));
        }
    }

    private static Corpus requestCorpus() {
        Corpus c = new Corpus();
        WireMessageCorpus.requests(c::add);
        return c;
    }

    private static Corpus responseCorpus() {
        Corpus c = new Corpus();
        WireMessageCorpus.responses(c::add);
        return c;
    }

    @BeforeAll
    static void seeds() {
        REQUESTS.seeds("requests");
        RESPONSES.seeds("responses");
    }

    @FuzzTest(maxDuration = "2m")
    void requests(byte[] input) {
        REQUESTS.run(input);
    }

    @FuzzTest(maxDuration = "2m")
    void responses(byte[] input) {
        RESPONSES.run(input);
    }
}
