package io.github.cm4j.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WqlPrinterTest {

    @Test
    void printsCanonicalText() {
        assertThat(Wql.parse("select distinct su.* from SMS_SoftwareUpdate as su join SMS_CIToContent as cc on"
                + "  SU.CI_ID = CC.CI_ID  WHERE  pc.PackageID='P01' AND su.X!=1 ORDER BY su.DateRevised Desc, a Asc")
                .toWql())
                .isEqualTo("SELECT DISTINCT su.* FROM SMS_SoftwareUpdate AS su INNER JOIN SMS_CIToContent AS cc ON"
                        + " SU.CI_ID = CC.CI_ID WHERE pc.PackageID = \"P01\" AND su.X <> 1 ORDER BY su.DateRevised"
                        + " DESC, a");
    }

    @Test
    void doubleQuotesStringsEscapingOnlyQuoteAndBackslash() {
        assertThat(WqlPrinter.quote("O'Brien \"x\" C:\\ 100% [_]\n")).isEqualTo("\"O'Brien \\\"x\\\" C:\\\\ 100% [_]\n\"");
        assertThat(new Literal("a\\\"").toString()).isEqualTo("\"a\\\\\\\"\"");
    }

    @Test
    void printsEveryLiteralType() {
        assertThat(Literal.NULL.toString()).isEqualTo("NULL");
        assertThat(Literal.TRUE.toString()).isEqualTo("TRUE");
        assertThat(new Literal(-5).toString()).isEqualTo("-5");
        assertThat(new Literal(new BigInteger("18446744073709551615")).toString()).isEqualTo("18446744073709551615");
        assertThat(new Literal(1.5e-7).toString()).isEqualTo("1.5E-7");
        assertThat(new Literal(-0.0).toString()).isEqualTo("-0.0");
    }

    @Test
    void parenthesizesExactlyWhereTheTreeNeedsIt() {
        PropertyRef a = PropertyRef.of("A");
        Expression x = new Comparison(a, ComparisonOperator.EQ, new Literal(1));
        Expression y = new Comparison(a, ComparisonOperator.EQ, new Literal(2));
        Expression z = new Comparison(a, ComparisonOperator.EQ, new Literal(3));
        assertThat(WqlPrinter.print(new Or(List.of(new And(List.of(x, y)), z)))).isEqualTo("A = 1 AND A = 2 OR A = 3");
        assertThat(WqlPrinter.print(new And(List.of(new Or(List.of(x, y)), z)))).isEqualTo("(A = 1 OR A = 2) AND A = 3");
        assertThat(WqlPrinter.print(new And(List.of(x, new And(List.of(y, z)))))).isEqualTo("A = 1 AND (A = 2 AND A = 3)");
        assertThat(WqlPrinter.print(new Not(new And(List.of(x, y))))).isEqualTo("NOT (A = 1 AND A = 2)");
        assertThat(WqlPrinter.print(new Not(new Not(x)))).isEqualTo("NOT NOT A = 1");
        assertThat(WqlPrinter.print(new And(List.of(new Not(x), y)))).isEqualTo("NOT A = 1 AND A = 2");
    }

    @Test
    void printedHandBuiltTreesParseBackEqual() {
        PropertyRef a = PropertyRef.of("T.A");
        Expression x = new Comparison(a, ComparisonOperator.GE, new Literal(-1.25));
        Expression y = new Like(a, "%[[]x]%", true);
        Expression z = new InSubquery(a, SelectQuery.selectAll("Y").withWhere(new Not(new Or(List.of(x, y)))), false);
        SelectQuery q = new SelectQuery(false, List.of(PropertyRef.of("T.A"), Wildcard.of("T")), ClassRef.of("X", "T"),
                List.of(new Join(JoinType.LEFT, ClassRef.of("Y"), new And(List.of(x, new And(List.of(y, z)))))),
                Optional.of(new Or(List.of(new Or(List.of(x, z)), new Not(new Not(y)), new IsNull(a, true),
                        new Isa(a, "K\"\\"), new InList(a, List.of(Literal.NULL, Literal.TRUE, new Literal("\\")), true)))),
                List.of(new OrderItem(a, SortDirection.DESC)));
        assertThat(Wql.parse(q.toWql())).isEqualTo(q);
    }

    @Test
    void refusesToPrintTreesTheParserWouldReject() {
        Expression e = new Comparison(PropertyRef.of("A"), ComparisonOperator.EQ, new Literal(1));
        for (int i = 0; i < WqlParser.MAX_NESTING_DEPTH; i++) {
            e = new Not(e);
        }
        String printed = WqlPrinter.print(e);
        assertThat(Wql.parseCondition(printed)).isEqualTo(e);
        Expression deeper = new Not(e);
        assertThatThrownBy(() -> WqlPrinter.print(deeper)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than 256");
    }
}
