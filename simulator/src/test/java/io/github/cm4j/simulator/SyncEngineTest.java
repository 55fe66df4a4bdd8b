package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.count;
import static io.github.cm4j.simulator.Sims.invoke;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.sync.LogEntry;
import io.github.cm4j.sync.LogParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
    static final String CAS = ns("CAS");

    static List<Long> messages(WmiTransport t, String ns, String site) {
        return query(t, ns, "SELECT * FROM SMS_StatusMessage WHERE Component = 'SMS_WSUS_SYNC_MANAGER' AND SiteCode = '"
                + site + "' ORDER BY RecordID").stream().map(m -> m.getLong("MessageID")).toList();
    }

    static WmiObject syncStatus(WmiTransport t, String site) {
        return query(t, CAS, "SELECT * FROM SMS_SUPSyncStatus WHERE SiteCode = '" + site + "'").get(0);
    }

    @Test
    void syncNowSynchronizesTheTopSiteThenItsChildrenOnTheSimulatedClock() {
        SimulatedClock clock = SimulatedClock.standard();
        SimulatedProvider sim = SimulatedProvider.builder().clock(clock).build();
        try (WmiTransport t = sim.openTransport()) {
            int before = (int) count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate");
            Instant t0 = clock.instant();
            invoke(t, CAS, "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", false));
            assertThat(messages(t, CAS, "CAS")).containsExactly(6701L);
            assertThat(syncStatus(t, "CAS").getLong("LastSyncState")).isEqualTo(6701);

            clock.advance(Duration.ofSeconds(90));
            assertThat(messages(t, CAS, "CAS")).containsExactly(6701L, 6704L);
            assertThat(syncStatus(t, "CAS").getLong("LastSyncState")).isEqualTo(6704);
            clock.advance(Duration.ofMinutes(2));
            assertThat(messages(t, CAS, "CAS")).containsExactly(6701L, 6704L, 6705L);
            assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate")).as("not yet").isEqualTo(before);
            clock.advance(Duration.ofMinutes(1));
            assertThat(messages(t, CAS, "CAS")).containsExactly(6701L, 6704L, 6705L, 6702L);
            WmiObject cas = syncStatus(t, "CAS");
            assertThat(cas.getLong("LastSyncState")).isEqualTo(6702);
            assertThat(cas.get("LastSuccessfulSyncTime").orElseThrow().asDateTime().toInstant())
                    .isEqualTo(t0.plus(Duration.ofMinutes(4)));
            long after = count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate");
            assertThat(after).as("the next catalog arrived").isGreaterThan(before);
            assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE DatePosted > '" + t0.minus(Duration.ofDays(1)) + "'"))
                    .isEqualTo(after - before);
            assertThat(messages(t, CAS, "PS1")).as("children have not started").isEmpty();

            sim.sync().runToCompletion();
            assertThat(messages(t, CAS, "PS1")).containsExactly(6701L, 6704L, 6705L, 6702L);
            assertThat(messages(t, ns("PS2"), "PS2")).containsExactly(6701L, 6704L, 6705L, 6702L);
            assertThat(messages(t, ns("PS2"), "PS1")).as("a site does not see its sibling's messages").isEmpty();
            assertThat(sim.sync().completedSyncs()).containsExactly("CAS", "PS1", "PS2");
            assertThat(sim.sync().isRunning()).isFalse();
            assertThat(syncStatus(t, "PS2").getLong("SyncCatalogVersion")).isEqualTo(cas.getLong("SyncCatalogVersion"));
        }
    }

    @Test
    void wsyncmgrLogIsInTheSiteServerFormatAndParsesWithCore() {
        SimulatedProvider sim = SimulatedProvider.demo();
        try (WmiTransport t = sim.openTransport()) {
            invoke(t, CAS, "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", true));
            sim.sync().runToCompletion();
        }
        List<String> lines = sim.sync().log("CAS");
        assertThat(lines.get(0)).matches("Wakeup by inbox drop  \\$\\$<SMS_WSUS_SYNC_MANAGER><06-11-2024 10:00:00\\.000\\+000>"
                + "<thread=5468 \\(0x155C\\)>");
        List<LogEntry> entries = LogParser.parse(String.join("\n", lines) + "\n");
        assertThat(entries).hasSize(lines.size()).allSatisfy(e -> assertThat(e.component()).isEqualTo("SMS_WSUS_SYNC_MANAGER"));
        List<Integer> ids = new ArrayList<>();
        entries.forEach(e -> e.status().ifPresent(s -> ids.add(s.id())));
        assertThat(ids).containsExactly(6701, 6704, 6705, 6702);
        assertThat(lines).anyMatch(l -> l.startsWith("Full sync requested"))
                .anyMatch(l -> l.startsWith("Sync time: 0d00h12m00s"))
                .anyMatch(l -> l.startsWith("Sending sync notification to child site(s): PS1, PS2"));
        assertThat(sim.sync().log("PS1")).anyMatch(l -> l.startsWith("Found parent sync notification file CAS.SYN."));
    }

    @Test
    void anInjectedFailureEndsTheTopSiteSyncWith6703AndChildrenDoNotSync() {
        SimulatedProvider sim = SimulatedProvider.demo();
        try (WmiTransport t = sim.openTransport()) {
            long before = count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate");
            sim.sync().failNext(0x80131500);
            invoke(t, CAS, "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", false));
            sim.sync().runToCompletion();
            assertThat(messages(t, CAS, "CAS")).containsExactly(6701L, 6704L, 6705L, 6703L);
            WmiObject status = syncStatus(t, "CAS");
            assertThat(status.getLong("LastSyncState")).isEqualTo(6703);
            assertThat(status.getLong("LastSyncErrorCode")).isEqualTo(0x80131500L);
            assertThat(messages(t, CAS, "PS1")).isEmpty();
            assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate")).isEqualTo(before);
            assertThat(sim.sync().log("CAS")).anyMatch(l -> l.startsWith("Sync failed"));
            // the next sync succeeds again
            invoke(t, CAS, "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", false));
            sim.sync().runToCompletion();
            assertThat(syncStatus(t, "CAS").getLong("LastSyncState")).isEqualTo(6702);
        }
    }

    @Test
    void onConfigMgr2007ANewerSyncNowPropertyAtTheTopSiteStartsADeltaSync() {
        SimulatedProvider sim = SimulatedProvider.demo2007();
        String cen = ns("CEN");
        try (WmiTransport t = sim.openTransport()) {
            String handle = invoke(t, cen, "SMS_SiteControlFile", "GetSessionHandle", Map.of()).getString("SessionHandle");
            WmiContext ctx = WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle);
            invoke(t, cen, "SMS_SiteControlFile", "RefreshSCF", Map.of("SiteCode", "CEN"), ctx);
            WmiObject comp = query(t, cen, "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER'"
                    + " AND SiteCode = 'CEN'", ctx).get(0);
            List<WmiObject> props = new ArrayList<>();
            for (WmiObject p : comp.get("Props").orElseThrow().asObjectList()) {
                props.add(p.getString("PropertyName").equals("Sync Now") ? p.with("Value", sim.clock().instant().getEpochSecond()) : p);
            }
            t.put(cen, comp.with("Props", CimValue.objectArray(props)), PutMode.UPDATE_ONLY, CALL, ctx);
            assertThat(sim.sync().isRunning()).as("uncommitted").isFalse();
            invoke(t, cen, "SMS_SiteControlFile", "CommitSCF", Map.of("SiteCode", "CEN"), ctx);
            invoke(t, cen, "SMS_SiteControlFile", "ReleaseSessionHandle", Map.of("SessionHandle", handle));
            assertThat(sim.sync().isRunning()).isTrue();
            sim.sync().runToCompletion();
            assertThat(sim.sync().completedSyncs()).containsExactly("CEN", "PS1");
            assertThat(sim.sync().log("CEN")).anyMatch(l -> l.startsWith("Delta sync requested"));
        }
    }
}
