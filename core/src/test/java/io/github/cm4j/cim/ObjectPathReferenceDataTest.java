package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.cm4j.testing.Delimited;
import io.github.cm4j.testing.ReferenceData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Object paths as they appear in real ConfigMgr material: the SDK samples (C# and VBScript string
 * expressions, evaluated with sample values for their variables), AdminService output ({@code __PATH},
 * {@code __RELPATH}) and ConfigMgr PowerShell output ({@code SmsProviderObjectPath}).
 */
class ObjectPathReferenceDataTest {

    /** Sample values for the variables the SDK samples concatenate into their paths. */
    private static final Map<String, String> SAMPLE_VARIABLES = Map.of(
            "siteCode", "PS1",
            "siteToChange", "PS1",
            "SUPServerName", "SERVER",
            "existingSUMPackageID", "PS100012",
            "existingSUMPackageId", "PS100012",
            "existingAssignmentID", "16777217");

    @Test
    void parsesTheObjectPathRowsOfTheWqlFilterClauses() throws IOException {
        Path tsv = ReferenceData.require("wql/wql_filter_clauses_and_object_paths.tsv");
        List<List<String>> records = Delimited.read(tsv, '\t');
        List<String> kinds = Delimited.column(records, "filter_text_as_written");
        List<String> sources = Delimited.column(records, "verbatim_source_line");

        List<ObjectPath> paths = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            // The other rows are WQL WHERE clauses; object-path rows say so (see the .source.txt).
            if (kinds.get(i).startsWith("(object path")) {
                String source = sources.get(i);
                paths.add(parseSample(source.substring(source.indexOf("GetInstance(") + "GetInstance(".length()),
                        true));
            }
        }

        assertThat(paths).hasSize(1);
        ObjectPath path = paths.get(0);
        assertThat(path.className()).isEqualTo("SMS_SCI_Component");
        assertThat(path.keys()).containsExactly(entry("FileType", 2L), entry("ItemType", "Component"),
                entry("SiteCode", "PS1"), entry("ItemName", "SMS_WSUS_CONFIGURATION_MANAGER|SERVER"));
        assertThat(path.toString()).isEqualTo("SMS_SCI_Component.FileType=2,ItemType=\"Component\","
                + "SiteCode=\"PS1\",ItemName=\"SMS_WSUS_CONFIGURATION_MANAGER|SERVER\"");
    }

    @Test
    void parsesEveryPathTheSoftwareUpdatesSdkSamplesPassToTheProvider() throws IOException {
        Path dir = ReferenceData.require("sdk-howto");
        // C#: connection.GetInstance(<expr>); VBScript: .Get(<expr>...) and ExecMethod <expr>, "Method".
        Pattern call = Pattern.compile("GetInstance\\(|\\.Get\\(|ExecMethod ");
        List<ObjectPath> paths = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = call.matcher(line);
                if (m.find()) {
                    paths.add(parseSample(line.substring(m.end()), m.group().startsWith("GetInstance")));
                }
            }
        }

        assertThat(paths).hasSize(37);
        assertThat(paths).contains(
                ObjectPath.parse("SMS_SiteControlFile.Filetype=1,Sitecode=\"PS1\""),
                ObjectPath.parse("SMS_SCI_ClientComp.FileType=1,ItemType=\"Client Component\",SiteCode=\"PS1\","
                        + "ItemName=\"Software Updates\""),
                ObjectPath.parse("SMS_UpdatesAssignment.AssignmentID=16777217"),
                ObjectPath.parse("SMS_SoftwareUpdatesPackage.PackageID=\"PS100012\""),
                ObjectPath.ofClass("SMS_SiteControlFile"));
        // The SMS_SCI_SysResUse sample writes a NAL path with raw backslashes inside single quotes.
        ObjectPath sysResUse = paths.stream().filter(p -> p.className().equals("SMS_SCI_SysResUse")).findFirst()
                .orElseThrow();
        assertThat(sysResUse.key("ItemName")).hasValue(
                "[\"Display=\\\\SERVER\\\"]MSWNET:[\"SMS_SITE=PS1\"]\\\\SERVER\\,SMS Software Update Point");
        assertThat(sysResUse.key("ItemType")).hasValue("System Resource Usage");
        for (ObjectPath p : paths) {
            assertThat(ObjectPath.parse(p.toString())).isEqualTo(p);
        }
    }

    @Test
    void parsesThePathsTheAdminServiceReturnedAndMatchesRelpathToPath() throws IOException {
        Path md = ReferenceData.require("adminservice/MECM_Toolkit_Administration_Service_Examples.md");
        // Either PowerShell list output "__PATH   : value" or JSON "\"__PATH\": \"value\",".
        Pattern line = Pattern.compile("^\\s*\"?(__RELPATH|__PATH)\"?\\s*:\\s*(.+?)\\s*$");
        List<ObjectPath> relpaths = new ArrayList<>();
        List<ObjectPath> paths = new ArrayList<>();
        List<String> relpathTexts = new ArrayList<>();
        for (String text : Files.readAllLines(md, StandardCharsets.UTF_8)) {
            Matcher m = line.matcher(text);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2);
            if (value.startsWith("\"")) {
                value = jsonString(value);
            }
            if (m.group(1).equals("__RELPATH")) {
                relpaths.add(ObjectPath.parse(value));
                relpathTexts.add(value);
            } else {
                paths.add(ObjectPath.parse(value));
            }
        }

        assertThat(relpaths).hasSize(4);
        assertThat(paths).hasSize(4);
        for (int i = 0; i < paths.size(); i++) {
            ObjectPath path = paths.get(i);
            assertThat(path.server()).hasValue("[SMSProvider]");
            assertThat(path.namespace()).hasValue("root\\sms\\site_ABC");
            assertThat(path.relative()).isEqualTo(relpaths.get(i));
            // WMI's __RELPATH is the canonical form: keys sorted by name, strings in double quotes.
            assertThat(path.canonical().toString()).isEqualTo(relpathTexts.get(i));
        }
        assertThat(paths.get(3).keys()).containsExactly(entry("PackageID", "ABC00003"), entry("Personality", 0L),
                entry("PkgServer", "ServerFQDN.DOMAIN.COM"), entry("SiteCode", "ABC"), entry("Status", 3L),
                entry("Type", 1L));
    }

    @Test
    void parsesTheSmsProviderObjectPathsOfConfigMgrPowerShellOutput() throws IOException {
        Path dir = ReferenceData.require("powershell-output");
        List<String> values = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.list(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        Pattern property = Pattern.compile("^SmsProviderObjectPath\\s*: (.+)$");
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = property.matcher(lines.get(i));
                if (!m.matches()) {
                    continue;
                }
                // PowerShell's list format wraps long values onto indented continuation lines.
                StringBuilder value = new StringBuilder(m.group(1));
                while (i + 1 < lines.size() && lines.get(i + 1).matches("^ {20,}\\S.*")
                        && !lines.get(i + 1).contains(" : ")) {
                    value.append(lines.get(++i).trim());
                }
                values.add(value.toString());
            }
        }

        List<ObjectPath> paths = values.stream().map(ObjectPath::parse).collect(Collectors.toList());

        assertThat(paths).hasSize(5);
        assertThat(paths).contains(ObjectPath.ofClass("__GENERIC"),
                ObjectPath.parse("SMS_SiteAndSubsites.SiteCode=\"XYZ\""),
                ObjectPath.parse("SMS_ObjectContentExtraInfo.ObjectID=\"ScopeId_0D7D8B60-F2F9-484A-B9F3-4A8B68D14D59/"
                        + "Application_88fe14d8-73b2-43bc-897e-08232861c864\""));
    }

    // ------------------------------------------------------------------------------------------------

    private static ObjectPath parseSample(String argument, boolean csharp) {
        return ObjectPath.parse(evaluate(argument, csharp));
    }

    /**
     * Evaluates the string expression at the start of {@code source}: string literals (C# regular with
     * backslash escapes, C# verbatim {@code @"..."} and VBScript, both with doubled quotes) and variables
     * joined by {@code +} (C#) or {@code &} (VBScript), up to the first top-level {@code ,} or {@code )}.
     */
    private static String evaluate(String source, boolean csharp) {
        StringBuilder result = new StringBuilder();
        int i = 0;
        while (true) {
            while (source.charAt(i) == ' ') {
                i++;
            }
            char c = source.charAt(i);
            if (c == '"' || (c == '@' && source.charAt(i + 1) == '"')) {
                boolean escapes = csharp && c == '"';
                i += c == '@' ? 2 : 1;
                while (true) {
                    char d = source.charAt(i);
                    if (escapes && d == '\\') {
                        result.append(source.charAt(i + 1));
                        i += 2;
                    } else if (d == '"' && !escapes && source.charAt(i + 1) == '"') {
                        result.append('"');
                        i += 2;
                    } else if (d == '"') {
                        i++;
                        break;
                    } else {
                        result.append(d);
                        i++;
                    }
                }
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (Character.isJavaIdentifierPart(source.charAt(i))) {
                    i++;
                }
                String name = source.substring(start, i);
                assertThat(SAMPLE_VARIABLES).as("sample value for %s in %s", name, source).containsKey(name);
                result.append(SAMPLE_VARIABLES.get(name));
            } else {
                throw new AssertionError("unexpected '" + c + "' in " + source);
            }
            while (i < source.length() && source.charAt(i) == ' ') {
                i++;
            }
            if (i < source.length() && (source.charAt(i) == '+' || source.charAt(i) == '&')) {
                i++;
                continue;
            }
            return result.toString();
        }
    }

    /** Decodes a JSON string literal (with its trailing comma, if any). */
    private static String jsonString(String literal) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\') {
                b.append(literal.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
