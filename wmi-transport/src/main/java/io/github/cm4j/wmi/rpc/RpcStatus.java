package io.github.cm4j.wmi.rpc;

import io.github.cm4j.WbemStatus;
import java.util.Map;

/**
 * Status codes of fault PDUs (C706 appendix E, MS-RPCE 3.3.3.5.1) and the HRESULTs a DCOM exchange
 * answers with (MS-ERREF 2.1), with their names for messages. WBEM codes (0x8004xxxx) are named by
 * {@link WbemStatus}.
 */
public final class RpcStatus {
    /** Access denied: Windows' fault status when the caller's authentication or authorization is not enough (MS-RPCE 3.2.3.5.1, 3.3.3.5.1). */
    public static final int NCA_S_FAULT_ACCESS_DENIED = 0x00000005;
    /** The stub data cannot be unmarshaled (MS-RPCE: an invalid network octet stream "MUST be 0X6F7"). */
    public static final int RPC_X_BAD_STUB_DATA = 0x000006F7;
    /** The remote procedure call failed (RPC_S_CALL_FAILED). */
    public static final int RPC_S_CALL_FAILED = 0x000006BE;
    /** The security package failed: a PDU did not verify (RPC_S_SEC_PKG_ERROR). */
    public static final int RPC_S_SEC_PKG_ERROR = 0x00000721;
    /** The operation number is out of range for the interface (C706 nca_op_rng_error). */
    public static final int NCA_S_OP_RNG_ERROR = 0x1C010002;
    /** Unknown interface (C706 nca_unk_if). */
    public static final int NCA_S_UNK_IF = 0x1C010003;
    /** Protocol error (C706 nca_proto_error). */
    public static final int NCA_S_PROTO_ERROR = 0x1C01000B;
    /** The server is too busy (C706 nca_server_too_busy). */
    public static final int NCA_S_SERVER_TOO_BUSY = 0x1C010014;
    /** Unspecified fault in the server (C706 nca_s_fault_unspec). */
    public static final int NCA_S_FAULT_UNSPEC = 0x1C000012;
    /** The server ran out of memory, here: the call is larger than the server accepts (C706 nca_s_fault_remote_no_memory). */
    public static final int NCA_S_FAULT_REMOTE_NO_MEMORY = 0x1C00001B;
    /** The presentation context id is not one the client negotiated (C706 nca_invalid_pres_context_id). */
    public static final int NCA_S_INVALID_PRES_CONTEXT_ID = 0x1C00001C;
    /** The authentication level is not supported (C706 nca_unsupported_authn_level). */
    public static final int NCA_S_UNSUPPORTED_AUTHN_LEVEL = 0x1C00001D;
    /** E_ACCESSDENIED: what DCOM answers an activation below packet integrity with since KB5004442 (event 10036). */
    public static final int E_ACCESSDENIED = 0x80070005;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            // a FAULT PDU's status 1 is no WBEM success code: Samba's DCERPC_FAULT_OTHER, as it answers an internal error
            Map.entry(0x00000001, "DCERPC_FAULT_OTHER"),
            Map.entry(NCA_S_FAULT_ACCESS_DENIED, "nca_s_fault_access_denied"),
            Map.entry(0x000006D8, "nca_s_fault_cant_perform"),
            Map.entry(RPC_X_BAD_STUB_DATA, "rpc_x_bad_stub_data"),
            Map.entry(RPC_S_CALL_FAILED, "rpc_s_call_failed"),
            Map.entry(RPC_S_SEC_PKG_ERROR, "rpc_s_sec_pkg_error"),
            Map.entry(0x000006C6, "rpc_x_invalid_bound"),
            Map.entry(0x000006E4, "rpc_s_cannot_support"),
            Map.entry(0x1C010001, "nca_s_comm_failure"),
            Map.entry(NCA_S_OP_RNG_ERROR, "nca_s_op_rng_error"),
            Map.entry(NCA_S_UNK_IF, "nca_s_unk_if"),
            Map.entry(0x1C010006, "nca_s_wrong_boot_time"),
            Map.entry(0x1C010009, "nca_s_you_crashed"),
            Map.entry(NCA_S_PROTO_ERROR, "nca_s_proto_error"),
            Map.entry(0x1C010013, "nca_s_out_args_too_big"),
            Map.entry(NCA_S_SERVER_TOO_BUSY, "nca_s_server_too_busy"),
            Map.entry(0x1C010017, "nca_s_unsupported_type"),
            Map.entry(0x1C000001, "nca_s_fault_int_div_by_zero"),
            Map.entry(0x1C000007, "nca_s_fault_invalid_bound"),
            Map.entry(0x1C000008, "nca_s_rpc_version_mismatch"),
            Map.entry(0x1C000009, "nca_s_unspec_reject"),
            Map.entry(0x1C00000D, "nca_s_fault_cancel"),
            Map.entry(NCA_S_FAULT_UNSPEC, "nca_s_fault_unspec"),
            Map.entry(NCA_S_FAULT_REMOTE_NO_MEMORY, "nca_s_fault_remote_no_memory"),
            Map.entry(NCA_S_INVALID_PRES_CONTEXT_ID, "nca_s_invalid_pres_context_id"),
            Map.entry(NCA_S_UNSUPPORTED_AUTHN_LEVEL, "nca_s_unsupported_authn_level"),
            Map.entry(0x1C00001F, "nca_s_invalid_checksum"),
            Map.entry(0x1C000024, "nca_s_fault_object_not_found"),
            Map.entry(E_ACCESSDENIED, "E_ACCESSDENIED"),
            Map.entry(0x80004001, "E_NOTIMPL"),
            Map.entry(0x80004002, "E_NOINTERFACE"),
            Map.entry(0x80004005, "E_FAIL"),
            Map.entry(0x8007000E, "E_OUTOFMEMORY"),
            Map.entry(0x80070057, "E_INVALIDARG"),
            Map.entry(0x80010105, "RPC_E_SERVERFAULT"),
            Map.entry(0x80010108, "RPC_E_DISCONNECTED"),
            Map.entry(0x800706BA, "RPC_S_SERVER_UNAVAILABLE"),
            Map.entry(0x800706BE, "RPC_S_CALL_FAILED"),
            Map.entry(0x80080005, "CO_E_SERVER_EXEC_FAILURE"));

    private RpcStatus() {
    }

    /**
     * @param status a fault status or HRESULT
     * @return its name, e.g. {@code "nca_s_op_rng_error"} or {@code "E_ACCESSDENIED"}; WBEM codes by
     *     {@link WbemStatus#nameOf}; otherwise the code in hex
     */
    public static String nameOf(int status) {
        String name = NAMES.get(status);
        if (name != null) {
            return name;
        }
        return WbemStatus.nameOf(status);
    }
}
