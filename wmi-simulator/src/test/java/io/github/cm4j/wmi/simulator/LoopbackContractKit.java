package io.github.cm4j.wmi.simulator;

import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.simulator.testing.InjectedFaults;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.ContractFixture;
import io.github.cm4j.testkit.EnumerationProbe;
import io.github.cm4j.testkit.InjectedFault;
import io.github.cm4j.testkit.WmiTransportContractTest;
import java.util.Optional;

/**
 * The transport contract kit over {@code dcom://} against a loopback {@link WmiServer} serving the demo hierarchy
 * (central site CAS), a fresh server per test: the injected faults through the simulator's {@link Faults}, the
 * server's own counts as the {@link EnumerationProbe}. A kit only says how it serves and connects ({@link #open});
 * NTLM at each level, Kerberos from the in-process KDC, and Kerberos with Samba's tickets share the rest.
 */
abstract class LoopbackContractKit extends WmiTransportContractTest {

    /**
     * @param provider the simulated provider to serve
     * @return a transport to a new loopback server of it (closing the transport stops the server)
     */
    protected abstract WmiTransport open(SimulatedProvider provider);

    @Override
    protected WmiTransport openTransport() {
        return open(SimulatedProvider.demo());
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
        return mapped.map(f -> open(SimulatedProvider.builder().faults(f).build()));
    }
}
