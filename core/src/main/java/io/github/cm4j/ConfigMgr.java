package io.github.cm4j;

import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.diagnostics.Diagnosis;
import io.github.cm4j.internal.BoundedLists;
import io.github.cm4j.internal.Doctor;
import io.github.cm4j.internal.OperationAccess;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.internal.SiteChecks;
import io.github.cm4j.internal.TransportProviders;
import io.github.cm4j.model.Site;
import io.github.cm4j.sitecontrol.SiteControl;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import io.github.cm4j.updates.Deployments;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateCategories;
import io.github.cm4j.updates.UpdateGroups;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.DiagnosticStep;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A connection to a ConfigMgr SMS Provider: the entry point of cm4j.
 *
 * <pre>{@code
 * try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
 *     cm.query("SELECT * FROM SMS_SoftwareUpdate WHERE IsExpired = FALSE").limit(5).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>The transport is chosen by the URI scheme among those on the class path ({@code memory:} is the
 * embedded simulator of {@code cm4j-simulator}; {@code dcom://} the WMI-over-DCOM transport of
 * {@code cm4j-wmi-transport}). Thread-safe: one client serves concurrent calls. Close it to release the
 * connection.
 *
 * <p>Failures are unchecked {@link ConfigMgrException}s: {@link TransportException} subtypes when the
 * connection fails or a deadline passes, {@link WmiException} when the provider answers with a WBEM error,
 * {@link MethodFailedException} when a provider method returns a non-zero {@code ReturnValue}.
 */
public final class ConfigMgr implements AutoCloseable {
    /** The maximum number of results of {@link #queryAll(String)}; past it, stream with {@link #query(String)}. */
    public static final int DEFAULT_MAX_RESULTS = BoundedLists.DEFAULT_MAXIMUM;
    private final WmiTransport transport;
    private final TransportConfig config;
    private final String namespace;
    private final ProviderClient client;
    private final SiteControl siteControl;
    private volatile SiteInfo site;

    private ConfigMgr(WmiTransport transport, TransportConfig config, Clock clock, Sleeper sleeper) {
        this.transport = transport;
        this.config = config;
        this.namespace = transport.defaultNamespace();
        this.client = new ProviderClient(transport, namespace, config, clock, sleeper);
        this.siteControl = OperationAccess.siteControl().siteControl(client);
    }

    /**
     * Connects without credentials (the embedded simulator, or a transport using the ambient identity),
     * with the default deadlines and batch size.
     *
     * @param uri the connection URI, e.g. {@code memory:demo}
     * @return the connected client; close it when done
     * @throws IllegalArgumentException if {@code uri} is not a URI, or not valid for its transport
     * @throws TransportNotFoundException if no transport on the class path handles the URI's scheme (the
     *     message names the artifact to add)
     * @throws TransportException if connecting fails or its deadline passes
     */
    public static ConfigMgr connect(String uri) {
        return builder().uri(uri).connect();
    }

    /**
     * Connects with credentials, with the default deadlines and batch size.
     *
     * @param uri the connection URI, e.g. {@code dcom://sccm.lab.local/PS1}
     * @param credentials the credentials
     * @return the connected client; close it when done
     * @throws IllegalArgumentException if {@code uri} is not a URI, or not valid for its transport
     * @throws TransportNotFoundException if no transport on the class path handles the URI's scheme (the
     *     message names the artifact to add)
     * @throws AuthenticationException if the provider rejects the credentials
     * @throws TransportException if connecting fails otherwise or its deadline passes
     */
    public static ConfigMgr connect(String uri, Credentials credentials) {
        return builder().uri(uri).credentials(credentials).connect();
    }

    /**
     * Starts configuring a connection.
     *
     * @return a builder for deadlines, batch size, credentials or an explicit transport provider
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the transport this client uses, for operations cm4j does not wrap yet. Closing this client
     * closes it.
     *
     * @return the open transport
     */
    public WmiTransport transport() {
        return transport;
    }

    /**
     * Returns the WMI namespace this client's calls go to, as named by the connection URI.
     *
     * @return the namespace, e.g. {@code root\sms\site_PS1}
     */
    public String namespace() {
        return namespace;
    }

    /**
     * Runs a WQL query, streaming results in batches. Close the stream (try-with-resources) when not
     * consuming it fully. Lazy properties are NULL in the results; {@link #get(String)} loads them.
     *
     * @param wql the query, e.g. built with {@link Wql} so that values are escaped
     * @return the results, fetched batch by batch as the stream is consumed
     * @throws WmiException if the provider rejects the query (e.g. {@code WBEM_E_INVALID_QUERY},
     *     {@code WBEM_E_INVALID_CLASS})
     * @throws TransportException if the connection fails or a deadline passes
     */
    public Stream<WmiObject> query(String wql) {
        return query(wql, WmiContext.empty());
    }

    /**
     * Runs a WQL query and returns its results as a list, at most {@value #DEFAULT_MAX_RESULTS}: the convenience
     * beside {@link #query(String)} for results small enough to hold (no stream to close). Reading stops at the
     * first result past the maximum and the enumerator is released.
     *
     * @param wql the query
     * @return the results, unmodifiable
     * @throws TooManyResultsException if there are more than {@value #DEFAULT_MAX_RESULTS} results
     * @throws WmiException if the provider rejects the query
     * @throws TransportException if the connection fails or a deadline passes
     */
    public List<WmiObject> queryAll(String wql) {
        return queryAll(wql, DEFAULT_MAX_RESULTS);
    }

    /**
     * Runs a WQL query and returns at most {@code maxResults} results as a list (see {@link #queryAll(String)}).
     *
     * @param wql the query
     * @param maxResults the maximum, 1..1000000 (checked before any call)
     * @return the results, unmodifiable
     * @throws TooManyResultsException if there are more than {@code maxResults} results
     * @throws IllegalArgumentException if {@code maxResults} is out of range
     */
    public List<WmiObject> queryAll(String wql, int maxResults) {
        BoundedLists.checkMaximum(maxResults);
        return BoundedLists.collect(query(wql), maxResults, "queryAll " + (wql.length() > 120 ? wql.substring(0, 117) + "..." : wql), "ConfigMgr.query(wql)");
    }

    /**
     * Runs a WQL query with context values, as {@code SWbemServices.ExecQuery(query, , flags, context)} does:
     * with a {@link WmiContext#SESSION_HANDLE} the provider answers from that site control file session's copy.
     *
     * @param wql the query
     * @param context the context values sent with the call
     * @return the results, fetched batch by batch as the stream is consumed
     * @throws WmiException if the provider rejects the query or the context ({@code WBEM_E_INVALID_CONTEXT})
     * @throws TransportException if the connection fails or a deadline passes
     */
    public Stream<WmiObject> query(String wql, WmiContext context) {
        Objects.requireNonNull(context, "context");
        return transport.query(namespace, wql, new QueryOptions(config.batchSize(), config.callTimeout()), context);
    }

    /**
     * Reads one instance by its path (GetObject), lazy properties included.
     *
     * @param path an instance path, e.g. {@code SMS_SoftwareUpdate.CI_ID=16777397}
     * @return the instance with its lazy properties
     * @throws ParseException if {@code path} is not an object path
     * @throws WmiException {@code WBEM_E_NOT_FOUND} if there is no such instance
     * @throws TransportException if the connection fails or the deadline passes
     */
    public WmiObject get(String path) {
        return get(path, WmiContext.empty());
    }

    /**
     * Reads one instance by its path with context values (GetObject with an {@code IWbemContext}).
     *
     * @param path an instance path
     * @param context the context values sent with the call
     * @return the instance with its lazy properties
     * @throws ParseException if {@code path} is not an object path
     * @throws WmiException {@code WBEM_E_NOT_FOUND} if there is no such instance
     * @throws TransportException if the connection fails or the deadline passes
     */
    public WmiObject get(String path, WmiContext context) {
        Objects.requireNonNull(context, "context");
        return transport.get(namespace, ObjectPath.parse(path), callOptions(), context);
    }

    /**
     * Writes an instance (PutInstance, create or update) through the lazy-property guard, with
     * {@link io.github.cm4j.model.LazyWritePolicy#REQUIRE_LOADED}: see {@link #put(WmiObject, PutMode,
     * io.github.cm4j.model.LazyWritePolicy)}.
     *
     * @param instance the instance
     * @return the path written (with the key the provider assigned, for classes whose provider assigns one)
     * @throws MappingException when writing it back would wipe lazy properties it does not hold
     * @throws WmiException if the provider refuses the put (e.g. {@code WBEM_E_READ_ONLY} naming the property)
     * @throws TransportException if the connection fails or the deadline passes
     */
    public ObjectPath put(WmiObject instance) {
        return put(instance, PutMode.CREATE_OR_UPDATE, io.github.cm4j.model.LazyWritePolicy.REQUIRE_LOADED);
    }

    /**
     * Writes an instance through the lazy-property guard. Query results leave lazy properties NULL
     * ({@code LocalizedEulas}, {@code LocalizedInformation}, ...); writing such an object back as a whole
     * would wipe them on the server. Lazy properties NULL in {@code instance} are therefore either left out of
     * the write ({@code LEAVE_UNTOUCHED}: a partial put with {@code __PUT_EXTENSIONS}/{@code __PUT_EXT_PROPERTIES},
     * on transports with {@link io.github.cm4j.spi.Capability#PARTIAL_PUT}, which {@code memory:} and
     * {@code dcom://} have) or, with {@code REQUIRE_LOADED}, the put is refused naming them unless nothing would
     * be lost (a creation, or one GetObject shows them NULL on the server too).
     *
     * @param instance the instance
     * @param mode create/update semantics
     * @param policy what to do about NULL lazy properties
     * @return the path written
     * @throws MappingException when the put would wipe lazy properties (the message names them and how to load them)
     * @throws WmiException if the provider refuses the put
     * @throws TransportException if the connection fails or the deadline passes
     */
    public ObjectPath put(WmiObject instance, PutMode mode, io.github.cm4j.model.LazyWritePolicy policy) {
        return client.putGuarded(instance, mode, WmiContext.empty(), policy);
    }

    /**
     * Writes a typed model back (PutInstance, update) through the lazy-property guard: only what differs from
     * the object it was read from changes; lazy properties the model never loaded ({@link
     * io.github.cm4j.model.Lazy#notLoaded()}) are refused ({@code REQUIRE_LOADED}) or left untouched by a partial
     * put ({@code LEAVE_UNTOUCHED}).
     *
     * @param model a model, usually read and changed with its {@code with...} methods
     * @param policy what to do about lazy properties that were never loaded
     * @return the path written
     * @throws MappingException when a lazy property was not loaded and the policy does not allow leaving it untouched
     * @throws WmiException if the provider refuses the put
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ObjectPath put(io.github.cm4j.model.WmiModel model, io.github.cm4j.model.LazyWritePolicy policy) {
        Objects.requireNonNull(model, "model");
        return client.putModel(model, (Class) model.getClass(), model.sourceObject().isPresent()
                ? PutMode.UPDATE_ONLY : PutMode.CREATE_OR_UPDATE, WmiContext.empty(), policy);
    }

    /**
     * Reads a class definition as the provider has it (inherited properties included): once per connection,
     * then from the connection's cache. Over a transport without
     * {@link io.github.cm4j.spi.Capability#CLASS_DEFINITIONS} the definition comes from cm4j's built-in schema.
     *
     * @param className a class name, e.g. {@code SMS_SoftwareUpdate}
     * @return the class definition
     * @throws WmiException {@code WBEM_E_NOT_FOUND} or {@code WBEM_E_INVALID_CLASS} if the provider has no such
     *     class
     * @throws IllegalArgumentException if the transport cannot read classes and the built-in schema has no
     *     such class
     * @throws TransportException if the connection fails or the deadline passes
     */
    public WmiClass getClass(String className) {
        // One cache per connection, shared with the operations (method signatures of invoke); a transport
        // without class definitions is asked directly, never answered from the built-in schema.
        return transport.capabilities().contains(io.github.cm4j.spi.Capability.CLASS_DEFINITIONS)
                ? client.wmiClass(className)
                : transport.getClass(namespace, className, callOptions(), WmiContext.empty());
    }

    /**
     * Runs a method the SDK does not wrap yet, with in-parameters by name (Java values converted to the
     * parameter's CIM type, or {@link io.github.cm4j.cim.CimValue}s).
     *
     * <pre>{@code
     * cm.invoke("SMS_SoftwareUpdate.CI_ID=16777300", "AcceptEULA", Map.of("Accepted", true));
     * }</pre>
     *
     * @param path a class path (static methods) or instance path
     * @param method the method
     * @param arguments in-parameters by name (case-insensitive); a null value leaves the parameter NULL
     * @return the out-parameters
     * @throws ParseException if {@code path} is not an object path
     * @throws IllegalArgumentException if the method has no in-parameter of one of the given names
     * @throws MappingException if a value does not fit its parameter's CIM type
     * @throws WmiException if the class has no such method ({@code WBEM_E_INVALID_METHOD}) or the provider
     *     refuses the call
     * @throws MethodFailedException when {@code ReturnValue} is not zero
     */
    public WmiObject invoke(String path, String method, Map<String, ?> arguments) {
        return invoke(path, method, arguments, WmiContext.empty());
    }

    /**
     * Runs a method with context values, as {@code SWbemServices.ExecMethod(path, method, inParams, , context)}
     * does (the site control file methods read the {@link WmiContext#SESSION_HANDLE} from it).
     *
     * <pre>{@code
     * cm.invoke("SMS_SiteControlFile", "CommitSCF", Map.of("SiteCode", "CEN"), context);
     * }</pre>
     *
     * @param path a class path (static methods) or instance path
     * @param method the method
     * @param arguments in-parameters by name (case-insensitive)
     * @param context the context values sent with the call
     * @return the out-parameters
     * @throws ParseException if {@code path} is not an object path
     * @throws WmiException if the provider refuses the call (e.g. {@code WBEM_E_INVALID_CONTEXT})
     * @throws MethodFailedException when {@code ReturnValue} is not zero
     */
    public WmiObject invoke(String path, String method, Map<String, ?> arguments, WmiContext context) {
        Objects.requireNonNull(context, "context");
        return client.invoke(ObjectPath.parse(path), method, arguments, context);
    }

    /**
     * The site of this connection's namespace, read from {@code SMS_Site} on first use and cached for the
     * connection (one ExecQuery).
     *
     * @return code, name, server, version and parent
     * @throws ConfigMgrException if the namespace is not a site namespace ({@code root\sms\site_XXX}) or
     *     {@code SMS_Site} has no row for its site
     */
    public SiteInfo site() {
        SiteInfo s = site;
        if (s == null) {
            s = readSite();
            site = s;
        }
        return s;
    }

    private SiteInfo readSite() {
        String code = client.namespaceSiteCode();
        if (code.isEmpty()) {
            throw new ConfigMgrException("the namespace " + namespace + " is not a site namespace (root\\sms\\site_XXX);"
                    + " connect to a site to use the site-aware operations");
        }
        Site row;
        try (Stream<Site> rows = client.query(Site.class, Wql.select("*").from("SMS_Site")
                .where(Criteria.eq("SiteCode", code)).build(), WmiContext.empty())) {
            row = rows.findFirst().orElseThrow(() -> new ConfigMgrException("SMS_Site has no row for site " + code
                    + " in " + namespace));
        }
        return new SiteInfo(row.siteCode(), row.siteName(), row.serverName(), SiteVersion.parse(row.version()),
                row.reportingSiteCode().isEmpty() ? Optional.empty() : Optional.of(row.reportingSiteCode()));
    }

    /**
     * Operations on software updates over this connection. Cheap to call; the result shares this client.
     *
     * @return software updates: queries by criteria, EULAs, enforcement, resend, content
     */
    public SoftwareUpdates softwareUpdates() {
        return OperationAccess.updates().softwareUpdates(client, () -> site().version());
    }

    /**
     * Operations on the software update point of this connection's site. Cheap to call; the result shares
     * this client.
     *
     * @return the software update point: synchronize and wait, synchronization status
     */
    public SoftwareUpdatePoint softwareUpdatePoint() {
        return OperationAccess.sync().softwareUpdatePoint(client, this::site, siteControl);
    }

    /**
     * The site control file of this connection's provider.
     *
     * @return the site control file: edit sessions and committed components
     */
    public SiteControl siteControl() {
        return siteControl;
    }

    /**
     * Operations on update groups over this connection. Cheap to call; the result shares this client.
     *
     * @return update groups ({@code SMS_AuthorizationList})
     */
    public UpdateGroups updateGroups() {
        return OperationAccess.updates().updateGroups(client);
    }

    /**
     * Products and update classifications over this connection: name to ID lookups, and adding or removing them
     * from what the software update point synchronizes. Cheap to call; the result shares this client.
     *
     * @return the update categories ({@code SMS_UpdateCategoryInstance})
     */
    public UpdateCategories updateCategories() {
        return OperationAccess.updates().updateCategories(client);
    }

    /**
     * Operations on deployments of update groups over this connection. Cheap to call; the result shares
     * this client.
     *
     * @return deployments of update groups ({@code SMS_UpdateGroupAssignment})
     */
    public Deployments deployments() {
        return OperationAccess.updates().deployments(client, () -> site().version());
    }

    /**
     * Runs the ConfigMgr-level checks over this connection: namespace and provider version, clock skew from the
     * provider's own time, read rights, whether a site control session can be opened (and released without
     * committing), the software update point, the last synchronization and pending license terms. Read-only: it
     * never changes the site. Each check has the default deadline ({@value #DIAGNOSE_CHECK_SECONDS} s) and the run
     * is bounded ({@value #DIAGNOSE_TOTAL_SECONDS} s). For the transport-level checks too (name resolution, ports,
     * activation, authentication), use {@link Builder#diagnose()}, which works even when connecting fails.
     *
     * @return the checks; never throws for what it finds (a failure is a failed check)
     */
    public Diagnosis diagnose() {
        Doctor doctor = new Doctor(Doctor.DEFAULT_CHECK_DEADLINE, Doctor.DEFAULT_TOTAL);
        SiteChecks.run(this, doctor);
        return new Diagnosis(config.uri().toString(), config.credentials().isNone() ? "" : config.credentials().account(),
                doctor.results(), doctor.elapsed());
    }

    /** Default deadline of one check of {@link #diagnose()}, in seconds. */
    public static final long DIAGNOSE_CHECK_SECONDS = 15;
    /** Default bound of a whole {@link #diagnose()} run, in seconds. */
    public static final long DIAGNOSE_TOTAL_SECONDS = 90;

    private CallOptions callOptions() {
        return new CallOptions(config.callTimeout());
    }

    /** Closes the transport and releases what it holds. Idempotent; throws nothing checked. */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Describes the connection: URI, namespace and account, never a secret.
     *
     * @return e.g. {@code ConfigMgr[memory:demo, root\sms\site_CAS]}
     */
    @Override
    public String toString() {
        return "ConfigMgr[" + config.uri() + ", " + namespace
                + (config.credentials().isNone() ? "" : ", " + config.credentials().account()) + "]";
    }

    /**
     * Builds a {@link ConfigMgr}: the URI is required, everything else has a default. Not thread-safe: use
     * one builder per thread.
     */
    public static final class Builder {
        private URI uri;
        private Credentials credentials = Credentials.none();
        private Duration connectTimeout = TransportConfig.DEFAULT_CONNECT_TIMEOUT;
        private Duration callTimeout = TransportConfig.DEFAULT_CALL_TIMEOUT;
        private int batchSize = TransportConfig.DEFAULT_BATCH_SIZE;
        private WmiTransportProvider provider;
        private ClassLoader classLoader;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private final Map<String, String> decoratorOptions = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the connection URI; its scheme chooses the transport.
         *
         * @param connectionUri {@code memory:demo}, {@code memory:demo?version=2007}, {@code dcom://host/PS1}, ...
         * @return this builder
         * @throws NullPointerException if {@code connectionUri} is null
         * @throws IllegalArgumentException when it is not a URI
         */
        public Builder uri(String connectionUri) {
            Objects.requireNonNull(connectionUri, "uri");
            try {
                this.uri = new URI(connectionUri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid connection URI '" + connectionUri + "': " + e.getReason(), e);
            }
            return this;
        }

        /**
         * Sets the credentials. Default: {@link Credentials#none()}.
         *
         * @param value the credentials
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder credentials(Credentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * Sets the deadline for connecting and authenticating. Default:
         * {@link TransportConfig#DEFAULT_CONNECT_TIMEOUT}.
         *
         * @param value the deadline; positive (checked by {@link #connect()})
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /**
         * Sets the deadline of each remote call. Default: {@link TransportConfig#DEFAULT_CALL_TIMEOUT}.
         *
         * @param value the deadline; positive (checked by {@link #connect()})
         * @return this builder
         */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /**
         * Sets how many objects each round trip of a query fetches. Default:
         * {@link TransportConfig#DEFAULT_BATCH_SIZE}.
         *
         * @param value objects per round trip, 1..100000 (checked by {@link #connect()})
         * @return this builder
         */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /**
         * Uses this provider instead of discovering one by scheme (e.g. a transport under test).
         *
         * @param value the provider
         * @return this builder
         */
        public Builder provider(WmiTransportProvider value) {
            this.provider = value;
            return this;
        }

        /**
         * The client's clock: the timestamps the client writes (the ConfigMgr 2007 {@code Sync Now} value) and
         * the deadlines of waits such as {@code SyncJob.await}. Default: {@link Clock#systemUTC()}.
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How waits between polls are made. Default: {@link Sleeper#system()}; with a simulated clock, pass
         * one that advances it ({@code clock::advance}).
         *
         * @param value the sleeper
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Records every call and answer of the connection to a file (JSON Lines, secrets never written), as the URI
         * option {@code record=FILE} does; needs {@code io.github.cm4j:cm4j-recording} on the class path. Replay it with
         * {@code replay:FILE}. See docs/troubleshooting.md.
         *
         * @param file the recording file (rotated to {@code FILE.1}, ... when it reaches its size bound)
         * @return this builder
         * @throws NullPointerException if {@code file} is null
         */
        public Builder record(java.nio.file.Path file) {
            decoratorOptions.put("record", file.toString());
            return this;
        }

        /**
         * What a recording replaces by stable tokens, as the URI option {@code redact=} does: a comma-separated subset of
         * {@code hosts,users,sites,text}. Only with {@link #record}.
         *
         * @param categories e.g. {@code hosts,users}
         * @return this builder
         * @throws NullPointerException if {@code categories} is null
         */
        public Builder redact(String categories) {
            decoratorOptions.put("redact", Objects.requireNonNull(categories, "categories"));
            return this;
        }

        /**
         * Sets the class loader transports are discovered with ({@link java.util.ServiceLoader}). Default: the
         * thread's context class loader, or else the one that loaded cm4j.
         *
         * @param value the class loader, or null for the default
         * @return this builder
         */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = value;
            return this;
        }

        /**
         * Diagnoses the connection this builder describes without throwing for what it finds, with the default
         * deadlines ({@value ConfigMgr#DIAGNOSE_CHECK_SECONDS} s per check, {@value ConfigMgr#DIAGNOSE_TOTAL_SECONDS} s
         * in all). See {@link #diagnose(Duration, Duration)}.
         *
         * @return the ordered checks
         * @throws IllegalStateException if no URI was given
         */
        public Diagnosis diagnose() {
            return diagnose(Duration.ofSeconds(DIAGNOSE_CHECK_SECONDS), Duration.ofSeconds(DIAGNOSE_TOTAL_SECONDS));
        }

        /**
         * Diagnoses the connection this builder describes: first the transport's own checks
         * ({@link WmiTransportProvider#diagnostics}: for {@code dcom://} name resolution and FQDN, TCP 135, NTLM
         * offered, clock skew, Kerberos ticket for the SPN, activation at the requested level, the exporter port the
         * server names), then a session is opened, then the ConfigMgr-level checks of {@link ConfigMgr#diagnose()}.
         * A check that cannot run is skipped with the reason. Read-only: it never changes the site. Every check runs
         * under {@code perCheck} (connecting too) and the run stops starting checks once {@code total} is spent.
         *
         * @param perCheck the deadline of one check; positive
         * @param total the bound of the whole run; positive
         * @return the ordered checks
         * @throws IllegalStateException if no URI was given
         * @throws IllegalArgumentException if a deadline is not positive
         */
        public Diagnosis diagnose(Duration perCheck, Duration total) {
            if (uri == null) {
                throw new IllegalStateException("no URI given; call uri(\"memory:demo\") or similar first");
            }
            Doctor doctor = new Doctor(perCheck, total);
            String account = credentials.isNone() ? "" : credentials.account();
            WmiTransportProvider chosen;
            TransportConfig config;
            try {
                // recording options are not the transport's; a diagnosis records nothing
                URI target = io.github.cm4j.internal.Decorators.split(uri, Map.of()).uri();
                config = new TransportConfig(target, credentials, min(connectTimeout, perCheck), min(callTimeout, perCheck), batchSize);
                chosen = provider != null ? provider : TransportProviders.forUri(target, loader());
            } catch (RuntimeException e) {
                doctor.record(Doctor.failure("transport", "Transport for the URI", e));
                return new Diagnosis(uri.toString(), account, doctor.results(), doctor.elapsed());
            }
            List<DiagnosticStep> steps;
            try {
                steps = chosen.diagnostics(config);
            } catch (RuntimeException e) {
                steps = List.of();
                doctor.record(Doctor.failure("transport", "Transport checks", e));
            }
            for (DiagnosticStep step : steps) {
                doctor.run(step.id(), step.title(), step::run);
            }
            // the session is handed over only when its check passed in time; one that completes after its deadline
            // is closed by the late completion (Doctor's onAbandon), never used
            java.util.concurrent.atomic.AtomicReference<ConfigMgr> opened = new java.util.concurrent.atomic.AtomicReference<>();
            TransportConfig sessionConfig = config;
            Check session = doctor.run("session", "Open a session (connect, authenticate, log on to the namespace)", d -> {
                TransportConfig c = new TransportConfig(sessionConfig.uri(), sessionConfig.credentials(), min(sessionConfig.connectTimeout(), d),
                        sessionConfig.callTimeout(), sessionConfig.batchSize());
                ConfigMgr cm = new ConfigMgr(chosen.open(c), c, clock, sleeper);
                opened.set(cm);
                return Check.pass("session", "", "session open on " + cm.namespace() + (account.isEmpty() ? "" : " as " + account));
            }, late -> {
                ConfigMgr cm = opened.getAndSet(null);
                if (cm != null) {
                    cm.close();
                }
            });
            ConfigMgr cm = opened.getAndSet(null);
            if (cm != null && session.verdict() != io.github.cm4j.diagnostics.Verdict.PASS) {
                cm.close();
                cm = null;
            }
            if (cm == null) {
                for (String[] c : SiteChecks.CHECKS) {
                    doctor.record(Check.skipped(c[0], c[1], "no session (see check session)"));
                }
            } else {
                try {
                    SiteChecks.run(cm, doctor);
                } finally {
                    cm.close();
                }
            }
            return new Diagnosis(uri.toString(), account, doctor.results(), doctor.elapsed());
        }

        private static Duration min(Duration a, Duration b) {
            return a == null || b.compareTo(a) < 0 ? b : a;
        }

        private ClassLoader loader() {
            return classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : ConfigMgr.class.getClassLoader();
        }

        /**
         * Connects with the settings of this builder.
         *
         * @return the connected client; close it when done
         * @throws IllegalStateException if no URI was given
         * @throws IllegalArgumentException if a deadline is not positive, the batch size is out of range, or
         *     the URI has no scheme or is not valid for its transport
         * @throws TransportNotFoundException when no transport handles the scheme (the message names the
         *     artifact to add)
         * @throws ConfigMgrException when several transports on the class path claim the scheme
         * @throws AuthenticationException if the provider rejects the credentials
         * @throws TransportException when connecting fails otherwise or its deadline passes
         */
        public ConfigMgr connect() {
            if (uri == null) {
                throw new IllegalStateException("no URI given; call uri(\"memory:demo\") or similar first");
            }
            io.github.cm4j.internal.Decorators.Split split = io.github.cm4j.internal.Decorators.split(uri, decoratorOptions);
            TransportConfig config = new TransportConfig(split.uri(), credentials, connectTimeout, callTimeout, batchSize);
            ClassLoader loader = loader();
            WmiTransportProvider chosen = provider != null ? provider : TransportProviders.forUri(split.uri(), loader);
            // bad decorator options fail before anything is opened (no connection made only to be closed)
            io.github.cm4j.internal.Decorators.validate(split.options(), loader);
            WmiTransport opened = io.github.cm4j.internal.Decorators.apply(chosen.open(config), config, split.options(), loader);
            return new ConfigMgr(opened, config, clock, sleeper);
        }
    }
}
