package io.github.cm4j.adminservice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.diagnostics.Diagnosis;
import io.github.cm4j.diagnostics.Verdict;
import io.github.cm4j.simulator.SimulatedProvider;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code cm4j doctor} over {@code adminservice://} against the loopback AdminService: the transport's own checks (name,
 * TCP, TLS with the certificate's subject and fingerprint, the schemes the service offers, a Kerberos ticket for
 * {@code HTTP/<fqdn>}) come before the ConfigMgr checks, in each mode a user meets.
 */
@ExtendWith(Kdc.Extension.class)
class AdminServiceDoctorTest {
    private static final Duration CHECK = Duration.ofSeconds(20);
    private static final Duration TOTAL = Duration.ofSeconds(90);

    private static Diagnosis diagnose(String uri, Credentials credentials) {
        return ConfigMgr.builder().uri(uri).credentials(credentials).diagnose(CHECK, TOTAL);
    }

    private static Check check(Diagnosis d, String id) {
        return d.check(id).orElseThrow(() -> new AssertionError("no check " + id + " in " + d));
    }

    @Test
    void aHealthyServiceWithKerberosPassesTheTransportChecksAndTheSiteChecks() {
        try (AdminServiceServer server = Loopback.start(SimulatedProvider.demo(), "CAS", Kdc.shared())) {
            Diagnosis d = diagnose(server.uri(), Credentials.kerberosPassword(Kdc.USER, Kdc.PASSWORD));
            assertThat(check(d, "dns").verdict()).isEqualTo(Verdict.PASS);
            assertThat(check(d, "tcp-https").verdict()).isEqualTo(Verdict.PASS);
            assertThat(check(d, "tls").verdict()).isEqualTo(Verdict.PASS);
            assertThat(check(d, "tls").evidence()).contains("CN=localhost").contains(server.fingerprint()).contains("pinned");
            assertThat(check(d, "http-auth").verdict()).isEqualTo(Verdict.PASS);
            assertThat(check(d, "http-auth").evidence()).contains("401").contains("Negotiate");
            assertThat(check(d, "kerberos").verdict()).as(check(d, "kerberos").toString()).isEqualTo(Verdict.PASS);
            assertThat(check(d, "kerberos").evidence()).contains("HTTP/localhost");
            assertThat(d.checks(Verdict.FAIL)).as(d.toString()).isEmpty();
            assertThat(d.toString()).doesNotContain(Kdc.PASSWORD);
        }
    }

    @Test
    void anUntrustedCertificateFailsNamingItsSubjectAndFingerprintAndHowToPinIt() {
        try (AdminServiceServer server = Loopback.start(SimulatedProvider.demo(), "CAS", Kdc.shared())) {
            String unpinned = server.uri().replaceAll("tls-pin=[^&]*&?", "");
            Diagnosis d = diagnose(unpinned, Credentials.kerberosPassword(Kdc.USER, Kdc.PASSWORD));
            Check tls = check(d, "tls");
            assertThat(tls.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(tls.evidence()).contains("CN=localhost").contains(server.fingerprint()).contains("JDK trust store");
            assertThat(tls.advice()).contains("tls-pin=" + server.fingerprint());
            assertThat(check(d, "http-auth").verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(d.verdict()).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    void nothingListeningFailsTheTcpCheckAndSkipsWhatDependsOnIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Diagnosis d = diagnose("adminservice://localhost:" + port + "/CAS", Credentials.kerberosPassword(Kdc.USER, Kdc.PASSWORD));
        assertThat(check(d, "tcp-https").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check(d, "tcp-https").advice()).contains("HTTPS");
        assertThat(check(d, "tls").verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(check(d, "http-auth").verdict()).isEqualTo(Verdict.SKIPPED);
    }

    @Test
    void ntlmOnlyCredentialsAreToldThatTheServiceRefusesNtlm() {
        try (AdminServiceServer server = Loopback.start(SimulatedProvider.demo(), "CAS", Kdc.shared())) {
            Diagnosis d = diagnose(server.uri(), Credentials.of("LAB\\admin", "Not-used-1"));
            Check kerberos = check(d, "kerberos");
            assertThat(kerberos.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(kerberos.advice()).contains("refuses NTLM (ConfigMgr 2509 and later)");
            assertThat(d.toString()).doesNotContain("Not-used-1");
        }
    }
}
