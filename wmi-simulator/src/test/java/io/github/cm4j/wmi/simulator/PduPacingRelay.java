package io.github.cm4j.wmi.simulator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay in front of a {@link WmiServer} that forwards whole DCE/RPC PDUs, one write per PDU with a pause
 * after each, so that a capture of the client side shows every PDU in a TCP segment of its own. Wireshark unseals
 * NTLM-protected PDUs one per frame: two sealed PDUs ending in one segment (what TCP does to a fast sender's
 * back-to-back fragments) put its RC4 state out of step for the rest of the connection (issue 19). The bytes are
 * forwarded unchanged; only their timing differs.
 *
 * <p>Listens on {@code 127.0.0.3} at the server's two ports (the {@code dcom://} client dials the host it was
 * given at the port of the OXID binding, MS-DCOM 2.2.19.3). Not a parser: a PDU is its 16-byte header and the
 * {@code frag_length} it announces (C706 12.6.3.1), nothing more is read.
 */
final class PduPacingRelay implements AutoCloseable {
    static final InetAddress RELAY_ADDRESS = address("127.0.0.3");
    private static final long PAUSE_MILLIS = 2;

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    PduPacingRelay(WmiServer server) throws IOException {
        for (int port : new int[] {server.activationPort(), server.exporterPort()}) {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(RELAY_ADDRESS, port));
            listeners.add(listener);
            start(() -> accept(listener, new InetSocketAddress(server.address(), port)));
        }
    }

    private static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(Runnable r) {
        Thread t = new Thread(r, "cm4j-test-relay");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void accept(ServerSocket listener, InetSocketAddress target) {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                start(() -> pump(client, upstream));
                start(() -> pump(upstream, client));
            } catch (IOException e) {
                return;   // listener closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] header = new byte[16];
        try (DataInputStream in = new DataInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            while (true) {
                in.readFully(header);
                int fragLength = (header[8] & 0xFF) | (header[9] & 0xFF) << 8;   // little-endian (drep 0x10)
                if (fragLength < 16) {
                    throw new IOException("frag_length " + fragLength);
                }
                byte[] pdu = new byte[fragLength];                               // at most 65535
                System.arraycopy(header, 0, pdu, 0, 16);
                in.readFully(pdu, 16, fragLength - 16);
                out.write(pdu);
                out.flush();
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (IOException | InterruptedException e) {
            // end of the connection
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already broken
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        listeners.forEach(PduPacingRelay::close);
        sockets.forEach(PduPacingRelay::close);
        for (Thread t : threads) {
            t.join(5_000);
        }
    }
}
