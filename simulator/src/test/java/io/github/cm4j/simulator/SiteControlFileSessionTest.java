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
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The site control file session protocol: GetSessionHandle, RefreshSCF, put with the handle, CommitSCF, ReleaseSessionHandle. */
class SiteControlFileSessionTest {
    static final String CAS = ns("CAS");
    static final String SCF = "SMS_SiteControlFile";
    static final String SYNC_QUERY = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER' AND SiteCode = 'PS1'";
    WmiTransport t;

    @BeforeEach
    void open() {
        t = SimulatedProvider.demo().openTransport();
    }

    @AfterEach
    void close() {
        t.close();
    }

    WmiContext session() {
        String handle = invoke(t, CAS, SCF, "GetSessionHandle", Map.of()).getString("SessionHandle");
        assertThat(handle).matches("\\{[0-9A-F-]{36}\\}");
        WmiContext ctx = WmiContext.empty().with("LocaleID", "MS\\1033").with(WmiContext.SESSION_HANDLE, handle);
        invoke(t, CAS, SCF, "RefreshSCF", Map.of("SiteCode", "PS1"), ctx);
        return ctx;
    }

    WmiObject syncManager(WmiContext ctx) {
        return query(t, CAS, SYNC_QUERY, ctx).get(0);
    }

    static long prop(WmiObject component, String name) {
        return component.get("Props").orElseThrow().asObjectList().stream()
                .filter(p -> p.getString("PropertyName").equals(name)).findFirst().orElseThrow().getLong("Value");
    }

    static WmiObject withProp(WmiObject component, String name, long value) {
        List<WmiObject> props = new ArrayList<>();
        for (WmiObject p : component.get("Props").orElseThrow().asObjectList()) {
            props.add(p.getString("PropertyName").equals(name) ? p.with("Value", value) : p);
        }
        return component.with("Props", CimValue.objectArray(props));
    }

    @Test
    void componentsHaveThePropertyNamesPublicScriptsRead() {
        WmiObject sync = syncManager(WmiContext.empty());
        assertThat(sync.getString("ItemName")).isEqualTo("SMS_WSUS_SYNC_MANAGER|SMS Site Server");
        assertThat(sync.get("Props").orElseThrow().asObjectList()).extracting(p -> p.getString("PropertyName"))
                .contains("Sync Now", "Sync Schedule", "Sync ExpressFiles", "EnableThirdPartyUpdates",
                        "MaxInstallTime-ServicePack", "MaxInstallTime-Windows");
        WmiObject cfg = query(t, CAS, "SELECT * FROM SMS_SCI_Component WHERE FileType = 2 AND ComponentName ="
                + " 'SMS_WSUS_CONFIGURATION_MANAGER' AND SiteCode = 'PS1'").get(0);
        assertThat(cfg.get("Props").orElseThrow().asObjectList()).extracting(p -> p.getString("PropertyName"))
                .contains("Call WSUS Cleanup", "ClientReportingLevel", "DefaultWSUS", "DefaultUseParentWSUS", "ParentWSUS",
                        "SupportedTitleLanguages", "SupportedUpdateLanguages", "Sync Supersedence Age For Feature",
                        "Sync Supersedence Mode For NonFeature");
        assertThat(cfg.get("PropLists").orElseThrow().asObjectList()).extracting(l -> l.getString("PropertyListName"))
                .containsExactly("Products", "UpdateClassifications");
        assertThat(prop(cfg, "DefaultUseParentWSUS")).as("a child site syncs from its parent").isEqualTo(1);
        assertThat(query(t, CAS, "SELECT * FROM SMS_SCI_SiteDefinition WHERE SiteCode = 'PS1' AND FileType = 2"))
                .singleElement().satisfies(d -> assertThat(d.getString("ParentSiteCode")).isEqualTo("CAS"));
    }

    @Test
    void editsWithASessionHandleArePrivateUntilCommitted() {
        WmiContext mine = session();
        WmiObject edited = withProp(syncManager(mine), "Sync ExpressFiles", 2);
        t.put(CAS, edited, PutMode.UPDATE_ONLY, CALL, mine);

        assertThat(prop(syncManager(mine), "Sync ExpressFiles")).as("my session sees my edit").isEqualTo(2);
        assertThat(prop(syncManager(WmiContext.empty()), "Sync ExpressFiles")).as("the global copy does not").isZero();
        WmiContext other = session();
        assertThat(prop(syncManager(other), "Sync ExpressFiles")).as("another session does not").isZero();
        long serialBefore = query(t, CAS, "SELECT * FROM SMS_SiteControlFile WHERE SiteCode = 'PS1'").get(0).getLong("SerialNumber");

        WmiObject out = invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), mine);
        assertThat(out.getLong("ReturnValue")).isZero();
        assertThat(prop(syncManager(WmiContext.empty()), "Sync ExpressFiles")).isEqualTo(2);
        assertThat(query(t, CAS, "SELECT * FROM SMS_SiteControlFile WHERE SiteCode = 'PS1'").get(0).getLong("SerialNumber"))
                .isGreaterThan(serialBefore);
        assertThat(prop(syncManager(other), "Sync ExpressFiles")).as("the other session keeps its loaded copy").isZero();
        invoke(t, CAS, SCF, "RefreshSCF", Map.of("SiteCode", "PS1"), other);
        assertThat(prop(syncManager(other), "Sync ExpressFiles")).as("until it refreshes").isEqualTo(2);
    }

    @Test
    void withoutAHandleTheGlobalCopyIsEdited() {
        WmiObject edited = withProp(syncManager(WmiContext.empty()), "MaxInstallTime-Windows", 1800);
        t.put(CAS, edited, PutMode.UPDATE_ONLY, CALL, WmiContext.empty());
        assertThat(prop(syncManager(WmiContext.empty()), "MaxInstallTime-Windows")).isEqualTo(1800);
        assertThat(prop(syncManager(session()), "MaxInstallTime-Windows")).isEqualTo(1800);
    }

    @Test
    void aCommitAfterSomeoneElsesCommitOfTheSameItemIsAConflict() {
        WmiContext a = session();
        WmiContext b = session();
        t.put(CAS, withProp(syncManager(a), "Sync ExpressFiles", 2), PutMode.UPDATE_ONLY, CALL, a);
        t.put(CAS, withProp(syncManager(b), "MaxInstallTime-Windows", 600), PutMode.UPDATE_ONLY, CALL, b);
        invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), a);

        assertThatThrownBy(() -> invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), b))
                .isInstanceOfSatisfying(WmiException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(0x8004106D);
                    assertThat(e.operation()).isEqualTo("ExecMethod");
                    assertThat(e.getMessage()).contains("SMS_WSUS_SYNC_MANAGER|SMS Site Server").contains("modified meanwhile")
                            .contains("RefreshSCF");
                });
        WmiObject global = syncManager(WmiContext.empty());
        assertThat(prop(global, "Sync ExpressFiles")).as("the first commit stands").isEqualTo(2);
        assertThat(prop(global, "MaxInstallTime-Windows")).as("nothing of the second is merged").isEqualTo(3600);

        // refresh, redo, commit: now it goes through
        invoke(t, CAS, SCF, "RefreshSCF", Map.of("SiteCode", "PS1"), b);
        t.put(CAS, withProp(syncManager(b), "MaxInstallTime-Windows", 600), PutMode.UPDATE_ONLY, CALL, b);
        invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), b);
        assertThat(prop(syncManager(WmiContext.empty()), "MaxInstallTime-Windows")).isEqualTo(600);
        assertThat(prop(syncManager(WmiContext.empty()), "Sync ExpressFiles")).isEqualTo(2);
    }

    @Test
    void aGlobalEditAlsoConflictsWithASessionThatEditedTheSameItem() {
        WmiContext a = session();
        t.put(CAS, withProp(syncManager(a), "Sync ExpressFiles", 2), PutMode.UPDATE_ONLY, CALL, a);
        t.put(CAS, withProp(syncManager(WmiContext.empty()), "Sync ExpressFiles", 1), PutMode.UPDATE_ONLY, CALL, WmiContext.empty());
        assertThatThrownBy(() -> invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), a))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.hresult()).isEqualTo(0x8004106D));
    }

    @Test
    void sessionsEditingDifferentItemsBothCommit() {
        WmiContext a = session();
        WmiContext b = session();
        t.put(CAS, withProp(syncManager(a), "Sync ExpressFiles", 2), PutMode.UPDATE_ONLY, CALL, a);
        WmiObject cfg = query(t, CAS, "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_CONFIGURATION_MANAGER'"
                + " AND SiteCode = 'PS1'", b).get(0);
        t.put(CAS, withProp(cfg, "ClientReportingLevel", 2), PutMode.UPDATE_ONLY, CALL, b);
        invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), a);
        invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), b);
        assertThat(prop(syncManager(WmiContext.empty()), "Sync ExpressFiles")).isEqualTo(2);
    }

    @Test
    void createAndDeleteInASessionArePrivateToo() {
        WmiContext a = session();
        WmiObject comp = syncManager(a);
        WmiObject custom = comp.with("ItemName", "SMS_CUSTOM_COMPONENT|SMS Site Server").with("ComponentName", "SMS_CUSTOM_COMPONENT");
        t.put(CAS, custom, PutMode.CREATE_ONLY, CALL, a);
        String q = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_CUSTOM_COMPONENT'";
        assertThat(query(t, CAS, q, a)).hasSize(1);
        assertThat(query(t, CAS, q)).isEmpty();
        t.delete(CAS, custom.path(), CALL, a);
        assertThat(query(t, CAS, q, a)).isEmpty();
        t.put(CAS, custom, PutMode.CREATE_ONLY, CALL, a);
        invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), a);
        assertThat(query(t, CAS, q)).hasSize(1);
    }

    @Test
    void refreshDropsUncommittedEdits() {
        WmiContext a = session();
        t.put(CAS, withProp(syncManager(a), "Sync ExpressFiles", 2), PutMode.UPDATE_ONLY, CALL, a);
        invoke(t, CAS, SCF, "RefreshSCF", Map.of("SiteCode", "PS1"), a);
        assertThat(prop(syncManager(a), "Sync ExpressFiles")).isZero();
    }

    @Test
    void aReleasedHandleCanNoLongerBeUsed() {
        WmiContext a = session();
        String handle = a.sessionHandle().orElseThrow();
        assertThat(invoke(t, CAS, SCF, "ReleaseSessionHandle", Map.of("SessionHandle", handle)).getLong("ReturnValue")).isZero();
        assertThatThrownBy(() -> syncManager(a)).isInstanceOfSatisfying(WmiException.class,
                e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_CONTEXT));
        assertThatThrownBy(() -> invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1"), a))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_CONTEXT));
        assertThatThrownBy(() -> invoke(t, CAS, SCF, "ReleaseSessionHandle", Map.of("SessionHandle", handle)))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_PARAMETER));
        WmiContext forged = WmiContext.empty().with(WmiContext.SESSION_HANDLE, "{00000000-0000-4000-8000-000000000000}");
        assertThatThrownBy(() -> syncManager(forged)).isInstanceOfSatisfying(WmiException.class,
                e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_CONTEXT));
    }

    @Test
    void sessionMethodsCheckTheirArguments() {
        assertThatThrownBy(() -> invoke(t, CAS, SCF, "CommitSCF", Map.of("SiteCode", "PS1")))
                .as("no handle").isInstanceOfSatisfying(WmiException.class,
                        e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_CONTEXT));
        WmiContext a = session();
        assertThatThrownBy(() -> invoke(t, CAS, SCF, "RefreshSCF", Map.of("SiteCode", "XYZ"), a))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_PARAMETER));
        assertThatThrownBy(() -> invoke(t, ns("PS1"), SCF, "RefreshSCF", Map.of("SiteCode", "CAS"), a))
                .as("a child's provider cannot edit its parent").isInstanceOfSatisfying(WmiException.class,
                        e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_PARAMETER));
        assertThatThrownBy(() -> t.invoke(CAS, io.github.cm4j.cim.ObjectPath.parse("SMS_SiteControlFile.FileType=1,SiteCode=\"PS1\""),
                "Commit", null, CALL, a))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_METHOD));
    }

    @Test
    void theSiteControlFileRendersItsItems() {
        WmiObject file = t.get(CAS, query(t, CAS, "SELECT * FROM SMS_SiteControlFile WHERE SiteCode = 'CAS'").get(0).path(),
                CALL, WmiContext.empty());
        assertThat(file.getString("SCFData")).contains("BEGIN_COMPONENT").contains("PROPERTY <Sync Schedule><REG_SZ>");
        assertThat(file.getLong("FileType")).isEqualTo(2);
    }
}
