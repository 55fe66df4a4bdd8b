package io.github.cm4j.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.LazyWritePolicy;
import io.github.cm4j.model.UpdateCategoryInstance;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.updates.UnknownCategoryException;
import io.github.cm4j.updates.UpdateCategories;
import io.github.cm4j.updates.UpdateCategoryType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UpdateCategoriesTest {

    /** The categories as a raw query reads them: name -> (type, ID, subscribed), independent of the typed API. */
    private static Map<String, WmiObject> raw(ConfigMgr cm, String type) {
        return cm.queryAll("SELECT * FROM SMS_UpdateCategoryInstance WHERE CategoryTypeName = '" + type + "'").stream()
                .collect(Collectors.toMap(o -> o.getString("LocalizedCategoryInstanceName"), o -> o));
    }

    @Test
    void namesMapToTheIdsTheProviderHas() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            UpdateCategories c = cm.updateCategories();
            Map<String, WmiObject> products = raw(cm, "Product");
            assertThat(c.list(UpdateCategoryType.PRODUCT)).extracting(UpdateCategoryInstance::localizedCategoryInstanceName)
                    .containsExactlyInAnyOrderElementsOf(products.keySet());
            assertThat(c.id(UpdateCategoryType.PRODUCT, "windows 11"))
                    .isEqualTo(products.get("Windows 11").getLong("CategoryInstanceID"));
            Map<String, WmiObject> classes = raw(cm, "UpdateClassification");
            assertThat(c.find(UpdateCategoryType.CLASSIFICATION, "Security Updates").categoryInstanceUniqueId())
                    .isEqualTo(classes.get("Security Updates").getString("CategoryInstance_UniqueID"))
                    .isEqualTo("UpdateClassification:0fa1201d-4330-4fa8-8ae9-b877473b6441");
            // a product name is not a classification
            assertThatThrownBy(() -> c.id(UpdateCategoryType.CLASSIFICATION, "Windows 11"))
                    .isInstanceOf(UnknownCategoryException.class);
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheClosestNames() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            assertThatThrownBy(() -> cm.updateCategories().id(UpdateCategoryType.PRODUCT, "Windows 12"))
                    .isInstanceOf(UnknownCategoryException.class)
                    .hasMessageStartingWith("no product named 'Windows 12' at site CAS; closest: ")
                    .hasMessageContaining("Windows 11").hasMessageContaining("Windows 10")
                    .satisfies(e -> assertThat(((UnknownCategoryException) e).suggestions()).contains("Windows 11"));
            assertThatThrownBy(() -> cm.updateCategories().id(UpdateCategoryType.CLASSIFICATION, "Security"))
                    .hasMessageContaining("closest: Security Updates");
        }
    }

    @Test
    void subscribingWritesIsSubscribedAndOnlyThat() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            UpdateCategories c = cm.updateCategories();
            WmiObject toolsBefore = raw(cm, "UpdateClassification").get("Tools");
            assertThat(toolsBefore.getBoolean("IsSubscribed")).isFalse();
            List<UpdateCategoryInstance> changed = c.subscribe(UpdateCategoryType.CLASSIFICATION, List.of("tools", "Security Updates"));
            // Security Updates was subscribed already: only Tools changed
            assertThat(changed).extracting(UpdateCategoryInstance::localizedCategoryInstanceName).containsExactly("Tools");
            WmiObject toolsAfter = raw(cm, "UpdateClassification").get("Tools");
            assertThat(toolsAfter.getBoolean("IsSubscribed")).isTrue();
            assertThat(toolsAfter.with("IsSubscribed", false)).isEqualTo(toolsBefore);
            assertThat(c.subscribe(UpdateCategoryType.CLASSIFICATION, List.of("Tools"))).isEmpty();
            assertThat(c.unsubscribe(UpdateCategoryType.CLASSIFICATION, List.of("Tools"))).hasSize(1);
            assertThat(raw(cm, "UpdateClassification").get("Tools").getBoolean("IsSubscribed")).isFalse();
        }
    }

    @Test
    void oneUnknownNameWritesNothing() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            assertThatThrownBy(() -> cm.updateCategories().subscribe(UpdateCategoryType.CLASSIFICATION,
                    List.of("Tools", "Drivrs"))).isInstanceOf(UnknownCategoryException.class).hasMessageContaining("Drivers");
            assertThat(raw(cm, "UpdateClassification").get("Tools").getBoolean("IsSubscribed")).isFalse();
        }
    }

    @Test
    void theSimulatorStillRefusesEveryOtherChangeToTheReadClass() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            WmiObject tools = raw(cm, "UpdateClassification").get("Tools");
            assertThatThrownBy(() -> cm.put(tools.with("CategoryTypeName", "Product"), PutMode.UPDATE_ONLY, LazyWritePolicy.LEAVE_UNTOUCHED))
                    .isInstanceOf(WmiException.class).hasMessageContaining("read-only (class qualifier Read)")
                    .satisfies(e -> assertThat(((WmiException) e).status()).contains(WbemStatus.WBEM_E_READ_ONLY));
            assertThatThrownBy(() -> cm.put(tools.with("CategoryInstanceID", 99L), PutMode.CREATE_ONLY, LazyWritePolicy.LEAVE_UNTOUCHED))
                    .isInstanceOf(ConfigMgrException.class).hasMessageContaining("creates its instances");
        }
    }
}
