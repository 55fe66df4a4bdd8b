package io.github.cm4j.wmi.transport;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.TransportException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.wmi.WireFormatException;
import io.github.cm4j.wmi.rpc.RpcFaultException;
import io.github.cm4j.wmi.rpc.RpcStatus;
import java.time.Duration;

/**
 * Maps what the RPC and DCOM layers throw onto core's exception tree, naming the operation, its target and the host:
 * a fault or HRESULT of access denied becomes an {@link AuthenticationException} that explains the Windows side
 * (credentials, DCOM and WMI permissions, the KB5004442 hardening); a WBEM HRESULT a {@link WmiException}; other RPC
 * faults a {@link TransportException}; a broken or malformed exchange a {@link ConnectionException}; a deadline a
 * {@link CallTimeoutException} naming the operation.
 */
final class DcomErrors {
    /** E_ACCESSDENIED, the HRESULT Windows answers a refused activation or call with. */
    static final int E_ACCESSDENIED = 0x80070005;
    /** E_NOINTERFACE: the object does not implement the interface asked for (RemQueryInterface). */
    static final int E_NOINTERFACE = 0x80004002;

    /** Why activation is refused, what a user checks on the Windows side. */
    static final String ACTIVATION_DENIED_HINT = "check the account and password; the account needs the DCOM 'Remote Launch' "
            + "and 'Remote Activation' permissions (dcomcnfg, My Computer > COM Security; members of 'Distributed COM Users' "
            + "or local Administrators have them) and 'Remote Enable' on the WMI namespace (wmimgmt.msc > Security; on a "
            + "site server membership of 'SMS Admins'); since the DCOM hardening (KB5004442, CVE-2021-26414) Windows refuses "
            + "activation below packet integrity, which cm4j never uses";

    private DcomErrors() {
    }

    /** An operation for messages: the MS-WMI/DCOM method and what it was applied to. */
    record Op(String operation, String target) {
        @Override
        public String toString() {
            return target == null || target.isEmpty() ? operation : operation + " " + target;
        }
    }

    /**
     * @param e what the RPC layer threw
     * @param op the operation
     * @param host the host
     * @param timeout the deadline of the call
     * @param activation whether the call was the activation or the login (access denied is explained then)
     * @return the exception to throw
     */
    static RuntimeException map(RuntimeException e, Op op, String host, Duration timeout, boolean activation) {
        if (e instanceof RpcFaultException f) {
            return fault(f.status(), op, host, activation, f);
        }
        if (e instanceof CallTimeoutException t) {
            return new CallTimeoutException(op.toString(), timeout, host, t);
        }
        if (e instanceof AuthenticationException a) {
            if (activation && a.getMessage() != null && a.getMessage().contains("first call after rpc_auth_3")) {
                // a refused logon shows on the activation: say what Windows checks there too
                return new AuthenticationException(op + " was refused: " + a.getMessage().replace(" [host " + host + "]", "")
                        + "; " + ACTIVATION_DENIED_HINT, host, a);
            }
            return a;
        }
        if (e instanceof ConnectionException c) {
            return new ConnectionException(op + " failed: " + detail(c), host, c);
        }
        if (e instanceof WireFormatException w) {
            return new ConnectionException(op + " failed: the server's answer is malformed (" + w.getMessage() + ")", host, w);
        }
        if (e instanceof ConfigMgrException) {
            return e;
        }
        return new ConnectionException(op + " failed: " + e, host, e);
    }

    /**
     * @param status a fault status or an HRESULT
     * @return the exception for a call answered with it
     */
    static RuntimeException fault(int status, Op op, String host, boolean activation, Throwable cause) {
        if (status == RpcStatus.NCA_S_FAULT_ACCESS_DENIED || status == E_ACCESSDENIED
                || (activation && status == WbemStatus.WBEM_E_ACCESS_DENIED.code())) {
            return new AuthenticationException(op + " was refused: access denied (" + RpcStatus.nameOf(status) + ")"
                    + (activation ? "; " + ACTIVATION_DENIED_HINT : ""), host, cause);
        }
        if ((status & 0xFFFF0000) == 0x80040000 || WbemStatus.fromCode(status).isPresent()) {
            return new WmiException(status, op.operation(), op.target(), host, cause);
        }
        return new TransportException(op + " failed: RPC fault " + RpcStatus.nameOf(status) + " ("
                + WbemStatus.hex(status) + ")", host, cause);
    }

    /** The message of a transport exception without the host suffix its constructor added. */
    private static String detail(TransportException e) {
        String m = e.getMessage();
        int at = m.lastIndexOf(" [host ");
        return at > 0 ? m.substring(0, at) : m;
    }
}
