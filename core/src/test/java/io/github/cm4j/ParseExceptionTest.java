package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParseExceptionTest {

    @Test
    void computesLineAndColumnFromOffset() {
        ParseException e = new ParseException("WQL", "unexpected token 'FORM'", "SELECT *\r\nFORM X", 10);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo("WQL: unexpected token 'FORM' at line 2, column 1");
        assertThat(e.caretSnippet()).isEqualTo("FORM X\n^");
    }

    @Test
    void clampsOffsetsOutsideTheInput() {
        ParseException e = new ParseException("MOF", "unexpected end of input", "abc", 99);
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(4);
        assertThat(e.caretSnippet()).isEqualTo("abc\n   ^");
    }

    @Test
    void shortensVeryLongLinesAroundTheColumn() {
        String input = "x".repeat(1_000_000);
        ParseException e = new ParseException("WQL", "too deep", input, 500_000);
        assertThat(e.column()).isEqualTo(500_001);
        assertThat(e.caretSnippet().length()).isLessThan(500);
        assertThat(e.caretSnippet()).endsWith("^");
    }
}
