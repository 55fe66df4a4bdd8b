package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.Credentials;
import io.github.cm4j.testkit.peers.SambaPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * cm4j's DCE/RPC client with NTLMv2 against Samba's RPC server, an implementation independent of ours (the shared
 * {@link SambaPeer} AD DC): binds to the endpoint mapper and samr at packet integrity and privacy, lists the
 * endpoints with {@code ept_lookup}, finds samr's port with {@code ept_map}, connects to SAM and enumerates its
 * domains, and is refused with a wrong password. Samba verifies our NEGOTIATE/AUTHENTICATE, our signatures and
 * our sealing; we verify its. Skipped with a message where the peer cannot run.
 */
class SambaRpcInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static SambaPeer samba;
    private static String user;
    private static String password;

    @BeforeAll
    static void peer() {
        samba = SambaPeer.shared();
        user = "rpc" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        password = "Rpc-Pa55-" + user;
        samba.addUser(user, password);
    }

    private static RpcClientConnection connect(int port, AuthLevel level, String secret) {
        return RpcClientConnection.builder(samba.dcAddress().getHostAddress(), port)
                .credentials(Credentials.of(samba.domain() + "\\" + user, secret))
                .authLevel(level).connectTimeout(TIMEOUT).connect();
    }

    private static List<SambaRpc.Endpoint> lookupAll(RpcClientConnection c, int ctx) {
        List<SambaRpc.Endpoint> all = new ArrayList<>();
        byte[] handle = new byte[20];
        for (int page = 0; page < 50; page++) {
            SambaRpc.LookupPage p = SambaRpc.eptLookupResponse(
                    c.call(ctx, SambaRpc.EPT_LOOKUP, null, SambaRpc.eptLookup(handle, 50), TIMEOUT));
            all.addAll(p.entries());
            handle = p.handle();
            if (p.status() != 0 || p.entries().isEmpty() || java.util.Arrays.equals(handle, new byte[20])) {
                break;
            }
        }
        return all;
    }

    private static int samrPort(AuthLevel level) {
        try (RpcClientConnection c = connect(samba.endpointMapper().getPort(), level, password)) {
            int ctx = c.bind(SambaRpc.EPMAPPER, TIMEOUT);
            List<Integer> ports = SambaRpc.eptMapResponse(
                    c.call(ctx, SambaRpc.EPT_MAP, null, SambaRpc.eptMap(SambaRpc.SAMR, 4), TIMEOUT), SambaRpc.SAMR);
            assertThat(ports).isNotEmpty().allSatisfy(p -> assertThat(p).isBetween(1024, 65535));
            return ports.get(0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AuthLevel.class, names = {"PKT_INTEGRITY", "PKT_PRIVACY"})
    void eptLookupListsSamrAndEptMapAgreesOnItsPort(AuthLevel level) {
        List<SambaRpc.Endpoint> endpoints;
        int mapped;
        try (RpcClientConnection c = connect(samba.endpointMapper().getPort(), level, password)) {
            int ctx = c.bind(SambaRpc.EPMAPPER, TIMEOUT);
            assertThat(c.authLevel()).isEqualTo(level);
            endpoints = lookupAll(c, ctx);
            mapped = SambaRpc.eptMapResponse(
                    c.call(ctx, SambaRpc.EPT_MAP, null, SambaRpc.eptMap(SambaRpc.SAMR, 4), TIMEOUT), SambaRpc.SAMR).get(0);
        }
        // Samba registers samr, lsarpc, netlogon ... with annotations ("SAMR" etc.) on its dynamic TCP ports.
        assertThat(endpoints).hasSizeGreaterThan(3);
        List<Integer> samrTcpPorts = endpoints.stream().filter(e -> SambaRpc.SAMR.equals(e.iface()) && e.tcpPort() > 0)
                .map(SambaRpc.Endpoint::tcpPort).toList();
        assertThat(samrTcpPorts).as("samr over ncacn_ip_tcp in %s", endpoints).contains(mapped);
        assertThat(endpoints).anySatisfy(e -> assertThat(e.iface()).isEqualTo(SambaRpc.EPMAPPER));
    }

    @ParameterizedTest
    @EnumSource(value = AuthLevel.class, names = {"PKT_INTEGRITY", "PKT_PRIVACY"})
    void samrConnect5EnumeratesTheDomainAndBuiltin(AuthLevel level) {
        int port = samrPort(level);
        try (RpcClientConnection c = connect(port, level, password)) {
            int ctx = c.bind(SambaRpc.SAMR, TIMEOUT);
            byte[] server = SambaRpc.samrConnect5Response(c.call(ctx, SambaRpc.SAMR_CONNECT5, null,
                    SambaRpc.samrConnect5("\\\\" + samba.dcHost(), SambaRpc.SAM_SERVER_ACCESS), TIMEOUT));
            List<String> domains = SambaRpc.samrEnumerateDomainsResponse(
                    c.call(ctx, SambaRpc.SAMR_ENUMERATE_DOMAINS, null, SambaRpc.samrEnumerateDomains(server), TIMEOUT));
            // Windows names the second domain "Builtin", Samba "BUILTIN" (MS-SAMR 3.1.5.2.1 leaves the case open).
            assertThat(domains).map(d -> d.toUpperCase(java.util.Locale.ROOT))
                    .containsExactlyInAnyOrder(samba.domain(), "BUILTIN");
            SambaRpc.samrCloseHandleResponse(
                    c.call(ctx, SambaRpc.SAMR_CLOSE_HANDLE, null, SambaRpc.samrCloseHandle(server), TIMEOUT));
        }
    }

    @Test
    void samrConnect2WorksAfterAnAlterContextToAnotherInterfaceOfItsPort() {
        List<SambaRpc.Endpoint> endpoints;
        try (RpcClientConnection c = connect(samba.endpointMapper().getPort(), AuthLevel.PKT_PRIVACY, password)) {
            endpoints = lookupAll(c, c.bind(SambaRpc.EPMAPPER, TIMEOUT));
        }
        int port = samrPort(AuthLevel.PKT_PRIVACY);
        SyntaxId neighbour = endpoints.stream()
                .filter(e -> e.tcpPort() == port && e.iface() != null && !e.iface().equals(SambaRpc.SAMR))
                .map(SambaRpc.Endpoint::iface).findFirst()
                .orElseThrow(() -> new AssertionError("no other interface on samr's port " + port + " in " + endpoints));
        try (RpcClientConnection c = connect(port, AuthLevel.PKT_PRIVACY, password)) {
            // The second bind is an alter_context on the security context of the first; Samba verifies our
            // sealed requests on both contexts and we verify its answers.
            int samr = c.bind(SambaRpc.SAMR, TIMEOUT);
            int other = c.bind(neighbour, TIMEOUT);
            assertThat(other).isNotEqualTo(samr);
            byte[] server = SambaRpc.samrConnect2Response(c.call(samr, SambaRpc.SAMR_CONNECT2, null,
                    SambaRpc.samrConnect2("\\\\" + samba.dcHost(), SambaRpc.SAM_SERVER_ACCESS), TIMEOUT));
            assertThat(SambaRpc.samrEnumerateDomainsResponse(c.call(samr, SambaRpc.SAMR_ENUMERATE_DOMAINS, null,
                    SambaRpc.samrEnumerateDomains(server), TIMEOUT))).contains(samba.domain());
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        // The refusal comes after rpc_auth_3 (which has no reply): at the first call, as a fault or a dropped
        // connection. Either way no stub data comes back.
        assertThatThrownBy(() -> {
            try (RpcClientConnection c = connect(samba.endpointMapper().getPort(), AuthLevel.PKT_PRIVACY, "Wrong-" + password)) {
                int ctx = c.bind(SambaRpc.EPMAPPER, TIMEOUT);
                c.call(ctx, SambaRpc.EPT_MAP, null, SambaRpc.eptMap(SambaRpc.SAMR, 4), TIMEOUT);
            }
        }).isInstanceOf(ConfigMgrException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
    }

    @Test
    void aWrongPasswordIsReportedAsAnAuthenticationFailure() {
        // h-krb's mapping: a logon refused right after AUTH3 is an AuthenticationException naming the account and
        // the endpoint (never "access denied" on an operation, never the password).
        String wrong = "Wrong-" + password;
        assertThatThrownBy(() -> {
            try (RpcClientConnection c = connect(samba.endpointMapper().getPort(), AuthLevel.PKT_PRIVACY, wrong)) {
                int ctx = c.bind(SambaRpc.EPMAPPER, TIMEOUT);
                c.call(ctx, SambaRpc.EPT_MAP, null, SambaRpc.eptMap(SambaRpc.SAMR, 4), TIMEOUT);
            }
        }).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(user)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }
}
