package io.github.cm4j.wmi.simulator;

import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.EnumerationProbe;
import org.junit.jupiter.api.Nested;

/**
 * The transport contract over {@code dcom://} against the loopback server: a fresh demo hierarchy (central site CAS)
 * and server per test, at packet privacy and at packet integrity; latency and failure faults through the simulator's
 * {@link Faults}, the dropped enumeration among them (the server then closes the client's TCP connection); the
 * server's own counts of open enumerators and objects sent are the kit's {@link EnumerationProbe}.
 */
class DcomTransportContractTest {

    /** The kit at one authentication level. */
    abstract static class AtLevel extends LoopbackContractKit {
        abstract String auth();

        @Override
        protected WmiTransport open(SimulatedProvider provider) {
            return LoopbackSites.open(LoopbackSites.start(provider), "CAS", "auth=" + auth());
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
