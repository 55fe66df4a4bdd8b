package io.github.cm4j.wmi.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a {@link WmiServer} that can break the connections it carries — the network faults a
 * simulator cannot make. It listens on {@code 127.0.0.2} at the server's activation and exporter ports and forwards
 * to the server on {@code 127.0.0.1}: a {@code dcom://127.0.0.2:<port>/...} client reaches the exporter through it
 * too, because the {@code dcom://} client dials the host the user named at the port of the OXID binding (MS-DCOM
 * 2.2.19.3), and the binding's address ({@code 127.0.0.1}) is not that host.
 *
 * <p>{@link #cutAll()} closes every carried connection now; {@link #cutOnNextRequest()} closes a connection when
 * the client next sends bytes on it, before they are forwarded (the request never reaches the server).
 */
final class CuttingProxy implements AutoCloseable {
    static final InetAddress PROXY_ADDRESS = address("127.0.0.2");

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cutOnNextRequest = new AtomicBoolean();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean closed;

    /** Starts forwarding {@code 127.0.0.2:p} to {@code server.address():p} for both of the server's ports. */
    CuttingProxy(WmiServer server) throws IOException {
        for (int port : new int[] {server.activationPort(), server.exporterPort()}) {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(PROXY_ADDRESS, port));
            listeners.add(listener);
            start("cm4j-test-proxy-accept-" + port, () -> accept(listener, new InetSocketAddress(server.address(), port)));
        }
    }

    private static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code dcom://127.0.0.2:<activation port>/<site>?<options>} */
    static String uri(WmiServer server, String site, String options) {
        return "dcom://" + PROXY_ADDRESS.getHostAddress() + ":" + server.activationPort() + "/" + site
                + (options.isEmpty() ? "" : "?" + options);
    }

    private void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /**
     * What a client sent on one carried connection.
     *
     * @param port the server port it went to
     * @param bytes everything the client sent, in order
     */
    record Recorded(int port, java.io.ByteArrayOutputStream bytes) {
    }

    /** @return what clients sent, one entry per carried connection */
    List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    private void accept(ServerSocket listener, InetSocketAddress target) {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                sockets.add(client);
                sockets.add(upstream);
                Recorded r = new Recorded(target.getPort(), new java.io.ByteArrayOutputStream());
                recorded.add(r);
                start("cm4j-test-proxy-up", () -> pump(client, upstream, r.bytes()));
                start("cm4j-test-proxy-down", () -> pump(upstream, client, null));
            } catch (IOException e) {
                return; // listener closed
            }
        }
    }

    private void pump(Socket from, Socket to, java.io.ByteArrayOutputStream record) {
        boolean fromClient = record != null;
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (fromClient && cutOnNextRequest.compareAndSet(true, false)) {
                    cuts.incrementAndGet();
                    break;
                }
                if (fromClient) {
                    synchronized (record) {
                        record.write(buf, 0, n);
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other direction closed the pair
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Closes every connection carried so far (the listeners stay open: new connections are carried). */
    void cutAll() {
        cuts.incrementAndGet();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    /** Arms a one-shot cut: the next bytes a client sends on any connection close that connection instead. */
    void cutOnNextRequest() {
        cutOnNextRequest.set(true);
    }

    /** @return how many cuts have happened */
    int cuts() {
        return cuts.get();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a broken socket
        }
    }

    @Override
    public void close() {
        closed = true;
        listeners.forEach(CuttingProxy::closeQuietly);
        sockets.forEach(CuttingProxy::closeQuietly);
        try {
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.clear();
    }
}
