package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.PutMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ConfigMgr.query/get/invoke} with a {@link WmiContext}: the generic calls the SDK's WMI samples make with
 * {@code swbemContext}, so that a session managed by hand (GetSessionHandle ... ReleaseSessionHandle) works.
 */
class ConfigMgrContextCallsTest {
    private static final String SYNC = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER'"
            + " AND SiteCode = 'CEN'";
    private static final String PATH = "SMS_SCI_Component.FileType=2,ItemType='Component',SiteCode='CEN',"
            + "ItemName='SMS_WSUS_SYNC_MANAGER|censup.contoso.com'";

    private static long expressFiles(WmiObject component) {
        return component.get("Props").orElseThrow().asObjectList().stream()
                .filter(p -> p.getString("PropertyName").equals("Sync ExpressFiles")).findFirst().orElseThrow().getLong("Value");
    }

    private static WmiObject withExpressFiles(WmiObject component, long value) {
        List<WmiObject> props = new ArrayList<>();
        for (WmiObject p : component.get("Props").orElseThrow().asObjectList()) {
            props.add(p.getString("PropertyName").equals("Sync ExpressFiles") ? p.with("Value", value) : p);
        }
        return component.with("Props", CimValue.objectArray(props));
    }

    @Test
    void callsWithTheSessionHandleSeeTheSessionsCopyAndCallsWithoutItTheGlobalOne() {
        Hierarchies h = Hierarchies.cm2007();
        try (ConfigMgr cm = h.connect()) {
            String handle = cm.invoke("SMS_SiteControlFile", "GetSessionHandle", Map.of()).getString("SessionHandle");
            WmiContext ctx = WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle);
            cm.invoke("SMS_SiteControlFile.Filetype=1,Sitecode=\"CEN\"", "Refresh", Map.of(), ctx);
            WmiObject mine = withExpressFiles(cm.query(SYNC, ctx).findFirst().orElseThrow(), 1);
            cm.transport().put(cm.namespace(), mine, PutMode.UPDATE_ONLY, CallOptions.defaults(), ctx);

            assertThat(expressFiles(cm.query(SYNC, ctx).findFirst().orElseThrow())).isEqualTo(1);
            assertThat(expressFiles(cm.get(PATH, ctx))).isEqualTo(1);
            assertThat(expressFiles(cm.query(SYNC).findFirst().orElseThrow())).isZero();
            assertThat(expressFiles(cm.get(PATH))).isZero();

            cm.invoke("SMS_SiteControlFile", "CommitSCF", Map.of("SiteCode", "CEN"), ctx);
            cm.invoke("SMS_SiteControlFile", "ReleaseSessionHandle", Map.of("SessionHandle", handle));

            assertThat(expressFiles(cm.get(PATH))).isEqualTo(1);
            assertThat(h.sim.openSiteControlSessions()).isZero();
            assertThatThrownBy(() -> cm.query(SYNC, ctx).toList()).as("a released handle")
                    .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_CONTEXT));
        }
    }

    @Test
    void theSamplesRefreshWithoutAContextIsRefused() {
        try (ConfigMgr cm = Hierarchies.cm2007().connect()) {
            assertThatThrownBy(() -> cm.invoke("SMS_SiteControlFile.Filetype=1,Sitecode=\"CEN\"", "Refresh", Map.of()))
                    .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_CONTEXT));
        }
    }
}
