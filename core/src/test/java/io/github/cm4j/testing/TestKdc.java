package io.github.cm4j.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kerby.KOptions;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.client.KrbClient;
import org.apache.kerby.kerberos.kerb.client.KrbOption;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;

/**
 * One in-process Kerberos KDC per test JVM (Apache Kerby's {@link SimpleKdcServer}: a real KDC speaking RFC 4120
 * over TCP on loopback) and the one krb5.conf the JDK reads ({@code java.security.krb5.conf} is read once per
 * JVM, so every test class that needs Kerberos shares this fixture instead of writing its own).
 *
 * <p>Realm {@value #REALM}; accounts: {@code alice} (password {@link #ALICE_PASSWORD}), services
 * {@code host/cas.lab.test} (AES and RC4 keys) and {@code host/rc4.lab.test} (RC4 only, as an account with
 * {@code msDS-SupportedEncryptionTypes} = 4), exported to {@link #serviceKeytab()}. The krb5.conf allows RC4
 * ({@code allow_weak_crypto}) so the RC4 path can be tested; production krb5.conf files need not.
 * Thread-safe; started on first use and stopped by a shutdown hook.
 */
public final class TestKdc {
    /** The realm. */
    public static final String REALM = "LAB.TEST";
    /** The user principal. */
    public static final String ALICE = "alice@" + REALM;
    /** Alice's password (test data). */
    public static final String ALICE_PASSWORD = "Kerb3ros-test-only";
    /** The service principal of the loopback server (AES256, AES128 and RC4 keys). */
    public static final String SERVICE = "host/cas.lab.test@" + REALM;
    /** The SPN impacket asks for when told to reach 127.0.0.1 with Kerberos ({@code host/<target>}). */
    public static final String LOOPBACK_SERVICE = "host/127.0.0.1@" + REALM;
    /** The KDC port impacket dials (it takes no port). */
    public static final int STANDARD_PORT = 88;
    /** A second service principal with AES keys only, for the SPN-override and RC4-refused tests. */
    public static final String AES_ONLY_SERVICE = "host/aes.lab.test@" + REALM;

    private static TestKdc shared;

    private final SimpleKdcServer kdc;
    private final Path dir;
    private final Path krb5conf;
    private final Path serviceKeytab;
    private final Path aesOnlyKeytab;
    private final Path loopbackKeytab;
    private final int port;

    private TestKdc() throws Exception {
        dir = Files.createTempDirectory("cm4j-kdc");
        dir.toFile().deleteOnExit();
        port = freePort();
        kdc = new SimpleKdcServer();
        kdc.setWorkDir(dir.toFile());
        kdc.setKdcRealm(REALM);
        kdc.setKdcHost("127.0.0.1");
        kdc.setAllowUdp(false);
        kdc.setAllowTcp(true);
        kdc.setKdcTcpPort(port);
        kdc.getKdcConfig().setString(KdcConfigKey.ENCRYPTION_TYPES,
                "aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 arcfour-hmac");
        // Kerby refuses tickets shorter than its minimum lifetime (default one hour); the expiry tests need seconds.
        kdc.getKdcConfig().setString(KdcConfigKey.MINIMUM_TICKET_LIFETIME, "1");
        kdc.init();
        kdc.start();
        kdc.createPrincipal(ALICE, ALICE_PASSWORD);
        kdc.createPrincipal(SERVICE);
        kdc.createPrincipal(AES_ONLY_SERVICE);
        serviceKeytab = dir.resolve("cas.keytab");
        kdc.exportPrincipal(SERVICE, serviceKeytab.toFile());
        aesOnlyKeytab = dir.resolve("aes.keytab");
        kdc.exportPrincipal(AES_ONLY_SERVICE, aesOnlyKeytab.toFile());
        kdc.createPrincipal(LOOPBACK_SERVICE);
        loopbackKeytab = dir.resolve("loopback.keytab");
        kdc.exportPrincipal(LOOPBACK_SERVICE, loopbackKeytab.toFile());
        krb5conf = dir.resolve("krb5.conf");
        Files.writeString(krb5conf, krb5conf(port), StandardCharsets.US_ASCII);
        System.setProperty("java.security.krb5.conf", krb5conf.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kdc.stop();
            } catch (KrbException ignored) {
                // the JVM is ending
            }
        }));
    }

    /** Port 88 when this process may bind it and nobody holds it (impacket can then reach the KDC), else any. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(STANDARD_PORT, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException notAllowedOrBusy) {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }

    private static String krb5conf(int port) {
        return "[libdefaults]\n"
                + "  default_realm = " + REALM + "\n"
                + "  udp_preference_limit = 1\n"
                + "  dns_lookup_kdc = false\n"
                + "  dns_lookup_realm = false\n"
                + "  dns_canonicalize_hostname = false\n"
                + "  kdc_timeout = 5000\n"
                + "  max_retries = 1\n"
                + "  allow_weak_crypto = true\n"
                + "  default_tkt_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac\n"
                + "  default_tgs_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac\n"
                + "  permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac\n"
                + "[realms]\n"
                + "  " + REALM + " = {\n"
                + "    kdc = 127.0.0.1:" + port + "\n"
                + "  }\n"
                + "[domain_realm]\n"
                + "  .lab.test = " + REALM + "\n"
                + "  lab.test = " + REALM + "\n";
    }

    /**
     * The shared KDC, started on first use; sets {@code java.security.krb5.conf} for the JVM.
     *
     * @return the KDC
     */
    public static synchronized TestKdc shared() {
        if (shared == null) {
            String before = System.getProperty("java.security.krb5.conf");
            if (before != null && !before.contains("cm4j-kdc")) {
                throw new IllegalStateException("java.security.krb5.conf is already set to " + before
                        + "; use TestKdc for every Kerberos test of this JVM");
            }
            try {
                shared = new TestKdc();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the in-process KDC: " + e, e);
            }
        }
        return shared;
    }

    /** @return the krb5.conf the JVM uses */
    public Path krb5conf() {
        return krb5conf;
    }

    /** @return the KDC's TCP port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return the keytab of {@link #SERVICE} (AES256, AES128, RC4 keys) */
    public Path serviceKeytab() {
        return serviceKeytab;
    }

    /** @return the keytab of {@link #LOOPBACK_SERVICE} */
    public Path loopbackKeytab() {
        return loopbackKeytab;
    }

    /** @return whether the KDC listens on {@link #STANDARD_PORT}, where clients without a port setting look */
    public boolean onStandardPort() {
        return port == STANDARD_PORT;
    }

    /** @return the keytab of {@link #AES_ONLY_SERVICE} */
    public Path aesOnlyKeytab() {
        return aesOnlyKeytab;
    }

    /**
     * Creates a principal with a random key and exports it to its own keytab.
     *
     * @param principal the principal, with realm
     * @return the keytab
     */
    public synchronized Path createService(String principal) {
        try {
            kdc.createPrincipal(principal);
            Path kt = Files.createTempFile(dir, "svc", ".keytab");
            Files.delete(kt);
            kdc.exportPrincipal(principal, kt.toFile());
            return kt;
        } catch (KrbException | IOException e) {
            throw new IllegalStateException("cannot create " + principal + ": " + e, e);
        }
    }

    /**
     * Creates a user principal.
     *
     * @param principal the principal, with realm
     * @param password its password
     */
    public synchronized void createUser(String principal, String password) {
        try {
            kdc.createPrincipal(principal, password);
        } catch (KrbException e) {
            throw new IllegalStateException("cannot create " + principal + ": " + e, e);
        }
    }

    /**
     * Writes a credential cache (as kinit does) holding a TGT for {@code principal} that expires after
     * {@code lifetimeSeconds}.
     *
     * @param principal the principal
     * @param password its password
     * @param lifetimeSeconds the ticket lifetime
     * @return the cache file
     */
    public synchronized Path kinit(String principal, String password, int lifetimeSeconds) {
        try {
            KrbClient client = kdc.getKrbClient();
            KOptions o = new KOptions();
            o.add(KrbOption.CLIENT_PRINCIPAL, principal);
            o.add(KrbOption.USE_PASSWD, true);
            o.add(KrbOption.USER_PASSWD, password);
            o.add(KrbOption.LIFE_TIME, lifetimeSeconds);
            TgtTicket tgt = client.requestTgt(o);
            Path cache = Files.createTempFile(dir, "krb5cc_", "");
            Files.delete(cache);
            client.storeTicket(tgt, cache.toFile());
            return cache;
        } catch (KrbException | IOException e) {
            throw new IllegalStateException("kinit " + principal + " failed: " + e, e);
        }
    }

    /** @return the work directory (deleted on exit) */
    public File workDir() {
        return dir.toFile();
    }

    @Override
    public String toString() {
        return "TestKdc[" + REALM + " on 127.0.0.1:" + port + ", krb5.conf " + krb5conf + ", started " + Instant.now() + "]";
    }
}
