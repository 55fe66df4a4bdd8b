package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ParseException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code instance of} declarations: typing by class, natural types, embedded objects, aliases. */
class MofInstanceParsingTest {

    private static final String EMBEDDED_CLASSES = """
            class SMS_EmbeddedProperty { string PropertyName; uint32 Value; string Value1; string Value2; };
            class SMS_EmbeddedPropertyList { string PropertyListName; string Values[]; };
            class SMS_SCI_Component {
                [key] string SiteCode;
                [key] string ItemName;
                string ComponentName;
                SMS_EmbeddedProperty Props[];
                SMS_EmbeddedPropertyList PropLists[];
                SMS_EmbeddedProperty Main;
            };
            """;

    @Test
    void typesValuesByTheDeclaredClass() {
        MofDocument doc = MofParser.parse("i.mof", """
                class SMS_Site { [key] string SiteCode; uint32 Type; uint8 Status; sint64 Big; real32 R;
                                 boolean Active; datetime Installed; string Tags[]; uint16 Ports[]; };
                instance of SMS_Site
                {
                    SiteCode = "XYZ";
                    Type = 2;
                    Status = 0xFF;
                    Big = -9223372036854775808;
                    R = 1;
                    Active = FALSE;
                    Installed = "20240101000000.000000+000";
                    Tags = {"a", "b"};
                    Ports = {80, 443};
                };
                """);
        WmiObject site = doc.instances().get(0);

        assertThat(site.wmiClass()).isEqualTo(doc.classNamed("SMS_Site").orElseThrow());
        assertThat(site.get("SiteCode")).contains(CimValue.string("XYZ"));
        assertThat(site.get("Type")).contains(CimValue.uint32(2));
        assertThat(site.get("Status")).contains(CimValue.uint8(255));
        assertThat(site.get("Big")).contains(CimValue.sint64(Long.MIN_VALUE));
        assertThat(site.get("R")).contains(CimValue.real32(1f));
        assertThat(site.get("Active")).contains(CimValue.bool(false));
        assertThat(site.get("Installed").orElseThrow().type()).isEqualTo(CimType.DATETIME);
        assertThat(site.get("Tags")).contains(CimValue.stringArray(List.of("a", "b")));
        assertThat(site.get("Ports")).contains(CimValue.of(CimType.UINT16_ARRAY, List.of(80, 443)));
    }

    @Test
    void unassignedPropertiesTakeTheClassDefaultAndNullIsExplicit() {
        MofDocument doc = MofParser.parse("d.mof", """
                class C { [key] string K; uint32 N = 5; string S = "x"; };
                instance of C { K = "k"; S = NULL; };
                """);
        WmiObject o = doc.instances().get(0);

        assertThat(o.isDefault("N")).isTrue();
        assertThat(o.get("N")).contains(CimValue.uint32(5));
        assertThat(o.isDefault("S")).isFalse();
        assertThat(o.isNull("S")).isTrue();
    }

    @Test
    void instancesOfSubclassesSeeInheritedProperties() {
        MofDocument doc = MofParser.parse("sub.mof", """
                class Base { [key] string Id; uint32 Size; };
                class Derived : Base { string Extra; };
                instance of Derived { Id = "1"; Size = 10; Extra = "e"; };
                """);
        WmiObject o = doc.instances().get(0);

        assertThat(o.wmiClass().derivation()).containsExactly("Base");
        assertThat(o.get("Size")).contains(CimValue.uint32(10));
        assertThat(o.wmiClass().keys()).extracting(PropertyDefinition::name).containsExactly("Id");
    }

    @Test
    void aPropertyTheCompleteClassLacksIsAnError() {
        assertThatThrownBy(() -> MofParser.parse("x.mof", """
                class C { string A; };
                instance of C { A = "a"; B = 1; };
                """))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.problem()).isEqualTo("class C has no property B");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(26);
                });
    }

    @Test
    void aClassWithAnUndeclaredSuperclassAcceptsUnknownPropertiesWithNaturalTypes() {
        MofDocument doc = MofParser.parse("open.mof", """
                class Win11Compatibility : SMS_Class_Template { [key] string KeyName; uint32 Size; };
                instance of Win11Compatibility { KeyName = "k"; Size = 4; Inherited = 7; };
                """);
        WmiObject o = doc.instances().get(0);

        assertThat(o.get("Size")).contains(CimValue.uint32(4));
        assertThat(o.get("Inherited")).contains(CimValue.sint64(7));
        assertThat(o.propertyNames()).containsExactly("KeyName", "Size", "Inherited");
    }

    @Test
    void instancesOfUnknownClassesTakeNaturalTypes() {
        MofDocument doc = MofParser.parse("n.mof", """
                instance of Unknown
                {
                    I = 42;
                    U = 18446744073709551615;
                    R = 2.5;
                    S = "s";
                    C = 'c';
                    B = TRUE;
                    N = NULL;
                    Ints = {1, -2};
                    Reals = {1, 2.5};
                    Empty = {};
                    Ref = $Other;
                    Obj = instance of Inner { X = 1; };
                    Objs = {instance of Inner { X = 2; }, instance of Inner { X = 3; }};
                };
                """);
        WmiObject o = doc.instances().get(0);

        assertThat(o.get("I")).contains(CimValue.sint64(42));
        assertThat(o.get("U").orElseThrow().type()).isEqualTo(CimType.UINT64);
        assertThat(o.get("R")).contains(CimValue.real64(2.5));
        assertThat(o.get("S")).contains(CimValue.string("s"));
        assertThat(o.get("C")).contains(CimValue.char16('c'));
        assertThat(o.get("B")).contains(CimValue.bool(true));
        assertThat(o.isNull("N")).isTrue();
        assertThat(o.wmiClass().property("N").orElseThrow().type()).isEqualTo(CimType.STRING);
        assertThat(o.get("Ints")).contains(CimValue.of(CimType.SINT64_ARRAY, List.of(1L, -2L)));
        assertThat(o.get("Reals")).contains(CimValue.of(CimType.REAL64_ARRAY, List.of(1.0, 2.5)));
        assertThat(o.get("Empty")).contains(CimValue.stringArray(List.of()));
        assertThat(o.get("Ref")).contains(CimValue.of(CimType.REFERENCE, "$Other"));
        assertThat(o.get("Obj").orElseThrow().asObject().get("X")).contains(CimValue.sint64(1));
        assertThat(o.get("Objs").orElseThrow().asObjectList()).extracting(x -> x.getLong("X")).containsExactly(2L, 3L);
    }

    @Test
    void readsEmbeddedObjectsAndArraysOfThemTypedByTheirClasses() {
        MofDocument doc = MofParser.parse("sci.mof", EMBEDDED_CLASSES + """
                instance of SMS_SCI_Component
                {
                    SiteCode = "XYZ";
                    ItemName = "SMS_WSUS_SYNC_MANAGER|SERVER";
                    Props = {
                        instance of SMS_EmbeddedProperty { PropertyName = "Sync Now"; Value = 1; },
                        instance of SMS_EmbeddedProperty { PropertyName = "Sync Schedule"; Value1 = "0001"; }
                    };
                    PropLists = { instance of SMS_EmbeddedPropertyList { PropertyListName = "L"; Values = {"a"}; } };
                    Main = instance of SMS_EmbeddedProperty { PropertyName = "Main"; };
                };
                """);
        WmiObject sci = doc.instances().get(0);

        List<WmiObject> props = sci.get("Props").orElseThrow().asObjectList();
        assertThat(props).hasSize(2);
        assertThat(props.get(0).wmiClass()).isEqualTo(doc.classNamed("SMS_EmbeddedProperty").orElseThrow());
        assertThat(props.get(0).get("Value")).contains(CimValue.uint32(1));
        assertThat(props.get(1).getString("Value1")).isEqualTo("0001");
        assertThat(sci.get("PropLists").orElseThrow().asObjectList().get(0).get("Values"))
                .contains(CimValue.stringArray(List.of("a")));
        assertThat(sci.get("Main").orElseThrow().asObject().getString("PropertyName")).isEqualTo("Main");
    }

    @Test
    void keepsAliasesInstanceQualifiersAndPropertyQualifiers() {
        MofDocument doc = MofParser.parse("a.mof", """
                class Provider { [key] string Name; };
                class Binding { Provider ref Target; };
                [DYNPROPS] instance of Provider as $Prov { Name = "p"; };
                instance of Binding { Target = $Prov; };
                instance of Provider { [PropertyContext("ctx"), Dynamic] Name; };
                """);

        InstanceDeclaration provider = doc.instanceAliased("$prov").orElseThrow();
        assertThat(provider.alias()).isEqualTo("Prov");
        assertThat(provider.aliasName()).contains("Prov");
        assertThat(provider.qualifiers()).containsExactly(Qualifier.flag("DYNPROPS"));
        assertThat(doc.instanceAliased("Prov")).contains(provider);
        assertThat(doc.instances().get(1).get("Target")).contains(CimValue.of(CimType.REFERENCE, "$Prov"));
        InstanceDeclaration dynamic = doc.instanceDeclarations().get(2);
        assertThat(dynamic.aliasName()).isEmpty();
        assertThat(dynamic.qualifiersOf("NAME")).containsExactly(Qualifier.of("PropertyContext", CimValue.string("ctx")),
                Qualifier.flag("Dynamic"));
        assertThat(dynamic.instance().isDefault("Name")).isTrue();
        assertThat(doc.instanceAliased("none")).isEmpty();
    }

    @Test
    void anArrayForAPropertyDeclaredScalarMakesTheInstancePropertyAnArray() {
        MofDocument doc = MofParser.parse("arity.mof", """
                class MyClass { uint32 Array; uint32 Other = 3; };
                instance of MyClass { Array = {1, 2, 3}; };
                """);
        WmiObject o = doc.instances().get(0);

        assertThat(o.get("Array")).contains(CimValue.of(CimType.UINT32_ARRAY, List.of(1L, 2L, 3L)));
        assertThat(o.get("Other")).contains(CimValue.uint32(3));
        assertThat(doc.classNamed("MyClass").orElseThrow().property("Array").orElseThrow().type())
                .isEqualTo(CimType.UINT32);
    }

    @Test
    void aValueOfTheWrongTypeIsAnError() {
        assertThatThrownBy(() -> MofParser.parse("t.mof", """
                class C { uint32 N; };
                instance of C { N = "five"; };
                """))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.problem()).isEqualTo("expected a uint32 value for property N but found string \"five\"");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(21);
                });
        assertThatThrownBy(() -> MofParser.parse("t.mof", "class C { uint8 N; };\ninstance of C { N = 256; };"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("value 256 of property N is out of the uint8 range 0..255");
        assertThatThrownBy(() -> MofParser.parse("t.mof", "class C { uint8 N[]; };\ninstance of C { N = {1, NULL}; };"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("an array element of property N cannot be NULL");
        assertThatThrownBy(() -> MofParser.parse("t.mof", "class C { string N[]; };\ninstance of C { N = \"x\"; };"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("expected an array (string[]) for property N but found string \"x\"");
    }

    @Test
    void aPropertySetTwiceIsAnError() {
        assertThatThrownBy(() -> MofParser.parse("t.mof", "instance of C { A = 1; a = 2; };"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.problem()).isEqualTo("property a is set twice in instance of C");
                    assertThat(e.column()).isEqualTo(24);
                });
    }

    @Test
    void anAliasDeclaredTwiceIsAnError() {
        assertThatThrownBy(() -> MofParser.parse("t.mof", "instance of C as $A { };\ninstance of C as $a { };"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.problem()).isEqualTo("alias '$a' is declared twice");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(18);
                });
    }
}
