package io.github.cm4j.wmi.rpc;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A client connection of connection-oriented DCE/RPC over TCP (ncacn_ip_tcp) with NTLMv2 at packet integrity or
 * privacy: {@link #bind} an interface, then {@link #call} its operations with opaque NDR stub data.
 *
 * <p>The first {@code bind} authenticates in three legs (MS-RPCE 3.3.1.5.2, MS-NLMP 3.1): bind carrying the
 * NEGOTIATE_MESSAGE, bind_ack carrying the CHALLENGE_MESSAGE, rpc_auth_3 carrying the AUTHENTICATE_MESSAGE. The
 * security context then protects every request and response fragment; later binds add interfaces on the same
 * connection with alter_context, without a new authentication (as DCOM clients do for IRemUnknown).
 * Responses must be signed (and at privacy sealed) with the negotiated keys, which proves the server knows the
 * account's secret; a fault PDU is accepted unsigned (it carries no data, and Windows sends access-denied faults
 * without a verifier), and verified when signed.
 *
 * <p>Security rule (KB5004442): only {@link AuthLevel#PKT_INTEGRITY} and {@link AuthLevel#PKT_PRIVACY} (the
 * default) are offered; the builder refuses lower levels.
 *
 * <p>Thread safety: one call at a time per connection. Concurrent callers queue on the connection and give up
 * with a {@link CallTimeoutException} when their own timeout passes while waiting. A call whose deadline passes
 * mid-way closes the connection (the request/response stream and the RC4 states can no longer be trusted), as does
 * any I/O or protocol failure. The connection uses no threads of its own; {@link #close()} is idempotent.
 */
public final class RpcClientConnection implements AutoCloseable {
    /** The auth_context_id of the connection's one security context. */
    private static final int AUTH_CONTEXT_ID = 0;
    private static final byte[] NO_STUB = new byte[0];

    private final PduChannel channel;
    private final String host;
    private final int port;
    private final Function<AuthLevel, RpcSecurityContext> securityFactory;
    private final String account;
    private final AuthLevel level;
    private final int maxFragment;
    private final int maxStubBytes;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<Integer, SyntaxId> contexts = new HashMap<>();
    private int nextCallId = 1;
    private int nextContextId;
    private int transmitFragment;
    private int assocGroupId;
    private PacketSecurity security;
    /** Set after rpc_auth_3 until the first call is answered: a refusal then is the logon's (MS-RPCE 2.2.2.10). */
    private boolean logonUnconfirmed;

    private RpcClientConnection(PduChannel channel, Builder b) {
        this.channel = channel;
        this.host = b.host;
        this.port = b.port;
        this.securityFactory = b.securityFactory;
        this.account = b.account;
        this.level = b.level;
        this.maxFragment = b.maxFragment;
        this.maxStubBytes = b.maxStubBytes;
    }

    /**
     * @param host the server's name or address
     * @param port its TCP port (an RPC endpoint: 135 for the DCOM resolver, or a dynamic port)
     * @return a builder
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Settings of a connection; {@link #connect()} opens it. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Function<AuthLevel, RpcSecurityContext> securityFactory;
        private String account;
        private AuthLevel level = AuthLevel.PKT_PRIVACY;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private int maxFragment = 5840;
        private int maxStubBytes = 64 << 20;

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 0xFFFF) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
        }

        /** @return this, authenticating with these credentials (password or NT hash) */
        public Builder credentials(Credentials credentials) {
            return ntlm(NtlmClient.of(credentials));
        }

        /** @return this, authenticating with this NTLM client (for a workstation name, SPN, clock or random source) */
        public Builder ntlm(NtlmClient client) {
            Objects.requireNonNull(client, "client");
            return security(level -> NtlmSecurityContext.client(client), client.account());
        }

        /**
         * Authenticates with another mechanism (Kerberos, SPNEGO): each connection's first bind takes a new context.
         * The factory is given the connection's authentication level, since a mechanism may have to ask for
         * confidentiality only at privacy (Kerberos: GSS_C_CONF_FLAG, RFC 4121 4.1.1.1; Samba sizes the signature of
         * every PDU by the flags the client asked for).
         *
         * @param factory makes the client end of a new security context for the given level
         * @param account the account, as messages name it
         * @return this
         */
        public Builder security(Function<AuthLevel, RpcSecurityContext> factory, String account) {
            this.securityFactory = Objects.requireNonNull(factory, "factory");
            this.account = Objects.requireNonNull(account, "account");
            return this;
        }

        /**
         * @param authLevel {@link AuthLevel#PKT_PRIVACY} (default) or {@link AuthLevel#PKT_INTEGRITY}
         * @return this
         * @throws IllegalArgumentException for any other level: Windows refuses DCOM below packet integrity
         *     (KB5004442) and cm4j never offers it
         */
        public Builder authLevel(AuthLevel authLevel) {
            if (!Objects.requireNonNull(authLevel, "authLevel").protectsPackets()) {
                throw new IllegalArgumentException("cm4j offers only PKT_INTEGRITY or PKT_PRIVACY, not " + authLevel
                        + " (DCOM hardening KB5004442 refuses anything lower)");
            }
            this.level = authLevel;
            return this;
        }

        /**
         * Tests only: any level, CONNECT included, so that a test can show a server refusing what the DCOM hardening
         * rule forbids. Package-private on purpose: no caller outside this package can lower the level. Below packet
         * integrity the requests still carry the bind's security context, and responses are not verified (a refusal is
         * an unauthenticated fault, which is all such a test reads).
         */
        Builder authLevelForTestsOnly(AuthLevel authLevel) {
            this.level = Objects.requireNonNull(authLevel, "authLevel");
            return this;
        }

        /** @return this, with the deadline for the TCP connect (default 30 s) */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /**
         * @param bytes the largest fragment this end sends and receives (1432..65535, default 5840 as Windows); the
         *     server may lower what it receives
         * @return this
         */
        public Builder maxFragment(int bytes) {
            this.maxFragment = Pdu.checkFragmentSize(bytes);
            return this;
        }

        /** @return this, with the largest response stub accepted (default 64 MiB); larger responses close the connection */
        public Builder maxStubBytes(int bytes) {
            this.maxStubBytes = Pdu.checkStubBound(bytes);
            return this;
        }

        /**
         * Opens the TCP connection (no bind yet).
         *
         * @return the connection
         * @throws CallTimeoutException when the connect timeout passes
         * @throws ConnectionException when the connection cannot be made
         */
        public RpcClientConnection connect() {
            if (securityFactory == null) {
                throw new IllegalStateException("credentials are required: cm4j's RPC client always authenticates");
            }
            long deadline = System.nanoTime() + connectTimeout.toNanos();
            try {
                InetSocketAddress address = new InetSocketAddress(host, port);
                if (address.isUnresolved()) {
                    throw new java.net.UnknownHostException(host);
                }
                return new RpcClientConnection(PduChannel.connect(address, deadline), this);
            } catch (SocketTimeoutException e) {
                throw new CallTimeoutException("connect to " + host + ":" + port, connectTimeout, host, e);
            } catch (IOException e) {
                throw new ConnectionException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), host, e);
            }
        }
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + d);
        }
        return d;
    }

    /**
     * Binds an interface with the NDR 2.0 transfer syntax: the first time with authentication (bind / bind_ack /
     * rpc_auth_3), later with alter_context on the established security context.
     *
     * @param iface the interface UUID and version
     * @param timeout the deadline of the exchange
     * @return the presentation context id to {@link #call} with
     * @throws RpcBindException when the server refuses the bind or the interface
     * @throws AuthenticationException when the server does not offer NTLMv2 as cm4j requires
     * @throws CallTimeoutException when the deadline passes
     * @throws ConnectionException when the connection fails (it is then closed)
     */
    public int bind(SyntaxId iface, Duration timeout) {
        Objects.requireNonNull(iface, "iface");
        long deadline = deadline(timeout);
        String what = "bind " + iface;
        lock(deadline, what, timeout);
        try {
            ensureOpen();
            int contextId = nextContextId;
            int callId = nextCallId++;
            BindPdu bind = new BindPdu(maxFragment, maxFragment, assocGroupId,
                    List.of(new BindPdu.ContextElement(contextId, iface, List.of(SyntaxId.NDR20))));
            if (security == null) {
                authenticatedBind(bind, callId, deadline, iface);
            } else {
                write(Pdu.build(Pdu.ALTER_CONTEXT, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, callId, bind.encode(), NO_STUB, 0, 0, null).bytes(),
                        deadline);
                Fragment reply = read(deadline, callId);
                if (reply.type() == Pdu.FAULT) {
                    throw new RpcFaultException(CallHeader.decode(reply).status(), "alter_context for " + iface + " on " + endpoint());
                }
                expect(reply, Pdu.ALTER_CONTEXT_RESP);
                SecTrailer t = reply.trailer();
                if (t != null && (t.authType() != security.context().authType() || t.contextId() != AUTH_CONTEXT_ID)) {
                    // this alter_context carried no auth; an answer naming another security context is not ours
                    throw new RpcIntegrityException("the alter_context_resp names auth_type " + t.authType() + ", auth_context_id "
                            + Integer.toUnsignedString(t.contextId()) + ", not the connection's security context", null);
                }
                accepted(BindAckPdu.decode(reply), iface);
            }
            nextContextId++;
            contexts.put(contextId, iface);
            return contextId;
        } catch (SocketTimeoutException e) {
            close();
            throw new CallTimeoutException(what + " on " + endpoint(), timeout, host, e);
        } catch (IOException e) {
            close();
            throw new ConnectionException(what + " failed on " + endpoint() + ": " + e.getMessage(), host, e);
        } catch (RpcFormatException e) {
            close();
            throw new ConnectionException(what + " failed on " + endpoint() + ": malformed reply", host, e);
        } catch (RpcIntegrityException e) {
            close();
            throw new AuthenticationException(what + " on " + endpoint() + ": the reply does not verify: " + e.getMessage(), host, e);
        } finally {
            lock.unlock();
        }
    }

    private void authenticatedBind(BindPdu bind, int callId, long deadline, SyntaxId iface) throws IOException {
        RpcSecurityContext context = securityFactory.apply(level);
        String mechanism = mechanismName(context.authType());
        try {
            byte[] first = context.step(null);
            write(Pdu.build(Pdu.BIND, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, callId, bind.encode(), NO_STUB, 0, 0,
                    new Pdu.Auth(context.authType(), level, AUTH_CONTEXT_ID, first, 4)).bytes(), deadline);
            Fragment reply = read(deadline, callId);
            if (reply.type() == Pdu.BIND_NAK) {
                BindNakPdu nak = BindNakPdu.decode(reply);
                if (nak.reason() == BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED || nak.reason() == BindNakPdu.INVALID_CHECKSUM) {
                    throw new AuthenticationException(mechanism + " authentication of " + account + " refused by "
                            + endpoint() + " in the bind: bind_nak " + nak.reasonName(), host, null);
                }
                throw new RpcBindException("bind of " + iface + " refused by " + endpoint() + ": bind_nak " + nak.reasonName(), host);
            }
            expect(reply, Pdu.BIND_ACK);
            BindAckPdu ack = BindAckPdu.decode(reply);
            accepted(ack, iface);
            if (ack.maxRecvFrag() < Pdu.MIN_FRAGMENT) {
                throw new RpcFormatException("bind_ack/max_recv_frag", Pdu.HEADER + 2, "the server receives only " + ack.maxRecvFrag()
                        + " bytes per fragment; every implementation must receive " + Pdu.MIN_FRAGMENT);
            }
            transmitFragment = Math.min(maxFragment, ack.maxRecvFrag());
            assocGroupId = ack.assocGroupId();
            SecTrailer trailer = reply.trailer();
            if (trailer == null || trailer.authType() != context.authType() || trailer.contextId() != AUTH_CONTEXT_ID) {
                throw new AuthenticationException("the bind_ack of " + endpoint() + " carries no " + mechanism + " token", host, null);
            }
            byte[] third = context.step(reply.authValue());
            if (level == AuthLevel.PKT_PRIVACY && !context.canSeal()) {
                throw new AuthenticationException("the server at " + endpoint() + " does not negotiate " + mechanism
                        + " sealing, needed for " + AuthLevel.PKT_PRIVACY, host, null);
            }
            if (third != null && context.thirdLegInAlterContext()) {
                // SPNEGO as Windows and impacket send it: the third leg in an alter_context re-proposing the bound
                // context, answered by alter_context_resp (MS-RPCE 3.3.1.5.2; MS-SPNG 3.2.5.2).
                int alterCallId = nextCallId++;
                write(Pdu.build(Pdu.ALTER_CONTEXT, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, alterCallId, bind.encode(), NO_STUB, 0, 0,
                        new Pdu.Auth(context.authType(), level, AUTH_CONTEXT_ID, third, 4)).bytes(), deadline);
                Fragment r = read(deadline, alterCallId);
                if (r.type() == Pdu.FAULT) {
                    throw new AuthenticationException(mechanism + " authentication of " + account + " refused by " + endpoint()
                            + ": " + RpcStatus.nameOf(CallHeader.decode(r).status()) + " on the third leg", host, null);
                }
                expect(r, Pdu.ALTER_CONTEXT_RESP);
                SecTrailer rt = r.trailer();
                if (rt != null && (rt.authType() != context.authType() || rt.contextId() != AUTH_CONTEXT_ID)) {
                    throw new AuthenticationException("the alter_context_resp of " + endpoint() + " names auth_type " + rt.authType()
                            + ", auth_context_id " + Integer.toUnsignedString(rt.contextId()) + ", not the " + mechanism
                            + " context being built", host, null);
                }
                if (!context.isEstablished()) {
                    // the acceptor's last token (SPNEGO accept-completed with its mechListMIC), checked by the context
                    context.step(rt != null && r.authLength() > 0 ? r.authValue() : null);
                }
            } else if (third != null) {
                // rpc_auth_3 (MS-RPCE 2.2.2.10): 4 pad octets, then the sec_trailer; same call_id as the bind; no reply
                write(Pdu.build(Pdu.AUTH3, Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG, callId, new byte[4], NO_STUB, 0, 0,
                        new Pdu.Auth(context.authType(), level, AUTH_CONTEXT_ID, third, 4)).bytes(), deadline);
                logonUnconfirmed = true;
            }
            if (!context.isEstablished()) {
                throw new AuthenticationException(mechanism + " authentication of " + account + " with " + endpoint()
                        + " did not complete", host, null);
            }
            security = new PacketSecurity(level, AUTH_CONTEXT_ID, context);
        } catch (RpcAuthException e) {
            close();
            throw new AuthenticationException(mechanism + " authentication of " + account + " with " + endpoint() + " failed: "
                    + e.getMessage(), host, e);
        } catch (RpcBindException | AuthenticationException e) {
            close();
            throw e;
        }
    }

    /** @return the mechanism's name in messages */
    static String mechanismName(int authType) {
        switch (authType) {
            case Pdu.AUTHN_WINNT:
                return "NTLM";
            case Pdu.AUTHN_GSS_KERBEROS:
                return "Kerberos";
            case Pdu.AUTHN_GSS_NEGOTIATE:
                return "Negotiate (Kerberos)";
            default:
                return "auth_type " + authType;
        }
    }

    private void accepted(BindAckPdu ack, SyntaxId iface) {
        if (ack.results().size() != 1) {
            throw new RpcFormatException(Pdu.typeName(Pdu.BIND_ACK) + "/p_result_list", Pdu.HEADER, ack.results().size()
                    + " results for 1 proposed context");
        }
        BindAckPdu.ContextResult r = ack.results().get(0);
        if (r.result() != Pdu.ACCEPTANCE || !r.transferSyntax().equals(SyntaxId.NDR20)) {
            String reason = r.reason() == Pdu.ABSTRACT_SYNTAX_NOT_SUPPORTED ? "abstract_syntax_not_supported (the interface is not served here)"
                    : r.reason() == Pdu.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED ? "proposed_transfer_syntaxes_not_supported"
                    : "result " + r.result() + ", reason " + r.reason();
            throw new RpcBindException("interface " + iface + " rejected by " + endpoint() + ": " + reason, host);
        }
    }

    /**
     * Calls an operation: sends the request in fragments, each signed or sealed, and returns the reassembled
     * response stub.
     *
     * @param contextId a presentation context from {@link #bind}
     * @param opnum the operation number (0..65535)
     * @param object the object UUID (DCOM: the IPID, MS-DCOM 3.1.1.5.4), or {@code null}
     * @param stub the NDR request stub
     * @param timeout the deadline of the whole call
     * @return the response stub
     * @throws RpcFaultException when the server answers with a fault
     * @throws CallTimeoutException when the deadline passes (the connection is then closed)
     * @throws AuthenticationException when a response does not verify (the connection is then closed)
     * @throws ConnectionException when the connection fails or the server breaks the protocol (then closed)
     */
    public byte[] call(int contextId, int opnum, UUID object, byte[] stub, Duration timeout) {
        Objects.requireNonNull(stub, "stub");
        if (opnum < 0 || opnum > 0xFFFF) {
            throw new IllegalArgumentException("opnum " + opnum);
        }
        long deadline = deadline(timeout);
        String what = "opnum " + opnum;
        lock(deadline, what, timeout);
        try {
            ensureOpen();
            SyntaxId iface = contexts.get(contextId);
            if (iface == null) {
                throw new IllegalArgumentException("presentation context " + contextId + " was not bound on this connection");
            }
            what = "opnum " + opnum + " of " + iface + " on " + endpoint();
            int callId = nextCallId++;
            Calls.send(fragment -> write(fragment, deadline), callId, contextId, opnum, object, stub, transmitFragment, security);
            return response(callId, deadline, what);
        } catch (SocketTimeoutException e) {
            close();
            throw new CallTimeoutException(what, timeout, host, e);
        } catch (IOException e) {
            close();
            throw new ConnectionException(what + " failed: " + e.getMessage(), host, e);
        } catch (RpcFormatException e) {
            close();
            throw new ConnectionException(what + " failed: malformed response", host, e);
        } catch (RpcIntegrityException e) {
            close();
            throw new AuthenticationException(what + ": the response does not verify with the session keys: " + e.getMessage(), host, e);
        } finally {
            lock.unlock();
        }
    }

    private byte[] response(int callId, long deadline, String what) throws IOException {
        Calls.Reassembly stub = null;
        while (true) {
            Fragment f = read(deadline, callId);
            if (f.type() == Pdu.FAULT) {
                CallHeader h = CallHeader.decode(f);
                if (f.authenticated()) {
                    // a fault carrying a verifier must verify like any response (MS-RPCE 3.3.1.5.2.2)
                    if (security == null) {
                        throw new RpcIntegrityException("a fault carries a verifier on a connection without authentication", null);
                    }
                    security.unprotect(f, h.stubStart());
                    logonUnconfirmed = false;
                } else if (security != null && level.protectsPackets() && !logonUnconfirmed) {
                    // Issue 19: once the logon is confirmed the server holds the keys, and signs its faults (Samba and
                    // cm4j do). An unsigned one may come from anyone on the path: an integrity failure, never an
                    // "access denied" that would blame the password.
                    throw new RpcIntegrityException("an unsigned fault (" + RpcStatus.nameOf(h.status()) + ") after authentication at "
                            + level, null);
                }
                if (logonUnconfirmed && level.protectsPackets() && (h.status() == RpcStatus.NCA_S_FAULT_ACCESS_DENIED
                        || h.status() == RpcStatus.NCA_S_PROTO_ERROR)) {
                    // The first call after rpc_auth_3 is where a refused logon shows (rpc_auth_3 has no reply):
                    // Windows answers access denied, Samba nca_s_proto_error (issue 17).
                    logonUnconfirmed = false;
                    close();
                    throw new AuthenticationException(mechanismName(security.context().authType()) + " logon of " + account
                            + " refused by " + endpoint() + ": access denied (" + RpcStatus.nameOf(h.status()) + " on the first call"
                            + " after rpc_auth_3): wrong password or hash, or the server refuses NTLM (then give Kerberos"
                            + " credentials: kinit, or --keytab FILE --principal P)"
                            + (level == AuthLevel.PKT_PRIVACY ? "" : ", or it requires " + AuthLevel.PKT_PRIVACY), host, null);
                }
                throw new RpcFaultException(h.status(), what);
            }
            expect(f, Pdu.RESPONSE);
            CallHeader h = CallHeader.decode(f);
            security.unprotect(f, h.stubStart());
            logonUnconfirmed = false;
            if (stub == null) {
                if (!f.first()) {
                    throw new RpcFormatException("response/pfc_flags", 3, "the first response fragment lacks PFC_FIRST_FRAG");
                }
                stub = new Calls.Reassembly(h.allocHint(), maxStubBytes);
            }
            int end = f.stubEnd(h.stubStart());
            if (!stub.append(f.bytes(), h.stubStart(), end - h.stubStart())) {
                throw new RpcFormatException("response", 0, "the response stub grows past " + maxStubBytes + " bytes");
            }
            if (f.last()) {
                return stub.toByteArray();
            }
        }
    }

    private Fragment read(long deadline, int callId) throws IOException {
        Fragment f = channel.read(deadline, maxFragment);
        if (f.type() == Pdu.SHUTDOWN) {
            throw new IOException("the server shut the connection down");
        }
        if (f.callId() != callId) {
            throw new RpcFormatException(Pdu.typeName(f.type()) + "/call_id", 12, "call_id " + Integer.toUnsignedString(f.callId())
                    + " while waiting for " + Integer.toUnsignedString(callId));
        }
        return f;
    }

    private void expect(Fragment f, int type) {
        if (f.type() != type) {
            throw new RpcFormatException("common header/PTYPE", 2, Pdu.typeName(f.type()) + " where " + Pdu.typeName(type) + " was expected");
        }
    }

    private void write(byte[] fragment, long deadline) throws IOException {
        channel.write(fragment, deadline);
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + positive(Objects.requireNonNull(timeout, "timeout")).toNanos();
    }

    private void lock(long deadline, String what, Duration timeout) {
        try {
            if (!lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new CallTimeoutException(what + " on " + endpoint() + " (waiting for the connection, busy with another call)",
                        timeout, host, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigMgrException("interrupted while waiting for the connection to " + endpoint(), e);
        }
    }

    private void ensureOpen() {
        if (channel.isClosed()) {
            throw new ConnectionException("the connection to " + endpoint() + " is closed", host, null);
        }
    }

    private String endpoint() {
        return host + ":" + port;
    }

    /** @return whether the connection is open */
    public boolean isOpen() {
        return !channel.isClosed();
    }

    /** @return the authentication level of the connection */
    public AuthLevel authLevel() {
        return level;
    }

    /** @return the association group the server assigned at bind time (0 before the first bind) */
    public int assocGroupId() {
        lock.lock();
        try {
            return assocGroupId;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the socket. Idempotent; safe from any thread (a call in progress fails with a ConnectionException). */
    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "RpcClientConnection[" + endpoint() + ", " + account + ", " + level + (isOpen() ? "" : ", closed") + "]";
    }
}
