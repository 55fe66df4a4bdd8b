package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.UpdateCategoryInstance;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.updates.UnknownCategoryException;
import io.github.cm4j.updates.UpdateCategories;
import io.github.cm4j.updates.UpdateCategoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: products and classifications over {@code dcom://} (a partial PutInstance of {@code IsSubscribed}
 * carried in the IWbemContext) give what they give over {@code memory:}, on identical hierarchies.
 */
class DcomUpdateCategoriesTest {

    private static <T> List<T> both(Function<ConfigMgr, T> scenario) {
        List<T> outcomes = new ArrayList<>();
        SimulatedClock memClock = SimulatedClock.standard();
        SimulatedProvider mem = SimulatedProvider.builder().version(ProviderVersion.CURRENT_BRANCH).clock(memClock)
                .catalogSize(300).build();
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:test?site=" + mem.topSite().code())
                .provider(mem.transportProvider()).clock(memClock).sleeper(memClock::advance).connect()) {
            outcomes.add(scenario.apply(cm));
        }
        SimulatedClock dcomClock = SimulatedClock.standard();
        SimulatedProvider dcom = SimulatedProvider.builder().version(ProviderVersion.CURRENT_BRANCH).clock(dcomClock)
                .catalogSize(300).build();
        try (WmiServer server = LoopbackSites.start(dcom);
             ConfigMgr cm = ConfigMgr.builder().uri(LoopbackSites.uri(server, dcom.topSite().code(), ""))
                     .credentials(LoopbackSites.ADMIN).clock(dcomClock).sleeper(dcomClock::advance).connect()) {
            assertThat(cm.toString()).contains("dcom://");
            outcomes.add(scenario.apply(cm));
        }
        return outcomes;
    }

    @Test
    void subscribingOverDcomChangesWhatItChangesInMemory() {
        List<List<String>> outcomes = both(cm -> {
            UpdateCategories c = cm.updateCategories();
            List<String> seen = new ArrayList<>();
            c.subscribe(UpdateCategoryType.CLASSIFICATION, List.of("Tools"))
                    .forEach(x -> seen.add("added " + x.localizedCategoryInstanceName()));
            c.unsubscribe(UpdateCategoryType.PRODUCT, List.of("windows 7"))
                    .forEach(x -> seen.add("removed " + x.localizedCategoryInstanceName()));
            for (UpdateCategoryType t : UpdateCategoryType.values()) {
                for (UpdateCategoryInstance x : c.list(t)) {
                    seen.add(x.categoryInstanceId() + " " + x.localizedCategoryInstanceName() + " " + x.isSubscribed());
                }
            }
            try {
                c.id(UpdateCategoryType.PRODUCT, "Windows 12");
            } catch (UnknownCategoryException e) {
                seen.add(e.getMessage());
            }
            return seen;
        });
        assertThat(outcomes.get(1)).as("over dcom:// as over memory:").isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(0)).contains("added Tools", "removed Windows 7")
                .anyMatch(l -> l.endsWith(" Tools true")).anyMatch(l -> l.endsWith(" Windows 7 false"))
                .anyMatch(l -> l.startsWith("no product named 'Windows 12'"));
    }
}
