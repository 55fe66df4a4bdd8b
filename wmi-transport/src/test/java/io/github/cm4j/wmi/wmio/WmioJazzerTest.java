package io.github.cm4j.wmi.wmio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz target (Jazzer) for the MS-WMIO encoding unit decoder (MS-WMIO 2.2): only
 * {@link WmioFormatException} may come out, and whatever decodes re-encodes to bytes that decode to the same class and
 * instance (the invariant {@code WmioFuzzTest} checks). Seeds are {@code WmioFuzzTest}'s corpus: cm4j's encodings of
 * SMS classes and instances and, where {@code ../shared/reference/wmio} is present, the captured encoding units
 * (read at build time, never copied into the project).
 */
class WmioJazzerTest {
    private static final FuzzCheck CHECK = FuzzCheck.refusing(WmioFormatException.class);

    @BeforeAll
    static void seeds() throws IOException {
        FuzzSeeds seeds = FuzzSeeds.of(WmioJazzerTest.class, "wmio");
        List<byte[]> corpus = WmioFuzzTest.corpus();
        for (int i = 0; i < corpus.size(); i++) {
            seeds.add("unit-" + i, corpus.get(i));
        }
    }

    @FuzzTest(maxDuration = "2m")
    void wmio(byte[] input) {
        CHECK.run(() -> {
            WmioObject o = Wmio.decode(input);
            WmioObject again = Wmio.decode(Wmio.encode(o));
            assertThat(again.wmiClass()).isEqualTo(o.wmiClass());
            assertThat(again.asInstance()).isEqualTo(o.asInstance());
        });
    }
}
