package io.github.cm4j.wmi.simulator;

import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.dcom.IActivation;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.dcom.IRemUnknown;
import io.github.cm4j.wmi.dcom.IRemUnknown2;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.kerberos.KerberosAcceptor;
import io.github.cm4j.wmi.kerberos.KerberosSecurityContext;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.nio.file.Path;
import java.time.Clock;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcServer;
import io.github.cm4j.wmi.rpc.SyntaxId;
import io.github.cm4j.wmi.wbem.IEnumWbemClassObject;
import io.github.cm4j.wmi.wbem.IWbemCallResult;
import io.github.cm4j.wmi.wbem.IWbemFetchSmartEnum;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import io.github.cm4j.wmi.wbem.IWbemServices;
import io.github.cm4j.wmi.wbem.IWbemWcoSmartEnum;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A real MS-WMI/DCOM server backed by a {@link SimulatedProvider}: DCOM WMI clients (cm4j's {@code dcom://} transport,
 * impacket, ...) activate {@code CLSID_WbemLevel1Login} on its activation port, log on to {@code root\sms\site_<code>}
 * with NTLMv2 and query, read, write and call methods of the simulated sites.
 *
 * <pre>{@code
 * try (WmiServer server = WmiServer.builder()
 *         .provider(SimulatedProvider.demo())
 *         .account("LAB", "admin", "secret")                 // Access.FULL
 *         .account("LAB", "reader", "secret", Access.READ_ONLY)
 *         .activationPort(0)                                 // 0: ephemeral (default); 135 as Windows
 *         .build()) {
 *     int port = server.start();                             // the bound activation port
 *     // dcom://127.0.0.1:<port>/root/sms/site_CAS ...
 * }
 * }</pre>
 *
 * <p>Two listeners on the same address: the activation endpoint ({@link #activationPort()}, the object resolver —
 * IRemoteSCMActivator, IRemoteActivation, IObjectExporter) and the object exporter ({@link #exporterPort()}, a
 * dynamic port announced in the activation reply as {@code ncacn_ip_tcp} string binding {@code <address>[<port>]}).
 * Both verify NTLMv2 against the configured accounts and refuse calls below {@link Builder#minimumAuthLevel}
 * (default {@link AuthLevel#PKT_INTEGRITY}, the KB5004442 hardening rule) with ERROR_ACCESS_DENIED, as Windows does.
 *
 * <p>Objects handed out (IWbemLevel1Login, IWbemServices, enumerators) live in an object table: released by
 * IRemUnknown::RemRelease, or dropped when not pinged (IObjectExporter::SimplePing / ComplexPing) for
 * {@link Builder#objectTimeout} (default 6 minutes: three missed 2-minute pings, MS-DCOM 3.2.6.1).
 *
 * <p>Thread-safe. {@link #close()} stops both listeners, closes every connection, releases every object and joins
 * every thread the server started; it is idempotent.
 */
public final class WmiServer implements AutoCloseable {
    /** IID_IUnknown: every exported object answers it. */
    static final UUID IID_IUNKNOWN = UUID.fromString("00000000-0000-0000-c000-000000000046");

    /** The names {@link #callCount} and {@link #callCounts} use for the interfaces served. */
    private static final Map<UUID, String> INTERFACE_NAMES = Map.ofEntries(
            Map.entry(IRemUnknown.IID, "IRemUnknown"), Map.entry(IRemUnknown2.IID, "IRemUnknown2"),
            Map.entry(IWbemLevel1Login.IID, "IWbemLevel1Login"), Map.entry(IWbemServices.IID, "IWbemServices"),
            Map.entry(IEnumWbemClassObject.IID, "IEnumWbemClassObject"), Map.entry(IWbemFetchSmartEnum.IID, "IWbemFetchSmartEnum"),
            Map.entry(IWbemWcoSmartEnum.IID, "IWbemWCOSmartEnum"), Map.entry(IWbemCallResult.IID, "IWbemCallResult"),
            Map.entry(IRemoteScmActivator.IID, "IRemoteSCMActivator"), Map.entry(IActivation.IID, "IRemoteActivation"),
            Map.entry(IObjectExporter.IID, "IObjectExporter"));

    private final Builder settings;
    private final CallCounter calls = new CallCounter();
    private volatile WmiObjects objects;
    private final List<AccountAccess> accounts;
    private final NtlmServer ntlm;
    /** The Kerberos acceptor (service keys from a keytab), or null when the server speaks NTLM only. */
    private final KerberosAcceptor kerberos;
    private volatile ObjectExporter exporter;
    private volatile RpcServer exporterServer;
    private volatile RpcServer activationServer;
    private volatile boolean closed;

    /** An account and what it may do (the secret is only in the NtlmServer, hashed). */
    record AccountAccess(String domain, String user, Access access) {
        boolean matches(String d, String u) {
            // A Kerberos client arrives as user@REALM: the realm LAB.TEST names the domain LAB (its first label).
            return user.equalsIgnoreCase(u) && (domain.isEmpty() || domain.equalsIgnoreCase(d)
                    || d.toUpperCase(Locale.ROOT).startsWith(domain.toUpperCase(Locale.ROOT) + "."));
        }
    }

    private WmiServer(Builder b, List<AccountAccess> accounts, NtlmServer ntlm, KerberosAcceptor kerberos) {
        this.settings = b;
        this.accounts = List.copyOf(accounts);
        this.ntlm = ntlm;
        this.kerberos = kerberos;
    }

    /** @return a builder: loopback address, ephemeral ports, minimum level packet integrity */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a server; {@link #build()} makes it, {@link WmiServer#start()} binds it. */
    public static final class Builder {
        private SimulatedProvider provider;
        private final List<AccountAccess> accounts = new ArrayList<>();
        private final List<Credentials> credentials = new ArrayList<>();
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int activationPort;
        private int exporterPort;
        private AuthLevel minimumLevel = AuthLevel.PKT_INTEGRITY;
        private String computerName;
        private Duration objectTimeout = Duration.ofMinutes(6);
        private Duration callTimeout = Duration.ofSeconds(60);
        private int maxConnections = 64;
        private Duration authTimeout = Duration.ofSeconds(10);
        private int maxUnauthenticated = 16;
        private int maxConnectionsPerAddress = 32;
        private int announcedExporterPort = -1;
        private String kerberosPrincipal;
        private Path keytab;
        private boolean refuseNtlm;
        private boolean refuseRc4;

        private Builder() {
        }

        /**
         * Announces this port for the object exporter in activation replies instead of the port it listens on: a
         * server behind a firewall that drops the dynamic RPC range, for tests of clients and of {@code cm4j doctor}.
         *
         * @param port the port to announce, 1..65535 (nothing need listen there)
         * @return this
         */
        public Builder announcedExporterPort(int port) {
            if (port < 1 || port > 0xFFFF) {
                throw new IllegalArgumentException("port " + port + " is outside 1..65535");
            }
            this.announcedExporterPort = port;
            return this;
        }

        /** @return this, serving this simulated hierarchy (required) */
        public Builder provider(SimulatedProvider p) {
            this.provider = Objects.requireNonNull(p, "provider");
            return this;
        }

        /**
         * Adds an account with {@link Access#FULL} access.
         *
         * @param domain the NetBIOS domain; empty matches any domain the client names
         * @param user the user name (case-insensitive)
         * @param password the password (hashed at once; not kept)
         * @return this
         */
        public Builder account(String domain, String user, String password) {
            return account(domain, user, password, Access.FULL);
        }

        /**
         * Adds an account.
         *
         * @param domain the NetBIOS domain; empty matches any domain the client names
         * @param user the user name (case-insensitive)
         * @param password the password (hashed at once; not kept)
         * @param access what the account may do once authenticated
         * @return this
         */
        public Builder account(String domain, String user, String password, Access access) {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(access, "access");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("an account needs a user name");
            }
            credentials.add(Credentials.of(domain.isEmpty() ? user : domain + "\\" + user, password));
            accounts.add(new AccountAccess(domain, user, access));
            return this;
        }

        /** @return this, listening on this address (default: loopback) */
        public Builder address(InetAddress a) {
            this.address = Objects.requireNonNull(a, "address");
            return this;
        }

        /** @return this, with the activation endpoint on this port (0, the default: ephemeral; 135 as Windows) */
        public Builder activationPort(int port) {
            this.activationPort = checkPort(port);
            return this;
        }

        /** @return this, with the object exporter on this port (0, the default: ephemeral) */
        public Builder exporterPort(int port) {
            this.exporterPort = checkPort(port);
            return this;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
            return port;
        }

        /**
         * @param level the lowest authentication level accepted on either endpoint (default
         *     {@link AuthLevel#PKT_INTEGRITY}); also announced as the authentication hint of activation replies.
         *     Lower levels exist only to show, in a test, what the DCOM hardening rule prevents.
         * @return this
         */
        public Builder minimumAuthLevel(AuthLevel level) {
            this.minimumLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * Accepts Kerberos (DCE style, RPC_C_AUTHN_GSS_KERBEROS, and SPNEGO, RPC_C_AUTHN_GSS_NEGOTIATE) with the service
         * principal's keys from a keytab, as {@code cm4j serve --keytab FILE --principal P}.
         *
         * @param principal the service principal, {@code host/fqdn@REALM}
         * @param keytabFile its keytab
         * @return this
         */
        public Builder kerberos(String principal, Path keytabFile) {
            this.kerberosPrincipal = Objects.requireNonNull(principal, "principal");
            this.keytab = Objects.requireNonNull(keytabFile, "keytabFile");
            return this;
        }

        /**
         * An account that logs on with Kerberos only (no NTLM secret here): {@code alice@LAB.TEST} or {@code LAB\alice}.
         *
         * @param principal the client principal
         * @param access what it may do
         * @return this
         */
        public Builder kerberosAccount(String principal, Access access) {
            int at = principal.lastIndexOf('@');
            int bs = principal.indexOf('\\');
            String domain = at >= 0 ? principal.substring(at + 1) : bs >= 0 ? principal.substring(0, bs) : "";
            String user = at >= 0 ? principal.substring(0, at) : bs >= 0 ? principal.substring(bs + 1) : principal;
            accounts.add(new AccountAccess(domain, user, Objects.requireNonNull(access, "access")));
            return this;
        }

        /**
         * @param refuse whether to refuse NTLM as a Windows server denying incoming NTLM does: the challenge is sent,
         *     the logon refused, the first call answered with access denied ({@code cm4j serve --no-ntlm})
         * @return this
         */
        public Builder refuseNtlm(boolean refuse) {
            this.refuseNtlm = refuse;
            return this;
        }

        /**
         * @param refuse whether Kerberos tickets and session keys of rc4-hmac are refused (as servers with RC4 off)
         * @return this
         */
        public Builder refuseRc4(boolean refuse) {
            this.refuseRc4 = refuse;
            return this;
        }

        /** @return this, with the NetBIOS computer name announced by NTLM (default: the top site's server) */
        public Builder computerName(String name) {
            this.computerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @return this, dropping exported objects not pinged (nor called) for this long (default 6 minutes) */
        public Builder objectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("object timeout " + timeout);
            }
            this.objectTimeout = timeout;
            return this;
        }

        /** @return this, with the deadline of each call into the simulator (default 60 s) */
        public Builder callTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("call timeout " + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /** @return this, serving at most this many connections per endpoint (default 64) */
        public Builder maxConnections(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConnections " + n);
            }
            this.maxConnections = n;
            return this;
        }

        /**
         * @param timeout how long a new connection may take to authenticate before it is closed (default 10 s; see
         *     {@link RpcServer.Builder#authTimeout})
         * @return this
         */
        public Builder authTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("auth timeout " + timeout);
            }
            this.authTimeout = timeout;
            return this;
        }

        /**
         * @param n how many connections per endpoint may be open without having authenticated (default 16; the oldest
         *     is closed when a new one would exceed it; see {@link RpcServer.Builder#maxUnauthenticated})
         * @return this
         */
        public Builder maxUnauthenticated(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxUnauthenticated " + n);
            }
            this.maxUnauthenticated = n;
            return this;
        }

        /**
         * @param n how many connections per endpoint one peer IP address may hold open at once (default 32, half of
         *     the default {@link #maxConnections}); a new one past it is closed at once, so that one host cannot take
         *     the slots of the others; see {@link RpcServer.Builder#maxConnectionsPerAddress}
         * @return this
         */
        public Builder maxConnectionsPerAddress(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConnectionsPerAddress " + n);
            }
            this.maxConnectionsPerAddress = n;
            return this;
        }

        /**
         * @return the server, not yet listening
         * @throws IllegalStateException without a provider or an account
         */
        public WmiServer build() {
            if (provider == null) {
                throw new IllegalStateException("a SimulatedProvider is required: builder().provider(SimulatedProvider.demo())");
            }
            if (accounts.isEmpty()) {
                throw new IllegalStateException("at least one account is required: builder().account(domain, user, password)");
            }
            String server = provider.topSite().serverName();
            String netbios = (computerName != null ? computerName : server.split("\\.", 2)[0]).toUpperCase(Locale.ROOT);
            String domain = accounts.get(0).domain().isEmpty() ? "WORKGROUP" : accounts.get(0).domain().toUpperCase(Locale.ROOT);
            NtlmServer ntlm = NtlmServer.builder().computerName(netbios).domainName(domain).accounts(credentials).build();
            KerberosAcceptor kerberos = keytab == null ? null
                    : KerberosAcceptor.fromKeytab(kerberosPrincipal, keytab, Clock.systemUTC(), KerberosAcceptor.DEFAULT_SKEW, !refuseRc4);
            return new WmiServer(withoutSecrets(), accounts, ntlm, kerberos);
        }

        /**
         * @return a copy of these settings without the accounts' passwords: the server keeps NT hashes only (in its
         *     NtlmServer), never this builder and its {@link Credentials} (issue 19)
         */
        private Builder withoutSecrets() {
            Builder c = new Builder();
            c.provider = provider;
            c.accounts.addAll(accounts);
            c.address = address;
            c.activationPort = activationPort;
            c.exporterPort = exporterPort;
            c.minimumLevel = minimumLevel;
            c.computerName = computerName;
            c.objectTimeout = objectTimeout;
            c.callTimeout = callTimeout;
            c.maxConnections = maxConnections;
            c.authTimeout = authTimeout;
            c.maxUnauthenticated = maxUnauthenticated;
            c.maxConnectionsPerAddress = maxConnectionsPerAddress;
            c.announcedExporterPort = announcedExporterPort;
            c.kerberosPrincipal = kerberosPrincipal;
            c.keytab = keytab;
            c.refuseNtlm = refuseNtlm;
            c.refuseRc4 = refuseRc4;
            return c;
        }
    }

    /**
     * Binds both endpoints and starts serving.
     *
     * @return the bound activation port
     * @throws io.github.cm4j.ConnectionException when an address cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public synchronized int start() {
        if (closed || activationServer != null) {
            throw new IllegalStateException(closed ? "the server is closed" : "the server is already started");
        }
        RpcServer objects = null;
        try {
            ObjectExporter table = new ObjectExporter(settings.objectTimeout, settings.minimumLevel);
            WmiObjects wmi = new WmiObjects(settings.provider, this::accessOf, settings.callTimeout, table);
            this.objects = wmi;
            RpcServer.Builder ob = rpcBuilder(settings.exporterPort);
            for (UUID iid : List.of(IRemUnknown.IID, IRemUnknown2.IID, IWbemLevel1Login.IID, IWbemServices.IID,
                    IEnumWbemClassObject.IID, IWbemFetchSmartEnum.IID, IWbemWcoSmartEnum.IID, IWbemCallResult.IID)) {
                ob.register(SyntaxId.of(iid.toString(), 0, 0), calls.counting(INTERFACE_NAMES.get(iid), table::dispatch));
            }
            objects = ob.start();
            table.listening(settings.address, settings.announcedExporterPort > 0 ? settings.announcedExporterPort : objects.port(),
                    ntlm.computerName());
            Activator activator = new Activator(table, wmi);
            RpcServer.Builder ab = rpcBuilder(settings.activationPort);
            for (UUID iid : List.of(IRemoteScmActivator.IID, IActivation.IID, IObjectExporter.IID)) {
                ab.register(SyntaxId.of(iid.toString(), 0, 0), calls.counting(INTERFACE_NAMES.get(iid), activator::handle));
            }
            RpcServer activation = ab.start();
            table.resolverListening(activation.port());
            this.exporter = table;
            this.exporterServer = objects;
            this.activationServer = activation;
            return activation.port();
        } catch (RuntimeException e) {
            if (objects != null) {
                objects.close();
            }
            throw e;
        }
    }

    private RpcServer.Builder rpcBuilder(int port) {
        RpcServer.Builder b = RpcServer.builder().address(settings.address).port(port).ntlm(ntlm).refuseNtlm(settings.refuseNtlm)
                .minimumAuthLevel(settings.minimumLevel).maxConnections(settings.maxConnections)
                .authTimeout(settings.authTimeout).maxUnauthenticated(settings.maxUnauthenticated)
                .maxConnectionsPerAddress(settings.maxConnectionsPerAddress);
        if (kerberos != null) {
            b.accept(KerberosSecurityContext.AUTHN_GSS_KERBEROS, () -> kerberos.newContext(false))
                    .accept(KerberosSecurityContext.AUTHN_GSS_NEGOTIATE, () -> kerberos.newContext(true));
        }
        return b;
    }

    /** What the account named by an authenticated principal may do (DENIED when no account matches). */
    Access accessOf(String domain, String user) {
        for (AccountAccess a : accounts) {
            if (a.matches(domain, user)) {
                return a.access();
            }
        }
        return Access.DENIED;
    }

    /** @return the object exporter (tests in this package), or null before start */
    ObjectExporter exporterForTests() {
        return exporter;
    }

    /** @return the bound activation port (the object resolver's, 135 on Windows) */
    public int activationPort() {
        return running().port();
    }

    /** @return the bound port of the object exporter (the IWbem* objects) */
    public int exporterPort() {
        running();
        return exporterServer.port();
    }

    /** @return the address both endpoints listen on */
    public InetAddress address() {
        return settings.address;
    }

    /**
     * @param siteCode a site of the provider
     * @return its namespace as clients name it, {@code root\sms\site_<code>}
     */
    public String namespace(String siteCode) {
        return settings.provider.site(siteCode).namespace();
    }

    /** @return how many objects (OIDs) the exporter holds now: released and expired ones are gone */
    public int exportedObjectCount() {
        ObjectExporter e = exporter;
        return e == null ? 0 : e.objectCount();
    }

    /**
     * How many calls of one operation the server has received since it started (failed and refused ones included):
     * round trips, as a client's test sees them.
     *
     * @param interfaceName the interface as MS-DCOM/MS-WMI name it: {@code IRemoteSCMActivator}, {@code IRemoteActivation},
     *     {@code IObjectExporter}, {@code IRemUnknown}, {@code IRemUnknown2}, {@code IWbemLevel1Login}, {@code IWbemServices},
     *     {@code IEnumWbemClassObject}, {@code IWbemFetchSmartEnum}, {@code IWbemWCOSmartEnum}, {@code IWbemCallResult}
     * @param opnum the operation number (e.g. 4 for IEnumWbemClassObject::Next, 3 for IWbemWCOSmartEnum::Next)
     * @return the count; 0 for an operation never called or an interface not served
     */
    public long callCount(String interfaceName, int opnum) {
        return calls.count(interfaceName, opnum);
    }

    /**
     * @return every non-zero call count so far, keyed {@code Interface/opnum} (e.g. {@code IEnumWbemClassObject/4}),
     *     sorted; a snapshot that later calls do not change
     */
    public Map<String, Long> callCounts() {
        return calls.snapshot();
    }

    /**
     * @return how many enumerators (of ExecQuery, CreateInstanceEnum or Clone) are open now: neither released by their
     *     clients nor expired
     */
    public int openEnumeratorCount() {
        WmiObjects o = objects;
        return o == null ? 0 : o.openEnumerators();
    }

    /**
     * @return how many objects enumerators have sent (IEnumWbemClassObject::Next and IWbemWCOSmartEnum::Next) since
     *     the server started
     */
    public long enumeratedObjectCount() {
        WmiObjects o = objects;
        return o == null ? 0 : o.objectsSent();
    }

    /** @return how many connections both endpoints have open */
    public int connectionCount() {
        RpcServer a = activationServer;
        RpcServer o = exporterServer;
        return (a == null ? 0 : a.connectionCount()) + (o == null ? 0 : o.connectionCount());
    }

    private RpcServer running() {
        RpcServer a = activationServer;
        if (a == null) {
            throw new IllegalStateException(closed ? "the server is closed" : "the server is not started: call start()");
        }
        return a;
    }

    /** Stops both endpoints, closes their connections, releases every exported object; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (activationServer != null) {
            activationServer.close();
        }
        if (exporterServer != null) {
            exporterServer.close();
        }
        if (exporter != null) {
            exporter.releaseAll();
        }
    }

    @Override
    public String toString() {
        RpcServer a = activationServer;
        return "WmiServer[" + settings.address.getHostAddress() + (a == null ? "" : ", activation " + a.port() + ", exporter "
                + exporterServer.port()) + ", " + settings.provider + ", minimum " + settings.minimumLevel
                + (closed ? ", closed" : "") + "]";
    }
}
