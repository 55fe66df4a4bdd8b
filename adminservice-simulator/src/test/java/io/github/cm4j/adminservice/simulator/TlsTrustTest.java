package io.github.cm4j.adminservice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.ConnectionException;
import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.AdminServiceTransportProvider;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS of {@code adminservice://} against the loopback service's self-signed certificate: refused by the JDK trust
 * store with the certificate's subject and fingerprint in the message; accepted when pinned or given as
 * {@code tls-ca}; a wrong pin refused; the host name still checked when the CA is trusted.
 */
class TlsTrustTest {
    private static AdminServiceServer server;
    private static AdminServiceServer onOtherAddress;
    private static final ObjectPath SITE = ObjectPath.of("SMS_Site", Map.of("SiteCode", "CAS"));

    @BeforeAll
    static void start() throws Exception {
        server = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS")).start();
        onOtherAddress = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS"))
                .bind(InetAddress.getByName("127.0.0.2")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        onOtherAddress.close();
    }

    private static WmiTransport open(String hostPort, String options) {
        return new AdminServiceTransportProvider().open(TransportConfig.of(
                URI.create("adminservice://" + hostPort + "/CAS?auth=none" + options), Credentials.none()));
    }

    private static String siteCode(WmiTransport t) {
        return t.get(t.defaultNamespace(), SITE, CallOptions.timeout(Duration.ofSeconds(20)), WmiContext.empty())
                .getString("SiteCode");
    }

    @Test
    void anUntrustedCertificateIsRefusedNamingItsSubjectAndFingerprint() {
        try (WmiTransport t = open("localhost:" + server.port(), "")) {
            Throwable e = catchThrowable(() -> siteCode(t));
            assertThat(e).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("CN=localhost")
                    .hasMessageContaining(server.fingerprint())
                    .hasMessageContaining("tls-pin=" + server.fingerprint())
                    .hasMessageContaining("the JDK trust store");
        }
    }

    @Test
    void thePinnedCertificateIsAcceptedAndAnotherPinRefused() {
        try (WmiTransport t = open("localhost:" + server.port(), "&tls-pin=" + server.fingerprint())) {
            assertThat(siteCode(t)).isEqualTo("CAS");
        }
        try (WmiTransport t = open("localhost:" + server.port(), "&tls-pin=" + onOtherAddress.fingerprint())) {
            assertThat(catchThrowable(() -> siteCode(t))).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining(server.fingerprint());
        }
    }

    @Test
    void theCertificateAsCaIsAcceptedAndTheHostNameStillChecked() throws Exception {
        Path pem = Files.createTempFile("cm4j-ca", ".pem");
        Files.writeString(pem, server.certificatePem());
        try (WmiTransport t = open("localhost:" + server.port(), "&tls-ca=" + pem)) {
            assertThat(siteCode(t)).isEqualTo("CAS");
        }
        Path otherPem = Files.createTempFile("cm4j-ca", ".pem");
        Files.writeString(otherPem, onOtherAddress.certificatePem());
        // 127.0.0.2 is not among the certificate's names (localhost, 127.0.0.1, ::1): trusted CA, wrong host
        try (WmiTransport t = open("127.0.0.2:" + onOtherAddress.port(), "&tls-ca=" + otherPem)) {
            assertThat(catchThrowable(() -> siteCode(t))).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("not trusted");
        }
        try (WmiTransport t = open("127.0.0.2:" + onOtherAddress.port(), "&tls-pin=" + onOtherAddress.fingerprint())) {
            assertThat(catchThrowable(() -> siteCode(t))).as("a pin does not switch the host name check off")
                    .isInstanceOf(ConnectionException.class);
        }
    }
}
