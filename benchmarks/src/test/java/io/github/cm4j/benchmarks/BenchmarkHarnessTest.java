package io.github.cm4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces of {@code ./bench.sh short} with tiny sizes, so that CI keeps the harness working: each benchmark does
 * the work it reports (objects, round trips, bytes, status messages), and the result files are written.
 */
class BenchmarkHarnessTest {

    @Test
    void enumerationReadsEveryObjectInCeilingOfNOverBatchNextCallsAndCountsBytesAndAllocation() {
        EnumerationBenchmark.Settings tiny = new EnumerationBenchmark.Settings(List.of(120), List.of(1, 50), 120, 1, 0, List.of());
        EnumerationBenchmark.Result result = EnumerationBenchmark.run(tiny, System.out);

        assertThat(result.rows()).hasSize(4);
        assertThat(result.rows()).extracting(EnumerationBenchmark.Row::smartEnum).containsExactly(false, false, true, true);
        assertThat(result.rest()).as("adminservice:// beside dcom://").extracting(EnumerationBenchmark.RestRow::pageSize)
                .containsExactly(1, 50);
        for (EnumerationBenchmark.RestRow r : result.rest()) {
            assertThat(r.objects()).isEqualTo(120);
            assertThat(r.pages()).as("pages of %d", r.pageSize()).isEqualTo((120 + r.pageSize() - 1) / r.pageSize());
        }
        assertThat(EnumerationBenchmark.markdown(result)).contains("adminservice://");
        for (EnumerationBenchmark.Row r : result.rows()) {
            long n = r.objects();
            assertThat(n).as("updates of a catalog of 120").isPositive();
            assertThat(r.nextCalls()).as("Next calls for %d objects in batches of %d", n, r.batch())
                    .isEqualTo((n + r.batch() - 1) / r.batch() + (n % r.batch() == 0 ? 1 : 0))
                    .isEqualTo(r.expectedNextCalls());
            assertThat(r.otherCalls()).as("ExecQuery, RemRelease (and with the smart enumerator QI and GetSmartEnum)")
                    .isEqualTo(r.smartEnum() ? 4 : 2);
            assertThat(r.bytesToClient()).as("an SMS_SoftwareUpdate is kilobytes on the wire").isGreaterThan(n * 500);
            assertThat(r.bytesToServer()).isPositive();
            assertThat(r.allocatedBytes()).isPositive();
            assertThat(r.seconds()).isPositive();
        }
        assertThat(result.rows().get(0).objects()).isEqualTo(result.rows().get(3).objects());
        // the smart enumerator sends the class part once: far fewer bytes per object
        assertThat(result.rows().get(3).bytesPerObject()).isLessThan(result.rows().get(1).bytesPerObject() / 2);
        assertThat(result.peers()).isEmpty();
        assertThat(result.peerUnavailable()).contains("not asked for");
    }

    @Test
    void impacketEnumeratesTheSameObjectsWhenAvailable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ImpacketPeer.unavailable().isEmpty(),
                () -> "skipping the impacket enumeration: " + ImpacketPeer.unavailable().orElseThrow());
        EnumerationBenchmark.Settings tiny = new EnumerationBenchmark.Settings(List.of(40), List.of(16), 40, 1, 40, List.of(16));
        EnumerationBenchmark.Result result = EnumerationBenchmark.run(tiny, System.out);

        assertThat(result.peers()).hasSize(1);
        EnumerationBenchmark.PeerRow peer = result.peers().get(0);
        long n = result.rows().get(0).objects();
        assertThat(peer.objects()).as("impacket reads what cm4j reads, the last short batch too").isEqualTo(n);
        assertThat(peer.nextCalls()).isEqualTo((n + 15) / 16 + (n % 16 == 0 ? 1 : 0));
        assertThat(peer.ratio()).isEqualTo(peer.cm4jSeconds() / peer.seconds());
    }

    @Test
    void synchronizeRunsToDoneOverMemoryAndDcomWithTheSameProviderCalls() {
        SyncBenchmark.Run memory = SyncBenchmark.overMemory();
        SyncBenchmark.Run dcom = SyncBenchmark.overDcom();

        for (SyncBenchmark.Run r : List.of(memory, dcom)) {
            assertThat(r.outcome()).isEqualTo("SUCCEEDED");
            assertThat(r.messages()).containsExactly(6701, 6704, 6705, 6702);
            assertThat(r.providerCalls()).containsEntry("INVOKE", 1L).containsKey("QUERY");
        }
        assertThat(dcom.providerCalls()).isEqualTo(memory.providerCalls());
        assertThat(memory.serverCalls()).isEmpty();
        // every ExecQuery (IWbemServices/20) of the client reached the server
        assertThat(dcom.serverCalls()).containsEntry("IWbemServices/20", dcom.providerCalls().get("QUERY"))
                .containsEntry("IWbemServices/24", 1L);
    }

    @Test
    void resultFilesAreWritten(@TempDir Path dir) throws Exception {
        EnumerationBenchmark.Settings tiny = new EnumerationBenchmark.Settings(List.of(30), List.of(100), 30, 1, 0, List.of());
        EnumerationBenchmark.Result result = EnumerationBenchmark.run(tiny, System.out);
        Json.writeFile(dir.resolve("enumeration.json"), EnumerationBenchmark.json(tiny, result));

        String json = Files.readString(dir.resolve("enumeration.json"));
        assertThat(json).startsWith("{").contains("\"benchmark\": \"enumeration\"").contains("\"bytesPerObject\"")
                .contains("\"loadAverage\"").contains("\"impacketUnavailable\": \"not asked for\"");
        // dcom table (2 + 2 rows), blank, adminservice caption, blank, table (2 + 1 row), blank, impacket line
        assertThat(EnumerationBenchmark.markdown(result).lines()).hasSize(2 + 2 + 1 + 2 + 2 + 1 + 1 + 1);
        assertThat(json).contains("\"adminservice\": [").contains("\"pageSize\": 100");
        assertThat(Json.write(Map.of("a", List.of(1, "x\"y\n")))).isEqualTo("{\n  \"a\": [\n    1,\n    \"x\\\"y\\n\"\n  ]\n}\n");
    }
}
