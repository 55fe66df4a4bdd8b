package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.invoke;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.Models;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.model.StatusMessage;
import io.github.cm4j.model.SupSyncStatus;
import io.github.cm4j.model.WmiModel;
import io.github.cm4j.spi.WmiTransport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the simulator returns binds to core's typed models: query results, loaded instances, embedded objects. */
class TypedModelsTest {
    static final String CAS = ns("CAS");

    @Test
    void everyInstanceOfEveryModelClassBinds() {
        SimulatedProvider sim = SimulatedProvider.builder().catalogSize(600).build();
        try (WmiTransport t = sim.openTransport()) {
            invoke(t, CAS, "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", false));
            sim.sync().runToCompletion();
            int bound = 0;
            for (Class<? extends WmiModel> type : Models.all()) {
                String cls = Models.wmiClassName(type);
                if (sim.store.schema().find(cls).isEmpty()) {
                    continue; // a class of the other provider version (checked by ModelCheck.runAllVersions)
                }
                if (sim.store.classNamed(cls).hasFlag("Embedded")) {
                    continue;
                }
                List<WmiObject> rows = query(t, CAS, "SELECT * FROM " + cls);
                for (WmiObject o : rows.subList(0, Math.min(rows.size(), 700))) {
                    WmiModel m = Models.bind(type, o);
                    assertThat(m.toWmiObject()).isEqualTo(o);
                    Models.bindLoaded(type, t.get(CAS, o.path(), CALL, WmiContext.empty()));
                    bound++;
                }
            }
            assertThat(bound).isGreaterThan(1000);
        }
    }

    @Test
    void modelsReadTheSimulatedValuesAsDocumented() {
        SimulatedProvider sim = SimulatedProvider.demo();
        try (WmiTransport t = sim.openTransport()) {
            SoftwareUpdate u = Models.bindLoaded(SoftwareUpdate.class, t.get(CAS,
                    query(t, CAS, "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE EULAExists = 1").get(0).path(), CALL, WmiContext.empty()));
            assertThat(u.localizedEulas().isLoaded()).isTrue();
            assertThat(u.localizedEulas().get()).hasSize(1);
            SciComponent sync = Models.bind(SciComponent.class, query(t, CAS, "SELECT * FROM SMS_SCI_Component WHERE"
                    + " ComponentName = 'SMS_WSUS_SYNC_MANAGER' AND SiteCode = 'CAS'").get(0));
            assertThat(sync.property("Sync Now")).isPresent();
            invoke(t, CAS, "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", false));
            sim.sync().runToCompletion();
            List<StatusMessage> messages = query(t, CAS, "SELECT * FROM SMS_StatusMessage WHERE SiteCode = 'CAS'").stream()
                    .map(m -> Models.bind(StatusMessage.class, m)).toList();
            assertThat(messages).extracting(StatusMessage::messageId).containsExactly(6701, 6704, 6705, 6702);
            SupSyncStatus status = Models.bind(SupSyncStatus.class, query(t, CAS, "SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = 'CAS'").get(0));
            assertThat(status.isSynchronizing()).isFalse();
        }
    }
}
