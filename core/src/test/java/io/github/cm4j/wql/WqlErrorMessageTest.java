package io.github.cm4j.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.cm4j.ParseException;
import org.junit.jupiter.api.Test;

/** Parse errors name the offending token and what was expected, at the right line and column. */
class WqlErrorMessageTest {

    private static ParseException error(String wql) {
        Throwable thrown = catchThrowable(() -> Wql.parse(wql));
        assertThat(thrown).as("ParseException for %s", wql).isInstanceOf(ParseException.class);
        ParseException e = (ParseException) thrown;
        assertThat(e.what()).isEqualTo("WQL");
        return e;
    }

    private static void assertError(String wql, String problem, int line, int column) {
        ParseException e = error(wql);
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.getMessage()).isEqualTo("WQL: " + problem + " at line " + line + ", column " + column);
    }

    @Test
    void misspelledFromNamesTheTokenAndTheExpectedKeyword() {
        assertError("SELECT * FORM SMS_SoftwareUpdate", "expected FROM but found 'FORM'", 1, 10);
        assertError("SELECT CI_ID FORM SMS_SoftwareUpdate", "expected ',' or FROM but found 'FORM'", 1, 14);
        ParseException e = error("SELECT * FORM SMS_SoftwareUpdate");
        assertThat(e.offset()).isEqualTo(9);
        assertThat(e.caretSnippet()).isEqualTo("SELECT * FORM SMS_SoftwareUpdate\n         ^");
    }

    @Test
    void positionsCountLinesAndColumns() {
        assertError("SELECT *\nFROM SMS_SoftwareUpdate\nWHERE ArticleID = '832880", "unterminated string (missing closing ')",
                3, 19);
        assertError("SELECT *\r\nFROM X\r\n  WHERE A == 1", "expected a property name or a value after '=' but found '='",
                3, 12);
    }

    @Test
    void missingPartsSayWhatWasExpected() {
        assertError("", "expected SELECT but found end of input", 1, 1);
        assertError("SELECT", "expected a property name, '*' or COUNT(*) but found end of input", 1, 7);
        assertError("SELECT * FROM", "expected a class name but found end of input", 1, 14);
        assertError("SELECT * FROM WHERE", "expected a class name but found 'WHERE'", 1, 15);
        assertError("SELECT * FROM X AS", "expected an alias after AS but found end of input", 1, 19);
        assertError("SELECT * FROM X WHERE", "expected a property name, a value, NOT or '(' but found end of input", 1, 22);
        assertError("SELECT * FROM X WHERE A", "expected an operator (=, <>, !=, <, <=, >, >=, LIKE, NOT LIKE, IS, ISA,"
                + " IN, NOT IN) but found end of input", 1, 24);
        assertError("SELECT * FROM X WHERE (A = 1", "expected AND, OR or ')' but found end of input", 1, 29);
        assertError("SELECT * FROM X WHERE A IS 5", "expected NULL or NOT after IS but found '5'", 1, 28);
        assertError("SELECT * FROM X WHERE A LIKE 5", "expected a quoted pattern after LIKE but found '5'", 1, 30);
        assertError("SELECT * FROM X WHERE A NOT = 5", "expected LIKE or IN after NOT but found '='", 1, 29);
        assertError("SELECT * FROM X WHERE A IN (1 2)", "expected ',' or ')' but found '2'", 1, 31);
        assertError("SELECT * FROM X JOIN Y AS B", "expected ON but found end of input", 1, 28);
        assertError("SELECT * FROM X ORDER A", "expected BY after ORDER but found 'A'", 1, 23);
        assertError("SELECT * FROM X WHERE A = -'x'", "expected a number after '-' but found string 'x'", 1, 28);
    }

    @Test
    void trailingTokensListWhatCouldHaveFollowed() {
        assertError("SELECT * FROM SMS_SoftwareUpdate SU", "expected AS, JOIN, WHERE, ORDER BY or end of input but found"
                + " 'SU' (WQL needs AS before an alias)", 1, 34);
        assertError("SELECT * FROM X WHERE A = 1 B = 2", "expected AND, OR, ORDER BY or end of input but found 'B'", 1, 29);
        assertError("SELECT * FROM X ORDER BY A DESC B", "expected ',', ASC, DESC or end of input but found 'B'", 1, 33);
        assertError("SELECT * FROM X WHERE A IN (SELECT A FROM Y Z)",
                "expected AS, JOIN, WHERE, ORDER BY or ')' but found 'Z' (WQL needs AS before an alias)", 1, 45);
    }

    @Test
    void lexicalErrorsPointAtTheCharacter() {
        assertError("SELECT * FROM X WHERE A = #1", "unexpected character '#'", 1, 27);
        assertError("SELECT * FROM X WHERE A = \u0007", "unexpected character U+0007", 1, 27);
        assertError("SELECT * FROM X WHERE A ! 1", "unexpected character '!' (did you mean '!=' or '<>'?)", 1, 25);
        assertError("SELECT * FROM X WHERE A = 'a\\nb'", "invalid escape sequence '\\n' in string: only \\\\, \\' and \\\""
                + " are allowed (write \\\\ for a backslash)", 1, 29);
        assertError("SELECT * FROM X WHERE A = 12abc", "unexpected character 'a' after number '12'", 1, 29);
        assertError("SELECT * FROM X WHERE A = 0x10", "hexadecimal numbers are not supported; write the number in decimal",
                1, 27);
    }

    @Test
    void badLikePatternIsReportedAtThePattern() {
        ParseException e = error("SELECT * FROM X\nWHERE A LIKE 'x[z-a]'");
        assertThat(e.problem()).startsWith("LIKE pattern has a reversed range 'z-a'");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(14);
    }

    @Test
    void longTokensAreShortenedInMessages() {
        ParseException e = error("SELECT * FROM X WHERE A = 1 " + "B".repeat(10_000));
        assertThat(e.problem()).endsWith("but found '" + "B".repeat(40) + "...'");
    }
}
