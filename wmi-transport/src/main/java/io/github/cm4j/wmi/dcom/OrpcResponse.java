package io.github.cm4j.wmi.dcom;

/** An ORPC response: its first out-parameter is an ORPCTHAT and its return value an HRESULT. */
public interface OrpcResponse extends RpcResponse {
    /** @return the ORPCTHAT */
    OrpcThat orpcThat();
}
