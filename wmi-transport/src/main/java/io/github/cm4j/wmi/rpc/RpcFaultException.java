package io.github.cm4j.wmi.rpc;

import io.github.cm4j.ConfigMgrException;

/**
 * A call ended in a fault PDU (C706 12.6.4.7): the client receives it with the server's status; a server handler
 * throws it to answer a call with that status. The status is named by {@link RpcStatus#nameOf}. (The dcom://
 * transport maps faults onto core's exceptions: access denied to an authentication failure, the rest to the call.)
 */
public class RpcFaultException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the fault status
     * @param what the call that faulted, e.g. {@code "opnum 6 of 9556dc99-... on sccm01:49667"}
     */
    public RpcFaultException(int status, String what) {
        super(what + ": fault " + String.format("0x%08x", status) + " (" + RpcStatus.nameOf(status) + ")");
        this.status = status;
    }

    /** @return the fault status */
    public int status() {
        return status;
    }

    /** @return the status's name */
    public String statusName() {
        return RpcStatus.nameOf(status);
    }
}
