package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.model.SciComponent;
import io.github.cm4j.sitecontrol.ScfChange;
import io.github.cm4j.sitecontrol.ScfConflict;
import io.github.cm4j.sitecontrol.ScfConflictException;
import io.github.cm4j.sitecontrol.SiteControlSession;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteControlSessionTest {
    private static final String SYNC = "SMS_WSUS_SYNC_MANAGER";
    private final Hierarchies h = Hierarchies.currentBranch();

    private static int committed(ConfigMgr cm, String site, String property) {
        return cm.siteControl().components(site).stream().filter(c -> c.componentName().equals(SYNC)).findFirst()
                .orElseThrow().property(property).orElseThrow().value();
    }


    @Test
    void editsArePrivateUntilCommitAndDiffShowsThem() {
        try (ConfigMgr cm = h.connect()) {
            int before = committed(cm, "PS1", "Sync ExpressFiles");
            try (SiteControlSession scf = cm.siteControl().open("PS1")) {
                SciComponent sync = scf.component(SYNC);
                scf.put(sync.withProperty("Sync ExpressFiles", before + 1));
                assertThat(scf.component(SYNC).property("Sync ExpressFiles").orElseThrow().value()).isEqualTo(before + 1);
                assertThat(committed(cm, "PS1", "Sync ExpressFiles")).isEqualTo(before);
                List<ScfChange> diff = scf.diff();
                assertThat(diff).containsExactly(new ScfChange(sync.itemName(), "Sync ExpressFiles",
                        Optional.of(Integer.toString(before)), Optional.of(Integer.toString(before + 1))));
                assertThat(diff.get(0).toString()).contains("Sync ExpressFiles " + before + " -> " + (before + 1));
                assertThat(scf.commit()).isEqualTo(diff);
                assertThat(scf.diff()).isEmpty();
            }
            assertThat(committed(cm, "PS1", "Sync ExpressFiles")).isEqualTo(before + 1);
        }
    }

    @Test
    void closingWithoutCommitDropsTheEditsAndReleasesTheHandleEvenWhenTheBodyThrows() {
        try (ConfigMgr cm = h.connect()) {
            int before = committed(cm, "PS1", "Sync ExpressFiles");
            SiteControlSession[] kept = new SiteControlSession[1];
            assertThatThrownBy(() -> {
                try (SiteControlSession scf = cm.siteControl().open("PS1")) {
                    kept[0] = scf;
                    scf.put(scf.component(SYNC).withProperty("Sync ExpressFiles", before + 5));
                    throw new IllegalStateException("the body failed");
                }
            }).isInstanceOf(IllegalStateException.class).hasNoSuppressedExceptions();
            assertThat(kept[0].isClosed()).isTrue();
            assertThat(h.sim.openSiteControlSessions()).isZero();
            assertThat(committed(cm, "PS1", "Sync ExpressFiles")).isEqualTo(before);
            kept[0].close(); // idempotent
            assertThatThrownBy(() -> kept[0].component(SYNC)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void everyHandleTakenIsReleasedOnTheProvider() {
        try (ConfigMgr cm = h.connect()) {
            assertThat(h.sim.openSiteControlSessions()).isZero();
            try (SiteControlSession a = cm.siteControl().open("PS1"); SiteControlSession b = cm.siteControl().open()) {
                assertThat(a.siteCode()).isEqualTo("PS1");
                assertThat(h.sim.openSiteControlSessions()).isEqualTo(2);
                assertThat(b.siteCode()).isEqualTo("CAS");
            }
            assertThat(h.sim.openSiteControlSessions()).isZero();
            assertThatThrownBy(() -> {
                try (SiteControlSession scf = cm.siteControl().open("PS1")) {
                    scf.component("SMS_NO_SUCH_COMPONENT");
                }
            }).isInstanceOf(NoSuchElementException.class);
            assertThat(h.sim.openSiteControlSessions()).isZero();
            // A refresh that fails at open (unknown site) releases the handle it took.
            assertThatThrownBy(() -> cm.siteControl().open("XYZ")).isInstanceOf(WmiException.class);
            assertThat(h.sim.openSiteControlSessions()).isZero();
        }
    }

    @Test
    void aConflictingCommitReportsLoadedOursAndTheirsAndAppliesNothing() {
        try (ConfigMgr cm = h.connect()) {
            int before = committed(cm, "PS1", "Sync ExpressFiles");
            try (SiteControlSession mine = cm.siteControl().open("PS1");
                 SiteControlSession theirs = cm.siteControl().open("PS1")) {
                SciComponent a = mine.component(SYNC);
                SciComponent b = theirs.component(SYNC);
                theirs.put(b.withProperty("Sync ExpressFiles", 7));
                theirs.commit();
                mine.put(a.withProperty("Sync ExpressFiles", 9));
                assertThatThrownBy(mine::commit).isInstanceOf(ScfConflictException.class)
                        .hasCauseInstanceOf(WmiException.class)
                        .satisfies(e -> {
                            ScfConflictException c = (ScfConflictException) e;
                            assertThat(c.siteCode()).isEqualTo("PS1");
                            assertThat(c.conflicts()).containsExactly(new ScfConflict(a.itemName(), "Sync ExpressFiles",
                                    Optional.of(Integer.toString(before)), Optional.of("9"), Optional.of("7")));
                            assertThat(((WmiException) c.getCause()).is(WbemStatus.WBEM_E_RESERVED_001)).isTrue();
                        });
                assertThat(committed(cm, "PS1", "Sync ExpressFiles")).isEqualTo(7);
                // Refresh, redo, commit: now it applies.
                mine.refresh();
                mine.put(mine.component(SYNC).withProperty("Sync ExpressFiles", 9));
                mine.commit();
            }
            assertThat(committed(cm, "PS1", "Sync ExpressFiles")).isEqualTo(9);
        }
    }

    @Test
    void wrongSiteUnknownComponentAndBadSiteCodeAreClearErrors() {
        try (ConfigMgr cm = h.connect(); SiteControlSession scf = cm.siteControl().open("PS1")) {
            assertThatThrownBy(() -> scf.component("SMS_NO_SUCH_COMPONENT")).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("SMS_NO_SUCH_COMPONENT");
            SciComponent other = cm.siteControl().components("PS2").stream().filter(c -> c.componentName().equals(SYNC))
                    .findFirst().orElseThrow();
            assertThatThrownBy(() -> scf.put(other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("belongs to site PS2");
            assertThatThrownBy(() -> cm.siteControl().open("P'1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cm.siteControl().open("XYZ")).isInstanceOf(WmiException.class);
            assertThat(scf.toString()).isEqualTo("SiteControlSession[PS1, 0 items edited]");
        }
    }
}
