package io.github.cm4j.wmi.rpc;

/**
 * A security context could not be established: the peer's token is unusable, the credentials were refused, or
 * the mechanism is not allowed. The message names the account and mechanism, never a secret or a key.
 */
public class RpcAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the exchange failed, for the bind_nak reason and the client's message. */
    public enum Reason {
        /** The token is malformed or of the wrong kind. */
        MALFORMED,
        /** The peer does not offer what this end requires (flags, enctypes, sealing). */
        UNSUPPORTED,
        /** The credentials were refused (wrong password, unknown key, clock skew, replay). */
        REFUSED,
        /** The mechanism is switched off here (an NTLM-off server). */
        MECHANISM_DISABLED
    }

    private final Reason reason;
    private final byte[] replyToken;

    /**
     * @param reason why
     * @param message what failed
     * @param cause the underlying failure, or null
     */
    public RpcAuthException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    /**
     * @param reason why
     * @param message what failed
     * @param cause the underlying failure, or null
     * @param replyToken a token telling the peer why (a Kerberos KRB-ERROR), or null
     */
    public RpcAuthException(Reason reason, String message, Throwable cause, byte[] replyToken) {
        super(message, cause);
        this.reason = reason;
        this.replyToken = replyToken == null ? null : replyToken.clone();
    }

    /** @return the token for the peer (server end: a KRB-ERROR), or null */
    public byte[] replyToken() {
        return replyToken == null ? null : replyToken.clone();
    }

    /** @return why the exchange failed */
    public Reason reason() {
        return reason;
    }
}
