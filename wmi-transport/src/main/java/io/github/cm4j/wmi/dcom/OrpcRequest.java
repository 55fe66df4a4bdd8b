package io.github.cm4j.wmi.dcom;

/**
 * An ORPC request (MS-DCOM 3.2.4.2): a call on an interface of an exported object. Its first parameter is an
 * ORPCTHIS, and the request PDU must carry the IPID of the target interface as its object UUID (MS-RPCE 2.2.2.11,
 * PFC_OBJECT_UUID) — the IPID is not part of the stub data.
 */
public interface OrpcRequest extends RpcRequest {
    /** @return the ORPCTHIS */
    OrpcThis orpcThis();
}
