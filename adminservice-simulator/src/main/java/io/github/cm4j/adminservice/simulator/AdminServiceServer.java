package io.github.cm4j.adminservice.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.MappingException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.adminservice.internal.ODataException;
import io.github.cm4j.adminservice.internal.ODataFilter;
import io.github.cm4j.adminservice.internal.ODataJson;
import io.github.cm4j.adminservice.internal.ODataUrls;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.wmi.ntlm.ChannelBindings;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import io.github.cm4j.wql.ClassRef;
import io.github.cm4j.wql.Expression;
import io.github.cm4j.wql.OrderItem;
import io.github.cm4j.wql.PropertyRef;
import io.github.cm4j.wql.SelectItem;
import io.github.cm4j.wql.SelectQuery;
import io.github.cm4j.wql.SortDirection;
import io.github.cm4j.wql.Wildcard;
import io.github.cm4j.wql.WqlPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivilegedExceptionAction;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;

/**
 * A loopback ConfigMgr administration service over any {@link WmiTransport} (the simulator's): HTTPS with a
 * certificate made at start, routes {@code /AdminService/wmi/...} answered with JSON shaped like the real responses
 * (shared/reference/adminservice), SPNEGO accepted through JGSS with a keytab ({@code HTTP/<host>}), NTLM refused
 * as ConfigMgr 2509 does ({@code AdminService.log}: "Rejecting NTLM authentication") unless
 * {@link Builder#allowNtlm allowed} as sites before 2509 accept it.
 *
 * <p>NTLM ({@link Builder#allowNtlm}): {@code WWW-Authenticate: NTLM} or {@code Negotiate} carrying raw NTLM
 * (RFC 4559 section 4), verified by wmi-transport's {@link NtlmServer} in its HTTP profile (no signing, sealing or
 * key exchange demanded: nothing is signed after an HTTP handshake, and curl negotiates none of them) with the
 * channel bindings of this server's certificate (Extended Protection: a client that sends bindings must send these;
 * {@link Builder#requireNtlmChannelBindings} refuses clients that send none). The CHALLENGE is kept for the
 * connection that carried the NEGOTIATE (keyed by the client's address and port, at most {@link #MAX_NTLM_PENDING},
 * dropped after {@link #NTLM_PENDING_TIMEOUT}): an AUTHENTICATE on another connection is refused, as IIS refuses it.
 * Each request authenticates (the connection is not remembered as authenticated, as IIS with
 * {@code authPersistSingleRequest}).
 *
 * <p>Queries page by {@code @odata.nextLink} with {@code Prefer: odata.maxpagesize} (default 1000): the server keeps
 * a cursor per unfinished query, freed by the last page, by a {@code DELETE} of the next link (which it advertises
 * with the {@code Cm4j-Cursor-Release} header; the real service pages without one), or after
 * {@link Builder#cursorIdleTimeout} idle; at most {@link #MAX_CURSORS} at once. A backend
 * {@link ConnectionException} (an injected dropped enumeration) closes the client's connection without an answer.
 *
 * <p>Thread-safe; requests run on a small pool. {@link #close()} stops it.
 */
public final class AdminServiceServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdminServiceServer.class);
    /** The most query cursors held at once; more answer 503. */
    public static final int MAX_CURSORS = 1000;
    /** The largest request body read. */
    public static final int MAX_BODY = 16 * 1024 * 1024;
    /** The most NTLM handshakes waiting for their AUTHENTICATE_MESSAGE; more are refused with 503. */
    public static final int MAX_NTLM_PENDING = 1000;
    /** How long a CHALLENGE waits for its AUTHENTICATE_MESSAGE. */
    public static final Duration NTLM_PENDING_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CLASS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ROUTE = Pattern.compile(
            "(?<cls>[A-Za-z_][A-Za-z0-9_]*)(?:\\((?<key>.*)\\))?(?:(?:\\.|/AdminService\\.)(?<method>[A-Za-z_][A-Za-z0-9_]*))?");
    private static final Duration BACKEND_TIMEOUT = Duration.ofMinutes(5);
    private static final byte[] NTLM_OID = {0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};
    private static final byte[] KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] MS_KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};

    private final WmiTransport backend;
    private final String host;
    private final ODataJson json;
    private final io.github.cm4j.simulator.internal.SelfSignedCertificate certificate;
    private final HttpsServer server;
    private final ExecutorService pool;
    private final ScheduledExecutorService sweeper;
    private final Subject acceptor;
    private final boolean requireAuth;
    /** The NTLM verifier when NTLM is allowed ({@code --allow-ntlm}), else null: NTLM refused as 2509 does. */
    private final NtlmServer ntlm;
    /** NTLM handshakes by the connection (client address and port) that carried the NEGOTIATE_MESSAGE. */
    private final Map<InetSocketAddress, PendingNtlm> ntlmPending = new ConcurrentHashMap<>();
    private final AtomicLong ntlmAuthenticated = new AtomicLong();
    private final Duration cursorIdle;
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    /** Pages by the next link that got them; at most {@link #MAX_CURSORS}, the oldest dropped first. */
    private final Map<String, Replay> replays = java.util.Collections.synchronizedMap(
            new LinkedHashMap<String, Replay>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Replay> eldest) {
                    return size() > MAX_CURSORS;
                }
            });
    private final AtomicLong objectsSent = new AtomicLong();
    private final AtomicLong authenticated = new AtomicLong();
    private final String namespace;

    private AdminServiceServer(Builder b) throws IOException {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // The JDK server writes an answer's headers and body in two segments: with Nagle's algorithm the second
            // waits for the client's delayed ACK (about 40 ms on Linux) on every request. Read once per JVM, when
            // the first server starts; set it earlier to choose otherwise.
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.backend = Objects.requireNonNull(b.backend, "backend");
        this.host = b.host;
        this.json = new ODataJson(Schema.builtIn());
        this.certificate = io.github.cm4j.simulator.internal.SelfSignedCertificate.generate(host, Duration.ofDays(30));
        this.requireAuth = b.keytab != null || !b.ntlmAccounts.isEmpty();
        this.ntlm = b.ntlmAccounts.isEmpty() ? null : ntlmServer(b, host, certificate.certificate());
        if (b.keytab != null && System.getProperty("sun.security.krb5.rcache") == null) {
            // JDK 17 has two replay caches: "dfl", a file shared by every process of the user, which answers
            // concurrent accepts with false "Request is a replay" errors, and "none". A loopback test service takes
            // "none" (documented in docs/transport-adminservice.md); set the property to keep "dfl"
            System.setProperty("sun.security.krb5.rcache", "none");
        }
        this.acceptor = b.keytab == null ? null : login(b.keytab, b.principal != null ? b.principal : "HTTP/" + host);
        this.cursorIdle = b.cursorIdle;
        this.namespace = backend.defaultNamespace();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = UUID.randomUUID().toString().toCharArray();
            ks.setKeyEntry("adminservice", certificate.keyPair().getPrivate(), pw,
                    new java.security.cert.Certificate[] {certificate.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(b.bind, b.port), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e, e);
        }
        pool = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "adminservice-loopback");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/AdminService/", this::handle);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "adminservice-cursor-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, cursorIdle.toMillis() / 4);
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
        server.start();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the TCP port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the host name it serves (certificate subject, SPN {@code HTTP/host}) */
    public String host() {
        return host;
    }

    /** @return the site namespace it serves */
    public String namespace() {
        return namespace;
    }

    /** @return the certificate made at start */
    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /** @return the certificate as PEM, for {@code tls-ca=} or {@code curl --cacert} */
    public String certificatePem() {
        return certificate.pem();
    }

    /** @return the SHA-256 fingerprint of the certificate, as {@code tls-pin=} takes it ({@code sha256:hex}) */
    public String fingerprint() {
        return io.github.cm4j.internal.tls.Tls.fingerprint(certificate.certificate());
    }

    /** @return whether requests must authenticate (Kerberos, or NTLM when allowed) */
    public boolean requiresAuthentication() {
        return requireAuth;
    }

    /** @return whether NTLM is accepted ({@link Builder#allowNtlm}); else it is refused as ConfigMgr 2509 does */
    public boolean allowsNtlm() {
        return ntlm != null;
    }

    /** @return requests authenticated with NTLM so far */
    public long ntlmAuthenticatedRequests() {
        return ntlmAuthenticated.get();
    }

    /** @return query cursors held open (queries neither finished nor released) */
    public int openCursors() {
        return cursors.size();
    }

    /** @return entities taken from the backend for query pages so far */
    public long objectsSent() {
        return objectsSent.get();
    }

    /** @return requests authenticated with Kerberos so far */
    public long authenticatedRequests() {
        return authenticated.get();
    }

    /** @return the adminservice:// URI of this server with its certificate pinned */
    public String uri() {
        return "adminservice://" + host + ":" + port() + "/" + namespace.substring(namespace.lastIndexOf('_') + 1)
                + "?tls-pin=" + fingerprint() + (requireAuth ? "" : "&auth=none") + (acceptor == null && ntlm != null ? "&ntlm=on" : "");
    }

    @Override
    public void close() {
        server.stop(0);
        sweeper.shutdownNow();
        pool.shutdownNow();
        cursors.values().forEach(Cursor::release);
        cursors.clear();
        replays.clear();
    }

    @Override
    public String toString() {
        return "AdminServiceServer[https://" + host + ":" + port() + "/AdminService/, " + namespace + ", "
                + (acceptor != null ? "Kerberos" : ntlm == null ? "no authentication" : "") + (ntlm != null ? (acceptor != null
                ? " and " : "") + "NTLM" : ", NTLM refused") + ", " + fingerprint() + "]";
    }

    // ---------------------------------------------------------------------------------------------- Kerberos

    private static Subject login(Path keytab, String principal) {
        Configuration conf = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                Map<String, String> o = new HashMap<>();
                o.put("useKeyTab", "true");
                o.put("keyTab", keytab.toString());
                o.put("principal", principal);
                o.put("storeKey", "true");
                o.put("isInitiator", "false");
                o.put("doNotPrompt", "true");
                o.put("refreshKrb5Config", "true");
                return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, o)};
            }
        };
        try {
            LoginContext lc = new LoginContext("cm4j-adminservice-acceptor", new Subject(), cb -> {
                throw new javax.security.auth.callback.UnsupportedCallbackException(cb[0], "keytab only");
            }, conf);
            lc.login();
            return lc.getSubject();
        } catch (LoginException e) {
            throw new IllegalStateException("cannot log in as " + principal + " with the keytab " + keytab + ": "
                    + e.getMessage(), e);
        }
    }

    /** The outcome of the Authorization header: null when accepted (the answer token set), else the 401 sent. */
    private boolean authenticate(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!requireAuth && (auth == null || !isNtlmHeader(auth))) {
            return true; // no authentication asked; an NTLM attempt is refused all the same, as 2509 refuses it
        }
        if (auth == null || auth.isBlank()) {
            unauthorized(ex, "authentication required: " + offered());
            return false;
        }
        String[] parts = auth.trim().split("\\s+", 2);
        String scheme = parts[0];
        byte[] token;
        try {
            token = parts.length > 1 ? Base64.getDecoder().decode(parts[1]) : new byte[0];
        } catch (IllegalArgumentException e) {
            unauthorized(ex, "the Authorization token is not base64");
            return false;
        }
        if (scheme.equalsIgnoreCase("NTLM") || scheme.equalsIgnoreCase("Negotiate") && isNtlm(token)) {
            if (ntlm == null) {
                // ConfigMgr 2509: "Rejecting NTLM authentication" (AdminService.log)
                unauthorized(ex, "Rejecting NTLM authentication: this AdminService refuses NTLM (ConfigMgr 2509 and later): "
                        + "use Kerberos");
                return false;
            }
            return ntlm(ex, scheme, token);
        }
        if (!scheme.equalsIgnoreCase("Negotiate") && !scheme.equalsIgnoreCase("Kerberos") || acceptor == null) {
            unauthorized(ex, "the " + scheme + " scheme is not accepted: " + offered() + " only");
            return false;
        }
        try {
            byte[] answer = accept(token);
            authenticated.incrementAndGet();
            if (answer != null && answer.length > 0) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Negotiate " + Base64.getEncoder().encodeToString(answer));
            }
            return true;
        } catch (GSSException e) {
            unauthorized(ex, "Kerberos authentication failed: " + e.getMessage());
            return false;
        }
    }

    @SuppressWarnings("removal")
    private byte[] accept(byte[] token) throws GSSException {
        try {
            return Subject.doAs(acceptor, (PrivilegedExceptionAction<byte[]>) () -> {
                GSSManager m = GSSManager.getInstance();
                GSSContext ctx = m.createContext(acceptorCredential());
                try {
                    byte[] out = ctx.acceptSecContext(token, 0, token.length);
                    if (!ctx.isEstablished()) {
                        throw new GSSException(GSSException.DEFECTIVE_TOKEN, 0, "the context needs more than one round trip");
                    }
                    return out;
                } finally {
                    ctx.dispose();
                }
            });
        } catch (java.security.PrivilegedActionException e) {
            if (e.getException() instanceof GSSException g) {
                throw g;
            }
            throw new GSSException(GSSException.FAILURE, 0, String.valueOf(e.getException()));
        }
    }

    private volatile GSSCredential acceptorCredential;

    /** One acceptor credential for the server's life (and with it one replay cache, RFC 4120 section 3.2.3). */
    @SuppressWarnings("removal")
    private GSSCredential acceptorCredential() throws GSSException {
        GSSCredential c = acceptorCredential;
        if (c == null) {
            synchronized (this) {
                if (acceptorCredential == null) {
                    try {
                        acceptorCredential = Subject.doAs(acceptor, (PrivilegedExceptionAction<GSSCredential>) () ->
                                GSSManager.getInstance().createCredential(null, GSSCredential.INDEFINITE_LIFETIME,
                                        new Oid[] {new Oid("1.3.6.1.5.5.2"), new Oid("1.2.840.113554.1.2.2")},
                                        GSSCredential.ACCEPT_ONLY));
                    } catch (java.security.PrivilegedActionException e) {
                        throw e.getException() instanceof GSSException g ? g
                                : new GSSException(GSSException.FAILURE, 0, String.valueOf(e.getException()));
                    }
                }
                c = acceptorCredential;
            }
        }
        return c;
    }

    /** An NTLM token, bare or as SPNEGO's first mechanism without Kerberos (MS-NLMP 2.2.1; RFC 4178 section 4.2.1). */
    static boolean isNtlm(byte[] token) {
        if (token.length >= 7 && new String(token, 0, 7, StandardCharsets.US_ASCII).equals("NTLMSSP")) {
            return true;
        }
        int ntlm = indexOf(token, NTLM_OID);
        if (ntlm < 0) {
            return false;
        }
        int krb = indexOf(token, KRB5_OID);
        int mskrb = indexOf(token, MS_KRB5_OID);
        int firstKrb = krb < 0 ? mskrb : mskrb < 0 ? krb : Math.min(krb, mskrb);
        return firstKrb < 0 || ntlm < firstKrb || indexOf(token, "NTLMSSP".getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void unauthorized(HttpExchange ex, String message) throws IOException {
        if (acceptor != null || ntlm == null) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
        }
        if (ntlm != null) {
            ex.getResponseHeaders().add("WWW-Authenticate", "NTLM");
        }
        drainRequest(ex);
        sendError(ex, 401, null, message);
    }

    private String offered() {
        return acceptor != null && ntlm != null ? "Negotiate (Kerberos) or NTLM" : ntlm != null ? "NTLM" : "Negotiate (Kerberos)";
    }

    /** Reads the request body away (bounded) so that the connection can carry the next leg of a handshake. */
    private static void drainRequest(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            byte[] sink = new byte[8192];
            long left = MAX_BODY;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the connection is closed after this answer then
        }
    }

    private static boolean isNtlmHeader(String auth) {
        String[] parts = auth.trim().split("\\s+", 2);
        if (parts[0].equalsIgnoreCase("NTLM")) {
            return true;
        }
        if (!parts[0].equalsIgnoreCase("Negotiate") || parts.length < 2) {
            return false;
        }
        try {
            return isNtlm(Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // -------------------------------------------------------------------------------------------------- NTLM

    /** A CHALLENGE sent on a connection, waiting for the AUTHENTICATE_MESSAGE on the same one. */
    private record PendingNtlm(NtlmServer.Context context, long started) {
    }

    private static NtlmServer ntlmServer(Builder b, String host, X509Certificate certificate) {
        String label = host.split("\\.", 2)[0].toUpperCase(Locale.ROOT);
        String computer = label.isEmpty() || label.matches("[0-9]+") || label.contains(":") ? "CM4J"
                : label.substring(0, Math.min(15, label.length()));
        String domain = b.ntlmAccounts.stream().map(io.github.cm4j.Credentials::domain).filter(d -> !d.isEmpty())
                .findFirst().orElse("CM4J").toUpperCase(Locale.ROOT);
        NtlmServer.Builder nb = NtlmServer.builder().computerName(computer).domainName(domain)
                .dnsComputerName(host.toLowerCase(Locale.ROOT)).accounts(b.ntlmAccounts).sessionSecurityRequired(false);
        java.util.Optional<byte[]> bindings = ChannelBindings.tlsServerEndPoint(certificate);
        bindings.ifPresent(cb -> nb.channelBindings(cb, b.ntlmBindingsRequired));
        return nb.build();
    }

    /**
     * One leg of an NTLM handshake (MS-NLMP 3.2.5.1 over HTTP): a NEGOTIATE_MESSAGE gets a 401 with the CHALLENGE,
     * kept for this connection; an AUTHENTICATE_MESSAGE on the same connection is verified.
     *
     * @return whether the request is authenticated
     */
    private boolean ntlm(HttpExchange ex, String scheme, byte[] token) throws IOException {
        if (token.length < 12 || !new String(token, 0, 7, StandardCharsets.US_ASCII).equals("NTLMSSP")) {
            unauthorized(ex, "NTLM inside SPNEGO is not accepted here: send raw NTLM (WWW-Authenticate: NTLM, or "
                    + "Negotiate with the NTLM message itself, RFC 4559 section 4)");
            return false;
        }
        InetSocketAddress connection = ex.getRemoteAddress();
        int type = (token[8] & 0xFF) | (token[9] & 0xFF) << 8 | (token[10] & 0xFF) << 16 | (token[11] & 0xFF) << 24;
        try {
            if (type == 1) {
                if (ntlmPending.size() >= MAX_NTLM_PENDING && !ntlmPending.containsKey(connection)) {
                    drainRequest(ex);
                    sendError(ex, 503, WbemStatus.WBEM_E_SERVER_TOO_BUSY, "too many NTLM handshakes in progress");
                    return false;
                }
                NtlmServer.Context context = ntlm.newContext();
                byte[] challenge = context.challenge(token);
                ntlmPending.put(connection, new PendingNtlm(context, System.nanoTime()));
                ex.getResponseHeaders().add("WWW-Authenticate", (scheme.equalsIgnoreCase("NTLM") ? "NTLM " : "Negotiate ")
                        + Base64.getEncoder().encodeToString(challenge));
                drainRequest(ex);
                sendError(ex, 401, null, "NTLM: answer the CHALLENGE on this connection");
                return false;
            }
            if (type == 3) {
                PendingNtlm pending = ntlmPending.remove(connection);
                if (pending == null || pending.started < System.nanoTime() - NTLM_PENDING_TIMEOUT.toNanos()) {
                    unauthorized(ex, "NTLM: an AUTHENTICATE_MESSAGE without a CHALLENGE on this connection (NTLM "
                            + "authenticates one connection: both legs must travel on it)");
                    return false;
                }
                io.github.cm4j.wmi.ntlm.NtlmSession session = pending.context.authenticate(token);
                ntlmAuthenticated.incrementAndGet();
                LOG.debug("NTLM logon of {} from {}", session.principal(), connection);
                return true;
            }
            unauthorized(ex, "NTLM: message type " + type + " is not a NEGOTIATE or AUTHENTICATE message");
            return false;
        } catch (io.github.cm4j.wmi.ntlm.NtlmAuthenticationException e) {
            // the reason goes to the log only, as Windows answers a failed logon with a bare 401
            LOG.info("NTLM logon refused from {}: {}", connection, e.getMessage());
            unauthorized(ex, "NTLM authentication failed: the logon was refused");
            return false;
        } catch (io.github.cm4j.wmi.ntlm.NtlmFormatException e) {
            ntlmPending.remove(connection);
            unauthorized(ex, "NTLM: a malformed message (" + e.getMessage() + ")");
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ routing

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (!authenticate(ex)) {
                ex.close();
                return;
            }
            route(ex);
        } catch (ODataException e) {
            sendError(ex, e.httpStatus(), e.status(), e.getMessage());
        } catch (WmiException e) {
            WbemStatus s = e.status().orElse(WbemStatus.WBEM_E_FAILED);
            sendError(ex, httpStatus(s), s, e.getMessage());
        } catch (MappingException | IllegalArgumentException e) {
            sendError(ex, 400, WbemStatus.WBEM_E_INVALID_PARAMETER, e.getMessage());
        } catch (ConnectionException e) {
            // the backend's connection broke (an injected dropped enumeration): break the client's as well, in the
            // middle of the answer's body, as a connection lost while reading does (not closing the exchange, which
            // would end the chunked body cleanly; the server drops the connection on the exception)
            ex.getResponseHeaders().set("Content-Type", "application/json; odata.metadata=minimal; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("{\"value\":[".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            throw new IOException("dropping the connection: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // a fault of ours or of the backend: an answer that says so, rather than a dropped connection (which
            // an HTTP client may take for a stale connection and send the request again)
            LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            sendError(ex, 500, WbemStatus.WBEM_E_FAILED, e.toString());
        }
        ex.close();
    }

    private static int httpStatus(WbemStatus s) {
        return switch (s) {
            case WBEM_E_NOT_FOUND, WBEM_E_INVALID_CLASS, WBEM_E_INVALID_NAMESPACE -> 404;
            case WBEM_E_ACCESS_DENIED -> 403;
            case WBEM_E_ALREADY_EXISTS -> 409;
            case WBEM_E_INVALID_QUERY, WBEM_E_INVALID_OBJECT_PATH, WBEM_E_INVALID_PARAMETER, WBEM_E_INVALID_METHOD,
                    WBEM_E_INVALID_METHOD_PARAMETERS, WBEM_E_TYPE_MISMATCH, WBEM_E_INVALID_PROPERTY -> 400;
            case WBEM_E_SERVER_TOO_BUSY -> 503;
            case WBEM_E_NOT_SUPPORTED -> 501;
            default -> 500;
        };
    }

    private void route(HttpExchange ex) throws IOException {
        String rawPath = ex.getRequestURI().getRawPath();
        String rest = rawPath.substring("/AdminService/".length());
        if (!rest.startsWith("wmi/")) {
            throw new ODataException(404, WbemStatus.WBEM_E_NOT_FOUND, "only the wmi/ route is served here, not /AdminService/" + rest);
        }
        String resource = ODataUrls.decode(rest.substring(4), false);
        Map<String, String> params = params(ex.getRequestURI().getRawQuery());
        Matcher m = ROUTE.matcher(resource);
        if (!m.matches()) {
            throw new ODataException(404, WbemStatus.WBEM_E_NOT_FOUND, "no resource wmi/" + resource);
        }
        String cls = m.group("cls");
        String key = m.group("key");
        String method = m.group("method");
        Optional<WmiClass> wmiClass = json.schema().find(cls);
        ObjectPath path = key == null ? null : ODataUrls.parseKeyPredicate(cls, key, wmiClass);
        String verb = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        CallOptions call = CallOptions.timeout(BACKEND_TIMEOUT);
        if (method != null) {
            if (!verb.equals("POST")) {
                throw new ODataException(405, WbemStatus.WBEM_E_NOT_SUPPORTED, "methods are called with POST");
            }
            invoke(ex, path == null ? ObjectPath.ofClass(cls) : path, method, wmiClass);
            return;
        }
        switch (verb) {
            case "GET" -> {
                if (path == null) {
                    query(ex, cls, params);
                } else {
                    sendEntity(ex, 200, backend.get(namespace, path, call, WmiContext.empty()), cls + "/$entity");
                }
            }
            case "POST" -> {
                requireNoKey(path, "POST creates in the collection wmi/" + cls);
                WmiObject o = readEntity(ex, cls);
                ObjectPath created = backend.put(namespace, o, PutMode.CREATE_ONLY, call, WmiContext.empty());
                sendEntity(ex, 201, backend.get(namespace, created, call, WmiContext.empty()), cls + "/$entity");
            }
            case "PATCH", "PUT" -> {
                if (path == null) {
                    throw new ODataException(405, WbemStatus.WBEM_E_INVALID_OBJECT_PATH, verb + " needs wmi/" + cls + "(<key>)");
                }
                WmiObject o = withKeys(readEntity(ex, cls), path);
                ObjectPath put = backend.put(namespace, o, verb.equals("PATCH") ? PutMode.UPDATE_ONLY : PutMode.CREATE_OR_UPDATE,
                        call, WmiContext.empty());
                sendEntity(ex, 200, backend.get(namespace, put, call, WmiContext.empty()), cls + "/$entity");
            }
            case "DELETE" -> {
                if (path == null) {
                    String token = params.get("$skiptoken");
                    Cursor c = token == null ? null : cursors.remove(token);
                    if (c == null) {
                        throw new ODataException(404, WbemStatus.WBEM_E_NOT_FOUND, "no cursor to release");
                    }
                    c.release();
                    sendEmpty(ex, 204);
                } else {
                    backend.delete(namespace, path, call, WmiContext.empty());
                    sendEmpty(ex, 204);
                }
            }
            default -> throw new ODataException(405, WbemStatus.WBEM_E_NOT_SUPPORTED, verb + " is not supported");
        }
    }

    private static void requireNoKey(ObjectPath path, String why) {
        if (path != null) {
            throw new ODataException(405, WbemStatus.WBEM_E_INVALID_OBJECT_PATH, why);
        }
    }

    /** The key values of the URL win over the body's (OData: the key is the resource's address). */
    private static WmiObject withKeys(WmiObject o, ObjectPath path) {
        WmiObject out = o;
        for (Map.Entry<String, Object> k : path.keys().entrySet()) {
            if (!k.getKey().isEmpty()) {
                out = out.with(k.getKey(), k.getValue());
            }
        }
        return out;
    }

    private WmiObject readEntity(HttpExchange ex, String cls) throws IOException {
        JsonNode node = readBody(ex);
        if (node == null || !node.isObject()) {
            throw new ODataException(400, WbemStatus.WBEM_E_INVALID_PARAMETER, "the body must be a JSON object of " + cls);
        }
        ((ObjectNode) node).remove("__CLASS");
        return json.decode(node, cls);
    }

    private static JsonNode readBody(HttpExchange ex) throws IOException {
        String len = ex.getRequestHeaders().getFirst("Content-Length");
        if (len != null) {
            long n;
            try {
                n = Long.parseLong(len.trim());
            } catch (NumberFormatException e) {
                throw new ODataException(400, WbemStatus.WBEM_E_INVALID_PARAMETER, "a bad Content-Length");
            }
            if (n > MAX_BODY) {
                throw new ODataException(413, WbemStatus.WBEM_E_INVALID_PARAMETER, "the body is larger than " + MAX_BODY);
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ODataException(413, WbemStatus.WBEM_E_INVALID_PARAMETER, "the body is larger than " + MAX_BODY);
            }
            if (body.length == 0) {
                return null;
            }
            try {
                return ODataJson.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new ODataException(400, WbemStatus.WBEM_E_INVALID_PARAMETER, "the body is not valid JSON");
            }
        }
    }

    private void invoke(HttpExchange ex, ObjectPath target, String method, Optional<WmiClass> wmiClass) throws IOException {
        JsonNode body = readBody(ex);
        WmiObject in = null;
        Optional<MethodDefinition> def = wmiClass.flatMap(c -> c.method(method));
        if (body != null && body.isObject() && body.size() > 0) {
            WmiClass inClass = def.map(MethodDefinition::inParametersClass)
                    .orElseGet(() -> WmiClass.builder(MethodDefinition.PARAMETERS_CLASS).build());
            in = json.decodeAs(body, inClass);
        }
        WmiObject out = backend.invoke(namespace, target, method, in, CallOptions.timeout(BACKEND_TIMEOUT), WmiContext.empty());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = ODataJson.FACTORY.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("@odata.context", context("__PARAMETERS"));
            for (String name : out.propertyNames()) {
                Optional<io.github.cm4j.cim.CimValue> v = out.get(name);
                if (v.isEmpty()) {
                    if (!out.isDefault(name)) {
                        g.writeNullField(name);
                    }
                } else {
                    g.writeFieldName(name);
                    json.writeValue(v.get(), g);
                }
            }
            g.writeEndObject();
        }
        send(ex, 200, buf.toByteArray());
    }

    // ------------------------------------------------------------------------------------------------ queries

    private void query(HttpExchange ex, String cls, Map<String, String> params) throws IOException {
        int pageSize = pageSize(ex);
        String token = params.get("$skiptoken");
        Cursor cursor;
        if (token != null) {
            cursor = cursors.remove(token);
            if (cursor == null) {
                Replay replay = replays.get(token);
                if (replay != null) {
                    // the same next link again (a client retrying a GET whose answer it lost): the same page
                    if (replay.page == null) {
                        throw new ConnectionException("the page of " + token + " broke", host, null);
                    }
                    if (replay.more) {
                        ex.getResponseHeaders().set("Cm4j-Cursor-Release", "DELETE");
                    }
                    send(ex, 200, replay.page);
                    return;
                }
                throw new ODataException(410, WbemStatus.WBEM_E_NOT_FOUND, "the $skiptoken " + token + " is unknown or "
                        + "expired; run the query again");
            }
        } else {
            if (cursors.size() >= MAX_CURSORS) {
                throw new ODataException(503, WbemStatus.WBEM_E_SERVER_TOO_BUSY, "too many unfinished queries ("
                        + MAX_CURSORS + "); finish or release some");
            }
            String wql = wql(cls, params);
            Stream<WmiObject> s = backend.query(namespace, wql, new QueryOptions(Math.min(pageSize, 100_000),
                    BACKEND_TIMEOUT), WmiContext.empty());
            cursor = new Cursor(s, cls, stripToken(ex.getRequestURI().getRawQuery()));
        }
        if (cursor.servedToken != null) {
            replays.remove(cursor.servedToken);
        }
        cursor.servedToken = token;
        List<WmiObject> page = new ArrayList<>(Math.min(pageSize, 1024));
        boolean more;
        try {
            while (page.size() < pageSize && cursor.it.hasNext()) {
                page.add(cursor.it.next());
                objectsSent.incrementAndGet();
            }
            more = cursor.it.hasNext();
        } catch (RuntimeException e) {
            cursor.release();
            if (token != null) {
                replays.put(token, new Replay(null, false));
            }
            throw e;
        }
        String id = null;
        if (more) {
            id = UUID.randomUUID().toString();
            cursor.touch();
            cursors.put(id, cursor);
            ex.getResponseHeaders().set("Cm4j-Cursor-Release", "DELETE");
        } else {
            cursor.release();
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512 + page.size() * 512);
        try (JsonGenerator g = ODataJson.FACTORY.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("@odata.context", context(cls));
            if (id != null) {
                g.writeStringField("@odata.nextLink", base(ex) + "wmi/" + cls + "?"
                        + (cursor.query.isEmpty() ? "" : cursor.query + "&") + "$skiptoken=" + id);
            }
            g.writeArrayFieldStart("value");
            for (WmiObject o : page) {
                List<String> lazy = o.wmiClass().lazyProperties().stream().map(p -> p.name()).toList();
                json.encode(o, g, true, lazy, host, namespace);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        byte[] bytes = buf.toByteArray();
        if (token != null) {
            // the last page too: a client that lost the answer of the final next link asks it again
            replays.put(token, new Replay(bytes, more));
        }
        send(ex, 200, bytes);
    }

    /** The last page a next link got, kept until the cursor moves on, so that a repeated GET is answered alike. */
    private record Replay(byte[] page, boolean more) {
    }

    private static String stripToken(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        List<String> keep = new ArrayList<>();
        for (String p : rawQuery.split("&")) {
            if (!p.startsWith("$skiptoken=") && !p.startsWith("%24skiptoken=") && !p.isEmpty()) {
                keep.add(p);
            }
        }
        return String.join("&", keep);
    }

    private static int pageSize(HttpExchange ex) {
        int size = 1000;
        for (String prefer : ex.getRequestHeaders().getOrDefault("Prefer", List.of())) {
            for (String part : prefer.split(",")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "odata.maxpagesize=", 0, 18)) {
                    try {
                        size = Integer.parseInt(p.substring(18).trim());
                    } catch (NumberFormatException e) {
                        throw new ODataException(400, WbemStatus.WBEM_E_INVALID_PARAMETER, "a bad odata.maxpagesize");
                    }
                }
            }
        }
        return Math.max(1, Math.min(size, 10_000));
    }

    /** The WQL of {@code $select}, {@code $filter}, {@code $orderby}. */
    static String wql(String cls, Map<String, String> params) {
        if (!CLASS.matcher(cls).matches()) {
            throw new ODataException(400, WbemStatus.WBEM_E_INVALID_CLASS, "'" + cls + "' is not a class name");
        }
        List<SelectItem> items = new ArrayList<>();
        String select = params.get("$select");
        if (select != null && !select.isBlank() && !select.trim().equals("*")) {
            for (String s : select.split(",")) {
                String n = s.trim();
                if (!CLASS.matcher(n).matches()) {
                    throw new ODataException(400, WbemStatus.WBEM_E_INVALID_QUERY, "$select: '" + n + "' is not a property");
                }
                items.add(PropertyRef.of(n));
            }
        } else {
            items.add(Wildcard.ALL);
        }
        Optional<Expression> where = Optional.ofNullable(params.get("$filter")).filter(f -> !f.isBlank()).map(ODataFilter::parse);
        List<OrderItem> order = new ArrayList<>();
        String orderBy = params.get("$orderby");
        if (orderBy != null && !orderBy.isBlank()) {
            for (String part : orderBy.split(",")) {
                String[] w = part.trim().split("\\s+");
                if (!CLASS.matcher(w[0]).matches() || w.length > 2) {
                    throw new ODataException(400, WbemStatus.WBEM_E_INVALID_QUERY, "$orderby: '" + part.trim() + "'");
                }
                order.add(new OrderItem(PropertyRef.of(w[0]), w.length == 2 && w[1].equalsIgnoreCase("desc")
                        ? SortDirection.DESC : SortDirection.ASC));
            }
        }
        return WqlPrinter.print(new SelectQuery(false, items, ClassRef.of(cls), List.of(), where, order));
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String p : rawQuery.split("&")) {
            int eq = p.indexOf('=');
            String k = ODataUrls.decode(eq < 0 ? p : p.substring(0, eq), true);
            String v = eq < 0 ? "" : ODataUrls.decode(p.substring(eq + 1), true);
            out.put(k, v);
        }
        return out;
    }

    /** One unfinished query: the backend's stream and where it is. */
    private static final class Cursor {
        final Stream<WmiObject> stream;
        final Iterator<WmiObject> it;
        final String cls;
        final String query;
        volatile long lastUsed = System.nanoTime();
        String servedToken;

        Cursor(Stream<WmiObject> stream, String cls, String query) {
            this.stream = stream;
            this.it = stream.iterator();
            this.cls = cls;
            this.query = query;
        }

        void touch() {
            lastUsed = System.nanoTime();
        }

        void release() {
            try {
                stream.close();
            } catch (RuntimeException ignored) {
                // the backend's enumerator is gone either way
            }
        }
    }

    private void sweep() {
        long limit = System.nanoTime() - cursorIdle.toNanos();
        long ntlmLimit = System.nanoTime() - NTLM_PENDING_TIMEOUT.toNanos();
        ntlmPending.values().removeIf(p -> p.started < ntlmLimit);
        cursors.entrySet().removeIf(e -> {
            if (e.getValue().lastUsed < limit) {
                e.getValue().release();
                return true;
            }
            return false;
        });
    }

    // ------------------------------------------------------------------------------------------------ answers

    private String base(HttpExchange ex) {
        return "https://" + host + ":" + port() + "/AdminService/";
    }

    private String context(String what) {
        return "https://" + host + ":" + port() + "/AdminService/wmi/$metadata#" + what;
    }

    private void sendEntity(HttpExchange ex, int status, WmiObject o, String contextSuffix) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = ODataJson.FACTORY.createGenerator(buf)) {
            ByteArrayOutputStream inner = new ByteArrayOutputStream(1024);
            try (JsonGenerator ig = ODataJson.FACTORY.createGenerator(inner)) {
                json.encode(o, ig, true, List.of(), host, namespace);
            }
            ObjectNode node = (ObjectNode) ODataJson.MAPPER.readTree(inner.toByteArray());
            ObjectNode withContext = ODataJson.MAPPER.createObjectNode();
            withContext.put("@odata.context", context(contextSuffix));
            withContext.setAll(node);
            ODataJson.MAPPER.writeTree(g, withContext);
        }
        send(ex, status, buf.toByteArray());
    }

    private static void sendError(HttpExchange ex, int status, WbemStatus s, String message) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        try (JsonGenerator g = ODataJson.FACTORY.createGenerator(buf)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", s == null ? String.valueOf(status) : s.hex());
            g.writeStringField("message", (s == null ? "" : s.name() + ": ") + message);
            g.writeEndObject();
            g.writeEndObject();
        }
        send(ex, status, buf.toByteArray());
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; odata.metadata=minimal; charset=utf-8");
        ex.getResponseHeaders().set("OData-Version", "4.0");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sendEmpty(HttpExchange ex, int status) throws IOException {
        ex.getResponseHeaders().set("OData-Version", "4.0");
        ex.sendResponseHeaders(status, -1);
    }

    /**
     * Settings of a server. Not thread-safe.
     */
    public static final class Builder {
        private WmiTransport backend;
        private String host = "localhost";
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port;
        private Path keytab;
        private String principal;
        private int threads = 8;
        private Duration cursorIdle = Duration.ofMinutes(5);
        private final List<io.github.cm4j.Credentials> ntlmAccounts = new ArrayList<>();
        private boolean ntlmBindingsRequired;

        private Builder() {
        }

        /**
         * Accepts NTLM as AdminServices before ConfigMgr 2509 do ({@code cm4j serve --adminservice --allow-ntlm}),
         * with these accounts (as {@code dcom://}'s loopback server takes them); without it NTLM is refused with
         * 401 "Rejecting NTLM authentication", as 2509 and later do.
         *
         * @param accounts {@code DOMAIN\\user} with password or NT hash; at least one
         * @return this
         */
        public Builder allowNtlm(java.util.Collection<io.github.cm4j.Credentials> accounts) {
            if (accounts.isEmpty()) {
                throw new IllegalArgumentException("NTLM needs at least one account");
            }
            accounts.forEach(c -> {
                if (!c.supports(io.github.cm4j.Credentials.Mechanism.NTLM)) {
                    throw new IllegalArgumentException(c.account() + " has no NTLM secret (a password or NT hash)");
                }
            });
            ntlmAccounts.addAll(accounts);
            return this;
        }

        /**
         * @param value whether NTLM clients must send the channel bindings of this server's certificate (Windows'
         *     Extended Protection "Require"); default {@code false} ("Allow": bindings checked when sent, as curl
         *     sends none)
         * @return this
         */
        public Builder requireNtlmChannelBindings(boolean value) {
            ntlmBindingsRequired = value;
            return this;
        }

        /**
         * @param value the provider the service answers from (e.g. {@code SimulatedProvider.demo().openTransport()})
         * @return this
         */
        public Builder backend(WmiTransport value) {
            backend = Objects.requireNonNull(value, "backend");
            return this;
        }

        /**
         * @param value the host name clients use (certificate, SPN {@code HTTP/host}); default {@code localhost}
         * @return this
         */
        public Builder host(String value) {
            host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * @param value the address to listen on; default the loopback address
         * @return this
         */
        public Builder bind(InetAddress value) {
            bind = Objects.requireNonNull(value, "bind");
            return this;
        }

        /**
         * @param value the TCP port, 0 for any free one (default)
         * @return this
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + value);
            }
            port = value;
            return this;
        }

        /**
         * Requires Kerberos: the keytab holding the service key of {@code HTTP/host@REALM}.
         *
         * @param file the keytab
         * @param servicePrincipal the principal, e.g. {@code HTTP/cas.lab.test@LAB.TEST}
         * @return this
         */
        public Builder kerberos(Path file, String servicePrincipal) {
            keytab = Objects.requireNonNull(file, "file");
            principal = Objects.requireNonNull(servicePrincipal, "servicePrincipal");
            return this;
        }

        /**
         * @param value how long an unfinished query's cursor is kept without a request; default 5 minutes
         * @return this
         */
        public Builder cursorIdleTimeout(Duration value) {
            cursorIdle = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * @param value request threads, 1..64; default 8
         * @return this
         */
        public Builder threads(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("threads must be 1..64, got " + value);
            }
            threads = value;
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws IOException when it cannot listen
         */
        public AdminServiceServer start() throws IOException {
            return new AdminServiceServer(this);
        }
    }
}
