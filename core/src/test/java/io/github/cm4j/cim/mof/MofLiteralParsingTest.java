package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ParseException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every literal form of MOF, through {@link MofParser#parseValue(CimType, String)} and in files. */
class MofLiteralParsingTest {

    private static CimValue value(CimType type, String text) {
        return MofParser.parseValue(type, text).orElseThrow();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "0           | 0",
        "42          | 42",
        "-42         | -42",
        "+42         | 42",
        "0x2A        | 42",
        "0X2a        | 42",
        "-0x2A       | -42",
        "052         | 42",
        "-052        | -42",
        "101010b     | 42",
        "101010B     | 42",
        "-101010b    | -42",
        "0b          | 0",
        "00          | 0",
        "9223372036854775807  | 9223372036854775807",
        "-9223372036854775808 | -9223372036854775808",
    })
    void readsIntegersInEveryBase(String literal, String expected) {
        assertThat(value(CimType.SINT64, literal).asBigInteger()).isEqualTo(new BigInteger(expected));
    }

    @Test
    void checksIntegerRangesPerType() {
        assertThat(value(CimType.SINT8, "-128")).isEqualTo(CimValue.sint8((byte) -128));
        assertThat(value(CimType.UINT8, "255")).isEqualTo(CimValue.uint8(255));
        assertThat(value(CimType.SINT16, "-32768")).isEqualTo(CimValue.sint16((short) -32768));
        assertThat(value(CimType.UINT16, "0xFFFF")).isEqualTo(CimValue.uint16(65535));
        assertThat(value(CimType.SINT32, "-2147483648")).isEqualTo(CimValue.sint32(Integer.MIN_VALUE));
        assertThat(value(CimType.UINT32, "4294967295")).isEqualTo(CimValue.uint32(4294967295L));
        assertThat(value(CimType.UINT64, "0xFFFFFFFFFFFFFFFF")).isEqualTo(CimValue.uint64Bits(-1L));

        assertThatThrownBy(() -> value(CimType.SINT8, "128")).isInstanceOf(ParseException.class)
                .hasMessage("MOF value: value 128 of the value is out of the sint8 range -128..127 at line 1, column 1");
        assertThatThrownBy(() -> value(CimType.UINT32, "-1")).isInstanceOf(ParseException.class)
                .hasMessageContaining("out of the uint32 range 0..4294967295");
        assertThatThrownBy(() -> value(CimType.UINT64, "18446744073709551616")).isInstanceOf(ParseException.class)
                .hasMessageContaining("out of the uint64 range");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "1.5         | 1.5",
        "-1.5        | -1.5",
        "+.5         | 0.5",
        ".25         | 0.25",
        "3.          | 3.0",
        "-1.2778E+02 | -127.78",
        "1.0E10      | 1.0E10",
        "2e-3        | 0.002",
        "7           | 7.0",
        "-0.0        | -0.0",
    })
    void readsRealsInEveryForm(String literal, double expected) {
        assertThat(value(CimType.REAL64, literal)).isEqualTo(CimValue.real64(expected));
    }

    @Test
    void readsReal32FromItsOwnText() {
        assertThat(value(CimType.REAL32, "0.1")).isEqualTo(CimValue.real32(0.1f));
        assertThat(value(CimType.REAL32, "3.4028235E38")).isEqualTo(CimValue.real32(Float.MAX_VALUE));
        assertThatThrownBy(() -> value(CimType.REAL32, "1e39")).isInstanceOf(ParseException.class)
                .hasMessageContaining("out of the real32 range");
        assertThatThrownBy(() -> value(CimType.REAL64, "1e999")).isInstanceOf(ParseException.class)
                .hasMessageContaining("out of the real64 range");
    }

    @Test
    void readsStringsWithEveryEscape() {
        assertThat(value(CimType.STRING, "\"a\\bb\\tc\\nd\\fe\\rf\\\"g\\'h\\\\i\"").asString())
                .isEqualTo("a\bb\tc\nd\fe\rf\"g'h\\i");
        assertThat(value(CimType.STRING, "\"\\x41\\X42\\x0043\\x7\"").asString()).isEqualTo("ABC\u0007");
        assertThat(value(CimType.STRING, "\"\\x00e9t\\x00E9\"").asString()).isEqualTo("\u00e9t\u00e9");
        assertThat(value(CimType.STRING, "\"\\x12345\"").asString()).isEqualTo("\u12345");
        assertThat(value(CimType.STRING, "\"\"").asString()).isEmpty();
        assertThat(value(CimType.STRING, "\"caf\u00e9 \u65e5\u672c\"").asString()).isEqualTo("caf\u00e9 \u65e5\u672c");
    }

    @Test
    void joinsAdjacentStringLiterals() {
        assertThat(value(CimType.STRING, "\"Win32API|Process \"  \"Status\"\n  \"|X\"").asString())
                .isEqualTo("Win32API|Process Status|X");
        assertThat(value(CimType.STRING_ARRAY, "{\"a\" \"b\", \"c\"}")).isEqualTo(CimValue.stringArray(List.of("ab", "c")));
    }

    @Test
    void readsCharLiterals() {
        assertThat(value(CimType.CHAR16, "'x'")).isEqualTo(CimValue.char16('x'));
        assertThat(value(CimType.CHAR16, "'\\''")).isEqualTo(CimValue.char16('\''));
        assertThat(value(CimType.CHAR16, "'\"'")).isEqualTo(CimValue.char16('"'));
        assertThat(value(CimType.CHAR16, "'\\n'")).isEqualTo(CimValue.char16('\n'));
        assertThat(value(CimType.CHAR16, "'\\x263A'")).isEqualTo(CimValue.char16('\u263A'));
        assertThat(value(CimType.CHAR16_ARRAY, "{'a', 'b'}")).isEqualTo(CimValue.of(CimType.CHAR16_ARRAY, List.of('a', 'b')));
    }

    @Test
    void readsBooleansAndNullInAnyCase() {
        assertThat(value(CimType.BOOLEAN, "TRUE")).isEqualTo(CimValue.bool(true));
        assertThat(value(CimType.BOOLEAN, "true")).isEqualTo(CimValue.bool(true));
        assertThat(value(CimType.BOOLEAN, "False")).isEqualTo(CimValue.bool(false));
        assertThat(MofParser.parseValue(CimType.STRING, "NULL")).isEmpty();
        assertThat(MofParser.parseValue(CimType.UINT32_ARRAY, "null")).isEqualTo(Optional.empty());
    }

    @Test
    void readsArraysReferencesAndEmbeddedInstances() {
        assertThat(value(CimType.UINT32_ARRAY, "{1, 0x2, 03}")).isEqualTo(CimValue.of(CimType.UINT32_ARRAY, List.of(1L, 2L, 3L)));
        assertThat(value(CimType.SINT32_ARRAY, "{ }")).isEqualTo(CimValue.of(CimType.SINT32_ARRAY, List.of()));
        assertThat(value(CimType.REFERENCE, "\"SMS_Site.SiteCode=\\\"XYZ\\\"\"").asString())
                .isEqualTo("SMS_Site.SiteCode=\"XYZ\"");
        assertThat(value(CimType.REFERENCE, "$Alias").asString()).isEqualTo("$Alias");
        WmiObject o = value(CimType.OBJECT, "instance of SMS_EmbeddedProperty { PropertyName = \"A\"; Value = 1; }").asObject();
        assertThat(o.className()).isEqualTo("SMS_EmbeddedProperty");
        assertThat(o.get("Value")).contains(CimValue.sint64(1));
    }

    @Test
    void aLiteralOfAnotherKindIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> value(CimType.BOOLEAN, "1")).isInstanceOf(ParseException.class)
                .hasMessage("MOF value: expected a boolean value for the value but found '1' at line 1, column 1");
        assertThatThrownBy(() -> value(CimType.UINT32, "1.5")).isInstanceOf(ParseException.class)
                .hasMessageContaining("expected a uint32 value for the value but found '1.5'");
        assertThatThrownBy(() -> value(CimType.CHAR16, "\"ab\"")).isInstanceOf(ParseException.class)
                .hasMessageContaining("expected a char16 value for the value but found string \"ab\"");
        assertThatThrownBy(() -> value(CimType.STRING, "{\"a\"}")).isInstanceOf(ParseException.class)
                .hasMessageContaining("expected a single string value for the value but found an array");
        assertThatThrownBy(() -> value(CimType.STRING, "\"a\" x")).isInstanceOf(ParseException.class)
                .hasMessage("MOF value: expected the end of the value but found 'x' at line 1, column 5");
    }

    @Test
    void rejectsMalformedNumbers() {
        assertThatThrownBy(() -> value(CimType.UINT32, "08")).isInstanceOf(ParseException.class)
                .hasMessage("MOF value: malformed number '08' (a leading 0 makes an octal number) at line 1, column 1");
        assertThatThrownBy(() -> value(CimType.UINT32, "12abc")).isInstanceOf(ParseException.class)
                .hasMessageContaining("malformed number '12abc'");
        assertThatThrownBy(() -> value(CimType.UINT32, "0x")).isInstanceOf(ParseException.class)
                .hasMessageContaining("malformed number '0x'");
        assertThatThrownBy(() -> value(CimType.UINT32, "102b")).isInstanceOf(ParseException.class)
                .hasMessageContaining("malformed number '102b'");
        assertThatThrownBy(() -> value(CimType.REAL64, "1.2.3")).isInstanceOf(ParseException.class)
                .hasMessageContaining("malformed number '1.2.3'");
    }
}
