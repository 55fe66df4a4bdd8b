package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.MappingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WmiObjectTest {

    static final WmiClass COMPONENT = WmiClass.builder("SMS_SCI_Component")
            .property("SiteCode", CimType.STRING, Qualifier.flag("key"))
            .property("ItemName", CimType.STRING, Qualifier.flag("key"))
            .property("FileType", CimType.UINT32, Qualifier.flag("key"))
            .property(PropertyDefinition.of("Flag", CimType.UINT32).withDefault(CimValue.uint32(2)))
            .property(new PropertyDefinition("Props", CimType.OBJECT_ARRAY, "SMS_EmbeddedProperty", List.of(), null, null))
            .build();

    @Test
    void spawnedInstancesTakeClassDefaultsUntilSet() {
        WmiObject o = WmiObject.builder(COMPONENT).set("SiteCode", "PS1").build();
        assertThat(o.isDefault("Flag")).isTrue();
        assertThat(o.get("Flag")).contains(CimValue.uint32(2));
        assertThat(o.isDefault("SiteCode")).isFalse();
        assertThat(o.isNull("ItemName")).isTrue();
        assertThat(o.isDefault("ItemName")).as("NULL class default, still default").isTrue();

        WmiObject changed = o.with("Flag", null);
        assertThat(changed.isNull("Flag")).isTrue();
        assertThat(changed.isDefault("Flag")).as("explicit NULL is not default").isFalse();
        assertThat(o.get("Flag")).as("original unchanged").contains(CimValue.uint32(2));
    }

    @Test
    void valuesAreConvertedToTheDeclaredTypeOrRejected() {
        WmiObject o = WmiObject.builder(COMPONENT).set("FileType", 2).build();
        assertThat(o.get("FileType")).contains(CimValue.uint32(2));
        assertThatThrownBy(() -> o.with("FileType", "two")).isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> o.get("NoSuch")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SiteCode, ItemName");
    }

    @Test
    void settingByPositionChecksTheTypeAndClearsTheDefault() {
        WmiObject o = WmiObject.builder(COMPONENT).setAt(2, CimValue.uint32(7)).setAt(3, null).build();
        assertThat(o.get("FileType")).contains(CimValue.uint32(7));
        assertThat(o.isDefault("FileType")).isFalse();
        assertThat(o.isNull("Flag")).isTrue();
        assertThat(o.isDefault("Flag")).as("explicit NULL is not default").isFalse();
        assertThat(o.isDefault("SiteCode")).isTrue();
        assertThatThrownBy(() -> WmiObject.builder(COMPONENT).setAt(2, CimValue.string("two")))
                .isInstanceOf(MappingException.class).hasMessageContaining("FileType");
        assertThatThrownBy(() -> WmiObject.builder(COMPONENT).setAt(5, CimValue.uint32(1)))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void pathIsBuiltFromTheKeysInClassOrder() {
        WmiObject o = WmiObject.builder(COMPONENT).set("SiteCode", "PS1")
                .set("ItemName", "SMS_WSUS_SYNC_MANAGER|SERVER").set("FileType", 2L).build();
        ObjectPath path = o.path();
        assertThat(path.className()).isEqualTo("SMS_SCI_Component");
        assertThat(path.keys()).containsOnlyKeys("SiteCode", "ItemName", "FileType");
        assertThat(ObjectPath.parse(path.toString())).isEqualTo(path);
        assertThatThrownBy(() -> WmiObject.builder(COMPONENT).build().path())
                .isInstanceOf(MappingException.class).hasMessageContaining("SiteCode is NULL");
    }

    @Test
    void unknownPropertiesFromANewerProviderAreKept() {
        WmiObject o = WmiObject.builder(COMPONENT).set("SiteCode", "PS1").build();
        WmiObject extended = o.with(PropertyDefinition.of("NewInV2403", CimType.STRING), CimValue.string("x"));
        assertThat(extended.get("NewInV2403")).contains(CimValue.string("x"));
        assertThat(extended.get("SiteCode")).contains(CimValue.string("PS1"));
        assertThat(o.has("NewInV2403")).isFalse();
    }

    @Test
    void adHocObjectsDefinePropertiesFromTheirValues() {
        WmiObject prop = WmiObject.builder("SMS_EmbeddedProperty")
                .set("PropertyName", CimValue.string("Sync Now"))
                .set("Value", CimValue.uint32(1))
                .setNull("Value1", CimType.STRING)
                .build();
        assertThat(prop.propertyNames()).containsExactly("PropertyName", "Value", "Value1");
        assertThat(prop.wmiClass().property("Value1").orElseThrow().type()).isEqualTo(CimType.STRING);
        assertThat(prop.toString()).isEqualTo("SMS_EmbeddedProperty{PropertyName=\"Sync Now\", Value=1}");
    }

    @Test
    void embeddedObjectsPrintAsNestedMofInstances() {
        WmiObject prop = WmiObject.builder("SMS_EmbeddedProperty").set("PropertyName", CimValue.string("Sync Now")).build();
        WmiObject o = WmiObject.builder(COMPONENT).set("SiteCode", "PS1").set("Props", List.of(prop)).build();
        assertThat(o.toMof()).contains("instance of SMS_SCI_Component").contains("Props = {instance of SMS_EmbeddedProperty")
                .contains("PropertyName = \"Sync Now\";").doesNotContain("Flag");
    }

    @Test
    void equalInstancesCompareEqual() {
        WmiObject a = WmiObject.builder(COMPONENT).set("SiteCode", "PS1").build();
        WmiObject b = WmiObject.builder(COMPONENT).set("SiteCode", "PS1").build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.with("SiteCode", "PS2"));
    }
}
