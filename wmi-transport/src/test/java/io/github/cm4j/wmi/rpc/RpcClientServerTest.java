package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client against our server over loopback TCP: calls at both levels, fragmentation, refusals, deadlines, threads. */
class RpcClientServerTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final Credentials ALICE = Credentials.of("LAB\\alice", "Alice-pw-1");
    private static final NtlmServer NTLM = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ALICE).build();

    private EchoInterface echo;
    private RpcServer server;

    @BeforeEach
    void start() {
        echo = new EchoInterface();
        server = RpcServer.builder().ntlm(NTLM).register(EchoInterface.IFACE, echo).register(EchoInterface.SECOND, echo).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RpcClientConnection connect(AuthLevel level, Credentials credentials) {
        return RpcClientConnection.builder("127.0.0.1", server.port()).credentials(credentials).authLevel(level).maxFragment(1432)
                .connect();
    }

    @ParameterizedTest
    @EnumSource(value = AuthLevel.class, names = {"PKT_INTEGRITY", "PKT_PRIVACY"})
    void callsEchoAtEitherLevelWithStubsFragmentedBothWays(AuthLevel level) {
        try (RpcClientConnection c = connect(level, ALICE)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            Random random = new Random(1);
            for (int size : new int[] {0, 1, 100, 1432, 5000, 200_000}) {
                byte[] stub = new byte[size];
                random.nextBytes(stub);
                assertThat(c.call(ctx, 0, null, stub, T)).as("echo of %d bytes", size).isEqualTo(stub);
            }
            assertThat(c.call(ctx, 1, null, EchoInterface.int32(1_000_000), T)).isEqualTo(EchoInterface.pattern(1_000_000));
        }
        RpcCall last = echo.calls.get(echo.calls.size() - 1);
        assertThat(last.authLevel()).isEqualTo(level);
        assertThat(last.principal()).contains(new NtlmPrincipal("LAB", "alice"));
        assertThat(last.iface()).isEqualTo(EchoInterface.IFACE);
        assertThat(last.remote().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void theObjectUuidReachesTheHandlerAsDcomSendsTheIpid() {
        UUID ipid = UUID.randomUUID();
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            c.call(ctx, 0, ipid, new byte[] {1}, T);
            c.call(ctx, 0, null, new byte[] {2}, T);
        }
        assertThat(echo.calls.get(0).object()).contains(ipid);
        assertThat(echo.calls.get(1).object()).isEmpty();
    }

    @Test
    void alterContextAddsAnInterfaceOnTheSameConnectionWithoutANewAuthentication() {
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            int first = c.bind(EchoInterface.IFACE, T);
            int second = c.bind(EchoInterface.SECOND, T);
            assertThat(second).isNotEqualTo(first);
            assertThat(c.call(second, 0, null, new byte[] {9, 8}, T)).containsExactly(9, 8);
            assertThat(c.call(first, 0, null, new byte[] {7}, T)).containsExactly(7);
            assertThat(c.assocGroupId()).isNotZero();
        }
        assertThat(echo.calls).extracting(RpcCall::iface).containsExactly(EchoInterface.SECOND, EchoInterface.IFACE);
        assertThat(echo.calls).extracting(RpcCall::connectionId).containsOnly(echo.calls.get(0).connectionId());
    }

    @Test
    void anInterfaceTheServerDoesNotServeIsRejected() {
        SyntaxId unknown = SyntaxId.of("99999999-9999-9999-9999-999999999999", 1, 0);
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            assertThatThrownBy(() -> c.bind(unknown, T)).isInstanceOf(RpcBindException.class)
                    .hasMessageContaining("abstract_syntax_not_supported");
            assertThat(c.isOpen()).as("a failed first bind closes the connection").isFalse();
        }
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            assertThatThrownBy(() -> c.bind(unknown, T)).isInstanceOf(RpcBindException.class);
            assertThatThrownBy(() -> c.bind(SyntaxId.of(EchoInterface.IFACE.uuid().toString(), 2, 0), T))
                    .as("another major version").isInstanceOf(RpcBindException.class);
            assertThat(c.call(ctx, 0, null, new byte[] {1}, T)).as("still usable after a rejected alter_context").containsExactly(1);
        }
    }

    @Test
    void faultsCarryTheHandlersStatusAndLeaveTheConnectionUsable() {
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            assertThatThrownBy(() -> c.call(ctx, 99, null, new byte[0], T)).isInstanceOfSatisfying(RpcFaultException.class, e -> {
                assertThat(e.status()).isEqualTo(RpcStatus.NCA_S_OP_RNG_ERROR);
                assertThat(e.statusName()).isEqualTo("nca_s_op_rng_error");
            }).hasMessageContaining("opnum 99");
            assertThatThrownBy(() -> c.call(ctx, 3, null, new byte[0], T)).isInstanceOfSatisfying(RpcFaultException.class,
                    e -> assertThat(e.status()).isEqualTo(RpcStatus.NCA_S_FAULT_UNSPEC));
            assertThat(c.call(ctx, 0, null, new byte[] {5}, T)).containsExactly(5);
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsAnAuthenticationFailureOnTheFirstCall() {
        // The server answers access denied to the first call after rpc_auth_3 (as Windows); the client reports the
        // refused logon as such, not as a generic RPC fault (issue 17).
        for (Credentials wrong : List.of(Credentials.of("LAB\\alice", "guess"), Credentials.of("LAB\\mallory", "Alice-pw-1"))) {
            try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, wrong)) {
                int ctx = c.bind(EchoInterface.IFACE, T);
                assertThatThrownBy(() -> c.call(ctx, 0, null, new byte[] {1}, T)).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("NTLM logon of LAB\\" + wrong.user() + " refused")
                        .hasMessageContaining("nca_s_fault_access_denied").hasMessageContaining("wrong password")
                        .hasMessageContaining("Kerberos").hasMessageNotContaining("guess");
                assertThat(c.isOpen()).isFalse();
            }
        }
        assertThat(echo.calls).isEmpty();
    }

    @Test
    void theClientRefusesToOfferLevelsBelowIntegrity() {
        for (AuthLevel low : List.of(AuthLevel.NONE, AuthLevel.CONNECT, AuthLevel.CALL, AuthLevel.PKT)) {
            assertThatThrownBy(() -> RpcClientConnection.builder("127.0.0.1", server.port()).authLevel(low))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KB5004442");
        }
    }

    @Test
    void theServerRefusesAnUnauthenticatedOrConnectLevelCallWithAccessDenied() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.bindWithoutAuth(EchoInterface.IFACE).type()).isEqualTo(Pdu.BIND_ACK);
            peer.request(2, 0, new byte[] {1}, null);
            assertAccessDenied(peer.read(), 2);
        }
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.bindWithNtlm(EchoInterface.IFACE, AuthLevel.CONNECT, ALICE);
            peer.request(2, 0, new byte[] {1}, null);
            assertAccessDenied(peer.read(), 2);
        }
        assertThat(echo.calls).isEmpty();
    }

    private static void assertAccessDenied(Fragment f, int callId) {
        assertThat(f.type()).isEqualTo(Pdu.FAULT);
        assertThat(f.callId()).isEqualTo(callId);
        assertThat(f.flags() & Pdu.PFC_DID_NOT_EXECUTE).isNotZero();
        assertThat(CallHeader.decode(f).status()).isEqualTo(RpcStatus.NCA_S_FAULT_ACCESS_DENIED);
    }

    @Test
    void lowerLevelsGoThroughOnlyWhenTheMinimumIsLoweredAsThisTestDoes() throws Exception {
        try (RpcServer open = RpcServer.builder().ntlm(NTLM).minimumAuthLevel(AuthLevel.NONE).register(EchoInterface.IFACE, echo).start();
             RawPeer plain = new RawPeer(open.port()); RawPeer connect = new RawPeer(open.port())) {
            plain.bindWithoutAuth(EchoInterface.IFACE);
            plain.request(2, 0, new byte[] {1, 2}, null);
            Fragment r = plain.read();
            assertThat(r.type()).isEqualTo(Pdu.RESPONSE);
            connect.bindWithNtlm(EchoInterface.IFACE, AuthLevel.CONNECT, ALICE);
            connect.request(2, 0, new byte[] {3}, null);
            assertThat(connect.read().type()).isEqualTo(Pdu.RESPONSE);
        }
        assertThat(echo.calls).extracting(RpcCall::authLevel).containsExactly(AuthLevel.NONE, AuthLevel.CONNECT);
        assertThat(echo.calls.get(0).principal()).isEmpty();
        assertThat(echo.calls.get(1).principal()).contains(new NtlmPrincipal("LAB", "alice"));
    }

    @Test
    void aServerRequiringPrivacyRefusesAnIntegrityClient() {
        try (RpcServer strict = RpcServer.builder().ntlm(NTLM).minimumAuthLevel(AuthLevel.PKT_PRIVACY).register(EchoInterface.IFACE, echo)
                .start();
             RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", strict.port()).credentials(ALICE)
                     .authLevel(AuthLevel.PKT_INTEGRITY).connect()) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            assertThatThrownBy(() -> c.call(ctx, 0, null, new byte[] {1}, T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("nca_s_fault_access_denied").hasMessageContaining("PKT_PRIVACY");
        }
    }

    @Test
    void aTamperedRequestIsAnsweredWithASecurityFaultAndTheConnectionDropped() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.bindWithNtlm(EchoInterface.IFACE, AuthLevel.PKT_INTEGRITY, ALICE);
            PacketSecurity security = new PacketSecurity(AuthLevel.PKT_INTEGRITY, 5, NtlmSecurityContext.established(peer.session));
            List<byte[]> fragments = new ArrayList<>();
            Calls.send(fragments::add, 2, 0, 0, null, new byte[] {1, 2, 3, 4}, 5840, security);
            fragments.get(0)[25] ^= 0x10;
            peer.send(fragments.get(0));
            Fragment fault = peer.read();
            assertThat(CallHeader.decode(fault).status()).isEqualTo(RpcStatus.RPC_S_SEC_PKG_ERROR);
            assertThatThrownBy(peer::read).isInstanceOf(java.io.EOFException.class);
        }
        assertThat(echo.calls).isEmpty();
    }

    @Test
    void theServerAnswersBindTimeFeatureNegotiationWithNegotiateAck() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(Pdu.build(Pdu.BIND, 3, 1, RawPeer.bindBody(List.of(
                    new BindPdu.ContextElement(0, EchoInterface.IFACE, List.of(SyntaxId.NDR64, SyntaxId.NDR20)),
                    new BindPdu.ContextElement(1, EchoInterface.IFACE, List.of(SyntaxId.bindTimeFeatureNegotiation(0x03))),
                    new BindPdu.ContextElement(2, EchoInterface.IFACE, List.of(SyntaxId.NDR64)))), new byte[0], 0, 0, null).bytes());
            Fragment f = peer.read();
            BindAckPdu ack = BindAckPdu.decode(f);
            assertThat(ack.results()).containsExactly(
                    new BindAckPdu.ContextResult(Pdu.ACCEPTANCE, 0, SyntaxId.NDR20),
                    new BindAckPdu.ContextResult(Pdu.NEGOTIATE_ACK, 0x03, BindAckPdu.NO_SYNTAX),
                    new BindAckPdu.ContextResult(Pdu.PROVIDER_REJECTION, Pdu.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED, BindAckPdu.NO_SYNTAX));
            assertThat(ack.secondaryAddress()).isEqualTo(String.valueOf(server.port()));
        }
    }

    @Test
    void aBindWithAnotherSecurityProviderGetsBindNak() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            byte[] bind = Pdu.build(Pdu.BIND, 3, 1, RawPeer.bindBody(List.of(new BindPdu.ContextElement(0, EchoInterface.IFACE,
                    List.of(SyntaxId.NDR20)))), new byte[0], 0, 0, new Pdu.Auth(AuthLevel.PKT_PRIVACY, 0, new byte[40], 4)).bytes();
            bind[bind.length - 48] = 9; // auth_type RPC_C_AUTHN_GSS_NEGOTIATE
            peer.send(bind);
            Fragment nak = peer.read();
            assertThat(nak.type()).isEqualTo(Pdu.BIND_NAK);
            assertThat(BindNakPdu.decode(nak).reason()).isEqualTo(BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED);
        }
    }

    @Test
    void aRequestOverTheServersBoundIsFaulted() {
        try (RpcServer small = RpcServer.builder().ntlm(NTLM).maxStubBytes(10_000).register(EchoInterface.IFACE, echo).start();
             RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", small.port()).credentials(ALICE).connect()) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            assertThatThrownBy(() -> c.call(ctx, 0, null, new byte[20_000], T)).isInstanceOfSatisfying(RpcFaultException.class,
                    e -> assertThat(e.status()).isEqualTo(RpcStatus.NCA_S_FAULT_REMOTE_NO_MEMORY));
            assertThat(c.call(ctx, 0, null, new byte[9_000], T)).hasSize(9_000);
        }
    }

    @Test
    void aResponseOverTheClientsBoundClosesTheConnection() {
        try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", server.port()).credentials(ALICE).maxStubBytes(50_000).connect()) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            assertThatThrownBy(() -> c.call(ctx, 1, null, EchoInterface.int32(60_000), T)).isInstanceOf(ConnectionException.class)
                    .hasRootCauseInstanceOf(RpcFormatException.class);
            assertThat(c.isOpen()).isFalse();
        }
    }

    @Test
    void aCallPastItsDeadlineTimesOutPromptlyAndClosesTheConnection() {
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            long start = System.nanoTime();
            assertThatThrownBy(() -> c.call(ctx, 2, null, EchoInterface.int32(3_000), Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(CallTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300)));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
            assertThat(c.isOpen()).isFalse();
            assertThatThrownBy(() -> c.call(ctx, 0, null, new byte[0], T)).isInstanceOf(ConnectionException.class);
        }
    }

    @Test
    void aServerThatNeverAnswersTheBindTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", silent.getLocalPort()).credentials(ALICE).connect()) {
            assertThatThrownBy(() -> c.bind(EchoInterface.IFACE, Duration.ofMillis(200))).isInstanceOf(CallTimeoutException.class);
        }
    }

    @Test
    void connectingToAClosedPortFailsWithAConnectionException() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> RpcClientConnection.builder("127.0.0.1", port).credentials(ALICE).connectTimeout(Duration.ofSeconds(2))
                .connect()).isInstanceOf(ConnectionException.class).hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void aResponseWithoutTheNegotiatedSignatureIsRefusedByTheClient() throws Exception {
        // A fake server: answers the bind with a real NTLM challenge, then the call with an unsigned response.
        try (java.nio.channels.ServerSocketChannel fake = java.nio.channels.ServerSocketChannel.open()) {
            fake.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Void> peer = pool.submit(() -> {
                    try (PduChannel ch = PduChannel.accepted(fake.accept())) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        Fragment bind = ch.read(deadline, Pdu.MAX_FRAGMENT);
                        byte[] challenge = NTLM.newContext().challenge(bind.authValue());
                        byte[] ack = new BindAckPdu(5840, 5840, 1, "1", List.of(new BindAckPdu.ContextResult(Pdu.ACCEPTANCE, 0, SyntaxId.NDR20)))
                                .encode();
                        ch.write(Pdu.build(Pdu.BIND_ACK, 3, bind.callId(), ack, new byte[0], 0, 0,
                                new Pdu.Auth(AuthLevel.PKT_PRIVACY, 0, challenge, 4)).bytes(), deadline);
                        ch.read(deadline, Pdu.MAX_FRAGMENT); // rpc_auth_3
                        Fragment request = ch.read(deadline, Pdu.MAX_FRAGMENT);
                        Calls.send(f -> ch.write(f, deadline), request.callId(), 0, -1, null, new byte[] {42}, 5840, null);
                        ch.read(deadline, Pdu.MAX_FRAGMENT); // until the client hangs up
                    } catch (java.io.EOFException expected) {
                        // the client closed the connection after refusing the response
                    }
                    return null;
                });
                int port = ((java.net.InetSocketAddress) fake.getLocalAddress()).getPort();
                try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", port).credentials(ALICE).connect()) {
                    int ctx = c.bind(EchoInterface.IFACE, T);
                    assertThatThrownBy(() -> c.call(ctx, 0, null, new byte[] {1}, T)).isInstanceOf(AuthenticationException.class)
                            .hasMessageContaining("does not verify");
                    assertThat(c.isOpen()).isFalse();
                }
                peer.get(10, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void connectionsAreServedConcurrentlyAndOneConnectionSerialisesItsCallers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (RpcClientConnection shared = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            int sharedCtx = shared.bind(EchoInterface.IFACE, T);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    byte[] stub = EchoInterface.pattern(10_000 + n);
                    if (n % 2 == 0) {
                        return java.util.Arrays.equals(shared.call(sharedCtx, 0, null, stub, T), stub);
                    }
                    try (RpcClientConnection own = connect(AuthLevel.PKT_INTEGRITY, ALICE)) {
                        int ctx = own.bind(EchoInterface.IFACE, T);
                        return java.util.Arrays.equals(own.call(ctx, 0, null, stub, T), stub);
                    }
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(echo.calls.stream().map(RpcCall::connectionId).distinct()).hasSize(4);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() {
        try (RpcServer one = RpcServer.builder().ntlm(NTLM).maxConnections(1).register(EchoInterface.IFACE, echo).start();
             RpcClientConnection first = RpcClientConnection.builder("127.0.0.1", one.port()).credentials(ALICE).connect();
             RpcClientConnection second = RpcClientConnection.builder("127.0.0.1", one.port()).credentials(ALICE).connect()) {
            first.bind(EchoInterface.IFACE, T);
            assertThatThrownBy(() -> second.bind(EchoInterface.IFACE, T)).isInstanceOf(ConnectionException.class);
            assertThat(one.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void closingTheServerEndsEveryConnectionAndLeavesNoThread() throws Exception {
        RpcServer s = RpcServer.builder().ntlm(NTLM).register(EchoInterface.IFACE, echo).start();
        List<RpcClientConnection> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", s.port()).credentials(ALICE).connect();
            c.call(c.bind(EchoInterface.IFACE, T), 0, null, new byte[] {1}, T);
            clients.add(c);
        }
        String prefix = "cm4j-rpc-" + s.port() + "-";
        assertThat(rpcThreads(prefix)).isEqualTo(4);
        assertThat(threadsNamed("cm4j-rpc-accept-" + s.port())).isEqualTo(1);
        s.close();
        s.close();
        assertThat(rpcThreads(prefix)).isZero();
        assertThat(threadsNamed("cm4j-rpc-accept-" + s.port())).isZero();
        for (RpcClientConnection c : clients) {
            assertThatThrownBy(() -> c.call(0, 0, null, new byte[] {1}, T)).isInstanceOf(ConnectionException.class);
            c.close();
            c.close();
        }
    }

    @Test
    void clientConnectionsUseNoThreads() {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            c.call(c.bind(EchoInterface.IFACE, T), 0, null, new byte[] {1}, T);
            List<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                    .map(Thread::getName).filter(n -> !n.startsWith("cm4j-rpc-" + server.port() + "-")).toList();
            assertThat(started).as("threads started while a client connection is in use, the server's aside").isEmpty();
        }
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    private static long rpcThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }

    @Test
    void toStringNamesEndpointAndAccountButNoSecret() {
        try (RpcClientConnection c = connect(AuthLevel.PKT_PRIVACY, ALICE)) {
            assertThat(c.toString()).contains("127.0.0.1:" + server.port(), "LAB\\alice", "PKT_PRIVACY").doesNotContain("Alice-pw-1");
        }
        assertThat(server.toString()).contains("minimum PKT_INTEGRITY");
    }
}
