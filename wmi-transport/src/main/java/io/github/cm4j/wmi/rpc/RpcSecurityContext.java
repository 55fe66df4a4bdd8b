package io.github.cm4j.wmi.rpc;

import io.github.cm4j.wmi.ntlm.NtlmPrincipal;

/**
 * One end of one security context of a connection-oriented DCE/RPC association: the one place where an
 * authentication mechanism (NTLM, Kerberos DCE style, SPNEGO) meets the RPC layer, used alike by
 * {@link RpcClientConnection} and the server's connections (MS-RPCE 3.3.1.5.2, 3.3.1.5.2.2).
 *
 * <p>Legs (MS-RPCE 3.3.1.5.2): the client's {@link #step} with {@code null} gives the bind's token; the server's
 * {@code step} of it gives the bind_ack's; the client's {@code step} of that gives the third leg's token (carried by
 * rpc_auth_3, or by alter_context when {@link #thirdLegInAlterContext()}); the server's {@code step} of the third
 * leg completes it (and may give an alter_context_resp token). Then every request and response fragment is
 * protected with {@link #sign}/{@link #seal} and checked with {@link #verify}/{@link #unseal}: the fragment is
 * given whole, with the offsets of its stub data (plus auth padding) and of the auth value, and each mechanism
 * covers what its specification says (NTLM: the PDU up to the auth value; Kerberos: the stub data).
 *
 * <p>Implementations are not thread-safe unless they say so: a connection uses each context from one thread at a
 * time. Failures are {@link RpcAuthException} (the exchange) and {@link RpcIntegrityException} (a message).
 */
public interface RpcSecurityContext {

    /** @return the auth_type of the sec_trailer (MS-RPCE 2.2.1.1.7: 10 NTLM, 16 Kerberos, 9 SPNEGO) */
    int authType();

    /**
     * Consumes the peer's token and returns the next token to send.
     *
     * @param input the peer's token, {@code null} for the client's first step
     * @return the token to send, or {@code null} when this end sends none
     * @throws RpcAuthException when the exchange fails (wrong credentials, unusable token, refused mechanism)
     */
    byte[] step(byte[] input);

    /** @return whether the context is established (keys agreed, peer authenticated) */
    boolean isEstablished();

    /** @return whether the client sends its third leg in an alter_context (SPNEGO, as Windows) rather than rpc_auth_3 */
    default boolean thirdLegInAlterContext() {
        return false;
    }

    /** @return the authenticated peer (server end: the client's account), once established */
    NtlmPrincipal peer();

    /** @return whether confidentiality (sealing) is available, as {@link AuthLevel#PKT_PRIVACY} needs */
    boolean canSeal();

    /**
     * @param level the protection level
     * @return the length of the auth value of a protected request or response fragment at {@code level}
     */
    int signatureLength(AuthLevel level);

    /**
     * Signs an outgoing fragment (packet integrity).
     *
     * @param pdu the whole fragment, auth value zeroed
     * @param stubStart where the stub data starts
     * @param stubLength stub data plus auth padding
     * @param authValueOffset where the auth value starts
     * @return the auth value ({@link #signatureLength} bytes)
     */
    byte[] sign(byte[] pdu, int stubStart, int stubLength, int authValueOffset);

    /**
     * Seals an outgoing fragment in place (packet privacy): encrypts the stub data and auth padding.
     *
     * @param pdu the whole fragment, auth value zeroed
     * @param stubStart where the stub data starts
     * @param stubLength stub data plus auth padding
     * @param authValueOffset where the auth value starts
     * @return the auth value ({@link #signatureLength} bytes)
     */
    byte[] seal(byte[] pdu, int stubStart, int stubLength, int authValueOffset);

    /**
     * Verifies a received fragment's signature (packet integrity).
     *
     * @param pdu the whole fragment
     * @param stubStart where the stub data starts
     * @param stubLength stub data plus auth padding
     * @param authValueOffset where the auth value starts
     * @param authLength the auth value's length
     * @throws RpcIntegrityException when it does not verify
     */
    void verify(byte[] pdu, int stubStart, int stubLength, int authValueOffset, int authLength);

    /**
     * Unseals a received fragment in place and verifies it (packet privacy).
     *
     * @param pdu the whole fragment
     * @param stubStart where the stub data starts
     * @param stubLength stub data plus auth padding
     * @param authValueOffset where the auth value starts
     * @param authLength the auth value's length
     * @throws RpcIntegrityException when it does not verify
     */
    void unseal(byte[] pdu, int stubStart, int stubLength, int authValueOffset, int authLength);
}
