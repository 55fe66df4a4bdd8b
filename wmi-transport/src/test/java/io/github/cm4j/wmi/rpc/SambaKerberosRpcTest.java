package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cm4j.Credentials;
import io.github.cm4j.internal.kerberos.KerberosIdentity;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.testkit.peers.SambaPeer;
import io.github.cm4j.wmi.kerberos.KerberosSecurityContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * cm4j's DCE/RPC client with Kerberos against Samba's own RPC server, with tickets from Samba's KDC: Samba is the
 * independent acceptor (as Windows is) of our DCE-style AP-REQ, third leg and Wrap/MIC tokens, bare (16) and
 * SPNEGO (9), at integrity and privacy; {@code ept_map} on the endpoint mapper, then samr connect and enumerate
 * domains. The JDK reads krb5.conf once per JVM and the in-process test KDC uses the same realm name, so this class
 * runs in its own surefire execution ({@code samba-kerberos} in this module's pom) with
 * {@code -Djava.security.krb5.conf} set to the peer's; elsewhere, and where the peer cannot run, it is skipped.
 */
class SambaKerberosRpcTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static SambaPeer samba;
    private static KerberosIdentity identity;

    @BeforeAll
    static void peer() {
        String conf = System.getProperty("java.security.krb5.conf");
        assumeTrue(conf != null && conf.contains("cm4j-peers"), "runs in the samba-kerberos surefire execution (the JVM's"
                + " krb5.conf must be the Samba peer's); skipping");
        samba = SambaPeer.shared();
        String user = "krb" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        String password = "Krb-Pa55-" + user;
        samba.addUser(user, password);
        identity = KerberosLogin.login(Credentials.kerberosPassword(user + "@" + samba.realm(), password), TIMEOUT);
    }

    private static RpcClientConnection connect(int port, AuthLevel level, boolean spnego) {
        String spn = "host/" + samba.dcHost() + "@" + samba.realm();
        return RpcClientConnection.builder(samba.dcAddress().getHostAddress(), port)
                .security(agreed -> KerberosSecurityContext.client(() -> identity.serviceTicket(spn, samba.dcHost()), spnego, agreed,
                        samba.dcHost(), Clock.systemUTC(), new SecureRandom()), identity.principal().getName())
                .authLevel(level).connectTimeout(TIMEOUT).connect();
    }

    // Samba proved two things Windows also does: the client asks for confidentiality (GSS_C_CONF_FLAG) only at
    // privacy, since Samba sizes every PDU's auth value by the flags asked for (asking for it at integrity made Samba
    // fail its own response: fault 1); and over SPNEGO with an AES acceptor subkey, the third leg carries the
    // initiator's mechListMIC and alter_context_resp the acceptor's (RFC 4178 5), without which Samba answers
    // nca_s_proto_error.
    @ParameterizedTest(name = "{0}, spnego={1}")
    @CsvSource({"PKT_INTEGRITY,false", "PKT_PRIVACY,false", "PKT_INTEGRITY,true", "PKT_PRIVACY,true"})
    void eptMapThenSamrConnectAndEnumerateDomainsWithKerberos(AuthLevel level, boolean spnego) {
        int port;
        try (RpcClientConnection c = connect(samba.endpointMapper().getPort(), level, spnego)) {
            int ctx = c.bind(SambaRpc.EPMAPPER, TIMEOUT);
            List<Integer> ports = SambaRpc.eptMapResponse(
                    c.call(ctx, SambaRpc.EPT_MAP, null, SambaRpc.eptMap(SambaRpc.SAMR, 4), TIMEOUT), SambaRpc.SAMR);
            assertThat(ports).isNotEmpty();
            port = ports.get(0);
        }
        try (RpcClientConnection c = connect(port, level, spnego)) {
            int ctx = c.bind(SambaRpc.SAMR, TIMEOUT);
            byte[] server = SambaRpc.samrConnect5Response(c.call(ctx, SambaRpc.SAMR_CONNECT5, null,
                    SambaRpc.samrConnect5("\\\\" + samba.dcHost(), SambaRpc.SAM_SERVER_ACCESS), TIMEOUT));
            List<String> domains = SambaRpc.samrEnumerateDomainsResponse(
                    c.call(ctx, SambaRpc.SAMR_ENUMERATE_DOMAINS, null, SambaRpc.samrEnumerateDomains(server), TIMEOUT));
            assertThat(domains).map(d -> d.toUpperCase(java.util.Locale.ROOT)).containsExactlyInAnyOrder(samba.domain(), "BUILTIN");
        }
    }
}
