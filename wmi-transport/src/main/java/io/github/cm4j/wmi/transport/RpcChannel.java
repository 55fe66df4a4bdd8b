package io.github.cm4j.wmi.transport;

import io.github.cm4j.wmi.dcom.RpcRequest;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcClientConnection;
import io.github.cm4j.wmi.rpc.SyntaxId;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One authenticated DCE/RPC connection that binds each interface the first time a call needs it (bind with NTLM the
 * first time, alter_context after, MS-RPCE 3.3.1.5.2). Every DCOM interface cm4j calls has version 0.0. One call at a
 * time (the connection serialises); a connection whose call failed mid-way is closed by the RPC layer and must be
 * replaced ({@link #isOpen()}).
 */
final class RpcChannel implements AutoCloseable {
    private final RpcClientConnection rpc;
    private final Map<UUID, Integer> contexts = new ConcurrentHashMap<>();

    private RpcChannel(RpcClientConnection rpc) {
        this.rpc = rpc;
    }

    /**
     * Opens the TCP connection (authentication happens at the first bind).
     *
     * @return the channel
     * @throws io.github.cm4j.CallTimeoutException when the deadline passes
     * @throws io.github.cm4j.ConnectionException when the connection cannot be made
     */
    static RpcChannel connect(String host, int port, ClientAuth auth, AuthLevel level, Duration timeout) {
        return new RpcChannel(auth.configure(RpcClientConnection.builder(host, port)).authLevel(level)
                .connectTimeout(timeout).connect());
    }

    /**
     * Calls an operation, binding its interface first when this connection has not yet.
     *
     * @param request the request (its interface and opnum)
     * @param object the IPID for an ORPC call, null for the resolver's plain RPC interfaces
     * @param timeout the deadline of the bind and the call together
     * @return the response stub
     */
    byte[] call(RpcRequest request, UUID object, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Integer context = contexts.get(request.interfaceId());
        if (context == null) {
            context = rpc.bind(new SyntaxId(request.interfaceId(), 0, 0), timeout);
            contexts.put(request.interfaceId(), context);
        }
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        return rpc.call(context, request.opnum(), object, request.encode(), left);
    }

    /** @return whether the connection is still usable */
    boolean isOpen() {
        return rpc.isOpen();
    }

    @Override
    public void close() {
        rpc.close();
    }

    @Override
    public String toString() {
        return rpc.toString();
    }
}
