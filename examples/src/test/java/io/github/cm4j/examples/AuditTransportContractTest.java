package io.github.cm4j.examples;

import io.github.cm4j.Credentials;
import io.github.cm4j.examples.audit.AuditTransport;
import io.github.cm4j.examples.audit.AuditTransportProvider;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.testing.InjectedFaults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.ContractFixture;
import io.github.cm4j.testkit.InjectedFault;
import io.github.cm4j.testkit.WmiTransportContractTest;
import java.net.URI;
import java.util.Optional;

/**
 * The example's third-party transport ({@code audit:}) held to the transport contract, like cm4j's own: each test
 * opens {@code audit:memory:demo} through the provider (a fresh demo hierarchy, site CAS); the fault tests wrap a
 * simulator showing the fault. No enumeration probe: the audit transport cannot see the server's enumerators, so
 * the kit skips the tests that need one (and says so).
 */
class AuditTransportContractTest extends WmiTransportContractTest {

    @Override
    protected WmiTransport openTransport() {
        return new AuditTransportProvider(line -> { }).open(TransportConfig.of(URI.create("audit:memory:demo"),
                Credentials.none()));
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
        WmiTransport faulty = SimulatedProvider.builder().faults(mapped.get()).build().openTransport();
        return Optional.of(new AuditTransport(faulty, line -> { }));
    }
}
