package io.github.cm4j.wmi.dcom;

/**
 * The stub data of one RPC request or response (the bytes an MS-RPCE request or response PDU carries), as a typed
 * record. Each record type also has a static {@code decode(byte[])}.
 */
public interface RpcMessage {
    /** @return the NDR stub data */
    byte[] encode();
}
