package io.github.cm4j.simulator;

import io.github.cm4j.simulator.testing.InjectedFaults;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.ContractFixture;
import io.github.cm4j.testkit.EnumerationProbe;
import io.github.cm4j.testkit.InjectedFault;
import io.github.cm4j.testkit.WmiTransportContractTest;
import java.util.Optional;

/**
 * The transport contract on the {@code memory:} transport: a fresh demo hierarchy (central site CAS, current
 * branch) per test; faults through the simulator's {@link Faults}; enumerators counted by the transport.
 */
class MemoryTransportContractTest extends WmiTransportContractTest {

    @Override
    protected WmiTransport openTransport() {
        return SimulatedProvider.demo().openTransport();
    }

    @Override
    protected ContractFixture fixture() {
        return ContractFixture.forSite("CAS");
    }

    @Override
    protected Optional<WmiTransport> openTransport(InjectedFault fault) {
        Optional<Faults> mapped = InjectedFaults.toFaults(fault);
        if (mapped.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SimulatedProvider.builder().faults(mapped.get()).build().openTransport());
    }

    @Override
    protected Optional<EnumerationProbe> enumerationProbe(WmiTransport transport) {
        MemoryTransport memory = (MemoryTransport) transport;
        return Optional.of(new EnumerationProbe() {
            @Override
            public int openEnumerators() {
                return memory.openEnumerations();
            }

            @Override
            public long objectsSent() {
                return memory.objectsSent();
            }
        });
    }
}
