package io.github.cm4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ModelRoundTripTest {

    static Stream<Class<? extends WmiModel>> models() {
        return Models.all().stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyValueSurvivesWmiObjectToModelToWmiObject(Class<? extends WmiModel> type) {
        WmiObject original = SampleObjects.filled(Models.wmiClassName(type), 3);
        WmiModel model = Models.bindLoaded(type, original);
        WmiObject back = model.toWmiObject();
        assertThat(back).isEqualTo(original);
        assertThat(back.asMap()).isEqualTo(original.asMap());
    }

    @ParameterizedTest
    @MethodSource("models")
    void aModelBuiltFromTheValuesAloneWritesTheSameValues(Class<? extends WmiModel> type) {
        WmiObject original = SampleObjects.filled(Models.wmiClassName(type), 4);
        WmiModel model = Models.bindLoaded(type, original);
        // Forget the source object: the binder must create the instance from the schema and the values.
        WmiModel detached = withoutSource(model);
        assertThat(detached.sourceObject()).isEmpty();
        assertThat(detached).isEqualTo(model);
        assertThat(detached.toWmiObject().asMap()).isEqualTo(original.asMap());
    }

    @ParameterizedTest
    @MethodSource("models")
    void nullsSurviveTheRoundTrip(Class<? extends WmiModel> type) {
        WmiObject original = SampleObjects.filled(Models.wmiClassName(type), 5);
        WmiObject.Builder nulls = WmiObject.builder(original.wmiClass());
        List<PropertyDefinition> props = original.wmiClass().properties();
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition p = props.get(i);
            // Every other property NULL, except those the models cannot read as NULL (keys stay for the path).
            boolean keep = i % 2 == 0 || p.isKey() || mustNotBeNull(type, p);
            if (keep) {
                nulls.set(p.name(), original.valueAt(i));
            } else {
                nulls.setNull(p.name(), p.type());
            }
        }
        WmiObject withNulls = nulls.build();
        WmiModel model = Models.bindLoaded(type, withNulls);
        assertThat(model.toWmiObject()).isEqualTo(withNulls);
    }

    @Test
    void unknownPropertiesFromANewerProviderAreKeptAndReported() {
        WmiObject original = SampleObjects.filled("SMS_SoftwareUpdate", 1)
                .with(PropertyDefinition.of("IsFutureFeature", CimType.BOOLEAN), CimValue.bool(true))
                .with(PropertyDefinition.of("FutureNote", CimType.STRING), null);
        SoftwareUpdate update = Models.bind(SoftwareUpdate.class, original);
        assertThat(update.unknownProperties()).containsOnlyKeys("IsFutureFeature");
        SoftwareUpdate changed = update.withCustomSeverity(Severity.LOW);
        WmiObject back = changed.toWmiObject();
        assertThat(back.get("IsFutureFeature")).contains(CimValue.bool(true));
        assertThat(back.has("FutureNote")).isTrue();
        assertThat(back.isNull("FutureNote")).isTrue();
        assertThat(back.get("CustomSeverity")).contains(CimValue.uint32(2));
        assertThat(back.with("CustomSeverity", 10L)).isEqualTo(original);
    }

    @Test
    void anUnchangedModelWritesBackItsSourceObjectItself() {
        WmiObject original = SampleObjects.filled("SMS_SCI_Component", 2);
        SciComponent component = Models.bind(SciComponent.class, original);
        assertThat(component.toWmiObject()).isSameAs(original);
    }

    @Test
    void defaultsAndDatetimeOffsetsOfTheSourceSurvive() {
        WmiClass cls = SampleObjects.SCHEMA.classNamed("SMS_SUPSyncStatus");
        CimDateTime plusOneHour = CimDateTime.parse("20240109190000.000000+060");
        WmiObject original = WmiObject.builder(cls)
                .set("SiteCode", "PS1").set("WSUSServerName", "WSUS01").set("WSUSSourceServer", "Microsoft Update")
                .set("LastSyncErrorCode", 0L).set("LastSyncState", 6704L)
                .set("LastSyncStateTime", CimValue.datetime(plusOneHour))
                .build(); // the other properties take the class default
        SupSyncStatus status = Models.bind(SupSyncStatus.class, original);
        assertThat(status.lastSyncStateTime()).contains(Instant.parse("2024-01-09T18:00:00Z"));
        assertThat(status.lastSyncState()).contains(SyncState.SYNCHRONIZING_WSUS);
        WmiObject back = status.withSyncCatalogVersion(7).toWmiObject();
        assertThat(back.get("LastSyncStateTime")).contains(CimValue.datetime(plusOneHour));
        assertThat(back.isDefault("LastSuccessfulSyncTime")).isTrue();
        assertThat(back.isDefault("SyncCatalogVersion")).isFalse();
        assertThat(back.get("SyncCatalogVersion")).contains(CimValue.uint32(7));
    }

    @Test
    void nullReadsAsTheEmptyValueOfAPlainPropertyAndAsEmptyOfAnOptionalOne() {
        WmiClass cls = SampleObjects.SCHEMA.classNamed("SMS_SoftwareUpdate");
        WmiObject sparse = WmiObject.builder(cls).set("CI_ID", 42L).set("DateCreated", "20240109180000.000000+000").build();
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, sparse);
        assertThat(u.ciId()).isEqualTo(42);
        assertThat(u.articleId()).isEmpty();
        assertThat(u.isSuperseded()).isFalse();
        assertThat(u.numMissing()).isZero();
        assertThat(u.severity()).isEqualTo(Severity.NONE);
        assertThat(u.updateLocales()).isEmpty();
        assertThat(u.datePosted()).isEmpty();
        assertThat(u.eulaSignoffUser()).isEmpty();
        assertThat(u.toWmiObject()).isEqualTo(sparse);
    }

    @Test
    void aChangedModelWritesTheChangeAndKeepsEverythingElse() {
        WmiObject original = SampleObjects.filled("SMS_SCI_Component", 7);
        SciComponent component = Models.bind(SciComponent.class, original);
        SciComponent changed = component.withProperty("Sync Now", 1);
        WmiObject back = changed.toWmiObject();
        List<WmiObject> props = back.get("Props").orElseThrow().asObjectList();
        assertThat(props).hasSize(component.props().size() + 1);
        assertThat(props.get(props.size() - 1).get("PropertyName")).contains(CimValue.string("Sync Now"));
        assertThat(props.get(props.size() - 1).get("Value")).contains(CimValue.uint32(1));
        assertThat(props.subList(0, props.size() - 1)).isEqualTo(original.get("Props").orElseThrow().asObjectList());
        assertThat(back.get("PropLists")).isEqualTo(original.get("PropLists"));
        assertThat(back.path()).isEqualTo(original.path());
    }

    @Test
    void uint64AndUint32BitPatternsRoundTrip() {
        WmiClass cls = SampleObjects.SCHEMA.classNamed("SMS_EmbeddedProperty");
        WmiObject original = WmiObject.builder(cls).set("ItemType", "x").set("PropertyName", "Big")
                .set("Value", 0xFFFF_FFFFL).set("Value1", "").set("Value2", "").build();
        EmbeddedProperty p = Models.bind(EmbeddedProperty.class, original);
        assertThat(p.value()).isEqualTo(-1);
        assertThat(p.toString()).isEqualTo("Big=4294967295");
        assertThat(withoutSource(p).toWmiObject().get("Value")).contains(CimValue.uint32(0xFFFF_FFFFL));

        WmiObject update = SampleObjects.filled("SMS_SoftwareUpdate", 1);
        SoftwareUpdate u = Models.bind(SoftwareUpdate.class, update);
        assertThat(u.configurationFlags()).isNegative(); // the high bit of the uint64
        assertThat(withoutSource(u).toWmiObject().get("ConfigurationFlags")).isEqualTo(update.get("ConfigurationFlags"));
    }

    private static boolean mustNotBeNull(Class<?> type, PropertyDefinition p) {
        // Types without an empty value: datetimes held as a plain Instant, enums without a code 0.
        return (p.type() == CimType.DATETIME && List.of("DateCreated", "CreationTime", "LastModificationTime",
                "StartTime").contains(p.name()))
                || (type == SciComponent.class && p.name().equals("Flag"))
                || (type == StatusMessage.class && List.of("MessageType", "Severity").contains(p.name()));
    }

    @SuppressWarnings("unchecked")
    static <T extends WmiModel> T withoutSource(T model) {
        try {
            return (T) model.getClass().getMethod("withSourceObject", java.util.Optional.class)
                    .invoke(model, java.util.Optional.empty());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
