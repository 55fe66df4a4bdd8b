package io.github.cm4j.wmi.dcom;

import java.util.UUID;

/** The stub data of a request, with what the RPC layer needs to send it: the interface (to bind) and the opnum. */
public interface RpcRequest extends RpcMessage {
    /** @return the interface UUID the call is made on */
    UUID interfaceId();

    /**
     * @return the operation number; for interfaces derived from IUnknown the first callable one is 3 (0..2 are
     *         QueryInterface, AddRef and Release, never sent: MS-DCOM 3.1.1.5.6)
     */
    int opnum();
}
