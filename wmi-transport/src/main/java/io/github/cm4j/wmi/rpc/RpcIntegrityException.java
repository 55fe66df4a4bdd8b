package io.github.cm4j.wmi.rpc;

/**
 * A protected fragment does not verify with the security context's keys (wrong signature, wrong sequence number,
 * or not protected as agreed). The context is unusable afterwards.
 */
public class RpcIntegrityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not verify
     * @param cause the underlying failure, or null
     */
    public RpcIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
