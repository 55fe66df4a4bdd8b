package io.github.cm4j.testkit.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared Samba Active Directory domain controller of the interop tests: realm {@code LAB.TEST}, NetBIOS
 * domain {@code LAB}, DC {@code dc.lab.test}; a KDC, LDAP, and Samba's own DCE/RPC server (endpoint mapper on
 * port 135, samr, lsarpc, netlogon ...), an implementation of Active Directory independent of cm4j.
 *
 * <p><b>Where it runs.</b> Samba runs in a private network namespace ({@code samba}) that this fixture creates,
 * joined to the root namespace by a veth pair: Samba listens on {@link #dcAddress()} (10.213.7.2) inside the
 * namespace; the root side of the pair has {@link #memberAddress()} (10.213.7.1), the address of
 * {@code cas.lab.test}. A test JVM (root namespace) reaches Samba at {@code dcAddress()}; a server the test
 * starts must listen on {@code memberAddress()} for programs run in the namespace ({@link #exec}, smbtorture,
 * kinit, curl) to reach it as {@code cas.lab.test}. Nothing is routed beyond the pair. Names: inside the
 * namespace {@code /etc/netns/samba/hosts} (bind-mounted over /etc/hosts by {@code ip netns exec}); for the JVM,
 * {@link #hostsFile()} with the same names, to be given as {@code -Djdk.net.hosts.file} (read at the first
 * lookup, so set it on the surefire {@code argLine}).
 *
 * <p><b>Lifetime.</b> {@link #shared()} starts the peer once per test run: the first caller (any JVM, any
 * Maven module) provisions the domain (~8 s) and starts {@code samba} (~2 s) under a file lock in
 * {@code /tmp/cm4j-peers/samba}; later callers reuse it. It is not stopped when a JVM exits: {@code .ci/run}
 * stops it at the end ({@code samba-peer.sh stop}, which ends only the processes, namespace and veth pair the
 * fixture created). Where it cannot run (not root, no {@code ip netns}, Samba not installed, or
 * {@code -Dcm4j.samba=off}), {@code shared()} skips the calling test with a message saying what is missing.
 *
 * <p>Thread-safe: accounts are changed by a small helper over Samba's Python bindings ({@code samba-admin.py}, one
 * process per change, secrets on its standard input), one change at a time per JVM; names chosen by
 * different tests must differ (the domain is shared by the whole run and outlives it).
 */
public final class SambaPeer {

    /** {@code msDS-SupportedEncryptionTypes} bit for RC4-HMAC (MS-KILE 2.2.7). */
    public static final int ENCTYPE_RC4_HMAC = 0x4;
    /** {@code msDS-SupportedEncryptionTypes} bit for AES128-CTS-HMAC-SHA1-96 (MS-KILE 2.2.7). */
    public static final int ENCTYPE_AES128 = 0x8;
    /** {@code msDS-SupportedEncryptionTypes} bit for AES256-CTS-HMAC-SHA1-96 (MS-KILE 2.2.7). */
    public static final int ENCTYPE_AES256 = 0x10;

    private static final String SCRIPT = "samba-peer.sh";
    private static final String ADMIN = "samba-admin.py";
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Object LOCK = new Object();
    private static SambaPeer shared;
    private static String unavailable;

    private final Map<String, String> state;
    private final Path script;

    private SambaPeer(Map<String, String> state, Path script) {
        this.state = Map.copyOf(state);
        this.script = script;
    }

    /**
     * Returns the peer of this test run, starting it if no JVM has yet; skips the calling test (a JUnit
     * assumption) with a message naming what is missing when it cannot run.
     *
     * @return the running peer
     */
    public static SambaPeer shared() {
        synchronized (LOCK) {
            if (shared == null && unavailable == null) {
                try {
                    shared = start();
                } catch (PeerUnavailable e) {
                    unavailable = e.getMessage();
                }
            }
            Assumptions.assumeTrue(shared != null, () -> "Samba AD DC peer unavailable: " + unavailable);
            return shared;
        }
    }

    private static final class PeerUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        PeerUnavailable(String message) {
            super(message);
        }
    }

    private static SambaPeer start() throws PeerUnavailable {
        if ("off".equalsIgnoreCase(System.getProperty("cm4j.samba", ""))) {
            throw new PeerUnavailable("turned off with -Dcm4j.samba=off");
        }
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new PeerUnavailable("needs Linux network namespaces (this is " + System.getProperty("os.name") + ")");
        }
        Path base = Path.of(System.getProperty("cm4j.peers.dir", "/tmp/cm4j-peers"));
        Path script = extractScript(base, SCRIPT);
        extractScript(base, ADMIN);
        Result r = run(List.of("bash", script.toString(), "start"), Map.of("CM4J_PEERS_DIR", base.toString()),
                Duration.ofMinutes(3));
        String out = r.stdout().strip();
        if (r.exitCode() == 3 || out.startsWith("SKIP:")) {
            throw new PeerUnavailable(out.replaceFirst("^SKIP: *", ""));
        }
        if (!r.succeeded()) {
            throw new PeerUnavailable("samba-peer.sh start failed (exit " + r.exitCode() + "): " + tail(r.stderr()));
        }
        Map<String, String> state = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                state.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        for (String key : List.of("NETNS", "REALM", "DOMAIN", "DC_HOST", "DC_IP", "CAS_HOST", "CAS_IP", "KRB5_CONF",
                "HOSTS_FILE", "SMB_CONF", "ADMIN_PASSWORD", "DIR")) {
            if (!state.containsKey(key)) {
                throw new PeerUnavailable("samba-peer.sh start printed no " + key + ": " + tail(out));
            }
        }
        return new SambaPeer(state, script);
    }

    private static Path extractScript(Path base, String name) throws PeerUnavailable {
        try (InputStream in = SambaPeer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new PeerUnavailable("resource " + name + " missing from cm4j-testkit");
            }
            Files.createDirectories(base);
            Path tmp = Files.createTempFile(base, name, ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Path script = base.resolve(name);
            Files.move(tmp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return script;
        } catch (IOException e) {
            throw new PeerUnavailable("cannot write " + base.resolve(name) + ": " + e.getMessage());
        }
    }

    /** @return the Kerberos realm, {@code LAB.TEST} */
    public String realm() {
        return state.get("REALM");
    }

    /** @return the NetBIOS domain name, {@code LAB} */
    public String domain() {
        return state.get("DOMAIN");
    }

    /** @return the DC's DNS name, {@code dc.lab.test} */
    public String dcHost() {
        return state.get("DC_HOST");
    }

    /** @return the address Samba listens on (inside its namespace, reachable from the test JVM) */
    public InetAddress dcAddress() {
        return address(state.get("DC_IP"));
    }

    /** @return the KDC (TCP and UDP port 88 at {@link #dcAddress()}) */
    public InetSocketAddress kdc() {
        return new InetSocketAddress(dcAddress(), Integer.parseInt(state.getOrDefault("KDC_PORT", "88")));
    }

    /** @return Samba's DCE/RPC endpoint mapper (TCP port 135 at {@link #dcAddress()}) */
    public InetSocketAddress endpointMapper() {
        return new InetSocketAddress(dcAddress(), Integer.parseInt(state.getOrDefault("EPM_PORT", "135")));
    }

    /** @return the member server name our servers use, {@code cas.lab.test} */
    public String memberHost() {
        return state.get("CAS_HOST");
    }

    /**
     * @return the address of {@link #memberHost()}: the root-namespace end of the veth pair; a server the test
     *     starts listens here so that programs in Samba's namespace can reach it
     */
    public InetAddress memberAddress() {
        return address(state.get("CAS_IP"));
    }

    /**
     * @return the root-namespace end of the veth pair ({@code cm4j-smb0}): capture here (dumpcap, tcpdump) to see
     *     only the traffic between the test JVM and the namespace (Kerberos, LDAP, DCE/RPC to Samba)
     */
    public String hostInterface() {
        return state.getOrDefault("VETH_ROOT", "cm4j-smb0");
    }

    /** @return the network namespace Samba runs in ({@code samba}) */
    public String netns() {
        return state.get("NETNS");
    }

    /** @return a krb5.conf for the realm, naming the KDC by address (no DNS needed), usable on both sides */
    public Path krb5Conf() {
        return Path.of(state.get("KRB5_CONF"));
    }

    /**
     * @return a hosts file giving {@code dc.lab.test}, {@code cas.lab.test}, {@code localhost} and this machine's
     *     name, for the test JVM's {@code -Djdk.net.hosts.file}; the namespace's programs see the same names
     */
    public Path hostsFile() {
        return Path.of(state.get("HOSTS_FILE"));
    }

    /**
     * @return the options that give a JVM the lab's names and realm: {@code -Djdk.net.hosts.file=}{@link #hostsFile()}
     *     and {@code -Djava.security.krb5.conf=}{@link #krb5Conf()}; for a child JVM, or (as literal paths under
     *     {@code /tmp/cm4j-peers/samba}) for the surefire {@code argLine} of tests that need them, since the JDK reads
     *     both once
     */
    public List<String> jvmOptions() {
        return List.of("-Djdk.net.hosts.file=" + hostsFile(), "-Djava.security.krb5.conf=" + krb5Conf());
    }

    /** @return the domain administrator's account name, {@code Administrator} */
    public String adminUser() {
        return state.getOrDefault("ADMIN_USER", "Administrator");
    }

    /** @return the domain administrator's password (a fixed test secret of this throw-away domain) */
    public String adminPassword() {
        return state.get("ADMIN_PASSWORD");
    }

    /** @return a directory private to this test run for files tests create (keytabs, caches, captures) */
    public Path workDirectory() {
        Path dir = Path.of(state.get("DIR"), "work");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Creates a user, or sets the password of the existing user of that name (the domain is shared by every
     * test of the run), with a password that never expires.
     *
     * @param name the sAMAccountName
     * @param password its password (must meet the domain's complexity rule: 3 classes, 7+ characters)
     * @return the principal name, {@code name@LAB.TEST}
     */
    public synchronized String addUser(String name, String password) {
        Objects.requireNonNull(password, "password");
        admin(password + "\n", "user", name).check("creating user " + name);
        return name + "@" + realm();
    }

    /**
     * Creates a computer account (idempotent) with these service principal names, e.g.
     * {@code addComputer("cas", "host/cas.lab.test", "HTTP/cas.lab.test")}, and gives it a random password so that
     * it has keys (AES256, AES128, RC4); {@link #exportKeytab} writes them.
     *
     * @param name the computer name without the trailing {@code $}
     * @param spns service principal names to register on it
     * @return the account's sAMAccountName, {@code name$}
     */
    public synchronized String addComputer(String name, String... spns) {
        List<String> args = new ArrayList<>(List.of("computer", name));
        args.addAll(List.of(spns));
        admin(null, args.toArray(String[]::new)).check("creating computer " + name);
        return name + "$";
    }

    /**
     * The member server our servers play: the computer account {@code cas$} with {@code host/cas.lab.test} and
     * {@code HTTP/cas.lab.test} (created on first use). Its keys: {@code exportKeytab(memberComputer(), path)}.
     * An SPN names one account in the domain, so other tests register other names rather than these two again.
     *
     * @return {@code cas$}
     */
    public String memberComputer() {
        String host = memberHost();
        return addComputer(host.substring(0, host.indexOf('.')), "host/" + host, "HTTP/" + host);
    }

    /**
     * Registers a service principal name on an account (no-op when it is already there).
     *
     * @param account a sAMAccountName ({@code svc}, {@code cas$})
     * @param spn e.g. {@code host/cas.lab.test}
     */
    public synchronized void addSpn(String account, String spn) {
        admin(null, "spn", account, spn).check("adding SPN " + spn + " to " + account);
    }

    /**
     * Sets {@code msDS-SupportedEncryptionTypes} of an account: which session-key and ticket encryption types the
     * KDC uses for tickets to it, e.g. {@link #ENCTYPE_RC4_HMAC} alone for an RC4-only service.
     *
     * @param account a sAMAccountName
     * @param types a combination of the {@code ENCTYPE_*} bits
     */
    public synchronized void setSupportedEncryptionTypes(String account, int types) {
        admin(null, "enctypes", account, Integer.toString(types))
                .check("setting msDS-SupportedEncryptionTypes of " + account);
    }

    /**
     * Creates a user whose tickets are encrypted with RC4-HMAC only ({@code msDS-SupportedEncryptionTypes} = 4),
     * with these SPNs, for the RC4 paths of MS-KILE.
     *
     * @param name the sAMAccountName
     * @param password its password
     * @param spns service principal names to register on it
     * @return the principal name
     */
    public synchronized String addRc4OnlyAccount(String name, String password, String... spns) {
        String principal = addUser(name, password);
        for (String spn : spns) {
            addSpn(name, spn);
        }
        setSupportedEncryptionTypes(name, ENCTYPE_RC4_HMAC);
        return principal;
    }

    /**
     * Writes the keys of an account to a keytab (replacing the file): one entry per key under the account's own
     * name and under each of its service principal names, as a server's keytab holds them ({@code
     * host/cas.lab.test@LAB.TEST}, {@code HTTP/cas.lab.test@LAB.TEST}, {@code cas$@LAB.TEST}).
     *
     * @param account a sAMAccountName ({@code cas$}, {@code svc})
     * @param keytab the file to write
     * @return {@code keytab}
     */
    public synchronized Path exportKeytab(String account, Path keytab) {
        Path raw = workDirectory().resolve("export-" + UUID.randomUUID() + ".keytab");
        try {
            Files.deleteIfExists(keytab);
            // Samba exports an account's keys (all enctypes) under its account name; for an SPN it would export the
            // RC4 key only (the AES keys are salted with the account's name, MS-KILE 3.1.1.2). So the keys are
            // exported for the account and copied under each SPN the helper lists.
            Result export = admin(null, "keytab", account, raw.toString()).check("exporting the keys of " + account);
            if (!Files.exists(raw)) {
                throw new IllegalStateException("Samba exported no keys for " + account);
            }
            List<String> names = new ArrayList<>();
            export.stdout().lines().map(String::strip).filter(l -> l.contains("/") && !l.contains(" "))
                    .forEach(spn -> names.add(spn + "@" + realm()));
            List<String> spnNames = names.stream().map(n -> n.substring(0, n.lastIndexOf('@'))).toList();
            Files.write(keytab, Keytabs.withAliases(Files.readAllBytes(raw), realm(), spnNames));
            return keytab;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException e) {
                // a stray file in the run's work directory, removed with it at stop
            }
        }
    }

    /**
     * Gets a ticket-granting ticket with {@code kinit} inside the namespace, into a new credential cache file.
     *
     * @param principal e.g. {@code alice} or {@code alice@LAB.TEST}
     * @param password its password (given on standard input, never on a command line)
     * @return the credential cache file ({@code KRB5CCNAME=FILE:<path>})
     */
    public Path kinit(String principal, String password) {
        Path cache = workDirectory().resolve("krb5cc_" + principal.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + System.nanoTime());
        Result r = exec(List.of("kinit", principal), Map.of("KRB5CCNAME", "FILE:" + cache), password + "\n",
                Duration.ofSeconds(30));
        r.check("kinit " + principal);
        return cache;
    }

    /**
     * Runs a program inside the namespace ({@code ip netns exec}) with {@code KRB5_CONFIG} set to
     * {@link #krb5Conf()}.
     *
     * @param command the program and its arguments
     * @param env more environment (e.g. {@code KRB5CCNAME})
     * @param timeout how long it may run; then it is killed
     * @return its exit code and output
     */
    public Result exec(List<String> command, Map<String, String> env, Duration timeout) {
        return exec(command, env, null, timeout);
    }

    private Result exec(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("KRB5_CONFIG", krb5Conf().toString());
        all.putAll(env);
        return inNamespace(command, all, stdin, timeout);
    }

    private Result inNamespace(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns()));
        full.addAll(command);
        return run(full, env, stdin, timeout);
    }

    /** Runs samba-admin.py (one Python process per change) in the namespace; {@code stdin} carries any secret. */
    private Result admin(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.resolveSibling(ADMIN).toString(),
                state.get("SMB_CONF")));
        cmd.addAll(List.of(args));
        return inNamespace(cmd, Map.of(), stdin, TOOL_TIMEOUT);
    }

    /** @return the path of the script that starts and stops the peer ({@code samba-peer.sh stop} ends it) */
    public Path script() {
        return script;
    }

    @Override
    public String toString() {
        return "SambaPeer[realm=" + realm() + ", dc=" + dcHost() + "/" + state.get("DC_IP") + ", member="
                + memberHost() + "/" + state.get("CAS_IP") + ", netns=" + netns() + "]";
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);   // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address: " + literal, e);
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
    }

    private static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        return run(command, env, null, timeout);
    }

    private static Result run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(command, 127, "", e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the program did not read its input; its exit code says what happened
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(command, -1, out.getNow(""), "timed out after " + timeout.toSeconds() + " s");
            }
            return new Result(command, p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(command, -1, "", "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(command, p.exitValue(), "", e.toString());
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The outcome of a program run by the fixture.
     *
     * @param command what ran
     * @param exitCode its exit code (-1 when killed at its deadline)
     * @param stdout its standard output
     * @param stderr its standard error
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** @return whether it exited with 0 */
        public boolean succeeded() {
            return exitCode == 0;
        }

        /**
         * @param what the step, for the message
         * @return this when it succeeded
         * @throws IllegalStateException naming the step, the exit code and the end of its output otherwise
         */
        public Result check(String what) {
            if (!succeeded()) {
                throw new IllegalStateException(what + " failed (exit " + exitCode + "): " + tail(stderr + "\n" + stdout));
            }
            return this;
        }

        @Override
        public String toString() {
            // The program only: arguments may carry a test password.
            int program = command.size() > 4 && command.get(0).equals("ip") ? 4 : 0;
            return "Result[exit " + exitCode + ", " + (command.isEmpty() ? "" : command.get(program)) + "]";
        }
    }
}
