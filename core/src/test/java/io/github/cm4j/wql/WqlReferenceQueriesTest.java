package io.github.cm4j.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.cm4j.ParseException;
import io.github.cm4j.testing.ReferenceData;
import io.github.cm4j.testing.ScriptQueries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every WQL query and {@code -Filter} clause that public ConfigMgr scripts send to the SMS Provider
 * ({@code shared/reference/wql/*.tsv}) parses, and prints back to text that parses to an equal AST.
 *
 * <p>The files keep PowerShell as written: {@code $var}, {@code $($x.y)} and {@code $(...)} sub-expressions are
 * replaced here by sample values ({@value #SAMPLE} inside a quoted WQL string; outside quotes by the values in
 * {@link #UNQUOTED_SAMPLES}, so an unknown variable fails the test instead of being guessed), and the PowerShell
 * escape {@code `'} becomes {@code '}. Multi-line rows are rebuilt from their verbatim source line
 * ({@code -Class X -Filter "..."} becomes {@code SELECT * FROM X WHERE ...}).
 *
 * <p>Judgements on rows that are not plain WQL as written:
 * <ul>
 *   <li>queries row 42 ({@code WHERE AssignedUpdateGroup = ##SUB:CI_ID##}, from a commented-out line) holds a
 *       template placeholder, not WQL: as written it is rejected (the {@code #}); with the placeholder
 *       substituted by a CI_ID it parses;</li>
 *   <li>clauses row 19 is the first physical line of a {@code -Filter} continued on the next line; its complete
 *       form is queries row 51 and is checked from there;</li>
 *   <li>clauses row 20 is VBScript string concatenation; the fragments are joined with {@code siteCode} =
 *       {@code PS1};</li>
 *   <li>clauses row 21 is an object path, not WQL: skipped (object paths are another parser's job).</li>
 * </ul>
 * No reference row was judged invalid WQL. No row uses {@code ASSOCIATORS OF} or {@code REFERENCES OF}.
 */
class WqlReferenceQueriesTest {
    static final String SAMPLE = ScriptQueries.SAMPLE;

    /** Values for PowerShell variables used outside WQL quotes (numbers and pre-quoted lists). */
    static final Map<String, String> UNQUOTED_SAMPLES = Map.of(
            "$($PD.DeploymentObjectID)", "16777345",
            "$($_)", "16777216",
            "$ContentID", "16777216",
            "$ContentIDs", "16777216,16777217",
            "$NumPresent", "0",
            "$Products", "'Windows 10','Windows Server 2016'",
            "$OfficeProducts", "'Office 2016','Office 365 Client'");


    @Test
    void everyQueryFromPublicScriptsParsesAndRoundTrips() throws IOException {
        List<Map<String, String>> rows = ScriptQueries.readTsv(ReferenceData.require("wql/wql_queries_from_public_scripts.tsv"));
        Map<String, String> queries = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String id = row.get("id");
            String written = row.get("wql_as_written_in_source");
            String wql;
            if (written.startsWith("(multi-line")) {
                wql = fromClassAndFilter(row.get("verbatim_source_line"));
            } else if (id.equals("42")) {
                String raw = written;
                assertThatThrownBy(() -> Wql.parse(raw)).isInstanceOf(ParseException.class)
                        .hasMessageContaining("unexpected character '#'");
                wql = written.replace("##SUB:CI_ID##", "16777234");
            } else {
                wql = expandPowerShell(written);
            }
            queries.put(id, wql);
        }
        int parsed = 0;
        for (Map.Entry<String, String> q : queries.entrySet()) {
            assertParsesAndRoundTrips("query row " + q.getKey(), q.getValue());
            parsed++;
        }
        assertThat(parsed).isEqualTo(53);

        // Spot checks that the AST says what the query says.
        SelectQuery q21 = Wql.parse(queries.get("21"));
        assertThat(q21.distinct()).isTrue();
        assertThat(q21.items()).containsExactly(Wildcard.of("su"));
        assertThat(q21.joins()).hasSize(2);
        assertThat(q21.orderBy()).containsExactly(new OrderItem(PropertyRef.of("su.DateRevised"), SortDirection.DESC));
        assertThat(q21.resolve("SU")).contains(ClassRef.of("SMS_SoftwareUpdate", "su"));
        SelectQuery q4 = Wql.parse(queries.get("4"));
        assertThat(q4.where()).get().isInstanceOf(InSubquery.class);
        assertThat(((InSubquery) q4.where().get()).negated()).isTrue();
        SelectQuery q35 = Wql.parse(queries.get("35"));
        assertThat(((InList) q35.where().get()).values()).containsExactly(new Literal(16777216L), new Literal(16777217L));
        SelectQuery q6 = Wql.parse(queries.get("6"));
        assertThat(q6.where().get()).isEqualTo(new Like(PropertyRef.of("LocalizedDisplayName"), "%" + SAMPLE + "%", false));
        SelectQuery q19 = Wql.parse(queries.get("19"));
        assertThat(q19.toWql()).isEqualTo("SELECT LocalizedCategoryInstanceName FROM SMS_CIAllCategories WHERE"
                + " CategoryTypeName = \"Locale\" AND CategoryInstance_UniqueID = \"" + SAMPLE + "\"");
        assertThat(queries.get("51")).isEqualTo("SELECT * FROM sms_softwareupdate WHERE NumPresent > 0 and"
                + " LocalizedCategoryInstanceNames in ('Windows 10','Windows Server 2016') and NumMissing > 15");
    }

    @Test
    void everyFilterClauseFromPublicScriptsParsesAndRoundTrips() throws IOException {
        List<Map<String, String>> rows = ScriptQueries.readTsv(ReferenceData.require("wql/wql_filter_clauses_and_object_paths.tsv"));
        List<Map<String, String>> queryRows =
                ScriptQueries.readTsv(ReferenceData.require("wql/wql_queries_from_public_scripts.tsv"));
        int parsed = 0;
        List<String> skipped = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String id = row.get("id");
            String clause = row.get("filter_text_as_written");
            String wql;
            if (clause.startsWith("(object path")) {
                skipped.add(id);
                continue;
            } else if (clause.startsWith("(continued on next line)")) {
                // The source.txt says: its complete form is queries row 51.
                String verbatim = queryRows.stream().filter(r -> r.get("id").equals("51")).findFirst()
                        .orElseThrow().get("verbatim_source_line");
                assertThat(verbatim).startsWith(row.get("verbatim_source_line").trim());
                wql = fromClassAndFilter(verbatim);
            } else if (clause.startsWith("(WQL built by string concatenation")) {
                wql = fromVbScriptConcatenation(row.get("verbatim_source_line"), Map.of("siteCode", "PS1"));
                assertThat(wql).isEqualTo("SELECT * FROM SMS_SCI_Component WHERE ComponentName ="
                        + " 'SMS_WSUS_CONFIGURATION_MANAGER' AND SiteCode = 'PS1'");
            } else {
                String condition = expandPowerShell(clause);
                // The clause alone parses as a condition, too.
                Expression e = Wql.parseCondition(condition);
                assertThat(Wql.parseCondition(WqlPrinter.print(e))).isEqualTo(e);
                wql = "SELECT * FROM " + row.get("class") + " WHERE " + condition;
            }
            assertParsesAndRoundTrips("clause row " + id, wql);
            parsed++;
        }
        assertThat(parsed).isEqualTo(20);
        assertThat(skipped).containsExactly("21");
    }

    @Test
    void sampleExpansionReplacesPowerShellVariablesBySampleValues() {
        assertThat(expandPowerShell("X like '%$($SUGName.Replace('*',''))%'")).isEqualTo("X like '%Sample01%'");
        assertThat(expandPowerShell("CI_ID=$($PD.DeploymentObjectID)")).isEqualTo("CI_ID=16777345");
        assertThat(expandPowerShell("A=`'Locale`' and B=`'$locale`'")).isEqualTo("A='Locale' and B='Sample01'");
        assertThatThrownBy(() -> expandPowerShell("X = $Unknown")).isInstanceOf(AssertionError.class);
    }

    private static void assertParsesAndRoundTrips(String what, String wql) {
        SelectQuery ast;
        try {
            ast = Wql.parse(wql);
        } catch (ParseException e) {
            throw new AssertionError(what + " does not parse: " + wql + "\n" + e.getMessage() + "\n"
                    + e.caretSnippet(), e);
        }
        String printed = ast.toWql();
        assertThat(Wql.parse(printed)).as("%s printed as %s", what, printed).isEqualTo(ast);
        assertThat(Wql.parse(printed).toWql()).as(what).isEqualTo(printed);
    }

    // ------------------------------------------------------------------------------------ sample values

    /** Replaces PowerShell variables by sample values (see {@link ScriptQueries#expandPowerShell}). */
    static String expandPowerShell(String text) {
        return ScriptQueries.expandPowerShell(text, UNQUOTED_SAMPLES, false);
    }

    private static String fromClassAndFilter(String verbatim) {
        return ScriptQueries.fromClassAndFilter(verbatim, WqlReferenceQueriesTest::expandPowerShell);
    }

    /** Joins the string fragments of a VBScript concatenation {@code "a" & _ \n "b" & var & "c"}. */
    private static String fromVbScriptConcatenation(String verbatim, Map<String, String> variables) {
        String expression = verbatim.substring(verbatim.indexOf('=') + 1);
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\"((?:[^\"]|\"\")*)\"|([A-Za-z][A-Za-z0-9]*)").matcher(expression);
        while (m.find()) {
            if (m.group(1) != null) {
                out.append(m.group(1).replace("\"\"", "\""));
            } else if (!m.group(2).equals("n")) { // the "\n" line-join marker
                String value = variables.get(m.group(2));
                assertThat(value).as("sample for VBScript variable %s", m.group(2)).isNotNull();
                out.append(value);
            }
        }
        return out.toString().trim();
    }

    // --------------------------------------------------------------------------------------------- TSV

}
