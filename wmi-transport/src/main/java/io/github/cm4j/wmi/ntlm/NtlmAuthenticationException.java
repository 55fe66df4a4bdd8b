package io.github.cm4j.wmi.ntlm;

import io.github.cm4j.ConfigMgrException;
import java.util.Objects;

/**
 * NTLM authentication failed: on the server, an AUTHENTICATE_MESSAGE did not prove knowledge of a configured
 * account's password; on the client, the server's CHALLENGE_MESSAGE does not offer what cm4j requires (NTLMv2 with
 * extended session security, 128-bit keys, key exchange, signing). The {@link #reason() reason} is for logs and
 * tests; the RPC layer sends the peer only the Windows error (access denied), never which check failed. Messages
 * name at most {@code DOMAIN\\user}, never a secret.
 */
public class NtlmAuthenticationException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Reason {
        /** No configured account has the user (and domain) of the AUTHENTICATE_MESSAGE. */
        UNKNOWN_USER,
        /** The NTLMv2 proof does not match the account's password (MS-NLMP 3.2.5.1.2). */
        WRONG_PASSWORD,
        /** An NTLMv1 or LM response (24 bytes): cm4j accepts NTLMv2 only. */
        NTLM_V1_REFUSED,
        /** Anonymous authentication (empty user or empty responses, MS-NLMP 3.2.5.1.2). */
        ANONYMOUS_REFUSED,
        /** The MsvAvFlags say a MIC is present but it does not match the three messages (MS-NLMP 3.2.5.1.2). */
        MIC_INVALID,
        /** The NTLMv2 response time is too far from the server's clock (MS-NLMP 3.2.5.1.2, MaxLifetime). */
        STALE_RESPONSE,
        /** A negotiate flag cm4j requires is missing (extended session security, 128-bit, key exchange, sign, Unicode). */
        REQUIRED_FLAGS_MISSING,
        /** The messages arrived out of order, or a message is malformed. */
        PROTOCOL_ERROR,
        /**
         * The MsvAvChannelBindings of the NTLMv2 response do not match the TLS channel the server sees (MS-NLMP
         * 3.2.5.1.2; RFC 5929 tls-server-end-point), or are missing where the server requires them.
         */
        CHANNEL_BINDINGS_MISMATCH
    }

    private final Reason reason;

    /**
     * @param reason which check failed
     * @param message what failed, naming at most the account
     */
    public NtlmAuthenticationException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason which check failed
     * @param message what failed, naming at most the account
     * @param cause the underlying failure, or {@code null}
     */
    public NtlmAuthenticationException(Reason reason, String message, Throwable cause) {
        super("NTLM authentication failed (" + reason + "): " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return which check failed */
    public Reason reason() {
        return reason;
    }
}
