package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link MofPrinter} prints, {@link MofParser} reads back to an equal definition. */
class MofRoundTripTest {

    private static final String EVERYTHING = """
            [abstract, Description("Quotes \\" backslash \\\\ tab \\t newline \\n cr \\r ff \\f bs \\b del \\x007F"
                                   " nul \\x0000 unicode \\x00e9\\x65E5 \\x263A") : Amended ToSubclass,
             Version(-3), Big(5000000000), Ratio(0.1), Tiny(1.0E-300), Flags{TRUE, FALSE}, Letters{'a', '\\''},
             Empty{}, Restricted : Restricted DisableOverride ToInstance Translatable]
            class Everything : Middle Base Root
            {
                [key, MaxLen(256)] string Id;
                sint8 S8 = -128;
                uint8 U8 = 255;
                sint16 S16 = -32768;
                uint16 U16 = 65535;
                sint32 S32 = -2147483648;
                uint32 U32 = 4294967295;
                sint64 S64 = -9223372036854775808;
                uint64 U64 = 18446744073709551615;
                real32 R32 = 3.4028235E38;
                real32 R32b = -1.0E-45;
                real64 R64 = 4.9E-324;
                real64 Zero = -0.0;
                boolean B = TRUE;
                char16 C = '\\\\';
                char16 Q = '"';
                string Text = "a\\"b'c";
                string Names[] = {"x", "", "y z"};
                uint16 Ports[] = {80, 443};
                real32 Reals[] = {1.5, -2};
                char16 Chars[] = {'\\n'};
                uint8 Fixed[16];
                SMS_Site ref Site = "SMS_Site.SiteCode=\\"XYZ\\"";
                object ref AnyRef;
                SMS_Site ref Sites[];
                SMS_EmbeddedProperty Prop = instance of SMS_EmbeddedProperty { PropertyName = "p"; Value = 1; };
                SMS_EmbeddedProperty Props[] = {instance of SMS_EmbeddedProperty { PropertyName = "a"; },
                                                instance of SMS_EmbeddedProperty { Value = 2; }};
                object Anything;
                object Objects[];
                [CIMTYPE("object:Foo")] object Foo;
                datetime When;
                [static, ValueMap{"0", ".."}] uint32 SyncNow([in] boolean fullSync, [out, ID(1)] string Handles[]);
                void Touch();
                object ref Find([in] SMS_Site ref Site, [in] SMS_EmbeddedProperty Props[4], [out] object Result);
                SMS_Thing Make();
            };
            """;

    private static WmiClass reparse(WmiClass c) {
        String mof = MofPrinter.printWithDerivation(c);
        MofDocument doc = MofParser.parse("printed.mof", mof);
        assertThat(doc.classes()).as(mof).hasSize(1);
        return doc.classes().get(0);
    }

    @Test
    void everyFeatureOfAClassSurvivesPrintAndParse() {
        WmiClass original = MofParser.parse("everything.mof", EVERYTHING).classes().get(0);

        WmiClass again = reparse(original);

        assertThat(again).isEqualTo(original);
        assertThat(again.properties()).isEqualTo(original.properties());
        assertThat(again.methods()).isEqualTo(original.methods());
        assertThat(again.qualifiers()).isEqualTo(original.qualifiers());
        assertThat(reparse(again)).isEqualTo(original);
    }

    @Test
    void theParsedClassHasTheValuesTheTextSays() {
        WmiClass c = MofParser.parse("everything.mof", EVERYTHING).classes().get(0);

        assertThat(c.qualifier("Description").orElseThrow().value().asString())
                .isEqualTo("Quotes \" backslash \\ tab \t newline \n cr \r ff \f bs \b del \u007F nul \u0000"
                        + " unicode \u00e9\u65E5 \u263A");
        assertThat(c.property("R32").orElseThrow().defaultValue()).isEqualTo(CimValue.real32(Float.MAX_VALUE));
        assertThat(c.property("R32b").orElseThrow().defaultValue()).isEqualTo(CimValue.real32(-Float.MIN_VALUE));
        assertThat(c.property("R64").orElseThrow().defaultValue()).isEqualTo(CimValue.real64(Double.MIN_VALUE));
        assertThat(c.property("C").orElseThrow().defaultValue()).isEqualTo(CimValue.char16('\\'));
        assertThat(c.property("Text").orElseThrow().defaultValue()).isEqualTo(CimValue.string("a\"b'c"));
        assertThat(c.property("Reals").orElseThrow().defaultValue())
                .isEqualTo(CimValue.of(CimType.REAL32_ARRAY, List.of(1.5f, -2f)));
        WmiObject prop = c.property("Prop").orElseThrow().defaultValue().asObject();
        assertThat(prop.get("Value")).contains(CimValue.sint64(1));
        assertThat(c.property("Props").orElseThrow().defaultValue().asObjectList()).hasSize(2);
    }

    @Test
    void printsTheDerivationListAndKeywordReturnTypes() {
        WmiClass c = MofParser.parse("everything.mof", EVERYTHING).classes().get(0);
        String mof = MofPrinter.printWithDerivation(c);

        assertThat(mof).contains("class Everything : Middle Base Root\n");
        assertThat(MofPrinter.print(c)).startsWith("// derivation: Middle : Base : Root\n")
                .contains("\nclass Everything : Middle\n");
        assertThat(mof).contains("    object ref Find([in] SMS_Site ref Site, [in, MAX(4)] SMS_EmbeddedProperty Props[],"
                + " [out] object Result);\n");
        assertThat(mof).contains("    object Make();\n");
        assertThat(mof).contains("    SMS_EmbeddedProperty Prop = instance of SMS_EmbeddedProperty\n    {\n");
        assertThat(MofPrinter.print(WmiClass.builder("A").superclass("B").build())).startsWith("class A : B\n{");
        assertThat(MofPrinter.print(new MethodDefinition("Get", CimType.REFERENCE, List.of(), List.of())))
                .isEqualTo("object ref Get();");
    }

    @Test
    void aClassResolvedAgainstItsSuperclassesPrintsItsOwnDeclarations() {
        MofDocument doc = MofParser.parse("h.mof", """
                class Base { [key] string Id; };
                class Middle : Base { string M; };
                class Leaf : Middle { uint32 L = 1; };
                """);
        WmiClass resolved = doc.resolvedClass("Leaf").orElseThrow();

        String mof = MofPrinter.printWithDerivation(resolved);
        assertThat(MofPrinter.print(resolved)).as("standard MOF names only the superclass").isEqualTo("""
                // derivation: Middle : Base
                class Leaf : Middle
                {
                    uint32 L = 1;
                };
                """);

        assertThat(mof).isEqualTo("""
                class Leaf : Middle Base
                {
                    uint32 L = 1;
                };
                """);
        WmiClass again = reparse(resolved);
        assertThat(again.declaredProperties()).isEqualTo(resolved.declaredProperties());
        assertThat(again.derivation()).isEqualTo(resolved.derivation());
    }

    @Test
    void instancesSurvivePrintAndParseAgainstTheirClass() {
        String classes = """
                class SMS_EmbeddedProperty { string PropertyName; uint32 Value; string Value1; };
                class SMS_SCI_Component {
                    [key] string SiteCode;
                    [key] string ItemName;
                    SMS_EmbeddedProperty Props[];
                    real64 Ratio;
                    char16 Sep;
                    sint64 Offsets[];
                };
                """;
        MofDocument doc = MofParser.parse("sci.mof", classes + """
                instance of SMS_SCI_Component
                {
                    SiteCode = "XYZ";
                    ItemName = "SMS_WSUS_SYNC_MANAGER|SERVER\\\\share";
                    Props = {
                        instance of SMS_EmbeddedProperty { PropertyName = "Sync Now"; Value = 1; },
                        instance of SMS_EmbeddedProperty { PropertyName = "Text\\n"; Value1 = "\\x0001"; }
                    };
                    Ratio = 0.30000000000000004;
                    Sep = '\\t';
                    Offsets = {-1, 0, 9223372036854775807};
                };
                """);
        WmiObject original = doc.instances().get(0);

        String printed = MofPrinter.print(original);
        WmiObject again = MofParser.parse("printed.mof", classes + printed).instances().get(0);

        assertThat(again).as(printed).isEqualTo(original);
        assertThat(again.get("Props").orElseThrow().asObjectList().get(1).getString("Value1")).isEqualTo("\u0001");
    }

    @Test
    void qualifierFlavorsPrintInTheirMofSpelling() {
        WmiClass c = MofParser.parse("f.mof", "[Description(\"d\") : amended tosubclass] class F {};").classes().get(0);

        assertThat(MofPrinter.print(c)).startsWith("[Description(\"d\") : ToSubclass Amended]\nclass F");
        assertThat(reparse(c).qualifiers()).containsExactly(c.qualifiers().get(0));
        assertThat(c.qualifiers().get(0)).isNotEqualTo(Qualifier.of("Description", CimValue.string("d")));
    }
}
