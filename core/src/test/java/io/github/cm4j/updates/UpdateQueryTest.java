package io.github.cm4j.updates;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.model.Severity;
import io.github.cm4j.wql.Wql;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateQueryTest {

    @Test
    void noCriteriaSelectsEveryUpdate() {
        assertThat(UpdateQuery.all().toQuery(List.of()).toWql()).isEqualTo("SELECT * FROM SMS_SoftwareUpdate");
    }

    @Test
    void eachCriterionBecomesItsPropertyConditionAndTheyCombineWithAnd() {
        UpdateQuery q = UpdateQuery.builder().articleId("KB5034441", "5034439").bulletinId("MS17-010")
                .titleContains("Cumulative").product("Windows 11").classification("Security Updates", "Critical Updates")
                .datePostedBetween(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-06-30T00:00:00Z"))
                .minSeverity(Severity.IMPORTANT).expired(false).superseded(false).deployed(true).contentProvisioned(true)
                .eulaExists(true).eulaAccepted(false).build();
        String wql = q.toQuery(List.of()).toWql();
        assertThat(wql).contains("ArticleID IN (\"5034441\", \"5034439\")").contains("BulletinID IN (\"MS17-010\")")
                .contains("LocalizedDisplayName LIKE \"%Cumulative%\"")
                .contains("LocalizedCategoryInstanceNames IN (\"Windows 11\")")
                .contains("LocalizedCategoryInstanceNames IN (\"Security Updates\", \"Critical Updates\")")
                .contains("DatePosted >= \"20240101000000.000000+000\"").contains("DatePosted <= \"20240630000000.000000+000\"")
                .contains("Severity IN (8, 10)").contains("IsExpired = FALSE").contains("IsSuperseded = FALSE")
                .contains("IsDeployed = TRUE").contains("IsContentProvisioned = TRUE").contains("EULAExists = TRUE")
                .contains("EULAAccepted <> 1");
        // The text is valid WQL that parses back to the same query.
        assertThat(Wql.parse(wql)).isEqualTo(q.toQuery(List.of()));
        assertThat(q.toString()).startsWith("UpdateQuery[SELECT * FROM SMS_SoftwareUpdate WHERE ");
    }

    @Test
    void anUpdateGroupBecomesTheListOfItsMembers() {
        UpdateQuery q = UpdateQuery.builder().updateGroup("Patch Tuesday 2024-06").build();
        assertThat(q.needsUpdateGroup()).isTrue();
        assertThat(q.updateGroupName()).contains("Patch Tuesday 2024-06");
        assertThat(q.toQuery(List.of(16777216L, 16777217L)).toWql()).endsWith("WHERE CI_ID IN (16777216, 16777217)");
        // No members: a condition no update meets, not an empty IN list (which is not WQL).
        assertThat(q.toQuery(List.of()).toWql()).endsWith("WHERE CI_ID = 0");
        assertThat(UpdateQuery.builder().updateGroup(16700001).build().updateGroupCiId()).hasValue(16700001);
    }

    @Test
    void equalCriteriaMakeEqualQueries() {
        assertThat(UpdateQuery.builder().articleId("KB1").build()).isEqualTo(UpdateQuery.builder().articleId("1").build())
                .hasSameHashCodeAs(UpdateQuery.builder().articleId("1").build())
                .isNotEqualTo(UpdateQuery.builder().articleId("2").build());
    }
}
