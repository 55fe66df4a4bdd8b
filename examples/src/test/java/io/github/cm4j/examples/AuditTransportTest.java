package io.github.cm4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.MethodFailedException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.examples.audit.AuditTransport;
import io.github.cm4j.examples.audit.AuditTransportProvider;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.sitecontrol.SiteControlSession;
import io.github.cm4j.spi.CallOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the example transport adds to the one it wraps: a line per change, none per read, never a context value. */
class AuditTransportTest {
    private static final CallOptions CALL = CallOptions.timeout(Duration.ofSeconds(10));
    private final List<String> trail = new CopyOnWriteArrayList<>();

    private ConfigMgr connect(String uri) {
        return ConfigMgr.builder().uri(uri).provider(new AuditTransportProvider(trail::add)).connect();
    }

    @Test
    void changesAreAuditedWithTheirOutcomeAndReadsAreNot() {
        try (ConfigMgr cm = connect("audit:memory:demo")) {
            cm.query("SELECT * FROM SMS_Site").forEach(s -> { });
            cm.softwareUpdates().get(16777295);
            assertThat(trail).isEmpty();

            cm.softwareUpdates().acceptEula(16777295, true);
            assertThat(trail).containsExactly("ExecMethod root\\sms\\site_CAS SMS_SoftwareUpdate.CI_ID=16777295 AcceptEULA: ok");

            // No license terms: the call itself worked, the method answered ReturnValue 1168.
            assertThatThrownBy(() -> cm.softwareUpdates().acceptEula(16777224, true)).isInstanceOf(MethodFailedException.class);
            assertThat(trail).hasSize(2).last().asString().endsWith("CI_ID=16777224 AcceptEULA: ok");
        }
    }

    @Test
    void aSessionIsAuditedStepByStepWithTheHandleNamedNeverShown() {
        try (ConfigMgr cm = connect("audit:memory:demo?site=PS1")) {
            try (SiteControlSession scf = cm.siteControl().open()) {
                scf.put(scf.component("SMS_WSUS_SYNC_MANAGER").withProperty("Sync ExpressFiles", 1));
                scf.commit();
            }
            assertThat(trail).hasSize(5);
            assertThat(trail.get(0)).isEqualTo("ExecMethod root\\sms\\site_PS1 SMS_SiteControlFile GetSessionHandle: ok");
            assertThat(trail.get(1)).startsWith("ExecMethod root\\sms\\site_PS1 SMS_SiteControlFile RefreshSCF [SessionHandle]");
            assertThat(trail.get(2)).startsWith("PutInstance root\\sms\\site_PS1 SMS_SCI_Component.")
                    .endsWith("UPDATE_ONLY [SessionHandle]: ok");
            assertThat(trail.get(3)).contains("CommitSCF [SessionHandle]: ok");
            assertThat(trail.get(4)).contains("ReleaseSessionHandle");

            String handle = cm.invoke("SMS_SiteControlFile", "GetSessionHandle", Map.of()).getString("SessionHandle");
            WmiContext withHandle = WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle);
            assertThatThrownBy(() -> cm.transport().delete(cm.namespace(), ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=99"),
                    CALL, withHandle)).isInstanceOf(WmiException.class);
            assertThat(trail.get(trail.size() - 1)).contains("DeleteInstance").contains("[SessionHandle]: failed");
            assertThat(String.join("\n", trail)).doesNotContain(handle);
        }
    }

    @Test
    void aRefusedChangeIsAuditedWithItsStatusAndTheExceptionPassesThrough() {
        SimulatedProvider sim = SimulatedProvider.builder()
                .faults(Faults.builder().failAlways("ExecMethod", WbemStatus.WBEM_E_ACCESS_DENIED).build()).build();
        try (AuditTransport audited = new AuditTransport(sim.openTransport(), trail::add)) {
            assertThatThrownBy(() -> audited.invoke(audited.defaultNamespace(),
                    ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=16777295"), "GetEULA", null, CALL, WmiContext.empty()))
                    .isInstanceOf(WmiException.class)
                    .satisfies(e -> assertThat(((WmiException) e).is(WbemStatus.WBEM_E_ACCESS_DENIED)).isTrue());
        }
        assertThat(trail).containsExactly(
                "ExecMethod root\\sms\\site_CAS SMS_SoftwareUpdate.CI_ID=16777295 GetEULA: failed, WBEM_E_ACCESS_DENIED");
    }

    @Test
    void anAuditUriMustNameAnotherTarget() {
        assertThatThrownBy(() -> ConfigMgr.connect("audit://cm01/CAS")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names the target after 'audit:'");
        assertThatThrownBy(() -> ConfigMgr.connect("audit:audit:memory:demo"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
