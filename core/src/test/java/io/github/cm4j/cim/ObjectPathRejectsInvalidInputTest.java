package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.cm4j.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectPathRejectsInvalidInputTest {

    @ParameterizedTest(name = "[{index}] {0} -> offset {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                            | 0  | empty object path",
        "\\root:C                      | 1  | a full path starts with two separators and a server name",
        "\\\\                          | 2  | the end of the input where a server name ('.' or a host name) is expected",
        "\\\\\\root:C                  | 2  | '\\' where a server name",
        "\\\\server                    | 8  | expected '\\' and a namespace after the server name but found the end of the input",
        "\\\\server:C                  | 8  | expected '\\' and a namespace after the server name but found ':'",
        "\\\\[abc\\root:C              | 2  | unterminated or invalid bracketed server name",
        "\\\\server\\root              | 13 | expected ':' and a class name after the namespace but found the end of the input",
        "\\\\server\\:C                | 9  | expected a namespace name (letters, digits, '_') but found ':'",
        "root\\\\sms:C                 | 5  | expected a namespace name",
        "root\\sms:                    | 9  | expected a class name (a letter or '_', then letters, digits or '_') but found the end of the input",
        "1C.K=1                        | 0  | expected a class name",
        "C K=1                         | 1  | expected '.', '=' or the end of the path after the class name but found ' '",
        "C.                            | 2  | expected a key name",
        "C.K                           | 3  | expected '=' after key name 'K' but found the end of the input",
        "C.K = 1                       | 3  | expected '=' after key name 'K' but found ' '",
        "C.K=                          | 4  | expected a value for key 'K' but the input ends",
        "C.K=1,                        | 6  | expected a key name",
        "C.K=1;                        | 5  | expected ',' or the end of the path after the value of key 'K' but found ';'",
        "C.K=1,k=2                     | 6  | duplicate key 'k' (key names are case-insensitive)",
        "C.K=\"abc                     | 4  | unterminated string: no closing '\"' for the quote opened here",
        "C.K=\"abc\\\"                 | 4  | unterminated string",
        "C.K=\"abc\\                   | 4  | unterminated string",
        "C.K='abc                      | 4  | unterminated string: no closing \"'\" for the quote opened here",
        "C.K=\"a\\nb\"                 | 6  | unsupported escape '\\' followed by 'n' in a double-quoted string",
        "C.K=maybe                     | 4  | expected a value (a quoted string, an integer, TRUE or FALSE) for key 'K' but found 'maybe'",
        "C.K=TRUE1                     | 4  | expected a value (a quoted string, an integer, TRUE or FALSE) for key 'K' but found 'TRUE1'",
        "C.K=@                         | 4  | '@' is only allowed as the whole key part of a singleton path",
        "C.K=+1                        | 4  | expected a value (a quoted string, an integer, TRUE or FALSE) for key 'K' but found '+'",
        "C=@x                          | 3  | unexpected 'x' after '=@'",
        "C=1,K=2                       | 3  | unexpected ',' after the unnamed key value",
        "C.K=18446744073709551616      | 4  | integer 18446744073709551616 out of range -9223372036854775808..18446744073709551615",
        "C.K=-9223372036854775809      | 4  | integer -9223372036854775809 out of range",
        "C.K=0x10000000000000000       | 4  | integer 0x10000000000000000 out of range",
        "C.K=0x                        | 6  | expected hexadecimal digits after '0x'",
        "C.K=-0x1                      | 6  | expected ',' or the end of the path",
        "C.K=-                         | 5  | expected digits after '-' but found the end of the input",
        "C.K=12abc                     | 6  | expected ',' or the end of the path after the value of key 'K' but found 'a'",
        "C.K=1.5                       | 5  | expected ',' or the end of the path",
        "C.K=\"v\"x                    | 7  | expected ',' or the end of the path",
    })
    void reportsTheProblemAtTheOffendingCharacter(String input, int offset, String problem) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> ObjectPath.parse(input));

        assertThat(e).as("ParseException for %s", input).isNotNull();
        assertThat(e.what()).isEqualTo("object path");
        assertThat(e.problem()).startsWith(problem);
        assertThat(e.offset()).isEqualTo(offset);
    }

    @Test
    void reportsNullInputAsAParseException() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> ObjectPath.parse(null));

        assertThat(e.problem()).isEqualTo("input is null");
        assertThat(e.offset()).isZero();
    }

    @Test
    void showsControlCharactersInMessagesAsCodePoints() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> ObjectPath.parse("C.K=1\u0000"));

        assertThat(e.problem()).endsWith("but found U+0000");
    }

    @Test
    void abbreviatesHugeLiteralsInMessages() {
        String digits = "9".repeat(100_000);
        ParseException e = catchThrowableOfType(ParseException.class, () -> ObjectPath.parse("C.K=" + digits));

        assertThat(e.problem()).hasSizeLessThan(300).contains("(100000 characters)");
    }
}
