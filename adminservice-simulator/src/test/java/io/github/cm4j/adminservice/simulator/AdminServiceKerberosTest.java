package io.github.cm4j.adminservice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.AdminServiceTransportProvider;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import java.net.URI;
import java.security.PrivilegedAction;
import java.time.Duration;
import java.util.Map;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our client's Kerberos over {@code adminservice://} against the loopback service and the in-process KDC: the
 * thread's JAAS subject is used; the server must prove itself (mutual authentication); a server that cannot read the
 * ticket is a 401 named as such; core's Kerberos credentials log in; NTLM-only credentials are refused with the
 * 2509 message before any call.
 */
@ExtendWith(Kdc.Extension.class)
class AdminServiceKerberosTest {
    private static final ObjectPath SITE = ObjectPath.of("SMS_Site", Map.of("SiteCode", "CAS"));
    private static final CallOptions CALL = CallOptions.timeout(Duration.ofSeconds(20));

    @Test
    @SuppressWarnings("removal")
    void theSubjectOfTheOpeningThreadAuthenticatesEveryRequest() throws Exception {
        try (AdminServiceServer server = Loopback.start(SimulatedProvider.demo(), "CAS", Kdc.shared())) {
            long before = server.authenticatedRequests();
            String code = Subject.doAs(Kdc.shared().userSubject(), (PrivilegedAction<String>) () -> {
                try (ConfigMgr cm = ConfigMgr.connect(server.uri())) {
                    return cm.site().siteCode();
                }
            });
            assertThat(code).isEqualTo("CAS");
            assertThat(server.authenticatedRequests() - before).isPositive();
        }
    }

    @Test
    void coresKerberosCredentialsLogInAndAuthenticate() throws Exception {
        try (AdminServiceServer server = Loopback.start(SimulatedProvider.demo(), "CAS", Kdc.shared());
             ConfigMgr cm = ConfigMgr.connect(server.uri(), Credentials.kerberosPassword(Kdc.USER, Kdc.PASSWORD))) {
            assertThat(cm.site().siteCode()).isEqualTo("CAS");
            assertThat(cm.toString()).doesNotContain(Kdc.PASSWORD);
        }
    }

    @Test
    void aServerThatDoesNotProveItsIdentityIsRefused() throws Exception {
        // a service without Kerberos answers without a Negotiate token: no mutual authentication
        try (AdminServiceServer server = Loopback.start(SimulatedProvider.demo(), "CAS", null)) {
            URI uri = URI.create(server.uri().replace("&auth=none", ""));
            try (WmiTransport t = AdminServiceTransportProvider.open(uri, Kdc.shared().userSubject())) {
                assertThatThrownBy(() -> t.get(t.defaultNamespace(), SITE, CALL, WmiContext.empty()))
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("did not prove its identity");
            }
        }
    }

    @Test
    void aServerThatCannotReadTheTicketIsA401NamingTheSpn() throws Exception {
        try (AdminServiceServer server = AdminServiceServer.builder().backend(SimulatedProvider.demo().openTransport("CAS"))
                .kerberos(Kdc.shared().otherKeytab(), Kdc.shared().otherPrincipal()).start()) {
            try (WmiTransport t = AdminServiceTransportProvider.open(URI.create(server.uri()), Kdc.shared().userSubject())) {
                assertThatThrownBy(() -> t.get(t.defaultNamespace(), SITE, CALL, WmiContext.empty()))
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("refused the Kerberos ticket for HTTP/localhost")
                        .hasMessageContaining("HTTP 401");
            }
        }
    }

    @Test
    void passwordCredentialsAreRefusedWithThe2509Message() throws Exception {
        try (AdminServiceServer server = Loopback.start(SimulatedProvider.demo(), "CAS", Kdc.shared())) {
            URI uri = URI.create(server.uri());
            assertThatThrownBy(() -> new AdminServiceTransportProvider().open(TransportConfig.of(uri,
                    Credentials.of("LAB\\alice", Kdc.PASSWORD))))
                    .hasMessageContaining("this AdminService refuses NTLM (ConfigMgr 2509 and later): use Kerberos")
                    .hasMessageNotContaining(Kdc.PASSWORD);
        }
    }
}
