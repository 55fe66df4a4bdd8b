package io.github.cm4j.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.WmiObject;
import org.junit.jupiter.api.Test;

class BindingErrorTest {

    @Test
    void aTypeMismatchNamesClassPropertyExpectedAndActualType() {
        // A newer (or broken) provider declares ArticleID as uint32.
        WmiObject odd = WmiObject.builder("SMS_SoftwareUpdate")
                .set("CI_ID", io.github.cm4j.cim.CimValue.uint32(1))
                .set("ArticleID", io.github.cm4j.cim.CimValue.uint32(5034441))
                .build();
        assertThatThrownBy(() -> Models.bind(SoftwareUpdate.class, odd))
                .isInstanceOf(MappingException.class)
                .hasMessage("cannot bind SMS_SoftwareUpdate.ArticleID to SoftwareUpdate.articleId(): the model expects"
                        + " string (String) but the class declares uint32");
    }

    @Test
    void anUnknownCodeOfAClosedEnumIsAMappingError() {
        WmiObject u = SampleObjects.filled("SMS_SoftwareUpdate", 1).with("Severity", 5L);
        assertThatThrownBy(() -> Models.bind(SoftwareUpdate.class, u))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("cannot bind SMS_SoftwareUpdate.Severity to SoftwareUpdate.severity() (Severity):"
                        + " value 5 is not a known Severity (known: 0 NONE, 2 LOW, 6 MODERATE, 8 IMPORTANT, 10 CRITICAL)");
    }

    @Test
    void anUnknownSyncStateReadsAsUnrecognizedAndCannotBeWrittenFromScratch() {
        WmiObject s = SampleObjects.filled("SMS_SUPSyncStatus", 1).with("LastSyncState", 6799L);
        SupSyncStatus status = Models.bind(SupSyncStatus.class, s);
        org.assertj.core.api.Assertions.assertThat(status.lastSyncState()).contains(SyncState.UNRECOGNIZED);
        org.assertj.core.api.Assertions.assertThat(status.toWmiObject()).isSameAs(s);
        SupSyncStatus fresh = ModelRoundTripTest.withoutSource(status);
        assertThatThrownBy(fresh::toWmiObject).isInstanceOf(MappingException.class)
                .hasMessageContaining("SupSyncStatus.lastSyncState()").hasMessageContaining("UNRECOGNIZED");
    }

    @Test
    void anInstanceOfAnotherClassIsRefused() {
        WmiObject site = SampleObjects.filled("SMS_Site", 1);
        assertThatThrownBy(() -> Models.bind(SoftwareUpdate.class, site))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("cannot bind an instance of SMS_Site to SoftwareUpdate, which binds SMS_SoftwareUpdate");
    }

    @Test
    void aNullWhereTheModelHasNoEmptyValueIsAMappingError() {
        WmiObject u = SampleObjects.filled("SMS_SoftwareUpdate", 1).with("DateCreated", null);
        assertThatThrownBy(() -> Models.bind(SoftwareUpdate.class, u))
                .isInstanceOf(MappingException.class)
                .hasMessage("cannot bind SMS_SoftwareUpdate.DateCreated to SoftwareUpdate.dateCreated() (Instant):"
                        + " the value is NULL but the model requires one");
    }

    @Test
    void missingOptionalPropertiesAreFine() {
        // An older provider's class without the properties added after ConfigMgr 2007.
        WmiObject old = WmiObject.builder("SMS_SoftwareUpdate")
                .set("CI_ID", io.github.cm4j.cim.CimValue.uint32(9))
                .set("DateCreated", io.github.cm4j.cim.CimValue.of(CimType.DATETIME, "20070101000000.000000+000"))
                .set("ArticleID", io.github.cm4j.cim.CimValue.string("123456"))
                .build();
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, old);
        org.assertj.core.api.Assertions.assertThat(u.articleId()).isEqualTo("123456");
        org.assertj.core.api.Assertions.assertThat(u.lastStatusTime()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(u.isOfflineServiceable()).isFalse();
        org.assertj.core.api.Assertions.assertThat(u.toWmiObject()).isSameAs(old);
    }
}
