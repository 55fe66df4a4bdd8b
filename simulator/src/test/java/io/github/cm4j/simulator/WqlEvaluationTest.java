package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.count;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WqlEvaluationTest {
    static WmiTransport t;
    static final String CAS = ns("CAS");
    static List<WmiObject> all;

    @BeforeAll
    static void open() {
        t = SimulatedProvider.demo().openTransport();
        all = query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate");
    }

    @AfterAll
    static void close() {
        t.close();
    }

    private static long javaCount(java.util.function.Predicate<WmiObject> p) {
        return all.stream().filter(p).count();
    }

    @Test
    void booleansCompareWithTrueFalseNumbersAndStrings() {
        long expired = javaCount(u -> u.getBoolean("IsExpired"));
        assertThat(expired).isBetween(100L, 4900L);
        for (String v : new String[] {"TRUE", "1", "'true'", "'True'", "\"1\""}) {
            assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE IsExpired = " + v)).as(v).isEqualTo(expired);
        }
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE IsExpired = 0")).isEqualTo(5000 - expired);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE IsExpired <> FALSE")).isEqualTo(expired);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE NOT IsExpired = 1")).isEqualTo(5000 - expired);
    }

    @Test
    void numbersCompareWithNumbersAndNumericStrings() {
        long severe = javaCount(u -> u.getLong("Severity") >= 8 && !u.getBoolean("IsExpired"));
        assertThat(severe).isPositive();
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE IsExpired = 0 AND Severity >= 8")).isEqualTo(severe);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE IsExpired = 0 AND '8' <= Severity")).isEqualTo(severe);
        assertThat(query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID = '16777300'")).singleElement()
                .satisfies(u -> assertThat(u.getLong("CI_ID")).isEqualTo(16777300L));
        assertThat(query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID = 16777300.0")).hasSize(1);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE CI_ID > 16777216 AND CI_ID <= 16777226")).isEqualTo(10);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE Size > 1000000000")).isEqualTo(
                javaCount(u -> u.getLong("Size") > 1_000_000_000L));
    }

    @Test
    void stringsCompareCaseInsensitivelyAndNumbersMeetStrings() {
        WmiObject u = all.get(1234);
        String title = u.getString("LocalizedDisplayName");
        assertThat(query(t, CAS, "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName = \""
                + title.toUpperCase().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")).extracting(o -> o.getLong("CI_ID"))
                .contains(u.getLong("CI_ID"));
        String article = all.stream().map(o -> o.getString("ArticleID")).filter(a -> a.matches("\\d{7}")).findFirst().orElseThrow();
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE ArticleID = " + article))
                .isEqualTo(javaCount(o -> article.equals(o.getString("ArticleID"))));
    }

    @Test
    void datetimesCompareAsInstantsWhateverTheirTextForm() {
        Instant cut = Instant.parse("2020-01-01T00:00:00Z");
        long after = javaCount(u -> u.get("DatePosted").orElseThrow().asDateTime().toInstant().isAfter(cut));
        assertThat(after).isBetween(100L, 4900L);
        for (String form : new String[] {"'20200101000000.000000+000'", "'2020-01-01'", "'2020-01-01T00:00:00Z'",
            "'1/1/2020'", "'20200101010000.000000+060'"}) {
            assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE DatePosted > " + form)).as(form).isEqualTo(after);
        }
        assertThatThrownBy(() -> query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE DatePosted > 'yesterday'"))
                .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.is(WbemStatus.WBEM_E_INVALID_QUERY)).isTrue());
    }

    @Test
    void likeUsesTheWmiPatternLanguageCaseInsensitively() {
        long cumulative = javaCount(u -> u.getString("LocalizedDisplayName").toLowerCase().contains("cumulative update for windows 1"));
        assertThat(cumulative).isPositive();
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName LIKE"
                + " '%CUMULATIVE update for Windows 1[01]%'")).isEqualTo(cumulative);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName NOT LIKE '%Cumulative%'"))
                .isEqualTo(javaCount(u -> !u.getString("LocalizedDisplayName").contains("Cumulative")));
        // LIKE on a number compares its decimal text, as the filter "CI_ID like '...'" of public scripts does
        assertThat(query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID LIKE '1677721_'")).hasSize(4);
    }

    @Test
    void inListsAndArrayPropertiesMatchAnyElement() {
        long win = javaCount(u -> u.get("LocalizedCategoryInstanceNames").orElseThrow().asStringList().stream()
                .anyMatch(n -> n.equals("Windows 10") || n.equals("Windows Server 2016")));
        assertThat(win).isPositive();
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE LocalizedCategoryInstanceNames IN"
                + " ('windows 10', 'Windows Server 2016')")).isEqualTo(win);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE Severity IN (10, '8')"))
                .isEqualTo(javaCount(u -> u.getLong("Severity") >= 8));
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE Severity NOT IN (0)"))
                .isEqualTo(javaCount(u -> u.getLong("Severity") != 0));
    }

    @Test
    void inSubselectAndNotInSubselect() {
        String upgrades = "UpdateClassification:3689bdc8-b205-4af4-8d4a-a63924c5e9d5";
        long n = javaCount(u -> u.get("CategoryInstance_UniqueIDs").orElseThrow().asStringList().contains(upgrades));
        assertThat(n).isPositive();
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE CI_ID IN (SELECT CI_ID FROM"
                + " SMS_CIAllCategories WHERE CategoryInstance_UniqueID = '" + upgrades + "')")).isEqualTo(n);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE CI_ID NOT IN (SELECT CI_ID FROM"
                + " SMS_CIAllCategories WHERE CategoryInstance_UniqueID = '" + upgrades + "')")).isEqualTo(5000 - n);
    }

    @Test
    void isNullAndEqualsNullMeanTheSame() {
        long named = javaCount(u -> u.getString("SeverityName") != null);
        assertThat(named).isBetween(1L, 4999L);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE SeverityName IS NOT NULL")).isEqualTo(named);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE SeverityName IS NULL")).isEqualTo(5000 - named);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE SeverityName = NULL")).isEqualTo(5000 - named);
        // a comparison with NULL is unknown: neither it nor its negation is true
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE SeverityName <> 'Critical'")
                + count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE NOT (SeverityName <> 'Critical')")).isEqualTo(named);
    }

    @Test
    void isaAndPolymorphicQueriesFollowTheClassHierarchy() {
        List<WmiObject> items = query(t, CAS, "SELECT * FROM SMS_SiteControlItem");
        assertThat(items).extracting(WmiObject::className).contains("SMS_SCI_Component", "SMS_SCI_SiteDefinition");
        assertThat(query(t, CAS, "SELECT * FROM SMS_SiteControlItem WHERE __this ISA 'SMS_SCI_SiteDefinition'"))
                .hasSize(3).allSatisfy(o -> assertThat(o.className()).isEqualTo("SMS_SCI_SiteDefinition"));
        assertThat(query(t, CAS, "SELECT * FROM SMS_SiteControlItem WHERE __CLASS = 'SMS_SCI_Component'")).hasSize(
                (int) items.stream().filter(i -> i.className().equals("SMS_SCI_Component")).count());
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SCI_Component WHERE Props ISA 'SMS_EmbeddedProperty'"))
                .isEqualTo(items.stream().filter(i -> i.className().equals("SMS_SCI_Component")).count());
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_BaseClass")).isGreaterThan(5000);
    }

    @Test
    void innerAndLeftJoinsWithQualifiedWildcardAndMultiClassResults() {
        List<WmiObject> rows = query(t, CAS, "SELECT SU.CI_ID FROM SMS_SoftwareUpdate AS SU JOIN SMS_CIRelation AS CIR"
                + " ON SU.CI_ID = CIR.ToCIID WHERE CIR.RelationType = 1");
        long members = query(t, CAS, "SELECT * FROM SMS_AuthorizationList").stream()
                .mapToLong(g -> g.getLong("NumberOfUpdates")).sum();
        assertThat(rows).hasSize((int) members).isNotEmpty();
        assertThat(rows.get(0).className()).isEqualTo("SMS_SoftwareUpdate");
        assertThat(rows.get(0).propertyNames()).containsExactly("CI_ID");

        List<WmiObject> pairs = query(t, CAS, "SELECT SU.ArticleID, CF.FileName FROM SMS_SoftwareUpdate AS SU"
                + " JOIN SMS_CIToContent AS CC ON SU.CI_ID = CC.CI_ID JOIN SMS_CIContentFiles AS CF ON CC.ContentID = CF.ContentID"
                + " WHERE SU.CI_ID = 16777300");
        assertThat(pairs).singleElement().satisfies(p -> {
            assertThat(p.className()).isEqualTo("__GENERIC");
            assertThat(p.propertyNames()).containsExactly("SMS_SoftwareUpdate", "SMS_CIContentFiles");
            WmiObject su = p.get("SMS_SoftwareUpdate").orElseThrow().asObject();
            assertThat(su.getLong("CI_ID")).isEqualTo(16777300);
            assertThat(p.get("SMS_CIContentFiles").orElseThrow().asObject().getString("FileName")).isNotBlank();
        });

        long deployedOrNot = count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate AS SU LEFT JOIN SMS_PackageToContent AS P"
                + " ON P.ContentID = SU.CI_ID");
        assertThat(deployedOrNot).isEqualTo(5000);
        long inPackages = count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate AS SU JOIN SMS_CIToContent AS CC"
                + " ON SU.CI_ID = CC.CI_ID JOIN SMS_PackageToContent AS P ON P.ContentID = CC.ContentID");
        // One row per content file: every file (each language's) of a provisioned update is in a package.
        assertThat(inPackages).isEqualTo(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate AS SU JOIN SMS_CIToContent AS CC"
                + " ON SU.CI_ID = CC.CI_ID WHERE SU.IsContentProvisioned = 1")).isGreaterThan(javaCount(u -> u.getBoolean("IsContentProvisioned")));
        List<WmiObject> outer = query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate AS SU LEFT JOIN SMS_PackageToContent AS P"
                + " ON P.ContentID = SU.CI_ID WHERE SU.CI_ID = 16777216");
        assertThat(outer).singleElement().satisfies(o -> assertThat(o.isNull("SMS_PackageToContent")).isTrue());
    }

    @Test
    void distinctOrderByAndCount() {
        List<String> severities = query(t, CAS, "SELECT DISTINCT SeverityName FROM SMS_SoftwareUpdate ORDER BY SeverityName")
                .stream().map(o -> o.getString("SeverityName")).toList();
        assertThat(severities).doesNotHaveDuplicates();
        assertThat(severities.stream().filter(s -> s != null).collect(Collectors.toSet()))
                .isEqualTo(Set.of("Critical", "Important", "Moderate", "Low"));
        assertThat(severities.get(0)).as("NULLs sort first").isNull();

        List<WmiObject> newest = query(t, CAS, "SELECT CI_ID, DatePosted FROM SMS_SoftwareUpdate ORDER BY DatePosted DESC, CI_ID");
        assertThat(newest).hasSize(5000);
        assertThat(newest).extracting(o -> o.get("DatePosted").orElseThrow().asDateTime().toInstant())
                .isSortedAccordingTo(Comparator.reverseOrder());
        WmiObject c = query(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE Severity = 10").get(0);
        assertThat(c.className()).isEqualTo("__GENERIC");
        assertThat(c.getLong("Count")).isEqualTo(javaCount(u -> u.getLong("Severity") == 10));
    }

    @Test
    void projectionKeepsTheKeysAndLazyPropertiesAreNullInResults() {
        WmiObject p = query(t, CAS, "SELECT ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID = 16777400").get(0);
        assertThat(p.propertyNames()).containsExactly("CI_ID", "ArticleID");
        assertThat(p.path().toString()).isEqualTo("SMS_SoftwareUpdate.CI_ID=16777400");

        WmiObject full = query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID = 16777400").get(0);
        assertThat(full.wmiClass().lazyProperties()).isNotEmpty();
        full.wmiClass().lazyProperties().forEach(l -> assertThat(full.isNull(l.name())).as(l.name()).isTrue());
        assertThat(query(t, CAS, "SELECT LocalizedInformation FROM SMS_SoftwareUpdate WHERE CI_ID = 16777400").get(0)
                .isNull("LocalizedInformation")).isTrue();
    }

    @Test
    void invalidQueriesFailWithTheWmiCodes() {
        assertCode("SELEC * FROM SMS_SoftwareUpdate", WbemStatus.WBEM_E_INVALID_QUERY, "WQL");
        assertCode("SELECT * FROM SMS_NoSuchClass", WbemStatus.WBEM_E_INVALID_CLASS, "SMS_NoSuchClass");
        assertCode("SELECT NoSuchProperty FROM SMS_SoftwareUpdate", WbemStatus.WBEM_E_INVALID_QUERY, "NoSuchProperty");
        assertCode("SELECT * FROM SMS_SoftwareUpdate WHERE Nope = 1", WbemStatus.WBEM_E_INVALID_QUERY, "Nope");
        assertCode("SELECT * FROM SMS_SoftwareUpdate WHERE Severity = 'high'", WbemStatus.WBEM_E_INVALID_QUERY, "not a number");
        assertCode("SELECT * FROM SMS_SoftwareUpdate WHERE X.CI_ID = 1", WbemStatus.WBEM_E_INVALID_QUERY, "alias X");
        assertCode("SELECT CI_ID FROM SMS_SoftwareUpdate AS A JOIN SMS_CIToContent AS B ON A.CI_ID = B.CI_ID",
                WbemStatus.WBEM_E_INVALID_QUERY, "ambiguous");
        assertCode("SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID IN (SELECT * FROM SMS_CIAllCategories)",
                WbemStatus.WBEM_E_INVALID_QUERY, "exactly one property");
    }

    private static void assertCode(String wql, WbemStatus status, String detail) {
        assertThatThrownBy(() -> query(t, CAS, wql)).as(wql).isInstanceOfSatisfying(WmiException.class, e -> {
            assertThat(e.status()).contains(status);
            assertThat(e.operation()).isEqualTo("ExecQuery");
            assertThat(e.target()).isEqualTo(wql);
            assertThat(e.getMessage()).contains(detail).contains("cassite.contoso.com");
        });
    }

    @Test
    void aSimpleSelectStreamsAMillionUpdatesInBatches() {
        SimulatedProvider big = SimulatedProvider.builder().catalogSize(1_000_000).build();
        try (WmiTransport bt = big.openTransport();
             Stream<WmiObject> s = bt.query(CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE IsExpired = 0 AND Severity >= 8",
                     QueryOptions.defaults().withBatchSize(50), io.github.cm4j.cim.WmiContext.empty())) {
            // taking the first results must not evaluate the whole catalog
            List<WmiObject> first = s.limit(120).toList();
            assertThat(first).hasSize(120).allSatisfy(u -> assertThat(u.getLong("Severity")).isGreaterThanOrEqualTo(8));
        }
        try (WmiTransport bt = big.openTransport()) {
            // an indexed point lookup does not scan
            assertThat(query(bt, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE CI_ID = 17777215")).hasSize(1);
            assertThat(query(bt, CAS, "SELECT * FROM SMS_CIToContent WHERE CI_ID = 17777215")).hasSize(1);
        }
    }

    @Test
    void literalsOfEveryKindMeetCimValues() {
        assertThat(CimValue.datetime(CimDateTime.parse("20200101000000.000000+000")).asDateTime().toInstant())
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE 1 = 1")).isEqualTo(5000);
        assertThat(count(t, CAS, "SELECT COUNT(*) FROM SMS_SoftwareUpdate WHERE 1 = 2")).isZero();
    }
}
