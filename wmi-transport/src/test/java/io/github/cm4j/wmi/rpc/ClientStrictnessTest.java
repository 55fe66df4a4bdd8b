package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 3: the client checks faults, alter_context_resp and the sec_trailer of every protected PDU. A
 * tampering relay between our client and our server rewrites what the server answers.
 */
class ClientStrictnessTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final Credentials ALICE = Credentials.of("LAB\\alice", "Alice-pw-1");
    private static final NtlmServer NTLM = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(ALICE).build();

    private RpcServer server;
    private ServerSocketChannel relay;

    @BeforeEach
    void start() {
        server = RpcServer.builder().ntlm(NTLM).register(EchoInterface.IFACE, new EchoInterface())
                .register(EchoInterface.SECOND, new EchoInterface()).start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        if (relay != null) {
            relay.close();
        }
    }

    /** Starts a one-connection relay that passes the client's bytes and rewrites each server fragment. @return its port */
    private int relay(UnaryOperator<Fragment> rewrite) throws IOException {
        relay = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        Thread t = new Thread(() -> {
            try (SocketChannel accepted = relay.accept()) {
                PduChannel client = PduChannel.accepted(accepted);
                PduChannel upstream = PduChannel.connect(server.address(), deadline());
                Thread up = new Thread(() -> pump(client, upstream, UnaryOperator.identity()));
                up.setDaemon(true);
                up.start();
                pump(upstream, client, rewrite);
            } catch (IOException e) {
                // the test ended the connection
            }
        });
        t.setDaemon(true);
        t.start();
        return relay.socket().getLocalPort();
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    }

    private static void pump(PduChannel from, PduChannel to, UnaryOperator<Fragment> rewrite) {
        try {
            while (true) {
                Fragment f = rewrite.apply(from.read(deadline(), Pdu.MAX_FRAGMENT));
                to.write(f.bytes(), deadline());
            }
        } catch (IOException | RuntimeException e) {
            from.close();
            to.close();
        }
    }

    private RpcClientConnection client(int port, AuthLevel level) {
        return RpcClientConnection.builder("127.0.0.1", port).credentials(ALICE).authLevel(level).connect();
    }

    private static Fragment unsignedFault(Fragment f, int status) {
        return Fragment.parse(Pdu.build(Pdu.FAULT, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, f.callId(), CallHeader.fault(0, status),
                new byte[0], 0, 0, null).bytes(), Pdu.MAX_FRAGMENT);
    }

    @Test
    void anUnsignedFaultAfterAuthenticationIsAnIntegrityFailureNotAccessDenied() throws IOException {
        AtomicInteger responses = new AtomicInteger();
        int port = relay(f -> f.type() == Pdu.RESPONSE && responses.incrementAndGet() == 2 ? unsignedFault(f, 5) : f);
        try (RpcClientConnection c = client(port, AuthLevel.PKT_PRIVACY)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            assertThat(c.call(ctx, 1, null, EchoInterface.int32(10), T)).isEqualTo(EchoInterface.pattern(10));
            assertThatThrownBy(() -> c.call(ctx, 1, null, EchoInterface.int32(10), T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("unsigned fault").hasMessageNotContaining("logon");
        }
    }

    @Test
    void theServersFaultsAreSignedAndVerifiedAndTheConnectionGoesOn() {
        try (RpcClientConnection c = client(server.port(), AuthLevel.PKT_PRIVACY)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            assertThat(c.call(ctx, 1, null, EchoInterface.int32(10), T)).hasSize(10);
            assertThatThrownBy(() -> c.call(ctx, 99, null, new byte[0], T)).isInstanceOfSatisfying(RpcFaultException.class,
                    e -> assertThat(e.status()).isEqualTo(RpcStatus.NCA_S_OP_RNG_ERROR));
            assertThat(c.call(ctx, 1, null, EchoInterface.int32(20), T)).isEqualTo(EchoInterface.pattern(20));
        }
    }

    @Test
    void aResponseNamingAnotherAuthContextIdIsRefused() throws IOException {
        AtomicInteger responses = new AtomicInteger();
        int port = relay(f -> {
            if (f.type() != Pdu.RESPONSE || responses.incrementAndGet() != 2) {
                return f;
            }
            byte[] b = f.bytes().clone();
            b[b.length - f.authLength() - 4] ^= 0x7F; // auth_context_id, the last field of the sec_trailer
            return Fragment.parse(b, Pdu.MAX_FRAGMENT);
        });
        try (RpcClientConnection c = client(port, AuthLevel.PKT_INTEGRITY)) {
            int ctx = c.bind(EchoInterface.IFACE, T);
            c.call(ctx, 1, null, EchoInterface.int32(10), T);
            assertThatThrownBy(() -> c.call(ctx, 1, null, EchoInterface.int32(10), T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("auth_context_id");
        }
    }

    @Test
    void anAlterContextRespNamingAnotherSecurityContextIsRefused() throws IOException {
        int port = relay(f -> {
            if (f.type() != Pdu.ALTER_CONTEXT_RESP) {
                return f;
            }
            byte[] body = Arrays.copyOfRange(f.bytes(), Pdu.HEADER, f.bytes().length);
            return Fragment.parse(Pdu.build(Pdu.ALTER_CONTEXT_RESP, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, f.callId(), body, new byte[0], 0, 0,
                    new Pdu.Auth(AuthLevel.PKT_PRIVACY, 77, new byte[16], 4)).bytes(), Pdu.MAX_FRAGMENT);
        });
        try (RpcClientConnection c = client(port, AuthLevel.PKT_PRIVACY)) {
            c.bind(EchoInterface.IFACE, T);
            assertThatThrownBy(() -> c.bind(EchoInterface.SECOND, T)).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("alter_context_resp");
        }
    }
}
