package io.github.cm4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.mof.MofParser;
import io.github.cm4j.internal.ModelBinder;
import io.github.cm4j.internal.ModelBinder.BoundProperty;
import io.github.cm4j.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Architecture rule 2: every model agrees with the one schema source, and nothing of a modelled class is left out. */
class ModelSchemaConsistencyTest {
    static final Schema SCHEMA = Schema.builtIn();

    @Test
    void everyModelAgreesWithTheBuiltInSchema() {
        ModelCheck.Report report = ModelCheck.run(SCHEMA);
        assertThat(report.mismatches())
                .as("model/schema mismatches:%n%s", report.mismatches().stream()
                        .map(r -> r.model() + "." + r.property() + ": " + r.problems()).collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(report.isClean()).isTrue();
    }

    @Test
    void everySchemaPropertyOfEveryModelledClassIsBound() {
        for (String version : ModelCheck.VERSIONS) {
            Schema schema = Schema.forVersion(io.github.cm4j.SiteVersion.named(version));
            for (Class<? extends WmiModel> type : Models.all()) {
                ModelBinder<?> binder = ModelBinder.of(type);
                if (binder.absentOn().contains(version)) {
                    assertThat(schema.find(binder.wmiClassName())).as(binder.wmiClassName() + " on " + version).isEmpty();
                    continue;
                }
                WmiClass cls = schema.classNamed(binder.wmiClassName());
                List<String> bound = binder.properties().stream().filter(p -> !p.absentOn().contains(version))
                        .map(BoundProperty::wmiName).toList();
                assertThat(bound).as(type.getSimpleName() + " binds every property of " + cls.name() + " on " + version)
                        .containsExactlyInAnyOrderElementsOf(cls.properties().stream().map(PropertyDefinition::name).toList());
            }
        }
    }

    @Test
    void softwareUpdateCoversAllSixtyNineDocumentedPropertiesWithTheirKeyAndLazyFlags() {
        // The current SDK page lists 69 (42 inherited); the ConfigMgr 2007 page 59, 58 of which survive and
        // IsLegacyEnabled, which current branch dropped (see the schema README). Every one is bound: 70.
        List<BoundProperty> props = ModelBinder.of(SoftwareUpdate.class).properties();
        assertThat(props).hasSize(70);
        assertThat(props).filteredOn(p -> !p.absentOn().contains("current")).hasSize(69);
        assertThat(props).filteredOn(BoundProperty::isKey).extracting(BoundProperty::wmiName).containsExactly("CI_ID");
        assertThat(props).filteredOn(BoundProperty::isLazy).extracting(BoundProperty::wmiName)
                .containsExactlyInAnyOrder("IsDigest", "LocalizedEulas", "LocalizedInformation",
                        "SDMPackageLocalizedData", "SDMPackageXML");
        List<String> page2007 = List.of("ApplicabilityCondition", "ArticleID", "BulletinID", "CategoryInstance_UniqueIDs",
                "CI_ID", "CI_UniqueID", "CIType_ID", "CIVersion", "CreatedBy", "CustomSeverity", "CustomSeverityName",
                "DateCreated", "DateLastModified", "DatePosted", "DateRevised", "EffectiveDate", "EULAAccepted",
                "EULAExists", "EULASignoffDate", "EULASignoffUser", "IsBundle", "IsContentProvisioned", "IsDeployable",
                "IsDeployed", "IsDigest", "IsEnabled", "IsExpired", "IsHidden", "IsMetadataOnlyUpdate", "IsQuarantined",
                "IsSuperseded", "IsUserDefined", "LastModifiedBy", "LocalizedCategoryInstanceNames",
                "LocalizedDescription", "LocalizedDisplayName", "LocalizedEulas", "LocalizedInformation",
                "LocalizedInformativeURL", "LocalizedPropertyLocaleID", "MaxExecutionTime", "ModelName",
                "NumMissing", "NumNotApplicable", "NumPresent", "NumTotal", "NumUnknown", "PermittedUses",
                "RequiresExclusiveHandling", "RevisionNumber", "SDMPackageLocalizedData", "SDMPackageVersion",
                "SDMPackageXML", "Severity", "SeverityName", "Size", "SourceSite", "UpdateLocales");
        assertThat(page2007).as("the 2007 page's properties that still exist").hasSize(58);
        assertThat(props).extracting(BoundProperty::wmiName).containsAll(page2007).contains("IsLegacyEnabled");
    }

    @Test
    void checkReportsTypeKeyLazyAndCoverageMismatches() {
        // A schema that disagrees with EmbeddedProperty in every way the check knows.
        Schema wrong = Schema.of(MofParser.parse("wrong.mof", String.join("\n",
                "[Embedded] class SMS_EmbeddedProperty {",
                "  string ItemType;",              // not a key here, a key in the model
                "  [key] string PropertyName;",    // a key here, not in the model
                "  string Value;",                 // string here, int in the model
                "  [lazy] string Value1;",         // lazy here, not in the model
                "  string Extra;",                 // not bound by the model
                "};")).classes());
        ModelCheck.Report report = ModelCheck.run(wrong, List.of(EmbeddedProperty.class, SoftwareUpdate.class));
        Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
        report.mismatches().forEach(r -> problems.put(r.model() + "." + r.property(), r.problems()));
        assertThat(problems).containsOnlyKeys("EmbeddedProperty.ItemType", "EmbeddedProperty.PropertyName",
                "EmbeddedProperty.Value", "EmbeddedProperty.Value1", "EmbeddedProperty.Value2",
                "EmbeddedProperty.Extra", "SoftwareUpdate.*");
        assertThat(problems.get("EmbeddedProperty.ItemType")).containsExactly("a key in the model but not in the schema");
        assertThat(problems.get("EmbeddedProperty.PropertyName")).containsExactly("a key in the schema but not in the model");
        assertThat(problems.get("EmbeddedProperty.Value").get(0)).contains("int").contains("string");
        assertThat(problems.get("EmbeddedProperty.Value1")).containsExactly("lazy in the schema but not a Lazy in the model");
        assertThat(problems.get("EmbeddedProperty.Value2").get(0)).contains("has no property Value2");
        assertThat(problems.get("EmbeddedProperty.Extra").get(0)).contains("not bound by the model");
        assertThat(problems.get("SoftwareUpdate.*")).containsExactly("the schema has no class SMS_SoftwareUpdate");
        assertThat(report.isClean()).isFalse();
    }

    @Test
    void everyModelIsListedOnceAndBindsAClassOfItsOwn() {
        List<String> classes = new ArrayList<>();
        for (Class<? extends WmiModel> type : Models.all()) {
            classes.add(Models.wmiClassName(type));
        }
        assertThat(classes).doesNotHaveDuplicates().contains("SMS_SoftwareUpdate", "SMS_SCI_Component",
                "SMS_SCI_SiteDefinition", "SMS_EmbeddedProperty", "SMS_EmbeddedPropertyList", "SMS_CI_LocalizedProperties",
                "SMS_CI_LocalizedEulas", "SMS_SDMPackageLocalizedData", "SMS_AuthorizationList", "SMS_UpdatesAssignment",
                "SMS_CIToContent", "SMS_CIContentFiles", "SMS_CIRelation", "SMS_UpdateCategoryInstance",
                "SMS_StatusMessage", "SMS_SUPSyncStatus", "SMS_Site");
    }
}
