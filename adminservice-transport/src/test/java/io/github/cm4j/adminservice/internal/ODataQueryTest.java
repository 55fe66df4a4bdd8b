package io.github.cm4j.adminservice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ParseException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.wql.WqlPrinter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** WQL to OData (the client) and OData back to WQL (the loopback service), and key predicates. */
class ODataQueryTest {
    private final Schema schema = Schema.builtIn();

    private ODataQuery t(String wql) {
        return ODataQuery.translate(wql, schema, false);
    }

    @Test
    void selectListAndComparisonsBecomeSelectAndFilter() {
        ODataQuery q = t("SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID <= 16777252 AND ArticleID = 'KB1\\'2'");
        assertThat(q.className()).isEqualTo("SMS_SoftwareUpdate");
        assertThat(q.select()).containsExactly("CI_ID", "ArticleID");
        assertThat(q.filter()).hasValue("CI_ID le 16777252 and ArticleID eq 'KB1''2'");
    }

    @Test
    void booleansComparedWithNumbersBecomeTrueOrFalseByTheSchema() {
        assertThat(t("SELECT * FROM SMS_SoftwareUpdate WHERE EULAExists = 1").filter()).hasValue("EULAExists eq true");
        assertThat(t("SELECT * FROM SMS_SoftwareUpdate").select()).isEmpty();
    }

    @Test
    void datetimeLiteralsBecomeUnquotedIsoDateTimes() {
        assertThat(t("SELECT * FROM SMS_SoftwareUpdate WHERE DateRevised > '20240101000000.000000+000'").filter())
                .hasValue("DateRevised gt 2024-01-01T00:00:00Z");
    }

    @Test
    void likePrefixSuffixAndInfixBecomeTheOdataFunctions() {
        assertThat(t("SELECT * FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName LIKE 'Sec%'").filter())
                .hasValue("startswith(LocalizedDisplayName,'Sec')");
        assertThat(t("SELECT * FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName LIKE '%x64'").filter())
                .hasValue("endswith(LocalizedDisplayName,'x64')");
        assertThat(t("SELECT * FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName NOT LIKE '%Win%'").filter())
                .hasValue("not contains(LocalizedDisplayName,'Win')");
        assertThat(t("SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID IN ('1', '2') OR IsExpired IS NULL").filter())
                .hasValue("(ArticleID eq '1' or ArticleID eq '2') or IsExpired eq null");
    }

    @Test
    void whatOdataCannotSayFailsBeforeAnyCallNamingTheConstruct() {
        assertThatThrownBy(() -> t("SELECT * FROM SMS_SoftwareUpdate AS u JOIN SMS_CIToContent AS c ON u.CI_ID = c.CI_ID"))
                .isInstanceOf(UnsupportedQueryException.class).hasMessageContaining("a JOIN");
        assertThatThrownBy(() -> t("SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID IN (SELECT CI_ID FROM SMS_CIToContent)"))
                .hasMessageContaining("sub-select");
        assertThatThrownBy(() -> t("SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID LIKE '50_4%'"))
                .hasMessageContaining("LIKE pattern '50_4%'");
        assertThatThrownBy(() -> t("SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID LIKE '[0-9]%'"))
                .hasMessageContaining("LIKE pattern");
        assertThatThrownBy(() -> t("SELECT COUNT(*) FROM SMS_SoftwareUpdate")).hasMessageContaining("COUNT(*)");
        assertThatThrownBy(() -> t("SELEC * FRM X")).isInstanceOf(ParseException.class);
    }

    @Test
    void clientSideFilteringTakesTheWhereThatOdataCannotSay() {
        ODataQuery q = ODataQuery.translate("SELECT ArticleID FROM SMS_SoftwareUpdate WHERE ArticleID LIKE '50_4%'", schema, true);
        assertThat(q.filter()).isEmpty();
        assertThat(q.clientFilter()).isPresent();
        assertThat(q.select()).as("the whole entity, for the client-side condition").isEmpty();
        assertThatThrownBy(() -> ODataQuery.translate("SELECT * FROM A JOIN B ON A.x = B.y", schema, true))
                .hasMessageContaining("a JOIN");
    }

    @Test
    void odataFiltersReadBackAsTheWqlTheyCameFrom() {
        String[] wqls = {
            "CI_ID <= 16777252 AND ArticleID = 'KB1\\'2'",
            "LocalizedDisplayName LIKE 'Sec%' OR NOT (IsExpired = TRUE)",
            "DateRevised > '20240101000000.000000+000' AND IsExpired IS NOT NULL",
        };
        for (String w : wqls) {
            String filter = t("SELECT * FROM SMS_SoftwareUpdate WHERE " + w).filter().orElseThrow();
            String back = WqlPrinter.print(ODataFilter.parse(filter));
            assertThat(t("SELECT * FROM SMS_SoftwareUpdate WHERE " + back).filter()).as(w).hasValue(filter);
        }
        assertThat(WqlPrinter.print(ODataFilter.parse("startswith(Name,'All') eq true"))).isEqualTo("Name LIKE \"All%\"");
        assertThat(WqlPrinter.print(ODataFilter.parse("contains(Name,'AM - User')"))).isEqualTo("Name LIKE \"%AM - User%\"");
    }

    @Test
    void malformedFiltersAreRefusedWithInvalidQuery() {
        for (String bad : new String[] {"Status eq", "Status eq 5 and", "substringof('a',Name)", "(Status eq 5", "Status ~ 5"}) {
            assertThatThrownBy(() -> ODataFilter.parse(bad)).as(bad).isInstanceOfSatisfying(ODataException.class,
                    e -> assertThat(e.status().name()).isEqualTo("WBEM_E_INVALID_QUERY"));
        }
    }

    @Test
    void keyPredicatesRoundTripForStringIntegerAndCompoundKeys() {
        ObjectPath site = ObjectPath.of("SMS_Site", Map.of("SiteCode", "CAS"));
        assertThat(ODataUrls.keyPredicate(site)).isEqualTo("(SiteCode='CAS')");
        ObjectPath scf = ObjectPath.parse("SMS_SCI_Component.FileType=2,ItemName=\"SMS_WSUS_SYNC_MANAGER|SERVER x\","
                + "ItemType=\"Component\",SiteCode=\"CAS\"");
        String pred = ODataUrls.keyPredicate(scf);
        ObjectPath back = ODataUrls.parseKeyPredicate("SMS_SCI_Component", pred.substring(1, pred.length() - 1), Optional.empty());
        assertThat(back).isEqualTo(scf);
        assertThat(ODataUrls.parseKeyPredicate("SMS_SoftwareUpdate", "16777219", schema.find("SMS_SoftwareUpdate")).keys())
                .isEqualTo(Map.of("CI_ID", 16777219L));
        assertThat(ODataUrls.parseKeyPredicate("SMS_Site", "'O''Brien'", schema.find("SMS_Site")).key("SiteCode"))
                .hasValue("O'Brien");
        String encoded = ODataUrls.encode("SMS_X(Name='a b/ü&')", false);
        assertThat(encoded).doesNotContain(" ", "/", "&").contains("(Name='a%20b%2F%C3%BC%26')");
        assertThat(ODataUrls.decode(encoded, false)).isEqualTo("SMS_X(Name='a b/ü&')");
    }
}
