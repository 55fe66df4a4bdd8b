package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.ContentServer;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.simulator.WmiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples over {@code dcom://}, as against a real site (`--uri dcom://host:port/CAS --user 'LAB\admin'`,
 * password in CM4J_PASSWORD), with cm4j's loopback MS-WMI/DCOM server in front of a simulated hierarchy: each
 * example prints what it prints on {@code memory:demo}, the same hierarchy reached without the wire.
 */
class ExamplesOverDcomTest {
    private static final String PASSWORD = "Secret1!";
    private static final Map<String, String> ENVIRONMENT = Map.of("CM4J_PASSWORD", PASSWORD);

    private WmiServer server;
    private String uri;

    /** A fresh hierarchy per test: what one example changes (a synchronization adds updates) stays out of the others. */
    @BeforeEach
    void startTheLoopbackServer() {
        // The demo hierarchy, its clock running 600 times faster than real time so that a synchronization ends in
        // under a second (as memory:demo?speed=600).
        SimulatedProvider demo = SimulatedProvider.builder()
                .clock(SimulatedClock.running(SimulatedClock.DEFAULT_START, 600)).build();
        server = WmiServer.builder().provider(demo).account("LAB", "admin", PASSWORD).build();
        uri = "dcom://127.0.0.1:" + server.start() + "/CAS";
    }

    @AfterEach
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    private ExampleRun overDcom(Class<?> example, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "--uri";
        args[1] = uri;
        args[2] = "--user";
        args[3] = "LAB\\admin";
        System.arraycopy(options, 0, args, 4, options.length);
        return ExampleRun.of(example, ENVIRONMENT, args);
    }

    @Test
    void listingPrintsExactlyWhatItPrintsOnTheSimulator() {
        ExampleRun dcom = overDcom(ListUpdatesMatchingCriteria.class, "--product", "Windows 10", "--limit", "50");
        ExampleRun memory = ExampleRun.of(ListUpdatesMatchingCriteria.class, "--product", "Windows 10", "--limit", "50");
        assertThat(dcom.exitStatus()).as(dcom.toString()).isZero();
        assertThat(dcom.stdout()).isEqualTo(memory.stdout()).contains("updates match");
    }

    @Test
    void aSiteControlSessionCarriesItsHandleOverTheWire() {
        ExampleRun dcom = overDcom(EditSiteControlFile.class, "--site", "PS1", "--value", "3");
        ExampleRun memory = ExampleRun.of(EditSiteControlFile.class, "--site", "PS1", "--value", "3");
        assertThat(dcom.exitStatus()).as(dcom.toString()).isZero();
        assertThat(dcom.stdout()).isEqualTo(memory.stdout()).contains("Now: Sync ExpressFiles = 3 (committed)");
    }

    @Test
    void synchronizeWaitsForTheEndOverTheWire() {
        ExampleRun run = overDcom(SynchronizeSoftwareUpdatePoint.class, "--timeout", "2m");
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        List<String> messages = run.lines().stream().filter(l -> l.matches("  67\\d\\d CAS .*")).map(l -> l.substring(2, 6))
                .toList();
        assertThat(messages).as(run.toString()).startsWith("6701").endsWith("6702");
        assertThat(run.stdout()).contains("through SMS_SoftwareUpdate.SyncNow").contains("Result:  SUCCEEDED");
    }

    @Test
    void theThirdPartyTransportWrapsDcomAsItWrapsTheSimulator() {
        ExampleRun run = overDcom(CustomTransport.class);
        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Connected: ConfigMgr[audit:" + uri + ", root\\sms\\site_CAS, LAB\\admin]");
        assertThat(run.stderr().lines().filter(l -> l.startsWith("audit: ") && l.endsWith(": ok"))).hasSize(6);
        assertThat(run.stdout() + run.stderr()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsOneLineAndExit1() {
        String wrong = "Not-The-Passw0rd-7q";
        ExampleRun run = ExampleRun.of(ContentForUpdate.class, Map.of("CM4J_PASSWORD", wrong), "--uri", uri, "--user",
                "LAB\\admin");
        assertThat(run.exitStatus()).as(run.toString()).isEqualTo(1);
        // the message says what was refused and why ("wrong password or hash, or ..."), never the secret itself
        assertThat(run.stderr()).startsWith("ContentForUpdate: ").doesNotContain("\tat ").doesNotContain(wrong)
                .contains("refused");
        assertThat(run.stderr().lines()).hasSize(1);
    }

    @Test
    void downloadContentOverHttpsIsRefusedNamingTheCertificateAndLandsWithTlsCaOrTlsPin(@TempDir Path dir) throws Exception {
        // content served over HTTPS with a self-signed certificate, as an internal update source may be
        SimulatedProvider https = SimulatedProvider.builder().contentServerHttps(true).build();
        WmiServer httpsServer = WmiServer.builder().provider(https).account("LAB", "admin", PASSWORD).build();
        try {
            String httpsUri = "dcom://127.0.0.1:" + httpsServer.start() + "/CAS";
            ContentServer content = https.contentServer().orElseThrow();
            String fingerprint = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.certificate().orElseThrow().getEncoded()));

            ExampleRun refused = ExampleRun.of(DownloadContent.class, ENVIRONMENT, "--uri", httpsUri, "--user", "LAB\\admin",
                    "--dir", dir.resolve("refused").toString());
            assertThat(refused.exitStatus()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr()).startsWith("DownloadContent: ").doesNotContain("\tat ")
                    .containsIgnoringCase(fingerprint.substring("sha256:".length(), 16)).contains("--tls-pin");
            try (Stream<Path> left = Files.list(dir.resolve("refused"))) {
                assertThat(left).as("nothing left behind").isEmpty();
            }

            Path pem = Files.writeString(dir.resolve("content-ca.pem"), content.certificatePem().orElseThrow());
            ExampleRun withCa = ExampleRun.of(DownloadContent.class, ENVIRONMENT, "--uri", httpsUri, "--user", "LAB\\admin",
                    "--dir", dir.resolve("ca").toString(), "--tls-ca", pem.toString());
            assertThat(withCa.exitStatus()).as(withCa.toString()).isZero();
            assertThat(withCa.stdout()).contains("2 file(s) in").containsPattern("downloaded \\S+, \\d+ bytes, SHA1:[0-9A-F]{40} verified");

            ExampleRun pinned = ExampleRun.of(DownloadContent.class, ENVIRONMENT, "--uri", httpsUri, "--user", "LAB\\admin",
                    "--dir", dir.resolve("pin").toString(), "--tls-pin", fingerprint);
            assertThat(pinned.exitStatus()).as(pinned.toString()).isZero();
            assertThat(pinned.stdout()).contains("2 file(s) in");
        } finally {
            httpsServer.close();
        }
    }
}
