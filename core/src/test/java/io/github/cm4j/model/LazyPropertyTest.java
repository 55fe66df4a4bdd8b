package io.github.cm4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.PropertyNotLoadedException;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class LazyPropertyTest {

    static WmiObject queryResult(int ciId) {
        WmiObject full = SampleObjects.filled("SMS_SoftwareUpdate", 1).with("CI_ID", (long) ciId);
        WmiObject result = full;
        for (PropertyDefinition p : full.wmiClass().lazyProperties()) {
            result = result.with(p.name(), null); // query results leave lazy properties NULL
        }
        return result;
    }

    @Test
    void lazyPropertiesOfAQueryResultAreNotLoadedAndSaySoWhenRead() {
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, queryResult(123));
        assertThat(u.localizedEulas().isLoaded()).isFalse();
        assertThat(u.localizedInformation().isLoaded()).isFalse();
        assertThat(u.sdmPackageXml().isLoaded()).isFalse();
        assertThat(u.sdmPackageLocalizedData().isLoaded()).isFalse();
        assertThat(u.isDigest().isLoaded()).isFalse();
        assertThatThrownBy(() -> u.localizedEulas().get())
                .isInstanceOf(PropertyNotLoadedException.class).isInstanceOf(ConfigMgrException.class)
                .hasMessage("LocalizedEulas of SMS_SoftwareUpdate.CI_ID=123 was not loaded: query results leave lazy"
                        + " properties NULL; use softwareUpdates().get(ciId) or loadLazy(update)");
        assertThat(u.localizedEulas().orElse(List.of())).isEmpty();
        assertThat(u.localizedEulas().toOptional()).isEmpty();
        assertThat(u.localizedEulas()).hasToString("<not loaded>");
    }

    @Test
    void anObjectReadByItsPathHasItsLazyPropertiesLoadedEvenWhenNull() {
        SoftwareUpdate u = Models.bindLoaded(SoftwareUpdate.class, queryResult(5));
        assertThat(u.localizedEulas().isLoaded()).isTrue();
        assertThat(u.localizedEulas().get()).isEmpty();
        assertThat(u.sdmPackageXml().get()).isEmpty();
        assertThat(u.isDigest().get()).isFalse();
    }

    @Test
    void notLoadedDiffersFromLoadedAndEmpty() {
        SoftwareUpdate notLoaded = Models.bind(SoftwareUpdate.class, queryResult(5));
        SoftwareUpdate loadedEmpty = Models.bindLoaded(SoftwareUpdate.class, queryResult(5));
        assertThat(notLoaded).isNotEqualTo(loadedEmpty);
        assertThat(Lazy.notLoaded()).isEqualTo(notLoaded.localizedEulas()).isNotEqualTo(Lazy.of(List.of()));
        assertThat(notLoaded.withLocalizedEulas(Lazy.of(List.of())).localizedEulas()).isEqualTo(loadedEmpty.localizedEulas());
    }

    @Test
    void aLazyPropertyWithAValueIsLoadedEvenInAQueryResult() {
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, SampleObjects.filled("SMS_SoftwareUpdate", 2));
        assertThat(u.localizedEulas().get()).hasSize(2);
        assertThat(u.localizedEulas().get().get(0).eulaContentUniqueId()).startsWith("EULAContentUniqueID-");
        assertThat(u.sdmPackageXml().get()).isEqualTo("SDMPackageXML-2");
    }

    @Test
    void lazyMapsLoadedValuesAndKeepsTheMessageOfUnloadedOnes() {
        assertThat(Lazy.of("abc").map(String::length)).isEqualTo(Lazy.of(3));
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, queryResult(9));
        Lazy<Integer> count = u.localizedEulas().map(List::size);
        assertThat(count.isLoaded()).isFalse();
        assertThatThrownBy(count::get).hasMessageContaining("LocalizedEulas of SMS_SoftwareUpdate.CI_ID=9");
        assertThatThrownBy(() -> Lazy.notLoaded().get()).isInstanceOf(PropertyNotLoadedException.class)
                .hasMessageContaining("GetObject");
    }

    @Test
    void theUpdatesOfAnUpdateGroupAreLazy() {
        WmiObject group = SampleObjects.filled("SMS_AuthorizationList", 1).with("Updates", null).with("CI_ID", 77L);
        AuthorizationList list = Models.bind(AuthorizationList.class, group);
        assertThatThrownBy(() -> list.updates().get())
                .hasMessageStartingWith("Updates of SMS_AuthorizationList.CI_ID=77 was not loaded");
        AuthorizationList full = Models.bind(AuthorizationList.class, group.with("Updates", List.of(16777217L, 16777218L)));
        assertThat(full.updates().get()).containsExactly(16777217L, 16777218L);
    }
}
