package io.github.cm4j.wmi.dcom;

/** The stub data of a response. */
public interface RpcResponse extends RpcMessage {
    /**
     * @return the return value: an HRESULT for ORPC and activation calls, an error_status_t for IObjectExporter
     *         (0 = success in both)
     */
    int status();
}
