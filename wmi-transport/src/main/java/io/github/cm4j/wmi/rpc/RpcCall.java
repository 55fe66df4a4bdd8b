package io.github.cm4j.wmi.rpc;

import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One call as an {@link RpcHandler} sees it.
 *
 * @param connectionId the server-wide id of the connection that carried it
 * @param remote the client's address
 * @param callId the call_id
 * @param contextId the presentation context id
 * @param iface the interface, as registered
 * @param opnum the operation number
 * @param object the object UUID of the request (DCOM: the IPID), when present
 * @param stub the request stub data
 * @param authLevel the level that protected the call
 * @param principal the authenticated account, absent only when the server's minimum level lets unauthenticated
 *     calls through
 */
public record RpcCall(long connectionId, InetSocketAddress remote, int callId, int contextId, SyntaxId iface, int opnum,
                      Optional<UUID> object, byte[] stub, AuthLevel authLevel, Optional<NtlmPrincipal> principal) {
    /** Checks the components. */
    public RpcCall {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(stub, "stub");
        Objects.requireNonNull(authLevel, "authLevel");
        Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String toString() {
        return "RpcCall[connection " + connectionId + ", call " + Integer.toUnsignedString(callId) + ", opnum " + opnum + " of " + iface
                + ", " + stub.length + " bytes, " + authLevel + principal.map(p -> ", " + p).orElse("") + "]";
    }
}
