package io.github.cm4j.adminservice;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.MappingException;
import io.github.cm4j.ParseException;
import io.github.cm4j.TransportException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.adminservice.internal.ClientFilter;
import io.github.cm4j.adminservice.internal.NtlmHttp;
import io.github.cm4j.adminservice.internal.ODataJson;
import io.github.cm4j.adminservice.internal.ODataQuery;
import io.github.cm4j.adminservice.internal.ODataUrls;
import io.github.cm4j.adminservice.internal.Spnego;
import io.github.cm4j.adminservice.internal.UnsupportedQueryException;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.tls.Tls;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.wmi.ntlm.NtlmAuthenticationException;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import io.github.cm4j.wmi.ntlm.NtlmFormatException;
import io.github.cm4j.wql.Expression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLHandshakeException;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSException;

/**
 * The {@code adminservice://} transport: WMI operations as requests to the ConfigMgr administration service
 * (OData v4 over HTTPS, shared/reference/adminservice). Routes: query {@code GET wmi/<Class>?$select&$filter}
 * with paging by {@code @odata.nextLink} (OData JSON Format 4.01 section 4.5.5), streamed page by page and parsed
 * entity by entity; get {@code GET wmi/<Class>(<key>)}; static methods {@code POST wmi/<Class>.<Method>};
 * instance methods {@code POST wmi/<Class>(<key>)/AdminService.<Method>}; create {@code POST wmi/<Class>};
 * update {@code PATCH}, create-or-replace {@code PUT} and delete {@code DELETE} on {@code wmi/<Class>(<key>)}.
 *
 * <p>No {@code IWbemContext} travels over REST: a call carrying a site control file {@code SessionHandle} fails at
 * once, saying to use {@code dcom://}; other context values are not sent. Deadlines: each request's deadline covers
 * sending it and receiving the response headers ({@link HttpRequest.Builder#timeout}); a page's body is read as the
 * caller consumes it. Only GETs that start something (a get, a query's first page) are retried, a bounded number of
 * times with backoff; a query's later pages are not (the server's cursor has moved), nor anything that changes state.
 *
 * <p>Authentication: Negotiate (Kerberos through JGSS) on the JDK's pooled HTTP client; with {@code ntlm=on} and NTLM
 * credentials, NTLM on a connection of its own per request ({@link NtlmHttp}: NTLM authenticates a connection, which
 * the pooled client cannot keep for both legs).
 *
 * <p>Thread-safe: the HTTP client is shared; each request has its own security context.
 */
final class AdminServiceTransport implements WmiTransport {
    /** The header our loopback service sets on a page when it keeps a cursor that a {@code DELETE} of the next link frees. */
    static final String CURSOR_RELEASE_HEADER = "Cm4j-Cursor-Release";
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final AdminServiceSettings settings;
    private final TransportConfig config;
    private final Subject subject;
    private final Tls tls;
    private final HttpClient http;
    /** NTLM over HTTP ({@code ntlm=on} with NTLM credentials), else null: Negotiate (Kerberos) or none. */
    private final NtlmHttp ntlmHttp;
    private final ODataJson json;
    private final URI root;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String namespace;

    AdminServiceTransport(AdminServiceSettings settings, TransportConfig config, Subject subject) {
        this(settings, config, subject, null);
    }

    /**
     * @param ntlm the NTLM client when this transport authenticates with NTLM ({@code ntlm=on}, sites before ConfigMgr
     *     2509), else null
     */
    AdminServiceTransport(AdminServiceSettings settings, TransportConfig config, Subject subject, NtlmClient ntlm) {
        this.settings = settings;
        this.config = config;
        this.subject = subject;
        this.tls = Tls.of(settings.caFile().orElse(null), settings.pin().orElse(null));
        this.http = HttpClient.newBuilder().sslContext(tls.context()).connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
        this.ntlmHttp = ntlm == null ? null
                : new NtlmHttp(tls.context(), ntlm, settings.host(), settings.port(), config.connectTimeout());
        this.json = new ODataJson(Schema.builtIn());
        this.root = settings.serviceRoot();
        this.namespace = settings.site().map(s -> "root\\sms\\site_" + s).orElse(null);
    }

    @Override
    public String defaultNamespace() {
        if (namespace == null) {
            namespace = discoverNamespace();
        }
        return namespace;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PARTIAL_PUT, Capability.REMOTE);
    }

    // ------------------------------------------------------------------------------------------- operations

    @Override
    public Stream<WmiObject> query(String ns, String wql, QueryOptions options, WmiContext context) {
        String op = "ExecQuery";
        open(op);
        checkContext(op, context);
        checkNamespace(op, ns, wql);
        ODataQuery q;
        try {
            q = ODataQuery.translate(wql, json.schema(), settings.clientFilter());
        } catch (ParseException e) {
            throw new WmiException(WbemStatus.WBEM_E_INVALID_QUERY.code(), op, wql, settings.host(), e);
        } catch (UnsupportedQueryException e) {
            throw new WmiException(WbemStatus.WBEM_E_NOT_SUPPORTED.code(), op + " over adminservice:// ("
                    + e.getMessage() + ")", wql, settings.host(), e);
        }
        StringBuilder url = new StringBuilder("wmi/").append(ODataUrls.encode(q.className(), false));
        List<String> params = new ArrayList<>();
        if (!q.select().isEmpty()) {
            params.add("$select=" + ODataUrls.encode(String.join(",", q.select()), true));
        }
        q.filter().ifPresent(f -> params.add("$filter=" + ODataUrls.encode(f, true)));
        q.orderBy().ifPresent(o -> params.add("$orderby=" + ODataUrls.encode(o, true)));
        if (!params.isEmpty()) {
            url.append('?').append(String.join("&", params));
        }
        Pages pages = new Pages(root.resolve(url.toString()), q, options, wql);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(pages::close);
    }

    @Override
    public WmiObject get(String ns, ObjectPath path, CallOptions options, WmiContext context) {
        String op = "GetObject";
        open(op);
        checkContext(op, context);
        checkNamespace(op, ns, path.toString());
        URI uri = root.resolve("wmi/" + instanceSegment(path));
        try (Response r = send(op, path.toString(), HttpRequest.newBuilder(uri).GET(), options.timeout(), true)) {
            return decodeEntity(op, path.toString(), r, path.className());
        }
    }

    @Override
    public WmiClass getClass(String ns, String className, CallOptions options, WmiContext context) {
        String op = "GetClass";
        open(op);
        checkNamespace(op, ns, className);
        // The service describes its classes in CSDL ($metadata), which this transport does not map; it does not
        // declare CLASS_DEFINITIONS, so core uses the built-in schema instead.
        return json.schema().find(className).orElseThrow(() -> new WmiException(WbemStatus.WBEM_E_NOT_SUPPORTED.code(),
                op + " over adminservice:// (class definitions come from the built-in schema, which lacks it)",
                className, settings.host(), null));
    }

    @Override
    public ObjectPath put(String ns, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        String op = "PutInstance";
        open(op);
        checkContext(op, context);
        String target = instance.className();
        checkNamespace(op, ns, target);
        byte[] body = body(partial(instance, context));
        HttpRequest.Builder b;
        ObjectPath path = null;
        switch (mode) {
            case CREATE_ONLY -> b = HttpRequest.newBuilder(root.resolve("wmi/" + ODataUrls.encode(instance.className(), false)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            case UPDATE_ONLY -> {
                path = instance.path();
                target = path.toString();
                b = HttpRequest.newBuilder(root.resolve("wmi/" + instanceSegment(path)))
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body));
            }
            default -> {
                path = instance.path();
                target = path.toString();
                b = HttpRequest.newBuilder(root.resolve("wmi/" + instanceSegment(path)))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
            }
        }
        b.header("Content-Type", "application/json");
        try (Response r = send(op, target, b, options.timeout(), false)) {
            if (path == null) {
                JsonNode node = readTree(op, target, r);
                if (node != null && node.isObject() && node.size() > 0) {
                    try {
                        return json.decode(node, instance.className()).path().relative();
                    } catch (RuntimeException e) {
                        // keys not in the answer: the instance names them
                    }
                }
                return instance.path().relative();
            }
            return path.relative();
        }
    }

    @Override
    public WmiObject invoke(String ns, ObjectPath target, String method, WmiObject inParameters, CallOptions options,
                            WmiContext context) {
        String op = "ExecMethod";
        open(op);
        checkContext(op, context);
        String shown = target + "." + method;
        checkNamespace(op, ns, shown);
        String segment = target.isClassPath() || target.isSingleton() && target.keys().isEmpty()
                ? ODataUrls.encode(target.className(), false) + "." + ODataUrls.encode(method, false)
                : instanceSegment(target) + "/AdminService." + ODataUrls.encode(method, false);
        byte[] body = inParameters == null ? "{}".getBytes(StandardCharsets.UTF_8) : body(inParameters);
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve("wmi/" + segment))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        try (Response r = send(op, shown, b, options.timeout(), false)) {
            JsonNode node = readTree(op, shown, r);
            if (node == null || !node.isObject()) {
                throw new MappingException(op + " " + shown + ": the answer is not a JSON object of out-parameters");
            }
            Optional<MethodDefinition> m = json.schema().find(target.className()).flatMap(c -> c.method(method));
            WmiClass out = m.map(MethodDefinition::outParametersClass)
                    .orElseGet(() -> WmiClass.builder(MethodDefinition.PARAMETERS_CLASS).build());
            return json.decodeAs(node, out);
        }
    }

    @Override
    public void delete(String ns, ObjectPath path, CallOptions options, WmiContext context) {
        String op = "DeleteInstance";
        open(op);
        checkContext(op, context);
        checkNamespace(op, ns, path.toString());
        URI uri = root.resolve("wmi/" + instanceSegment(path));
        // 200 or 204: nothing to read
        send(op, path.toString(), HttpRequest.newBuilder(uri).DELETE(), options.timeout(), false).close();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "AdminServiceTransport[" + settings + (ntlmHttp != null ? ", NTLM as " + ntlmHttp.account() : "")
                + (closed.get() ? ", closed" : "") + "]";
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private void open(String op) {
        if (closed.get()) {
            throw new TransportException(op + " on " + settings.host() + ": the adminservice:// transport is closed",
                    settings.host(), null);
        }
    }

    private void checkContext(String op, WmiContext context) {
        if (context != null && context.sessionHandle().isPresent()) {
            throw new TransportException(op + " with a site control file session on " + settings.host() + ": the "
                    + "AdminService (REST) cannot carry the IWbemContext SessionHandle that site control file sessions "
                    + "need; use dcom:// for site control file sessions", settings.host(), null);
        }
    }

    private void checkNamespace(String op, String ns, String target) {
        if (ns == null || ns.isEmpty()) {
            return;
        }
        String own = defaultNamespace();
        if (!ns.equalsIgnoreCase(own) && !ns.replace('/', '\\').equalsIgnoreCase(own)) {
            throw new WmiException(WbemStatus.WBEM_E_INVALID_NAMESPACE.code(), op + " in " + ns + " (the AdminService of "
                    + settings.host() + " serves only " + own + ")", target, settings.host(), null);
        }
    }

    private String discoverNamespace() {
        String op = "ExecQuery";
        URI uri = root.resolve("wmi/SMS_Site");
        try (Response r = send(op, "SMS_Site (to learn the site namespace)", HttpRequest.newBuilder(uri).GET()
                .header("Prefer", "odata.maxpagesize=1"), config.callTimeout(), true)) {
            JsonNode doc = readTree(op, "SMS_Site", r);
            JsonNode value = doc == null ? null : doc.get("value");
            if (value != null && value.size() > 0 && value.get(0).hasNonNull("__NAMESPACE")) {
                return value.get(0).get("__NAMESPACE").asText();
            }
        }
        throw new ConnectionException("the AdminService of " + settings.host() + " did not say its site namespace "
                + "(no __NAMESPACE in SMS_Site); give the site in the URI: adminservice://" + settings.host() + "/SITE",
                settings.host(), null);
    }

    private String instanceSegment(ObjectPath path) {
        if (path.isClassPath() || path.keys().isEmpty()) {
            return ODataUrls.encode(path.className(), false);
        }
        return ODataUrls.encode(path.className() + ODataUrls.keyPredicate(path), false);
    }

    /**
     * The instance reduced to the properties a partial put names (WMI "Updating Part of an Instance": the context
     * values {@code __PUT_EXTENSIONS} and {@code __PUT_EXT_PROPERTIES}), keys kept: over REST that is what the
     * {@code PATCH} body carries, since the context itself does not travel.
     */
    private static WmiObject partial(WmiObject instance, WmiContext context) {
        if (context == null || context.get("__PUT_EXTENSIONS").map(v -> !v.asBoolean()).orElse(true)) {
            return instance;
        }
        java.util.Optional<io.github.cm4j.cim.CimValue> names = context.get("__PUT_EXT_PROPERTIES");
        if (names.isEmpty()) {
            return instance;
        }
        java.util.Set<String> keep = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        keep.addAll(names.get().asStringList());
        instance.wmiClass().keys().forEach(k -> keep.add(k.name()));
        WmiObject.Builder b = WmiObject.builder(instance.wmiClass());
        for (String name : instance.propertyNames()) {
            if (keep.contains(name) && !instance.isDefault(name)) {
                java.util.Optional<io.github.cm4j.cim.CimValue> v = instance.get(name);
                if (v.isPresent()) {
                    b.set(name, v.get());
                } else {
                    b.setNull(name, instance.wmiClass().property(name).map(p -> p.type())
                            .orElse(io.github.cm4j.cim.CimType.STRING));
                }
            }
        }
        return b.build();
    }

    private byte[] body(WmiObject o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = ODataJson.FACTORY.createGenerator(out)) {
            json.encode(o, g, false, List.of(), null, null);
        } catch (IOException e) {
            throw new MappingException("cannot write " + o.className() + " as JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private WmiObject decodeEntity(String op, String target, Response r, String className) {
        JsonNode node = readTree(op, target, r);
        if (node == null || !node.isObject()) {
            throw new MappingException(op + " " + target + ": the answer is not a JSON object");
        }
        return json.decode(node, className);
    }

    private JsonNode readTree(String op, String target, Response r) {
        try (InputStream in = r.body) {
            JsonParser p = ODataJson.FACTORY.createParser(in);
            if (p.nextToken() == null) {
                return null;
            }
            return ODataJson.MAPPER.readTree(p);
        } catch (HttpTimeoutException | SocketTimeoutException e) {
            throw new CallTimeoutException(op + " " + target, r.timeout, settings.host(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MappingException(op + " " + target + ": the answer of " + settings.host() + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConnectionException(op + " " + target + ": reading the answer of " + settings.host() + " failed: " + e,
                    settings.host(), e);
        }
    }

    /** The most of an unread answer read away on close so that its connection can serve the next request. */
    private static final int MAX_DRAIN = 256 * 1024;

    /** A response with a body to read and close. */
    private static final class Response implements AutoCloseable {
        final HttpHeaders headers;
        final InputStream body;
        final Duration timeout;
        /** Whether the connection goes back to a pool (java.net.http) and is worth reading the rest for. */
        final boolean pooled;

        Response(HttpHeaders headers, InputStream body, Duration timeout, boolean pooled) {
            this.headers = headers;
            this.body = body;
            this.timeout = timeout;
            this.pooled = pooled;
        }

        @Override
        public void close() {
            try {
                // a short rest is read away so that the connection goes back to the pool (a new TLS handshake
                // otherwise); a long one is cut by closing, which drops the connection
                long left = pooled ? MAX_DRAIN : 0; // an NTLM connection is never reused: closing it is enough
                byte[] sink = new byte[8192];
                int n;
                while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                    left -= n;
                }
            } catch (IOException ignored) {
                // dropped: nothing to reuse
            } finally {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the connection is dropped; nothing else to release
                }
            }
        }
    }

    /**
     * Sends one request with its deadline, authenticating with Negotiate, retrying an idempotent GET on a refused
     * connection or a 502/503/504 (bounded, with backoff, within the deadline), and mapping failures.
     */
    private Response send(String op, String target, HttpRequest.Builder builder, Duration timeout, boolean retryable) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int attempt = 0;
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            try {
                return sendOnce(op, target, builder, left, timeout);
            } catch (Retryable e) {
                Duration backoff = AdminServiceSettings.firstBackoff().multipliedBy(1L << attempt);
                if (!retryable || attempt >= settings.retries() || System.nanoTime() + backoff.toNanos() >= deadline) {
                    throw e.failure;
                }
                attempt++;
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e.failure;
                }
            }
        }
    }

    /** A failure a GET may be retried after; carries what to throw when it may not. */
    private static final class Retryable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ConfigMgrException failure;

        Retryable(ConfigMgrException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private Response sendOnce(String op, String target, HttpRequest.Builder builder, Duration left, Duration timeout) {
        if (ntlmHttp != null) {
            return sendNtlm(op, target, builder, left, timeout);
        }
        HttpRequest.Builder b = builder.copy().timeout(left).header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0").header("User-Agent", "cm4j-adminservice");
        Spnego spnego = null;
        String offered = null;
        try {
            if (settings.negotiate()) {
                try {
                    spnego = Spnego.start(subject, settings.host());
                    b.header("Authorization", spnego.firstHeader());
                    offered = "Kerberos";
                } catch (GSSException e) {
                    throw new AuthenticationException(op + " " + target + ": no Kerberos ticket for HTTP/" + settings.host()
                            + " (" + e.getMessage() + "); run kinit, or connect with Kerberos credentials", settings.host(), e);
                }
            }
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw new CallTimeoutException(op + " " + target, timeout, settings.host(), e);
            } catch (SSLHandshakeException e) {
                throw tlsFailure(op, e);
            } catch (ConnectException e) {
                throw new Retryable(new ConnectionException(op + " " + target + ": cannot connect to " + settings.host() + ":"
                        + settings.port() + " (" + e + ")", settings.host(), e));
            } catch (IOException e) {
                if (e.getCause() instanceof SSLHandshakeException s) {
                    throw tlsFailure(op, s);
                }
                throw new ConnectionException(op + " " + target + ": the connection to " + settings.host() + " failed: " + e,
                        settings.host(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionException(op + " " + target + ": interrupted", settings.host(), e);
            }
            int status = resp.statusCode();
            if (status / 100 == 2) {
                if (spnego != null) {
                    try {
                        spnego.finish(resp.headers().firstValue("WWW-Authenticate").orElse(null));
                    } catch (GSSException e) {
                        close(resp);
                        throw new AuthenticationException(op + " " + target + ": " + settings.host() + " did not prove its "
                                + "identity as HTTP/" + settings.host() + " (Kerberos mutual authentication): " + e.getMessage(),
                                settings.host(), e);
                    }
                }
                return new Response(resp.headers(), resp.body(), timeout, true);
            }
            String body = readError(resp.body());
            throw failure(op, target, status, resp.headers(), body, offered);
        } finally {
            if (spnego != null) {
                spnego.dispose();
            }
        }
    }

    /**
     * One request authenticated with NTLM on its own connection ({@link NtlmHttp}: the JDK client's pool cannot keep
     * the two NTLM legs on one connection).
     */
    private Response sendNtlm(String op, String target, HttpRequest.Builder builder, Duration left, Duration timeout) {
        HttpRequest request = builder.copy().build();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        headers.put("Accept", "application/json");
        headers.put("OData-MaxVersion", "4.0");
        headers.put("User-Agent", "cm4j-adminservice");
        byte[] body = bodyOf(request, left);
        NtlmHttp.Answer a;
        try {
            a = ntlmHttp.send(request.method(), request.uri(), headers, body, left);
        } catch (SocketTimeoutException e) {
            throw new CallTimeoutException(op + " " + target, timeout, settings.host(), e);
        } catch (SSLHandshakeException e) {
            throw tlsFailure(op, e);
        } catch (ConnectException e) {
            throw new Retryable(new ConnectionException(op + " " + target + ": cannot connect to " + settings.host() + ":"
                    + settings.port() + " (" + e + ")", settings.host(), e));
        } catch (NtlmAuthenticationException e) {
            throw new AuthenticationException(op + " " + target + ": the NTLM CHALLENGE of " + settings.host()
                    + " is not usable: " + e.getMessage(), settings.host(), e);
        } catch (NtlmFormatException e) {
            throw new AuthenticationException(op + " " + target + ": the NTLM CHALLENGE of " + settings.host()
                    + " is malformed: " + e.getMessage(), settings.host(), e);
        } catch (IOException e) {
            throw new ConnectionException(op + " " + target + ": the connection to " + settings.host() + " failed: " + e,
                    settings.host(), e);
        }
        if (a.status() / 100 == 2) {
            return new Response(a.headers(), a.body(), timeout, false);
        }
        String error = readError(a.body());
        if (a.status() == 401) {
            throw ntlmFailure(op, target, a, error);
        }
        throw failure(op, target, a.status(), a.headers(), error, "NTLM");
    }

    /**
     * A 401 to NTLM. Before the CHALLENGE the service refuses NTLM itself; after the AUTHENTICATE it refused the logon
     * — a wrong password or unknown account, or a 2509 service whose IIS completed the handshake and whose
     * AdminService then rejected NTLM ("Rejecting NTLM authentication" in AdminService.log), which the answer names
     * only sometimes, so the message says both.
     */
    private AuthenticationException ntlmFailure(String op, String target, NtlmHttp.Answer a, String body) {
        String host = settings.host();
        List<String> schemes = a.headers().allValues("WWW-Authenticate").stream().map(o -> o.split(" ", 2)[0]).distinct()
                .toList();
        String said = errorMessage(body);
        String detail = "HTTP 401 from " + host + "; it offers " + (schemes.isEmpty() ? "no mechanism" : String.join(", ", schemes))
                + (said.isEmpty() ? "" : "; it says: " + said);
        boolean refuses = body.contains("Rejecting NTLM") || body.toLowerCase(Locale.ROOT).contains("refuses ntlm");
        if (a.leg() == NtlmHttp.Leg.NEGOTIATE || refuses) {
            return new AuthenticationException(op + " " + target + ": this AdminService refuses NTLM (ConfigMgr 2509 and "
                    + "later): use Kerberos (" + detail + ")", host, null);
        }
        return new AuthenticationException(op + " " + target + ": " + host + " refused the NTLM logon of "
                + ntlmHttp.account() + " (" + detail + "): a wrong password or an unknown account; if the site runs "
                + "ConfigMgr 2509 or later, this AdminService refuses NTLM (ConfigMgr 2509 and later): use Kerberos", host, null);
    }

    /** The bytes of a request's body (the publishers here are byte arrays: this collects them, within the deadline). */
    private static byte[] bodyOf(HttpRequest request, Duration left) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return new byte[0];
        }
        java.util.concurrent.CompletableFuture<byte[]> done = new java.util.concurrent.CompletableFuture<>();
        publisher.get().subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(java.nio.ByteBuffer item) {
                byte[] b = new byte[item.remaining()];
                item.get(b);
                out.writeBytes(b);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        try {
            return done.get(left.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MappingException("interrupted while writing a request body", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new MappingException("cannot write a request body: " + e, e);
        }
    }

    private ConnectionException tlsFailure(String op, SSLHandshakeException e) {
        java.security.cert.X509Certificate c = tls.lastRefused();
        String who = c == null ? "" : " (subject " + c.getSubjectX500Principal().getName() + ", fingerprint "
                + Tls.fingerprint(c) + ")";
        return new ConnectionException(op + ": the TLS certificate of " + settings.host() + who + " is not trusted by "
                + tls.description() + ": " + e.getMessage() + ". If it is the site's own certificate, trust it with "
                + "tls-ca=FILE or tls-pin=" + (c == null ? "sha256:..." : Tls.fingerprint(c)), settings.host(), e);
    }

    private static void close(HttpResponse<InputStream> resp) {
        try {
            resp.body().close();
        } catch (IOException ignored) {
            // dropped
        }
    }

    private static String readError(InputStream body) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private RuntimeException failure(String op, String target, int status, HttpHeaders headers, String body,
                                     String offered) {
        String host = settings.host();
        if (status == 401) {
            List<String> offers = headers.allValues("WWW-Authenticate");
            List<String> schemes = offers.stream().map(o -> o.split(" ", 2)[0]).distinct().toList();
            boolean refusesNtlm = body.contains("Rejecting NTLM") || body.toLowerCase(Locale.ROOT).contains("refuses ntlm");
            if (refusesNtlm) {
                return new AuthenticationException(op + " " + target + ": this AdminService refuses NTLM (ConfigMgr 2509 "
                        + "and later): use Kerberos (HTTP 401 from " + host + ")", host, null);
            }
            if (offered == null) {
                return new AuthenticationException(op + " " + target + ": " + host + " requires authentication (HTTP 401); "
                        + "it offers " + (schemes.isEmpty() ? "no mechanism" : String.join(", ", schemes))
                        + "; cm4j uses Negotiate (Kerberos), never Basic", host, null);
            }
            String said = errorMessage(body);
            return new AuthenticationException(op + " " + target + ": " + host + " refused the Kerberos ticket for HTTP/"
                    + host + " (HTTP 401; it offers " + (schemes.isEmpty() ? "no mechanism" : String.join(", ", schemes))
                    + (said.isEmpty() ? "" : "; it says: " + said) + "): check the SPN HTTP/" + host
                    + ", the clocks and the account", host, null);
        }
        Optional<Integer> code = wbemCode(body);
        String detail = errorMessage(body);
        if (status == 403) {
            int hresult = code.orElse(WbemStatus.WBEM_E_ACCESS_DENIED.code());
            String cls = target.split("[.(= ]", 2)[0];
            return new WmiException(hresult, op + " (HTTP 403: the account's ConfigMgr role lacks the right to use " + cls
                    + (detail.isEmpty() ? "" : "; " + detail) + ")", target, host, null);
        }
        if (code.isPresent()) {
            return new WmiException(code.get(), op + " (HTTP " + status + (detail.isEmpty() ? "" : ": " + detail) + ")",
                    target, host, null);
        }
        if (status == 404) {
            return new WmiException(WbemStatus.WBEM_E_NOT_FOUND.code(), op + " (HTTP 404" + (detail.isEmpty() ? "" : ": "
                    + detail) + ")", target, host, null);
        }
        if (status == 400) {
            return new WmiException(WbemStatus.WBEM_E_INVALID_PARAMETER.code(), op + " (HTTP 400"
                    + (detail.isEmpty() ? "" : ": " + detail) + ")", target, host, null);
        }
        TransportException t = new TransportException(op + " " + target + ": " + host + " answered HTTP " + status
                + (detail.isEmpty() ? "" : ": " + detail), host, null);
        if (status == 502 || status == 503 || status == 504) {
            return new Retryable(t);
        }
        return t;
    }

    /** The WBEM code of an OData error document ({@code error.code}: {@code 0x8004...}, a name, or a number). */
    static Optional<Integer> wbemCode(String body) {
        try {
            JsonNode doc = ODataJson.MAPPER.readTree(body);
            JsonNode c = doc == null ? null : doc.path("error").get("code");
            if (c == null || c.isNull()) {
                return Optional.empty();
            }
            String s = c.asText().trim();
            if (s.regionMatches(true, 0, "0x", 0, 2)) {
                return Optional.of((int) Long.parseLong(s.substring(2), 16));
            }
            if (s.matches("-?\\d+")) {
                return Optional.of((int) Long.parseLong(s));
            }
            return WbemStatus.fromName(s).map(WbemStatus::code);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode doc = ODataJson.MAPPER.readTree(body);
            JsonNode m = doc == null ? null : doc.path("error").get("message");
            if (m != null && !m.isNull()) {
                String s = m.isObject() ? m.path("value").asText() : m.asText();
                return s.length() > 300 ? s.substring(0, 297) + "..." : s;
            }
        } catch (IOException | RuntimeException e) {
            // not an OData error document
        }
        return "";
    }

    // ------------------------------------------------------------------------------------------------ paging

    /**
     * The results of one query: one page at a time, one entity at a time from the page's stream, so memory holds
     * one entity and the parser's buffer whatever the page size. The next page is asked for when this one ends.
     */
    private final class Pages implements Iterator<WmiObject> {
        private final ODataQuery query;
        private final QueryOptions options;
        private final String wql;
        private final Optional<Expression> filter;
        private URI next;
        private Response current;
        private JsonParser parser;
        private boolean inValue;
        private boolean releaseByDelete;
        private WmiObject ahead;
        private boolean done;

        Pages(URI first, ODataQuery query, QueryOptions options, String wql) {
            this.next = first;
            this.query = query;
            this.options = options;
            this.wql = wql;
            this.filter = query.clientFilter();
        }

        @Override
        public boolean hasNext() {
            while (ahead == null && !done) {
                ahead = advance();
            }
            return ahead != null;
        }

        @Override
        public WmiObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            WmiObject o = ahead;
            ahead = null;
            return o;
        }

        /** @return the next entity that passes the client-side filter, or null when a page ended or all did */
        private WmiObject advance() {
            open("ExecQuery");
            try {
                if (parser == null) {
                    if (next == null) {
                        done = true;
                        return null;
                    }
                    openPage();
                }
                if (inValue) {
                    JsonToken t = parser.nextToken();
                    if (t == JsonToken.START_OBJECT) {
                        JsonNode node = ODataJson.MAPPER.readTree(parser);
                        WmiObject o = json.decode(node, query.className());
                        return filter.isEmpty() || ClientFilter.test(filter.get(), o) ? o : null;
                    }
                    if (t != JsonToken.END_ARRAY) {
                        throw new MappingException("ExecQuery " + wql + ": an entry of value is not a JSON object");
                    }
                    inValue = false;
                }
                scanToValueOrEnd();
                return null;
            } catch (HttpTimeoutException | SocketTimeoutException e) {
                fail();
                throw new CallTimeoutException("ExecQuery " + wql, options.timeout(), settings.host(), e);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                fail();
                throw new MappingException("ExecQuery " + wql + ": a page from " + settings.host() + " is not valid JSON: "
                        + e.getOriginalMessage(), e);
            } catch (IOException e) {
                fail();
                throw new ConnectionException("ExecQuery " + wql + ": the connection to " + settings.host()
                        + " was lost while reading a page: " + e, settings.host(), e);
            } catch (RuntimeException e) {
                fail();
                throw e;
            }
        }

        private void openPage() throws IOException {
            URI uri = next;
            boolean first = current == null && !releaseByDelete;
            next = null;
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET()
                    .header("Prefer", "odata.maxpagesize=" + options.batchSize());
            // only the first page is retried: a later page's GET moves the server's cursor on
            current = send("ExecQuery", wql, b, options.timeout(), first);
            releaseByDelete = current.headers.firstValue(CURSOR_RELEASE_HEADER).isPresent();
            parser = ODataJson.FACTORY.createParser(current.body);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MappingException("ExecQuery " + wql + ": a page from " + settings.host() + " is not a JSON object");
            }
            scanToValueOrEnd();
        }

        /** Reads the page's top-level fields up to the start of {@code value} or the end, noting the next link. */
        private void scanToValueOrEnd() throws IOException {
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("value")) {
                    if (parser.currentToken() != JsonToken.START_ARRAY) {
                        throw new MappingException("ExecQuery " + wql + ": value of a page is not an array");
                    }
                    inValue = true;
                    return;
                }
                if (name.equals("@odata.nextLink")) {
                    next = nextLink(parser.getValueAsString());
                } else {
                    parser.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new MappingException("ExecQuery " + wql + ": a page from " + settings.host() + " ends early");
            }
            endPage();
            if (next == null) {
                done = true;
            }
        }

        private URI nextLink(String link) {
            URI u = root.resolve(link);
            if (!"https".equalsIgnoreCase(u.getScheme()) || !settings.host().equalsIgnoreCase(u.getHost())
                    || (u.getPort() < 0 ? 443 : u.getPort()) != settings.port()) {
                throw new ConnectionException("ExecQuery " + wql + ": the next link of " + settings.host() + " points to "
                        + u.getScheme() + "://" + u.getAuthority() + "; not followed (credentials go only to the provider)",
                        settings.host(), null);
            }
            return u;
        }

        private void endPage() {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // closing the stream below
                }
            }
            parser = null;
            inValue = false;
            if (current != null) {
                current.close();
            }
        }

        private void fail() {
            done = true;
            next = null;
            endPage();
        }

        void close() {
            boolean early = !done;
            URI pending = next;
            done = true;
            endPage();
            if (early && pending != null && releaseByDelete && !closed.get()) {
                // our loopback service keeps a cursor per query and says so; the real service pages statelessly
                try {
                    send("ExecQuery", wql + " (release)", HttpRequest.newBuilder(pending).DELETE(), options.timeout(), false)
                            .close();
                } catch (RuntimeException ignored) {
                    // the server drops idle cursors itself
                }
            }
            next = null;
        }
    }

}
