package io.github.cm4j.examples;

import io.github.cm4j.Credentials;
import io.github.cm4j.examples.audit.AuditTransport;
import io.github.cm4j.examples.audit.AuditTransportProvider;
import io.github.cm4j.simulator.Faults;
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
        Faults.Builder faults = Faults.builder();
        if (fault instanceof InjectedFault.Latency latency) {
            faults.latency(latency.perCall(), latency.perCall());
        } else if (fault instanceof InjectedFault.FailAlways failure) {
            faults.failAlways(failure.operation().wbemMethod(), failure.status());
        } else if (fault instanceof InjectedFault.DropEnumerationAfter drop) {
            faults.dropEnumerationAfter(drop.objects());
        } else {
            return Optional.empty();
        }
        WmiTransport faulty = SimulatedProvider.builder().faults(faults.build()).build().openTransport();
        return Optional.of(new AuditTransport(faulty, line -> { }));
    }
}
