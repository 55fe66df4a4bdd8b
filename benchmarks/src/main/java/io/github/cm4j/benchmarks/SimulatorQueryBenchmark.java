package io.github.cm4j.benchmarks;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a test: {@code java -Xmx256m -cp benchmarks/target/benchmarks.jar io.github.cm4j.benchmarks.SimulatorQueryBenchmark [updates] [runs]} streams
 * {@code SELECT * FROM SMS_SoftwareUpdate WHERE IsExpired = 0 AND Severity >= 8} over a large catalog and
 * prints the time, the number of results and the peak heap used. See docs/simulator.md for the figures.
 */
public final class SimulatorQueryBenchmark {
    private SimulatorQueryBenchmark() {
    }

    /**
     * @param args [updates] [runs] [results dir]
     */
    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String wql = "SELECT * FROM SMS_SoftwareUpdate WHERE IsExpired = 0 AND Severity >= 8";
        long t0 = System.nanoTime();
        SimulatedProvider sim = SimulatedProvider.builder().catalogSize(size).build();
        System.out.printf("build %d updates: %d ms%n", size, (System.nanoTime() - t0) / 1_000_000);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        List<Object> results = new ArrayList<>();
        try (WmiTransport t = sim.openTransport()) {
            for (int r = 0; r < runs; r++) {
                resetPeaks();
                long start = System.nanoTime();
                long n;
                try (Stream<WmiObject> s = t.query("root\\sms\\site_CAS", wql, QueryOptions.defaults(), WmiContext.empty())) {
                    n = s.mapToLong(o -> o.getString("LocalizedDisplayName").length()).count();
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                long peak = peakHeap();
                System.out.printf("run %d: %d results in %d ms; peak heap used %d MB (max %d MB)%n", r + 1, n, ms,
                        peak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
                results.add(Map.of("run", r + 1, "results", n, "milliseconds", ms, "peakHeapUsedBytes", peak));
            }
        }
        if (args.length > 2) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("benchmark", "simulator-query");
            json.put("machine", Machine.describe());
            json.put("query", wql);
            json.put("catalogSize", size);
            json.put("buildMilliseconds", buildMs);
            json.put("runs", results);
            Json.writeFile(Path.of(args[2]).resolve("simulator-query.json"), json);
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
