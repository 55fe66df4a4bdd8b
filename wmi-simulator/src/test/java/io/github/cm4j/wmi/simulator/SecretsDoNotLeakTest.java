package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.updates.UpdateQuery;
import io.github.cm4j.wmi.ntlm.NtHashes;
import io.github.cm4j.wmi.transport.DcomTransportProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret in any output: the operations run over {@code dcom://} with a password and, separately, with the NT hash
 * of that password, logging at TRACE everywhere (client, RPC and NTLM layers, server — {@link CapturedLogs}), with
 * stdout and stderr captured, including failures (wrong password, wrong NT hash, access denied by the provider, a
 * refused account). Every log line, all console output, every exception's message, toString and stack trace (causes
 * and suppressed included) and the toString of the objects involved ({@code ConfigMgr}, {@code Credentials}, the
 * transport, {@code TransportConfig}, the server) are scanned for the password and the NT hash in hex, any case.
 */
class SecretsDoNotLeakTest {
    private static final String PASSWORD = "S3cret-Needle-7781!";
    private static final String HASH = NtHashes.hex(PASSWORD);

    private final List<String> seen = new ArrayList<>();

    private void see(Object o) {
        if (o instanceof Throwable t) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            seen.add(w.toString());
            seen.add(String.valueOf(t.getMessage()));
        } else {
            seen.add(String.valueOf(o));
        }
    }

    private void scenario(Credentials credentials) {
        SimulatedProvider sim = SimulatedProvider.builder().faults(Faults.builder()
                .failMethod("CommitSCF", WbemStatus.WBEM_E_ACCESS_DENIED).build()).build();
        try (WmiServer server = WmiServer.builder().provider(sim).account("LAB", "admin", PASSWORD)
                .account("LAB", "nobody", PASSWORD, Access.DENIED).build()) {
            server.start();
            see(server);
            see(credentials);
            String uri = LoopbackSites.uri(server, "CAS", "");
            TransportConfig config = new TransportConfig(URI.create(uri), credentials, Duration.ofSeconds(10), Duration.ofSeconds(20), 50);
            see(config);
            try (var transport = new DcomTransportProvider().open(config)) {
                see(transport);
            }
            try (ConfigMgr cm = ConfigMgr.builder().uri(uri).credentials(credentials).batchSize(7).connect()) {
                see(cm);
                see(cm.transport());
                SoftwareUpdate u;
                try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().eulaExists(true).build())) {
                    u = s.findFirst().orElseThrow();
                }
                see(u);
                see(cm.softwareUpdates().getEula(u).length());
                cm.softwareUpdates().acceptEula(u);
                see(cm.softwareUpdatePoint().statuses());
                see(cm.softwareUpdatePoint().synchronize());
                try (SiteControlSession session = cm.siteControl().open("CAS")) {
                    see(session);
                    session.put(session.component("SMS_WSUS_SYNC_MANAGER").withProperty("Sync ExpressFiles", 3));
                    see(catchThrowable(session::commit)); // access denied by the provider
                }
                see(catchThrowable(() -> cm.get("SMS_Nothing.Name=\"x\"")));
            }
            // refusals: a wrong secret of the same kind, and an account the server denies
            Credentials wrong = credentials.ntHash().isPresent()
                    ? Credentials.ofNtHash("LAB\\admin", NtHashes.hex(PASSWORD + "x"))
                    : Credentials.of("LAB\\admin", PASSWORD + "x");
            see(catchThrowable(() -> ConfigMgr.builder().uri(uri).credentials(wrong).connect().query("SELECT * FROM SMS_Site").count()));
            Credentials denied = credentials.ntHash().isPresent() ? Credentials.ofNtHash("LAB\\nobody", HASH) : Credentials.of("LAB\\nobody", PASSWORD);
            see(catchThrowable(() -> ConfigMgr.builder().uri(uri).credentials(denied).connect().query("SELECT * FROM SMS_Site").count()));
        }
    }

    private void runCapturing(Credentials credentials) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        CapturedLogs.start();
        List<String> logs;
        try {
            System.setOut(capture);
            System.setErr(capture);
            scenario(credentials);
        } finally {
            System.setOut(out);
            System.setErr(err);
            logs = CapturedLogs.stop();
        }
        seen.addAll(logs);
        seen.add(console.toString(StandardCharsets.UTF_8));
        // the capture saw the layers at work, at TRACE/DEBUG as well as the failures
        assertThat(logs).as("log lines captured").isNotEmpty();
        assertThat(seen).as("the failures were seen").anyMatch(s -> s.contains("ACCESS_DENIED") || s.contains("access denied"));
        String secretFree = String.join("\n", seen).toLowerCase(Locale.ROOT);
        assertThat(secretFree).doesNotContain(PASSWORD.toLowerCase(Locale.ROOT)).doesNotContain(HASH.toLowerCase(Locale.ROOT));
        // the password's parts would show a partial leak (a prefix, the UTF-16 form is covered by the hash)
        assertThat(secretFree).doesNotContain("needle-7781");
    }

    @Test
    void operationsWithAPasswordLeakNeitherPasswordNorNtHash() {
        runCapturing(Credentials.of("LAB\\admin", PASSWORD));
    }

    @Test
    void operationsWithAnNtHashLeakNeitherPasswordNorNtHash() {
        runCapturing(Credentials.ofNtHash("LAB\\admin", HASH.toUpperCase(Locale.ROOT)));
    }

    /** Kerberos: the password, the user's long-term keys derived from it and the service's keytab keys. */
    @Test
    void kerberosOperationsLeakNeitherPasswordNorLongTermKeysNorServiceKeys() throws Exception {
        io.github.cm4j.testing.TestKdc kdc = io.github.cm4j.testing.TestKdc.shared();
        String principal = "leaky@" + io.github.cm4j.testing.TestKdc.REALM;
        kdc.createUser(principal, PASSWORD);
        List<String> secrets = new ArrayList<>();
        for (org.apache.kerby.kerberos.kerb.type.base.EncryptionType t : List.of(
                org.apache.kerby.kerberos.kerb.type.base.EncryptionType.AES256_CTS_HMAC_SHA1_96,
                org.apache.kerby.kerberos.kerb.type.base.EncryptionType.AES128_CTS_HMAC_SHA1_96,
                org.apache.kerby.kerberos.kerb.type.base.EncryptionType.ARCFOUR_HMAC)) {
            secrets.add(java.util.HexFormat.of().formatHex(org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler
                    .string2Key(principal, PASSWORD, t).getKeyData()));
        }
        javax.security.auth.kerberos.KerberosPrincipal service =
                new javax.security.auth.kerberos.KerberosPrincipal(io.github.cm4j.testing.TestKdc.SERVICE);
        for (javax.security.auth.kerberos.KerberosKey k : javax.security.auth.kerberos.KeyTab.getInstance(service,
                kdc.serviceKeytab().toFile()).getKeys(service)) {
            secrets.add(java.util.HexFormat.of().formatHex(k.getEncoded()));
        }
        assertThat(secrets).hasSizeGreaterThan(3);

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        CapturedLogs.start();
        List<String> logs;
        try {
            System.setOut(capture);
            System.setErr(capture);
            Credentials credentials = Credentials.kerberosPassword(principal, PASSWORD);
            see(credentials);
            try (WmiServer server = WmiServer.builder().provider(SimulatedProvider.demo())
                    .kerberosAccount(principal, Access.FULL).kerberos(io.github.cm4j.testing.TestKdc.SERVICE, kdc.serviceKeytab())
                    .refuseNtlm(true).build()) {
                server.start();
                see(server);
                String uri = LoopbackSites.uri(server, "CAS", "spn=host/cas.lab.test&ntlm=off");
                try (ConfigMgr cm = ConfigMgr.builder().uri(uri).credentials(credentials).connect()) {
                    see(cm);
                    see(cm.transport());
                    see(cm.softwareUpdatePoint().synchronize());
                    see(catchThrowable(() -> cm.get("SMS_Nothing.Name=\"x\"")));
                }
                see(catchThrowable(() -> ConfigMgr.builder().uri(uri).credentials(Credentials.kerberosPassword(principal,
                        PASSWORD + "x")).connect()));
                see(catchThrowable(() -> ConfigMgr.builder().uri(LoopbackSites.uri(server, "CAS", "spn=host/nowhere.lab.test&ntlm=off"))
                        .credentials(credentials).connect()));
                see(catchThrowable(() -> ConfigMgr.builder().uri(LoopbackSites.uri(server, "CAS", "authn=ntlm"))
                        .credentials(credentials).connect().query("SELECT * FROM SMS_Site").count()));
            }
            credentials.destroy();
            see(credentials);
        } finally {
            System.setOut(out);
            System.setErr(err);
            logs = CapturedLogs.stop();
        }
        seen.addAll(logs);
        seen.add(console.toString(StandardCharsets.UTF_8));
        assertThat(logs).as("log lines captured").anyMatch(l -> l.contains("Kerberos"));
        assertThat(seen).as("the failures were seen").anyMatch(x -> x.contains("KDC_ERR_S_PRINCIPAL_UNKNOWN"))
                .anyMatch(x -> x.contains("wrong password"));
        String all = String.join("\n", seen).toLowerCase(Locale.ROOT);
        assertThat(all).doesNotContain(PASSWORD.toLowerCase(Locale.ROOT)).doesNotContain("needle-7781");
        for (String secret : secrets) {
            assertThat(all).doesNotContain(secret);
        }
    }
}
