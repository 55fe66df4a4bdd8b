package io.github.cm4j.wmi.rpc;

import io.github.cm4j.ConnectionException;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection-oriented DCE/RPC server over TCP (ncacn_ip_tcp) with NTLMv2 authentication and packet integrity or
 * privacy: the server end of {@link RpcClientConnection}, for cm4j's loopback DCOM/WMI server and for tests.
 *
 * <p>It listens on one address and port (port 0 picks a free one: {@link #port()}), serves each connection on a
 * thread of its own up to {@link Builder#maxConnections} (further connections are closed at once), and dispatches
 * calls to the {@link RpcHandler} registered for the interface of their presentation context. Handlers may run
 * concurrently for different connections. Authentication is verified against the accounts of the
 * {@link NtlmServer}; each connection keeps its security contexts, so sealed requests are verified and unsealed and
 * responses sealed with that connection's keys.
 *
 * <p>Security rule: calls below the minimum level ({@link AuthLevel#PKT_INTEGRITY} by default) and calls on a
 * security context that failed NTLM verification are refused with fault status 5, ERROR_ACCESS_DENIED (MS-RPCE
 * 3.3.3.5.1; MS-DCOM 3.1.1.5.4 for ORPC below the exporter's level), as Windows refuses them.
 *
 * <p>Hostile peers (issue 19): a connection must authenticate within {@link Builder#authTimeout} (default 10 s);
 * at most {@link Builder#maxUnauthenticated} (default 16) connections may be unauthenticated at once, a new one past
 * the cap closing the oldest; at most {@link Builder#maxConnectionsPerAddress} (default: no cap below
 * {@code maxConnections}) connections may come from one peer IP address, a new one past it being closed at once, so
 * that one host cannot take every slot from the others; nothing is reserved from a request's alloc_hint (reassembly grows by what arrives) and a
 * refused call holds no buffer.
 *
 * <p>{@link #close()} stops listening, closes every connection and joins the threads; it is idempotent. Thread-safe.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    /** How long {@link #close()} waits for each thread, e.g. one finishing a handler. */
    private static final long JOIN_MILLIS = 5_000;

    /** An interface and its handler. */
    record Registration(SyntaxId iface, RpcHandler handler) {
    }

    /** What every connection of the server shares. */
    record Settings(NtlmServer ntlm, boolean refuseNtlm, Map<Integer, Supplier<RpcSecurityContext>> acceptors,
                    AuthLevel minimumLevel, List<Registration> registrations, int maxFragment, int maxStubBytes,
                    Duration idleTimeout, Duration authTimeout) {
        /**
         * C706 versioning: an interface is compatible when the UUID and major version match and the client's minor
         * version is not above the server's.
         */
        /** @return the acceptor of an auth_type, or null when this server does not speak it */
        Supplier<RpcSecurityContext> acceptor(int authType) {
            if (authType == Pdu.AUTHN_WINNT) {
                return () -> NtlmSecurityContext.server(ntlm, refuseNtlm);
            }
            return acceptors.get(authType);
        }

        Optional<Registration> find(SyntaxId requested) {
            for (Registration r : registrations) {
                SyntaxId s = r.iface();
                if (s.uuid().equals(requested.uuid()) && s.major() == requested.major() && requested.minor() <= s.minor()) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    private final Settings settings;
    private final ServerSocketChannel listener;
    private final Semaphore permits;
    private final int maxUnauthenticated;
    private final int maxPerAddress;
    private final Map<ServerConnection, Thread> connections = new ConcurrentHashMap<>();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicInteger assocGroupIds = new AtomicInteger(0x10000);
    private final Thread acceptor;
    private volatile boolean closed;

    private RpcServer(Builder b, ServerSocketChannel listener) {
        this.settings = new Settings(b.ntlm, b.refuseNtlm, Map.copyOf(b.acceptors), b.minimumLevel, List.copyOf(b.registrations), b.maxFragment, b.maxStubBytes, b.idleTimeout,
                b.authTimeout);
        // A cap at or above maxConnections reserves nothing for authenticating clients: the connection limit rules.
        this.maxUnauthenticated = b.maxUnauthenticated < b.maxConnections ? b.maxUnauthenticated : Integer.MAX_VALUE;
        this.maxPerAddress = b.maxPerAddress;
        this.listener = listener;
        this.permits = new Semaphore(b.maxConnections);
        this.acceptor = new Thread(this::acceptLoop, "cm4j-rpc-accept-" + port());
        acceptor.setDaemon(true);
    }

    /** @return a builder (loopback, ephemeral port, minimum level packet integrity) */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a server; {@link #start()} binds and starts it. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private NtlmServer ntlm;
        private boolean refuseNtlm;
        private final Map<Integer, Supplier<RpcSecurityContext>> acceptors = new java.util.HashMap<>();
        private AuthLevel minimumLevel = AuthLevel.PKT_INTEGRITY;
        private final List<Registration> registrations = new ArrayList<>();
        private int maxConnections = 32;
        private int maxFragment = 5840;
        private int maxStubBytes = 32 << 20;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration authTimeout = Duration.ofSeconds(10);
        private int maxUnauthenticated = 16;
        private int maxPerAddress = Integer.MAX_VALUE;

        private Builder() {
        }

        /** @return this, listening on this address (default: loopback) */
        public Builder address(InetAddress a) {
            this.address = Objects.requireNonNull(a, "address");
            return this;
        }

        /** @return this, listening on this port (default 0: a free port, see {@link RpcServer#port()}) */
        public Builder port(int p) {
            if (p < 0 || p > 0xFFFF) {
                throw new IllegalArgumentException("port " + p);
            }
            this.port = p;
            return this;
        }

        /** @return this, verifying NTLM against this server's accounts and names */
        public Builder ntlm(NtlmServer server) {
            this.ntlm = Objects.requireNonNull(server, "server");
            return this;
        }

        /**
         * Switches NTLM off, as a Windows server that denies incoming NTLM: the bind is answered with a challenge,
         * the AUTHENTICATE_MESSAGE is refused, and the first call gets access denied.
         *
         * @param refuse whether to refuse NTLM logons
         * @return this
         */
        public Builder refuseNtlm(boolean refuse) {
            this.refuseNtlm = refuse;
            return this;
        }

        /**
         * Accepts another security provider (Kerberos 16, SPNEGO 9).
         *
         * @param authType the auth_type (MS-RPCE 2.2.1.1.7)
         * @param acceptor makes the server end of a new security context for each bind naming it
         * @return this
         */
        public Builder accept(int authType, Supplier<RpcSecurityContext> acceptor) {
            if (authType == Pdu.AUTHN_WINNT) {
                throw new IllegalArgumentException("NTLM is configured with ntlm(NtlmServer)");
            }
            acceptors.put(authType, Objects.requireNonNull(acceptor, "acceptor"));
            return this;
        }

        /**
         * @param level the lowest level a call may have (default {@link AuthLevel#PKT_INTEGRITY}, the DCOM hardening
         *     rule of KB5004442). Anything lower exists to show, in tests, what the rule prevents; do not lower it
         *     otherwise.
         * @return this
         */
        public Builder minimumAuthLevel(AuthLevel level) {
            this.minimumLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * @param iface the interface UUID and version (clients with the same major and a minor not above it bind)
         * @param handler its handler
         * @return this
         */
        public Builder register(SyntaxId iface, RpcHandler handler) {
            for (Registration r : registrations) {
                if (r.iface().uuid().equals(iface.uuid()) && r.iface().major() == iface.major()) {
                    throw new IllegalArgumentException("interface " + iface + " is already registered");
                }
            }
            registrations.add(new Registration(iface, Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /** @return this, serving at most this many connections at once (default 32) */
        public Builder maxConnections(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConnections " + n);
            }
            this.maxConnections = n;
            return this;
        }

        /** @return this, with the largest fragment sent and received (1432..65535, default 5840) */
        public Builder maxFragment(int bytes) {
            this.maxFragment = Pdu.checkFragmentSize(bytes);
            return this;
        }

        /** @return this, with the largest request stub accepted (default 32 MiB; larger calls get a fault) */
        public Builder maxStubBytes(int bytes) {
            this.maxStubBytes = Pdu.checkStubBound(bytes);
            return this;
        }

        /** @return this, closing connections silent for this long, and writes blocked this long (default 5 minutes) */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idle timeout " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long a new connection may take to authenticate (bind and, for NTLM, rpc_auth_3) before
         *     it is closed (default 10 seconds; a Windows or impacket client needs milliseconds on a LAN)
         * @return this
         */
        public Builder authTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("auth timeout " + timeout);
            }
            this.authTimeout = timeout;
            return this;
        }

        /**
         * @param n how many connections may be open at once without having authenticated (default 16); a new
         *     connection past the cap closes the oldest unauthenticated one, so that a flood of idle sockets cannot keep
         *     an authenticating client out. A cap not below {@link #maxConnections} has no effect.
         * @return this
         */
        public Builder maxUnauthenticated(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxUnauthenticated " + n);
            }
            this.maxUnauthenticated = n;
            return this;
        }

        /**
         * @param n how many connections one peer IP address may hold open at once (default: no cap of its own, only
         *     {@link #maxConnections}); a new connection from an address at the cap is closed at once, before it is
         *     read from and without closing anyone else's unauthenticated connection, so that one host cannot take
         *     the slots of the others. Connections whose socket is closed no longer count.
         * @return this
         */
        public Builder maxConnectionsPerAddress(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConnectionsPerAddress " + n);
            }
            this.maxPerAddress = n;
            return this;
        }

        /**
         * Binds the listening socket and starts accepting.
         *
         * @return the running server
         * @throws ConnectionException when the address cannot be bound
         */
        public RpcServer start() {
            if (ntlm == null) {
                throw new IllegalStateException("an NtlmServer with the accepted accounts is required");
            }
            ServerSocketChannel listener = null;
            try {
                listener = ServerSocketChannel.open();
                listener.bind(new InetSocketAddress(address, port), 64);
                RpcServer server = new RpcServer(this, listener);
                server.acceptor.start();
                LOG.debug("RPC server listening on {}", listener.getLocalAddress());
                return server;
            } catch (IOException e) {
                if (listener != null) {
                    try {
                        listener.close();
                    } catch (IOException ignored) {
                        // the bind failure is what matters
                    }
                }
                throw new ConnectionException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage(),
                        address.getHostAddress(), e);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel socket;
            try {
                socket = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("RPC server on port {}: accept failed", port(), e);
                }
                return;
            }
            // The per-address cap comes first: a host at its cap must not close another host's unauthenticated
            // connection through the eviction below.
            InetAddress peer = peerAddress(socket);
            if (!closed && peer != null && maxPerAddress != Integer.MAX_VALUE && openFrom(peer) >= maxPerAddress) {
                LOG.info("RPC server on port {}: {} connections from {} already; closing a new one", port(), maxPerAddress,
                        peer.getHostAddress());
                closeQuietly(socket);
                continue;
            }
            boolean evicted = !closed && evictUnauthenticated();
            if (closed || !acquire(evicted)) {
                LOG.info("RPC server on port {}: {}; closing a new connection", port(), closed ? "closing" : "connection limit reached");
                closeQuietly(socket);
                continue;
            }
            try {
                ServerConnection c = new ServerConnection(this, settings, PduChannel.accepted(socket), connectionIds.incrementAndGet());
                Thread t = new Thread(c::run, "cm4j-rpc-" + port() + "-connection-" + c.id());
                t.setDaemon(true);
                connections.put(c, t);
                t.start();
                if (closed) {
                    c.close();
                }
            } catch (IOException | RuntimeException e) {
                permits.release();
                closeQuietly(socket);
                LOG.warn("RPC server on port {}: cannot serve a new connection", port(), e);
            }
        }
    }

    private static InetAddress peerAddress(SocketChannel socket) {
        try {
            return socket.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        } catch (IOException e) {
            return null; // closed already: the channel setup below fails and releases it
        }
    }

    /** @return how many open connections (socket not closed) come from {@code peer} */
    private int openFrom(InetAddress peer) {
        int n = 0;
        for (ServerConnection c : connections.keySet()) {
            if (!c.closing() && peer.equals(c.peerAddress())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Closes the oldest unauthenticated connection when a new one would exceed the cap.
     *
     * @return whether one was closed
     */
    private boolean evictUnauthenticated() {
        ServerConnection oldest = null;
        int unauthenticated = 0;
        for (ServerConnection c : connections.keySet()) {
            if (!c.admitted() && !c.closing()) {
                unauthenticated++;
                if (oldest == null || c.id() < oldest.id()) {
                    oldest = c;
                }
            }
        }
        if (unauthenticated < maxUnauthenticated) {
            return false;
        }
        LOG.info("RPC server on port {}: {} connections have not authenticated; closing the oldest, {}", port(), unauthenticated, oldest.id());
        oldest.close();
        return true;
    }

    /** A permit, waiting briefly for the one an evicted connection's thread releases as it ends. */
    private boolean acquire(boolean evicted) {
        if (permits.tryAcquire()) {
            return true;
        }
        try {
            return evicted && permits.tryAcquire(JOIN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** Called by a connection's thread when it ends. */
    void ended(ServerConnection c) {
        if (connections.remove(c) != null) {
            permits.release();
        }
    }

    int newAssocGroupId() {
        return assocGroupIds.incrementAndGet();
    }

    /** @return the bound port */
    public int port() {
        return listener.socket().getLocalPort();
    }

    /** @return the bound address and port */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.socket().getLocalSocketAddress();
    }

    /** @return how many open connections have not authenticated yet */
    public int unauthenticatedCount() {
        return (int) connections.keySet().stream().filter(c -> !c.admitted() && !c.closing()).count();
    }

    /**
     * @param peer a peer IP address
     * @return how many open connections come from it
     */
    public int connectionCount(InetAddress peer) {
        return openFrom(peer);
    }

    /** @return how many connections are open */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops listening, closes every connection and waits for their threads (up to 5 s each). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the listener", e);
        }
        join(acceptor);
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<ServerConnection, Thread> e : connections.entrySet()) {
            e.getKey().close();
            threads.add(e.getValue());
        }
        threads.forEach(RpcServer::join);
    }

    private static void join(Thread t) {
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RpcServer[" + address() + ", " + settings.registrations().size() + " interfaces, minimum " + settings.minimumLevel()
                + (closed ? ", closed" : "") + "]";
    }
}
