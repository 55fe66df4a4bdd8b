package io.github.cm4j.benchmarks;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import io.github.cm4j.testkit.RecordingTransport;
import io.github.cm4j.wmi.simulator.WmiServer;
import io.github.cm4j.wmi.transport.DcomTransportProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: {@code cm.softwareUpdatePoint().synchronize().await(...)} end to end — the trigger (SyncNow) to the
 * top-level site's 6702 — on a {@link SimulatedClock} that moves only when the client waits, so the simulated
 * synchronization's minutes cost no real time. Over {@code memory:} and over {@code dcom://} (loopback
 * {@link WmiServer}, packet privacy). Reports the provider calls the client made (testkit's
 * {@link RecordingTransport}), for {@code dcom://} also the DCOM calls the server served, the simulated time waited
 * and the wall time. Prints a Markdown table and writes {@code sync.json}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.cm4j.benchmarks.SyncBenchmark [results dir]
 * </pre>
 */
public final class SyncBenchmark {
    private static final String DOMAIN = "LAB";
    private static final String USER = "bench";
    private static final String PASSWORD = "Bench-Passw0rd!";
    private static final int CATALOG = 1_000;

    /**
     * One synchronization.
     *
     * @param transport {@code memory:} or {@code dcom://}
     * @param outcome how it ended
     * @param messages the status message IDs seen, in order
     * @param simulatedWait the simulated time the client waited
     * @param seconds wall time from the trigger to the result
     * @param providerCalls the client's provider calls by operation
     * @param serverCalls for {@code dcom://}, the server's calls by {@code Interface/opnum}; empty for {@code memory:}
     */
    record Run(String transport, String outcome, List<Integer> messages, Duration simulatedWait, double seconds,
               Map<String, Long> providerCalls, Map<String, Long> serverCalls) {
        long providerCallCount() {
            return providerCalls.values().stream().mapToLong(Long::longValue).sum();
        }

        long serverCallCount() {
            return serverCalls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private SyncBenchmark() {
    }

    /**
     * @param args [results directory, default {@code benchmarks/target/results}]
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results");
        List<Run> runs = List.of(overMemory(), overDcom());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "synchronize");
        json.put("machine", Machine.describe());
        json.put("catalogSize", CATALOG);
        json.put("runs", runs.stream().map(SyncBenchmark::json).toList());
        Json.writeFile(dir.resolve("sync.json"), json);
        String md = markdown(runs);
        Json.writeText(dir.resolve("sync.md"), md);
        System.out.println(md);
        System.out.println("written: " + dir.resolve("sync.json"));
    }

    /** @return a synchronization over {@code memory:} */
    static Run overMemory() {
        SimulatedClock clock = SimulatedClock.standard();
        SimulatedProvider sim = SimulatedProvider.builder().clock(clock).catalogSize(CATALOG).build();
        RecordingTransport.Provider recording = RecordingTransport.provider(sim.transportProvider());
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:bench").provider(recording).clock(clock).sleeper(clock::advance).connect()) {
            return synchronize("memory:", cm, recording, null);
        }
    }

    /** @return a synchronization over {@code dcom://} against a loopback server */
    static Run overDcom() {
        SimulatedClock clock = SimulatedClock.standard();
        SimulatedProvider sim = SimulatedProvider.builder().clock(clock).catalogSize(CATALOG).build();
        RecordingTransport.Provider recording = RecordingTransport.provider(new DcomTransportProvider());
        try (WmiServer server = WmiServer.builder().provider(sim).account(DOMAIN, USER, PASSWORD).build()) {
            server.start();
            String uri = "dcom://127.0.0.1:" + server.activationPort() + "/" + sim.topSite().code() + "?auth=privacy";
            try (ConfigMgr cm = ConfigMgr.builder().uri(uri).credentials(Credentials.of(DOMAIN + "\\" + USER, PASSWORD))
                    .provider(recording).clock(clock).sleeper(clock::advance).connect()) {
                return synchronize("dcom://", cm, recording, server);
            }
        }
    }

    private static Run synchronize(String transport, ConfigMgr cm, RecordingTransport.Provider recording, WmiServer server) {
        recording.log().reset(); // what connecting did is not part of synchronize()
        Map<String, Long> before = server == null ? Map.of() : server.callCounts();
        long start = System.nanoTime();
        SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofHours(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> serverCalls = new TreeMap<>();
        if (server != null) {
            server.callCounts().forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d != 0 && !k.startsWith("IObjectExporter/")) { // the transport's pings are not the operation's
                    serverCalls.put(k, d);
                }
            });
        }
        Map<String, Long> providerCalls = new TreeMap<>();
        recording.log().counts().forEach((op, n) -> {
            if (n != 0) {
                providerCalls.put(op.name(), n);
            }
        });
        return new Run(transport, r.outcome().name(), r.progress().stream().map(SyncProgress::messageId).toList(), r.waited(),
                seconds, providerCalls, serverCalls);
    }

    static String markdown(List<Run> runs) {
        StringBuilder md = new StringBuilder();
        md.append("| transport | outcome | status messages | simulated wait | wall s | provider calls | by operation | DCOM calls served |\n");
        md.append("|---|---|---|---:|---:|---:|---|---:|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %.3f | %d | %s | %s |%n", r.transport(), r.outcome(),
                    r.messages(), r.simulatedWait(), r.seconds(), r.providerCallCount(), r.providerCalls(),
                    r.serverCalls().isEmpty() ? "-" : r.serverCallCount() + " " + r.serverCalls()));
        }
        return md.toString();
    }

    private static Map<String, Object> json(Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transport", r.transport());
        m.put("outcome", r.outcome());
        m.put("messages", new ArrayList<>(r.messages()));
        m.put("simulatedWait", r.simulatedWait().toString());
        m.put("seconds", r.seconds());
        m.put("providerCalls", r.providerCalls());
        m.put("providerCallCount", r.providerCallCount());
        m.put("serverCalls", r.serverCalls());
        m.put("serverCallCount", r.serverCallCount());
        return m;
    }
}
