package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.TooManyResultsException;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.AuthorizationList;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ListConveniencesTest {

    @Test
    void findAllReturnsWhatTheStreamReturns() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            SoftwareUpdates u = cm.softwareUpdates();
            UpdateQuery q = UpdateQuery.builder().expired(false).build();
            List<Long> streamed;
            try (Stream<SoftwareUpdate> s = u.find(q)) {
                streamed = s.map(SoftwareUpdate::ciId).toList();
            }
            assertThat(streamed).isNotEmpty();
            assertThat(u.findAll(q)).extracting(SoftwareUpdate::ciId).containsExactlyElementsOf(streamed);
            List<Long> groups;
            try (Stream<AuthorizationList> s = cm.updateGroups().list()) {
                groups = s.map(AuthorizationList::ciId).toList();
            }
            assertThat(cm.updateGroups().findAll()).extracting(AuthorizationList::ciId).containsExactlyElementsOf(groups);
            assertThat(cm.deployments().findAll()).hasSize((int) cm.deployments().listAll().count());
            assertThat(cm.queryAll("SELECT * FROM SMS_SoftwareUpdate")).hasSize((int) u.find(UpdateQuery.all()).count());
        }
    }

    @Test
    void theListsAreUnmodifiable() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            List<WmiObject> rows = cm.queryAll("SELECT * FROM SMS_Site");
            assertThatThrownBy(() -> rows.add(null)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void pastTheMaximumAClearExceptionComesAfterReadingOnlyOneMore() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo?updates=1000000")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> cm.softwareUpdates().findAll(UpdateQuery.all(), 50))
                    .isInstanceOf(TooManyResultsException.class)
                    .hasMessageContaining("findAll SMS_SoftwareUpdate: more than 50 results")
                    .hasMessageContaining("SoftwareUpdates.find(query)")
                    .satisfies(e -> assertThat(((TooManyResultsException) e).maximum()).isEqualTo(50));
            assertThatThrownBy(() -> cm.softwareUpdates().findAll(UpdateQuery.all()))
                    .isInstanceOf(TooManyResultsException.class)
                    .hasMessageContaining("more than " + SoftwareUpdates.DEFAULT_MAX_RESULTS);
            assertThatThrownBy(() -> cm.queryAll("SELECT * FROM SMS_SoftwareUpdate", 3))
                    .isInstanceOf(TooManyResultsException.class).hasMessageContaining("ConfigMgr.query(wql)");
            // a million updates fully read take tens of seconds; stopping at max + 1 takes well under that
            assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(10.0);
        }
    }

    @Test
    void anOutOfRangeMaximumIsRefusedBeforeAnyCall() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            assertThatThrownBy(() -> cm.softwareUpdates().findAll(UpdateQuery.all(), 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1000000");
            assertThatThrownBy(() -> cm.queryAll("SELECT * FROM SMS_Site", 1_000_001))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
