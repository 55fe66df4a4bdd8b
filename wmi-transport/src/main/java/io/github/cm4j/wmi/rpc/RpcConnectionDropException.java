package io.github.cm4j.wmi.rpc;

/**
 * Thrown by an {@link RpcHandler} to make the {@link RpcServer} close the call's connection at once, without an
 * answer: what a network failure looks like to the client (its call ends with the connection, not with a fault PDU).
 * The loopback WMI server uses it to play a connection lost in the middle of an enumeration.
 */
public final class RpcConnectionDropException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param why why the connection is dropped (logged, never sent) */
    public RpcConnectionDropException(String why) {
        super(why);
    }
}
