package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.invoke;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One provider serves many threads and transports at once. */
class ConcurrencyTest {
    static final String CAS = ns("CAS");
    static final int THREADS = 8;

    static WmiObject withProp(WmiObject component, String name, long value) {
        List<WmiObject> props = new ArrayList<>();
        for (WmiObject p : component.get("Props").orElseThrow().asObjectList()) {
            props.add(p.getString("PropertyName").equals(name) ? p.with("Value", value) : p);
        }
        return component.with("Props", CimValue.objectArray(props));
    }

    static long prop(WmiObject component, String name) {
        return component.get("Props").orElseThrow().asObjectList().stream()
                .filter(p -> p.getString("PropertyName").equals(name)).findFirst().orElseThrow().getLong("Value");
    }

    @Test
    void concurrentQueriesWritesAndSessionsStayConsistent() throws Exception {
        SimulatedProvider sim = SimulatedProvider.demo();
        List<String> components = query(sim.openTransport(), CAS, "SELECT ComponentName FROM SMS_SCI_Component WHERE SiteCode = 'PS1'")
                .stream().map(c -> c.getString("ComponentName")).toList();
        assertThat(components.size()).isGreaterThanOrEqualTo(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int n = 0; n < THREADS; n++) {
                String component = components.get(n);
                int thread = n;
                results.add(pool.submit((Callable<Integer>) () -> {
                    try (WmiTransport t = sim.openTransport(thread % 2 == 0 ? "CAS" : "PS1")) {
                        int done = 0;
                        for (int i = 1; i <= 25; i++) {
                            assertThat(query(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE Severity >= 8").get(0)
                                    .getLong("Count")).isPositive();
                            String handle = invoke(t, CAS, "SMS_SiteControlFile", "GetSessionHandle", Map.of()).getString("SessionHandle");
                            WmiContext ctx = WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle);
                            invoke(t, CAS, "SMS_SiteControlFile", "RefreshSCF", Map.of("SiteCode", "PS1"), ctx);
                            WmiObject c = query(t, CAS, "SELECT * FROM SMS_SCI_Component WHERE SiteCode = 'PS1' AND ComponentName = '"
                                    + component + "'", ctx).get(0);
                            WmiObject edited = c.with("Flag", (long) i);
                            t.put(CAS, edited, PutMode.UPDATE_ONLY, CALL, ctx);
                            invoke(t, CAS, "SMS_SiteControlFile", "CommitSCF", Map.of("SiteCode", "PS1"), ctx);
                            invoke(t, CAS, "SMS_SiteControlFile", "ReleaseSessionHandle", Map.of("SessionHandle", handle));
                            invoke(t, CAS, "SMS_SoftwareUpdate.CI_ID=" + (16777216 + thread * 100 + i), "SetEnforcement",
                                    Map.of("Enforced", true));
                            done++;
                        }
                        return done;
                    }
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(25);
            }
        } finally {
            pool.shutdownNow();
        }
        try (WmiTransport t = sim.openTransport()) {
            for (int n = 0; n < THREADS; n++) {
                assertThat(query(t, CAS, "SELECT Flag FROM SMS_SCI_Component WHERE SiteCode = 'PS1' AND ComponentName = '"
                        + components.get(n) + "'").get(0).getLong("Flag")).isEqualTo(25);
            }
            assertThat(query(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE EffectiveDate = '"
                    + io.github.cm4j.cim.CimDateTime.of(sim.clock().instant()) + "'").get(0).getLong("Count")).isEqualTo(THREADS * 25);
            assertThat(sim.scf.openSessions()).isZero();
        }
    }

    @Test
    void racingCommitsOfOneItemHaveExactlyOneWinnerPerRound() throws Exception {
        SimulatedProvider sim = SimulatedProvider.demo();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        try (WmiTransport t = sim.openTransport()) {
            List<WmiContext> sessions = new ArrayList<>();
            for (int n = 0; n < THREADS; n++) {
                String h = invoke(t, CAS, "SMS_SiteControlFile", "GetSessionHandle", Map.of()).getString("SessionHandle");
                WmiContext ctx = WmiContext.empty().with(WmiContext.SESSION_HANDLE, h);
                invoke(t, CAS, "SMS_SiteControlFile", "RefreshSCF", Map.of("SiteCode", "PS1"), ctx);
                WmiObject c = query(t, CAS, "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER'"
                        + " AND SiteCode = 'PS1'", ctx).get(0);
                t.put(CAS, withProp(c, "MaxInstallTime-Windows", 1000 + n), PutMode.UPDATE_ONLY, CALL, ctx);
                sessions.add(ctx);
            }
            List<Future<?>> fs = new ArrayList<>();
            for (WmiContext ctx : sessions) {
                fs.add(pool.submit(() -> {
                    try {
                        invoke(t, CAS, "SMS_SiteControlFile", "CommitSCF", Map.of("SiteCode", "PS1"), ctx);
                        wins.incrementAndGet();
                    } catch (WmiException e) {
                        assertThat(e.hresult()).isEqualTo(0x8004106D);
                        conflicts.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(wins.get()).isOne();
            assertThat(conflicts.get()).isEqualTo(THREADS - 1);
            long value = prop(query(t, CAS, "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER'"
                    + " AND SiteCode = 'PS1'").get(0), "MaxInstallTime-Windows");
            assertThat(value).isBetween(1000L, 1000L + THREADS - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
