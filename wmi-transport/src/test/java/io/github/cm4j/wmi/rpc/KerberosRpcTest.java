package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.internal.kerberos.KerberosIdentity;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.testing.TestKdc;
import io.github.cm4j.wmi.kerberos.KerberosAcceptor;
import io.github.cm4j.wmi.kerberos.KerberosSecurityContext;
import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our DCE/RPC client against our server over loopback with Kerberos tickets from a real KDC (Kerby, in process):
 * DCE style with bare Kerberos (16) and SPNEGO (9), at integrity and privacy, and the refusals a user meets.
 */
class KerberosRpcTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final Credentials NTLM_ALICE = Credentials.of("LAB\\alice", "Alice-pw-1");
    private static final NtlmServer NTLM = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(NTLM_ALICE).build();
    private static TestKdc kdc;
    private static KerberosIdentity alice;

    private EchoInterface echo;
    private RpcServer server;

    @BeforeAll
    static void kdc() {
        kdc = TestKdc.shared();
        alice = KerberosLogin.login(Credentials.kerberosPassword(TestKdc.ALICE, TestKdc.ALICE_PASSWORD), T, null);
    }

    @BeforeEach
    void start() {
        echo = new EchoInterface();
        server = serve(KerberosAcceptor.fromKeytab(TestKdc.SERVICE, kdc.serviceKeytab(), Clock.systemUTC(),
                KerberosAcceptor.DEFAULT_SKEW, true));
    }

    private RpcServer serve(KerberosAcceptor acceptor) {
        return RpcServer.builder().ntlm(NTLM)
                .accept(16, () -> acceptor.newContext(false))
                .accept(9, () -> acceptor.newContext(true))
                .register(EchoInterface.IFACE, echo).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RpcClientConnection connect(RpcServer to, AuthLevel level, boolean spnego, String spn, Clock clock) {
        return RpcClientConnection.builder("127.0.0.1", to.port())
                .security(agreed -> KerberosSecurityContext.client(() -> alice.serviceTicket(spn, "cas.lab.test"), spnego,
                        agreed, "cas.lab.test", clock, new SecureRandom()), TestKdc.ALICE)
                .authLevel(level).maxFragment(1432).connect();
    }

    @ParameterizedTest(name = "{0}, spnego={1}")
    @CsvSource({"PKT_INTEGRITY,false", "PKT_PRIVACY,false", "PKT_INTEGRITY,true", "PKT_PRIVACY,true"})
    void callsEchoWithKerberosAtEitherLevelFragmentedBothWays(AuthLevel level, boolean spnego) {
        try (RpcClientConnection c = connect(server, level, spnego, "host/cas.lab.test", Clock.systemUTC())) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            Random random = new Random(2);
            for (int size : new int[] {0, 1, 15, 16, 100, 1432, 5000, 200_000}) {
                byte[] stub = new byte[size];
                random.nextBytes(stub);
                assertThat(c.call(ctx, 0, null, stub, T)).as("echo of %d bytes", size).isEqualTo(stub);
            }
        }
        RpcCall last = echo.calls.get(echo.calls.size() - 1);
        assertThat(last.authLevel()).isEqualTo(level);
        assertThat(last.principal()).contains(new NtlmPrincipal("LAB.TEST", "alice"));
    }

    private RpcClientConnection connectWith(RpcServer to, AuthLevel level, boolean spnego,
            io.github.cm4j.internal.kerberos.ServiceTicket ticket) {
        return RpcClientConnection.builder("127.0.0.1", to.port())
                .security(agreed -> KerberosSecurityContext.client(() -> ticket, spnego, agreed, "cas.lab.test", Clock.systemUTC(),
                        new SecureRandom()), TestKdc.ALICE)
                .authLevel(level).maxFragment(1432).connect();
    }

    @ParameterizedTest(name = "{0}, spnego={1}")
    @CsvSource({"PKT_INTEGRITY,false", "PKT_PRIVACY,true"})
    void rc4SessionKeysUseRfc4757TokensEndToEnd(AuthLevel level, boolean spnego) throws Exception {
        var ticket = Rc4Tickets.mint(TestKdc.ALICE, TestKdc.SERVICE, kdc.serviceKeytab(), Duration.ofHours(1));
        try (RpcClientConnection c = connectWith(server, level, spnego, ticket)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            Random random = new Random(4);
            for (int size : new int[] {0, 7, 16, 3000, 100_000}) {
                byte[] stub = new byte[size];
                random.nextBytes(stub);
                assertThat(c.call(ctx, 0, null, stub, T)).isEqualTo(stub);
            }
        }
        assertThat(echo.calls.get(echo.calls.size() - 1).principal()).contains(new NtlmPrincipal("LAB.TEST", "alice"));
    }

    @Test
    void aServerRefusingRc4SaysNoCommonEncryptionType() throws Exception {
        var ticket = Rc4Tickets.mint(TestKdc.ALICE, TestKdc.SERVICE, kdc.serviceKeytab(), Duration.ofHours(1));
        try (RpcServer noRc4 = serve(KerberosAcceptor.fromKeytab(TestKdc.SERVICE, kdc.serviceKeytab(), Clock.systemUTC(),
                KerberosAcceptor.DEFAULT_SKEW, false));
             RpcClientConnection c = connectWith(noRc4, AuthLevel.PKT_PRIVACY, false, ticket)) {
            assertThatThrownBy(() -> c.bind(EchoInterface.IFACE, T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("no common encryption type").hasMessageContaining("KDC_ERR_ETYPE_NOSUPP");
        }
        assertThat(echo.calls).isEmpty();
    }

    @Test
    void anExpiredServiceTicketIsRefusedAskingForKinit() throws Exception {
        var expired = Rc4Tickets.mint(TestKdc.ALICE, TestKdc.SERVICE, kdc.serviceKeytab(), Duration.ofMinutes(-10));
        try (RpcClientConnection c = connectWith(server, AuthLevel.PKT_PRIVACY, false, expired)) {
            assertThatThrownBy(() -> c.bind(EchoInterface.IFACE, T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("KRB_AP_ERR_TKT_EXPIRED").hasMessageContaining("kinit");
        }
    }

    @Test
    void aSkewedClientClockIsRefusedWithBothClocksInTheMessage() {
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(17));
        try (RpcClientConnection c = connect(server, AuthLevel.PKT_PRIVACY, false, "host/cas.lab.test", skewed)) {
            assertThatThrownBy(() -> c.bind(EchoInterface.IFACE, T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("KRB_AP_ERR_SKEW").hasMessageContaining("client clock")
                    .hasMessageContaining("server clock").hasMessageContaining("NTP");
        }
        assertThat(echo.calls).isEmpty();
    }

    @Test
    void aServerWithoutTheTicketsKeyExplainsTheKeytab() {
        try (RpcServer wrong = serve(KerberosAcceptor.fromKeytab(TestKdc.AES_ONLY_SERVICE, kdc.aesOnlyKeytab(),
                Clock.systemUTC(), KerberosAcceptor.DEFAULT_SKEW, true));
             RpcClientConnection c = connect(wrong, AuthLevel.PKT_PRIVACY, true, "host/cas.lab.test", Clock.systemUTC())) {
            assertThatThrownBy(() -> c.bind(EchoInterface.IFACE, T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("cannot decrypt the ticket").hasMessageContaining("keytab");
        }
    }

    @Test
    void anUnknownSpnFailsBeforeTheBindNamingTheSpn() {
        try (RpcClientConnection c = connect(server, AuthLevel.PKT_PRIVACY, false, "host/cas", Clock.systemUTC())) {
            assertThatThrownBy(() -> c.bind(EchoInterface.IFACE, T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("host/cas@LAB.TEST").hasMessageContaining("KDC_ERR_S_PRINCIPAL_UNKNOWN");
            assertThat(c.isOpen()).isFalse();
        }
    }
}
