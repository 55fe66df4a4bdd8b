package io.github.cm4j.wql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.schema.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class WqlValidatorTest {

    private static List<WqlValidator.Problem> check(String wql) {
        return WqlValidator.validate(Wql.parse(wql), Schema.builtIn());
    }

    @Test
    void queriesThatFitTheSchemaHaveNoProblems() {
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE IsExpired = 0 AND Severity >= 8 AND ArticleID LIKE '50%'")).isEmpty();
        assertThat(check("SELECT SU.CI_ID, CTC.ContentID FROM SMS_SoftwareUpdate AS SU JOIN SMS_CIToContent AS CTC"
                + " ON SU.CI_ID = CTC.CI_ID WHERE SU.IsDeployed = TRUE ORDER BY SU.DatePosted DESC")).isEmpty();
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID IN (SELECT CI_ID FROM SMS_CIAllCategories"
                + " WHERE CategoryInstance_UniqueID = 'Product:1')")).isEmpty();
        assertThat(check("SELECT * FROM SMS_SiteControlItem WHERE __CLASS ISA 'SMS_SCI_Component'"))
                .as("system properties are not in the schema").extracting(WqlValidator.Problem::kind)
                .containsOnly(WqlValidator.Kind.UNKNOWN_PROPERTY);
    }

    @Test
    void unknownClassesAndPropertiesAreReported() {
        assertThat(check("SELECT * FROM SMS_SoftwareUpdates")).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(WqlValidator.Kind.UNKNOWN_CLASS));
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE KBArticle = '1'")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("KBArticle"));
        assertThat(check("SELECT X.CI_ID FROM SMS_SoftwareUpdate AS SU")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no class of the query is named or aliased X"));
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate AS SU WHERE SU.Nope = 1")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("class SMS_SoftwareUpdate has no property Nope"));
    }

    @Test
    void ambiguousUnqualifiedPropertiesInJoinsAreReported() {
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate AS SU JOIN SMS_CIToContent AS CTC ON SU.CI_ID = CTC.CI_ID"
                + " WHERE CI_ID = 5")).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(WqlValidator.Kind.AMBIGUOUS_PROPERTY));
    }

    @Test
    void literalsThatCannotMatchThePropertyTypeAreReported() {
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE Severity = 'high'")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Severity").contains("uint32").contains("\"high\""));
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE IsExpired = 2")).hasSize(1);
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE Severity LIKE '1%'")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("LIKE applies to strings"));
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE Severity = '8' AND IsExpired = 'false'"))
                .as("WMI coerces numeric and boolean text").isEmpty();
        assertThat(check("SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID IN ('1', 2)")).hasSize(1);
    }
}
