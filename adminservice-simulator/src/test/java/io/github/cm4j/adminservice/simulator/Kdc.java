package io.github.cm4j.adminservice.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KDC per JVM (Apache Kerby, over TCP on loopback): realm {@code LAB.TEST}, service {@code HTTP/localhost}
 * with its keytab, user {@code alice} with a keytab and a password. The JDK reads krb5.conf once per JVM, so every
 * test shares this one (through {@link Extension}), and {@code java.security.krb5.conf} points at the file written
 * here before any Kerberos use. MIT tools ({@code kinit}, curl, requests-kerberos) use the same file through
 * {@code KRB5_CONFIG}.
 */
final class Kdc {
    static final String REALM = "LAB.TEST";
    static final String HOST = "localhost";
    static final String USER = "alice@" + REALM;
    static final String PASSWORD = "Al1ce-lab-only";
    private static Kdc shared;

    private final SimpleKdcServer server;
    private final Path dir;
    private final Path krb5conf;
    private final int port;
    private Subject user;

    private Kdc() throws IOException, KrbException {
        dir = Files.createTempDirectory("cm4j-kdc");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new SimpleKdcServer();
        server.setWorkDir(dir.toFile());
        server.setKdcRealm(REALM);
        server.setKdcHost("127.0.0.1");
        server.setAllowUdp(false);
        server.setAllowTcp(true);
        server.setKdcTcpPort(port);
        server.init();
        server.start();
        server.createPrincipal(servicePrincipal());
        server.exportPrincipal(servicePrincipal(), serviceKeytab().toFile());
        server.createPrincipal(USER, PASSWORD);
        server.exportPrincipal(USER, userKeytab().toFile());
        server.createPrincipal("mallory@" + REALM, "M4llory-lab-only");
        server.exportPrincipal("mallory@" + REALM, dir.resolve("mallory.keytab").toFile());
        krb5conf = dir.resolve("krb5.conf");
        Files.writeString(krb5conf, "[libdefaults]\n"
                + " default_realm = " + REALM + "\n"
                + " dns_lookup_kdc = false\n dns_lookup_realm = false\n dns_canonicalize_hostname = false\n rdns = false\n"
                + " udp_preference_limit = 1\n forwardable = false\n"
                + " default_tkt_enctypes = aes128-cts-hmac-sha1-96 aes256-cts-hmac-sha1-96\n"
                + " default_tgs_enctypes = aes128-cts-hmac-sha1-96 aes256-cts-hmac-sha1-96\n"
                + " permitted_enctypes = aes128-cts-hmac-sha1-96 aes256-cts-hmac-sha1-96\n"
                + "[realms]\n " + REALM + " = {\n  kdc = 127.0.0.1:" + port + "\n }\n"
                + "[domain_realm]\n " + HOST + " = " + REALM + "\n");
        System.setProperty("java.security.krb5.conf", krb5conf.toString());
        System.setProperty("sun.security.krb5.disableReferrals", "true");
    }

    /** @return the KDC of this JVM, started on first use */
    static synchronized Kdc shared() {
        if (shared == null) {
            try {
                shared = new Kdc();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (KrbException e) {
                throw new IllegalStateException("cannot start the Kerby KDC: " + e, e);
            }
        }
        return shared;
    }

    String servicePrincipal() {
        return "HTTP/" + HOST + "@" + REALM;
    }

    Path serviceKeytab() {
        return dir.resolve("http.keytab");
    }

    Path userKeytab() {
        return dir.resolve("alice.keytab");
    }

    Path malloryKeytab() {
        return dir.resolve("mallory.keytab");
    }

    Path krb5conf() {
        return krb5conf;
    }

    Path dir() {
        return dir;
    }

    /** @return alice, logged in with her keytab (JAAS Krb5LoginModule) */
    synchronized Subject userSubject() {
        if (user == null) {
            user = login(USER, userKeytab());
        }
        return user;
    }

    static Subject login(String principal, Path keytab) {
        Configuration conf = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                Map<String, String> o = new HashMap<>();
                o.put("useKeyTab", "true");
                o.put("keyTab", keytab.toString());
                o.put("principal", principal);
                o.put("storeKey", "false");
                o.put("doNotPrompt", "true");
                o.put("refreshKrb5Config", "true");
                o.put("isInitiator", "true");
                return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, o)};
            }
        };
        try {
            LoginContext lc = new LoginContext("cm4j-test-user", new Subject(), cb -> {
                throw new javax.security.auth.callback.UnsupportedCallbackException(cb[0]);
            }, conf);
            lc.login();
            return lc.getSubject();
        } catch (LoginException e) {
            throw new IllegalStateException("cannot log in " + principal + ": " + e.getMessage(), e);
        }
    }

    /** Starts the shared KDC before a test class that uses Kerberos. */
    static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            shared();
        }
    }
}
