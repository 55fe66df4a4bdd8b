package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.wbem.IEnumWbemClassObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * 8 clients x 500 queries in parallel at packet privacy (each: ExecQuery, Next, RemRelease on its own connections):
 * no failure, every object released, and after close no thread of the server and no file descriptor more than before
 * (Linux: /proc/self/fd).
 */
class SoakTest {
    private static final int CLIENTS = 8;
    private static final int QUERIES = 500;

    private static long openDescriptors() throws IOException {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        }
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("cm4j-rpc-")).count();
    }

    @Test
    void eightClientsRunFiveHundredQueriesEachWithoutFailureOrLeak() throws Exception {
        SimulatedProvider provider = SimulatedProvider.demo();
        Credentials admin = Credentials.of("LAB\\admin", "Secret1!");
        // warm-up: class loading opens jar files once; count descriptors and threads after it
        try (WmiServer warm = WmiServer.builder().provider(provider).account("LAB", "admin", "Secret1!").build()) {
            try (RawWmiClient c = RawWmiClient.activate(warm.start(), admin, AuthLevel.PKT_PRIVACY)) {
                c.execQuery(c.services("root\\sms\\site_CAS"), "SELECT SiteCode FROM SMS_Site", null);
            }
        }
        long threadsBefore = serverThreads();
        long fdsBefore = openDescriptors();
        WmiServer server = WmiServer.builder().provider(provider).account("LAB", "admin", "Secret1!").build();
        int port = server.start();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                results.add(pool.submit(() -> {
                    int rows = 0;
                    try (RawWmiClient c = RawWmiClient.activate(port, admin, AuthLevel.PKT_PRIVACY)) {
                        ObjRefStandard services = c.services("root\\sms\\site_CAS");
                        for (int q = 0; q < QUERIES; q++) {
                            var r = c.execQuery(services, "SELECT SiteCode, ServerName FROM SMS_Site", null);
                            assertThat(r.status()).isZero();
                            UUID e = ((ObjRefStandard) r.value()).std().ipid();
                            var req = IEnumWbemClassObject.CountRequest.next(RawWmiClient.orpc(), IEnumWbemClassObject.WBEM_INFINITE, 10);
                            var next = IEnumWbemClassObject.NextResponse.decode(c.call(IEnumWbemClassObject.IID, e, req.opnum(), req.encode()));
                            rows += next.objects().size();
                            c.release(e);
                        }
                        c.release(services.std().ipid(), c.login.std().ipid());
                    }
                    return rows;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(240, TimeUnit.SECONDS)).isEqualTo(QUERIES * 3);
            }
            System.out.printf("soak: %d clients x %d queries in %d ms%n", CLIENTS, QUERIES, (System.nanoTime() - started) / 1_000_000);
            assertThat(server.exportedObjectCount()).as("objects left in the exporter").isZero();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            server.close();
        }
        assertThat(serverThreads()).as("server threads after close").isEqualTo(threadsBefore);
        if (fdsBefore >= 0) {
            assertThat(openDescriptors()).as("file descriptors after close").isLessThanOrEqualTo(fdsBefore);
        }
    }
}
