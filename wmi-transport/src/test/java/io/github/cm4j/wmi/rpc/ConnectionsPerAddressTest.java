package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the cap on connections per peer address ({@link RpcServer.Builder#maxConnectionsPerAddress}). A host at the
 * cap gets its next connection closed at once — not after the authentication deadline, and without closing anyone's
 * unauthenticated connection — while another address (127.0.0.2, which Linux routes to lo) is still served.
 */
class ConnectionsPerAddressTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final Credentials ALICE = Credentials.of("LAB\\alice", "Alice-pw-1");
    private static final NtlmServer NTLM = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ALICE).build();
    private static final int CAP = 3;

    private static InetAddress address(String a) throws IOException {
        return InetAddress.getByName(a);
    }

    private static void await(RpcServer server, InetAddress peer, int n) throws InterruptedException {
        long until = System.nanoTime() + T.toNanos();
        while (server.connectionCount(peer) != n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(server.connectionCount(peer)).as("connections from %s", peer).isEqualTo(n);
    }

    private static boolean canBind(InetAddress local) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new java.net.InetSocketAddress(local, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aConnectionPastTheCapFromOneAddressIsClosedAtOnceWhileAnotherAddressIsServed() throws Exception {
        InetAddress one = address("127.0.0.1");
        InetAddress other = address("127.0.0.2");
        assumeTrue(canBind(other), "127.0.0.2 cannot be bound here (not Linux?); skipping");
        // authTimeout far above what the test waits: a close within it is the cap, not the authentication deadline
        try (RpcServer server = RpcServer.builder().ntlm(NTLM).maxConnections(16).maxUnauthenticated(16).maxConnectionsPerAddress(CAP)
                .authTimeout(Duration.ofSeconds(30)).register(EchoInterface.IFACE, new EchoInterface()).start()) {
            List<RawPeer> held = new ArrayList<>();
            try {
                for (int i = 0; i < CAP; i++) {
                    held.add(new RawPeer(one, server.port()));
                }
                await(server, one, CAP);
                long started = System.nanoTime();
                try (RawPeer extra = new RawPeer(one, server.port())) {
                    assertThatThrownBy(extra::read).as("the connection past the cap").isInstanceOf(EOFException.class);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed at once").isLessThan(Duration.ofSeconds(5));
                assertThat(server.connectionCount(one)).as("the held connections stay").isEqualTo(CAP);

                try (RawPeer elsewhere = new RawPeer(other, server.port())) {
                    assertThat(elsewhere.bindWithNtlm(EchoInterface.IFACE, AuthLevel.PKT_INTEGRITY, ALICE).type()).isEqualTo(Pdu.BIND_ACK);
                    PacketSecurity security = new PacketSecurity(AuthLevel.PKT_INTEGRITY, 5, NtlmSecurityContext.established(elsewhere.session));
                    elsewhere.request(2, 1, EchoInterface.int32(10), security);
                    Fragment response = elsewhere.read();
                    assertThat(response.type()).as("the call from %s", other).isEqualTo(Pdu.RESPONSE);
                    assertThat(server.connectionCount(other)).isEqualTo(1);
                }
                // a held connection from the capped address is still served too
                RawPeer first = held.get(0);
                assertThat(first.bindWithNtlm(EchoInterface.IFACE, AuthLevel.PKT_INTEGRITY, ALICE).type()).isEqualTo(Pdu.BIND_ACK);

                // a slot freed by a close is free again
                held.remove(1).close();
                await(server, one, CAP - 1);
                try (RawPeer again = new RawPeer(one, server.port())) {
                    assertThat(again.bindWithNtlm(EchoInterface.IFACE, AuthLevel.PKT_INTEGRITY, ALICE).type()).isEqualTo(Pdu.BIND_ACK);
                }
            } finally {
                held.forEach(RawPeer::close);
            }
        }
    }

    @Test
    void aHostAtItsCapDoesNotEvictAnotherHostsUnauthenticatedConnection() throws Exception {
        InetAddress one = address("127.0.0.1");
        InetAddress other = address("127.0.0.2");
        assumeTrue(canBind(other), "127.0.0.2 cannot be bound here (not Linux?); skipping");
        try (RpcServer server = RpcServer.builder().ntlm(NTLM).maxConnections(16).maxUnauthenticated(CAP + 1).maxConnectionsPerAddress(CAP)
                .authTimeout(Duration.ofSeconds(30)).register(EchoInterface.IFACE, new EchoInterface()).start()) {
            List<RawPeer> held = new ArrayList<>();
            try {
                // the oldest unauthenticated connection is the other host's
                RawPeer victim = new RawPeer(other, server.port());
                held.add(victim);
                await(server, other, 1);
                for (int i = 0; i < CAP; i++) {
                    held.add(new RawPeer(one, server.port()));
                }
                await(server, one, CAP);
                assertThat(server.unauthenticatedCount()).isEqualTo(CAP + 1);
                // at both caps: the new connection is refused for its address, before any eviction
                try (RawPeer extra = new RawPeer(one, server.port())) {
                    assertThatThrownBy(extra::read).isInstanceOf(EOFException.class);
                }
                assertThat(server.connectionCount(other)).as("the other host's connection").isEqualTo(1);
                assertThat(victim.bindWithNtlm(EchoInterface.IFACE, AuthLevel.PKT_INTEGRITY, ALICE).type()).isEqualTo(Pdu.BIND_ACK);
            } finally {
                held.forEach(RawPeer::close);
            }
        }
    }

    @Test
    void withoutAPerAddressCapOneAddressMayUseEveryConnection() throws Exception {
        InetAddress one = address("127.0.0.1");
        try (RpcServer server = RpcServer.builder().ntlm(NTLM).maxConnections(CAP + 2).maxUnauthenticated(16)
                .register(EchoInterface.IFACE, new EchoInterface()).start()) {
            List<RawPeer> held = new ArrayList<>();
            try {
                for (int i = 0; i < CAP + 2; i++) {
                    held.add(new RawPeer(one, server.port()));
                }
                await(server, one, CAP + 2);
            } finally {
                held.forEach(RawPeer::close);
            }
        }
    }
}
