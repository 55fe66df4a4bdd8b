package io.github.cm4j.wmi.simulator;

import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.ContractFixture;
import io.github.cm4j.testkit.InjectedFault;
import io.github.cm4j.testkit.WmiTransportContractTest;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * The transport contract over {@code dcom://} against the loopback server: a fresh demo hierarchy (central site CAS)
 * and server per test, at packet privacy and at packet integrity; latency and failure faults through the simulator's
 * {@link Faults} (not the dropped enumeration, which the server does not turn into a broken connection).
 */
class DcomTransportContractTest {

    /** The kit at one authentication level. */
    abstract static class AtLevel extends WmiTransportContractTest {
        abstract String auth();

        @Override
        protected WmiTransport openTransport() {
            return LoopbackSites.open(LoopbackSites.start(SimulatedProvider.demo()), "CAS", "auth=" + auth());
        }

        @Override
        protected ContractFixture fixture() {
            return ContractFixture.forSite("CAS");
        }

        @Override
        protected Optional<WmiTransport> openTransport(InjectedFault fault) {
            Faults.Builder faults = Faults.builder();
            if (fault instanceof InjectedFault.Latency latency) {
                faults.latency(latency.perCall(), latency.perCall());
            } else if (fault instanceof InjectedFault.FailAlways failure) {
                faults.failAlways(failure.operation().wbemMethod(), failure.status());
            } else {
                // DropEnumerationAfter: the loopback server answers the simulator's dropped enumeration with
                // WBEM_E_FAILED instead of breaking the TCP connection, so a lost connection cannot be shown over it yet
                return Optional.empty();
            }
            SimulatedProvider provider = SimulatedProvider.builder().faults(faults.build()).build();
            return Optional.of(LoopbackSites.open(LoopbackSites.start(provider), "CAS", "auth=" + auth()));
        }
    }

    @Nested
    class AtPrivacy extends AtLevel {
        @Override
        String auth() {
            return "privacy";
        }
    }

    @Nested
    class AtIntegrity extends AtLevel {
        @Override
        String auth() {
            return "integrity";
        }
    }
}
