package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.cm4j.ParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Syntax errors name the offending token and what was expected, at the exact line and column. */
class MofSyntaxErrorTest {

    private static ParseException error(String mof) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> MofParser.parse("bad.mof", mof));
        assertThat(e).as("a ParseException for %s", mof).isNotNull();
        return e;
    }

    @Test
    void aMissingSemicolonAfterAPropertyNamesTheNextToken() {
        ParseException e = error("""
                class SMS_Site
                {
                    string SiteCode
                    uint32 Type;
                };
                """);

        assertThat(e.what()).isEqualTo("MOF bad.mof");
        assertThat(e.problem()).isEqualTo("expected ';' after property declaration but found 'uint32'");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.getMessage()).isEqualTo("MOF bad.mof: expected ';' after property declaration but found 'uint32'"
                + " at line 4, column 5");
        assertThat(e.caretSnippet()).isEqualTo("    uint32 Type;\n    ^");
    }

    @Test
    void sourceNameIsOptionalInTheMessage() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> MofParser.parse(null, "klass"));

        assertThat(e.getMessage()).isEqualTo("MOF: expected 'class', 'instance', 'qualifier' or '#pragma' but found"
                + " 'klass' at line 1, column 1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "class A { string X; }             | 1 | 22 | expected ';' after class declaration but found end of input",
        "class A { string X; };;           | 1 | 23 | expected 'class', 'instance', 'qualifier' or '#pragma' but found ';'",
        "class { };                        | 1 | 7  | expected a class name after 'class' but found '{'",
        "class A : { };                    | 1 | 11 | expected a superclass name after ':' but found '{'",
        "class A B { };                    | 1 | 9  | expected '{' to start the body of class A but found 'B'",
        "class A { string; };              | 1 | 17 | expected a property name after type 'string' but found ';'",
        "class A { 5 X; };                 | 1 | 11 | expected a property or method declaration or '}' in class A but found '5'",
        "class A { string X = ; };         | 1 | 22 | expected a value (number, string, char, TRUE, FALSE, NULL, $alias or 'instance of') but found ';'",
        "class A { string X[; };           | 1 | 20 | expected ']' to close the array brackets of X but found ';'",
        "class A { uint8 X[0]; };          | 1 | 19 | array size '0' of X must be 1..2147483647",
        "class A { void X; };              | 1 | 11 | property X cannot be void",
        "class A { ref X; };               | 1 | 11 | expected a data type or class name in class A but found 'ref' (a reference is written 'ClassName ref Name' or 'object ref Name')",
        "class A { string X; uint32 x; };  | 1 | 28 | class A declares 'x' twice",
        "class A { uint32 M(string a b); };| 1 | 29 | expected ',' or ')' after parameter a but found 'b'",
        "class A { uint32 M(void a); };    | 1 | 20 | a parameter of method M cannot be void",
        "class A { uint32 M(string a, string A); }; | 1 | 37 | method M declares parameter 'A' twice",
        "class A { uint32 M() };           | 1 | 22 | expected ';' after method declaration but found '}'",
        "[key class A { };                 | 1 | 6  | expected ',' or ']' in qualifier list but found 'class'",
        "[key, key] class A { };           | 1 | 7  | qualifier 'key' appears twice in one list",
        "[key : Sometimes] class A { };    | 1 | 8  | unknown qualifier flavor 'Sometimes'; expected one of ToInstance, ToSubclass, DisableOverride, Amended, Translatable, Restricted, EnableOverride, NotToInstance",
        "[key :] class A { };              | 1 | 7  | expected a qualifier flavor after ':' but found ']'",
        "[Q(NULL)] class A { };            | 1 | 4  | qualifier Q cannot be NULL (leave the qualifier out instead)",
        "[Q(\"a\"] class A { };            | 1 | 7  | expected ')' after the value of qualifier Q but found ']'",
        "[Q{1, \"a\"}] class A { };        | 1 | 7  | array of qualifier Q mixes sint32 and string elements",
        "[Q($x)] class A { };              | 1 | 4  | a qualifier value cannot be an alias",
        "[Q] instance A { };               | 1 | 14 | expected 'of' after 'instance' but found 'A'",
        "[Q] qualifier X : string;         | 1 | 5  | expected 'class' or 'instance' after a qualifier list but found 'qualifier'",
        "instance of A { X = 1 };          | 1 | 23 | expected ';' after the value of property X but found '}'",
        "instance of A { X 1; };           | 1 | 19 | expected '=' after property name X but found '1'",
        "instance of A { 1 = 2; };         | 1 | 17 | expected a property name or '}' in instance of A but found '1'",
        "instance of A as B { };           | 1 | 18 | expected an alias ($Name) after 'as' but found 'B'",
        "instance of A { X = {{1}}; };     | 1 | 22 | expected an array element but found '{' (MOF arrays cannot be nested)",
        "instance of A { X = {1 2}; };     | 1 | 24 | expected ',' or '}' in array value but found '2'",
        "instance of A { X = {1, NULL}; }; | 1 | 25 | an array element of property X cannot be NULL",
        "instance of A { X = {1, \"a\"}; };| 1 | 25 | array of property X mixes sint64 and string elements",
        "instance of A { X = 1e400; };     | 1 | 21 | real 1e400 of property X is out of the real64 range",
        "instance of A { X = 99999999999999999999999; }; | 1 | 21 | integer 99999999999999999999999 of property X is out of the 64-bit range",
        "instance of A { X = instance of B { Y = 1; } as; }; | 1 | 46 | expected ';' after the value of property X but found 'as'",
        "instance of A { X = instance of B as $b { }; }; | 1 | 38 | an embedded instance cannot have an alias",
        "#pragma                           | 1 | 8  | expected a pragma name after '#pragma' but found end of input",
        "#pragma namespace(\"a\" ; )       | 1 | 23 | expected ',' or ')' after a pragma argument but found ';'",
        "#pragma namespace({)              | 1 | 19 | expected a pragma argument but found '{'",
        "#include \"x\"                    | 1 | 1  | expected 'pragma' after '#'",
        "qualifier Q : Foo;                | 1 | 15 | expected a qualifier type (sint32, string, boolean, ...) but found 'Foo'",
        "qualifier Q : string, color(red); | 1 | 23 | expected 'scope' or 'flavor' in the declaration of qualifier Q but found 'color'",
        "qualifier Q : boolean = 1;        | 1 | 25 | expected a boolean value for the default of qualifier Q but found '1'",
    })
    void reportsTheProblemAtTheOffendingToken(String mof, int line, int column, String problem) {
        ParseException e = error(mof.replace("\\\"", "\""));

        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isEqualTo(column);
    }

    @Test
    void lexicalErrorsPointAtTheStartOfTheBadToken() {
        ParseException s = error("class A {\n  string X = \"never closed;\n};");
        assertThat(s.problem()).isEqualTo("unterminated string literal (a line break inside a string is written \\n)");
        assertThat(s.line()).isEqualTo(2);
        assertThat(s.column()).isEqualTo(14);

        ParseException eof = error("class A { string X = \"open");
        assertThat(eof.problem()).isEqualTo("unterminated string literal");
        assertThat(eof.column()).isEqualTo(22);

        ParseException comment = error("class A {};\r\n/* never\r\nclosed");
        assertThat(comment.problem()).isEqualTo("unterminated comment: '/*' without '*/'");
        assertThat(comment.line()).isEqualTo(2);
        assertThat(comment.column()).isEqualTo(1);

        ParseException escape = error("class A { string X = \"a\\qb\"; };");
        assertThat(escape.problem()).startsWith("unknown escape sequence '\\q'");
        assertThat(escape.column()).isEqualTo(24);

        ParseException hex = error("class A { string X = \"\\xZ\"; };");
        assertThat(hex.problem()).isEqualTo("expected 1 to 4 hex digits after '\\x'");
        assertThat(hex.column()).isEqualTo(23);

        ParseException character = error("class A { char16 C = 'ab'; };");
        assertThat(character.problem()).isEqualTo("expected ''' to end the char literal");
        assertThat(character.column()).isEqualTo(24);

        ParseException empty = error("class A { char16 C = ''; };");
        assertThat(empty.problem()).isEqualTo("empty char literal");

        ParseException unexpected = error("class A { string X; }; @");
        assertThat(unexpected.problem()).isEqualTo("unexpected character '@' (U+0040)");
        assertThat(unexpected.column()).isEqualTo(24);

        ParseException control = error("class A\u0001 { };");
        assertThat(control.problem()).isEqualTo("unexpected character U+0001");

        ParseException alias = error("instance of A { X = $; };");
        assertThat(alias.problem()).isEqualTo("expected an alias name after '$'");
    }

    @Test
    void namesFailingWmiValidationAreRejected() {
        ParseException e = error("class " + "A".repeat(1025) + " { };");

        assertThat(e.problem()).startsWith("invalid class name 'AAAA");
        assertThat(e.column()).isEqualTo(7);
    }
}
