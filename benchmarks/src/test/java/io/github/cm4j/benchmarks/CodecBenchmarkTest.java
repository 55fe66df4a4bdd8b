package io.github.cm4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.cm4j.testing.ReferenceData;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each benchmark method, called once outside JMH, does the work it claims and counts the bytes it handled. */
class CodecBenchmarkTest {
    private final CodecBenchmark benchmark = new CodecBenchmark();

    private static CodecBenchmark.SoftwareUpdates updates(String form) {
        CodecBenchmark.SoftwareUpdates u = new CodecBenchmark.SoftwareUpdates();
        u.form = form;
        u.encode();
        return u;
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "loaded"})
    void decodingWithAndWithoutClassPartReadsTheObjectThatWasEncoded(String form) {
        CodecBenchmark.SoftwareUpdates u = updates(form);
        CodecBenchmark.Bytes bytes = new CodecBenchmark.Bytes();
        WmioObject withClass = benchmark.decodeWithClass(u, bytes);
        WmioObject withoutClass = benchmark.decodeWithoutClass(u, bytes);

        assertThat(CodecPeerComparison.readings(withClass.instance())).isEqualTo(CodecPeerComparison.readings(u.objects[0]));
        assertThat(CodecPeerComparison.readings(withoutClass.instance())).isEqualTo(CodecPeerComparison.readings(u.objects[1]));
        assertThat(withClass.instance().server()).contains(SoftwareUpdateObjects.SERVER);
        assertThat(bytes.megabytes).isCloseTo((u.withClass[0].length + u.withoutClass[1].length) / 1e6, within(1e-12));
    }

    @Test
    void lazyPropertiesAreNullInQueryResultsAndFilledWhenLoaded() {
        assertThat(updates("query").objects[0].isNull("SDMPackageXML")).isTrue();
        assertThat(updates("loaded").objects[0].getString("SDMPackageXML")).startsWith("<DesiredConfigurationDigest");
        assertThat(updates("query").withClass[0].length).isGreaterThan(5 * updates("query").withoutClass[0].length);
    }

    @Test
    void aSmartEnumBatchSendsTheClassOnceAndDecodesEveryObject() {
        CodecBenchmark.SoftwareUpdates u = updates("query");
        CodecBenchmark.Bytes bytes = new CodecBenchmark.Bytes();
        List<WmioObject> batch = benchmark.decodeSmartEnumBatch(u, bytes);

        assertThat(batch).hasSize(CodecBenchmark.BATCH);
        assertThat(CodecPeerComparison.readings(batch.get(CodecBenchmark.BATCH - 1).instance()))
                .isEqualTo(CodecPeerComparison.readings(u.objects[CodecBenchmark.BATCH - 1]));
        // one class part, not a hundred: the batch is far smaller than the objects with their classes
        assertThat(u.smartEnumBatch.length).isLessThan(u.withClass[0].length + CodecBenchmark.BATCH * (u.withoutClass[0].length + 100));
        assertThat(bytes.megabytes).isCloseTo(u.smartEnumBatch.length / 1e6, within(1e-12));
    }

    @Test
    void encodingWritesWhatTheBenchmarkDecodesAndTakesTheObjectsInTurn() {
        CodecBenchmark.SoftwareUpdates u = updates("loaded");
        CodecBenchmark.Bytes bytes = new CodecBenchmark.Bytes();
        byte[] withClass = benchmark.encodeWithClass(u, bytes);
        byte[] withoutClass = benchmark.encodeWithoutClass(u, bytes);

        assertThat(withClass).isEqualTo(u.withClass[0]);
        assertThat(withoutClass).isEqualTo(u.withoutClass[1]);
        assertThat(Wmio.decode(withClass).instance().getLong("CI_ID")).isEqualTo(16_777_216L);
        assertThat(bytes.megabytes).isCloseTo((withClass.length + withoutClass.length) / 1e6, within(1e-12));
        for (int i = 2; i < CodecBenchmark.OBJECTS; i++) {
            benchmark.encodeWithoutClass(u, bytes);
        }
        assertThat(Wmio.decodeInstanceNoClass(benchmark.encodeWithoutClass(u, bytes), 0, u.withoutClass[0].length, u.cachedClass)
                .instance().getLong("CI_ID")).as("after the last object the first comes again").isEqualTo(16_777_216L);
    }

    @Test
    void theWindows7CaptureDecodesToTheValuesItsSourceAsserts() {
        ReferenceData.require(CodecSamples.WINDOWS7_UTC_TIME);
        CodecBenchmark.Windows7UtcTime w = new CodecBenchmark.Windows7UtcTime();
        w.read();
        CodecBenchmark.Bytes bytes = new CodecBenchmark.Bytes();
        WmioObject o = benchmark.decodeWindows7UtcTimeObjref(w, bytes);

        assertThat(o.instance().getLong("Year")).isEqualTo(2021L);
        assertThat(o.instance().getLong("Second")).isEqualTo(35L);
        assertThat(o.instance().isNull("Milliseconds")).isTrue();
        assertThat(bytes.megabytes).isCloseTo(w.objref.length / 1e6, within(1e-12));
    }
}
