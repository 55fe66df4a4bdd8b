package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.QualifierFlavor;
import io.github.cm4j.cim.WmiClass;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Class declarations: qualifiers and flavors, properties of every kind, methods, derivation. */
class MofClassParsingTest {

    private static WmiClass parseClass(String mof) {
        MofDocument doc = MofParser.parse("test.mof", mof);
        assertThat(doc.classes()).hasSize(1);
        return doc.classes().get(0);
    }

    @Test
    void readsAClassWithSuperclassQualifiersAndOwnProperties() {
        WmiClass c = parseClass("""
                [abstract, Description("Updates" " and more")]
                class SMS_SoftwareUpdate : SMS_SoftwareUpdateBase
                {
                    [key, read] string CI_UniqueID;
                    uint32 MaxExecutionTime;
                };
                """);

        assertThat(c.name()).isEqualTo("SMS_SoftwareUpdate");
        assertThat(c.superclassName()).contains("SMS_SoftwareUpdateBase");
        assertThat(c.derivation()).isEmpty();
        assertThat(c.isAbstract()).isTrue();
        assertThat(c.qualifier("description").orElseThrow().value()).isEqualTo(CimValue.string("Updates and more"));
        assertThat(c.properties()).extracting(PropertyDefinition::name).containsExactly("CI_UniqueID", "MaxExecutionTime");
        assertThat(c.properties()).allSatisfy(p -> assertThat(p.originClass()).isEqualTo("SMS_SoftwareUpdate"));
        assertThat(c.keys()).extracting(PropertyDefinition::name).containsExactly("CI_UniqueID");
    }

    @Test
    void keywordsAndTypeNamesAreCaseInsensitive() {
        MofDocument doc = MofParser.parse(null, """
                CLASS A { UINT32 X; String S; BOOLEAN B; DateTime D; };
                Instance OF A { X = 1; B = true; };
                """);

        WmiClass a = doc.classes().get(0);
        assertThat(a.properties()).extracting(PropertyDefinition::type)
                .containsExactly(CimType.UINT32, CimType.STRING, CimType.BOOLEAN, CimType.DATETIME);
        assertThat(doc.instances().get(0).get("B")).contains(CimValue.bool(true));
    }

    @Test
    void readsQualifierValuesWithTheirWmiTypes() {
        WmiClass c = parseClass("""
                [Flag, Off(FALSE), Int(-7), Big(5000000000), Real(2.5), Text("a" "b" "c"), Char('x'),
                 Strings{"0", "1"}, Ints{1, 2}, Mixed{1, 2.5}, Empty{}]
                class Q { };
                """);

        assertThat(c.qualifier("Flag").orElseThrow().value()).isEqualTo(CimValue.bool(true));
        assertThat(c.qualifier("Off").orElseThrow().value()).isEqualTo(CimValue.bool(false));
        assertThat(c.qualifier("Int").orElseThrow().value()).isEqualTo(CimValue.sint32(-7));
        assertThat(c.qualifier("Big").orElseThrow().value()).isEqualTo(CimValue.sint64(5_000_000_000L));
        assertThat(c.qualifier("Real").orElseThrow().value()).isEqualTo(CimValue.real64(2.5));
        assertThat(c.qualifier("Text").orElseThrow().value()).isEqualTo(CimValue.string("abc"));
        assertThat(c.qualifier("Char").orElseThrow().value()).isEqualTo(CimValue.char16('x'));
        assertThat(c.qualifier("Strings").orElseThrow().value()).isEqualTo(CimValue.stringArray(List.of("0", "1")));
        assertThat(c.qualifier("Ints").orElseThrow().value()).isEqualTo(CimValue.of(CimType.SINT32_ARRAY, List.of(1, 2)));
        assertThat(c.qualifier("Mixed").orElseThrow().value()).isEqualTo(CimValue.of(CimType.REAL64_ARRAY, List.of(1.0, 2.5)));
        assertThat(c.qualifier("Empty").orElseThrow().value()).isEqualTo(CimValue.stringArray(List.of()));
    }

    @Test
    void readsQualifierFlavorsAfterAColon() {
        WmiClass c = parseClass("""
                class F {
                    [key : ToSubclass DisableOverride, Description("d") : Amended Translatable,
                     Secret : Restricted NotToInstance, Open : enableoverride toinstance]
                    string P;
                };
                """);
        PropertyDefinition p = c.property("P").orElseThrow();

        assertThat(p.qualifier("key").orElseThrow().flavors())
                .containsExactlyInAnyOrder(QualifierFlavor.TO_SUBCLASS, QualifierFlavor.DISABLE_OVERRIDE);
        assertThat(p.qualifier("Description").orElseThrow().flavors())
                .containsExactlyInAnyOrder(QualifierFlavor.AMENDED, QualifierFlavor.TRANSLATABLE);
        assertThat(p.qualifier("Secret").orElseThrow().flavors())
                .containsExactlyInAnyOrder(QualifierFlavor.RESTRICTED, QualifierFlavor.NOT_TO_INSTANCE);
        assertThat(p.qualifier("Open").orElseThrow().flavors())
                .containsExactlyInAnyOrder(QualifierFlavor.ENABLE_OVERRIDE, QualifierFlavor.TO_INSTANCE);
        assertThat(p.isKey()).isTrue();
    }

    @Test
    void readsPropertiesOfEveryScalarTypeAndTheirArrays() {
        StringBuilder mof = new StringBuilder("class AllTypes {\n");
        String[] names = {"sint8", "uint8", "sint16", "uint16", "sint32", "uint32", "sint64", "uint64", "real32",
                "real64", "boolean", "string", "datetime", "char16"};
        for (String n : names) {
            mof.append("  ").append(n).append(" P_").append(n).append(";\n");
            mof.append("  ").append(n).append(" A_").append(n).append("[];\n");
        }
        WmiClass c = parseClass(mof.append("};").toString());

        for (String n : names) {
            CimType t = CimType.fromMofName(n).orElseThrow();
            assertThat(c.property("P_" + n).orElseThrow().type()).isEqualTo(t);
            assertThat(c.property("A_" + n).orElseThrow().type()).isEqualTo(t.arrayType());
        }
    }

    @Test
    void keepsTheSizeOfAFixedSizeArrayAsTheMaxQualifier() {
        WmiClass c = parseClass("class B { uint8 Data[16]; [MAX(4)] uint8 Other[8]; };");

        PropertyDefinition data = c.property("Data").orElseThrow();
        assertThat(data.type()).isEqualTo(CimType.UINT8_ARRAY);
        assertThat(data.qualifiers()).containsExactly(Qualifier.of("MAX", CimValue.sint32(16)));
        assertThat(c.property("Other").orElseThrow().qualifiers()).containsExactly(Qualifier.of("MAX", CimValue.sint32(4)));
    }

    @Test
    void readsDefaultValuesTypedByTheProperty() {
        WmiClass c = parseClass("""
                class D {
                    uint32 Count = 5;
                    sint8 Low = -128;
                    uint64 Huge = 18446744073709551615;
                    real32 Ratio = 0.5;
                    real64 Whole = 3;
                    string Name = "x";
                    string Numeric = 23;
                    boolean On = TRUE;
                    char16 Letter = 'q';
                    uint16 List[] = {1, 2, 0x10};
                    string Names[] = {"a", "b"};
                    string Nothing = NULL;
                    string NoList[] = NULL;
                    object ref Target = "SMS_Site.SiteCode=\\"XYZ\\"";
                };
                """);

        assertThat(c.property("Count").orElseThrow().defaultValue()).isEqualTo(CimValue.uint32(5));
        assertThat(c.property("Low").orElseThrow().defaultValue()).isEqualTo(CimValue.sint8((byte) -128));
        assertThat(c.property("Huge").orElseThrow().defaultValue().asBigInteger()).hasToString("18446744073709551615");
        assertThat(c.property("Ratio").orElseThrow().defaultValue()).isEqualTo(CimValue.real32(0.5f));
        assertThat(c.property("Whole").orElseThrow().defaultValue()).isEqualTo(CimValue.real64(3.0));
        assertThat(c.property("Name").orElseThrow().defaultValue()).isEqualTo(CimValue.string("x"));
        assertThat(c.property("Numeric").orElseThrow().defaultValue()).isEqualTo(CimValue.string("23"));
        assertThat(c.property("On").orElseThrow().defaultValue()).isEqualTo(CimValue.bool(true));
        assertThat(c.property("Letter").orElseThrow().defaultValue()).isEqualTo(CimValue.char16('q'));
        assertThat(c.property("List").orElseThrow().defaultValue())
                .isEqualTo(CimValue.of(CimType.UINT16_ARRAY, List.of(1, 2, 16)));
        assertThat(c.property("Names").orElseThrow().defaultValue()).isEqualTo(CimValue.stringArray(List.of("a", "b")));
        assertThat(c.property("Nothing").orElseThrow().defaultValue()).isNull();
        assertThat(c.property("NoList").orElseThrow().defaultValue()).isNull();
        assertThat(c.property("Target").orElseThrow().defaultValue().asString()).isEqualTo("SMS_Site.SiteCode=\"XYZ\"");
    }

    @Test
    void readsReferencesTypedAndUntyped() {
        WmiClass c = parseClass("""
                [Association] class SMS_CIRelation {
                    [key] SMS_ConfigurationItem ref FromCI;
                    object ref Anything;
                    SMS_Site REF Sites[];
                    [CIMTYPE("ref:SMS_Package")] object ref Package;
                };
                """);

        PropertyDefinition from = c.property("FromCI").orElseThrow();
        assertThat(from.type()).isEqualTo(CimType.REFERENCE);
        assertThat(from.referencedClass()).contains("SMS_ConfigurationItem");
        assertThat(from.cimTypeName()).isEqualTo("ref:SMS_ConfigurationItem");
        assertThat(c.property("Anything").orElseThrow().referencedClass()).isEmpty();
        assertThat(c.property("Sites").orElseThrow().type()).isEqualTo(CimType.REFERENCE_ARRAY);
        assertThat(c.property("Package").orElseThrow().referencedClass()).contains("SMS_Package");
    }

    @Test
    void readsEmbeddedObjectsByClassNameOrObjectKeyword() {
        WmiClass c = parseClass("""
                class SMS_SCI_Component {
                    SMS_EmbeddedProperty Props[];
                    SMS_EmbeddedPropertyList PropLists[];
                    object Anything;
                    [CIMTYPE("object:SMS_EmbeddedProperty")] object Typed;
                    [CIMTYPE("string")] object NotAnObjectType;
                };
                """);

        PropertyDefinition props = c.property("Props").orElseThrow();
        assertThat(props.type()).isEqualTo(CimType.OBJECT_ARRAY);
        assertThat(props.referencedClass()).contains("SMS_EmbeddedProperty");
        assertThat(props.cimTypeName()).isEqualTo("object:SMS_EmbeddedProperty");
        assertThat(c.property("Anything").orElseThrow().type()).isEqualTo(CimType.OBJECT);
        assertThat(c.property("Anything").orElseThrow().referencedClass()).isEmpty();
        assertThat(c.property("Typed").orElseThrow().referencedClass()).contains("SMS_EmbeddedProperty");
        assertThat(c.property("NotAnObjectType").orElseThrow().referencedClass()).isEmpty();
    }

    @Test
    void aPropertyMayBeNamedLikeAKeyword() {
        WmiClass c = parseClass("class K { string class; uint32 instance; Foo ref; object of; };");

        assertThat(c.properties()).extracting(PropertyDefinition::name).containsExactly("class", "instance", "ref", "of");
        assertThat(c.property("class").orElseThrow().type()).isEqualTo(CimType.STRING);
        PropertyDefinition ref = c.property("ref").orElseThrow();
        assertThat(ref.type()).isEqualTo(CimType.OBJECT);
        assertThat(ref.referencedClass()).contains("Foo");
    }

    @Test
    void readsMethodsWithDirectionsArraysReferencesAndVoid() {
        WmiClass c = parseClass("""
                class SMS_SoftwareUpdate {
                    [static] uint32 SyncNow([in] boolean fullSync);
                    [static] uint32 GetHandles([in] string Names[], [out] string Handle, [in, out] uint8 Buffer[4]);
                    void Touch();
                    sint32 Link([in] SMS_Site ref Site, [in] SMS_EmbeddedProperty Props[], [out] object ref Result);
                    object ref Find([in] string Key);
                    SMS_Thing Make();
                };
                """);

        MethodDefinition sync = c.method("SyncNow").orElseThrow();
        assertThat(sync.isStatic()).isTrue();
        assertThat(sync.returns()).contains(CimType.UINT32);
        assertThat(sync.parameters()).containsExactly(new ParameterDefinition("fullSync", CimType.BOOLEAN, null,
                List.of(Qualifier.flag("in"))));

        MethodDefinition handles = c.method("GetHandles").orElseThrow();
        assertThat(handles.parameter("Names").orElseThrow().type()).isEqualTo(CimType.STRING_ARRAY);
        assertThat(handles.inParameters()).extracting(ParameterDefinition::name).containsExactly("Names", "Buffer");
        assertThat(handles.outParameters()).extracting(ParameterDefinition::name).containsExactly("Handle", "Buffer");
        assertThat(handles.parameter("Buffer").orElseThrow().qualifier("MAX").orElseThrow().value())
                .isEqualTo(CimValue.sint32(4));

        assertThat(c.method("Touch").orElseThrow().returns()).isEmpty();
        assertThat(c.method("Touch").orElseThrow().parameters()).isEmpty();

        MethodDefinition link = c.method("Link").orElseThrow();
        assertThat(link.parameter("Site").orElseThrow().type()).isEqualTo(CimType.REFERENCE);
        assertThat(link.parameter("Site").orElseThrow().referencedClass()).contains("SMS_Site");
        assertThat(link.parameter("Props").orElseThrow().type()).isEqualTo(CimType.OBJECT_ARRAY);
        assertThat(link.parameter("Props").orElseThrow().referencedClass()).contains("SMS_EmbeddedProperty");
        assertThat(link.parameter("Result").orElseThrow().type()).isEqualTo(CimType.REFERENCE);

        assertThat(c.method("Find").orElseThrow().returns()).contains(CimType.REFERENCE);
        assertThat(c.method("Make").orElseThrow().returns()).contains(CimType.OBJECT);
    }

    @Test
    void readsTheDerivationListForm() {
        WmiClass c = parseClass("class Win32_Process : CIM_Process CIM_LogicalElement CIM_ManagedSystemElement { };");

        assertThat(c.superclassName()).contains("CIM_Process");
        assertThat(c.derivation()).containsExactly("CIM_Process", "CIM_LogicalElement", "CIM_ManagedSystemElement");
        assertThat(c.isA("CIM_LogicalElement")).isTrue();
    }

    @Test
    void resolvesClassesAgainstSuperclassesDeclaredInTheDocument() {
        MofDocument doc = MofParser.parse("h.mof", """
                [abstract] class Base { [key] string Id; uint32 Size = 1; };
                class Middle : Base { string Extra; };
                class Leaf : Middle { uint32 Size = 7; };
                class Orphan : Missing { string X; };
                """);

        WmiClass leaf = doc.resolvedClass("leaf").orElseThrow();
        assertThat(leaf.derivation()).containsExactly("Middle", "Base");
        assertThat(leaf.properties()).extracting(PropertyDefinition::name).containsExactly("Id", "Size", "Extra");
        assertThat(leaf.property("Size").orElseThrow().defaultValue()).isEqualTo(CimValue.uint32(7));
        assertThat(leaf.keys()).extracting(PropertyDefinition::name).containsExactly("Id");
        assertThat(doc.classNamed("Leaf").orElseThrow().properties()).hasSize(1);
        assertThat(doc.resolvedClass("Orphan")).isEmpty();
        assertThat(doc.resolvedClass("Nope")).isEmpty();
    }

    @Test
    void aLaterDeclarationOfAClassReplacesTheEarlierForLookups() {
        MofDocument doc = MofParser.parse("twice.mof", "class A { string X; }; class a { uint32 Y; };");

        assertThat(doc.classes()).hasSize(2);
        assertThat(doc.classNamed("A").orElseThrow().properties()).extracting(PropertyDefinition::name)
                .containsExactly("Y");
    }

    @Test
    void keepsPragmasAsDataInSourceOrder() {
        MofDocument doc = MofParser.parse("p.mof", """
                #pragma namespace("\\\\\\\\.\\\\root\\\\SMS")
                #PRAGMA classflags("forceupdate")
                #pragma autorecover
                #pragma deleteinstance("X.Name=\\"a\\"", FAIL)
                #pragma include ("other" ".mof")
                #pragma empty()
                class A { };
                """);

        assertThat(doc.pragmas()).containsExactly(
                new Pragma("namespace", List.of("\\\\.\\root\\SMS")),
                new Pragma("classflags", List.of("forceupdate")),
                new Pragma("autorecover", List.of()),
                new Pragma("deleteinstance", List.of("X.Name=\"a\"", "FAIL")),
                new Pragma("include", List.of("other.mof")),
                new Pragma("empty", List.of()));
        assertThat(doc.pragmas().get(1).is("CLASSFLAGS")).isTrue();
        assertThat(doc.pragmas().get(2).argument()).isEmpty();
        assertThat(doc.declarations()).hasSize(7);
        assertThat(doc.declarations().get(6)).isInstanceOf(WmiClass.class);
    }

    @Test
    void readsQualifierDeclarations() {
        MofDocument doc = MofParser.parse("q.mof", """
                qualifier Description : string = NULL, scope(any), flavor(Translatable, ToSubclass);
                Qualifier Key : boolean = false, Scope(property, reference), Flavor(DisableOverride);
                qualifier ValueMap : string[], scope(property, method, parameter);
                qualifier Weight : uint32 = 7;
                """);

        assertThat(doc.qualifierDeclarations()).containsExactly(
                new QualifierDeclaration("Description", CimType.STRING, null, List.of("any"),
                        Set.of(QualifierFlavor.TRANSLATABLE, QualifierFlavor.TO_SUBCLASS)),
                new QualifierDeclaration("Key", CimType.BOOLEAN, CimValue.bool(false), List.of("property", "reference"),
                        Set.of(QualifierFlavor.DISABLE_OVERRIDE)),
                new QualifierDeclaration("ValueMap", CimType.STRING_ARRAY, null, List.of("property", "method", "parameter"),
                        Set.of()),
                new QualifierDeclaration("Weight", CimType.UINT32, CimValue.uint32(7), List.of(), Set.of()));
    }

    @Test
    void skipsBothCommentStylesAnywhere() {
        WmiClass c = parseClass("""
                // leading comment
                /* block
                   comment */ class /* inside */ C // trailing
                { string /* between */ P; /* ** not nested ** */ };
                // final comment without newline""");

        assertThat(c.properties()).extracting(PropertyDefinition::name).containsExactly("P");
    }

    @Test
    void anEmptyDocumentHasNothing() {
        MofDocument doc = MofParser.parse("empty.mof", "\uFEFF  // nothing here\n");

        assertThat(doc.classes()).isEmpty();
        assertThat(doc.instances()).isEmpty();
        assertThat(doc.pragmas()).isEmpty();
        assertThat(doc.sourceName()).contains("empty.mof");
        assertThat(doc).hasToString("MofDocument[empty.mof: 0 classes, 0 instances, 0 pragmas]");
    }
}
