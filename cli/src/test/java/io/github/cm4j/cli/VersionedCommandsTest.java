package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cli.CliTest.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code schema ... --version}, {@code schema check-models} across versions and {@code updates set}. */
class VersionedCommandsTest {
    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void schemaShowVersion2007ListsThe59PropertiesAndFourMethodsOfThe2007Page() {
        Result r = CliTest.run("schema", "show", "SMS_SoftwareUpdate", "--version", "2007", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        String c = r.out();
        assertThat(count(c, "\"cimTypeCode\"")).as("properties").isEqualTo(59);
        assertThat(c).contains("\"name\":\"IsLegacyEnabled\"").doesNotContain("\"name\":\"PercentCompliant\"");
        assertThat(count(c, "\"returnType\"")).as("methods").isEqualTo(4);
        assertThat(c).contains("\"name\":\"AcceptEULA\"", "\"name\":\"GetEULA\"", "\"name\":\"ResendObjectToAllSites\"",
                "\"name\":\"SetEnforcement\"").doesNotContain("SyncNow");
        String current = CliTest.run("schema", "show", "SMS_SoftwareUpdate", "--version", "current", "--json").out();
        assertThat(count(current, "\"cimTypeCode\"")).isEqualTo(69);
        assertThat(current).doesNotContain("IsLegacyEnabled").contains("\"name\":\"SyncNow\"");
    }

    @Test
    void schemaShowOfAClassTheVersionLacksSaysWhichVersionHasIt() {
        Result r = CliTest.run("schema", "show", "SMS_UpdateGroupAssignment", "--version", "2007");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("does not exist on provider version 2007").contains("--version current");
        assertThat(CliTest.run("schema", "show", "SMS_Template", "--version", "2007").code()).isZero();
        assertThat(CliTest.run("schema", "show", "SMS_Template", "--version", "2019").code()).isEqualTo(2);
    }

    @Test
    void checkModelsChecksEveryVersion() {
        Result r = CliTest.run("schema", "check-models");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("== provider version 2007").contains("== provider version current");
        Result json = CliTest.run("schema", "check-models", "--version", "2007", "--json", "--all");
        assertThat(json.out()).contains("\"version\":\"2007\"").contains("\"property\":\"IsLegacyEnabled\"");
    }

    @Test
    void updatesSetWritesSeverityAndRunTimeInTheVersionsUnit() {
        Result r = CliTest.run("updates", "set", "16777500", "--custom-severity", "important", "--max-runtime", "2h",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(number(r.out(), "CustomSeverity")).isEqualTo(8);
        assertThat(number(r.out(), "MaxExecutionTime")).isEqualTo(7200);
        Result old = CliTest.run("updates", "set", "16777500", "--uri", "memory:demo?version=2007", "--max-runtime", "2h",
                "--json");
        assertThat(number(old.out(), "MaxExecutionTime")).isEqualTo(120);
        Result bad = CliTest.run("updates", "set", "16777500", "--uri", "memory:demo?version=2007", "--max-runtime", "90s");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--max-runtime").contains("minutes");
        assertThat(CliTest.run("updates", "set", "16777500").code()).isEqualTo(2);
    }

    @Test
    void deploymentsCreateOnBothVersionsAndListShowsThem() {
        Result cb = CliTest.run("deployments", "create", "--name", "CLI current", "--collection", "SMS00001", "--group",
                "16700001", "--available", "2030-01-03T18:00", "--deadline", "2030-01-10T18:00", "--accept-eula", "--json");
        assertThat(cb.code()).as(cb.err()).isZero();
        assertThat(cb.out()).contains("\"__CLASS\":\"SMS_UpdateGroupAssignment\"").contains("\"AssignedUpdateGroup\":16700001");
        Result old = CliTest.run("deployments", "create", "--uri", "memory:demo?version=2007", "--name", "CLI 2007",
                "--collection", "SMS00001", "--update-list", "16700001", "--available", "2030-01-03T18:00", "--deadline",
                "2030-01-10T18:00", "--accept-eula", "--template", "Monthly", "--json");
        assertThat(old.code()).as(old.err()).isZero();
        assertThat(old.out()).contains("\"__CLASS\":\"SMS_UpdatesAssignment\"").contains("\"AssignmentName\":\"CLI 2007\"");
        Result list = CliTest.run("deployments", "list", "--uri", "memory:demo?version=2007");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("Patch Tuesday");
        Result backwards = CliTest.run("deployments", "create", "--name", "x", "--collection", "SMS00001", "--group",
                "16700001", "--available", "2031-01-01T00:00", "--deadline", "2030-01-01T00:00");
        assertThat(backwards.code()).isEqualTo(1);
        assertThat(backwards.err()).contains("is not after the available time");
        Result badType = CliTest.run("deployments", "create", "--name", "x", "--collection", "SMS00001", "--group",
                "16700001", "--type", "sometimes");
        assertThat(badType.code()).isEqualTo(2);
        assertThat(badType.err()).contains("--type");
    }
}
