package io.github.cm4j.wmi.rpc;

import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import java.util.function.Supplier;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of one connection: the association state (fragment sizes, presentation contexts, security
 * contexts by auth_context_id, calls being reassembled) and the processing of each PDU the client sends. Runs on
 * the connection's own thread.
 *
 * <p>Refusals follow Windows: a call that is not protected at the server's minimum level, or that comes on a
 * security context whose NTLM authentication failed, is answered with a fault of status 5, ERROR_ACCESS_DENIED
 * (MS-RPCE 3.3.3.5.1 fault semantics; MS-DCOM 3.1.1.5.4: an ORPC below the exporter's level gets E_ACCESSDENIED or
 * ERROR_ACCESS_DENIED; impacket reports it as rpc_s_access_denied, as it does against Windows), flagged
 * PFC_DID_NOT_EXECUTE; the rpc_auth_3 that failed gets no answer (MS-RPCE 2.2.2.10: none is defined). A bind
 * naming another security provider than NTLM gets bind_nak authentication_type_not_recognized and one whose NTLM
 * NEGOTIATE_MESSAGE is unusable bind_nak invalid_checksum (MS-RPCE 2.2.2.5).
 */
final class ServerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    /** Security contexts one connection may set up (MS-RPCE 3.3.1.5.4 multiplexing; impacket's alter_ctx makes one each). */
    private static final int MAX_SECURITY_CONTEXTS = 16;
    /** Presentation contexts one connection may negotiate. */
    private static final int MAX_PRESENTATION_CONTEXTS = 64;
    /** Calls one connection may interleave while their fragments arrive. */
    private static final int MAX_PENDING_CALLS = 8;

    /** A negotiated presentation context. */
    private record Presentation(SyntaxId iface, RpcHandler handler) {
    }

    /** One security context of the connection, from bind or alter_context to rpc_auth_3 and after. */
    private static final class Security {
        final AuthLevel level;
        final int contextId;
        RpcSecurityContext exchange;
        PacketSecurity packets;
        NtlmPrincipal principal;
        boolean failed;

        Security(AuthLevel level, int contextId, RpcSecurityContext exchange) {
            this.level = level;
            this.contextId = contextId;
            this.exchange = exchange;
        }

        boolean established() {
            return principal != null;
        }
    }

    /** A request being reassembled. */
    private static final class InboundCall {
        final int callId;
        final int contextId;
        final int opnum;
        final UUID object;
        final Calls.Reassembly stub;
        AuthLevel level = AuthLevel.NONE;
        Security security;
        int fault;
        /** Refused at admission: answered unsigned, as Windows answers access-denied refusals. */
        boolean refused;
        boolean closeAfter;

        InboundCall(int callId, CallHeader h, int maxStubBytes) {
            this.callId = callId;
            this.contextId = h.contextId();
            this.opnum = h.opnum();
            this.object = h.object();
            this.stub = new Calls.Reassembly(h.allocHint(), maxStubBytes);
        }
    }

    private final RpcServer server;
    private final RpcServer.Settings settings;
    private final PduChannel channel;
    private final long id;
    private final InetSocketAddress remote;
    private final Map<Integer, Presentation> presentations = new HashMap<>();
    private final Map<Integer, Security> securities = new HashMap<>();
    private final Map<Integer, InboundCall> calls = new HashMap<>();
    private boolean bound;
    private int transmitFragment = Pdu.MIN_FRAGMENT;
    private int receiveFragment = Pdu.MAX_FRAGMENT;
    private int assocGroupId;
    /**
     * Whether the peer has authenticated (a security context established; after the bind when the server requires
     * no authentication). Until then the connection counts against {@link RpcServer.Builder#maxUnauthenticated} and
     * must get there before {@link RpcServer.Builder#authTimeout}. Written by the connection's thread, read by the
     * acceptor.
     */
    private volatile boolean admitted;

    ServerConnection(RpcServer server, RpcServer.Settings settings, PduChannel channel, long id) {
        this.server = server;
        this.settings = settings;
        this.channel = channel;
        this.id = id;
        this.remote = channel.remote();
    }

    long id() {
        return id;
    }

    /** @return the peer's IP address, as accepted ({@code null} when the socket closed before it was known) */
    InetAddress peerAddress() {
        return remote == null ? null : remote.getAddress();
    }

    /** @return whether the peer has authenticated (see {@link #admitted}) */
    boolean admitted() {
        return admitted;
    }

    /** @return whether the socket is closed (the thread may still be ending) */
    boolean closing() {
        return channel.isClosed();
    }

    /** Closes the socket; the connection's thread then ends. */
    void close() {
        channel.close();
    }

    /** Serves PDUs until the client closes, the idle timeout passes, the server closes, or the protocol breaks. */
    void run() {
        long authDeadline = System.nanoTime() + settings.authTimeout().toNanos();
        try {
            while (!channel.isClosed()) {
                // Until the peer authenticates it has the short handshake deadline, not the idle timeout: a socket
                // that binds and never sends rpc_auth_3 (slow loris) costs a thread for seconds, not minutes.
                long idle = System.nanoTime() + settings.idleTimeout().toNanos();
                Fragment f = channel.read(admitted ? idle : Math.min(idle, authDeadline), receiveFragment);
                if (!handle(f)) {
                    break;
                }
            }
        } catch (EOFException e) {
            LOG.debug("connection {} from {}: closed by the client", id, remote);
        } catch (SocketTimeoutException e) {
            if (admitted) {
                LOG.debug("connection {} from {}: idle for {}, closing", id, remote, settings.idleTimeout());
            } else {
                LOG.info("connection {} from {}: did not authenticate within {}, closing", id, remote, settings.authTimeout());
            }
        } catch (RpcFormatException e) {
            LOG.info("connection {} from {}: {}; closing", id, remote, e.getMessage());
        } catch (IOException e) {
            if (!channel.isClosed()) {
                LOG.debug("connection {} from {}: {}", id, remote, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("connection {} from {}: unexpected failure; closing", id, remote, e);
        } finally {
            channel.close();
            server.ended(this);
        }
    }

    /** @return whether to go on reading */
    private boolean handle(Fragment f) throws IOException {
        switch (f.type()) {
            case Pdu.BIND:
                return bind(f, false);
            case Pdu.ALTER_CONTEXT:
                return bind(f, true);
            case Pdu.AUTH3:
                auth3(f);
                return true;
            case Pdu.REQUEST:
                return request(f);
            case Pdu.ORPHANED:
                // MS-RPCE 3.3.1.5.10: the client abandons the call; keep the connection
                calls.remove(f.callId());
                return true;
            case Pdu.CO_CANCEL:
                // calls run to completion; a cancel has nothing to stop
                return true;
            default:
                throw new RpcFormatException("common header/PTYPE", 2, Pdu.typeName(f.type()) + " is not a PDU a client sends");
        }
    }

    private boolean bind(Fragment f, boolean alter) throws IOException {
        if (alter != bound) {
            if (!alter) {
                return nak(f, BindNakPdu.REASON_NOT_SPECIFIED, "a second bind on one association");
            }
            throw new RpcFormatException("alter_context", 0, "alter_context before bind");
        }
        BindPdu bind;
        try {
            bind = BindPdu.decode(f);
        } catch (RpcFormatException e) {
            LOG.info("connection {} from {}: malformed {}: {}", id, remote, Pdu.typeName(f.type()), e.getMessage());
            // MS-RPCE 2.2.2.5: a protocol error in a bind is answered with bind_nak; alter_context has no nak, only a fault
            return alter ? fault(f.callId(), 0, RpcStatus.NCA_S_PROTO_ERROR, true)
                    : nak(f, BindNakPdu.PROTOCOL_VERSION_NOT_SUPPORTED, "malformed bind");
        }
        Pdu.Auth auth = null;
        SecTrailer trailer = f.trailer();
        if (trailer != null && !securities.containsKey(trailer.contextId())) {
            AuthLevel level = AuthLevel.fromWire(trailer.authLevel());
            Supplier<RpcSecurityContext> acceptor = settings.acceptor(trailer.authType());
            if (acceptor == null) {
                return refuseAuth(f, alter, BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED, "auth_type " + trailer.authType()
                        + " is not accepted here");
            }
            if (level == null || securities.size() >= MAX_SECURITY_CONTEXTS) {
                return refuseAuth(f, alter, level == null ? BindNakPdu.REASON_NOT_SPECIFIED : BindNakPdu.LOCAL_LIMIT_EXCEEDED,
                        level == null ? "auth_level " + trailer.authLevel() : "too many security contexts");
            }
            RpcSecurityContext exchange = acceptor.get();
            Security security = new Security(level, trailer.contextId(), exchange);
            byte[] reply;
            try {
                reply = exchange.step(f.authValue());
            } catch (RpcAuthException e) {
                if (e.replyToken() == null) {
                    return refuseAuth(f, alter, BindNakPdu.INVALID_CHECKSUM, e.getMessage());
                }
                // Kerberos: the KRB-ERROR goes back in the bind_ack so that the client can tell the user why
                // (e.g. KRB_AP_ERR_SKEW with the server's time, MS-KILE 3.4.5.1); the context stays failed.
                LOG.info("connection {} from {}: {} refused: {}", id, remote, Pdu.typeName(f.type()), e.getMessage());
                security.failed = true;
                security.exchange = null;
                reply = e.replyToken();
            }
            if (security.exchange != null && exchange.isEstablished()) {
                established(security);
            }
            securities.put(trailer.contextId(), security);
            auth = new Pdu.Auth(trailer.authType(), level, trailer.contextId(), reply == null ? new byte[0] : reply, 4);
        } else if (trailer != null && alter) {
            // A third leg in alter_context (SPNEGO as Windows sends it, MS-RPCE 3.3.1.5.2).
            Security s = securities.get(trailer.contextId());
            if (s.exchange != null && !s.established()) {
                byte[] reply = null;
                try {
                    reply = s.exchange.step(f.authValue());
                    if (s.exchange.isEstablished()) {
                        established(s);
                    }
                } catch (RpcAuthException e) {
                    s.failed = true;
                    LOG.info("connection {} from {}: third leg refused: {}", id, remote, e.getMessage());
                    return fault(f.callId(), 0, RpcStatus.NCA_S_FAULT_ACCESS_DENIED, true);
                }
                if (reply != null) {
                    auth = new Pdu.Auth(trailer.authType(), s.level, s.contextId, reply, 4);
                }
            }
        }
        if (!alter) {
            // The server's transmit size is at most what the client receives, and vice versa (C706 12.6.4.4);
            // never below what every implementation must receive.
            transmitFragment = Math.max(Pdu.MIN_FRAGMENT, Math.min(bind.maxRecvFrag(), settings.maxFragment()));
            receiveFragment = Math.max(Pdu.MIN_FRAGMENT, Math.min(bind.maxXmitFrag(), settings.maxFragment()));
            assocGroupId = bind.assocGroupId() != 0 ? bind.assocGroupId() : server.newAssocGroupId();
        }
        List<BindAckPdu.ContextResult> results = new ArrayList<>();
        for (BindPdu.ContextElement e : bind.contexts()) {
            results.add(negotiate(e));
        }
        BindAckPdu ack = new BindAckPdu(transmitFragment, receiveFragment, assocGroupId, alter ? "" : String.valueOf(channel.localPort()),
                results);
        send(Pdu.build(alter ? Pdu.ALTER_CONTEXT_RESP : Pdu.BIND_ACK, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, f.callId(), ack.encode(),
                new byte[0], 0, 0, auth).bytes());
        bound = true;
        if (settings.minimumLevel() == AuthLevel.NONE) {
            admitted = true;
        }
        return true;
    }

    private BindAckPdu.ContextResult negotiate(BindPdu.ContextElement e) {
        List<SyntaxId> transfers = e.transferSyntaxes();
        if (transfers.size() == 1 && transfers.get(0).isBindTimeFeatureNegotiation()) {
            // MS-RPCE 3.3.1.5.3: negotiate_ack, the reason field holding the features both ends support. This server
            // multiplexes security contexts (by auth_context_id) and keeps the connection after an orphaned PDU.
            int features = transfers.get(0).featureBitmask() & (Pdu.SECURITY_CONTEXT_MULTIPLEXING | Pdu.KEEP_CONNECTION_ON_ORPHAN);
            return new BindAckPdu.ContextResult(Pdu.NEGOTIATE_ACK, features, BindAckPdu.NO_SYNTAX);
        }
        Optional<RpcServer.Registration> registration = settings.find(e.abstractSyntax());
        if (registration.isEmpty()) {
            return new BindAckPdu.ContextResult(Pdu.PROVIDER_REJECTION, Pdu.ABSTRACT_SYNTAX_NOT_SUPPORTED, BindAckPdu.NO_SYNTAX);
        }
        if (!transfers.contains(SyntaxId.NDR20)) {
            return new BindAckPdu.ContextResult(Pdu.PROVIDER_REJECTION, Pdu.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED, BindAckPdu.NO_SYNTAX);
        }
        Presentation existing = presentations.get(e.contextId());
        if (existing == null && presentations.size() >= MAX_PRESENTATION_CONTEXTS
                || existing != null && !existing.iface().equals(registration.get().iface())) {
            return new BindAckPdu.ContextResult(Pdu.PROVIDER_REJECTION, Pdu.LOCAL_LIMIT_EXCEEDED, BindAckPdu.NO_SYNTAX);
        }
        presentations.put(e.contextId(), new Presentation(registration.get().iface(), registration.get().handler()));
        return new BindAckPdu.ContextResult(Pdu.ACCEPTANCE, 0, SyntaxId.NDR20);
    }

    private boolean refuseAuth(Fragment f, boolean alter, int reason, String why) throws IOException {
        LOG.info("connection {} from {}: {} refused: {}", id, remote, Pdu.typeName(f.type()), why);
        if (alter) {
            fault(f.callId(), 0, RpcStatus.NCA_S_FAULT_ACCESS_DENIED, true);
            return true;
        }
        return nak(f, reason, why);
    }

    private boolean nak(Fragment f, int reason, String why) throws IOException {
        LOG.debug("connection {} from {}: bind_nak {} ({})", id, remote, reason, why);
        send(Pdu.build(Pdu.BIND_NAK, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, f.callId(), new BindNakPdu(reason).encode(), new byte[0], 0, 0,
                null).bytes());
        return true;
    }

    private void auth3(Fragment f) {
        SecTrailer trailer = f.trailer();
        Security s = trailer == null ? null : securities.get(trailer.contextId());
        if (s == null || s.exchange == null || s.established()) {
            LOG.info("connection {} from {}: rpc_auth_3 for no pending security context; ignored", id, remote);
            return;
        }
        try {
            s.exchange.step(f.authValue());
            if (!s.exchange.isEstablished()) {
                throw new RpcAuthException(RpcAuthException.Reason.MALFORMED, "rpc_auth_3 did not complete the "
                        + s.exchange + " exchange", null);
            }
            established(s);
        } catch (RpcAuthException e) {
            s.failed = true;
            s.exchange = null;
            LOG.info("connection {} from {}: {}", id, remote, e.getMessage());
        }
    }

    /** Completes a security context: privacy needs sealing; then requests may use it. */
    private void established(Security s) {
        RpcSecurityContext c = s.exchange;
        if (s.level == AuthLevel.PKT_PRIVACY && !c.canSeal()) {
            s.failed = true;
            s.exchange = null;
            LOG.info("connection {} from {}: {} asks for privacy without negotiating sealing", id, remote, c.peer());
            return;
        }
        s.packets = new PacketSecurity(s.level, s.contextId, c);
        s.principal = c.peer();
        admitted = true;
        LOG.debug("connection {} from {}: {} authenticated at {} by {}", id, remote, s.principal, s.level,
                RpcClientConnection.mechanismName(c.authType()));
    }

    private boolean request(Fragment f) throws IOException {
        CallHeader h;
        try {
            h = CallHeader.decode(f);
            f.stubEnd(h.stubStart());
        } catch (RpcFormatException e) {
            LOG.info("connection {} from {}: malformed request: {}", id, remote, e.getMessage());
            fault(f.callId(), 0, RpcStatus.NCA_S_PROTO_ERROR, true);
            return false;
        }
        InboundCall call = calls.get(f.callId());
        if (call == null) {
            if (!f.first() || calls.size() >= MAX_PENDING_CALLS) {
                fault(f.callId(), h.contextId(), f.first() ? RpcStatus.NCA_S_SERVER_TOO_BUSY : RpcStatus.NCA_S_PROTO_ERROR, true);
                return f.first();
            }
            call = new InboundCall(f.callId(), h, settings.maxStubBytes());
            calls.put(f.callId(), call);
            call.fault = admit(call, f);
            call.refused = call.fault != 0;
        } else if (f.first()) {
            calls.remove(f.callId());
            fault(f.callId(), h.contextId(), RpcStatus.NCA_S_PROTO_ERROR, true);
            return false;
        }
        if (!call.closeAfter) {
            // Verify even the fragments of a call that will be refused: the RC4 state must follow the client's.
            int status = unprotect(call, f, h);
            call.fault = call.fault == 0 || status == RpcStatus.RPC_S_SEC_PKG_ERROR ? status : call.fault;
        }
        if (call.fault == 0) {
            int end = f.stubEnd(h.stubStart());
            if (!call.stub.append(f.bytes(), h.stubStart(), end - h.stubStart())) {
                LOG.info("connection {} from {}: call {} grows past {} bytes", id, remote, call.callId, settings.maxStubBytes());
                call.fault = RpcStatus.NCA_S_FAULT_REMOTE_NO_MEMORY;
            }
        }
        if (!f.last()) {
            return true;
        }
        calls.remove(f.callId());
        if (call.fault != 0) {
            fault(call, call.fault, true);
            return !call.closeAfter;
        }
        return dispatch(call);
    }

    /**
     * Decides, on the first fragment, which security context protects the call and whether its level is enough.
     *
     * @return 0, or the fault status to answer with
     */
    private int admit(InboundCall call, Fragment f) {
        SecTrailer trailer = f.trailer();
        if (trailer != null) {
            Security s = securities.get(trailer.contextId());
            if (s == null || !s.established() || trailer.authLevel() != s.level.wire()) {
                // without the agreed protection this end cannot follow the client's RC4 state: close after the fault
                call.closeAfter = s != null && s.established();
                LOG.info("connection {} from {}: call {} refused: {}", id, remote, Integer.toUnsignedString(call.callId),
                        s == null ? "unknown auth_context_id " + trailer.contextId()
                        : s.failed ? "its security context did not authenticate"
                        : !s.established() ? "its security context is not complete" : "auth_level differs from the bind");
                return RpcStatus.NCA_S_FAULT_ACCESS_DENIED;
            }
            call.security = s;
            call.level = s.level;
        } else {
            // No verifier: a CONNECT-level context (its requests carry none) or no authentication at all.
            for (Security s : securities.values()) {
                if (s.established() && !s.level.protectsPackets()) {
                    call.security = s;
                    call.level = s.level;
                    break;
                }
            }
        }
        if (call.level.wire() < settings.minimumLevel().wire()) {
            LOG.info("connection {} from {}: call {} refused: {} is below the minimum {}", id, remote,
                    Integer.toUnsignedString(call.callId), call.level, settings.minimumLevel());
            return RpcStatus.NCA_S_FAULT_ACCESS_DENIED;
        }
        return 0;
    }

    /** @return 0, or the fault status when the fragment is not protected as the call's first fragment was */
    private int unprotect(InboundCall call, Fragment f, CallHeader h) {
        SecTrailer trailer = f.trailer();
        boolean packets = call.security != null && call.level.protectsPackets();
        if (!packets) {
            return trailer == null || call.security != null ? 0 : RpcStatus.NCA_S_FAULT_ACCESS_DENIED;
        }
        if (trailer == null || trailer.contextId() != call.security.contextId) {
            return RpcStatus.NCA_S_FAULT_ACCESS_DENIED;
        }
        try {
            call.security.packets.unprotect(f, h.stubStart());
            return 0;
        } catch (RpcIntegrityException e) {
            // The receive RC4 state no longer matches the client's: answer, then drop the connection.
            LOG.info("connection {} from {}: call {} does not verify: {}", id, remote, Integer.toUnsignedString(call.callId), e.getMessage());
            call.closeAfter = true;
            return RpcStatus.RPC_S_SEC_PKG_ERROR;
        }
    }

    /** @return whether to go on reading: false when the handler asked to drop the connection */
    private boolean dispatch(InboundCall call) throws IOException {
        Presentation p = presentations.get(call.contextId);
        if (p == null) {
            return fault(call, RpcStatus.NCA_S_UNK_IF, true);
        }
        RpcCall rpcCall = new RpcCall(id, remote, call.callId, call.contextId, p.iface(), call.opnum, Optional.ofNullable(call.object),
                call.stub.toByteArray(), call.level, Optional.ofNullable(call.security).map(s -> s.principal));
        byte[] out;
        try {
            out = p.handler().handle(rpcCall);
        } catch (RpcFaultException e) {
            return fault(call, e.status(), false);
        } catch (RpcConnectionDropException e) {
            LOG.debug("connection {} from {}: dropped by the handler of {}: {}", id, remote, rpcCall, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("connection {} from {}: the handler of {} failed", id, remote, rpcCall, e);
            return fault(call, RpcStatus.NCA_S_FAULT_UNSPEC, false);
        }
        PacketSecurity packets = call.level.protectsPackets() ? call.security.packets : null;
        Calls.send(this::send, call.callId, call.contextId, -1, null, out == null ? new byte[0] : out, transmitFragment, packets);
        return true;
    }

    /**
     * Answers a call with a fault, signed (sealed at privacy) when the call came on an established context at packet
     * integrity or privacy and verified: the client then holds the keys and refuses unsigned faults (issue 19; Samba
     * protects its faults the same way). Refusals before that (no context, a failed one, a fragment that did not
     * verify) go unsigned: this end has no key state the client shares.
     *
     * @return true
     */
    private boolean fault(InboundCall call, int status, boolean didNotExecute) throws IOException {
        PacketSecurity packets = call.security != null && call.security.established() && call.level.protectsPackets() && !call.closeAfter
                && !call.refused ? call.security.packets : null;
        if (packets == null) {
            return fault(call.callId, call.contextId, status, didNotExecute);
        }
        int flags = Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG | (didNotExecute ? Pdu.PFC_DID_NOT_EXECUTE : 0);
        Pdu.Built b = Pdu.build(Pdu.FAULT, flags, call.callId, CallHeader.fault(call.contextId, status), new byte[0], 0, 0, packets.auth());
        packets.protect(b);
        send(b.bytes());
        return true;
    }

    /** Sends an unsigned fault (C706 12.6.4.7), as Windows sends access-denied refusals. @return true */
    private boolean fault(int callId, int contextId, int status, boolean didNotExecute) throws IOException {
        int flags = Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG | (didNotExecute ? Pdu.PFC_DID_NOT_EXECUTE : 0);
        send(Pdu.build(Pdu.FAULT, flags, callId, CallHeader.fault(contextId, status), new byte[0], 0, 0, null).bytes());
        return true;
    }

    private void send(byte[] fragment) throws IOException {
        channel.write(fragment, System.nanoTime() + settings.idleTimeout().toNanos());
    }
}
