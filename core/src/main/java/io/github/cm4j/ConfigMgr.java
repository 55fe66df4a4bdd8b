package io.github.cm4j;

import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.internal.TransportProviders;
import io.github.cm4j.model.Site;
import io.github.cm4j.sitecontrol.SiteControl;
import io.github.cm4j.sync.SoftwareUpdatePoint;
import io.github.cm4j.updates.Deployments;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateGroups;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
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
 */
public final class ConfigMgr implements AutoCloseable {
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
        this.siteControl = new SiteControl(client);
    }

    /**
     * Connects without credentials (the embedded simulator, or a transport using the ambient identity).
     *
     * @param uri e.g. {@code memory:demo}
     * @return the connected client
     */
    public static ConfigMgr connect(String uri) {
        return builder().uri(uri).connect();
    }

    /**
     * @param uri e.g. {@code dcom://sccm.lab.local/PS1}
     * @param credentials the credentials
     * @return the connected client
     */
    public static ConfigMgr connect(String uri, Credentials credentials) {
        return builder().uri(uri).credentials(credentials).connect();
    }

    /** @return a builder for deadlines, batch size, credentials or an explicit transport provider */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the transport (for operations cm4j does not wrap yet) */
    public WmiTransport transport() {
        return transport;
    }

    /** @return the namespace calls go to, e.g. {@code root\sms\site_PS1} */
    public String namespace() {
        return namespace;
    }

    /**
     * Runs a WQL query, streaming results in batches. Close the stream (try-with-resources) when not
     * consuming it fully.
     *
     * @param wql the query
     * @return the results
     */
    public Stream<WmiObject> query(String wql) {
        return transport.query(namespace, wql, new QueryOptions(config.batchSize(), config.callTimeout()), WmiContext.empty());
    }

    /**
     * @param path an instance path, e.g. {@code SMS_SoftwareUpdate.CI_ID=16777397}
     * @return the instance with its lazy properties
     */
    public WmiObject get(String path) {
        return transport.get(namespace, ObjectPath.parse(path), callOptions(), WmiContext.empty());
    }

    /**
     * @param className a class name
     * @return the class definition as the provider has it (read once per connection, then cached)
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
     * @param arguments in-parameters by name
     * @return the out-parameters
     * @throws MethodFailedException when {@code ReturnValue} is not zero
     */
    public WmiObject invoke(String path, String method, Map<String, ?> arguments) {
        return client.invoke(ObjectPath.parse(path), method, arguments, WmiContext.empty());
    }

    /**
     * The site of this connection's namespace, read from {@code SMS_Site} on first use and cached for the
     * connection (one ExecQuery).
     *
     * @return code, name, server, version and parent
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

    /** @return software updates: queries by criteria, EULAs, enforcement, resend, content */
    public SoftwareUpdates softwareUpdates() {
        return new SoftwareUpdates(client, () -> site().version());
    }

    /** @return the software update point: synchronize and wait, synchronization status */
    public SoftwareUpdatePoint softwareUpdatePoint() {
        return new SoftwareUpdatePoint(client, this::site, siteControl);
    }

    /** @return the site control file: edit sessions and committed components */
    public SiteControl siteControl() {
        return siteControl;
    }

    /** @return update groups ({@code SMS_AuthorizationList}) */
    public UpdateGroups updateGroups() {
        return new UpdateGroups(client);
    }

    /** @return deployments of update groups */
    public Deployments deployments() {
        return new Deployments(client);
    }

    private CallOptions callOptions() {
        return new CallOptions(config.callTimeout());
    }

    /** Closes the transport. */
    @Override
    public void close() {
        transport.close();
    }

    /** @return {@code ConfigMgr[memory:demo, root\sms\site_CAS]} (credentials are never shown) */
    @Override
    public String toString() {
        return "ConfigMgr[" + config.uri() + ", " + namespace
                + (config.credentials().isNone() ? "" : ", " + config.credentials().account()) + "]";
    }

    /** Builds a {@link ConfigMgr}. Not thread-safe. */
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

        private Builder() {
        }

        /**
         * @param connectionUri {@code memory:demo}, {@code memory:demo?version=2007}, {@code dcom://host/PS1}, ...
         * @return this builder
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

        /** @param value the credentials @return this builder */
        public Builder credentials(Credentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /** @param value deadline for connecting @return this builder */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** @param value default deadline of one remote call @return this builder */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        /** @param value objects per round trip when enumerating @return this builder */
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
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** @param value the class loader to discover transports with @return this builder */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = value;
            return this;
        }

        /**
         * Connects.
         *
         * @return the connected client
         * @throws TransportNotFoundException when no transport handles the scheme
         * @throws TransportException when connecting fails
         */
        public ConfigMgr connect() {
            if (uri == null) {
                throw new IllegalStateException("no URI given; call uri(\"memory:demo\") or similar first");
            }
            TransportConfig config = new TransportConfig(uri, credentials, connectTimeout, callTimeout, batchSize);
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : ConfigMgr.class.getClassLoader();
            WmiTransportProvider chosen = provider != null ? provider : TransportProviders.forUri(uri, loader);
            return new ConfigMgr(chosen.open(config), config, clock, sleeper);
        }
    }
}
