package io.github.cm4j.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.SiteVersion;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.model.ModelCheck;
import io.github.cm4j.testing.ReferenceData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built-in schema per provider version against the ConfigMgr 2007 SMS_SoftwareUpdate page
 * ({@code shared/reference/seeds/sms_softwareupdate-server-wmi-class-2007.txt}, the authority for 2007).
 */
class SchemaVersionsTest {
    private static final Pattern SYNTAX_LINE = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)(\\[\\])?\\s*;\\s*$");
    private static final Pattern QUALIFIERS = Pattern.compile("Qualifiers: (\\[[^\\]]*\\]|None)");

    /** The page's syntax block: property name -> type as the page writes it (e.g. {@code String[]}). */
    private static Map<String, String> seedSyntax(String page) {
        Map<String, String> props = new LinkedHashMap<>();
        int start = page.indexOf("Class SMS_SoftwareUpdate");
        int end = page.indexOf("};", start);
        for (String line : page.substring(page.indexOf('{', start) + 1, end).split("\\R")) {
            Matcher m = SYNTAX_LINE.matcher(line);
            if (m.matches()) {
                props.put(m.group(2), m.group(1) + (m.group(3) != null ? "[]" : ""));
            }
        }
        return props;
    }

    private static String seedPage() throws IOException {
        return Files.readString(ReferenceData.require("seeds/sms_softwareupdate-server-wmi-class-2007.txt"),
                StandardCharsets.UTF_8);
    }

    @Test
    void the2007SoftwareUpdateHasExactlyThePagesPropertiesWithTheirTypes() throws IOException {
        Map<String, String> seed = seedSyntax(seedPage());
        assertThat(seed).hasSize(59).containsKey("IsLegacyEnabled");
        WmiClass su = Schema.forVersion(SiteVersion.CM2007_SP2).classNamed("SMS_SoftwareUpdate");
        Map<String, String> ours = new LinkedHashMap<>();
        for (PropertyDefinition p : su.properties()) {
            ours.put(p.name(), p.cimTypeName() + (p.type().isArray() ? "[]" : ""));
        }
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(seed.keySet());
        seed.forEach((name, pageType) -> {
            String want = pageType.toLowerCase(Locale.ROOT).replace("sms_", "object:SMS_")
                    .replace("object:sms_", "object:SMS_");
            String have = ours.get(name).toLowerCase(Locale.ROOT);
            assertThat(have).as(name).isEqualTo(want.toLowerCase(Locale.ROOT));
        });
    }

    @Test
    void the2007SoftwareUpdateHasThePagesFourMethodsAndNoSyncNow() throws IOException {
        String page = seedPage();
        WmiClass su = Schema.forVersion(SiteVersion.CM2007_SP2).classNamed("SMS_SoftwareUpdate");
        List<String> methods = su.methods().stream().map(MethodDefinition::name).toList();
        assertThat(methods).containsExactlyInAnyOrder("AcceptEULA", "GetEULA", "ResendObjectToAllSites", "SetEnforcement");
        for (String m : methods) {
            assertThat(page).contains(m + " Method in Class SMS_SoftwareUpdate");
        }
    }

    @Test
    void the2007PropertiesCarryThePagesQualifiers() throws IOException {
        String page = seedPage();
        WmiClass su = Schema.forVersion(SiteVersion.CM2007_SP2).classNamed("SMS_SoftwareUpdate");
        // Each "  • Name" entry of the Properties section with its "Qualifiers:" line.
        Matcher entry = Pattern.compile("•\\s+(\\w+)\\s*\\R(?:(?!•).)*?" + QUALIFIERS.pattern(), Pattern.DOTALL)
                .matcher(page.substring(page.indexOf("\nProperties")));
        int checked = 0;
        while (entry.find()) {
            PropertyDefinition p = su.property(entry.group(1)).orElseThrow();
            String q = entry.group(2);
            List<String> want = q.equals("None") ? List.of()
                    : List.of(q.substring(1, q.length() - 1).split(",\\s*"));
            List<String> have = p.qualifiers().stream()
                    .filter(x -> !x.name().equalsIgnoreCase("CIMTYPE"))
                    .map(x -> x.value() == null || x.value().value() instanceof Boolean
                            ? x.name() : x.name() + "(\"" + x.value().asString() + "\")")
                    .toList();
            assertThat(have).as(p.name()).map(s -> s.toLowerCase(Locale.ROOT))
                    .containsExactlyInAnyOrderElementsOf(want.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(24);
    }

    @Test
    void currentBranchKeepsItsOwnClassesAndThe2007OneLacksTheirs() {
        Schema current = Schema.forVersion(SiteVersion.CURRENT_BRANCH);
        Schema v2007 = Schema.forVersion(SiteVersion.parse("4.00.6487.2000"));
        assertThat(current).isSameAs(Schema.builtIn());
        assertThat(current.classNamed("SMS_SoftwareUpdate").properties()).hasSize(69);
        assertThat(current.classNamed("SMS_SoftwareUpdate").property("IsLegacyEnabled")).isEmpty();
        assertThat(current.classNamed("SMS_SoftwareUpdate").method("SyncNow")).isPresent();
        assertThat(v2007.find("SMS_UpdateGroupAssignment")).isEmpty();
        assertThat(v2007.find("SMS_UpdatesAssignment")).isPresent();
        assertThat(v2007.find("SMS_Template")).isPresent();
        assertThat(v2007.classNamed("SMS_SoftwareUpdate").property("PercentCompliant")).isEmpty();
        assertThat(v2007.classNamed("SMS_AuthorizationList").property("ModelID")).isEmpty();
        assertThat(Schema.forVersion(SiteVersion.CM2007_SP2)).isSameAs(v2007);
    }

    @Test
    void everyModelAgreesWithEveryVersionHonouringItsAbsentOnDeclarations() {
        Map<String, ModelCheck.Report> reports = ModelCheck.runAllVersions();
        assertThat(reports).containsOnlyKeys("2007", "current");
        reports.forEach((v, r) -> assertThat(r.mismatches()).as("version " + v).isEmpty());
        assertThat(reports.get("2007").rowsOf("SoftwareUpdate"))
                .anySatisfy(row -> assertThat(row.property()).isEqualTo("IsLegacyEnabled"));
    }

    @Test
    void aModelThatDeclaresAPropertyAbsentWhereTheSchemaHasItIsAMismatch() {
        // Checked against the current schema as if it were 2007: the 2007-only declarations now disagree.
        ModelCheck.Report r = ModelCheck.run(Schema.builtIn(), "2007", io.github.cm4j.model.Models.all());
        assertThat(r.mismatches()).extracting(ModelCheck.Row::property)
                .contains("PercentCompliant", "ModelID", "IsLatest");
        ModelCheck.Report r2 = ModelCheck.run(Schema.forVersion(SiteVersion.CM2007_SP2), "current",
                io.github.cm4j.model.Models.all());
        assertThat(r2.mismatches()).extracting(ModelCheck.Row::property).contains("IsLegacyEnabled", "PercentCompliant");
    }

    @Test
    void namedVersionsParseAndBadOnesSayWhatIsAccepted() {
        assertThat(SiteVersion.named("2007").is2007()).isTrue();
        assertThat(SiteVersion.named(" Current ").hasSyncNow()).isTrue();
        assertThat(SiteVersion.named("5.00.8790.1000").build()).isEqualTo(8790);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> SiteVersion.named("2019"))
                .withMessageContaining("use 2007, current");
    }
}
