package io.github.cm4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.internal.ModelBinder;
import io.github.cm4j.internal.PutRequest;
import io.github.cm4j.spi.Capability;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteSafetyTest {
    static final ModelBinder<SoftwareUpdate> BINDER = ModelBinder.of(SoftwareUpdate.class);

    @Test
    void aPutOfAQueryResultIsRefusedBecauseItsLazyPropertiesWereNotLoaded() {
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, LazyPropertyTest.queryResult(123));
        assertThatThrownBy(() -> BINDER.toPutRequest(u, LazyWritePolicy.REQUIRE_LOADED, EnumSet.allOf(Capability.class)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("refusing to write SMS_SoftwareUpdate.CI_ID=123")
                .hasMessageContaining("IsDigest, LocalizedEulas, LocalizedInformation, SDMPackageLocalizedData, SDMPackageXML")
                .hasMessageContaining("use softwareUpdates().get(ciId) or loadLazy(update)")
                .hasMessageContaining("LazyWritePolicy.LEAVE_UNTOUCHED");
    }

    @Test
    void leavingLazyPropertiesUntouchedNeedsATransportWithPartialPut() {
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, LazyPropertyTest.queryResult(123));
        assertThatThrownBy(() -> BINDER.toPutRequest(u, LazyWritePolicy.LEAVE_UNTOUCHED, Set.of(Capability.CONTEXT)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("needs a transport with partial put (Capability.PARTIAL_PUT), which this one lacks");
    }

    @Test
    void withPartialPutOnlyTheLoadedPropertiesAreWritten() {
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, LazyPropertyTest.queryResult(123))
                .withCustomSeverity(Severity.CRITICAL);
        PutRequest put = BINDER.toPutRequest(u, LazyWritePolicy.LEAVE_UNTOUCHED, Set.of(Capability.PARTIAL_PUT));
        assertThat(put.isPartial()).isTrue();
        assertThat(put.untouchedLazyProperties()).containsExactly("IsDigest", "LocalizedEulas", "LocalizedInformation",
                "SDMPackageLocalizedData", "SDMPackageXML");
        assertThat(put.context().get("__PUT_EXTENSIONS")).contains(CimValue.bool(true));
        assertThat(put.context().get("__PUT_EXT_CLIENT_REQUEST")).contains(CimValue.bool(true));
        var written = put.context().get("__PUT_EXT_PROPERTIES").orElseThrow().asStringList();
        assertThat(written).hasSize(64).contains("CI_ID", "CustomSeverity")
                .doesNotContain("LocalizedEulas", "IsDigest", "SDMPackageXML");
        assertThat(put.instance().get("CustomSeverity")).contains(CimValue.uint32(10));
    }

    @Test
    void aFullyLoadedUpdateIsPutWhole() {
        SoftwareUpdate u = Models.bindLoaded(SoftwareUpdate.class, LazyPropertyTest.queryResult(123));
        PutRequest put = BINDER.toPutRequest(u, LazyWritePolicy.REQUIRE_LOADED, Set.of());
        assertThat(put.isPartial()).isFalse();
        assertThat(put.context().isEmpty()).isTrue();
        assertThat(put.instance().wmiClass().lazyProperties()).extracting(PropertyDefinition::name)
                .allSatisfy(name -> assertThat(put.instance().isNull(name)).isTrue());
    }

    @Test
    void modelsWithoutLazyPropertiesArePutWhole() {
        SciComponent c = Models.bind(SciComponent.class, SampleObjects.filled("SMS_SCI_Component", 1))
                .withProperty("Sync Now", 1);
        PutRequest put = ModelBinder.of(SciComponent.class).toPutRequest(c, LazyWritePolicy.REQUIRE_LOADED, Set.of());
        assertThat(put.isPartial()).isFalse();
        assertThat(Models.bind(SciComponent.class, put.instance()).property("Sync Now")).map(EmbeddedProperty::value).contains(1);
    }
}
