package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    static final String CAS = ns("CAS");

    static List<Optional<WbemStatus>> outcomes(long seed) {
        Faults f = Faults.builder().seed(seed).failureRate(0.3, WbemStatus.WBEM_E_SERVER_TOO_BUSY).build();
        List<Optional<WbemStatus>> out = new ArrayList<>();
        try (WmiTransport t = SimulatedProvider.builder().catalogSize(50).faults(f).build().openTransport()) {
            for (int i = 0; i < 40; i++) {
                try {
                    t.get(CAS, ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=16777216"), CALL, WmiContext.empty());
                    out.add(Optional.empty());
                } catch (WmiException e) {
                    assertThat(e.getMessage()).contains("injected fault");
                    out.add(e.status());
                }
            }
        }
        return out;
    }

    @Test
    void aSeededFailureRateFailsTheSameCallsEveryRun() {
        List<Optional<WbemStatus>> a = outcomes(11);
        assertThat(a).isEqualTo(outcomes(11));
        assertThat(a).contains(Optional.of(WbemStatus.WBEM_E_SERVER_TOO_BUSY), Optional.empty());
        assertThat(a.stream().filter(Optional::isPresent).count()).isBetween(4L, 24L);
        assertThat(outcomes(12)).isNotEqualTo(a);
    }

    @Test
    void anOperationCanAlwaysFail() {
        Faults f = Faults.builder().failAlways("PutInstance", WbemStatus.WBEM_E_ACCESS_DENIED).build();
        try (WmiTransport t = SimulatedProvider.builder().catalogSize(10).faults(f).build().openTransport()) {
            WmiObject pkg = query(t, CAS, "SELECT * FROM SMS_SoftwareUpdatesPackage").get(0);
            assertThatThrownBy(() -> t.put(CAS, pkg, PutMode.UPDATE_ONLY, CALL, WmiContext.empty()))
                    .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_ACCESS_DENIED));
        }
    }

    @Test
    void latencyBeyondTheDeadlineTimesOut() {
        Faults f = Faults.builder().latency(Duration.ofMillis(40), Duration.ofMillis(60)).build();
        try (WmiTransport t = SimulatedProvider.builder().catalogSize(10).faults(f).build().openTransport()) {
            long start = System.nanoTime();
            t.getClass(CAS, "SMS_Site", CALL, WmiContext.empty());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
            assertThatThrownBy(() -> t.getClass(CAS, "SMS_Site", CallOptions.timeout(Duration.ofMillis(10)), WmiContext.empty()))
                    .isInstanceOfSatisfying(CallTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(10)));
        }
    }

    @Test
    void anEnumerationCanLoseItsConnectionMidway() {
        Faults f = Faults.builder().dropEnumerationAfter(120).build();
        try (WmiTransport t = SimulatedProvider.builder().catalogSize(500).faults(f).build().openTransport()) {
            List<WmiObject> seen = new ArrayList<>();
            assertThatThrownBy(() -> t.query(CAS, "SELECT * FROM SMS_SoftwareUpdate", Sims.QUERY, WmiContext.empty())
                    .forEach(seen::add)).isInstanceOf(ConnectionException.class).hasMessageContaining("after 120 objects");
            assertThat(seen).hasSize(120);
            assertThat(query(t, CAS, "SELECT * FROM SMS_Site")).hasSize(3);
        }
    }
}
