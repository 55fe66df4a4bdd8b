package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round trips of an enumeration over {@code dcom://}, counted by the loopback server ({@link WmiServer#callCounts()}):
 * reading N objects in batches of b costs ceil(N / b) Next calls, plus one empty Next answering WBEM_S_FALSE when b
 * divides N, and a constant number of other calls (ExecQuery, RemRelease; with the smart enumerator also
 * RemQueryInterface and GetSmartEnum) whatever N and b.
 */
class DcomRoundTripsTest {
    private static final String QUERY = "SELECT CI_ID FROM SMS_SoftwareUpdate";
    private static final String ENUM = "IEnumWbemClassObject";
    private static final String SMART = "IWbemWCOSmartEnum";
    private static final int NEXT = 4;
    private static final int SMART_NEXT = 3;

    private static WmiServer server;
    private static long updates;

    @BeforeAll
    static void startServer() {
        server = LoopbackSites.start(SimulatedProvider.builder().catalogSize(1500).build());
        try (WmiTransport t = LoopbackSites.open(server, "CAS", "").dcomOnly()) {
            updates = t.query("root\\sms\\site_CAS", "SELECT COUNT(*) FROM SMS_SoftwareUpdate", QueryOptions.defaults(), WmiContext.empty())
                    .findFirst().orElseThrow().getLong("Count");
        }
        assertThat(updates).as("a catalog larger than the largest batch, not a multiple of it").isGreaterThan(1000);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** @return the change of every call count while the action ran */
    private static Map<String, Long> callsDuring(Runnable action) {
        Map<String, Long> before = server.callCounts();
        action.run();
        Map<String, Long> delta = new HashMap<>();
        server.callCounts().forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                delta.put(k, d);
            }
        });
        return delta;
    }

    @ParameterizedTest(name = "batch {0}, smart enumerator {1}")
    @CsvSource({"1, false", "100, false", "1000, false", "1, true", "100, true", "1000, true", "1500, false", "1500, true"})
    void readingNObjectsCostsCeilingOfNOverBatchNextCallsAndAConstant(int batch, boolean smart) {
        try (WmiTransport t = LoopbackSites.open(server, "CAS", "smartenum=" + smart).dcomOnly()) {
            long[] read = new long[1];
            long sentBefore = server.enumeratedObjectCount();
            Map<String, Long> calls = callsDuring(() -> {
                try (Stream<WmiObject> s = t.query(t.defaultNamespace(), QUERY, QueryOptions.defaults().withBatchSize(batch),
                        WmiContext.empty())) {
                    read[0] = s.count();
                }
            });
            long n = read[0];
            assertThat(n).isEqualTo(updates);
            long ceiling = (n + batch - 1) / batch;
            long expectedNext = ceiling + (n % batch == 0 ? 1 : 0);
            String used = smart ? SMART + "/" + SMART_NEXT : ENUM + "/" + NEXT;
            String unused = smart ? ENUM + "/" + NEXT : SMART + "/" + SMART_NEXT;
            assertThat(calls.get(used)).as("%s calls for %d objects in batches of %d: %s", used, n, batch, calls).isEqualTo(expectedNext);
            assertThat(calls).as("the other Next is never called (no silent fallback)").doesNotContainKey(unused);
            Map<String, Long> constant = new HashMap<>(calls);
            constant.remove(used);
            // the transport's ping thread (every 2 minutes) talks to the resolver, not to the enumerator
            constant.keySet().removeIf(k -> k.startsWith("IObjectExporter/"));
            Map<String, Long> expectedConstant = new HashMap<>(Map.of("IWbemServices/20", 1L, "IRemUnknown/5", 1L));
            if (smart) {
                expectedConstant.put("IRemUnknown/3", 1L);     // RemQueryInterface for IWbemFetchSmartEnum
                expectedConstant.put("IWbemFetchSmartEnum/3", 1L); // GetSmartEnum
            }
            assertThat(constant).as("calls besides Next: ExecQuery, RemRelease%s", smart ? ", RemQueryInterface, GetSmartEnum" : "")
                    .isEqualTo(expectedConstant);
            assertThat(server.enumeratedObjectCount() - sentBefore).as("objects the server sent").isEqualTo(n);
        }
    }

    @org.junit.jupiter.api.Test
    void theUrisBatchOptionAppliesToEveryQueryOfTheConnection() {
        try (WmiTransport t = LoopbackSites.open(server, "CAS", "batch=700").dcomOnly()) {
            Map<String, Long> calls = callsDuring(() -> {
                try (Stream<WmiObject> s = t.query(t.defaultNamespace(), QUERY, QueryOptions.defaults().withBatchSize(5),
                        WmiContext.empty())) {
                    assertThat(s.count()).isEqualTo(updates);
                }
            });
            assertThat(calls.get(ENUM + "/" + NEXT)).as("Next calls with batch=700 in the URI").isEqualTo((updates + 699) / 700);
        }
    }
}
