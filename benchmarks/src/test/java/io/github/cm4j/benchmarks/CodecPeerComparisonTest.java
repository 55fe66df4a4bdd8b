package io.github.cm4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cm4j.testing.ReferenceData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The peer comparison with tiny loops: impacket and cm4j read the same property values from the same bytes.
 * Speed is not asserted. Skipped, saying why, when /usr/bin/python3 cannot import impacket (CI has it).
 */
class CodecPeerComparisonTest {

    @Test
    void impacketAndCm4jReadTheSameValuesFromTheSameBytes() throws Exception {
        Optional<String> missing = ImpacketPeer.unavailable();
        assumeTrue(missing.isEmpty(), () -> missing.get() + "; skipping the comparison with impacket");
        byte[] windows7 = Files.readAllBytes(ReferenceData.require(CodecSamples.WINDOWS7_UTC_TIME));

        List<CodecPeerComparison.Comparison> comparisons = CodecPeerComparison.compare(CodecPeerComparison.samples(windows7),
                new CodecPeerComparison.Settings(2, 0, 0));

        assertThat(comparisons).extracting(c -> c.sample().name()).containsExactly("Win32_UTCTime, Windows 7 OBJREF",
                "SMS_SoftwareUpdate query result, OBJREF", "SMS_SoftwareUpdate lazy loaded, OBJREF",
                "SMS_SoftwareUpdate query result, INSTANCE_NOCLASS");
        for (CodecPeerComparison.Comparison c : comparisons) {
            assertThat(c.impacketError()).as(c.sample().name()).isNull();
            assertThat(c.differences()).as(c.sample().name()).isEmpty();
            assertThat(c.impacketValues()).as(c.sample().name()).isEqualTo(c.ourValues());
            assertThat(c.ours().iterations()).isGreaterThanOrEqualTo(2);
        }
        Map<String, String> windows7Values = comparisons.get(0).impacketValues();
        assertThat(windows7Values).containsEntry("Year", "int:2021").containsEntry("Second", "int:35")
                .containsEntry("Milliseconds", "null").hasSize(11);
        Map<String, String> loaded = comparisons.get(2).impacketValues();
        assertThat(loaded).containsEntry("CategoryInstance_UniqueIDs#", "count:3")
                .containsEntry("LocalizedEulas[0].LocaleID", "int:1033").containsEntry("IsDigest", "bool:false");
        assertThat(comparisons.get(0).impacket().iterations()).isGreaterThanOrEqualTo(2);
        assertThat(comparisons.get(3).impacket()).as("impacket cannot decode INSTANCE_NOCLASS parts").isNull();

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        CodecPeerComparison.print(comparisons, new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("same (11 readings)").doesNotContain("DIFFERENT");
    }

    @Test
    void differencesNameEveryPathWhereTheReadingsDisagree() {
        Map<String, String> ours = Map.of("__CLASS", "str:X", "A", "int:1", "B", "null");
        Map<String, String> theirs = Map.of("__CLASS", "str:X", "A", "int:2", "C", "bool:true");

        assertThat(CodecPeerComparison.differences(ours, theirs)).containsExactly("A: cm4j int:1, impacket int:2",
                "B: cm4j null, impacket (nothing)", "C: cm4j (nothing), impacket bool:true");
        assertThat(CodecPeerComparison.differences(ours, Map.copyOf(ours))).isEmpty();
    }

    @Test
    void readingsFollowArraysAndEmbeddedObjects() {
        Map<String, String> readings = CodecPeerComparison.readings(SoftwareUpdateObjects.create(1, true)[0]);

        assertThat(readings).containsEntry("__CLASS", "str:SMS_SoftwareUpdate")
                .containsEntry("UpdateLocales#", "count:2").containsEntry("UpdateLocales[1]", "str:English")
                .containsEntry("LocalizedInformation[0].__CLASS", "str:SMS_CI_LocalizedProperties")
                .containsEntry("Size", "int:652301312").containsEntry("IsBundle", "bool:true")
                .containsEntry("EULASignoffDate", "null").containsEntry("DatePosted", "str:20200101170000.000000+000");
    }
}
