package io.github.cm4j.adminservice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.AdminServiceTransportProvider;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NTLM over HTTP ({@code adminservice://...?ntlm=on}) between our client and the loopback service: allowed
 * ({@code allowNtlm}, a site before ConfigMgr 2509) it reads {@code SMS_Site} and pages through
 * {@code SMS_SoftwareUpdate}, each request authenticated by its own handshake whose two legs the server only accepts
 * on one connection; with the service's Extended Protection set to require channel bindings our client's bindings
 * (from the certificate it verified) are accepted; refused (the default, as 2509) the client says to use Kerberos;
 * a wrong password is an {@link AuthenticationException} naming the account; without {@code ntlm=on} NTLM is never
 * used.
 */
@ExtendWith(Kdc.Extension.class)
class AdminServiceNtlmTest {
    private static final String ACCOUNT = "LAB\\alice";
    private static final String PASSWORD = "Ntlm-over-HTTP-1";
    private static final ObjectPath SITE = ObjectPath.of("SMS_Site", Map.of("SiteCode", "CAS"));
    private static final CallOptions CALL = CallOptions.timeout(Duration.ofSeconds(20));

    private static AdminServiceServer start(boolean allowNtlm, boolean requireBindings, boolean kerberos) throws IOException {
        AdminServiceServer.Builder b = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS"));
        if (allowNtlm) {
            b.allowNtlm(List.of(Credentials.of(ACCOUNT, PASSWORD))).requireNtlmChannelBindings(requireBindings);
        }
        if (kerberos) {
            b.host(Kdc.HOST).kerberos(Kdc.shared().serviceKeytab(), Kdc.shared().servicePrincipal());
        }
        return b.start();
    }

    private static URI ntlmUri(AdminServiceServer server) {
        return URI.create("adminservice://localhost:" + server.port() + "/CAS?tls-pin=" + server.fingerprint() + "&ntlm=on");
    }

    private static WmiTransport open(URI uri, String password) {
        return new AdminServiceTransportProvider().open(TransportConfig.of(uri, Credentials.of(ACCOUNT, password)));
    }

    @Test
    void ntlmOnReadsSmsSiteAndPagesThroughSmsSoftwareUpdateWhenTheServiceAllowsNtlm() throws Exception {
        try (AdminServiceServer server = start(true, false, false);
             WmiTransport t = open(ntlmUri(server), PASSWORD)) {
            WmiObject site = t.get(t.defaultNamespace(), SITE, CALL, WmiContext.empty());
            assertThat(site.get("SiteCode").orElseThrow().asString()).isEqualTo("CAS");
            long afterSite = server.ntlmAuthenticatedRequests();
            assertThat(afterSite).isPositive();

            long expected;
            try (WmiTransport memory = SimulatedProvider.demo().openTransport("CAS");
                 Stream<WmiObject> all = memory.query(memory.defaultNamespace(), "SELECT CI_ID FROM SMS_SoftwareUpdate",
                         QueryOptions.defaults(), WmiContext.empty())) {
                expected = all.count();
            }
            int batch = (int) Math.max(1, expected / 3);
            try (Stream<WmiObject> updates = t.query(t.defaultNamespace(), "SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate",
                    QueryOptions.defaults().withBatchSize(batch), WmiContext.empty())) {
                assertThat(updates.count()).isEqualTo(expected);
            }
            // every page is a request of its own, each authenticated by a full handshake on its own connection
            long pages = (expected + batch - 1) / batch;
            assertThat(server.ntlmAuthenticatedRequests() - afterSite).isGreaterThanOrEqualTo(pages);
        }
    }

    @Test
    void configMgrOverNtlmWorksUnchanged() throws Exception {
        try (AdminServiceServer server = start(true, false, false);
             ConfigMgr cm = ConfigMgr.connect(ntlmUri(server).toString(), Credentials.of(ACCOUNT, PASSWORD))) {
            assertThat(cm.site().siteCode()).isEqualTo("CAS");
            assertThat(cm.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void ourChannelBindingsSatisfyAServiceThatRequiresThem() throws Exception {
        try (AdminServiceServer server = start(true, true, false);
             WmiTransport t = open(ntlmUri(server), PASSWORD)) {
            assertThat(t.get(t.defaultNamespace(), SITE, CALL, WmiContext.empty()).className()).isEqualTo("SMS_Site");
            assertThat(server.ntlmAuthenticatedRequests()).isPositive();
        }
    }

    @Test
    void aServiceThatRefusesNtlmAsConfigMgr2509DoesGetsTheKerberosAdvice() throws Exception {
        for (boolean kerberos : new boolean[] {false, true}) {
            try (AdminServiceServer server = start(false, false, kerberos);
                 WmiTransport t = open(ntlmUri(server), PASSWORD)) {
                assertThatThrownBy(() -> t.get(t.defaultNamespace(), SITE, CALL, WmiContext.empty()))
                        .as("kerberos=" + kerberos)
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("this AdminService refuses NTLM (ConfigMgr 2509 and later): use Kerberos")
                        .hasMessageContaining("Rejecting NTLM authentication")
                        .hasMessageNotContaining(PASSWORD);
                assertThat(server.ntlmAuthenticatedRequests()).isZero();
            }
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationExceptionNamingTheAccount() throws Exception {
        try (AdminServiceServer server = start(true, false, false);
             WmiTransport t = open(ntlmUri(server), "not-the-password")) {
            assertThatThrownBy(() -> t.get(t.defaultNamespace(), SITE, CALL, WmiContext.empty()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("refused the NTLM logon of " + ACCOUNT)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining("not-the-password");
            assertThat(server.ntlmAuthenticatedRequests()).isZero();
        }
    }

    @Test
    void withoutNtlmOnPasswordCredentialsAreRefusedBeforeAnyCall() throws Exception {
        try (AdminServiceServer server = start(true, false, false)) {
            URI uri = URI.create(ntlmUri(server).toString().replace("&ntlm=on", ""));
            assertThatThrownBy(() -> open(uri, PASSWORD))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("this AdminService refuses NTLM (ConfigMgr 2509 and later): use Kerberos")
                    .hasMessageContaining("ntlm=on");
            assertThat(server.ntlmAuthenticatedRequests()).isZero();
        }
    }

    @Test
    void anAuthenticateOnAnotherConnectionThanItsChallengeIsRefused() throws Exception {
        // what a pooled client risks: two HttpClients are two connections for certain
        try (AdminServiceServer server = start(true, false, false)) {
            javax.net.ssl.SSLContext ssl = io.github.cm4j.internal.tls.Tls.of(null, server.fingerprint()).context();
            java.net.http.HttpClient first = java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
            java.net.http.HttpClient second = java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
            URI site = URI.create("https://localhost:" + server.port() + "/AdminService/wmi/SMS_Site");
            io.github.cm4j.wmi.ntlm.NtlmClient.Context c = io.github.cm4j.wmi.ntlm.NtlmClient.of(
                    Credentials.of(ACCOUNT, PASSWORD)).newContext();
            java.net.http.HttpResponse<String> challenge = first.send(java.net.http.HttpRequest.newBuilder(site)
                    .header("Authorization", "NTLM " + java.util.Base64.getEncoder().encodeToString(c.negotiate())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(challenge.statusCode()).isEqualTo(401);
            String token = challenge.headers().allValues("WWW-Authenticate").stream().filter(v -> v.startsWith("NTLM "))
                    .findFirst().orElseThrow().substring(5);
            byte[] authenticate = c.authenticate(java.util.Base64.getDecoder().decode(token));
            java.net.http.HttpResponse<String> elsewhere = second.send(java.net.http.HttpRequest.newBuilder(site)
                    .header("Authorization", "NTLM " + java.util.Base64.getEncoder().encodeToString(authenticate)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(401);
            assertThat(elsewhere.body()).contains("without a CHALLENGE on this connection");
            assertThat(server.ntlmAuthenticatedRequests()).isZero();
        }
    }

    @Test
    void kerberosIsPreferredWhenTheCredentialsCanDoBoth() throws Exception {
        try (AdminServiceServer server = start(true, false, true);
             ConfigMgr cm = ConfigMgr.connect(ntlmUri(server).toString(), Credentials.kerberosPassword(Kdc.USER, Kdc.PASSWORD))) {
            assertThat(cm.site().siteCode()).isEqualTo("CAS");
            assertThat(server.authenticatedRequests()).isPositive();
            assertThat(server.ntlmAuthenticatedRequests()).isZero();
        }
    }
}
