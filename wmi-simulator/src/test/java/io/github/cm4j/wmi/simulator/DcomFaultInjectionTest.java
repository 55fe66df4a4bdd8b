package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.SiteControlSession;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults over the loopback server, seen through {@code dcom://} and core's operations: connections cut by a
 * {@link CuttingProxy} in the middle of an enumeration and of a site control file commit, a slow provider and a
 * provider that denies access in the middle of a session ({@link Faults} of the simulator behind the server). Each
 * surfaces as its typed exception, no partial result passes for a complete one, the site control session is
 * released, and no thread, socket or session handle is left ({@link ResourceCounts} before and after).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DcomFaultInjectionTest {
    private static final String SYNC = "SMS_WSUS_SYNC_MANAGER";
    private static final String EXPRESS = "Sync ExpressFiles";

    /** Class loading opens jar files once: count descriptors after one full round trip. */
    @BeforeAll
    static void warmUp() throws Exception {
        runOn(SimulatedProvider.demo(), "", true, b -> { }, (cm, proxy) -> cm.query("SELECT SiteCode FROM SMS_Site").count());
    }

    interface Scenario {
        void run(ConfigMgr cm, CuttingProxy proxy) throws Exception;
    }

    /**
     * Runs a scenario on a fresh server (through the proxy when asked) and checks that, once client, proxy and server
     * are closed, nothing is left of what existed before.
     */
    private static void scenario(SimulatedProvider sim, String options, boolean viaProxy, Scenario s) throws Exception {
        scenario(sim, options, viaProxy, b -> { }, s);
    }

    private static void scenario(SimulatedProvider sim, String options, boolean viaProxy, Consumer<ConfigMgr.Builder> configure,
                                 Scenario s) throws Exception {
        ResourceCounts before = ResourceCounts.now(sim);
        runOn(sim, options, viaProxy, configure, s);
        before.assertNothingLeaked(sim);
    }

    private static void runOn(SimulatedProvider sim, String options, boolean viaProxy, Consumer<ConfigMgr.Builder> configure,
                              Scenario s) throws Exception {
        WmiServer server = LoopbackSites.start(sim);
        CuttingProxy proxy = viaProxy ? new CuttingProxy(server) : null;
        try {
            ConfigMgr.Builder b = ConfigMgr.builder()
                    .uri(viaProxy ? CuttingProxy.uri(server, "CAS", options) : LoopbackSites.uri(server, "CAS", options))
                    .credentials(LoopbackSites.ADMIN).connectTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(20));
            configure.accept(b);
            try (ConfigMgr cm = b.connect()) {
                s.run(cm, proxy);
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            server.close();
        }
    }

    private static int committedExpressFiles(ConfigMgr cm) {
        return cm.siteControl().components("CAS").stream().filter(c -> c.componentName().equals(SYNC)).findFirst().orElseThrow()
                .property(EXPRESS).orElseThrow().value();
    }

    @Test
    void aConnectionCutMidEnumerationFailsTheStreamWithConnectionExceptionAndTheClientRecovers() throws Exception {
        for (String options : new String[] {"", "smartenum=true"}) {
            SimulatedProvider sim = SimulatedProvider.demo();
            long total = sim.transportProvider().open(io.github.cm4j.spi.TransportConfig.of(java.net.URI.create("memory:demo?site=CAS"),
                    io.github.cm4j.Credentials.none())).query("root\\sms\\site_CAS", "SELECT CI_ID FROM SMS_SoftwareUpdate",
                    io.github.cm4j.spi.QueryOptions.defaults(), io.github.cm4j.cim.WmiContext.empty()).count();
            scenario(sim, options, true, b -> b.batchSize(5), (cm, proxy) -> {
                int read = 0;
                Throwable failure;
                try (Stream<WmiObject> s = cm.query("SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate")) {
                    Iterator<WmiObject> it = s.iterator();
                    for (; read < 7; read++) {
                        it.next();
                    }
                    proxy.cutAll();
                    int[] more = {0};
                    failure = catchThrowable(() -> it.forEachRemaining(o -> more[0]++));
                    read += more[0];
                }
                assertThat(failure).as(options + ": reading on after the cut").isInstanceOf(ConnectionException.class);
                assertThat(failure.getMessage()).contains("127.0.0.2");
                assertThat(read).as("objects read before the failure (never the whole result)").isLessThan((int) total);
                // the transport is not poisoned: the next call gets a new connection through the proxy
                assertThat(cm.query("SELECT SiteCode FROM SMS_Site").count()).isEqualTo(3);
            });
        }
    }

    @Test
    void aConnectionCutDuringCommitFailsTheCommitAppliesNothingAndTheSessionIsReleased() throws Exception {
        SimulatedProvider sim = SimulatedProvider.demo();
        scenario(sim, "", true, (cm, proxy) -> {
            int before = committedExpressFiles(cm);
            Throwable failure;
            try (SiteControlSession session = cm.siteControl().open("CAS")) {
                assertThat(sim.openSiteControlSessions()).isEqualTo(1);
                SciComponent sync = session.component(SYNC);
                session.put(sync.withProperty(EXPRESS, before + 5));
                proxy.cutOnNextRequest();
                failure = catchThrowable(session::commit);
            } // close() releases the handle on a new connection
            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(failure).isInstanceOf(ConnectionException.class);
            assertThat(sim.openSiteControlSessions()).as("session handles after close").isZero();
            assertThat(committedExpressFiles(cm)).as("nothing applied").isEqualTo(before);
        });
    }

    @Test
    void aSlowProviderFailsCallsWithCallTimeoutExceptionWithinTheirDeadline() throws Exception {
        Duration latency = Duration.ofSeconds(4);
        Duration deadline = Duration.ofMillis(800);
        SimulatedProvider sim = SimulatedProvider.builder().faults(Faults.builder().latency(latency, latency).build()).build();
        scenario(sim, "", false, b -> b.callTimeout(deadline), (cm, proxy) -> {
            for (Runnable call : new Runnable[] {
                () -> cm.get("SMS_Site.SiteCode=\"CAS\""),
                () -> cm.query("SELECT SiteCode FROM SMS_Site").count(),
                () -> cm.invoke("SMS_SiteControlFile", "GetSessionHandle", java.util.Map.of())}) {
                long started = System.nanoTime();
                Throwable t = catchThrowable(call::run);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(t).isInstanceOfSatisfying(CallTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(deadline));
                assertThat(took).as("time to the CallTimeoutException").isLessThan(latency.minusMillis(1500));
            }
        });
        // the GetSessionHandle that timed out still ran on the server once its latency passed
        assertThat(sim.openSiteControlSessions()).isLessThanOrEqualTo(1);
    }

    @Test
    void accessDeniedInTheMiddleOfASessionIsATypedExceptionAndTheSessionIsReleased() throws Exception {
        SimulatedProvider sim = SimulatedProvider.builder()
                .faults(Faults.builder().failMethod("CommitSCF", WbemStatus.WBEM_E_ACCESS_DENIED).build()).build();
        scenario(sim, "", false, (cm, proxy) -> {
            int before = committedExpressFiles(cm);
            try (SiteControlSession session = cm.siteControl().open("CAS")) {
                session.put(session.component(SYNC).withProperty(EXPRESS, before + 3));
                assertThatThrownBy(session::commit).isInstanceOfSatisfying(WmiException.class, e -> {
                    assertThat(e.is(WbemStatus.WBEM_E_ACCESS_DENIED)).as(e.toString()).isTrue();
                    assertThat(e.operation()).startsWith("ExecMethod");
                });
            }
            assertThat(sim.openSiteControlSessions()).isZero();
            assertThat(committedExpressFiles(cm)).isEqualTo(before);
        });
    }
}
