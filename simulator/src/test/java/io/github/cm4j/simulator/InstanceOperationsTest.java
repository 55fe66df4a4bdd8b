package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.WmiTransport;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InstanceOperationsTest {
    static final String CAS = ns("CAS");
    static final WmiContext NONE = WmiContext.empty();

    private static void assertStatus(ThrowingCallable call, WbemStatus status, String operation) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WmiException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).contains(status);
            assertThat(e.operation()).isEqualTo(operation);
        });
    }

    @Test
    void getFillsLazyPropertiesThatQueriesLeaveNull() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            WmiObject queried = cm.query("SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID = 16777500").findFirst().orElseThrow();
            assertThat(queried.isNull("LocalizedInformation")).isTrue();
            assertThat(queried.isNull("SDMPackageXML")).isTrue();
            WmiObject got = cm.get("SMS_SoftwareUpdate.CI_ID=16777500");
            assertThat(got.get("LocalizedInformation")).get().satisfies(v -> {
                WmiObject info = v.asObjectList().get(0);
                assertThat(info.className()).isEqualTo("SMS_CI_LocalizedProperties");
                assertThat(info.getString("DisplayName")).isEqualTo(queried.getString("LocalizedDisplayName"));
                assertThat(info.getLong("LocaleID")).isEqualTo(1033);
            });
            assertThat(got.getString("SDMPackageXML")).contains("SoftwareUpdateBundle");
            assertThat(got.getBoolean("IsDigest")).isFalse();
            // apart from the lazy properties, get and query agree
            for (String p : got.propertyNames()) {
                if (!got.wmiClass().property(p).orElseThrow().isLazy()) {
                    assertThat(got.get(p)).as(p).isEqualTo(queried.get(p));
                }
            }
        }
    }

    @Test
    void updatesWithLicenseTermsHaveLazyLocalizedEulas() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            List<WmiObject> withEula = cm.query("SELECT CI_ID, EULAExists, EULAAccepted FROM SMS_SoftwareUpdate WHERE EULAExists = 1").toList();
            assertThat(withEula).isNotEmpty().allSatisfy(u -> assertThat(u.getLong("EULAAccepted")).isZero());
            WmiObject u = cm.get("SMS_SoftwareUpdate.CI_ID=" + withEula.get(0).getLong("CI_ID"));
            assertThat(u.get("LocalizedEulas").orElseThrow().asObjectList()).singleElement()
                    .satisfies(e -> assertThat(e.getString("EULAContentUniqueID")).hasSize(36));
            WmiObject without = cm.query("SELECT CI_ID FROM SMS_SoftwareUpdate WHERE EULAExists = 0").findFirst().orElseThrow();
            assertThat(cm.get("SMS_SoftwareUpdate.CI_ID=" + without.getLong("CI_ID")).isNull("LocalizedEulas")).isTrue();
        }
    }

    @Test
    void getOfAMissingInstanceIsNotFoundAndBadKeysAreAnInvalidPath() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            assertStatus(() -> t.get(CAS, ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=1"), CALL, NONE),
                    WbemStatus.WBEM_E_NOT_FOUND, "GetObject");
            assertStatus(() -> t.get(CAS, ObjectPath.parse("SMS_SoftwareUpdate.ArticleID='1'"), CALL, NONE),
                    WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "GetObject");
            assertStatus(() -> t.get(CAS, ObjectPath.parse("SMS_Nope.CI_ID=1"), CALL, NONE),
                    WbemStatus.WBEM_E_INVALID_CLASS, "GetObject");
            // the unnamed key form and a string-written integer key name the same instance
            assertThat(t.get(CAS, ObjectPath.parse("SMS_SoftwareUpdate=16777300"), CALL, NONE).getLong("CI_ID")).isEqualTo(16777300);
            assertThat(t.get(CAS, ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=\"16777300\""), CALL, NONE)).isNotNull();
            WmiObject scf = t.get(CAS, ObjectPath.parse("SMS_SCI_Component.FileType=2,ItemName=\"sms_wsus_sync_manager|SMS Site Server\","
                    + "ItemType=\"Component\",SiteCode=\"PS1\""), CALL, NONE);
            assertThat(scf.getString("ComponentName")).isEqualTo("SMS_WSUS_SYNC_MANAGER");
            // an abstract class path finds the instance of its subclass
            assertThat(t.get(CAS, ObjectPath.parse("SMS_SiteControlItem.FileType=2,ItemName=\"Site Definition\","
                    + "ItemType=\"Site Definition\",SiteCode=\"CAS\""), CALL, NONE).className()).isEqualTo("SMS_SCI_SiteDefinition");
        }
    }

    @Test
    void getClassGivesTheBuiltInSchemaClass() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiClass su = t.getClass(CAS, "sms_softwareupdate", CALL, NONE);
            assertThat(su).isEqualTo(Schema.builtIn().classNamed("SMS_SoftwareUpdate"));
            assertThat(su.properties()).hasSize(69);
            assertStatus(() -> t.getClass(CAS, "SMS_Nope", CALL, NONE), WbemStatus.WBEM_E_INVALID_CLASS, "GetObject");
        }
    }

    @Test
    void putFollowsCreateAndUpdateSemantics() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiClass pkg = t.getClass(CAS, "SMS_SoftwareUpdatesPackage", CALL, NONE);
            WmiObject p = WmiObject.builder(pkg).set("PackageID", "CAS00042").set("Name", "Driver Updates")
                    .set("PkgSourcePath", "\\\\cassite\\src\\drivers").build();
            ObjectPath path = t.put(CAS, p, PutMode.CREATE_ONLY, CALL, NONE);
            assertThat(path.toString()).isEqualTo("SMS_SoftwareUpdatesPackage.PackageID=\"CAS00042\"");
            assertStatus(() -> t.put(CAS, p, PutMode.CREATE_ONLY, CALL, NONE), WbemStatus.WBEM_E_ALREADY_EXISTS, "PutInstance");

            // an update leaves properties the client did not set as they are
            WmiObject rename = WmiObject.builder(pkg).set("PackageID", "cas00042").set("Name", "Drivers").build();
            t.put(CAS, rename, PutMode.UPDATE_ONLY, CALL, NONE);
            WmiObject stored = t.get(CAS, path, CALL, NONE);
            assertThat(stored.getString("Name")).isEqualTo("Drivers");
            assertThat(stored.getString("PkgSourcePath")).isEqualTo("\\\\cassite\\src\\drivers");
            // an explicit NULL does clear
            t.put(CAS, stored.with("PkgSourcePath", null), PutMode.CREATE_OR_UPDATE, CALL, NONE);
            assertThat(t.get(CAS, path, CALL, NONE).isNull("PkgSourcePath")).isTrue();

            WmiObject ghost = WmiObject.builder(pkg).set("PackageID", "CAS00099").build();
            assertStatus(() -> t.put(CAS, ghost, PutMode.UPDATE_ONLY, CALL, NONE), WbemStatus.WBEM_E_NOT_FOUND, "PutInstance");
            assertThat(query(t, CAS, "SELECT * FROM SMS_SoftwareUpdatesPackage WHERE PackageID = 'CAS00042'")).hasSize(1);

            t.delete(CAS, path, CALL, NONE);
            assertStatus(() -> t.get(CAS, path, CALL, NONE), WbemStatus.WBEM_E_NOT_FOUND, "GetObject");
            assertStatus(() -> t.delete(CAS, path, CALL, NONE), WbemStatus.WBEM_E_NOT_FOUND, "DeleteInstance");
        }
    }

    @Test
    void putChecksKeysTypesAndClasses() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiClass pkg = t.getClass(CAS, "SMS_SoftwareUpdatesPackage", CALL, NONE);
            assertStatus(() -> t.put(CAS, WmiObject.builder(pkg).set("Name", "no key").build(), PutMode.CREATE_OR_UPDATE, CALL, NONE),
                    WbemStatus.WBEM_E_INVALID_PARAMETER, "PutInstance");
            WmiObject wrongType = WmiObject.builder("SMS_SoftwareUpdatesPackage").set("PackageID", CimValue.string("CAS00043"))
                    .set("Priority", CimValue.string("high")).build();
            assertStatus(() -> t.put(CAS, wrongType, PutMode.CREATE_OR_UPDATE, CALL, NONE), WbemStatus.WBEM_E_TYPE_MISMATCH, "PutInstance");
            WmiObject unknownProperty = WmiObject.builder("SMS_SoftwareUpdatesPackage").set("PackageID", CimValue.string("CAS00043"))
                    .set("Colour", CimValue.string("red")).build();
            assertStatus(() -> t.put(CAS, unknownProperty, PutMode.CREATE_OR_UPDATE, CALL, NONE),
                    WbemStatus.WBEM_E_INVALID_PARAMETER, "PutInstance");
            assertStatus(() -> t.put(CAS, WmiObject.builder("SMS_Nope").set("X", CimValue.string("1")).build(),
                    PutMode.CREATE_OR_UPDATE, CALL, NONE), WbemStatus.WBEM_E_INVALID_CLASS, "PutInstance");
            assertStatus(() -> t.put(CAS, WmiObject.builder("SMS_SiteControlItem").set("ItemName", CimValue.string("x")).build(),
                    PutMode.CREATE_OR_UPDATE, CALL, NONE), WbemStatus.WBEM_E_INVALID_CLASS, "PutInstance");
            // classes with the Read qualifier are maintained by the provider
            WmiObject content = query(t, CAS, "SELECT * FROM SMS_CIToContent WHERE CI_ID = 16777300").get(0);
            assertStatus(() -> t.put(CAS, content, PutMode.CREATE_OR_UPDATE, CALL, NONE), WbemStatus.WBEM_E_ACCESS_DENIED, "PutInstance");
            assertStatus(() -> t.delete(CAS, content.path(), CALL, NONE), WbemStatus.WBEM_E_ACCESS_DENIED, "DeleteInstance");
            // embedded objects must be of the declared class
            WmiObject comp = query(t, CAS, "SELECT * FROM SMS_SCI_Component WHERE SiteCode = 'CAS'").get(0);
            WmiObject badProps = comp.with("Props", List.of(WmiObject.builder("SMS_Nope").set("A", CimValue.string("b")).build()));
            assertStatus(() -> t.put(CAS, badProps, PutMode.UPDATE_ONLY, CALL, NONE), WbemStatus.WBEM_E_TYPE_MISMATCH, "PutInstance");
        }
    }

    @Test
    void writingAQueriedUpdateBackClearsItsLazyPropertiesLikeTheRealProviderWould() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiObject queried = query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID = 16777600").get(0);
            t.put(CAS, queried.with("CustomSeverity", 6L), PutMode.UPDATE_ONLY, CALL, NONE);
            WmiObject after = t.get(CAS, queried.path(), CALL, NONE);
            assertThat(after.getLong("CustomSeverity")).isEqualTo(6);
            assertThat(after.isNull("LocalizedInformation")).as("the NULL lazy value was written").isTrue();
            assertThat(query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE CustomSeverity = 6")).hasSize(1);
            assertStatus(() -> t.put(CAS, queried.with("CI_ID", 1L), PutMode.CREATE_OR_UPDATE, CALL, NONE),
                    WbemStatus.WBEM_E_INVALID_OPERATION, "PutInstance");
        }
    }

    @Test
    void statusMessagesAreSiteDataVisibleUpTheHierarchy() {
        SimulatedProvider sim = SimulatedProvider.demo();
        try (WmiTransport t = sim.openTransport()) {
            WmiClass sm = t.getClass(CAS, "SMS_StatusMessage", CALL, NONE);
            assertThat(sm.hasFlag("Read")).isTrue();
            assertStatus(() -> t.put(ns("PS1"), WmiObject.builder(sm).set("RecordID", 1L).set("SiteCode", "PS1").build(),
                    PutMode.CREATE_ONLY, CALL, NONE), WbemStatus.WBEM_E_ACCESS_DENIED, "PutInstance");
        }
    }

}
