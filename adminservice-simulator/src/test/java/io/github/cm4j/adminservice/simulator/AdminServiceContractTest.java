package io.github.cm4j.adminservice.simulator;

import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.simulator.testing.InjectedFaults;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testkit.ContractFixture;
import io.github.cm4j.testkit.EnumerationProbe;
import io.github.cm4j.testkit.InjectedFault;
import io.github.cm4j.testkit.Operation;
import io.github.cm4j.testkit.WmiTransportContractTest;
import java.util.Optional;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transport contract over {@code adminservice://} against the loopback AdminService: a fresh demo hierarchy
 * (central site CAS) and server per test, with Kerberos (SPNEGO through an in-process KDC) and without
 * authentication, and with NTLM ({@code ntlm=on} against {@code allowNtlm}); the server's cursors and entity counts are the kit's {@link EnumerationProbe}; latency, failure
 * and dropped-enumeration faults through the simulator. Context (site control file sessions) and class definitions
 * are skipped by capability: the AdminService carries no IWbemContext and the transport does not map $metadata.
 */
class AdminServiceContractTest {

    abstract static class Kit extends WmiTransportContractTest {
        abstract Kdc kdc();

        abstract Subject subject();

        /** A loopback service over this provider and a transport to it (closing the transport stops the service). */
        WmiTransport open(SimulatedProvider provider) {
            return Loopback.open(Loopback.start(provider, "CAS", kdc()), subject(), "");
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
            AdminServiceServer server = ((Loopback.Served) transport).server();
            return Optional.of(new EnumerationProbe() {
                @Override
                public int openEnumerators() {
                    return server.openCursors();
                }

                @Override
                public long objectsSent() {
                    return server.objectsSent();
                }
            });
        }

        @Override
        protected Optional<WmiTransport> openTransport(InjectedFault fault) {
            if (fault instanceof InjectedFault.FailAlways f && f.operation() == Operation.GET_CLASS) {
                // getClass over adminservice:// makes no call (the transport does not declare CLASS_DEFINITIONS;
                // core uses the built-in schema), so a fault of the provider's GetClass cannot reach it
                return Optional.empty();
            }
            Optional<Faults> mapped = InjectedFaults.toFaults(fault);
            if (mapped.isEmpty()) {
                return Optional.empty();
            }
            SimulatedProvider provider = SimulatedProvider.builder().faults(mapped.get()).build();
            return Optional.of(open(provider));
        }
    }

    @Nested
    @ExtendWith(Kdc.Extension.class)
    class WithKerberos extends Kit {
        @Override
        Kdc kdc() {
            return Kdc.shared();
        }

        @Override
        Subject subject() {
            return Kdc.shared().userSubject();
        }
    }

    /** NTLM over HTTP ({@code ntlm=on}) against a service that allows it: every request its own handshake. */
    @Nested
    class WithNtlm extends Kit {
        @Override
        Kdc kdc() {
            return null;
        }

        @Override
        Subject subject() {
            return null;
        }

        @Override
        WmiTransport open(SimulatedProvider provider) {
            return Loopback.openNtlm(Loopback.startNtlm(provider, "CAS"));
        }
    }

    @Nested
    class WithoutAuthentication extends Kit {
        @Override
        Kdc kdc() {
            return null;
        }

        @Override
        Subject subject() {
            return null;
        }
    }
}
