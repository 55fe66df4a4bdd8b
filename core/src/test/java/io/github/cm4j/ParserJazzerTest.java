package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.mof.MofParser;
import io.github.cm4j.schedule.ScheduleToken;
import io.github.cm4j.schedule.ScheduleTokens;
import io.github.cm4j.sync.LogParser;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import io.github.cm4j.testing.ReferenceData;
import io.github.cm4j.wql.Wql;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for core's text parsers: WQL, MOF, object paths, CIM datetimes, site-server
 * logs and schedule tokens. Each takes the fuzzer's bytes as UTF-8 text; only {@link ParseException} (and its
 * {@code ScheduleParseException}) may come out, the log parser never throws, and where it is cheap an invariant is
 * checked: a CIM datetime formats back to its text byte for byte (the class's documented contract), schedule tokens
 * format to text that parses to the same tokens. Without {@code JAZZER_FUZZ} (every build) each target runs its seed
 * corpus, generated in {@link #seeds()} from the inputs of {@code ParserFuzzTest} and from {@code ../shared/reference}
 * where present, plus the committed inputs of fixed findings; {@code benchmarks/fuzz-long.sh} fuzzes them.
 */
class ParserJazzerTest {
    private static final FuzzCheck PARSE = FuzzCheck.refusing(ParseException.class);

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void seeds() throws IOException {
        FuzzSeeds wql = FuzzSeeds.of(ParserJazzerTest.class, "wql");
        String[] queries = {
            "SELECT ArticleID, LocalizedDisplayName FROM SMS_SoftwareUpdate WHERE Severity >= 8 AND IsExpired = FALSE",
            "SELECT * FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName LIKE '%Cumulative [0-9]%' ORDER BY DatePosted DESC",
            "SELECT u.CI_ID, c.ContentID FROM SMS_SoftwareUpdate AS u JOIN SMS_CIToContent AS c ON u.CI_ID = c.CI_ID",
            "SELECT * FROM SMS_CIContentFiles WHERE ContentID IN (SELECT ContentID FROM SMS_CIToContent WHERE CI_ID = 16777216)",
            "SELECT COUNT(*) FROM SMS_StatusMessage WHERE Component = \"SMS_WSUS_SYNC_MANAGER\" AND NOT MessageID IN (6701, 6702)",
            "SELECT * FROM SMS_SCI_Component WHERE __CLASS ISA 'SMS_SiteControlItem' AND Props IS NOT NULL"};
        for (int i = 0; i < queries.length; i++) {
            wql.add("query-" + i, queries[i]);
        }
        FuzzSeeds mof = FuzzSeeds.of(ParserJazzerTest.class, "mof");
        for (String n : List.of("SMS_SoftwareUpdate.mof", "SMS_SCI_Component.mof", "SMS_SiteControlFile.mof", "SMS_EmbeddedProperty.mof")) {
            try (InputStream in = ParserJazzerTest.class.getResourceAsStream("/io/github/cm4j/schema/" + n)) {
                mof.add(n, in.readAllBytes());
            }
        }
        FuzzSeeds paths = FuzzSeeds.of(ParserJazzerTest.class, "objectPath");
        String[] p = {"\\\\SERVER\\root\\sms\\site_PS1:SMS_SoftwareUpdate.CI_ID=16777216",
            "SMS_SCI_Component.FileType=2,ItemName=\"SMS_WSUS_SYNC_MANAGER|SMS Site Server\",ItemType=\"Component\",SiteCode=\"PS1\"",
            "SMS_Site=@", "SMS_SiteControlFile", "root\\cimv2:Win32_Process.Handle='4'", "SMS_Package.PackageID=\"PS1\\\"00001\""};
        for (int i = 0; i < p.length; i++) {
            paths.add("path-" + i, p[i]);
        }
        FuzzSeeds times = FuzzSeeds.of(ParserJazzerTest.class, "cimDateTime");
        String[] t = {"20240611100000.000000+000", "20240611100000.123456-300", "00000007123456.000000:000",
            "2024**11100000.******+***", "99991231235959.999999+720", "00000000000000.000000+***"};
        for (int i = 0; i < t.length; i++) {
            times.add("datetime-" + i, t[i]);
        }
        FuzzSeeds logs = FuzzSeeds.of(ParserJazzerTest.class, "log");
        logs.add("smsts", "Sync Started  $$<SMS_WSUS_SYNC_MANAGER><06-11-2024 10:00:00.000+000><thread=5468 (0x155C)>\n"
                + "STATMSG: ID=6701 SEV=I LEV=M SOURCE=\"SMS Server\" COMP=\"SMS_WSUS_SYNC_MANAGER\" SYS=CAS SITE=CAS"
                + " PID=1 TID=2 GMTDATE=Tue Jun 11 10:00:00.000 2024 ISTR0=\"x\" ISTR1=\"\" NUMATTRS=0"
                + "  $$<SMS_WSUS_SYNC_MANAGER><06-11-2024 10:00:00.000+000><thread=5468 (0x155C)>\n");
        logs.add("cmtrace", "<![LOG[Line one~~line two]LOG]!><time=\"10:00:00.000+000\" date=\"06-11-2024\" component=\"WCM\""
                + " context=\"\" type=\"1\" thread=\"42\" file=\"wcm.cpp:1\">\n");
        Path raw = ReferenceData.root().resolve("logs/raw-format/MECM_Toolkit_SMSFSPSetup.log");
        if (Files.isRegularFile(raw)) {
            String log = Files.readString(raw, StandardCharsets.UTF_8);
            logs.add("reference-smsfspsetup", log.substring(0, Math.min(log.length(), 4_000)));
        }
        FuzzSeeds schedules = FuzzSeeds.of(ParserJazzerTest.class, "scheduleTokens");
        schedules.add("recur-interval", "0001200000100038").add("weekly", "00811A9E081A2000");
        Path tsv = ReferenceData.root().resolve("schedule/tokens-public.tsv");
        if (Files.isRegularFile(tsv)) {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String token = line.split("\t", -1)[0].trim();
                if (!token.isEmpty()) {
                    schedules.add("reference-" + token, token);
                }
            }
        }
    }

    @FuzzTest(maxDuration = "45s")
    void wql(byte[] input) {
        PARSE.run(() -> Wql.parse(text(input)));
    }

    @FuzzTest(maxDuration = "45s")
    void mof(byte[] input) {
        PARSE.run(() -> MofParser.parse("fuzz.mof", text(input)));
    }

    @FuzzTest(maxDuration = "45s")
    void objectPath(byte[] input) {
        PARSE.run(() -> ObjectPath.parse(text(input)));
    }

    @FuzzTest(maxDuration = "45s")
    void cimDateTime(byte[] input) {
        String s = text(input);
        PARSE.run(() -> assertThat(CimDateTime.parse(s).toString()).as("parse(s).toString() of %s", s).isEqualTo(s));
    }

    @FuzzTest(maxDuration = "45s")
    void log(byte[] input) {
        FuzzCheck.refusing().run(() -> LogParser.parse(text(input)));
    }

    @FuzzTest(maxDuration = "45s")
    void scheduleTokens(byte[] input) {
        PARSE.run(() -> {
            List<ScheduleToken> tokens = ScheduleTokens.parseAll(text(input));
            String formatted = ScheduleTokens.formatAll(tokens);
            assertThat(ScheduleTokens.parseAll(formatted)).as("tokens of %s", formatted).isEqualTo(tokens);
        });
    }
}
