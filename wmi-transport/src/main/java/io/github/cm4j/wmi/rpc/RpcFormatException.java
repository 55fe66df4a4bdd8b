package io.github.cm4j.wmi.rpc;

import io.github.cm4j.wmi.WireFormatException;

/**
 * A DCE/RPC PDU read off the wire is malformed (C706 chapter 12, MS-RPCE 2.2.2): a header that is not version 5.0
 * little-endian, a length that disagrees with the fragment, a context list that passes the end of the body, a
 * fragment larger than negotiated, a call that grows past the reassembly bound. Carries the {@link #structure()
 * structure} (e.g. {@code "bind/p_context_elem[1]"}) and the byte {@link #offset() offset} from the start of the
 * fragment.
 */
public class RpcFormatException extends WireFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * @param structure the structure being read, named as in C706 / MS-RPCE
     * @param offset the byte offset of the problem from the start of the fragment
     * @param problem what is wrong
     */
    public RpcFormatException(String structure, long offset, String problem) {
        super("DCE/RPC", structure, offset, problem, null);
    }
}
