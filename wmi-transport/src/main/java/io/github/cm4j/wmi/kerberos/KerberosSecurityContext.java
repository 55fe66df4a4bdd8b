package io.github.cm4j.wmi.kerberos;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.internal.kerberos.KerberosErrors;
import io.github.cm4j.internal.kerberos.ServiceTicket;
import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcAuthException;
import io.github.cm4j.wmi.rpc.RpcIntegrityException;
import io.github.cm4j.wmi.rpc.RpcSecurityContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.ApOption;
import org.apache.kerby.kerberos.kerb.type.ap.ApOptions;
import org.apache.kerby.kerberos.kerb.type.ap.ApRep;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.ap.EncAPRepPart;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * Kerberos in DCE style (MS-KILE 3.4.5; RFC 4121 with GSS_C_DCE_STYLE) behind {@link RpcSecurityContext}, as
 * RPC_C_AUTHN_GSS_KERBEROS (16) or wrapped in SPNEGO as RPC_C_AUTHN_GSS_NEGOTIATE (9):
 * <ol>
 * <li>bind: the client's AP-REQ (RFC 4120 5.5.1) with mutual-required, an authenticator whose checksum is the
 *     RFC 4121 4.1.1 GSS checksum (type 0x8003) with GSS_C_DCE_STYLE | MUTUAL | REPLAY | SEQUENCE | INTEG (and CONF
 *     at packet privacy only), and sequence number S;</li>
 * <li>bind_ack: the server's AP-REP (RFC 4120 5.5.2) with a fresh acceptor subkey and, DCE style, the same
 *     sequence number S (Samba: its own); or a KRB-ERROR (RFC 4120 5.9.1) telling the client why, e.g.
 *     KRB_AP_ERR_SKEW with the server's time;</li>
 * <li>third leg (rpc_auth_3 for 16; alter_context for 9, as Windows and impacket do): the client's AP-REP, its
 *     EncAPRepPart carrying the server's ctime/cusec and sequence number, encrypted with the ticket's session key
 *     (MS-KILE 3.4.5.1).</li>
 * </ol>
 * Messages are then protected with the acceptor subkey ({@link GssTokens}); the initiator sends from S and receives
 * from the AP-REP's sequence number (cm4j's acceptor echoes S; Samba chooses its own).
 * The token of type 16 is the bare AP-REQ/AP-REP, as Heimdal, MIT and Windows exchange them in DCE style; a
 * GSS-framed AP-REQ is accepted too. Not thread-safe (one connection thread).
 */
public final class KerberosSecurityContext implements RpcSecurityContext {
    /** RPC_C_AUTHN_GSS_NEGOTIATE (MS-RPCE 2.2.1.1.7). */
    public static final int AUTHN_GSS_NEGOTIATE = 9;
    /** RPC_C_AUTHN_GSS_KERBEROS (MS-RPCE 2.2.1.1.7). */
    public static final int AUTHN_GSS_KERBEROS = 16;
    /** RFC 4121 4.1.1.1 flags. */
    private static final int GSS_C_MUTUAL = 2;
    private static final int GSS_C_REPLAY = 4;
    private static final int GSS_C_SEQUENCE = 8;
    private static final int GSS_C_CONF = 0x10;
    private static final int GSS_C_INTEG = 0x20;
    private static final int GSS_C_DCE_STYLE = 0x1000;

    private final boolean spnego;
    private final boolean initiator;
    /** Whether the initiator asks for confidentiality (GSS_C_CONF_FLAG): only for packet privacy. */
    private final boolean confidentiality;
    private final Clock clock;
    private final SecureRandom random;
    // client
    private final Supplier<ServiceTicket> ticketSource;
    private final String host;
    // server
    private final KerberosAcceptor acceptor;

    private int step;
    private EncryptionKey sessionKey;
    private KerberosTime serverCtime;
    private int serverCusec;
    private int sequence;
    private EncryptionKey subkey;
    private GssTokens tokens;
    private NtlmPrincipal peer;
    /** SPNEGO: the DER MechTypeList of the NegTokenInit, which both mechListMICs cover (RFC 4178 5). */
    private byte[] mechTypeList;
    /** SPNEGO client: whether the acceptor's final answer (and its mechListMIC) has been checked. */
    private boolean negotiationComplete;
    private String clientName;
    private String serverName;

    private KerberosSecurityContext(boolean spnego, boolean initiator, boolean confidentiality, Clock clock,
            SecureRandom random, Supplier<ServiceTicket> ticketSource, String host, KerberosAcceptor acceptor) {
        this.spnego = spnego;
        this.initiator = initiator;
        this.confidentiality = confidentiality;
        this.clock = clock;
        this.random = random;
        this.ticketSource = ticketSource;
        this.host = host;
        this.acceptor = acceptor;
    }

    /**
     * The client end.
     *
     * @param ticketSource gives the service ticket (asked on the first step)
     * @param spnego whether to speak SPNEGO (auth_type 9) rather than bare Kerberos (16)
     * @param level the connection's level: confidentiality (GSS_C_CONF_FLAG) is asked for only at
     *     {@link AuthLevel#PKT_PRIVACY}, as Windows does; an acceptor such as Samba sizes the auth value of every PDU
     *     by the flags asked for, so asking for it at integrity makes Samba's signatures the wrong size (it answers
     *     fault DCERPC_FAULT_OTHER)
     * @param host the server, for messages
     * @param clock the client's clock (the authenticator's time)
     * @param random the source of sequence numbers and confounders
     * @return a new context
     */
    public static KerberosSecurityContext client(Supplier<ServiceTicket> ticketSource, boolean spnego, AuthLevel level,
            String host, Clock clock, SecureRandom random) {
        return new KerberosSecurityContext(spnego, true, level == AuthLevel.PKT_PRIVACY, clock, random, ticketSource, host,
                null);
    }

    static KerberosSecurityContext server(KerberosAcceptor acceptor, boolean spnego) {
        return new KerberosSecurityContext(spnego, false, true, acceptor.clock(), acceptor.random(), null, null, acceptor);
    }

    @Override
    public int authType() {
        return spnego ? AUTHN_GSS_NEGOTIATE : AUTHN_GSS_KERBEROS;
    }

    @Override
    public boolean thirdLegInAlterContext() {
        return spnego;
    }

    @Override
    public byte[] step(byte[] input) {
        int s = step++;
        try {
            if (initiator) {
                if (s == 0) {
                    return apReq();
                }
                if (s == 1) {
                    return clientAnswer(input);
                }
                if (s == 2 && spnego) {
                    return acceptCompleted(input);
                }
            } else {
                if (s == 0) {
                    return acceptorAnswer(input);
                }
                if (s == 1) {
                    return acceptorComplete(input);
                }
            }
        } catch (RpcAuthException | AuthenticationException e) {
            throw e;
        } catch (KrbException | IOException | RuntimeException e) {
            // Kerby's decoders report truncated or malformed DER as KrbException, IOException or unchecked exceptions
            // (IndexOutOfBounds, BufferUnderflow): all are a token this end cannot use.
            throw new RpcAuthException(RpcAuthException.Reason.MALFORMED, "unusable Kerberos token: " + e, e);
        }
        throw new RpcAuthException(RpcAuthException.Reason.MALFORMED, "unexpected Kerberos leg " + (s + 1), null);
    }

    // ---- client ----

    private static final java.util.concurrent.atomic.AtomicLong LAST_MICROS = new java.util.concurrent.atomic.AtomicLong();

    private static long uniqueMicros(Instant now) {
        long wanted = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        return LAST_MICROS.updateAndGet(last -> Math.abs(wanted - last) > 60_000_000L ? wanted : Math.max(wanted, last + 1));
    }

    private byte[] apReq() throws KrbException, IOException {
        ServiceTicket st = ticketSource.get();
        clientName = st.client();
        serverName = st.server();
        if (!GssTokens.isSupported(st.enctype())) {
            throw KerberosErrors.noCommonEnctype("Kerberos for " + st.server(), null, host);
        }
        sessionKey = new EncryptionKey(st.enctype(), st.sessionKey());
        Ticket ticket = new Ticket();
        ticket.decode(st.ticket());
        sequence = random.nextInt() & 0x7FFFFFFF;
        Authenticator a = new Authenticator();
        a.setAuthenticatorVno(5);
        PrincipalName cname = new PrincipalName(st.client());
        a.setCrealm(PrincipalName.extractRealm(st.client()));
        a.setCname(new PrincipalName(PrincipalName.extractName(st.client())));
        // (ctime, cusec) identifies the authenticator in the server's replay cache (RFC 4120 3.2.3): connections opened
        // in the same microsecond must still differ, so the microseconds only ever move forward in this JVM.
        long micros = uniqueMicros(clock.instant());
        a.setCtime(new KerberosTime(micros / 1_000_000 * 1000));
        a.setCusec((int) (micros % 1_000_000));
        a.setSeqNumber(sequence);
        byte[] gss = new byte[24];
        ByteBuffer.wrap(gss).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, 16)
                .putInt(20, GSS_C_DCE_STYLE | GSS_C_MUTUAL | GSS_C_REPLAY | GSS_C_SEQUENCE | GSS_C_INTEG
                        | (confidentiality ? GSS_C_CONF : 0));
        a.setCksum(new GssChecksum(gss));
        ApReq req = new ApReq();
        ApOptions options = new ApOptions();
        options.setFlag(ApOption.MUTUAL_REQUIRED);
        req.setApOptions(options);
        req.setTicket(ticket);
        req.setEncryptedAuthenticator(EncryptionHandler.encrypt(a.encode(), sessionKey, KeyUsage.AP_REQ_AUTH));
        byte[] apReq = req.encode();
        if (cname.getName() == null) {
            throw new IllegalStateException("no client name");
        }
        if (!spnego) {
            return apReq;
        }
        // MS-SPNG / impacket: the mechToken is the GSS-framed AP-REQ (RFC 4121 4.1: TOK_ID 01 00)
        mechTypeList = Spnego.mechTypeList();
        return Spnego.negTokenInit(Der.tlv(0x60, Spnego.KRB5_OID, new byte[] {0x01, 0x00}, apReq));
    }

    private byte[] clientAnswer(byte[] input) throws KrbException, IOException {
        byte[] token = input;
        if (spnego) {
            Spnego.Token t = Spnego.decode(input);
            if (t.negState() == Spnego.REJECT && t.mechToken() == null) {
                throw new RpcAuthException(RpcAuthException.Reason.REFUSED, "the server rejected Kerberos (SPNEGO reject)", null);
            }
            token = t.mechToken();
            if (token == null) {
                throw new IllegalArgumentException("the SPNEGO answer carries no Kerberos token");
            }
        }
        token = unframe(token);
        if ((token[0] & 0xFF) == 0x7E) {
            throw krbError(token);
        }
        ApRep rep = new ApRep();
        rep.decode(token);
        byte[] plain;
        try {
            plain = EncryptionHandler.decrypt(rep.getEncryptedEncPart(), sessionKey, KeyUsage.AP_REP_ENCPART);
        } catch (KrbException e) {
            throw new RpcAuthException(RpcAuthException.Reason.REFUSED, "the server's AP-REP does not decrypt with the"
                    + " session key: it is not " + serverName, e);
        }
        EncAPRepPart part = new EncAPRepPart();
        part.decode(plain);
        if (part.getSubkey() == null) {
            throw new IllegalArgumentException("the AP-REP carries no acceptor subkey (DCE style needs one)");
        }
        subkey = part.getSubkey();
        if (!GssTokens.isSupported(subkey.getKeyType().getValue())) {
            throw KerberosErrors.noCommonEnctype("Kerberos for " + serverName + " (acceptor subkey "
                    + KerberosErrors.enctypeName(subkey.getKeyType().getValue()) + ")", null, host);
        }
        // MS-KILE 3.4.5.1: the third leg is an AP-REP echoing the server's ctime, cusec and sequence number,
        // encrypted with the ticket session key (usage 12).
        EncAPRepPart third = new EncAPRepPart();
        third.setCtime(part.getCtime());
        third.setCusec(part.getCusec());
        third.setSeqNumber(part.getSeqNumber());
        ApRep answer = new ApRep();
        answer.setEncryptedEncPart(EncryptionHandler.encrypt(third.encode(), sessionKey, KeyUsage.AP_REP_ENCPART));
        // The acceptor counts from the sequence number of its AP-REP (Samba's differs from ours; cm4j's server echoes
        // ours), the initiator from its authenticator's.
        tokens = new GssTokens(subkey.getKeyType().getValue(), subkey.getKeyData(), true, sequence, part.getSeqNumber(), random);
        peer = principal(serverName);
        byte[] out = answer.encode();
        if (!spnego) {
            return out;
        }
        // RFC 4178 5: the initiator's mechListMIC (GSS_GetMIC over the MechTypeList it sent) travels with its last
        // mechanism token, here the DCE third leg. Samba (as Windows) insists on the exchange when the acceptor
        // chose a subkey of a "new" enctype (AES), and answers a third leg without it with nca_s_proto_error; the MIC
        // takes the initiator's next sequence number, so the first request is sent with S + 1.
        return Spnego.negTokenResp(Spnego.ACCEPT_INCOMPLETE, null, out, tokens.mic(mechTypeList, 0, mechTypeList.length));
    }

    /**
     * The SPNEGO client's last step: the acceptor's NegTokenResp of alter_context_resp. Its mechListMIC, when present,
     * must verify (RFC 4178 5, with the acceptor's next sequence number). An acceptor that sends none is accepted:
     * cm4j offers a single mechanism, so there is no negotiation a missing MIC could have let an attacker downgrade.
     */
    private byte[] acceptCompleted(byte[] input) {
        if (input != null && input.length > 0) {
            Spnego.Token t = Spnego.decode(input);
            if (t.negState() == Spnego.REJECT) {
                throw new RpcAuthException(RpcAuthException.Reason.REFUSED, "the server rejected the Kerberos third leg"
                        + " (SPNEGO reject)", null);
            }
            if (t.mechListMic() != null) {
                byte[] mic = t.mechListMic();
                try {
                    tokens.verifyMic(mechTypeList, 0, mechTypeList.length, mic, 0, mic.length);
                } catch (RpcIntegrityException e) {
                    throw new RpcAuthException(RpcAuthException.Reason.REFUSED, "the server's SPNEGO mechListMIC does not"
                            + " verify: " + e.getMessage(), e);
                }
            }
        }
        negotiationComplete = true;
        return null;
    }

    private RuntimeException krbError(byte[] token) throws IOException {
        KrbError e = new KrbError();
        e.decode(token);
        int code = e.getErrorCode() == null ? -1 : e.getErrorCode().getValue();
        String what = "Kerberos authentication of " + clientName + " to " + serverName;
        if (code == KerberosErrors.KRB_AP_ERR_SKEW) {
            Instant server = Instant.ofEpochMilli(e.getStime().getTime());
            return KerberosErrors.skew(what, clock.instant(), server, Duration.ofMinutes(5), host);
        }
        if (code == KerberosErrors.KRB_AP_ERR_TKT_EXPIRED) {
            return new AuthenticationException(what + " refused: the service ticket has expired (KRB_AP_ERR_TKT_EXPIRED);"
                    + " run kinit again or give a keytab", host, null);
        }
        if (code == KerberosErrors.KRB_AP_ERR_NOKEY || code == KerberosErrors.KRB_AP_ERR_BAD_INTEGRITY
                || code == KrbErrorCode.KRB_AP_ERR_MODIFIED.getValue()) {
            return new AuthenticationException(what + " refused: the server cannot decrypt the ticket ("
                    + e.getErrorCode() + "): its keytab does not hold the current key of " + serverName
                    + " (re-export the keytab), or the SPN belongs to another account", host, null);
        }
        if (code == KerberosErrors.KDC_ERR_ETYPE_NOSUPP) {
            return KerberosErrors.noCommonEnctype(what, null, host);
        }
        if (code == KerberosErrors.KRB_AP_ERR_REPEAT) {
            return new AuthenticationException(what + " refused as a replay (KRB_AP_ERR_REPEAT)", host, null);
        }
        return new AuthenticationException(what + " refused: " + e.getErrorCode() + (e.getEtext() == null ? ""
                : " (" + e.getEtext() + ")"), host, null);
    }

    // ---- server ----

    private byte[] acceptorAnswer(byte[] input) throws KrbException, IOException {
        byte[] token = input;
        if (spnego) {
            Spnego.Token t = Spnego.decode(input);
            boolean kerberos = t.mechTypes().stream().anyMatch(m -> Arrays.equals(m, Spnego.KRB5_OID)
                    || Arrays.equals(m, Spnego.MS_KRB5_OID));
            if (!t.init() || !kerberos || t.mechToken() == null) {
                throw new RpcAuthException(RpcAuthException.Reason.UNSUPPORTED,
                        "the SPNEGO NegTokenInit offers no Kerberos token (only Kerberos is accepted in SPNEGO here)", null);
            }
            mechTypeList = t.mechTypeList();
            token = t.mechToken();
        }
        token = unframe(token);
        KerberosAcceptor.Accepted accepted = acceptor.accept(token);
        if (accepted.error() != null) {
            byte[] err = accepted.error();
            throw new RpcAuthException(RpcAuthException.Reason.REFUSED, accepted.reason(), null,
                    spnego ? Spnego.negTokenResp(Spnego.REJECT, null, err) : err);
        }
        sessionKey = accepted.sessionKey();
        sequence = accepted.sequence();
        clientName = accepted.client();
        serverName = acceptor.principal();
        serverCtime = accepted.ctime();
        serverCusec = accepted.cusec();
        subkey = EncryptionHandler.random2Key(sessionKey.getKeyType());
        EncAPRepPart part = new EncAPRepPart();
        part.setCtime(accepted.ctime());
        part.setCusec(accepted.cusec());
        part.setSubkey(subkey);
        part.setSeqNumber(sequence); // DCE style: the acceptor starts from the initiator's number (MS-KILE 3.4.5)
        ApRep rep = new ApRep();
        rep.setEncryptedEncPart(EncryptionHandler.encrypt(part.encode(), sessionKey, KeyUsage.AP_REP_ENCPART));
        byte[] out = rep.encode();
        return spnego ? Spnego.negTokenResp(Spnego.ACCEPT_INCOMPLETE, Spnego.KRB5_OID, out) : out;
    }

    private byte[] acceptorComplete(byte[] input) throws KrbException, IOException {
        byte[] token = input;
        byte[] clientMic = null;
        if (spnego) {
            Spnego.Token t = Spnego.decode(input);
            token = t.mechToken();
            clientMic = t.mechListMic();
            if (token == null) {
                throw new IllegalArgumentException("the SPNEGO third leg carries no AP-REP");
            }
        }
        token = unframe(token);
        ApRep rep = new ApRep();
        rep.decode(token);
        EncAPRepPart part = new EncAPRepPart();
        try {
            part.decode(EncryptionHandler.decrypt(rep.getEncryptedEncPart(), sessionKey, KeyUsage.AP_REP_ENCPART));
        } catch (KrbException e) {
            throw new RpcAuthException(RpcAuthException.Reason.REFUSED, "the client's AP-REP does not decrypt with the"
                    + " session key", e);
        }
        // MS-KILE 3.4.5.1: the third leg proves the initiator holds the session key and agrees on the sequence number.
        // Windows clients echo the acceptor's ctime/cusec; impacket (which Windows accepts) sends its own current time
        // with the acceptor's sequence number. So the sequence number must match, and the time must be the echo or
        // within the clock-skew limit of the acceptor's (a stale or replayed AP-REP fails either way: it does not
        // decrypt under this context's session key).
        boolean echoed = part.getCtime() != null && part.getCtime().getTime() == serverCtime.getTime()
                && part.getCusec() == serverCusec;
        boolean current = part.getCtime() != null
                && Math.abs(part.getCtime().getTime() - serverCtime.getTime()) <= KerberosAcceptor.DEFAULT_SKEW.toMillis();
        if (part.getSeqNumber() != sequence || !(echoed || current)) {
            throw new RpcAuthException(RpcAuthException.Reason.REFUSED, "the client's AP-REP does not carry the server's"
                    + " sequence number and a current time (MS-KILE 3.4.5.1)", null);
        }
        tokens = new GssTokens(subkey.getKeyType().getValue(), subkey.getKeyData(), false, sequence, random);
        if (!spnego) {
            peer = principal(clientName);
            return null;
        }
        if (clientMic == null) {
            // impacket sends none; with the single mechanism negotiated there was nothing to downgrade (RFC 4178 5)
            peer = principal(clientName);
            return Spnego.negTokenResp(Spnego.ACCEPT_COMPLETED, null, null);
        }
        if (mechTypeList == null) {
            throw new IllegalArgumentException("a mechListMIC without the MechTypeList it covers");
        }
        try {
            tokens.verifyMic(mechTypeList, 0, mechTypeList.length, clientMic, 0, clientMic.length);
        } catch (RpcIntegrityException e) {
            throw new RpcAuthException(RpcAuthException.Reason.REFUSED, "the client's SPNEGO mechListMIC does not verify"
                    + " (RFC 4178 5): " + e.getMessage(), e);
        }
        peer = principal(clientName);
        // RFC 4178 5: the acceptor answers the initiator's mechListMIC with its own, on its next sequence number
        return Spnego.negTokenResp(Spnego.ACCEPT_COMPLETED, null, null, tokens.mic(mechTypeList, 0, mechTypeList.length));
    }

    /** Strips the RFC 2743 3.1 framing ([APPLICATION 0], mech OID, 2-octet TOK_ID) when present. */
    private static byte[] unframe(byte[] token) {
        if (token == null || token.length < 2) {
            throw new IllegalArgumentException("empty Kerberos token");
        }
        if ((token[0] & 0xFF) != 0x60) {
            return token;
        }
        Der.Tlv outer = Der.read(token, 0, token.length);
        Der.Tlv oid = Der.read(token, outer.start(), outer.end());
        int p = oid.next() + 2;
        if (p > outer.end()) {
            throw new IllegalArgumentException("GSS token without TOK_ID");
        }
        return Arrays.copyOfRange(token, p, outer.end());
    }

    private static NtlmPrincipal principal(String kerberosName) {
        int at = kerberosName.lastIndexOf('@');
        return at < 0 ? new NtlmPrincipal("", kerberosName)
                : new NtlmPrincipal(kerberosName.substring(at + 1), kerberosName.substring(0, at));
    }

    // ---- messages ----

    @Override
    public boolean isEstablished() {
        // the SPNEGO client is established once the acceptor's final answer is checked; bare Kerberos after the AP-REP
        return tokens != null && (initiator ? !spnego || negotiationComplete : peer != null);
    }

    @Override
    public NtlmPrincipal peer() {
        return peer;
    }

    @Override
    public boolean canSeal() {
        return tokens != null && confidentiality;
    }

    @Override
    public int signatureLength(AuthLevel level) {
        return level == AuthLevel.PKT_PRIVACY ? tokens.wrapLength() : tokens.micLength();
    }

    @Override
    public byte[] sign(byte[] pdu, int stubStart, int stubLength, int authValueOffset) {
        return tokens.mic(pdu, stubStart, stubLength);
    }

    @Override
    public byte[] seal(byte[] pdu, int stubStart, int stubLength, int authValueOffset) {
        return tokens.wrap(pdu, stubStart, stubLength);
    }

    @Override
    public void verify(byte[] pdu, int stubStart, int stubLength, int authValueOffset, int authLength) {
        tokens.verifyMic(pdu, stubStart, stubLength, pdu, authValueOffset, authLength);
    }

    @Override
    public void unseal(byte[] pdu, int stubStart, int stubLength, int authValueOffset, int authLength) {
        tokens.unwrap(pdu, stubStart, stubLength, pdu, authValueOffset, authLength);
    }

    /** @return the session (sub)key's encryption type, once established (for tests and logs) */
    public int enctype() {
        return subkey == null ? -1 : subkey.getKeyType().getValue();
    }

    @Override
    public String toString() {
        return "KerberosSecurityContext[" + (initiator ? "client" : "server") + (spnego ? ", SPNEGO" : "")
                + (clientName == null ? "" : ", " + clientName + " -> " + serverName)
                + (subkey == null ? "" : ", " + KerberosErrors.enctypeName(subkey.getKeyType().getValue())) + "]";
    }

    static EncryptionType type(int enctype) {
        return EncryptionType.fromValue(enctype);
    }
}
