package io.github.cm4j.cli;

import io.github.cm4j.ConnectionException;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.simulator.SimulatedSite;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.io.Console;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cm4j serve}: runs the loopback MS-WMI/DCOM server ({@link WmiServer}) over a simulated hierarchy until
 * interrupted, so that any DCOM WMI client (cm4j's {@code dcom://}, impacket's wmiquery.py, ...) can use it.
 */
@Command(name = "serve", description = "Serve a simulated site over real MS-WMI/DCOM (NTLMv2 and, with --keytab, Kerberos;"
        + " packet integrity or privacy), or with --adminservice as a ConfigMgr AdminService (HTTPS; Kerberos with"
        + " --keytab; NTLM refused as ConfigMgr 2509 does unless --allow-ntlm), until interrupted. The password comes"
        + " from CM4J_PASSWORD or a prompt.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--site", paramLabel = "HIERARCHY", defaultValue = "demo",
            description = "Simulated hierarchy: demo (default) or empty.")
    String hierarchy;

    @Option(names = "--version", paramLabel = "VERSION", defaultValue = "current",
            description = "Provider version played: current (default) or 2007.")
    String version;

    @Option(names = "--user", paramLabel = "DOMAIN\\user", description = "The account clients log on with (MS-WMI/DCOM;"
            + " required there).")
    String user;

    @Option(names = "--adminservice", description = "Serve the site as a ConfigMgr AdminService (OData over HTTPS with a"
            + " certificate made at start) instead of MS-WMI/DCOM; clients use adminservice://HOST:PORT/SITE.")
    boolean adminService;

    @Option(names = "--host", paramLabel = "NAME", defaultValue = "localhost", description = "AdminService: the host"
            + " name clients use (certificate subject, SPN HTTP/NAME; default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "60", description = "The simulated clock runs N times"
            + " faster than real time, as memory:demo's does (a synchronization takes about 4 s; 0 stands still;"
            + " default ${DEFAULT-VALUE}).")
    long speed;

    @Option(names = "--address", defaultValue = "127.0.0.1", description = "Address to listen on (default 127.0.0.1).")
    String address;

    @Option(names = "--port", paramLabel = "N",
            description = "DCOM: activation port (default 135, as Windows; needs privileges). AdminService: HTTPS port"
                    + " (default: a free one). 0 picks a free port.")
    Integer port;

    @Option(names = "--min-level", defaultValue = "PKT_INTEGRITY",
            description = "Lowest authentication level accepted: PKT_INTEGRITY (default) or PKT_PRIVACY.")
    AuthLevel minimumLevel;

    @Option(names = "--keytab", paramLabel = "FILE", description = "Accept Kerberos (DCE style and SPNEGO) with the"
            + " keys of --principal from this keytab. With --adminservice: require Kerberos (SPNEGO over HTTP), the"
            + " principal defaulting to HTTP/HOST; without it the AdminService asks for no authentication.")
    java.nio.file.Path keytab;

    @Option(names = "--principal", paramLabel = "P", description = "The service principal of --keytab, e.g."
            + " host/cas.lab.test@LAB.TEST.")
    String principal;

    @Option(names = "--no-ntlm", description = "Refuse NTLM logons as a Windows server denying incoming NTLM does"
            + " (needs --keytab); --user is then a Kerberos account (user@REALM) and no password is asked.")
    boolean noNtlm;

    @Option(names = "--allow-ntlm", description = "AdminService: accept NTLM (and Negotiate carrying NTLM) with --user"
            + " DOMAIN\\user and its password, as AdminServices before ConfigMgr 2509 do; without it NTLM gets 401"
            + " \"Rejecting NTLM authentication\" as 2509 and later answer.")
    boolean allowNtlm;

    @Option(names = "--no-rc4", description = "Refuse rc4-hmac Kerberos tickets (as servers with RC4 switched off).")
    boolean noRc4;

    @Option(names = "--content", description = "Serve the catalog's content files from a loopback HTTP server as well:"
            + " SourceURLs point at it and FileHash/FileSize describe the bytes it serves, so that content downloads (the"
            + " SDK's downloadContent) work against this server (memory:demo?content=loopback does the same in-process).")
    boolean content;

    @Option(names = "--no-sup", paramLabel = "SITE", split = ",", description = "Sites without an active software"
            + " update point (comma-separated site codes): a synchronization requested there is never picked up and ends"
            + " NOT_STARTED with that reason (memory:demo?nosup=SITE does the same in-process).")
    java.util.List<String> withoutSup = new java.util.ArrayList<>();

    @Option(names = "--duration", hidden = true, description = "Stop after this ISO-8601 duration (tests).")
    Duration duration;

    private final Function<String, String> environment;

    ServeCommand() {
        this(System::getenv);
    }

    /** @param environment where CM4J_PASSWORD is read (tests pass their own) */
    ServeCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (adminService) {
            return serveAdminService();
        }
        if (allowNtlm) {
            throw new IllegalArgumentException("--allow-ntlm is for --adminservice; MS-WMI/DCOM accepts NTLM unless --no-ntlm");
        }
        if (user == null) {
            throw new IllegalArgumentException("--user DOMAIN\\user is required to serve MS-WMI/DCOM");
        }
        int port = this.port == null ? 135 : this.port;
        if (!minimumLevel.protectsPackets()) {
            throw new IllegalArgumentException("--min-level must be PKT_INTEGRITY or PKT_PRIVACY (DCOM hardening), not " + minimumLevel);
        }
        if ((keytab == null) != (principal == null)) {
            throw new IllegalArgumentException("--keytab and --principal go together: --keytab FILE --principal P");
        }
        if (noNtlm && keytab == null) {
            throw new IllegalArgumentException("--no-ntlm leaves no way to log on without --keytab FILE --principal P");
        }
        int slash = user.indexOf('\\');
        int at = user.lastIndexOf('@');
        String domain = slash >= 0 ? user.substring(0, slash) : at >= 0 ? user.substring(at + 1) : "";
        String name = slash >= 0 ? user.substring(slash + 1) : at >= 0 ? user.substring(0, at) : user;
        SimulatedProvider provider = provider();
        InetAddress listen = listenAddress();
        PrintWriter out = spec.commandLine().getOut();
        WmiServer.Builder builder = WmiServer.builder().provider(provider).address(listen).activationPort(port)
                .minimumAuthLevel(minimumLevel).refuseNtlm(noNtlm).refuseRc4(noRc4);
        if (noNtlm) {
            builder.kerberosAccount(user, io.github.cm4j.wmi.simulator.Access.FULL);
        } else {
            builder.account(domain, name, password());
        }
        if (keytab != null) {
            builder.kerberos(principal, keytab).kerberosAccount(user, io.github.cm4j.wmi.simulator.Access.FULL);
        }
        try (WmiServer server = builder.build()) {
            int bound;
            try {
                bound = server.start();
            } catch (ConnectionException e) {
                throw new IllegalArgumentException(e.getMessage() + (port != 0 && port < 1024
                        ? " (ports below 1024 need privileges: try --port 0 or a port above 1023)" : ""));
            }
            out.printf("cm4j: serving %s (%s) over MS-WMI/DCOM on %s%n", provider.sites().stream().map(SimulatedSite::code)
                    .collect(Collectors.joining(", ")), provider.version().displayName(), listen.getHostAddress());
            out.printf("  activation port %d, object exporter port %d; %s at %s or above, account %s%n", bound,
                    server.exporterPort(), keytab == null ? "NTLMv2" : noNtlm ? "Kerberos (" + principal + ", NTLM refused)"
                    : "Kerberos (" + principal + ") and NTLMv2", minimumLevel, user);
            for (SimulatedSite s : provider.sites()) {
                out.printf("  namespace %s%n", s.namespace());
            }
            printContent(out, provider);
            awaitStop(out);
        }
        out.println("cm4j: server stopped");
        return 0;
    }

    private Integer serveAdminService() throws InterruptedException {
        if (principal != null && keytab == null) {
            throw new IllegalArgumentException("--principal needs --keytab");
        }
        if (allowNtlm && user == null) {
            throw new IllegalArgumentException("--allow-ntlm needs --user DOMAIN\\user (the password from CM4J_PASSWORD or"
                    + " a prompt): the account NTLM clients log on with");
        }

        SimulatedProvider provider = provider();
        InetAddress listen = listenAddress();
        PrintWriter out = spec.commandLine().getOut();
        io.github.cm4j.adminservice.simulator.AdminServiceServer.Builder b = io.github.cm4j.adminservice.simulator
                .AdminServiceServer.builder().backend(provider.openTransport()).host(host).bind(listen)
                .port(port == null ? 0 : port);
        if (keytab != null) {
            b.kerberos(keytab, principal != null ? principal : "HTTP/" + host);
        }
        if (allowNtlm) {
            b.allowNtlm(java.util.List.of(io.github.cm4j.Credentials.of(user, password())));
        }
        try (io.github.cm4j.adminservice.simulator.AdminServiceServer server = b.start()) {
            out.printf("cm4j: serving %s (%s) as an AdminService on https://%s:%d/AdminService/%n",
                    provider.topSite().code(), provider.version().displayName(), host, server.port());
            out.printf("  certificate %s, fingerprint %s%n", server.certificate().getSubjectX500Principal().getName(),
                    server.fingerprint());
            out.printf("  %s; %s%n", keytab != null ? "Kerberos (SPNEGO) as " + (principal != null ? principal : "HTTP/" + host)
                    : allowNtlm ? "no Kerberos (no --keytab)" : "no authentication (no --keytab)",
                    allowNtlm ? "NTLM accepted for " + user + " (as before ConfigMgr 2509; clients add ntlm=on)"
                    : "NTLM refused (as ConfigMgr 2509 and later)");
            out.printf("  cm4j: --uri '%s'%n", server.uri());
            printContent(out, provider);
            awaitStop(out);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot listen on " + address + ":" + (port == null ? 0 : port) + ": "
                    + e.getMessage());
        }
        out.println("cm4j: server stopped");
        return 0;
    }

    private InetAddress listenAddress() {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--address " + address + " is not an address of this machine");
        }
    }

    /** Serves until Ctrl-C (a shutdown hook) or, for tests, until --duration has passed. */
    private void awaitStop(PrintWriter out) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "cm4j-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("  stop with Ctrl-C");
        out.flush();
        if (duration != null) {
            stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            stop.await();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting because of Ctrl-C: the caller's try-with-resources still closes the server
        }
    }

    /** With --content: starts the content server now (not at the first read) and says where it listens. */
    private static void printContent(PrintWriter out, SimulatedProvider provider) {
        provider.contentServer().ifPresent(c -> out.printf("  content files over HTTP at %s (the SourceURL of"
                + " SMS_CIContentFiles)%n", c.baseUrl()));
    }

    private SimulatedProvider provider() {
        ProviderVersion v = ProviderVersion.parse(version);
        if (speed < 0) {
            throw new IllegalArgumentException("--speed must be 0 or more, not " + speed);
        }
        SimulatedClock clock = speed == 0 ? SimulatedClock.standard()
                : SimulatedClock.running(SimulatedClock.DEFAULT_START, speed);
        SimulatedProvider.Builder b = switch (hierarchy.toLowerCase(Locale.ROOT)) {
            case "demo" -> SimulatedProvider.builder().version(v).clock(clock).contentServer(content);
            case "empty" -> SimulatedProvider.builder().version(v).clock(clock).contentServer(content)
                    .topSite("PS1", "Primary Site 1").catalogSize(0);
            default -> throw new IllegalArgumentException("--site " + hierarchy + ": the simulated hierarchies are demo and empty");
        };
        withoutSup.stream().map(String::trim).filter(code -> !code.isEmpty()).forEach(b::withoutSoftwareUpdatePoint);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // the builder names the unknown site and the hierarchy's sites; say it in the option's words
            throw new IllegalArgumentException("--no-sup: " + e.getMessage().replaceFirst("^withoutSoftwareUpdatePoint: ", ""), e);
        }
    }

    private String password() {
        String env = environment.apply("CM4J_PASSWORD");
        if (env != null) {
            return env;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("--user needs a password: set CM4J_PASSWORD or run on a terminal");
        }
        return new String(console.readPassword("Password for %s: ", user));
    }
}
