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
import org.junit.jupiter.api.Nested;

/**
 * The transport contract over {@code dcom://} with Kerberos: tickets from the shared in-process KDC (Kerby), the
 * loopback server accepting with its keytab; AES256 session keys (the KDC's choice), at packet privacy over SPNEGO
 * ({@code authn=negotiate}, auth_type 9) and at packet integrity over bare Kerberos ({@code authn=kerberos}, 16).
 * The server refuses NTLM ({@code --no-ntlm}), so a silent fallback would fail the kit.
 */
class KerberosDcomContractTest {

    /** The kit at one level and mechanism. */
    abstract static class Kit extends WmiTransportContractTest {
        abstract String options();

        private WmiTransport open(SimulatedProvider provider) {
            return LoopbackSites.openKerberos(LoopbackSites.startKerberos(provider, true), "CAS", options(),
                    LoopbackSites.kerberosAlice());
        }

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

    @Nested
    class SpnegoAtPrivacy extends Kit {
        @Override
        String options() {
            return "auth=privacy&authn=negotiate&ntlm=off";
        }
    }

    @Nested
    class KerberosAtIntegrity extends Kit {
        @Override
        String options() {
            return "auth=integrity&authn=kerberos";
        }
    }
}
