package io.github.cm4j.benchmarks;

import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy that counts the bytes a {@code dcom://} client and a {@link WmiServer} exchange: every byte of
 * TCP payload (DCE/RPC PDUs with their NTLM verifiers, MS-RPCE 2.2.2.11), both directions, both endpoints.
 *
 * <p>It listens on {@code 127.0.0.2} at the server's activation and exporter ports and forwards to the
 * server's address at the same port. A {@code dcom://127.0.0.2:<port>/...} client reaches the object exporter
 * through it too: cm4j's client dials the host the user named at the port of the OXID binding (MS-DCOM
 * 2.2.19.3), not the binding's address. impacket dials the binding's address and so bypasses it.
 */
final class ByteCountingProxy implements AutoCloseable {
    /** The loopback address the proxy listens on (the whole of 127/8 is loopback on Linux). */
    static final String PROXY_HOST = "127.0.0.2";
    private static final int BUFFER = 64 * 1024;

    private final List<ServerSocket> listeners = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private volatile boolean closed;

    /**
     * Starts forwarding both of the server's ports.
     *
     * @param server a started server
     * @throws UncheckedIOException when a port cannot be bound on {@value #PROXY_HOST}
     */
    ByteCountingProxy(WmiServer server) {
        try {
            InetAddress proxyAddress = InetAddress.getByName(PROXY_HOST);
            for (int port : new int[] {server.activationPort(), server.exporterPort()}) {
                ServerSocket listener = new ServerSocket();
                listeners.add(listener);
                listener.bind(new InetSocketAddress(proxyAddress, port));
                InetSocketAddress target = new InetSocketAddress(server.address(), port);
                start("cm4j-bench-proxy-accept-" + port, () -> accept(listener, target));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot listen on " + PROXY_HOST + " at the server's ports", e);
        }
    }

    /** @return the bytes the client sent, since the proxy started */
    long bytesToServer() {
        return toServer.get();
    }

    /** @return the bytes the server sent, since the proxy started */
    long bytesToClient() {
        return toClient.get();
    }

    /** @return both directions */
    long bytesTotal() {
        return toServer.get() + toClient.get();
    }

    private void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void accept(ServerSocket listener, InetSocketAddress target) {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                Socket server = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                start("cm4j-bench-proxy-up", () -> pump(client, server, toServer));
                start("cm4j-bench-proxy-down", () -> pump(server, client, toClient));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                counter.addAndGet(n);
            }
        } catch (IOException e) {
            // the other side closed: end this direction and the connection
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        listeners.forEach(ByteCountingProxy::closeQuietly);
        sockets.forEach(ByteCountingProxy::closeQuietly);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
