package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.SiteVersion;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The simulator per provider version (2007 serves the 2007 classes only) and the qualifier rules it enforces on
 * PutInstance, as the SMS Provider does.
 */
class ProviderVersionsTest {
    static final String CEN = ns("CEN");
    static final String CAS = ns("CAS");
    static final WmiContext NONE = WmiContext.empty();

    private static void assertStatus(ThrowingCallable call, WbemStatus status, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WmiException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).contains(status);
            if (messageParts.length > 0) {
                assertThat(e.getMessage()).contains(messageParts);
            }
        });
    }

    @Test
    void the2007SiteServesThe2007SoftwareUpdateClassWithThePagesDefaults() {
        try (WmiTransport t = SimulatedProvider.demo2007().openTransport()) {
            List<WmiObject> updates = query(t, CEN, "SELECT * FROM SMS_SoftwareUpdate");
            assertThat(updates).isNotEmpty();
            WmiObject first = updates.get(0);
            assertThat(first.wmiClass().properties()).extracting(PropertyDefinition::name)
                    .containsExactlyInAnyOrderElementsOf(Schema.forVersion(SiteVersion.CM2007_SP2)
                            .classNamed("SMS_SoftwareUpdate").properties().stream().map(PropertyDefinition::name).toList())
                    .hasSize(59).contains("IsLegacyEnabled").doesNotContain("PercentCompliant", "IsLatest", "ModelID");
            assertThat(updates).allSatisfy(u -> {
                assertThat(u.getLong("MaxExecutionTime")).isEqualTo(30);
                assertThat(u.getBoolean("IsLegacyEnabled")).isFalse();
                assertThat(u.getString("BulletinID")).isNotEmpty();
            });
            assertThat(updates).anySatisfy(u -> assertThat(u.getString("BulletinID")).isEqualTo("None"));
        }
    }

    @Test
    void aQueryNamingACurrentBranchOnlyPropertyFailsOn2007AsTheProviderDoes() {
        try (WmiTransport t = SimulatedProvider.demo2007().openTransport()) {
            for (String property : List.of("PercentCompliant", "IsLatest", "ModelID")) {
                assertStatus(() -> query(t, CEN, "SELECT CI_ID, " + property + " FROM SMS_SoftwareUpdate"),
                        WbemStatus.WBEM_E_INVALID_QUERY, property);
            }
            assertStatus(() -> query(t, CEN, "SELECT * FROM SMS_SoftwareUpdate WHERE PercentCompliant > 50"),
                    WbemStatus.WBEM_E_INVALID_QUERY, "PercentCompliant");
        }
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            assertStatus(() -> query(t, CAS, "SELECT CI_ID, IsLegacyEnabled FROM SMS_SoftwareUpdate"),
                    WbemStatus.WBEM_E_INVALID_QUERY, "IsLegacyEnabled");
            assertThat(query(t, CAS, "SELECT CI_ID, PercentCompliant FROM SMS_SoftwareUpdate")).isNotEmpty();
        }
    }

    @Test
    void the2007SiteHasUpdatesAssignmentDeploymentsAndNoUpdateGroupAssignments() {
        try (WmiTransport t = SimulatedProvider.demo2007().openTransport()) {
            assertStatus(() -> query(t, CEN, "SELECT * FROM SMS_UpdateGroupAssignment"), WbemStatus.WBEM_E_INVALID_CLASS);
            List<WmiObject> deployments = query(t, CEN, "SELECT * FROM SMS_UpdatesAssignment");
            assertThat(deployments).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.get("AssignedCIs").orElseThrow().asList()).isNotEmpty());
            assertThat(t.getClass(CEN, "SMS_Template", CALL, NONE).keys()).extracting(PropertyDefinition::name)
                    .containsExactly("TemplateID");
        }
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            assertThat(query(t, CAS, "SELECT * FROM SMS_UpdateGroupAssignment")).isNotEmpty();
            assertStatus(() -> t.getClass(CAS, "SMS_Template", CALL, NONE), WbemStatus.WBEM_E_INVALID_CLASS);
        }
    }

    // ------------------------------------------------------------------ qualifier rules on PutInstance

    private static WmiObject anUpdate(WmiTransport t) {
        long ciId = query(t, CAS, "SELECT CI_ID FROM SMS_SoftwareUpdate").get(0).getLong("CI_ID");
        return t.get(CAS, io.github.cm4j.cim.ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=" + ciId), CALL, NONE);
    }

    @Test
    void aPutChangingAReadOnlyPropertyIsRefusedNamingPropertyAndRule() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiObject u = anUpdate(t);
            assertStatus(() -> t.put(CAS, u.with("ArticleID", "999999"), PutMode.UPDATE_ONLY, CALL, NONE),
                    WbemStatus.WBEM_E_READ_ONLY, "SMS_SoftwareUpdate.ArticleID", "read-only (qualifier read)");
            assertThat(t.get(CAS, u.path(), CALL, NONE).getString("ArticleID")).isEqualTo(u.getString("ArticleID"));
            // Writing it back unchanged, and changing a read/write property, is fine.
            t.put(CAS, u.with("CustomSeverity", 8L), PutMode.UPDATE_ONLY, CALL, NONE);
            assertThat(t.get(CAS, u.path(), CALL, NONE).getLong("CustomSeverity")).isEqualTo(8);
        }
    }

    @Test
    void aPutCreatingAnInstanceWithAReadOnlyPropertySetIsRefusedAsAChangeWouldBe() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            // Copying a deployment to make another: its provider-assigned read properties come along.
            WmiObject existing = query(t, CAS, "SELECT * FROM SMS_UpdateGroupAssignment").get(0);
            WmiObject copy = existing.with("AssignmentID", null).with("AssignmentName", "copy of " + existing.getString("AssignmentName"));
            assertStatus(() -> t.put(CAS, copy, PutMode.CREATE_ONLY, CALL, NONE), WbemStatus.WBEM_E_READ_ONLY,
                    "SMS_UpdateGroupAssignment.", "read-only (qualifier read)", "the put creating the instance", "the provider assigns");
            long before = query(t, CAS, "SELECT * FROM SMS_UpdateGroupAssignment").size();
            // The same without the read properties (NULL is no value): created, the provider assigns them.
            WmiObject.Builder clean = WmiObject.builder(copy.wmiClass());
            for (PropertyDefinition p : copy.wmiClass().properties()) {
                if (!p.hasFlag("read") && !copy.isNull(p.name())) {
                    clean.set(p.name(), copy.get(p.name()).orElseThrow());
                }
            }
            WmiObject sent = clean.setNull("CreationTime", io.github.cm4j.cim.CimType.DATETIME).build();
            io.github.cm4j.cim.ObjectPath path = t.put(CAS, sent, PutMode.CREATE_ONLY, CALL, NONE);
            WmiObject created = t.get(CAS, path, CALL, NONE);
            assertThat(created.getString("SourceSite")).isEqualTo("CAS");
            assertThat(created.getString("AssignmentUniqueID")).isNotEqualTo(existing.getString("AssignmentUniqueID"));
            assertThat(created.getLong("LocaleID")).isEqualTo(1033);
            assertThat(query(t, CAS, "SELECT * FROM SMS_UpdateGroupAssignment")).hasSize((int) before + 1);
        }
    }

    @Test
    void aPutOverTheSizeLimitIsRefusedNamingTheLimit() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiObject u = anUpdate(t);
            assertStatus(() -> t.put(CAS, u.with("SourceSite", "ABCD"), PutMode.UPDATE_ONLY, CALL, NONE),
                    WbemStatus.WBEM_E_INVALID_PARAMETER, "SMS_SoftwareUpdate.SourceSite", "4 characters",
                    "SizeLimit(\"3\")");
            t.put(CAS, u.with("SourceSite", "ABC"), PutMode.UPDATE_ONLY, CALL, NONE);
        }
    }

    @Test
    void aPutSettingANotNullPropertyToNullOrLeavingAKeyEmptyIsRefusedNamingTheRule() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiObject u = anUpdate(t);
            WmiObject nulled = u.with("ApplicabilityCondition", null);
            assertStatus(() -> t.put(CAS, nulled, PutMode.UPDATE_ONLY, CALL, NONE),
                    WbemStatus.WBEM_E_ILLEGAL_NULL, "SMS_SoftwareUpdate.ApplicabilityCondition", "not_null");
            WmiObject noKey = WmiObject.builder(t.getClass(CAS, "SMS_SoftwareUpdatesPackage", CALL, NONE))
                    .set("Name", "no key").build();
            assertStatus(() -> t.put(CAS, noKey, PutMode.CREATE_ONLY, CALL, NONE),
                    WbemStatus.WBEM_E_INVALID_PARAMETER, "PackageID", "key");
        }
    }

    @Test
    void aPartialPutWritesOnlyThePropertiesTheContextNames() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiObject u = anUpdate(t);
            assertThat(u.isNull("LocalizedInformation")).isFalse();
            // What writing back a query result sends: lazy properties NULL, one property changed.
            WmiObject fromQuery = u.with("LocalizedInformation", null).with("MaxExecutionTime", 1234L);
            WmiContext partial = WmiContext.empty().with("__PUT_EXTENSIONS", CimValue.bool(true))
                    .with("__PUT_EXT_PROPERTIES", CimValue.stringArray(List.of("CI_ID", "MaxExecutionTime")));
            t.put(CAS, fromQuery, PutMode.UPDATE_ONLY, CALL, partial);
            WmiObject after = t.get(CAS, u.path(), CALL, NONE);
            assertThat(after.getLong("MaxExecutionTime")).isEqualTo(1234);
            assertThat(after.get("LocalizedInformation")).isEqualTo(u.get("LocalizedInformation"));

            // The same put without the context is a whole-instance put: the NULL lazy property is written (the hazard).
            t.put(CAS, fromQuery, PutMode.UPDATE_ONLY, CALL, NONE);
            assertThat(t.get(CAS, u.path(), CALL, NONE).isNull("LocalizedInformation")).isTrue();
        }
    }
}
