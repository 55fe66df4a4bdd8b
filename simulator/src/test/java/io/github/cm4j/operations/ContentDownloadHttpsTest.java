package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.ContentServer;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.updates.ContentDownloadException;
import io.github.cm4j.updates.ContentTrust;
import io.github.cm4j.updates.DownloadedFile;
import io.github.cm4j.updates.UpdateQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content downloads over HTTPS with the JDK's TLS verification on, against the simulator's loopback content server
 * serving TLS with a certificate made at start that no trust store holds: refused and named until trusted on purpose
 * (a CA file, a pinned fingerprint), then landing with a verified hash.
 */
class ContentDownloadHttpsTest {
    private SimulatedProvider sim;
    private ContentServer server;
    private ConfigMgr cm;
    @TempDir
    Path dir;
    @TempDir
    Path config;

    @BeforeEach
    void connect() {
        sim = SimulatedProvider.builder().clock(SimulatedClock.standard()).catalogSize(300).contentServerHttps(true).build();
        server = sim.contentServer().orElseThrow();
        cm = ConfigMgr.builder().uri("memory:test").provider(sim.transportProvider()).connect();
    }

    @AfterEach
    void close() {
        cm.close();
        server.close();
    }

    private SoftwareUpdate anUpdateWithOneFile() {
        try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
            return s.filter(u -> cm.softwareUpdates().content(u).size() == 1).findFirst().orElseThrow();
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static String sha1(Path p) throws Exception {
        return "SHA1:" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(p)));
    }

    private static String sha256(X509Certificate c) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    @Test
    void anUntrustedCertificateIsRefusedByNameAndFingerprintAndNothingIsLeftBehind() throws Exception {
        SoftwareUpdate u = anUpdateWithOneFile();
        CiContentFile file = cm.softwareUpdates().content(u).get(0);
        assertThat(file.sourceUrl()).startsWith("https://127.0.0.1:");
        X509Certificate cert = server.certificate().orElseThrow();
        assertThatThrownBy(() -> cm.softwareUpdates().downloadContent(u, dir))
                .isInstanceOfSatisfying(ContentDownloadException.class, e -> assertThat(e.fileName()).isEqualTo(file.fileName()))
                .hasMessageContaining("TLS handshake failed").hasMessageContaining("CN=localhost")
                .hasMessageContaining(sha256(cert)).hasMessageContaining("the JDK trust store")
                .hasMessageContaining("ContentTrust.pin(\"" + sha256(cert) + "\")");
        assertThat(files()).isEmpty();
        assertThat(server.requests()).as("no request reached the server").isZero();
    }

    @Test
    void trustedThroughItsPemFileTheDownloadLandsWithAVerifiedHash() throws Exception {
        SoftwareUpdate u = anUpdateWithOneFile();
        Path pem = Files.writeString(config.resolve("content-ca.pem"), server.certificatePem().orElseThrow());
        ContentTrust trust = ContentTrust.caFile(pem);
        assertThat(trust.toString()).contains("content-ca.pem");
        List<DownloadedFile> got = cm.softwareUpdates().withContentTrust(trust).downloadContent(u, dir);
        assertThat(got).singleElement().satisfies(f -> {
            assertThat(f.downloaded()).isTrue();
            assertThat(f.path()).hasParent(dir);
            assertThat(f.bytes()).isEqualTo(f.file().fileSize()).isEqualTo(Files.size(f.path()));
        });
        assertThat(sha1(got.get(0).path())).isEqualTo(got.get(0).file().fileHash());
        assertThat(server.requests()).isEqualTo(1);
        // The view changes nothing else: the default still refuses.
        Files.delete(got.get(0).path());
        assertThatThrownBy(() -> cm.softwareUpdates().downloadContent(u, dir)).isInstanceOf(ContentDownloadException.class);
    }

    @Test
    void pinnedByItsFingerprintTheDownloadLandsAndAnotherPinIsRefused() throws Exception {
        SoftwareUpdate u = anUpdateWithOneFile();
        String fingerprint = sha256(server.certificate().orElseThrow());
        String other = "sha256:" + "ab".repeat(32);
        assertThatThrownBy(() -> cm.softwareUpdates().withContentTrust(ContentTrust.pin(other)).downloadContent(u, dir))
                .isInstanceOf(ContentDownloadException.class).hasMessageContaining(fingerprint).hasMessageContaining(other);
        assertThat(files()).isEmpty();
        List<DownloadedFile> got = cm.softwareUpdates().withContentTrust(ContentTrust.pin(fingerprint)).downloadContent(u, dir);
        assertThat(got).singleElement().satisfies(f -> assertThat(f.downloaded()).isTrue());
        assertThat(sha1(got.get(0).path())).isEqualTo(got.get(0).file().fileHash());
        assertThatThrownBy(() -> ContentTrust.pin("md5:00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256:");
        assertThatThrownBy(() -> ContentTrust.caFile(config.resolve("missing.pem"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.pem");
    }
}
