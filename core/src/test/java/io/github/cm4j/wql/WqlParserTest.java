package io.github.cm4j.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ParseException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WqlParserTest {

    private static Expression where(String wql) {
        return Wql.parse(wql).where().orElseThrow();
    }

    private static Expression cond(String condition) {
        return Wql.parseCondition(condition);
    }

    private static Object value(String literal) {
        return ((Literal) ((Comparison) cond("X = " + literal)).right()).value();
    }

    @Test
    void parsesTheWholeQueryShape() {
        SelectQuery q = Wql.parse("select distinct SU.*, CTC.ContentID from SMS_SoftwareUpdate as SU"
                + " join SMS_CIToContent as CTC on SU.CI_ID = CTC.CI_ID"
                + " left outer join SMS_CIRelation as R on R.FromCIID = SU.CI_ID"
                + " where SU.IsExpired = false order by SU.DateRevised desc, SU.ArticleID asc, CTC.ContentID");
        assertThat(q).isEqualTo(new SelectQuery(true,
                List.of(Wildcard.of("SU"), PropertyRef.of("CTC.ContentID")),
                ClassRef.of("SMS_SoftwareUpdate", "SU"),
                List.of(new Join(JoinType.INNER, ClassRef.of("SMS_CIToContent", "CTC"),
                                new Comparison(PropertyRef.of("SU.CI_ID"), ComparisonOperator.EQ,
                                        PropertyRef.of("CTC.CI_ID"))),
                        new Join(JoinType.LEFT, ClassRef.of("SMS_CIRelation", "R"),
                                new Comparison(PropertyRef.of("R.FromCIID"), ComparisonOperator.EQ,
                                        PropertyRef.of("SU.CI_ID")))),
                Optional.of(new Comparison(PropertyRef.of("SU.IsExpired"), ComparisonOperator.EQ, Literal.FALSE)),
                List.of(new OrderItem(PropertyRef.of("SU.DateRevised"), SortDirection.DESC),
                        new OrderItem(PropertyRef.of("SU.ArticleID"), SortDirection.ASC),
                        new OrderItem(PropertyRef.of("CTC.ContentID"), SortDirection.ASC))));
    }

    @Test
    void acceptsInnerJoinAndLeftJoinSpellings() {
        assertThat(Wql.parse("SELECT * FROM A INNER JOIN B ON A.x = B.y").joins().get(0).type()).isEqualTo(JoinType.INNER);
        assertThat(Wql.parse("SELECT * FROM A LEFT JOIN B ON A.x = B.y").joins().get(0).type()).isEqualTo(JoinType.LEFT);
        assertThat(Wql.parse("SELECT * FROM A JOIN B AS b ON A.x = b.y AND A.z = b.z").joins().get(0).on())
                .isInstanceOf(And.class);
    }

    @Test
    void parsesCountStar() {
        assertThat(Wql.parse("SELECT COUNT(*) FROM SMS_SoftwareUpdate").items()).containsExactly(CountAll.INSTANCE);
        assertThat(Wql.parse("SELECT Count FROM X").items()).containsExactly(PropertyRef.of("Count"));
    }

    @Test
    void keywordsAreCaseInsensitiveAndNamesKeepTheirSpelling() {
        SelectQuery q = Wql.parse("sElEcT ci_id FrOm sms_softwareUPDATE wHeRe IsExpired = TrUe");
        assertThat(q.items()).containsExactly(PropertyRef.of("ci_id"));
        assertThat(q.from().className()).isEqualTo("sms_softwareUPDATE");
        assertThat(q.where()).contains(new Comparison(PropertyRef.of("IsExpired"), ComparisonOperator.EQ, Literal.TRUE));
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertThat(cond("a = 1 OR b = 2 AND NOT c = 3")).isEqualTo(new Or(List.of(
                cond("a = 1"), new And(List.of(cond("b = 2"), new Not(cond("c = 3")))))));
        assertThat(cond("(a = 1 OR b = 2) AND c = 3")).isEqualTo(new And(List.of(
                new Or(List.of(cond("a = 1"), cond("b = 2"))), cond("c = 3"))));
        assertThat(cond("a = 1 AND b = 2 AND c = 3")).isInstanceOfSatisfying(And.class,
                and -> assertThat(and.operands()).hasSize(3));
        assertThat(cond("NOT (a = 1 OR b = 2)")).isEqualTo(new Not(new Or(List.of(cond("a = 1"), cond("b = 2")))));
        assertThat(cond("((a = 1))")).isEqualTo(cond("a = 1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "<>", "!=", "<", "<=", ">", ">="})
    void parsesEveryComparisonOperator(String op) {
        Comparison c = (Comparison) cond("NumMissing " + op + " 15");
        assertThat(c.operator().symbol()).isEqualTo(op.equals("!=") ? "<>" : op);
        assertThat(c.right()).isEqualTo(new Literal(15L));
    }

    @Test
    void acceptsAConstantOnTheLeft() {
        assertThat(cond("15 < NumMissing")).isEqualTo(new Comparison(new Literal(15L), ComparisonOperator.LT,
                PropertyRef.of("NumMissing")));
    }

    @Test
    void parsesPredicates() {
        assertThat(cond("Title LIKE '%KB[0-9]%'")).isEqualTo(new Like(PropertyRef.of("Title"), "%KB[0-9]%", false));
        assertThat(cond("Title NOT LIKE \"x_\"")).isEqualTo(new Like(PropertyRef.of("Title"), "x_", true));
        assertThat(cond("Title IS NULL")).isEqualTo(new IsNull(PropertyRef.of("Title"), false));
        assertThat(cond("Title IS NOT NULL")).isEqualTo(new IsNull(PropertyRef.of("Title"), true));
        assertThat(cond("TargetInstance ISA 'SMS_SoftwareUpdate'"))
                .isEqualTo(new Isa(PropertyRef.of("TargetInstance"), "SMS_SoftwareUpdate"));
        assertThat(cond("CI_ID IN (1, 2, 3)")).isEqualTo(new InList(PropertyRef.of("CI_ID"),
                List.of(new Literal(1L), new Literal(2L), new Literal(3L)), false));
        assertThat(cond("Name NOT IN ('a', \"b\", NULL)")).isEqualTo(new InList(PropertyRef.of("Name"),
                List.of(new Literal("a"), new Literal("b"), Literal.NULL), true));
        assertThat(cond("CI_ID NOT IN (SELECT CI_ID FROM SMS_CIAllCategories WHERE X = 1)")).isEqualTo(
                new InSubquery(PropertyRef.of("CI_ID"),
                        Wql.parse("SELECT CI_ID FROM SMS_CIAllCategories WHERE X = 1"), true));
        assertThat(cond("X = NULL")).isEqualTo(new Comparison(PropertyRef.of("X"), ComparisonOperator.EQ, Literal.NULL));
    }

    @Test
    void typesLiterals() {
        assertThat(value("'abc'")).isEqualTo("abc");
        assertThat(value("\"abc\"")).isEqualTo("abc");
        assertThat(value("42")).isEqualTo(42L);
        assertThat(value("-42")).isEqualTo(-42L);
        assertThat(value("007")).isEqualTo(7L);
        assertThat(value("1.5")).isEqualTo(1.5d);
        assertThat(value("-2.5E-3")).isEqualTo(-0.0025d);
        assertThat(value("1e3")).isEqualTo(1000.0d);
        assertThat(value("TRUE")).isEqualTo(Boolean.TRUE);
        assertThat(value("false")).isEqualTo(Boolean.FALSE);
        assertThat(value("1")).isEqualTo(1L);
        assertThat(value("NULL")).isNull();
        assertThat(value("'20240101000000.000000+000'")).isEqualTo("20240101000000.000000+000");
        assertThat(value("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(value("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(value("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void unescapesBackslashEscapesInBothQuoteStyles() {
        assertThat(value("'O\\'Brien'")).isEqualTo("O'Brien");
        assertThat(value("\"say \\\"hi\\\"\"")).isEqualTo("say \"hi\"");
        assertThat(value("'C:\\\\Windows'")).isEqualTo("C:\\Windows");
        assertThat(value("'a\"b'")).isEqualTo("a\"b");
        assertThat(value("\"a'b\"")).isEqualTo("a'b");
        assertThat(value("'line1\nline2'")).isEqualTo("line1\nline2");
    }

    @Test
    void acceptsWhitespaceAroundSymbolsAndNoneWhereUnambiguous() {
        assertThat(Wql.parse("SELECT SiteCode,Props FROM X WHERE(A=1)AND(B<>'x')"))
                .isEqualTo(Wql.parse("SELECT SiteCode , Props FROM X WHERE ( A = 1 ) AND ( B <> 'x' )"));
        assertThat(Wql.parse("\uFEFF SELECT *\r\n\tFROM X\n")).isEqualTo(SelectQuery.selectAll("X"));
    }

    @Test
    void resolvesQualifiersToClassesIgnoringCase() {
        SelectQuery q = Wql.parse("SELECT PackageID FROM SMS_CIToContent JOIN SMS_PackageToContent AS p"
                + " ON SMS_CIToContent.ContentID = p.ContentID");
        assertThat(q.resolve("sms_citocontent")).contains(ClassRef.of("SMS_CIToContent"));
        assertThat(q.resolve("P")).contains(ClassRef.of("SMS_PackageToContent", "p"));
        assertThat(q.resolve("SMS_PackageToContent")).isEmpty();
        assertThat(q.classes()).hasSize(2);
    }

    @Test
    void rejectsWhatWqlDoesNotHave() {
        assertThatThrownBy(() -> Wql.parse("SELECT * FROM X WHERE A = 0x1F")).isInstanceOf(ParseException.class)
                .hasMessageContaining("hexadecimal numbers are not supported");
        assertThatThrownBy(() -> Wql.parse("ASSOCIATORS OF {SMS_SoftwareUpdate.CI_ID=1}"))
                .isInstanceOf(ParseException.class).hasMessageContaining("ASSOCIATORS OF queries are not supported");
        assertThatThrownBy(() -> Wql.parse("SELECT *, Name FROM X")).isInstanceOf(ParseException.class)
                .hasMessageContaining("expected FROM but found ','");
        assertThatThrownBy(() -> Wql.parse("SELECT Name, COUNT(*) FROM X")).isInstanceOf(ParseException.class)
                .hasMessageContaining("COUNT(*) must be the only select item");
        assertThatThrownBy(() -> Wql.parse("SELECT * FROM X WHERE A IN ()")).isInstanceOf(ParseException.class)
                .hasMessageContaining("expected a value or SELECT after IN ( but found ')'");
        assertThatThrownBy(() -> Wql.parse("SELECT * FROM X WHERE A = 'C:\\Windows'")).isInstanceOf(ParseException.class)
                .hasMessageContaining("invalid escape sequence '\\W'");
        assertThatThrownBy(() -> Wql.parse("SELECT * FROM X WHERE A LIKE '[a-'")).isInstanceOf(ParseException.class)
                .hasMessageContaining("unterminated '['");
        assertThatThrownBy(() -> Wql.parse("SELECT * FROM X WHERE A.B.C = 1")).isInstanceOf(ParseException.class);
    }
}
