package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testing.ReferenceData;
import io.github.cm4j.testing.ScriptQueries;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every real query and {@code -Filter} clause of public ConfigMgr scripts ({@code shared/reference/wql/*.tsv})
 * runs on {@code memory:demo} and returns plausible results.
 *
 * <p>The PowerShell variables of the queries are replaced by values that exist in the demo hierarchy (an
 * update's CI_ID, a package ID, an update group's name, ...), so that most queries find something; the
 * reading and the PowerShell expansion follow core's {@code WqlReferenceQueriesTest}. Queries whose values
 * cannot exist in the simulator (a script's own update group name, the Locale categories the simulator does
 * not generate) are expected to run and find nothing.
 */
class ReferenceQueriesTest {
    static WmiTransport t;
    static final String CAS = ns("CAS");
    static final Map<String, String> VALUES = new LinkedHashMap<>();


    @BeforeAll
    static void open() {
        t = SimulatedProvider.demo().openTransport();
        // A language-neutral update: Office updates have a content file per language, so the content queries would
        // find three rows where the scripts expect one.
        WmiObject u = query(t, CAS, "SELECT * FROM SMS_SoftwareUpdate WHERE IsContentProvisioned = 1 AND IsExpired = 0"
                + " AND NOT LocalizedDisplayName LIKE '%Office%'").get(0);
        String ciId = Long.toString(u.getLong("CI_ID"));
        String content = Long.toString(query(t, CAS, "SELECT ContentID FROM SMS_CIToContent WHERE CI_ID = " + ciId).get(0).getLong("ContentID"));
        WmiObject group = query(t, CAS, "SELECT * FROM SMS_AuthorizationList ORDER BY CI_ID DESC").get(0);
        WmiObject deployment = query(t, CAS, "SELECT * FROM SMS_UpdateGroupAssignment").get(0);
        String pkg = query(t, CAS, "SELECT PackageID FROM SMS_PackageToContent WHERE ContentID = " + content).get(0).getString("PackageID");
        VALUES.put("$($DeploymentPackage.PackageID)", pkg);
        VALUES.put("$PkgID", pkg);
        VALUES.put("$($SUGName.Replace('*',''))", "Patch Tuesday");
        VALUES.put("$($SUGName)", group.getString("LocalizedDisplayName"));
        VALUES.put("$softwareUpdateGroup", group.getString("LocalizedDisplayName"));
        VALUES.put("$($srcAuthList.LocalizedDisplayName)", group.getString("LocalizedDisplayName"));
        VALUES.put("$AuthList", group.getString("LocalizedDisplayName"));
        VALUES.put("$($PD.DeploymentObjectID)", Long.toString(group.getLong("CI_ID")));
        VALUES.put("$AuthListCI_ID", Long.toString(group.getLong("CI_ID")));
        VALUES.put("$Assignment", Long.toString(group.getLong("CI_ID")));
        VALUES.put("$($Update.AssignedUpdateGroup)", Long.toString(deployment.getLong("AssignedUpdateGroup")));
        VALUES.put("$Vendor", "Company:56309036-4c77-4dd9-951a-99ee9c246a94");
        for (String v : new String[] {"$UpdateId", "$CI_ID", "$update", "$($Update.CI_ID)", "$($_.CI_ID)", "$($CIID)",
            "$($upd.CI_ID)", "$PkgCI", "$UpdateID", "$($_)"}) {
            VALUES.put(v, ciId);
        }
        for (String v : new String[] {"$($updateItem.Key)", "$($srcupdate.CI_UniqueID)", "$($CIUniqueID)"}) {
            VALUES.put(v, u.getString("CI_UniqueID"));
        }
        for (String v : new String[] {"$($ID.ContentID)", "$ContentID", "$($ContentRef.ContentID)"}) {
            VALUES.put(v, content);
        }
        VALUES.put("$ContentIDs", content + "," + (Long.parseLong(content) + 1));
        VALUES.put("$sccmSiteCode", "CAS");
        VALUES.put("$NumPresent", "0");
        VALUES.put("$Products", "'Windows 10','Windows Server 2016'");
        VALUES.put("$OfficeProducts", "'Office 2016','Microsoft 365 Apps/Office 2019/Office LTSC'");
        VALUES.put("$Collection", deployment.getString("TargetCollectionID"));
        VALUES.put("$AssignemntUniqueID", deployment.getString("AssignmentUniqueID"));
        VALUES.put("$deploymentID", deployment.getString("AssignmentUniqueID"));
        for (String v : new String[] {"$($UpdatesAssignment.AssignmentID)", "$DeploymentID", "$($DeploymentInfo.deploymentID)",
            "$($Deployment.DeploymentID)"}) {
            VALUES.put(v, Long.toString(deployment.getLong("AssignmentID")));
        }
    }

    @AfterAll
    static void close() {
        t.close();
    }

    @Test
    void everyQueryFromPublicScriptsRunsOnTheDemoHierarchyWithPlausibleResults() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (Map<String, String> row : ScriptQueries.readTsv(ReferenceData.require("wql/wql_queries_from_public_scripts.tsv"))) {
            String id = row.get("id");
            String written = row.get("wql_as_written_in_source");
            String wql = written.startsWith("(multi-line") ? fromClassAndFilter(row.get("verbatim_source_line"))
                    : id.equals("42") ? written.replace("##SUB:CI_ID##", VALUES.get("$AuthListCI_ID"))
                    : expand(written);
            counts.put(id, run("query row " + id, wql));
        }
        assertThat(counts).hasSize(53);
        System.out.println("reference query result counts: " + counts);
        // Update relations to update groups (RelationType 1) exist; the first two ask for expired/superseded members.
        assertThat(counts.get("3")).isEqualTo(counts.get("1") + counts.get("2") + bothExpiredAndSuperseded());
        assertThat(counts.get("4")).isBetween(4000, 4999);              // all but the Upgrades classification
        assertThat(counts.get("5")).isPositive();                       // updates in a deployment package
        assertThat(counts.get("5")).isEqualTo(counts.get("21"));
        assertThat(counts.get("6")).isEqualTo(counts.get("8")).isGreaterThan(3);   // '%Patch Tuesday%' = 'Patch Tuesday%'
        assertThat(counts.get("7")).isZero();                           // '%Patch Tuesday': names end with the month
        assertThat(counts.get("9")).isOne();
        assertThat(counts.get("10")).isOne();
        assertThat(counts.get("11")).isEqualTo(3);                      // SMS_SUPSyncStatus of CAS, PS1, PS2
        assertThat(counts.get("12")).isEqualTo(2);                      // discovery components run on the primaries
        assertThat(counts.get("13") + counts.get("14") + counts.get("15") + counts.get("16")).isEqualTo(8);
        assertThat(counts.get("17")).isOne();
        assertThat(counts.get("18")).isEqualTo(3);                      // the sync manager of each site
        assertThat(counts.get("19")).isZero();                          // no Locale categories in the simulator
        assertThat(counts.get("20")).isEqualTo(5000);                   // every update is Microsoft's
        assertThat(counts.get("23")).isOne();
        assertThat(counts.get("22")).isZero();                          // that update is not expired
        assertThat(counts.get("24")).isEqualTo(counts.get("25")).isPositive();
        assertThat(counts.get("26")).isBetween(100, 2500);
        assertThat(counts.get("27")).isZero();                          // KB832880 (2004) predates the catalog
        assertThat(counts.get("28")).isOne();
        assertThat(counts.get("29")).isOne();
        assertThat(counts.get("30")).isOne();
        assertThat(counts.get("31")).isOne();
        assertThat(counts.get("32")).isOne();
        assertThat(counts.get("33")).isOne();
        assertThat(counts.get("34")).isOne();
        assertThat(counts.get("35")).isEqualTo(2);
        assertThat(counts.get("36")).isOne();
        assertThat(counts.get("37")).isZero();                          // that script's own group name
        assertThat(counts.get("38")).isEqualTo(5000);
        assertThat(counts.get("39")).isBetween(100, 4900);
        assertThat(counts.get("40")).isEqualTo(counts.get("6"));        // one deployment per group
        assertThat(counts.get("41")).isOne();
        assertThat(counts.get("42")).isOne();
        assertThat(counts.get("43")).isEqualTo(3);
        assertThat(counts.get("50")).isEqualTo(3);
        assertThat(counts.get("44")).isOne();
        assertThat(counts.get("45")).isOne();                           // only the top site syncs from Microsoft Update
        assertThat(counts.get("46")).isOne();
        assertThat(counts.get("47")).isOne();
        assertThat(counts.get("48")).isOne();
        assertThat(counts.get("49")).isOne();
        assertThat(counts.get("51")).isPositive();
        assertThat(counts.get("52")).isPositive();
        assertThat(counts.get("53")).isEqualTo(3);
    }

    private static int bothExpiredAndSuperseded() {
        return query(t, CAS, "SELECT SU.CI_ID FROM SMS_SoftwareUpdate AS SU JOIN SMS_CIRelation AS CIR ON SU.CI_ID = CIR.ToCIID"
                + " WHERE CIR.RelationType = 1 AND SU.IsExpired = 1 AND SU.IsSuperseded = 1").size();
    }

    @Test
    void everyFilterClauseFromPublicScriptsRunsOnTheDemoHierarchy() throws IOException {
        List<Map<String, String>> queryRows = ScriptQueries.readTsv(ReferenceData.require("wql/wql_queries_from_public_scripts.tsv"));
        Map<String, Integer> counts = new TreeMap<>();
        for (Map<String, String> row : ScriptQueries.readTsv(ReferenceData.require("wql/wql_filter_clauses_and_object_paths.tsv"))) {
            String id = row.get("id");
            String clause = row.get("filter_text_as_written");
            String wql;
            if (clause.startsWith("(object path")) {
                continue;
            } else if (clause.startsWith("(continued on next line)")) {
                wql = fromClassAndFilter(queryRows.stream().filter(r -> r.get("id").equals("51")).findFirst()
                        .orElseThrow().get("verbatim_source_line"));
            } else if (clause.startsWith("(WQL built by string concatenation")) {
                wql = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_CONFIGURATION_MANAGER' AND SiteCode = 'PS1'";
            } else {
                wql = "SELECT * FROM " + row.get("class") + " WHERE " + expand(clause);
            }
            counts.put(id, run("clause row " + id, wql));
        }
        System.out.println("reference filter result counts: " + counts);
        assertThat(counts).hasSize(20);
        // the demo deploys update groups (SMS_UpdateGroupAssignment), not single updates (SMS_UpdatesAssignment)
        assertThat(counts.get("10")).isZero();
        for (String one : new String[] {"1", "2", "3", "5", "6", "7", "8", "9", "11", "12", "13", "14", "15", "16", "17", "20"}) {
            assertThat(counts.get(one)).as("clause row " + one).isOne();
        }
        assertThat(counts.get("4")).isPositive();
        assertThat(counts.get("18")).isEqualTo(3);
        assertThat(counts.get("19")).isPositive();
    }

    private static int run(String what, String wql) {
        try {
            return query(t, CAS, wql).size();
        } catch (RuntimeException e) {
            throw new AssertionError(what + " failed: " + wql + "\n" + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ PowerShell expansion (as in core)

    static String expand(String text) {
        return ScriptQueries.expandPowerShell(text, VALUES, true);
    }

    private static String fromClassAndFilter(String verbatim) {
        return ScriptQueries.fromClassAndFilter(verbatim, ReferenceQueriesTest::expand);
    }

}
