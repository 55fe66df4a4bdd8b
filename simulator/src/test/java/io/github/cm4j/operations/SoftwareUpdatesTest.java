package io.github.cm4j.operations;

import io.github.cm4j.model.EulaAcceptance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.MethodFailedException;
import io.github.cm4j.UnsupportedOnVersionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.model.Severity;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.updates.SoftwareUpdates;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SoftwareUpdatesTest {
    private final Hierarchies h = Hierarchies.currentBranch();

    private static List<SoftwareUpdate> find(SoftwareUpdates u, UpdateQuery q) {
        try (Stream<SoftwareUpdate> s = u.find(q)) {
            return s.toList();
        }
    }

    private static SoftwareUpdate withEula(SoftwareUpdates u) {
        return find(u, UpdateQuery.builder().eulaExists(true).build()).get(0);
    }

    @Test
    void criteriaSelectExactlyTheUpdatesThatMatchEveryOne() {
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdates u = cm.softwareUpdates();
            List<SoftwareUpdate> all = find(u, UpdateQuery.all());
            Instant from = Instant.parse("2023-01-01T00:00:00Z");
            List<SoftwareUpdate> found = find(u, UpdateQuery.builder().minSeverity(Severity.IMPORTANT).expired(false)
                    .superseded(false).datePostedBetween(from, null).build());
            List<SoftwareUpdate> expected = all.stream().filter(x -> x.severity().code() >= 8 && !x.isExpired()
                    && !x.isSuperseded() && x.datePosted().orElseThrow().compareTo(from) >= 0).toList();
            assertThat(found).isNotEmpty().extracting(SoftwareUpdate::ciId)
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(SoftwareUpdate::ciId).toList());
        }
    }

    @Test
    void articleIdAcceptsTheKbPrefixAndProductAndTitleCriteriaCombine() {
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdates u = cm.softwareUpdates();
            SoftwareUpdate any = find(u, UpdateQuery.builder().product("Windows Server 2019").build()).get(0);
            assertThat(u.findByArticleId("KB" + any.articleId())).extracting(SoftwareUpdate::ciId).contains(any.ciId());
            String word = any.localizedDisplayName().split(" ")[0];
            assertThat(find(u, UpdateQuery.builder().articleId(any.articleId()).titleContains(word.toLowerCase())
                    .product("Windows Server 2019").build())).extracting(SoftwareUpdate::ciId).contains(any.ciId());
            assertThat(find(u, UpdateQuery.builder().articleId(any.articleId()).titleContains("no such title'; --").build()))
                    .isEmpty();
        }
    }

    @Test
    void valuesAreEscapedNeverPastedIntoTheQuery() {
        UpdateQuery q = UpdateQuery.builder().titleContains("100% 'quoted' [x]_").bulletinId("MS17-010' OR 1=1").build();
        // One literal each: the quote inside stays inside (the printer picks the other quote character), and
        // LIKE wildcards in the text are bracketed so they match themselves.
        assertThat(q.toQuery(List.of()).toWql()).contains("BulletinID IN (\"MS17-010' OR 1=1\")")
                .contains("LIKE \"%100[%] 'quoted' [[]x][_]%\"");
        try (ConfigMgr cm = h.connect()) {
            assertThat(find(cm.softwareUpdates(), q)).isEmpty();
        }
    }

    @Test
    void badCriteriaFailBeforeAnyCall() {
        assertThatThrownBy(() -> UpdateQuery.builder().articleId("KB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpdateQuery.builder().titleContains(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpdateQuery.builder().datePostedBetween(Instant.parse("2024-02-01T00:00:00Z"),
                Instant.parse("2024-01-01T00:00:00Z"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range is empty");
        assertThatThrownBy(() -> UpdateQuery.builder().category()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void getLoadsLazyPropertiesThatQueryResultsLack() {
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdates u = cm.softwareUpdates();
            SoftwareUpdate queried = withEula(u);
            assertThat(queried.localizedEulas().isLoaded()).isFalse();
            SoftwareUpdate loaded = u.loadLazy(queried);
            assertThat(loaded.localizedEulas().isLoaded()).isTrue();
            assertThat(loaded.localizedEulas().get()).isNotEmpty();
            assertThat(u.get(queried.ciId()).ciId()).isEqualTo(queried.ciId());
            assertThat(u.find(queried.ciId())).isPresent();
        }
    }

    @Test
    void aMissingUpdateIsNotFound() {
        try (ConfigMgr cm = h.connect()) {
            assertThatThrownBy(() -> cm.softwareUpdates().get(99)).isInstanceOf(WmiException.class)
                    .satisfies(e -> assertThat(((WmiException) e).is(WbemStatus.WBEM_E_NOT_FOUND)).isTrue());
            assertThat(cm.softwareUpdates().find(99)).isEmpty();
            assertThatThrownBy(() -> cm.softwareUpdates().get(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void acceptingAndDecliningLicenseTermsIsVisibleInEulaAccepted() {
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdates u = cm.softwareUpdates();
            SoftwareUpdate x = withEula(u);
            assertThat(u.getEula(x)).isNotBlank();
            u.acceptEula(x);
            assertThat(u.get(x.ciId()).eulaAccepted()).isEqualTo(EulaAcceptance.ACCEPTED);
            assertThat(find(u, UpdateQuery.builder().articleId(x.articleId()).eulaAccepted(true).build()))
                    .extracting(SoftwareUpdate::ciId).contains(x.ciId());
            u.acceptEula(x, false);
            assertThat(u.get(x.ciId()).eulaAccepted()).isEqualTo(EulaAcceptance.DECLINED);
        }
    }

    @Test
    void licenseTermsOfAnUpdateWithoutThemFailWithReturnValue1168() {
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdates u = cm.softwareUpdates();
            SoftwareUpdate x = find(u, UpdateQuery.builder().eulaExists(false).build()).get(0);
            assertThatThrownBy(() -> u.acceptEula(x)).isInstanceOf(MethodFailedException.class)
                    .satisfies(e -> assertThat(((MethodFailedException) e).returnValue()).isEqualTo(1168))
                    .hasMessageContaining("ERROR_NOT_FOUND");
            assertThatThrownBy(() -> u.getEula(x)).isInstanceOf(MethodFailedException.class);
        }
    }

    @Test
    void setEnforcementSetsAndClearsTheEffectiveDate() {
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdates u = cm.softwareUpdates();
            SoftwareUpdate x = find(u, UpdateQuery.builder().expired(false).build()).get(0);
            Instant deadline = Instant.parse("2024-07-01T00:00:00Z");
            u.setEnforcement(x, true, deadline);
            assertThat(cm.get("SMS_SoftwareUpdate.CI_ID=" + x.ciId()).get("EffectiveDate")).isPresent();
            u.setEnforcement(x, false, null);
            assertThat(cm.get("SMS_SoftwareUpdate.CI_ID=" + x.ciId()).isNull("EffectiveDate")).isTrue();
        }
    }

    @Test
    void resendToAllSitesRunsOn2007AndIsRefusedOnCurrentBranchWithoutACall() {
        Hierarchies old = Hierarchies.cm2007();
        try (ConfigMgr cm = old.connect()) {
            SoftwareUpdate x = find(cm.softwareUpdates(), UpdateQuery.all()).get(0);
            Object before = cm.get("SMS_SoftwareUpdate.CI_ID=" + x.ciId()).get("DateLastModified").orElseThrow();
            old.clock.advance(java.time.Duration.ofMinutes(1));
            cm.softwareUpdates().resendToAllSites(x);
            assertThat(cm.get("SMS_SoftwareUpdate.CI_ID=" + x.ciId()).get("DateLastModified").orElseThrow()).isNotEqualTo(before);
        }
        Hierarchies denied = Hierarchies.currentBranch(Faults.builder().failAlways("ExecMethod", WbemStatus.WBEM_E_FAILED).build());
        try (ConfigMgr cm = denied.connect()) {
            SoftwareUpdate x = find(cm.softwareUpdates(), UpdateQuery.all()).get(0);
            assertThatThrownBy(() -> cm.softwareUpdates().resendToAllSites(x))
                    .isInstanceOf(UnsupportedOnVersionException.class)
                    .hasMessageContaining("resendToAllSites").hasMessageContaining("current branch (5.00.9122.1000)");
        }
    }

    @Test
    void contentListsTheFilesOfTheUpdate() {
        try (ConfigMgr cm = h.connect()) {
            SoftwareUpdate x = find(cm.softwareUpdates(), UpdateQuery.builder().contentProvisioned(true).build()).get(0);
            List<CiContentFile> files = cm.softwareUpdates().content(x);
            assertThat(files).isNotEmpty().allSatisfy(f -> {
                assertThat(f.fileName()).isNotBlank();
                assertThat(f.fileSize()).isPositive();
                assertThat(f.fileHash()).isNotBlank();
                assertThat(f.sourceUrl()).startsWith("http");
            });
        }
    }

    @Test
    void accessDeniedOnQueriesSurfacesAsAWmiException() {
        Hierarchies denied = Hierarchies.currentBranch(Faults.builder().failAlways("ExecQuery", WbemStatus.WBEM_E_ACCESS_DENIED).build());
        try (ConfigMgr cm = denied.connect()) {
            assertThatThrownBy(() -> find(cm.softwareUpdates(), UpdateQuery.all())).isInstanceOf(WmiException.class)
                    .satisfies(e -> assertThat(((WmiException) e).is(WbemStatus.WBEM_E_ACCESS_DENIED)).isTrue());
        }
    }
}
