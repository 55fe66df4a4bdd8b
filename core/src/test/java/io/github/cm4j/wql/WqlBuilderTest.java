package io.github.cm4j.wql;

import static io.github.cm4j.wql.Criteria.and;
import static io.github.cm4j.wql.Criteria.eq;
import static io.github.cm4j.wql.Criteria.ge;
import static io.github.cm4j.wql.Criteria.gt;
import static io.github.cm4j.wql.Criteria.in;
import static io.github.cm4j.wql.Criteria.isNotNull;
import static io.github.cm4j.wql.Criteria.isNull;
import static io.github.cm4j.wql.Criteria.isa;
import static io.github.cm4j.wql.Criteria.le;
import static io.github.cm4j.wql.Criteria.like;
import static io.github.cm4j.wql.Criteria.likeContains;
import static io.github.cm4j.wql.Criteria.likeEndsWith;
import static io.github.cm4j.wql.Criteria.likeStartsWith;
import static io.github.cm4j.wql.Criteria.lt;
import static io.github.cm4j.wql.Criteria.ne;
import static io.github.cm4j.wql.Criteria.not;
import static io.github.cm4j.wql.Criteria.notIn;
import static io.github.cm4j.wql.Criteria.notLike;
import static io.github.cm4j.wql.Criteria.or;
import static io.github.cm4j.wql.Criteria.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WqlBuilderTest {

    @Test
    void buildsTheDocumentedExample() {
        Wql.QueryBuilder q = Wql.select().from("SMS_SoftwareUpdate")
                .where(eq("ArticleID", "832880").and(eq("IsExpired", false)));
        assertThat(q.toString()).isEqualTo(
                "SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID = \"832880\" AND IsExpired = FALSE");
        assertThat(q.build()).isEqualTo(Wql.parse(q.toString()));
    }

    @Test
    void buildsJoinsDistinctPropertiesAndOrder() {
        Wql.QueryBuilder q = Wql.selectDistinct("SU.*")
                .from("SMS_SoftwareUpdate", "SU")
                .join("SMS_CIToContent", "CTC").on("SU.CI_ID", "CTC.CI_ID")
                .join("SMS_PackageToContent", "PTC").on(eq("PTC.ContentID", property("CTC.ContentID")))
                .leftJoin("SMS_CIRelation", "R").on("R.ToCIID", "SU.CI_ID")
                .where(eq("PTC.PackageID", "P0100012"))
                .where(eq("SU.IsContentProvisioned", 1))
                .orderByDescending("SU.DateRevised")
                .orderBy("SU.ArticleID");
        assertThat(q.toString()).isEqualTo("SELECT DISTINCT SU.* FROM SMS_SoftwareUpdate AS SU"
                + " INNER JOIN SMS_CIToContent AS CTC ON SU.CI_ID = CTC.CI_ID"
                + " INNER JOIN SMS_PackageToContent AS PTC ON PTC.ContentID = CTC.ContentID"
                + " LEFT JOIN SMS_CIRelation AS R ON R.ToCIID = SU.CI_ID"
                + " WHERE PTC.PackageID = \"P0100012\" AND SU.IsContentProvisioned = 1"
                + " ORDER BY SU.DateRevised DESC, SU.ArticleID");
        assertThat(Wql.parse(q.toString())).isEqualTo(q.build());
        assertThat(Wql.select("SiteCode", "Props").distinct().from("SMS_SCI_SiteDefinition").toString())
                .isEqualTo("SELECT DISTINCT SiteCode, Props FROM SMS_SCI_SiteDefinition");
        assertThat(Wql.selectCount().from("SMS_SoftwareUpdate").toString())
                .isEqualTo("SELECT COUNT(*) FROM SMS_SoftwareUpdate");
        assertThat(Wql.select("PackageID").from("SMS_CIToContent").join("SMS_PackageToContent")
                .on("SMS_CIToContent.ContentID", "SMS_PackageToContent.ContentID").toString())
                .isEqualTo("SELECT PackageID FROM SMS_CIToContent INNER JOIN SMS_PackageToContent ON"
                        + " SMS_CIToContent.ContentID = SMS_PackageToContent.ContentID");
    }

    @Test
    void offersEveryCriterion() {
        Expression all = and(eq("A", 1), ne("B", "x"), lt("C", 2.5), le("D", -3L), gt("E", true), ge("F", (short) 4),
                like("G", "KB[0-9]%"), notLike("H", "%x"), likeContains("I", "50%"), likeStartsWith("J", "a_b"),
                likeEndsWith("K", "[c]"), isNull("L"), isNotNull("M"), in("N", 1, 2, 3), in("O", List.of("a", "b")),
                notIn("P", 'c'), isa("Q", "SMS_SoftwareUpdate"),
                in("R", Wql.select("CI_ID").from("SMS_CIAllCategories").where(eq("X", "y"))),
                notIn("S", Wql.select("CI_ID").from("SMS_CIRelation").build()),
                not(or(eq("T", 1), eq("T", 2))), eq("U", null), ne("V", null));
        String text = WqlPrinter.print(all);
        assertThat(text).isEqualTo("A = 1 AND B <> \"x\" AND C < 2.5 AND D <= -3 AND E > TRUE AND F >= 4"
                + " AND G LIKE \"KB[0-9]%\" AND H NOT LIKE \"%x\" AND I LIKE \"%50[%]%\" AND J LIKE \"a[_]b%\""
                + " AND K LIKE \"%[[]c]\" AND L IS NULL AND M IS NOT NULL AND N IN (1, 2, 3) AND O IN (\"a\", \"b\")"
                + " AND P NOT IN (\"c\") AND Q ISA \"SMS_SoftwareUpdate\""
                + " AND R IN (SELECT CI_ID FROM SMS_CIAllCategories WHERE X = \"y\")"
                + " AND S NOT IN (SELECT CI_ID FROM SMS_CIRelation) AND NOT (T = 1 OR T = 2)"
                + " AND U IS NULL AND V IS NOT NULL");
        assertThat(Wql.parseCondition(text)).isEqualTo(all);
    }

    @Test
    void andAndOrFlattenChains() {
        Expression chain = eq("A", 1).and(eq("B", 2)).and(eq("C", 3).and(eq("D", 4)));
        assertThat(((And) chain).operands()).hasSize(4);
        assertThat(((Or) eq("A", 1).or(eq("B", 2)).or(eq("C", 3))).operands()).hasSize(3);
        assertThat(and(eq("A", 1))).isEqualTo(eq("A", 1));
        assertThat(eq("A", 1).negate()).isEqualTo(new Not(eq("A", 1)));
    }

    @Test
    void convertsValuesToTypedLiterals() {
        assertThat(Literal.of(5).value()).isEqualTo(5L);
        assertThat(Literal.of((byte) 5).value()).isEqualTo(5L);
        assertThat(Literal.of(1.5f).value()).isEqualTo(1.5d);
        assertThat(Literal.of(BigInteger.TEN).value()).isEqualTo(10L);
        assertThat(Literal.of(new BigInteger("18446744073709551615")).value()).isInstanceOf(BigInteger.class);
        assertThat(Literal.of('x').value()).isEqualTo("x");
        assertThatThrownBy(() -> Literal.of(new BigInteger("18446744073709551616")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Literal.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Literal.of(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> Literal.of(LocalDateTime.now())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsDateTimesAsCimDateTimesInUtc() {
        assertThat(Literal.of(Instant.parse("2024-03-05T07:08:09.123456789Z")).value())
                .isEqualTo("20240305070809.123456+000");
        assertThat(Literal.of(OffsetDateTime.of(2024, 1, 1, 1, 30, 0, 0, ZoneOffset.ofHours(2))).value())
                .isEqualTo("20231231233000.000000+000");
        assertThat(Literal.of(Instant.parse("2024-07-01T12:00:00Z").atZone(ZoneId.of("Europe/Paris"))).value())
                .isEqualTo("20240701120000.000000+000");
        assertThat(Wql.select().from("SMS_SoftwareUpdate")
                .where(ge("DateRevised", Instant.parse("2024-01-01T00:00:00Z"))).toString())
                .isEqualTo("SELECT * FROM SMS_SoftwareUpdate WHERE DateRevised >= \"20240101000000.000000+000\"");
        assertThatThrownBy(() -> Literal.cimDateTime(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a b", "a-b", "x'='x", "A; DROP", "SU.*", "a.b.c", ".x", "x.", "WHERE",
            "select", "Null", "CI_ID = 1 OR 1", "Name\u0000", "SU.FROM", "caf\u00e9\u2028"})
    void rejectsNamesThatAreNotIdentifiers(String name) {
        assertThatThrownBy(() -> eq(name, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wql.select().from(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wql.select().from("X", name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wql.select("X").from("X").orderBy(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsCimIdentifiers() {
        assertThat(Wql.select("__CLASS", "_x1", "Caf\u00e9").from("SMS_SoftwareUpdate").toString())
                .isEqualTo("SELECT __CLASS, _x1, Caf\u00e9 FROM SMS_SoftwareUpdate");
        assertThat(Wql.parse("SELECT Caf\u00e9 FROM X").items()).containsExactly(PropertyRef.of("Caf\u00e9"));
    }

    @Test
    void valuesCannotSmuggleSyntax() {
        String hostile = "x' OR '1'='1\" OR \"1\"=\"1\\";
        Wql.QueryBuilder q = Wql.select().from("SMS_SoftwareUpdate").where(eq("ArticleID", hostile));
        assertThat(q.toString()).isEqualTo(
                "SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID = \"x' OR '1'='1\\\" OR \\\"1\\\"=\\\"1\\\\\"");
        assertThat(Wql.parse(q.toString()).where()).contains(
                new Comparison(PropertyRef.of("ArticleID"), ComparisonOperator.EQ, new Literal(hostile)));
    }

    @Test
    void rejectsInvalidBuilderUse() {
        assertThatThrownBy(() -> lt("A", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("isNull");
        assertThatThrownBy(() -> in("A", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> like("A", "[abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wql.select("*", "A").from("X").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only select item");
        assertThatThrownBy(() -> isa("A", "x\"y")).isInstanceOf(IllegalArgumentException.class);
    }
}
