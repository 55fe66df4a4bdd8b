package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cli.CliTest.Result;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The output conventions of docs/cli.md: formats, terminal width, JSON values, help and usage exit codes. */
class OutputFormatsTest {

    private static Result run(int columns, String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("COLUMNS", Integer.toString(columns));
        OutputOptions.environment = env;
        return CliTest.run(args);
    }

    @AfterEach
    void restoreEnvironment() {
        OutputOptions.environment = System.getenv();
    }

    @Test
    void tablesFitA120ColumnTerminal() {
        Result list = run(120, "updates", "list", "--limit", "50");
        Result status = run(120, "query", "SELECT * FROM SMS_SUPSyncStatus");
        Result all = run(120, "query", "SELECT * FROM SMS_SoftwareUpdate");
        for (Result r : List.of(list, status, all)) {
            assertThat(r.code()).isZero();
            assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        }
        assertThat(list.out()).contains("(50 updates)");
        assertThat(all.out()).as("columns that cannot fit are named in the footer")
                .containsPattern("\\(\\d+ rows; \\d+ more columns not shown: --format list, --wide or --json show them\\)");
    }

    @Test
    void wideShowsLongTitlesInFull() {
        Result fitted = run(80, "updates", "list", "--limit", "5");
        Result wide = run(80, "updates", "list", "--limit", "5", "--wide");
        assertThat(fitted.out()).contains("…");
        assertThat(wide.out().lines().mapToInt(String::length).max().getAsInt()).isGreaterThan(80);
        assertThat(wide.out()).doesNotContain("…");
    }

    @Test
    void listFormatPrintsOneNameValuePairPerLine() {
        Result r = run(120, "query", "--format", "list", "SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID = 16777227");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CI_ID     : 16777227").contains("ArticleID : 2904752");
    }

    @Test
    void csvQuotesFieldsWithCommasAndQuotes() {
        Result r = run(120, "query", "--format", "CSV", "SELECT CI_ID, LocalizedDescription FROM SMS_SoftwareUpdate WHERE CI_ID = 16777227");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("__CLASS,CI_ID,LocalizedDescription");
        assertThat(lines.get(1)).startsWith("SMS_SoftwareUpdate,16777227,\"A security issue has been identified");
        assertThat(Printer.csvLine(List.of("a\"b", 1, "c,d"))).isEqualTo("\"a\"\"b\",1,\"c,d\"");
    }

    @Test
    void jsonAndTableAgreeOnEveryValue() {
        Result json = run(300, "query", "--json", "SELECT CI_ID, DatePosted, IsExpired FROM SMS_SoftwareUpdate WHERE CI_ID = 16777227");
        Result table = run(300, "query", "SELECT CI_ID, DatePosted, IsExpired FROM SMS_SoftwareUpdate WHERE CI_ID = 16777227");
        assertThat(json.out().trim()).isEqualTo(
                "{\"__CLASS\":\"SMS_SoftwareUpdate\",\"CI_ID\":16777227,\"DatePosted\":\"2014-01-18T09:50:17Z\",\"IsExpired\":false}");
        assertThat(table.out()).contains("16777227  2014-01-18T09:50:17Z  false");
    }

    @Test
    void jsonDatesAreIsoWithOffsetAndKeyOrderIsStable() {
        Result a = run(120, "updates", "list", "--json", "--limit", "3");
        assertThat(a.out()).doesNotContainPattern("\"\\d{14}\\.\\d{6}[+-]\\d{3}\"").contains("\"DatePosted\":\"2014-01-");
        assertThat(Json.write(Map.of("b", 1, "a", 2, "c", 3))).isEqualTo("{\"a\":2,\"b\":1,\"c\":3}");
        assertThat(Json.write(java.time.Duration.ofMillis(7084))).isEqualTo("7.084");
        assertThat(Json.write(java.time.Duration.ofSeconds(30))).isEqualTo("30");
    }

    @Test
    void helpWorksOnEverySubcommandAndForNestedCommands() {
        Result sync = CliTest.run("sync", "--help");
        assertThat(sync.code()).isZero();
        assertThat(sync.out()).startsWith("Usage: cm4j sync");
        Result nested = CliTest.run("help", "updates", "list");
        assertThat(nested.code()).isZero();
        assertThat(nested.out()).startsWith("Usage: cm4j updates list");
        assertThat(CliTest.run("updates", "list", "-h").out()).startsWith("Usage: cm4j updates list");
        Result serve = CliTest.run("serve", "--help");
        assertThat(serve.code()).as("a command whose own --version takes the mixin's name").isZero();
        assertThat(serve.out()).startsWith("Usage: cm4j serve");
        assertThat(CliTest.run("help", "updates", "nope").code()).isEqualTo(2);
    }

    @Test
    void optionErrorsExitTwoInAFewLinesWithoutJavaTypes() {
        for (String[] args : List.of(new String[] {"updates", "list", "--posted-after", "2024/05/01"},
                new String[] {"updates", "list", "--limit", "99999999999999999999"},
                new String[] {"updates", "list", "--limit", "-1"},
                new String[] {"updates", "list", "--min-severity", "urgent"},
                new String[] {"updates", "list", "--format", "yaml"})) {
            Result r = CliTest.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(3);
            assertThat(r.err()).doesNotContain("java.").doesNotContain("Exception").doesNotContain("For input string");
        }
    }

    @Test
    void enumOptionsIgnoreCase() {
        Result r = CliTest.run("updates", "list", "--min-severity", "critical", "--limit", "1", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"Severity\":10");
    }

    @Test
    void anUnknownCategorySaysHowToListTheNames() {
        Result r = CliTest.run("updates", "list", "--category", "Windows 99");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("no update is in the category Windows 99").contains("SMS_UpdateCategoryInstance");
    }

    @Test
    void aClosedStandardOutputStopsTheEnumerationAtOnce() throws Exception {
        // the real command in its own JVM, read by a "head -1" that goes away after its line
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), Cm4j.class.getName(),
                "query", "--uri", "memory:demo?updates=1000000", "--json", "SELECT * FROM SMS_SoftwareUpdate")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = reader.readLine();
        assertThat(first).startsWith("{\"__CLASS\":\"SMS_SoftwareUpdate\"");
        long closedAt = System.nanoTime();
        p.getInputStream().close();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the process ends after its reader went away").isTrue();
        // reading all 1,000,000 updates takes tens of seconds; stopping at once takes well under one
        assertThat(millis).as("ms from closing the pipe to the process's end").isLessThan(2_000);
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void aBadSiteCodeIsAUsageError() {
        Result r = CliTest.run("updates", "list", "--site", "PS");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--site takes a three-character site code such as CAS or PS1, not 'PS'");
    }

    @Test
    void anAmbiguousArticleListsAFewCandidatesOnShortLines() {
        Result r = CliTest.run("updates", "show", "KB2267602");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().count()).isBetween(3L, 9L);
        assertThat(r.err().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        assertThat(r.err()).contains("matches").contains("give one CI_ID").contains("cm4j updates list --article KB2267602");
    }

    @Test
    void theNewFiltersNarrowTheList() {
        long all = CliTest.run("updates", "list", "--json").out().lines().count();
        long accepted = CliTest.run("updates", "list", "--json", "--eula-accepted", "true").out().lines().count();
        long notLatest = CliTest.run("updates", "list", "--json", "--latest", "false").out().lines().count();
        long microsoft = CliTest.run("updates", "list", "--json", "--vendor", "microsoft").out().lines().count();
        long revised = CliTest.run("updates", "list", "--json", "--revised-after", "2030-01-01").out().lines().count();
        assertThat(all).isGreaterThan(0);
        assertThat(accepted).isLessThan(all);
        assertThat(notLatest).isLessThan(all);
        assertThat(microsoft).isEqualTo(all);
        assertThat(revised).isZero();
    }

    @Test
    void aChangeOnTheEmbeddedSimulatorSaysItEndsWithTheCommand() {
        Result r = CliTest.run("updates", "accept-eula", "16777295");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("simulated inside this command, so the change ends with it").contains("cm4j serve");
    }

    @Test
    void longErrorsAreSummarisedAndVerbosePrintsThemWhole() {
        java.io.StringWriter shortErr = new java.io.StringWriter();
        String longMessage = "first line of a long failure\n" + "x".repeat(900);
        Cm4j.printError(new java.io.PrintWriter(shortErr, true), new IllegalStateException(longMessage));
        assertThat(shortErr.toString()).startsWith("cm4j: first line of a long failure")
                .contains("--verbose prints the whole message");
        assertThat(shortErr.toString().length()).isLessThan(400);
        Result verbose = CliTest.run("--verbose", "query", "--uri", "nosuch:demo", "SELECT * FROM SMS_Site");
        Result plain = CliTest.run("query", "--uri", "nosuch:demo", "SELECT * FROM SMS_Site");
        assertThat(plain.code()).isEqualTo(1);
        assertThat(plain.err()).contains("no cm4j transport for the scheme 'nosuch:'").doesNotContain("artifact of a transport");
        assertThat(verbose.code()).isEqualTo(1);
    }
}
