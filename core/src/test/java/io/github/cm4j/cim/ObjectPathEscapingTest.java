package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectPathEscapingTest {

    static Stream<Arguments> valuesAndTheirFormattedPaths() {
        return Stream.of(
                Arguments.of("", "C.K=\"\""),
                Arguments.of("say \"hi\"", "C.K=\"say \\\"hi\\\"\""),
                Arguments.of("C:\\", "C.K=\"C:\\\\\""),
                Arguments.of("\\\\", "C.K=\"\\\\\\\\\""),
                Arguments.of("\\\"", "C.K=\"\\\\\\\"\""),
                Arguments.of("SMS_WSUS_SYNC_MANAGER|SERVER", "C.K=\"SMS_WSUS_SYNC_MANAGER|SERVER\""),
                Arguments.of("a=b,c=d", "C.K=\"a=b,c=d\""),
                Arguments.of("root\\sms:SMS_X.K=1", "C.K=\"root\\\\sms:SMS_X.K=1\""),
                Arguments.of("it's", "C.K=\"it's\""),
                Arguments.of("=@", "C.K=\"=@\""),
                Arguments.of("%20 stays %20", "C.K=\"%20 stays %20\""),
                Arguments.of("Überprüfung ✓ 日本語 \uD83D\uDE00", "C.K=\"Überprüfung ✓ 日本語 \uD83D\uDE00\""),
                Arguments.of("tab\tnewline\nnul\u0000", "C.K=\"tab\tnewline\nnul\u0000\""),
                Arguments.of(" leading and trailing ", "C.K=\" leading and trailing \""));
    }

    @ParameterizedTest
    @MethodSource("valuesAndTheirFormattedPaths")
    void escapesQuotesAndBackslashesOnlyAndReadsTheValueBack(String value, String formatted) {
        ObjectPath path = ObjectPath.of("C", Map.of("K", value));

        assertThat(path.toString()).isEqualTo(formatted);
        ObjectPath reparsed = ObjectPath.parse(formatted);
        assertThat(reparsed.key("K")).hasValue(value);
        assertThat(reparsed).isEqualTo(path);
    }

    @Test
    void readsSingleQuotedStringsLiterallyIncludingBackslashesAndDoubleQuotes() {
        // As in the ConfigMgr SDK sample for SMS_SCI_SysResUse (how-to-configure-the-software-update-point):
        // the NAL path is written with raw backslashes between single quotes.
        ObjectPath p = ObjectPath.parse("SMS_SCI_SysResUse.FileType=2,"
                + "ItemName='[\"Display=\\\\SERVER\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\SERVER\\,SMS Software Update Point',"
                + "ItemType='System Resource Usage',SiteCode='PS1'");

        assertThat(p.key("ItemName"))
                .hasValue("[\"Display=\\\\SERVER\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\SERVER\\,SMS Software Update Point");
        // Formatting always uses double quotes with escapes, and reads back to the same value.
        assertThat(p.toString()).contains(
                "ItemName=\"[\\\"Display=\\\\\\\\SERVER\\\\\\\"]MSWNET:[\\\"SMS_SITE=PS1\\\"]\\\\\\\\SERVER\\\\,");
        assertThat(ObjectPath.parse(p.toString())).isEqualTo(p);
    }

    @Test
    void keepsSyntaxCharactersInsideQuotesAsData() {
        ObjectPath p = ObjectPath.parse("C.A=\",\",B='.',C=\"=\",D=':',E=\"\\\\\\\\x\\\\y:Z.k=1\"");

        assertThat(p.keys()).containsExactly(Map.entry("A", ","), Map.entry("B", "."), Map.entry("C", "="),
                Map.entry("D", ":"), Map.entry("E", "\\\\x\\y:Z.k=1"));
    }

    @Test
    void readsAnEmptySingleQuotedString() {
        assertThat(ObjectPath.parse("C.K=''").key("K")).hasValue("");
        assertThat(ObjectPath.parse("C.K=''").toString()).isEqualTo("C.K=\"\"");
    }

    @Test
    void writesAReferenceValueGivenAsAnObjectPathAsAnEscapedString() {
        ObjectPath target = ObjectPath.parse("\\\\SERVER\\root\\cimv2:Win32_Service.Name=\"WinRM\"");

        ObjectPath association = ObjectPath.ofClass("Win32_SystemServices").withKey("PartComponent", target);

        assertThat(association.toString()).isEqualTo("Win32_SystemServices.PartComponent="
                + "\"\\\\\\\\SERVER\\\\root\\\\cimv2:Win32_Service.Name=\\\"WinRM\\\"\"");
        assertThat(ObjectPath.parse((String) association.key("PartComponent").orElseThrow())).isEqualTo(target);
    }
}
