package io.github.cm4j.wmi.simulator;

import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.WmiTransport;
import org.junit.jupiter.api.Nested;

/**
 * The transport contract over {@code dcom://} with Kerberos: tickets from the shared in-process KDC (Kerby), the
 * loopback server accepting with its keytab; AES256 session keys (the KDC's choice), at packet privacy over SPNEGO
 * ({@code authn=negotiate}, auth_type 9) and at packet integrity over bare Kerberos ({@code authn=kerberos}, 16).
 * The server refuses NTLM ({@code --no-ntlm}), so a silent fallback would fail the kit.
 */
class KerberosDcomContractTest {

    /** The kit at one level and mechanism. */
    abstract static class Kit extends LoopbackContractKit {
        abstract String options();

        @Override
        protected WmiTransport open(SimulatedProvider provider) {
            return LoopbackSites.openKerberos(LoopbackSites.startKerberos(provider, true), "CAS", options(),
                    LoopbackSites.kerberosAlice());
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
