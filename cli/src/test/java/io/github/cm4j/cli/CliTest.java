package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cm4j.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void schemaShowPrintsTheClassAsMofThatParsesBack() {
        Result r = run("schema", "show", "SMS_SoftwareUpdate");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("class SMS_SoftwareUpdate").contains("ArticleID").contains("lazy");
        Result again = run("schema", "show", "sms_softwareupdate");
        assertThat(again.out()).as("class names are case-insensitive").isEqualTo(r.out());
    }

    @Test
    void schemaShowJsonListsEveryPropertyWithKeyAndLazyFlags() {
        Result r = run("schema", "show", "SMS_SoftwareUpdate", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).startsWith("{\"name\":\"SMS_SoftwareUpdate\"").endsWith("}");
        assertThat(r.out()).contains("\"name\":\"CI_ID\"").contains("\"key\":true").contains("\"lazy\":true");
        assertThat(r.out().lines()).hasSize(1);
    }

    @Test
    void unknownClassFailsWithExitOne() {
        Result r = run("schema", "show", "SMS_NoSuchClass");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("the schema has no class SMS_NoSuchClass");
    }

    @Test
    void schemaListShowsAllClasses() {
        Result r = run("schema", "list", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSizeGreaterThanOrEqualTo(20).allMatch(l -> l.startsWith("{\"name\":"));
    }

    @Test
    void mofCheckReportsLineAndColumnAndExitsOne(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.mof");
        Files.writeString(good, "class A { [key] string Name; };\n");
        Path bad = dir.resolve("bad.mof");
        Files.writeString(bad, "class A {\n  string Name\n};\n");
        Result ok = run("mof", "check", good.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("good.mof: ok (1 classes, 0 instances)");
        Result r = run("mof", "check", good.toString(), bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.mof:3:1:");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("schema", "show").code()).isEqualTo(2);
        assertThat(run("no-such-command").code()).isEqualTo(2);
    }

    @Test
    void datetimePrintsFieldsAndTheJavaTimeForm() {
        Result r = run("datetime", "20240312170000.000000-480", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"year\":2024").contains("\"utcOffsetMinutes\":-480")
                .contains("\"instant\":\"2024-03-13T01:00:00Z\"");
        Result wildcard = run("datetime", "20240312******.******+***");
        assertThat(wildcard.code()).isZero();
        assertThat(wildcard.out()).contains("complete              false").contains("* (wildcard)");
    }

    @Test
    void invalidDatetimeShowsTheColumnAndExitsOne() {
        Result r = run("datetime", "20241312170000.000000+000");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("column 5").contains("^");
    }

    @Test
    void wqlCheckPrintsTheCanonicalForm() {
        Result r = run("wql", "check", "select * from SMS_SoftwareUpdate where ArticleID = '5005565' and IsExpired = 0");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).isEqualTo("SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID = \"5005565\" AND IsExpired = 0");
    }

    @Test
    void wqlCheckShowsACaretUnderTheErrorColumn() {
        Result r = run("wql", "check", "SELECT * FORM SMS_Site");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("column 10").contains("SELECT * FORM SMS_Site\n         ^");
    }

    @Test
    void wqlCheckJsonPrintsTheSyntaxTree() {
        Result r = run("wql", "check", "--json", "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE Severity >= 8");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"@type\":\"SelectQuery\"").contains("\"@type\":\"Comparison\"")
                .contains("\"className\":\"SMS_SoftwareUpdate\"");
    }

    @Test
    void logsParseDecodesStatusMessages(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("wsyncmgr.log");
        Files.writeString(log, "Starting Sync  $$<SMS_WSUS_SYNC_MANAGER><01-16-2014 10:53:52.608+480><thread=3404 (0xD4C)>\n"
                + "STATMSG: ID=6701 SEV=I LEV=M SOURCE=\"SMS Server\" COMP=\"SMS_WSUS_SYNC_MANAGER\" SYS=CAS SITE=CAS PID=1 TID=2"
                + " GMTDATE=Thu Jan 16 18:53:52.608 2014 ISTR0=\"\" NUMATTRS=0  $$<SMS_WSUS_SYNC_MANAGER>"
                + "<01-16-2014 10:53:52.608+480><thread=3404 (0xD4C)>\n");
        Result r = run("logs", "parse", log.toString(), "--status-only");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).singleElement().asString().contains("STATMSG 6701 I").contains("2014-01-16T10:53:52.608-08:00");
        Result json = run("logs", "parse", log.toString(), "--json");
        assertThat(json.out().lines()).hasSize(2);
        assertThat(json.out()).contains("\"id\":6701").contains("\"component\":\"SMS_WSUS_SYNC_MANAGER\"");
        assertThat(run("logs", "parse", dir.resolve("missing.log").toString()).code()).isEqualTo(1);
    }

    @Test
    void schemaCheckModelsReportsNoMismatchForTheBuiltInSchema() {
        Result r = run("schema", "check-models");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("SoftwareUpdate").contains("SMS_SoftwareUpdate").contains(" 70 properties bound  ok")
                .contains("no mismatch");
        Result all = run("schema", "check-models", "--all");
        assertThat(all.out()).contains("LocalizedEulas").contains("localizedEulas(): Lazy<List<LocalizedEula>>")
                .contains("object:SMS_CI_LocalizedEulas[] lazy");
        Result json = run("schema", "check-models", "--all", "--json");
        assertThat(json.out().lines()).allSatisfy(l -> assertThat(l).startsWith("{\"version\":").contains("\"model\":")
                .contains("\"ok\":true"));
    }

    @Test
    void schemaCheckModelsExitsOneOnAMismatch(@TempDir Path dir) throws Exception {
        Path mof = dir.resolve("wrong.mof");
        Files.writeString(mof, "[Embedded] class SMS_EmbeddedProperty { [key] string ItemType; string PropertyName;"
                + " string Value; string Value1; string Value2; };\n");
        Result r = run("schema", "check-models", "--mof", mof.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("EmbeddedProperty").contains("MISMATCH Value")
                .contains("the model's int takes").contains("the schema has no class SMS_SoftwareUpdate");
    }
}
