package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WmiClassTest {

    static final WmiClass BASE = WmiClass.builder("SMS_Base")
            .qualifier(Qualifier.flag("abstract"))
            .property("CI_ID", CimType.UINT32, Qualifier.flag("key"))
            .property("Title", CimType.STRING)
            .build();

    @Test
    void resolvingPutsInheritedPropertiesFirstAndRecordsTheirOrigin() {
        WmiClass declared = WmiClass.builder("SMS_Update").superclass("SMS_Base")
                .property("ArticleID", CimType.STRING)
                .property("LocalizedEulas", CimType.OBJECT_ARRAY, Qualifier.flag("lazy"))
                .build();
        WmiClass resolved = declared.resolve(BASE);
        assertThat(resolved.properties()).extracting(PropertyDefinition::name)
                .containsExactly("CI_ID", "Title", "ArticleID", "LocalizedEulas");
        assertThat(resolved.property("ci_id").orElseThrow().originClass()).isEqualTo("SMS_Base");
        assertThat(resolved.property("ArticleID").orElseThrow().originClass()).isEqualTo("SMS_Update");
        assertThat(resolved.derivation()).containsExactly("SMS_Base");
        assertThat(resolved.keys()).extracting(PropertyDefinition::name).containsExactly("CI_ID");
        assertThat(resolved.lazyProperties()).extracting(PropertyDefinition::name).containsExactly("LocalizedEulas");
        assertThat(resolved.isA("sms_base")).isTrue();
        assertThat(resolved.isAbstract()).as("Abstract is a Restricted qualifier (DSP0004): not inherited").isFalse();
        assertThat(resolved.qualifiers()).noneMatch(q -> q.is("abstract"));
        assertThat(resolved.declaredProperties()).extracting(PropertyDefinition::name).containsExactly("ArticleID", "LocalizedEulas");
    }

    @Test
    void restrictedQualifiersDoNotPropagate() {
        WmiClass base = WmiClass.builder("A")
                .qualifier(new Qualifier("abstract", CimValue.bool(true), Set.of(QualifierFlavor.RESTRICTED))).build();
        WmiClass b = WmiClass.builder("B").superclass("A").build().resolve(base);
        assertThat(b.isAbstract()).isFalse();
    }

    @Test
    void overridingAPropertyKeepsItsPlaceAndMergesQualifiers() {
        WmiClass declared = WmiClass.builder("SMS_Update").superclass("SMS_Base")
                .property(PropertyDefinition.of("Title", CimType.STRING, Qualifier.flag("not_null"))
                        .withDefault(CimValue.string("untitled")))
                .build();
        WmiClass resolved = declared.resolve(BASE);
        PropertyDefinition title = resolved.property("Title").orElseThrow();
        assertThat(resolved.properties()).extracting(PropertyDefinition::name).containsExactly("CI_ID", "Title");
        assertThat(title.isNotNull()).isTrue();
        assertThat(title.defaultValue()).isEqualTo(CimValue.string("untitled"));
        assertThat(title.originClass()).isEqualTo("SMS_Base");
    }

    @Test
    void resolvingAgainstTheWrongSuperclassFails() {
        WmiClass declared = WmiClass.builder("X").superclass("Y").build();
        assertThatThrownBy(() -> declared.resolve(BASE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not derive from SMS_Base");
    }

    @Test
    void namesThatCouldSmuggleSyntaxAreRejected() {
        assertThatThrownBy(() -> WmiClass.builder("SMS_X WHERE 1=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid class name");
        assertThatThrownBy(() -> PropertyDefinition.of("a.b", CimType.STRING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PropertyDefinition.of("9lives", CimType.STRING)).isInstanceOf(IllegalArgumentException.class);
        assertThat(WmiNames.isValid("__PATH")).isTrue();
    }

    @Test
    void methodParametersBecomeParameterClasses() {
        MethodDefinition syncNow = new MethodDefinition("SyncNow", CimType.UINT32, List.of(Qualifier.flag("static")),
                List.of(new ParameterDefinition("fullSync", CimType.BOOLEAN, null, List.of(Qualifier.flag("in")))));
        assertThat(syncNow.isStatic()).isTrue();
        assertThat(syncNow.inParametersClass().properties()).extracting(PropertyDefinition::name).containsExactly("fullSync");
        assertThat(syncNow.outParametersClass().properties()).extracting(PropertyDefinition::name).containsExactly("ReturnValue");
        assertThat(syncNow.toMof()).isEqualTo("[static] uint32 SyncNow([in] boolean fullSync);");
    }

    @Test
    void toStringIsShort() {
        assertThat(BASE.toString()).isEqualTo("class SMS_Base (2 properties, 0 methods)");
    }
}
