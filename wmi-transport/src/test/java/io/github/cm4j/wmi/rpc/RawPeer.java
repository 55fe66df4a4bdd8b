package io.github.cm4j.wmi.rpc;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import io.github.cm4j.wmi.ntlm.NtlmSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven DCE/RPC client for tests: sends exactly the PDUs a test builds, at any authentication level, so
 * that the server's refusals can be observed on the wire.
 */
final class RawPeer implements AutoCloseable {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    final PduChannel channel;
    NtlmSession session;

    RawPeer(int port) throws IOException {
        channel = PduChannel.connect(new InetSocketAddress("127.0.0.1", port), System.nanoTime() + TIMEOUT);
    }

    /** Connects to the loopback server from {@code local} (e.g. 127.0.0.2: Linux routes all of 127/8 to lo). */
    RawPeer(java.net.InetAddress local, int port) throws IOException {
        java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
        try {
            ch.bind(new InetSocketAddress(local, 0));
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            channel = PduChannel.accepted(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    void send(byte[] pdu) throws IOException {
        channel.write(pdu, System.nanoTime() + TIMEOUT);
    }

    Fragment read() throws IOException {
        return channel.read(System.nanoTime() + TIMEOUT, Pdu.MAX_FRAGMENT);
    }

    static byte[] bindBody(List<BindPdu.ContextElement> contexts) {
        return new BindPdu(5840, 5840, 0, contexts).encode();
    }

    /** Binds {@code iface} with no authentication. */
    Fragment bindWithoutAuth(SyntaxId iface) throws IOException {
        send(Pdu.build(Pdu.BIND, 3, 1, bindBody(List.of(new BindPdu.ContextElement(0, iface, List.of(SyntaxId.NDR20)))), new byte[0], 0, 0,
                null).bytes());
        return read();
    }

    /** Binds {@code iface} with the full NTLM exchange at {@code level}; @return the bind_ack */
    Fragment bindWithNtlm(SyntaxId iface, AuthLevel level, Credentials credentials) throws IOException {
        NtlmClient.Context ntlm = NtlmClient.of(credentials).newContext();
        send(Pdu.build(Pdu.BIND, 3, 1, bindBody(List.of(new BindPdu.ContextElement(0, iface, List.of(SyntaxId.NDR20)))), new byte[0], 0, 0,
                new Pdu.Auth(level, 5, ntlm.negotiate(), 4)).bytes());
        Fragment ack = read();
        byte[] authenticate = ntlm.authenticate(ack.authValue());
        send(Pdu.build(Pdu.AUTH3, 3, 1, new byte[4], new byte[0], 0, 0, new Pdu.Auth(level, 5, authenticate, 4)).bytes());
        session = ntlm.session();
        return ack;
    }

    /** Sends a one-fragment request, protected when {@code security} is given. */
    void request(int callId, int opnum, byte[] stub, PacketSecurity security) throws IOException {
        Calls.send(this::send, callId, 0, opnum, null, stub, 5840, security);
    }

    @Override
    public void close() {
        channel.close();
    }
}
