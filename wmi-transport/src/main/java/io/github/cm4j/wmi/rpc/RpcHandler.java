package io.github.cm4j.wmi.rpc;

/**
 * Serves the operations of one interface registered with an {@link RpcServer}. Handlers run on the thread of the
 * connection that carried the call, so one handler may run concurrently for different connections; calls of one
 * connection arrive one after another.
 */
@FunctionalInterface
public interface RpcHandler {
    /**
     * Handles one call.
     *
     * @param call the operation, its stub data and who called
     * @return the response stub data ({@code null} is sent as empty)
     * @throws RpcFaultException to answer with a fault of that status (e.g. {@link RpcStatus#NCA_S_OP_RNG_ERROR}
     *     for an unknown opnum, {@link RpcStatus#RPC_X_BAD_STUB_DATA} for stub data that does not unmarshal); any
     *     other exception is answered with {@link RpcStatus#NCA_S_FAULT_UNSPEC} and logged
     */
    byte[] handle(RpcCall call);
}
