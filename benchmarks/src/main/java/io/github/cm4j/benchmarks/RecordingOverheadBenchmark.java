package io.github.cm4j.benchmarks;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: what {@code record=FILE} adds to an enumeration of N updates ({@code SELECT * FROM SMS_SoftwareUpdate})
 * over {@code dcom://} at packet privacy against the loopback {@link WmiServer}, as in {@link EnumerationBenchmark}:
 * in one run, the same server, alternating plain and recorded enumerations (so drift of the machine hits both), each
 * object decoded and one property read; the recorded ones write every row as JSON Lines to a file. Reports the median
 * of each and the overhead (issue 21: at most 10 % for N = 10,000).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.cm4j.benchmarks.RecordingOverheadBenchmark [N] [pairs] [results dir]
 * </pre>
 */
public final class RecordingOverheadBenchmark {
    private static final String PASSWORD = "Bench-Passw0rd!";

    private RecordingOverheadBenchmark() {
    }

    /**
     * @param args N (default 10000), pairs of runs (default 5), results directory (default benchmarks/target/results)
     * @throws IOException when the recording directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Path.of(args.length > 2 ? args[2] : "benchmarks/target/results");
        Files.createDirectories(dir);
        Path file = dir.resolve("recording-overhead.jsonl");
        List<Double> plain = new ArrayList<>();
        List<Double> recorded = new ArrayList<>();
        List<Double> plainCpu = new ArrayList<>();
        List<Double> recordedCpu = new ArrayList<>();
        long bytes = 0;
        try (WmiServer server = WmiServer.builder().provider(SimulatedProvider.builder().catalogSize(n).build())
                .account("LAB", "bench", PASSWORD).build()) {
            server.start();
            String uri = "dcom://127.0.0.1:" + server.activationPort() + "/CAS?batch=1000";
            // warm-up: one of each, not counted
            time(uri, null, new ArrayList<>());
            time(uri, file, new ArrayList<>());
            for (int i = 0; i < pairs; i++) {
                plain.add(time(uri, null, plainCpu));
                recorded.add(time(uri, file, recordedCpu));
                bytes = Files.size(file);
            }
        }
        double p = median(plain);
        double r = median(recorded);
        double pc = median(plainCpu);
        double rc = median(recordedCpu);
        String md = String.format(Locale.ROOT, "| N | pairs | plain median (s) | recorded median (s) | overhead (wall) |"
                        + " client CPU plain (s) | client CPU recorded (s) | overhead (client CPU) | recording size |%n"
                        + "|---|---|---|---|---|---|---|---|---|%n| %,d | %d | %.3f | %.3f | %+.1f %% | %.3f | %.3f | %+.1f %% |"
                        + " %.1f MB (%.0f bytes/object) |%n",
                n, pairs, p, r, (r / p - 1) * 100, pc, rc, (rc / pc - 1) * 100, bytes / 1e6, (double) bytes / n);
        System.out.println("plain:    " + plain);
        System.out.println("recorded: " + recorded);
        System.out.println("plain client CPU:    " + plainCpu);
        System.out.println("recorded client CPU: " + recordedCpu);
        System.out.println(md);
        Json.writeText(dir.resolve("recording-overhead.md"), md);
    }

    /** @return wall seconds of one enumeration; adds the enumerating thread's CPU seconds to {@code cpu} */
    private static double time(String uri, Path record, List<Double> cpu) {
        ConfigMgr.Builder b = ConfigMgr.builder().uri(uri).credentials(Credentials.of("LAB\\bench", PASSWORD));
        if (record != null) {
            b.record(record);
        }
        try (ConfigMgr cm = b.connect()) {
            System.gc();
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long count;
            try (Stream<WmiObject> s = cm.query(EnumerationBenchmark.WQL)) {
                count = s.filter(o -> o.getLong("CI_ID") != 0).count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu.add((mx.getCurrentThreadCpuTime() - cpu0) / 1e9);
            if (count == 0) {
                throw new IllegalStateException("no updates enumerated");
            }
            return seconds;
        } catch (UncheckedIOException e) {
            throw e;
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
