package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class QueryCommandTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cm4j.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void printsATableFromTheEmbeddedDemoByDefault() {
        Result r = run("query", "SELECT ArticleID, Severity FROM SMS_SoftwareUpdate WHERE CI_ID <= 16777220 AND Severity >= 0");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).startsWith("CI_ID").contains("ArticleID").contains("Severity");
        assertThat(lines[1]).matches("-+( +-+)+");
        assertThat(lines[2]).startsWith("16777216");
        assertThat(lines[lines.length - 1]).isEqualTo("(5 rows)");
    }

    @Test
    void jsonPrintsOneObjectPerRow() {
        Result r = run("query", "--uri", "memory:demo?version=2007", "--json", "SELECT * FROM SMS_Site");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"__CLASS\":\"SMS_Site\""))
                .anyMatch(l -> l.contains("\"SiteCode\":\"CEN\"") && l.contains("\"BuildNumber\":6487"));
    }

    @Test
    void siteOptionPicksTheNamespace() {
        Result r = run("query", "--site", "ps2", "--json", "SELECT SiteCode FROM SMS_SCI_SiteDefinition");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).singleElement().asString().contains("\"SiteCode\":\"PS2\"");
    }

    @Test
    void errorsExitOneWithTheReason() {
        Result syntax = run("query", "SELECT * FROM");
        assertThat(syntax.code()).isEqualTo(1);
        assertThat(syntax.err()).contains("WQL").contains("column").contains("^");
        Result unknownClass = run("query", "SELECT * FROM SMS_NoSuchClass");
        assertThat(unknownClass.code()).isEqualTo(1);
        assertThat(unknownClass.err()).contains("WBEM_E_INVALID_CLASS");
        Result badUri = run("query", "--uri", "memory:nowhere", "SELECT * FROM SMS_Site");
        assertThat(badUri.code()).isEqualTo(1);
        assertThat(badUri.err()).contains("unknown simulated hierarchy");
        Result usage = run("query");
        assertThat(usage.code()).isEqualTo(2);
    }

    @Test
    void emptyResultsSaySo() {
        Result r = run("query", "--uri", "memory:empty", "SELECT * FROM SMS_SoftwareUpdate");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).isEqualTo("(no results)");
    }
}
