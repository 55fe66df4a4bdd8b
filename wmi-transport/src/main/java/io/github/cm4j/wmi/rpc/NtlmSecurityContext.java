package io.github.cm4j.wmi.rpc;

import io.github.cm4j.wmi.ntlm.NtlmAuthenticationException;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import io.github.cm4j.wmi.ntlm.NtlmFormatException;
import io.github.cm4j.wmi.ntlm.NtlmIntegrityException;
import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import io.github.cm4j.wmi.ntlm.NtlmSession;

/**
 * NTLM (auth_type 10) behind {@link RpcSecurityContext}: NEGOTIATE in the bind, CHALLENGE in the bind_ack,
 * AUTHENTICATE in rpc_auth_3 (MS-RPCE 3.3.1.5.2, MS-NLMP 3.1). Signatures cover the whole fragment up to the
 * auth value with the stub in plain text; sealing encrypts the stub and its padding (MS-RPCE 3.3.1.5.2.2), as
 * Windows and impacket do. Not thread-safe (one connection thread).
 */
final class NtlmSecurityContext implements RpcSecurityContext {
    private final NtlmClient.Context client;
    private final NtlmServer.Context server;
    private final boolean refuse;
    private NtlmSession session;
    private int step;

    private NtlmSecurityContext(NtlmClient.Context client, NtlmServer.Context server, boolean refuse) {
        this.client = client;
        this.server = server;
        this.refuse = refuse;
    }

    static NtlmSecurityContext client(NtlmClient ntlm) {
        return new NtlmSecurityContext(ntlm.newContext(), null, false);
    }

    /**
     * @param refuse whether NTLM is switched off here: the challenge is still answered, the AUTHENTICATE refused
     *     (the logon fails as on a Windows server that denies incoming NTLM, and the first call gets access denied)
     */
    static NtlmSecurityContext server(NtlmServer ntlm, boolean refuse) {
        return new NtlmSecurityContext(null, ntlm.newContext(), refuse);
    }

    /** A context around an already established session (tests of the per-PDU protection). */
    static NtlmSecurityContext established(NtlmSession session) {
        NtlmSecurityContext c = new NtlmSecurityContext(null, null, false);
        c.session = session;
        c.step = 2;
        return c;
    }

    @Override
    public int authType() {
        return Pdu.AUTHN_WINNT;
    }

    @Override
    public byte[] step(byte[] input) {
        try {
            int s = step++;
            if (client != null) {
                if (s == 0) {
                    return client.negotiate();
                }
                if (s == 1) {
                    byte[] authenticate = client.authenticate(input);
                    session = client.session();
                    return authenticate;
                }
            } else {
                if (s == 0) {
                    return server.challenge(input);
                }
                if (s == 1) {
                    if (refuse) {
                        throw new RpcAuthException(RpcAuthException.Reason.MECHANISM_DISABLED,
                                "NTLM is switched off on this server (--no-ntlm): logon refused", null);
                    }
                    session = server.authenticate(input);
                    return null;
                }
            }
            throw new IllegalStateException("the NTLM exchange has three legs; this is leg " + (s + 1));
        } catch (NtlmFormatException e) {
            throw new RpcAuthException(RpcAuthException.Reason.MALFORMED, e.getMessage(), e);
        } catch (NtlmAuthenticationException e) {
            throw new RpcAuthException(e.reason() == NtlmAuthenticationException.Reason.REQUIRED_FLAGS_MISSING
                    ? RpcAuthException.Reason.UNSUPPORTED : RpcAuthException.Reason.REFUSED, e.getMessage(), e);
        }
    }

    @Override
    public boolean isEstablished() {
        return session != null;
    }

    @Override
    public NtlmPrincipal peer() {
        return session == null ? null : session.principal();
    }

    @Override
    public boolean canSeal() {
        return session != null && session.canSeal();
    }

    @Override
    public int signatureLength(AuthLevel level) {
        return NtlmSession.SIGNATURE_LENGTH;
    }

    @Override
    public byte[] sign(byte[] pdu, int stubStart, int stubLength, int authValueOffset) {
        return session.sign(pdu, 0, authValueOffset);
    }

    @Override
    public byte[] seal(byte[] pdu, int stubStart, int stubLength, int authValueOffset) {
        return session.seal(pdu, 0, authValueOffset, stubStart, stubLength);
    }

    @Override
    public void verify(byte[] pdu, int stubStart, int stubLength, int authValueOffset, int authLength) {
        check(authLength);
        try {
            session.verify(pdu, 0, authValueOffset, pdu, authValueOffset);
        } catch (NtlmIntegrityException e) {
            throw new RpcIntegrityException(e.getMessage(), e);
        }
    }

    @Override
    public void unseal(byte[] pdu, int stubStart, int stubLength, int authValueOffset, int authLength) {
        check(authLength);
        try {
            session.unseal(pdu, 0, authValueOffset, stubStart, stubLength, pdu, authValueOffset);
        } catch (NtlmIntegrityException e) {
            throw new RpcIntegrityException(e.getMessage(), e);
        }
    }

    private static void check(int authLength) {
        if (authLength != NtlmSession.SIGNATURE_LENGTH) {
            throw new RpcIntegrityException("an NTLM signature is " + NtlmSession.SIGNATURE_LENGTH + " bytes, not "
                    + authLength, null);
        }
    }

    @Override
    public String toString() {
        return "NtlmSecurityContext[" + (client != null ? "client" : "server") + (session == null ? "" : ", " + session) + "]";
    }
}
