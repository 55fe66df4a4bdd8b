package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.WmiTransport;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogTest {
    static final String CAS = ns("CAS");
    static WmiTransport t;
    static List<WmiObject> updates;

    @BeforeAll
    static void open() {
        t = SimulatedProvider.demo().openTransport();
        updates = query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate");
    }

    @AfterAll
    static void close() {
        t.close();
    }

    static Map<String, Long> histogram(Function<WmiObject, String> f) {
        return updates.stream().collect(Collectors.groupingBy(f, Collectors.counting()));
    }

    @Test
    void theDemoCatalogMixesCumulativeSecurityAndDefinitionUpdates() {
        Map<String, Long> byClassification = histogram(u -> u.get("LocalizedCategoryInstanceNames").orElseThrow().asStringList().get(3));
        assertThat(byClassification).containsKeys("Security Updates", "Critical Updates", "Definition Updates", "Updates",
                "Update Rollups", "Upgrades", "Service Packs");
        assertThat(byClassification.get("Definition Updates")).isBetween(500L, 3000L);
        assertThat(byClassification.get("Security Updates")).isBetween(1000L, 3500L);
        assertThat(updates).filteredOn(u -> u.getString("LocalizedDisplayName").contains("Cumulative Update for Windows")).hasSizeGreaterThan(300);
        assertThat(updates).filteredOn(u -> u.getString("LocalizedDisplayName").startsWith("Security Intelligence Update"))
                .allSatisfy(u -> assertThat(u.getString("ArticleID")).isEqualTo("2267602"));
    }

    @Test
    void articleBulletinAndSeverityFollowTheRealConventions() {
        assertThat(updates).extracting(u -> u.getLong("Severity")).containsOnly(0L, 2L, 6L, 8L, 10L);
        Map<Long, String> names = Map.of(10L, "Critical", 8L, "Important", 6L, "Moderate", 2L, "Low");
        updates.forEach(u -> assertThat(u.getString("SeverityName")).isEqualTo(names.get(u.getLong("Severity"))));
        Instant msrcEnd = Instant.parse("2017-04-11T00:00:00Z");
        List<WmiObject> bulletins = updates.stream().filter(u -> !u.getString("BulletinID").isEmpty()).toList();
        assertThat(bulletins).hasSizeGreaterThan(100).allSatisfy(u -> {
            assertThat(u.getString("BulletinID")).matches("MS1[4-7]-\\d{3}");
            assertThat(posted(u)).isBefore(msrcEnd);
            assertThat(u.getLong("Severity")).isPositive();
        });
        assertThat(updates).filteredOn(u -> posted(u).isAfter(msrcEnd)).allSatisfy(u -> assertThat(u.getString("BulletinID")).isEmpty());
        assertThat(updates).extracting(u -> u.getString("ArticleID")).allMatch(a -> a.isEmpty() || a.matches("\\d{6,7}"));
        assertThat(updates).extracting(u -> u.getString("CI_UniqueID")).doesNotHaveDuplicates();
    }

    @Test
    void datesSupersedenceAndExpiryAreConsistent() {
        for (WmiObject u : updates) {
            Instant posted = posted(u);
            assertThat(posted).isBetween(Instant.parse("2014-01-01T00:00:00Z"), SimulatedClock.DEFAULT_START);
            assertThat(u.get("DateRevised").orElseThrow().asDateTime().toInstant()).isAfterOrEqualTo(posted);
        }
        Set<Long> supersededIds = query(t, CAS, "SELECT ToCIID FROM SMS_CIRelation WHERE RelationType = 6").stream()
                .map(r -> r.getLong("ToCIID")).collect(Collectors.toSet());
        assertThat(updates).filteredOn(u -> u.getBoolean("IsSuperseded")).extracting(u -> u.getLong("CI_ID"))
                .containsExactlyInAnyOrderElementsOf(supersededIds);
        // the newest update of each line is not superseded; definition updates expire when superseded
        assertThat(updates.subList(updates.size() - Catalog.LINE_COUNT, updates.size()))
                .allSatisfy(u -> assertThat(u.getBoolean("IsSuperseded")).isFalse());
        assertThat(updates).filteredOn(u -> u.getString("LocalizedDisplayName").contains("KB2267602") && u.getBoolean("IsSuperseded"))
                .isNotEmpty().allSatisfy(u -> assertThat(u.getBoolean("IsExpired")).isTrue());
        assertThat(updates).filteredOn(u -> u.getBoolean("IsDeployed"))
                .isNotEmpty().allSatisfy(u -> assertThat(u.getBoolean("IsExpired")).isFalse());
    }

    @Test
    void categoriesContentAndFilesMatchTheirUpdates() {
        WmiObject u = updates.get(4321);
        long id = u.getLong("CI_ID");
        List<WmiObject> cats = query(t, CAS, "SELECT * FROM SMS_CIAllCategories WHERE CI_ID = " + id);
        assertThat(cats).extracting(c -> c.getString("CategoryInstance_UniqueID"))
                .containsExactlyElementsOf(u.get("CategoryInstance_UniqueIDs").orElseThrow().asStringList());
        assertThat(cats).extracting(c -> c.getString("CategoryTypeName")).containsExactly("Company", "ProductFamily", "Product",
                "UpdateClassification");
        Set<Long> catalogIds = new HashSet<>(query(t, CAS, "SELECT CategoryInstanceID FROM SMS_UpdateCategoryInstance").stream()
                .map(c -> c.getLong("CategoryInstanceID")).toList());
        assertThat(cats).allSatisfy(c -> assertThat(catalogIds).contains(c.getLong("CategoryInstanceID")));

        WmiObject content = query(t, CAS, "SELECT * FROM SMS_CIToContent WHERE CI_ID = " + id).get(0);
        WmiObject file = query(t, CAS, "SELECT * FROM SMS_CIContentFiles WHERE ContentID = " + content.getLong("ContentID")).get(0);
        assertThat(file.getLong("FileSize")).isEqualTo(u.getLong("Size"));
        assertThat(file.getString("SourceURL")).startsWith("http://download.windowsupdate.com/").endsWith(file.getString("FileName"));
        assertThat(content.getBoolean("ContentDownloaded")).isEqualTo(u.getBoolean("IsContentProvisioned"));
        // One content row per update, except Office updates: one per language (en-US, de-DE, fr-FR), see Content.
        Map<Long, List<String>> localesByUpdate = new HashMap<>();
        for (WmiObject row : query(t, CAS, "SELECT CI_ID, ContentLocales FROM SMS_CIToContent")) {
            localesByUpdate.computeIfAbsent(row.getLong("CI_ID"), k -> new ArrayList<>())
                    .addAll(row.get("ContentLocales").orElseThrow().asStringList());
        }
        assertThat(localesByUpdate).hasSize(5000);
        assertThat(localesByUpdate.values()).allSatisfy(l -> assertThat(Set.copyOf(l)).isIn(Set.of("Locale:0"),
                Set.of("Locale:1033", "Locale:1031", "Locale:1036")));
        assertThat(localesByUpdate.values()).anySatisfy(l -> assertThat(l).hasSize(3));
        assertThat(query(t, CAS, "SELECT COUNT(*) FROM SMS_CIAllCategories").get(0).getLong("Count")).isEqualTo(20000);
    }

    @Test
    void updateGroupsListTheirMembersLazilyAndThroughRelations() {
        WmiObject group = query(t, CAS, "SELECT * FROM SMS_AuthorizationList").get(0);
        assertThat(group.isNull("Updates")).isTrue();
        List<Long> members = t.get(CAS, group.path(), CALL, WmiContext.empty()).get("Updates").orElseThrow().asList().stream()
                .map(o -> (Long) o).toList();
        assertThat(members).hasSize((int) (long) group.getLong("NumberOfUpdates")).isNotEmpty();
        assertThat(query(t, CAS, "SELECT ToCIID FROM SMS_CIRelation WHERE RelationType = 1 AND FromCIID = " + group.getLong("CI_ID")))
                .extracting(r -> r.getLong("ToCIID")).containsExactlyInAnyOrderElementsOf(members);
        assertThat(members).allSatisfy(m -> assertThat(updates.get((int) (m - Catalog.FIRST_CI_ID)).getBoolean("IsDeployed")).isTrue());
    }

    @Test
    void aSeedGivesTheSameCatalogEveryTime() {
        try (WmiTransport a = SimulatedProvider.builder().seed(99).catalogSize(500).build().openTransport();
             WmiTransport b = SimulatedProvider.builder().seed(99).catalogSize(500).build().openTransport()) {
            assertThat(query(a, CAS, "SELECT * FROM SMS_SoftwareUpdate")).isEqualTo(query(b, CAS, "SELECT * FROM SMS_SoftwareUpdate"));
            assertThat(query(a, CAS, "SELECT * FROM SMS_CIContentFiles")).isEqualTo(query(b, CAS, "SELECT * FROM SMS_CIContentFiles"));
        }
    }

    private static Instant posted(WmiObject u) {
        return u.get("DatePosted").orElseThrow().asDateTime().toInstant();
    }
}
