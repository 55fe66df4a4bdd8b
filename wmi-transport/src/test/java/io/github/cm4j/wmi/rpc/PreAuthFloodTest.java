package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 1: a peer that never authenticates must not make the server reserve memory or hold connection
 * slots. Before the fix each first fragment reserved its capped alloc_hint (1 MiB) until the last fragment or the
 * 5-minute idle timeout: 32 connections x 8 calls held 256 MiB.
 */
class PreAuthFloodTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final Credentials ALICE = Credentials.of("LAB\\alice", "Alice-pw-1");
    private static final NtlmServer NTLM = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ALICE).build();
    /** Documented in docs/transport-dcom.md: heap growth after GC while the flood's sockets are still open. */
    static final long HEAP_BOUND = 24L << 20;

    private RpcServer server;

    @BeforeEach
    void start() {
        server = RpcServer.builder().ntlm(NTLM).register(EchoInterface.IFACE, new EchoInterface()).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A first fragment (not last) of a request claiming a 4 GiB stub, with no bind and no verifier. */
    static byte[] partialRequest(int callId) {
        byte[] prefix = CallHeader.request(-1, 0, 1, null);
        return Pdu.build(Pdu.REQUEST, Pdu.PFC_FIRST_FRAG, callId, prefix, new byte[16], 0, 16, null).bytes();
    }

    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void partialPdusOver64UnauthenticatedConnectionsReserveNoHeapAndAuthenticatedClientsAreServed() throws Exception {
        long before = heapAfterGc();
        List<RawPeer> flood = new ArrayList<>();
        int sent = 0;
        try {
            for (int c = 0; c < 64; c++) {
                RawPeer p = new RawPeer(server.port());
                flood.add(p);
                for (int call = 1; call <= 16; call++) {
                    try {
                        p.send(partialRequest(call));
                        sent++;
                    } catch (IOException closedByTheServer) {
                        break;
                    }
                }
            }
            Thread.sleep(500);
            long during = heapAfterGc();
            assertThat(during - before).as("heap growth after %d partial PDUs", sent).isLessThan(HEAP_BOUND);
            try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", server.port()).credentials(ALICE)
                    .authLevel(AuthLevel.PKT_PRIVACY).connect()) {
                int ctx = c.bind(EchoInterface.IFACE, T);
                assertThat(c.call(ctx, 1, null, EchoInterface.int32(1000), T)).isEqualTo(EchoInterface.pattern(1000));
            }
        } finally {
            flood.forEach(RawPeer::close);
        }
        assertThat(sent).isGreaterThanOrEqualTo(64);
    }

    @Test
    void aBindThatNeverSendsRpcAuth3IsClosedAfterTheAuthenticationDeadline() throws Exception {
        try (RpcServer quick = RpcServer.builder().ntlm(NTLM).authTimeout(Duration.ofMillis(500)).register(EchoInterface.IFACE,
                new EchoInterface()).start(); RawPeer p = new RawPeer(quick.port())) {
            io.github.cm4j.wmi.ntlm.NtlmClient.Context ntlm = io.github.cm4j.wmi.ntlm.NtlmClient.of(ALICE).newContext();
            p.send(Pdu.build(Pdu.BIND, 3, 1, RawPeer.bindBody(java.util.List.of(new BindPdu.ContextElement(0, EchoInterface.IFACE,
                    java.util.List.of(SyntaxId.NDR20)))), new byte[0], 0, 0, new Pdu.Auth(AuthLevel.PKT_PRIVACY, 5, ntlm.negotiate(), 4))
                    .bytes());
            assertThat(p.read().type()).isEqualTo(Pdu.BIND_ACK);
            long started = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(p::read).isInstanceOf(java.io.EOFException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void unauthenticatedConnectionsPastTheCapCloseTheOldestAndLeaveRoomForAuthenticatedClients() throws Exception {
        try (RpcServer capped = RpcServer.builder().ntlm(NTLM).maxConnections(8).maxUnauthenticated(4)
                .register(EchoInterface.IFACE, new EchoInterface()).start()) {
            List<RawPeer> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    idle.add(new RawPeer(capped.port()));
                }
                long until = System.nanoTime() + T.toNanos();
                while (capped.connectionCount() != 4 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertThat(capped.unauthenticatedCount()).isEqualTo(4);
                org.assertj.core.api.Assertions.assertThatThrownBy(idle.get(0)::read).isInstanceOf(java.io.EOFException.class);
                try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", capped.port()).credentials(ALICE).connect()) {
                    int ctx = c.bind(EchoInterface.IFACE, T);
                    assertThat(c.call(ctx, 1, null, EchoInterface.int32(10), T)).isEqualTo(EchoInterface.pattern(10));
                    // arriving unauthenticated, the client's connection closed one more idle one
                    assertThat(capped.unauthenticatedCount()).isEqualTo(3);
                    assertThat(capped.connectionCount()).isEqualTo(4);
                }
            } finally {
                idle.forEach(RawPeer::close);
            }
        }
    }

    /**
     * The done-when: a server JVM with -Xmx256m takes 1,024 partial PDUs over 64 connections, keeps serving an
     * authenticated client, and its heap after GC grows by less than {@link #HEAP_BOUND}.
     */
    @Test
    void aServerWithA256MiBHeapSurvivesTheFloodAndServesAnAuthenticatedClient() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"), FloodTarget.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
             var in = new java.io.PrintWriter(child.getOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8)) {
            String first = out.readLine();
            assertThat(first).as("the child server's first line").startsWith("port ");
            int port = Integer.parseInt(first.substring(5));
            in.println("heap");
            long before = Long.parseLong(out.readLine().substring(5));
            List<RawPeer> flood = new ArrayList<>();
            try {
                for (int c = 0; c < 64; c++) {
                    RawPeer p = new RawPeer(port);
                    flood.add(p);
                    for (int call = 1; call <= 16; call++) {
                        try {
                            p.send(partialRequest(call));
                        } catch (IOException closedByTheServer) {
                            break;
                        }
                    }
                }
                Thread.sleep(500);
                try (RpcClientConnection c = RpcClientConnection.builder("127.0.0.1", port).credentials(ALICE)
                        .authLevel(AuthLevel.PKT_PRIVACY).connect()) {
                    int ctx = c.bind(EchoInterface.IFACE, T);
                    assertThat(c.call(ctx, 1, null, EchoInterface.int32(1000), T)).isEqualTo(EchoInterface.pattern(1000));
                }
                in.println("heap");
                String line = out.readLine();
                assertThat(line).as("the child server still answers").isNotNull();
                long during = Long.parseLong(line.substring(5));
                System.out.printf("flood at -Xmx256m: heap after GC %d KB before, %d KB with the flood's sockets open%n", before / 1024,
                        during / 1024);
                assertThat(during - before).as("heap growth of the -Xmx256m server").isLessThan(HEAP_BOUND);
            } finally {
                flood.forEach(RawPeer::close);
            }
        } finally {
            child.destroy();
            child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
