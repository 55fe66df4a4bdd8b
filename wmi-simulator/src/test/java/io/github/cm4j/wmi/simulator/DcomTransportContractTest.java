package io.github.cm4j.wmi.simulator;

import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.testing.InjectedFaults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.ContractFixture;
import io.github.cm4j.testkit.EnumerationProbe;
import io.github.cm4j.testkit.InjectedFault;
import io.github.cm4j.testkit.WmiTransportContractTest;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * The transport contract over {@code dcom://} against the loopback server: a fresh demo hierarchy (central site CAS)
 * and server per test, at packet privacy and at packet integrity; latency and failure faults through the simulator's
 * {@link Faults}, the dropped enumeration among them (the server then closes the client's TCP connection); the
 * server's own counts of open enumerators and objects sent are the kit's {@link EnumerationProbe}.
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
        protected Optional<EnumerationProbe> enumerationProbe(WmiTransport transport) {
            return LoopbackSites.enumerationProbe(transport);
        }

        @Override
        protected Optional<WmiTransport> openTransport(InjectedFault fault) {
            Optional<Faults> mapped = InjectedFaults.toFaults(fault);
            if (mapped.isEmpty()) {
                return Optional.empty();
            }
            SimulatedProvider provider = SimulatedProvider.builder().faults(mapped.get()).build();
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
