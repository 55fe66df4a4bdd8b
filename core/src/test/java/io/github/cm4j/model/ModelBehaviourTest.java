package io.github.cm4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.WmiObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelBehaviourTest {

    static SoftwareUpdate sampleUpdate() {
        WmiObject o = SampleObjects.filled("SMS_SoftwareUpdate", 1)
                .with("CI_ID", 16777345L).with("ArticleID", "5034441").with("BulletinID", "MS24-001")
                .with("LocalizedDisplayName", "2024-01 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5034123)")
                .with("DatePosted", "20240109180000.000000+000")
                .with("IsDeployed", true).with("IsSuperseded", false).with("IsExpired", false).with("IsEnabled", true)
                .with("IsHidden", false).with("EULAExists", false)
                .with("CI_UniqueID", "Site_1/SUM_8f2a1c1d-2c5e-4c8a-a9c5-1f0f3a8b6c11");
        return Models.bind(SoftwareUpdate.class, o);
    }

    @Test
    void softwareUpdateToStringIsOneLineWithTheIdentifyingFieldsFirst() {
        String s = sampleUpdate().toString();
        assertThat(s).doesNotContain("\n")
                .startsWith("SoftwareUpdate{ciId=16777345, KB5034441, MS24-001, \"2024-01 Cumulative Update for Windows 11")
                .contains("...\", severity=IMPORTANT, posted=2024-01-09, flags=[deployed]")
                .endsWith(", ciUniqueId=Site_1/SUM_8f2a1c1d-2c5e-4c8a-a9c5-1f0f3a8b6c11}");
        assertThat(s.length()).isLessThan(260);
    }

    @Test
    void modelsAreValuesThatChangeByCopy() {
        SoftwareUpdate u = sampleUpdate();
        SoftwareUpdate critical = u.withCustomSeverity(Severity.CRITICAL);
        assertThat(u.customSeverity()).isEqualTo(Severity.CRITICAL); // sample code 10
        SoftwareUpdate low = u.withCustomSeverity(Severity.LOW);
        assertThat(u.customSeverity()).isNotEqualTo(low.customSeverity());
        assertThat(critical).isEqualTo(u).hasSameHashCodeAs(u);
        assertThat(low).isNotEqualTo(u);
        assertThat(u.withSuperseded(true).isSuperseded()).isTrue();
    }

    @Test
    void sciComponentLooksUpAndChangesEmbeddedPropertiesByName() {
        SciComponent c = SciComponent.builder()
                .siteCode("PS1").itemName("SMS_WSUS_SYNC_MANAGER|CM01.contoso.com").itemType("Component").fileType(2)
                .componentName("SMS_WSUS_SYNC_MANAGER").flag(ComponentFlag.NAMED_SERVER_INSTALLED).name("CM01.contoso.com")
                .addProp(EmbeddedProperty.of("Sync Now", 0))
                .addProp(EmbeddedProperty.of("Sync Schedule", 0, "", "0001170000100008"))
                .addPropList(EmbeddedPropertyList.of("Products", List.of("Product:a", "Product:b")))
                .build();
        assertThat(c.property("Sync Now")).map(EmbeddedProperty::value).contains(0);
        assertThat(c.property("sync now")).as("names are case-sensitive").isEmpty();
        assertThat(c.propertyNames()).containsExactly("Sync Now", "Sync Schedule");

        SciComponent syncing = c.withProperty("Sync Now", 1);
        assertThat(syncing.property("Sync Now")).map(EmbeddedProperty::value).contains(1);
        assertThat(c.property("Sync Now")).map(EmbeddedProperty::value).as("the original is unchanged").contains(0);
        assertThat(syncing.propertyNames()).as("replaced in place").containsExactly("Sync Now", "Sync Schedule");
        assertThat(c.withProperty("Sync Schedule", 0, "", "0001200000100008").property("Sync Schedule"))
                .map(EmbeddedProperty::value2).contains("0001200000100008");
        assertThat(c.withProperty("New", 7).propertyNames()).containsExactly("Sync Now", "Sync Schedule", "New");
        assertThat(c.withoutProperty("Sync Now").propertyNames()).containsExactly("Sync Schedule");
        assertThat(c.withoutProperty("absent")).isSameAs(c);

        assertThat(c.propertyList("Products")).map(EmbeddedPropertyList::values).contains(List.of("Product:a", "Product:b"));
        assertThat(c.withPropertyList("Products", List.of("Product:c")).propertyList("Products"))
                .map(EmbeddedPropertyList::values).contains(List.of("Product:c"));
        assertThat(c.withPropertyList("Languages", List.of("en")).propLists()).hasSize(2);
        assertThat(c.withoutPropertyList("Products").propLists()).isEmpty();
        assertThat(c.toString()).isEqualTo("SciComponent{PS1 SMS_WSUS_SYNC_MANAGER on CM01.contoso.com"
                + " (SMS_WSUS_SYNC_MANAGER|CM01.contoso.com), props=[Sync Now=0, Sync Schedule=0 \"\" \"0001170000100008\"],"
                + " propLists=[Products=[Product:a, Product:b]]}");
        assertThat(c.toWmiObject().path().toString()).contains("SMS_SCI_Component.").contains("SiteCode=\"PS1\"");
    }

    @Test
    void siteDefinitionRedactsSecretsInToString() {
        SciSiteDefinition d = Models.bind(SciSiteDefinition.class, SampleObjects.filled("SMS_SCI_SiteDefinition", 1)
                .with("SQLAccountPassword", "S3cret!").with("ServiceAccountPassword", "Hunter2"));
        assertThat(d.sqlAccountPassword()).isEqualTo("S3cret!");
        assertThat(d.toString()).doesNotContain("S3cret!").doesNotContain("Hunter2").contains("sqlAccountPassword=****");
        assertThat(d.withProperty("IsCAS", 1).property("IsCAS")).isPresent();
    }

    @Test
    void statusMessageFillsItsTextWithTheInsertionStrings() {
        StatusMessage m = Models.bind(StatusMessage.class, SampleObjects.filled("SMS_StatusMessage", 1)
                .with("Component", "SMS_WSUS_SYNC_MANAGER").with("MessageID", 6707L))
                .withInsertionStrings(List.of("WSUS01", "Microsoft Update"));
        assertThat(m.text()).contains("Content of WSUS Server WSUS01 is out of sync with upstream server Microsoft Update.");
        assertThat(m.severity()).isEqualTo(MessageSeverity.ERROR);
        assertThat(m.messageType()).isEqualTo(MessageType.MILESTONE);
        assertThat(m.toString()).startsWith("StatusMessage{recordId=").contains("6707 SMS_WSUS_SYNC_MANAGER");
        assertThat(m.withComponent("SMS_DISTRIBUTION_MANAGER").text()).isEmpty();
    }

    @Test
    void syncStatesCoverTheStatusMessages6700To6711() {
        for (long code = 6700; code <= 6711; code++) {
            assertThat(SyncState.fromCode(code)).as("code " + code).isPresent();
        }
        assertThat(SyncState.fromCode(6712)).isEmpty();
        assertThat(SyncState.DONE.text()).isEqualTo("WSUS Synchronization done.");
        assertThat(SyncState.SYNCHRONIZING_SITE_DATABASE.isInProgress()).isTrue();
        assertThat(SyncState.DONE_PENDING_LICENSE_TERMS.isSuccess()).isTrue();
        assertThat(SyncState.FAILED.isFailure()).isTrue();

        SupSyncStatus s = Models.bind(SupSyncStatus.class, SampleObjects.filled("SMS_SUPSyncStatus", 1)
                .with("LastSyncState", 6705L).with("LastSyncErrorCode", 0x80244010L).with("SiteCode", "CAS")
                .with("WSUSServerName", "CM01.contoso.com").with("LastSyncStateTime", "20240109180000.000000+000"));
        assertThat(s.isSynchronizing()).isTrue();
        assertThat(s.replicationLinkStatus()).contains(ReplicationLinkStatus.DEGRADED);
        assertThat(s.lastSyncStateTime()).contains(Instant.parse("2024-01-09T18:00:00Z"));
        assertThat(s.toString()).startsWith("SupSyncStatus{CAS CM01.contoso.com, SYNCHRONIZING_SITE_DATABASE (6705) at 2024-01-09T18:00:00Z, error 0x80244010");
    }

    @Test
    void otherModelsPrintOneReadableLine() {
        for (Class<? extends WmiModel> type : Models.all()) {
            String s = Models.bindLoaded(type, SampleObjects.filled(Models.wmiClassName(type), 1)).toString();
            assertThat(s).as(type.getSimpleName()).doesNotContain("\n");
            if (type == EmbeddedProperty.class || type == EmbeddedPropertyList.class) {
                assertThat(s).as("compact, as inside a component").contains("Name-1=").doesNotStartWith(type.getSimpleName());
            } else {
                assertThat(s).startsWith(type.getSimpleName() + "{");
            }
        }
    }
}
