package io.github.cm4j.benchmarks;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.simulator.AdminServiceServer;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Not a test: enumerates {@code SELECT * FROM SMS_SoftwareUpdate} over {@code dcom://} at packet privacy against the
 * loopback {@link WmiServer} (a {@link SimulatedProvider} of N updates, in this JVM), for each catalog size, smart
 * enumerator off and on, and batch size; then lets impacket 0.10 enumerate the same query against the same server
 * and gives the ratio of the times; then the same query over {@code adminservice://} against the loopback
 * AdminService over the same catalog. Prints Markdown tables and writes {@code enumeration.json}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.cm4j.benchmarks.EnumerationBenchmark short|full [results dir]
 * </pre>
 *
 * <p>Per configuration, the first enumeration (not timed) goes through a {@link ByteCountingProxy} (it warms the JIT and counts
 * the bytes on the wire); the timed ones go straight to the server. What is measured of a timed enumeration: from
 * ExecQuery to the end of the stream and RemRelease (connecting and NTLMLogin are not), each object decoded to a
 * {@link WmiObject} and one property read. Round trips are the server's call counts ({@link WmiServer#callCounts()})
 * during the enumeration; allocation is that of the enumerating thread (the client: the server answers on its own
 * threads), {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
 */
public final class EnumerationBenchmark {
    static final String SITE = "CAS";
    static final String WQL = "SELECT * FROM SMS_SoftwareUpdate";
    private static final String DOMAIN = "LAB";
    private static final String USER = "bench";
    private static final String PASSWORD = "Bench-Passw0rd!";
    private static final String NEXT = "IEnumWbemClassObject/4";
    private static final String SMART_NEXT = "IWbemWCOSmartEnum/3";

    /**
     * What to run.
     *
     * @param sizes the catalog sizes N
     * @param batches the batch sizes
     * @param batchOneMaxSize batch size 1 only for N up to this (one round trip per object)
     * @param runs timed enumerations per configuration (the best is reported)
     * @param impacketSize the N impacket enumerates (one of {@code sizes}), 0 for none
     * @param impacketBatches the batch sizes impacket uses
     */
    public record Settings(List<Integer> sizes, List<Integer> batches, int batchOneMaxSize, int runs, int impacketSize,
                           List<Integer> impacketBatches) {
        /**
         * @param name {@code short} (CI-safe: N = 300, batches 1, 100, 1,000, impacket on the same 300 objects), {@code full}
         *     (N = 10,000 and 100,000; batch 1 only for 10,000; impacket on 10,000 objects in batches of 100) or
         *     {@code full-no-peer} (the same without impacket)
         * @return the profile
         * @throws IllegalArgumentException for another name
         */
        public static Settings profile(String name) {
            return switch (name) {
                case "short" -> new Settings(List.of(300), List.of(1, 100, 1000), 300, 1, 300, List.of(100));
                case "full" -> new Settings(List.of(10_000, 100_000), List.of(1, 100, 1000), 10_000, 1, 10_000, List.of(100));
                // the full profile without impacket's N = 10,000 run (five minutes and more on a loaded machine)
                case "full-no-peer" -> new Settings(List.of(10_000, 100_000), List.of(1, 100, 1000), 10_000, 1, 0, List.of());
                default -> throw new IllegalArgumentException("unknown profile '" + name + "': short or full");
            };
        }
    }

    /** One configuration of cm4j's enumeration. */
    record Row(int catalogSize, boolean smartEnum, int batch, long objects, double seconds, long nextCalls, long otherCalls,
               long expectedNextCalls, long bytesToServer, long bytesToClient, long allocatedBytes, long heapUsedAfterGc,
               Map<String, Long> calls) {
        double objectsPerSecond() {
            return objects / seconds;
        }

        double bytesPerObject() {
            return (double) (bytesToServer + bytesToClient) / objects;
        }

        double allocatedPerObject() {
            return (double) allocatedBytes / objects;
        }

        double allocationMegabytesPerSecond() {
            return allocatedBytes / seconds / 1e6;
        }
    }

    /** impacket's enumeration of the same query against the same server, and cm4j's time for the same work. */
    record PeerRow(int catalogSize, int batch, long objects, double seconds, double cpuSeconds, long nextCalls, double cm4jSeconds,
                   double cm4jBestSeconds) {
        double objectsPerSecond() {
            return objects / seconds;
        }

        /** @return cm4j's time over impacket's for the same enumeration (plain enumerator, same batch) */
        double ratio() {
            return cm4jSeconds / seconds;
        }

        /** @return how many times faster cm4j is */
        double speedup() {
            return seconds / cm4jSeconds;
        }
    }

    /**
     * Everything one run measured.
     *
     * @param rows cm4j's configurations
     * @param peers impacket's
     * @param peerUnavailable why impacket did not run, or empty
     */
    record Result(List<Row> rows, List<PeerRow> peers, Optional<String> peerUnavailable, List<RestRow> rest) {
    }

    /**
     * One configuration over {@code adminservice://} (the loopback AdminService over the same simulated provider,
     * HTTPS with the certificate pinned, no authentication: Kerberos costs one SPNEGO token per page request).
     *
     * @param catalogSize N
     * @param pageSize the batch size, sent as {@code Prefer: odata.maxpagesize}
     * @param objects objects read
     * @param seconds wall time of the enumeration
     * @param pages page requests the server answered
     * @param allocatedBytes allocation of the enumerating thread
     * @param heapLowBytes the least heap in use after a GC, sampled every 10,000 objects during the enumeration
     * @param heapHighBytes the most heap in use after a GC, sampled likewise
     */
    record RestRow(int catalogSize, int pageSize, long objects, double seconds, long pages, long allocatedBytes,
                   long heapLowBytes, long heapHighBytes) {
        double objectsPerSecond() {
            return objects / seconds;
        }
    }

    private EnumerationBenchmark() {
    }

    /**
     * @param args {@code short|full} [results directory, default {@code benchmarks/target/results}]
     */
    public static void main(String[] args) {
        String profile = args.length > 0 ? args[0] : "full";
        Path dir = Path.of(args.length > 1 ? args[1] : "benchmarks/target/results");
        if (profile.equals("adminservice")) {
            // adminservice:// alone on N = 100,000 (pages of 100 and 1,000): run under -Xmx256m to show a flat heap
            Settings rest = new Settings(List.of(100_000), List.of(100, 1000), 0, 1, 0, List.of());
            Result r = new Result(List.of(), List.of(), Optional.of("not asked for"), runRest(rest, System.out));
            String md = markdown(r);
            Json.writeFile(dir.resolve("enumeration-adminservice.json"), json(rest, r));
            Json.writeText(dir.resolve("enumeration-adminservice.md"), md);
            System.out.println();
            System.out.println(md);
            return;
        }
        Settings settings = Settings.profile(profile);
        Result result = run(settings, System.out);
        Json.writeFile(dir.resolve("enumeration.json"), json(settings, result));
        String md = markdown(result);
        Json.writeText(dir.resolve("enumeration.md"), md);
        System.out.println();
        System.out.println(md);
        System.out.println("written: " + dir.resolve("enumeration.json"));
    }

    /**
     * Runs every configuration of {@code settings}.
     *
     * @param settings what to run
     * @param log progress lines
     * @return the measurements
     */
    static Result run(Settings settings, PrintStream log) {
        List<Row> rows = new ArrayList<>();
        List<PeerRow> peers = new ArrayList<>();
        Optional<String> unavailable = settings.impacketSize() > 0 ? ImpacketPeer.unavailable() : Optional.of("not asked for");
        for (int size : settings.sizes()) {
            SimulatedProvider sim = SimulatedProvider.builder().catalogSize(size).build();
            try (WmiServer server = WmiServer.builder().provider(sim).account(DOMAIN, USER, PASSWORD).build()) {
                server.start();
                for (boolean smart : new boolean[] {false, true}) {
                    for (int batch : settings.batches()) {
                        if (batch == 1 && size > settings.batchOneMaxSize()) {
                            continue;
                        }
                        Row row = measure(server, size, smart, batch, settings.runs());
                        log.printf(Locale.ROOT, "N=%,d smartenum=%s batch=%d: %,d objects in %.3f s (%,.0f objects/s), %d Next, %.0f bytes/object%n",
                                size, smart, batch, row.objects(), row.seconds(), row.objectsPerSecond(), row.nextCalls(), row.bytesPerObject());
                        rows.add(row);
                    }
                }
                if (size == settings.impacketSize() && unavailable.isEmpty()) {
                    for (int batch : settings.impacketBatches()) {
                        ImpacketEnumeration.Timing t = ImpacketEnumeration.run(server.activationPort(), DOMAIN, USER, PASSWORD,
                                server.namespace(SITE), batch, WQL);
                        Row same = rows.stream().filter(r -> r.catalogSize() == size && !r.smartEnum() && r.batch() == batch)
                                .findFirst().orElseGet(() -> measure(server, size, false, batch, settings.runs()));
                        double best = rows.stream().filter(r -> r.catalogSize() == size).mapToDouble(Row::seconds).min()
                                .orElse(same.seconds());
                        PeerRow peer = new PeerRow(size, batch, t.objects(), t.seconds(), t.cpuSeconds(), t.nextCalls(), same.seconds(), best);
                        log.printf(Locale.ROOT, "impacket N=%,d batch=%d: %,d objects in %.1f s (%,.0f objects/s); cm4j %.3f s: %.0fx faster%n",
                                size, batch, t.objects(), t.seconds(), peer.objectsPerSecond(), same.seconds(), peer.speedup());
                        peers.add(peer);
                    }
                }
            }
        }
        return new Result(rows, peers, unavailable, runRest(settings, log));
    }

    /**
     * Runs the {@code adminservice://} configurations of {@code settings} only.
     *
     * @param settings what to run (sizes, batches as page sizes, runs)
     * @param log progress lines
     * @return the measurements
     */
    static List<RestRow> runRest(Settings settings, PrintStream log) {
        List<RestRow> rest = new ArrayList<>();
        for (int size : settings.sizes()) {
            SimulatedProvider sim = SimulatedProvider.builder().catalogSize(size).build();
            try (AdminServiceServer server = AdminServiceServer.builder().backend(sim.openTransport(SITE)).start()) {
                for (int batch : settings.batches()) {
                    if (batch == 1 && size > settings.batchOneMaxSize()) {
                        continue;
                    }
                    RestRow row = measureRest(server, size, batch, settings.runs());
                    log.printf(Locale.ROOT, "adminservice:// N=%,d page=%d: %,d objects in %.3f s (%,.0f objects/s), %d pages, "
                            + "heap after GC %,d..%,d bytes%n", size, batch, row.objects(), row.seconds(), row.objectsPerSecond(),
                            row.pages(), row.heapLowBytes(), row.heapHighBytes());
                    rest.add(row);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return rest;
    }

    private static String uri(String host, WmiServer server, boolean smart, int batch) {
        return "dcom://" + host + ":" + server.activationPort() + "/" + SITE + "?auth=privacy&batch=" + batch + "&smartenum=" + smart;
    }

    private static ConfigMgr connect(String uri, int batch) {
        // batchSize too: ConfigMgr.query passes the builder's batch size in its QueryOptions, which is what the dcom
        // transport uses (the URI's batch=N is parsed but not applied to ConfigMgr's queries).
        return ConfigMgr.builder().uri(uri).credentials(Credentials.of(DOMAIN + "\\" + USER, PASSWORD)).batchSize(batch).connect();
    }

    private static Row measure(WmiServer server, int size, boolean smart, int batch, int runs) {
        long bytesUp;
        long bytesDown;
        try (ByteCountingProxy proxy = new ByteCountingProxy(server);
             ConfigMgr cm = connect(uri(ByteCountingProxy.PROXY_HOST, server, smart, batch), batch)) {
            long up = proxy.bytesToServer();
            long down = proxy.bytesToClient();
            enumerate(cm);
            bytesUp = proxy.bytesToServer() - up;
            bytesDown = proxy.bytesToClient() - down;
        }
        Row best = null;
        try (ConfigMgr cm = connect(uri("127.0.0.1", server, smart, batch), batch)) {
            for (int r = 0; r < Math.max(1, runs); r++) {
                System.gc();
                long allocatedBefore = allocatedBytes();
                Map<String, Long> callsBefore = server.callCounts();
                long start = System.nanoTime();
                long objects = enumerate(cm);
                double seconds = (System.nanoTime() - start) / 1e9;
                long allocated = allocatedBytes() - allocatedBefore;
                Map<String, Long> calls = delta(callsBefore, server.callCounts());
                System.gc();
                long heap = heapUsed();
                String next = smart ? SMART_NEXT : NEXT;
                long nextCalls = calls.getOrDefault(next, 0L);
                long other = calls.values().stream().mapToLong(Long::longValue).sum() - nextCalls;
                // ceil(N/b) Next calls, one more (answering WBEM_S_FALSE with no object) when b divides N
                long expected = objects / batch + 1;
                Row row = new Row(size, smart, batch, objects, seconds, nextCalls, other, expected, bytesUp, bytesDown, allocated, heap, calls);
                if (best == null || row.seconds() < best.seconds()) {
                    best = row;
                }
            }
        }
        return best;
    }

    private static RestRow measureRest(AdminServiceServer server, int size, int batch, int runs) {
        RestRow best = null;
        try (ConfigMgr cm = ConfigMgr.builder().uri(server.uri()).batchSize(batch).connect()) {
            enumerate(cm);
            for (int r = 0; r < Math.max(1, runs); r++) {
                System.gc();
                long allocatedBefore = allocatedBytes();
                long sentBefore = server.objectsSent();
                long[] heap = {Long.MAX_VALUE, 0};
                long start = System.nanoTime();
                long objects;
                try (Stream<WmiObject> s = cm.query(WQL)) {
                    long[] n = {0};
                    s.forEach(o -> {
                        if (o.getLong("CI_ID") != 0 && ++n[0] % 10_000 == 0) {
                            System.gc();
                            long used = heapUsed();
                            heap[0] = Math.min(heap[0], used);
                            heap[1] = Math.max(heap[1], used);
                        }
                    });
                    objects = n[0];
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long allocated = allocatedBytes() - allocatedBefore;
                long pages = (server.objectsSent() - sentBefore + batch - 1) / batch;
                if (heap[0] == Long.MAX_VALUE) {
                    System.gc();
                    heap[0] = heapUsed();
                    heap[1] = heap[0];
                }
                RestRow row = new RestRow(size, batch, objects, seconds, pages, allocated, heap[0], heap[1]);
                if (best == null || row.seconds() < best.seconds()) {
                    best = row;
                }
            }
        }
        return best;
    }

    /** @return the objects read, each decoded and one of its properties read */
    private static long enumerate(ConfigMgr cm) {
        try (Stream<WmiObject> s = cm.query(WQL)) {
            return s.filter(o -> o.getLong("CI_ID") != 0).count();
        }
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            // the transport's ping thread (every 2 minutes) talks to the resolver, not to the enumeration
            if (n != 0 && !k.startsWith("IObjectExporter/")) {
                d.put(k, n);
            }
        });
        return d;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long heapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * @param result a run's measurements
     * @return its tables, in Markdown
     */
    static String markdown(Result result) {
        StringBuilder md = new StringBuilder();
        md.append("| N | smart enum | batch | objects | wall s | objects/s | Next calls | expected ceil(N/b)+1 | other calls | bytes/object on the wire | client allocation bytes/object | client allocation MB/s |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : result.rows()) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %,d | %.3f | %,.0f | %,d | %,d | %d | %,.0f | %,.0f | %,.0f |%n",
                    r.catalogSize(), r.smartEnum() ? "on" : "off", r.batch(), r.objects(), r.seconds(), r.objectsPerSecond(),
                    r.nextCalls(), r.expectedNextCalls(), r.otherCalls(), r.bytesPerObject(), r.allocatedPerObject(),
                    r.allocationMegabytesPerSecond()));
        }
        md.append('\n');
        if (!result.rest().isEmpty()) {
            md.append("adminservice:// (loopback AdminService, HTTPS, certificate pinned, no authentication; GCs every 10,000 objects"
                    + " for the heap samples are inside the wall time):\n\n");
            md.append("| N | page size | objects | wall s | objects/s | pages | client allocation bytes/object | heap after GC, least | heap after GC, most |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (RestRow r : result.rest()) {
                md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.3f | %,.0f | %,d | %,.0f | %,d | %,d |%n",
                        r.catalogSize(), r.pageSize(), r.objects(), r.seconds(), r.objectsPerSecond(), r.pages(),
                        (double) r.allocatedBytes() / r.objects(), r.heapLowBytes(), r.heapHighBytes()));
            }
            md.append('\n');
        }
        if (result.peers().isEmpty()) {
            md.append("impacket: not run (").append(result.peerUnavailable().orElse("no size asked for")).append(")\n");
        } else {
            md.append("| N | batch | impacket objects | impacket wall s | impacket objects/s | impacket CPU s | impacket Next calls | cm4j wall s (smart off, same batch) | ratio cm4j/impacket | cm4j faster by |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (PeerRow p : result.peers()) {
                md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.2f | %,.0f | %.2f | %,d | %.3f | %.4f | %,.0fx |%n",
                        p.catalogSize(), p.batch(), p.objects(), p.seconds(), p.objectsPerSecond(), p.cpuSeconds(), p.nextCalls(),
                        p.cm4jSeconds(), p.ratio(), p.speedup()));
            }
        }
        return md.toString();
    }

    static Map<String, Object> json(Settings settings, Result result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "enumeration");
        root.put("query", WQL);
        root.put("transport", "dcom:// at PKT_PRIVACY against io.github.cm4j.wmi.simulator.WmiServer on loopback (same JVM)");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sizes", settings.sizes());
        s.put("batches", settings.batches());
        s.put("batchOneMaxSize", settings.batchOneMaxSize());
        s.put("runs", settings.runs());
        s.put("impacketSize", settings.impacketSize());
        s.put("impacketBatches", settings.impacketBatches());
        root.put("settings", s);
        root.put("machine", Machine.describe());
        List<Object> rows = new ArrayList<>();
        for (Row r : result.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("catalogSize", r.catalogSize());
            m.put("smartEnum", r.smartEnum());
            m.put("batch", r.batch());
            m.put("objects", r.objects());
            m.put("seconds", r.seconds());
            m.put("objectsPerSecond", r.objectsPerSecond());
            m.put("nextCalls", r.nextCalls());
            m.put("expectedNextCalls", r.expectedNextCalls());
            m.put("otherCalls", r.otherCalls());
            m.put("serverCalls", new HashMap<>(r.calls()));
            m.put("bytesToServer", r.bytesToServer());
            m.put("bytesToClient", r.bytesToClient());
            m.put("bytesPerObject", r.bytesPerObject());
            m.put("clientAllocatedBytes", r.allocatedBytes());
            m.put("clientAllocatedBytesPerObject", r.allocatedPerObject());
            m.put("clientAllocationMegabytesPerSecond", r.allocationMegabytesPerSecond());
            m.put("heapUsedAfterGcBytes", r.heapUsedAfterGc());
            rows.add(m);
        }
        root.put("cm4j", rows);
        List<Object> peers = new ArrayList<>();
        for (PeerRow p : result.peers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("catalogSize", p.catalogSize());
            m.put("batch", p.batch());
            m.put("objects", p.objects());
            m.put("seconds", p.seconds());
            m.put("cpuSeconds", p.cpuSeconds());
            m.put("objectsPerSecond", p.objectsPerSecond());
            m.put("nextCalls", p.nextCalls());
            m.put("cm4jSeconds", p.cm4jSeconds());
            m.put("cm4jBestSeconds", p.cm4jBestSeconds());
            m.put("ratioCm4jOverImpacket", p.ratio());
            m.put("cm4jSpeedup", p.speedup());
            peers.add(m);
        }
        root.put("impacket", peers);
        List<Object> rest = new ArrayList<>();
        for (RestRow r : result.rest()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("catalogSize", r.catalogSize());
            m.put("pageSize", r.pageSize());
            m.put("objects", r.objects());
            m.put("seconds", r.seconds());
            m.put("objectsPerSecond", r.objectsPerSecond());
            m.put("pages", r.pages());
            m.put("clientAllocatedBytes", r.allocatedBytes());
            m.put("heapLowBytes", r.heapLowBytes());
            m.put("heapHighBytes", r.heapHighBytes());
            rest.add(m);
        }
        root.put("adminservice", rest);
        root.put("impacketUnavailable", result.peerUnavailable().orElse(null));
        return root;
    }
}
