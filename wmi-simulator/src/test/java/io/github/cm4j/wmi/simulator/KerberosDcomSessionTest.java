package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sync.SyncProgress;
import io.github.cm4j.sync.SyncResult;
import io.github.cm4j.testing.TestKdc;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Sessions over {@code dcom://} with Kerberos against the loopback server with its keytab (tickets from the shared
 * in-process KDC): synchronization on both provider versions, the server refusing NTLM as an NTLM-off Windows does,
 * and negotiate falling back to NTLM where it may.
 */
class KerberosDcomSessionTest {

    private static String uri(WmiServer server, String site, String options) {
        return LoopbackSites.uri(server, site, "spn=host/cas.lab.test" + (options.isEmpty() ? "" : "&" + options));
    }

    @ParameterizedTest
    @EnumSource(value = ProviderVersion.class, names = {"CURRENT_BRANCH", "CM2007"})
    void synchronizeReachesDoneOverKerberosAtPrivacy(ProviderVersion version) {
        SimulatedClock clock = SimulatedClock.standard();
        SimulatedProvider sim = SimulatedProvider.builder().version(version).clock(clock).catalogSize(100).build();
        try (WmiServer server = LoopbackSites.startKerberos(sim, true);
             ConfigMgr cm = ConfigMgr.builder().uri(uri(server, sim.topSite().code(), "auth=privacy"))
                     .credentials(LoopbackSites.kerberosAlice()).clock(clock).sleeper(clock::advance).connect()) {
            SyncResult r = cm.softwareUpdatePoint().synchronize().await(Duration.ofMinutes(30));
            List<Integer> ids = r.progress().stream().map(SyncProgress::messageId).toList();
            assertThat(r.outcome().toString()).isEqualTo("SUCCEEDED");
            assertThat(ids).last().isEqualTo(6702);
        }
    }

    @Test
    void aServerRefusingNtlmTurnsAwayNtlmOnlyCredentialsSayingBoth() {
        try (WmiServer server = LoopbackSites.startKerberos(SimulatedProvider.demo(), true)) {
            assertThatThrownBy(() -> ConfigMgr.builder().uri(uri(server, "CAS", "")).credentials(LoopbackSites.ADMIN)
                    .connectTimeout(Duration.ofSeconds(10)).connect())
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("NTLM logon of LAB\\admin refused")
                    .hasMessageContaining("the server refuses NTLM").hasMessageContaining("Kerberos credentials")
                    .hasMessageNotContaining(LoopbackSites.PASSWORD);
        }
    }

    @Test
    void negotiateFallsBackToNtlmWhenKerberosCannotStartUnlessNtlmIsOff() {
        // admin has a password but no principal in the KDC: Kerberos fails before the bind, NTLM (domain LAB.TEST, as
        // the principal's realm) carries the session
        Credentials bob = Credentials.kerberosPassword("admin@LAB.TEST", LoopbackSites.PASSWORD);
        try (WmiServer server = WmiServer.builder().provider(SimulatedProvider.demo())
                .account("LAB.TEST", "admin", LoopbackSites.PASSWORD).kerberos(TestKdc.SERVICE, TestKdc.shared().serviceKeytab())
                .build()) {
            server.start();
            try (ConfigMgr cm = ConfigMgr.builder().uri(uri(server, "CAS", "")).credentials(bob).connect()) {
                assertThat(cm.site().siteCode()).isEqualTo("CAS");
            }
        }
        try (WmiServer server = LoopbackSites.startKerberos(SimulatedProvider.demo(), false)) {
            assertThatThrownBy(() -> ConfigMgr.builder().uri(uri(server, "CAS", "ntlm=off")).credentials(bob).connect())
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("admin@LAB.TEST")
                    .hasMessageContaining("KDC_ERR_C_PRINCIPAL_UNKNOWN").hasMessageNotContaining(LoopbackSites.PASSWORD);
        }
    }

    @Test
    void aKeytabClientAuthenticatesWithoutAPassword() {
        TestKdc kdc = TestKdc.shared();
        try (WmiServer server = WmiServer.builder().provider(SimulatedProvider.demo()).account("LAB", "x", "unused-Pw1")
                .kerberosAccount(TestKdc.AES_ONLY_SERVICE, Access.READ_ONLY).kerberos(TestKdc.SERVICE, kdc.serviceKeytab())
                .build()) {
            server.start();
            try (ConfigMgr cm = ConfigMgr.builder().uri(uri(server, "CAS", "authn=kerberos"))
                    .credentials(Credentials.kerberosKeytab(TestKdc.AES_ONLY_SERVICE, kdc.aesOnlyKeytab())).connect()) {
                assertThat(cm.site().siteCode()).isEqualTo("CAS");
            }
        }
    }
}
