package io.github.cm4j.wmi.rpc;

import io.github.cm4j.ConnectionException;

/**
 * The server refused a bind or alter_context: a bind_nak (C706 12.6.4.5, reasons MS-RPCE 2.2.2.5), or a
 * presentation context it did not accept (provider_rejection with abstract_syntax_not_supported: the interface is
 * not served on that endpoint).
 */
public class RpcBindException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused and why, naming the interface
     * @param host the server, or {@code null}
     */
    public RpcBindException(String message, String host) {
        super(message, host, null);
    }
}
