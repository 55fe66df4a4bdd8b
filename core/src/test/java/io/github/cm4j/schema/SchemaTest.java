package io.github.cm4j.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.mof.MofParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTest {
    static final Schema SCHEMA = Schema.builtIn();

    @Test
    void builtInSchemaHasEveryClassTheSdkNeeds() {
        assertThat(SCHEMA.classNames()).contains("SMS_ConfigurationItemBaseClass", "SMS_SoftwareUpdate",
                "SMS_SCI_Component", "SMS_SCI_SiteDefinition", "SMS_SiteControlItem", "SMS_SiteControlFile",
                "SMS_EmbeddedProperty", "SMS_EmbeddedPropertyList", "SMS_CI_LocalizedProperties",
                "SMS_CI_LocalizedEulas", "SMS_SDMPackageLocalizedData", "SMS_AuthorizationList",
                "SMS_UpdatesAssignment", "SMS_CIToContent", "SMS_CIContentFiles", "SMS_CIRelation",
                "SMS_CIAllCategories", "SMS_UpdateCategoryInstance", "SMS_StatusMessage", "SMS_SUPSyncStatus",
                "SMS_Site");
    }

    @Test
    void softwareUpdateHasAllDocumentedPropertiesKeysLazyAndMethods() {
        WmiClass su = SCHEMA.classNamed("sms_softwareupdate");
        // The current SDK page's syntax block lists 69 properties (42 inherited); the 2007 page had 59.
        assertThat(su.properties()).hasSize(69);
        assertThat(su.properties().stream().filter(p -> p.originClass().equals("SMS_ConfigurationItemBaseClass"))).hasSize(42);
        assertThat(su.derivation()).containsExactly("SMS_ConfigurationItemBaseClass", "SMS_BaseClass");
        assertThat(su.keys()).extracting(PropertyDefinition::name).containsExactly("CI_ID");
        assertThat(su.lazyProperties()).extracting(PropertyDefinition::name)
                .contains("LocalizedEulas", "LocalizedInformation", "SDMPackageXML", "IsDigest");
        PropertyDefinition eulas = su.property("LocalizedEulas").orElseThrow();
        assertThat(eulas.type()).isEqualTo(CimType.OBJECT_ARRAY);
        assertThat(eulas.referencedClass()).contains("SMS_CI_LocalizedEulas");
        assertThat(su.property("ApplicabilityCondition").orElseThrow().sizeLimit()).hasValue(512);
        assertThat(su.methods()).extracting(MethodDefinition::name)
                .contains("AcceptEULA", "GetEULA", "SetEnforcement", "SyncNow", "ResendObjectToAllSites");
        MethodDefinition syncNow = su.method("SyncNow").orElseThrow();
        assertThat(syncNow.isStatic()).isTrue();
        assertThat(syncNow.inParameters()).extracting(ParameterDefinition::name).containsExactly("fullSync");
    }

    @Test
    void siteControlFileHasItsSessionMethods() {
        WmiClass scf = SCHEMA.classNamed("SMS_SiteControlFile");
        assertThat(scf.methods()).extracting(MethodDefinition::name)
                .contains("GetSessionHandle", "RefreshSCF", "CommitSCF", "ReleaseSessionHandle");
        WmiClass component = SCHEMA.classNamed("SMS_SCI_Component");
        assertThat(component.isA("SMS_SiteControlItem")).isTrue();
        assertThat(component.keys()).extracting(PropertyDefinition::name).contains("SiteCode", "ItemName");
        assertThat(component.property("Props").orElseThrow().referencedClass()).contains("SMS_EmbeddedProperty");
    }

    @Test
    void everyClassPrintsAsMofThatParsesBackToTheSameDeclaration() {
        for (WmiClass c : SCHEMA.classes()) {
            WmiClass reparsed = MofParser.parse(c.name(), c.toMof()).classes().get(0);
            assertThat(reparsed.declaredProperties()).as(c.name()).isEqualTo(c.declaredProperties());
            assertThat(reparsed.name()).isEqualTo(c.name());
        }
    }

    @Test
    void unknownClassesAreReportedWithSuggestions() {
        assertThatThrownBy(() -> SCHEMA.classNamed("SMS_SoftwareUpdates"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did you mean SMS_SoftwareUpdate");
    }

    @Test
    void brokenSchemasFailWithTheReason() {
        Map<String, String> missingSuper = new LinkedHashMap<>();
        missingSuper.put("a.mof", "class A : Nowhere { };");
        assertThatThrownBy(() -> Schema.fromMof(missingSuper)).isInstanceOf(ConfigMgrException.class)
                .hasMessageContaining("A derives from Nowhere");
        Map<String, String> cycle = Map.of("c.mof", "class A : B { }; class B : A { };");
        assertThatThrownBy(() -> Schema.fromMof(cycle)).isInstanceOf(ConfigMgrException.class).hasMessageContaining("cycle");
        Map<String, String> twice = Map.of("t.mof", "class A { }; class a { };");
        assertThatThrownBy(() -> Schema.fromMof(twice)).isInstanceOf(ConfigMgrException.class).hasMessageContaining("twice");
    }

    @Test
    void subclassesFollowIsaSemantics() {
        List<WmiClass> items = SCHEMA.subclassesOf("SMS_SiteControlItem");
        assertThat(items).extracting(WmiClass::name).contains("SMS_SiteControlItem", "SMS_SCI_Component", "SMS_SCI_SiteDefinition");
    }
}
