package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.invoke;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every call of the two samples of the ConfigMgr 2007 SDK page "How to Synchronize with the Software Update Point"
 * (shared/reference/seeds/how-to-synchronize-with-the-software-update-point-2007.txt), one to one on the transport
 * API against {@code memory:demo?version=2007}, and the failures a real provider gives the same calls when they go
 * wrong (wrong site code, no session handle, a server without that component).
 */
class SdkSyncSamples2007Test {
    static final String CEN = ns("CEN");
    static final String SCF = "SMS_SiteControlFile";
    /** The VBScript sample's instance path, spelled as the sample spells it (Filetype=1, Sitecode). */
    static final String SCF_INSTANCE = "SMS_SiteControlFile.Filetype=1,Sitecode=\"CEN\"";
    static final String SYNC_QUERY = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER'"
            + " AND SiteCode = 'CEN'";

    SimulatedClock clock;
    SimulatedProvider sim;
    WmiTransport t;

    @BeforeEach
    void open() {
        clock = SimulatedClock.standard();
        sim = SimulatedProvider.builder().version(ProviderVersion.CM2007).clock(clock).build();
        t = sim.openTransport();
    }

    @AfterEach
    void close() {
        t.close();
    }

    /** The C# sample's GetInstance path, single quotes included. */
    static String componentPath(String site, String server) {
        return "SMS_SCI_Component.FileType=2,ItemType='Component',SiteCode='" + site
                + "',ItemName='SMS_WSUS_SYNC_MANAGER|" + server + "'";
    }

    WmiContext session() {
        String handle = invoke(t, CEN, SCF, "GetSessionHandle", Map.of()).getString("SessionHandle");
        return WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle);
    }

    static long syncNow(WmiObject component) {
        return component.get("Props").orElseThrow().asObjectList().stream()
                .filter(p -> p.getString("PropertyName").equals("Sync Now")).findFirst().orElseThrow().getLong("Value");
    }

    static WmiObject withSyncNow(WmiObject component, long value) {
        List<WmiObject> props = new ArrayList<>();
        for (WmiObject p : component.get("Props").orElseThrow().asObjectList()) {
            props.add(p.getString("PropertyName").equals("Sync Now") ? p.with("Value", value) : p);
        }
        return component.with("Props", CimValue.objectArray(props));
    }

    long committedSyncNow() {
        return syncNow(query(t, CEN, SYNC_QUERY).get(0));
    }

    // --- VBScript sample: ExecMethod "SMS_SiteControlFile.Filetype=1,Sitecode=""CEN""", "Refresh", , , swbemContext

    @Test
    void refreshOnTheSamplesInstancePathReloadsTheSessionCopyDroppingItsEdits() {
        WmiContext ctx = session();
        invoke(t, CEN, SCF_INSTANCE, "Refresh", Map.of(), ctx);
        WmiObject sync = query(t, CEN, SYNC_QUERY, ctx).get(0);
        t.put(CEN, withSyncNow(sync, 1234), PutMode.UPDATE_ONLY, CALL, ctx);
        assertThat(syncNow(query(t, CEN, SYNC_QUERY, ctx).get(0))).isEqualTo(1234);

        WmiObject out = invoke(t, CEN, SCF_INSTANCE, "Refresh", Map.of(), ctx);

        assertThat(out.getLong("ReturnValue")).isZero();
        assertThat(syncNow(query(t, CEN, SYNC_QUERY, ctx).get(0))).isZero();
        assertThat(committedSyncNow()).isZero();
    }

    @Test
    void commitOnTheInstancePathAppliesTheSessionsEdits() {
        WmiContext ctx = session();
        invoke(t, CEN, SCF_INSTANCE, "Refresh", Map.of(), ctx);
        t.put(CEN, withSyncNow(query(t, CEN, SYNC_QUERY, ctx).get(0), 77), PutMode.UPDATE_ONLY, CALL, ctx);
        assertThat(committedSyncNow()).as("not committed yet").isZero();

        invoke(t, CEN, "SMS_SiteControlFile.FileType=2,SiteCode=\"CEN\"", "Commit", Map.of(), ctx);

        assertThat(committedSyncNow()).isEqualTo(77);
    }

    @Test
    void refreshWithoutTheSessionHandleIsAnInvalidContext() {
        assertThatThrownBy(() -> invoke(t, CEN, SCF_INSTANCE, "Refresh", Map.of(), WmiContext.empty()))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_CONTEXT))
                .hasMessageContaining("SessionHandle");
    }

    @Test
    void refreshOfASiteCodeThatIsNoSiteHereIsNotFound() {
        WmiContext ctx = session();
        assertThatThrownBy(() -> invoke(t, CEN, "SMS_SiteControlFile.Filetype=1,Sitecode=\"XYZ\"", "Refresh", Map.of(), ctx))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_NOT_FOUND))
                .hasMessageContaining("XYZ");
        // The parent's site control file is not visible from the child's provider either.
        String ps1 = ns("PS1");
        String handle = invoke(t, ps1, SCF, "GetSessionHandle", Map.of()).getString("SessionHandle");
        assertThatThrownBy(() -> invoke(t, ps1, SCF_INSTANCE, "Refresh", Map.of(),
                WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle)))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_NOT_FOUND));
    }

    @Test
    void refreshAndCommitAreNoMethodsAfter2007() {
        try (WmiTransport current = SimulatedProvider.demo().openTransport()) {
            String cas = ns("CAS");
            String handle = invoke(current, cas, SCF, "GetSessionHandle", Map.of()).getString("SessionHandle");
            WmiContext ctx = WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle);
            for (String method : new String[] {"Refresh", "Commit"}) {
                assertThatThrownBy(() -> invoke(current, cas, "SMS_SiteControlFile.Filetype=1,Sitecode=\"CAS\"", method,
                        Map.of(), ctx))
                        .isInstanceOfSatisfying(WmiException.class,
                                e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_METHOD))
                        .hasMessageContaining(method + "SCF");
            }
        }
    }

    @Test
    void refreshIsAnInstanceMethodNotCalledOnTheClass() {
        assertThatThrownBy(() -> invoke(t, CEN, SCF, "Refresh", Map.of(), session()))
                .isInstanceOfSatisfying(WmiException.class,
                        e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS));
    }

    // --- VBScript sample: ExecQuery(Query, , wbemFlagForwardOnly Or wbemFlagReturnImmediately, swbemContext)

    @Test
    void theSamplesQueryReturnsOneComponentNamedAfterTheSoftwareUpdatePointServer() {
        List<WmiObject> found = query(t, CEN, SYNC_QUERY, session());
        assertThat(found).hasSize(1);
        assertThat(sim.softwareUpdatePointServer("CEN")).isEqualTo("censup.contoso.com")
                .isNotEqualTo(sim.site("CEN").serverName());
        assertThat(found.get(0).getString("ItemName")).isEqualTo("SMS_WSUS_SYNC_MANAGER|censup.contoso.com");
        assertThat(found.get(0).getString("Name")).isEqualTo("censup.contoso.com");
        assertThat(found.get(0).getLong("Flag")).as("NAMED_SERVER_INSTALLED").isEqualTo(6);
        // A site whose software update point is on the site server: named after the site server.
        assertThat(query(t, CEN, "SELECT ItemName FROM SMS_SCI_Component WHERE ComponentName ="
                + " 'SMS_WSUS_CONFIGURATION_MANAGER' AND SiteCode = 'PS1'").get(0).getString("ItemName"))
                .isEqualTo("SMS_WSUS_CONFIGURATION_MANAGER|ps1site.contoso.com");
        // Components that are not WSUS components stay on the site server role.
        assertThat(query(t, CEN, "SELECT ItemName FROM SMS_SCI_Component WHERE ComponentName ="
                + " 'SMS_STATUS_MANAGER' AND SiteCode = 'CEN'").get(0).getString("ItemName"))
                .isEqualTo("SMS_STATUS_MANAGER|SMS Site Server");
        assertThat(query(t, CEN, "SELECT WSUSServerName FROM SMS_SUPSyncStatus WHERE SiteCode = 'CEN'").get(0)
                .getString("WSUSServerName")).isEqualTo("censup.contoso.com");
    }

    @Test
    void currentBranchKeepsTheSiteServerRoleInTheItemName() {
        try (WmiTransport current = SimulatedProvider.demo().openTransport()) {
            assertThat(query(current, ns("CAS"), "SELECT ItemName FROM SMS_SCI_Component WHERE ComponentName ="
                    + " 'SMS_WSUS_SYNC_MANAGER' AND SiteCode = 'CAS'").get(0).getString("ItemName"))
                    .isEqualTo("SMS_WSUS_SYNC_MANAGER|SMS Site Server");
        }
    }

    // --- VBScript sample: SCIComponent.Put_(wbemChangeFlagUpdateOnly, swbemContext)

    @Test
    void anUpdateOnlyPutWithTheContextEditsTheSessionCopyOnly() {
        WmiContext ctx = session();
        WmiObject sync = query(t, CEN, SYNC_QUERY, ctx).get(0);
        ObjectPath path = t.put(CEN, withSyncNow(sync, 99), PutMode.UPDATE_ONLY, CALL, ctx);

        assertThat(path.key("ItemName")).contains("SMS_WSUS_SYNC_MANAGER|censup.contoso.com");
        assertThat(syncNow(t.get(CEN, path, CALL, ctx))).isEqualTo(99);
        assertThat(committedSyncNow()).isZero();
    }

    @Test
    void anUpdateOnlyPutOfAComponentTheServerDoesNotRunIsNotFound() {
        WmiContext ctx = session();
        WmiObject elsewhere = withSyncNow(query(t, CEN, SYNC_QUERY, ctx).get(0), 5)
                .with("ItemName", "SMS_WSUS_SYNC_MANAGER|censite.contoso.com");
        assertThatThrownBy(() -> t.put(CEN, elsewhere, PutMode.UPDATE_ONLY, CALL, ctx))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_NOT_FOUND));
    }

    // --- VBScript sample: ExecMethod "SMS_SiteControlFile", "CommitSCF", InParams, , swbemContext; ReleaseSessionHandle

    @Test
    void theWholeVbScriptSequenceStartsASynchronizationThatEndsIn6702() {
        WmiContext ctx = session();
        invoke(t, CEN, SCF_INSTANCE, "Refresh", Map.of(), ctx);
        long timestamp = clock.instant().getEpochSecond();
        WmiObject sync = query(t, CEN, SYNC_QUERY, ctx).get(0);
        t.put(CEN, withSyncNow(sync, timestamp), PutMode.UPDATE_ONLY, CALL, ctx);
        invoke(t, CEN, SCF, "CommitSCF", Map.of("SiteCode", "CEN"), ctx);
        invoke(t, CEN, SCF, "ReleaseSessionHandle", Map.of("SessionHandle", ctx.sessionHandle().orElseThrow()));

        assertThat(sim.openSiteControlSessions()).isZero();
        assertThat(committedSyncNow()).isEqualTo(timestamp);
        assertThat(stateAfter(Duration.ofMinutes(10))).isEqualTo(6702);
        assertThat(lastMessageIds()).endsWith(6701L, 6704L, 6705L, 6702L);
    }

    // --- C# sample: connection.GetInstance("SMS_SCI_Component...ItemName='SMS_WSUS_SYNC_MANAGER|" + SUPServerName + "'")

    @Test
    void theCSharpSamplesPathFindsTheComponentByTheSoftwareUpdatePointServer() {
        WmiObject sync = t.get(CEN, ObjectPath.parse(componentPath("CEN", "censup.contoso.com")), CALL, WmiContext.empty());
        assertThat(sync.getString("ComponentName")).isEqualTo("SMS_WSUS_SYNC_MANAGER");
        assertThat(syncNow(sync)).isZero();
    }

    @Test
    void theCSharpSamplesPathWithAServerWithoutThatComponentIsNotFound() {
        for (String server : new String[] {"censite.contoso.com", "SMS Site Server", "ps1site.contoso.com"}) {
            assertThatThrownBy(() -> t.get(CEN, ObjectPath.parse(componentPath("CEN", server)), CALL, WmiContext.empty()))
                    .as(server)
                    .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_NOT_FOUND));
        }
        assertThatThrownBy(() -> t.get(CEN, ObjectPath.parse(componentPath("XYZ", "censup.contoso.com")), CALL,
                WmiContext.empty()))
                .as("wrong site code")
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_NOT_FOUND));
    }

    // --- C# sample: siteDefinition.Put() without a session handle

    @Test
    void thePutWithoutASessionHandleEditsTheGlobalCopyAndStartsASynchronization() {
        WmiObject sync = t.get(CEN, ObjectPath.parse(componentPath("CEN", "censup.contoso.com")), CALL, WmiContext.empty());
        long serial = query(t, CEN, "SELECT SerialNumber FROM SMS_SiteControlFile WHERE SiteCode = 'CEN'").get(0)
                .getLong("SerialNumber");
        long timestamp = clock.instant().getEpochSecond();

        t.put(CEN, withSyncNow(sync, timestamp), PutMode.CREATE_OR_UPDATE, CALL, WmiContext.empty());

        assertThat(committedSyncNow()).as("no commit needed").isEqualTo(timestamp);
        assertThat(query(t, CEN, "SELECT SerialNumber FROM SMS_SiteControlFile WHERE SiteCode = 'CEN'").get(0)
                .getLong("SerialNumber")).isEqualTo(serial + 1);
        assertThat(stateAfter(Duration.ofMinutes(10))).isEqualTo(6702);
        assertThat(lastMessageIds()).endsWith(6701L, 6704L, 6705L, 6702L);
    }

    private long stateAfter(Duration d) {
        clock.advance(d);
        return query(t, CEN, "SELECT LastSyncState FROM SMS_SUPSyncStatus WHERE SiteCode = 'CEN'").get(0)
                .getLong("LastSyncState");
    }

    private List<Long> lastMessageIds() {
        return query(t, CEN, "SELECT MessageID FROM SMS_StatusMessage WHERE Component = 'SMS_WSUS_SYNC_MANAGER'"
                + " AND SiteCode = 'CEN' ORDER BY RecordID").stream().map(o -> o.getLong("MessageID")).toList();
    }
}
