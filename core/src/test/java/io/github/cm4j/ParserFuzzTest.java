package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.mof.MofParser;
import io.github.cm4j.sync.LogParser;
import io.github.cm4j.testing.ReferenceData;
import io.github.cm4j.wql.Wql;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer (plain JUnit, bounded, deterministic) for every text parser of core: WQL, MOF,
 * object paths, CIM datetimes and site-server logs. Mutated input never causes anything but the documented
 * {@link ParseException} (the log parser is lenient: it never throws), and each input is parsed in bounded
 * time. Raise {@code -Dcm4j.fuzz.iterations} for a longer run; a failure names the seed and the input.
 */
class ParserFuzzTest {
    private static final long SEED = Long.getLong("cm4j.fuzz.seed", 0xF022L);
    private static final int ITERATIONS = Integer.getInteger("cm4j.fuzz.iterations", 4_000);
    private static final String[] TOKENS = {"'", "\"", "\\", "(", ")", "[", "]", "{", "}", ",", ";", "=", "<>", "%",
        "_", "*", ".", ":", "+", "-", "\u0000", "\uFFFF", "\uD800", "\n", "~~", "$$<", "><", "]LOG]!>", "<![LOG[",
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ISA", "NULL", "JOIN", "ON", "class", "instance of",
        "99999999999999999999999", "-2147483649", "1e309", "0x", "#pragma", "qualifier", "ref"};

    private static List<String> resources(String... names) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String n : names) {
            try (InputStream in = ParserFuzzTest.class.getResourceAsStream("/io/github/cm4j/schema/" + n)) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    private static String mutate(String s, SplittableRandom r) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
            switch (r.nextInt(6)) {
                case 0 -> b.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 1 -> {
                    if (b.length() > 0) {
                        b.delete(Math.min(at, b.length() - 1), Math.min(b.length(), at + 1 + r.nextInt(8)));
                    }
                }
                case 2 -> {
                    if (b.length() > 0) {
                        b.setCharAt(Math.min(at, b.length() - 1), (char) r.nextInt(0x80));
                    }
                }
                case 3 -> {
                    int from = b.length() == 0 ? 0 : r.nextInt(b.length());
                    String slice = b.substring(from, Math.min(b.length(), from + r.nextInt(32)));
                    b.insert(at, slice.repeat(1 + r.nextInt(4)));
                }
                case 4 -> b.insert(at, "(".repeat(r.nextInt(300)));
                default -> b.setLength(Math.min(b.length(), at));
            }
        }
        return b.toString();
    }

    private static void fuzz(String what, List<String> corpus, Consumer<String> parser) {
        SplittableRandom r = new SplittableRandom(SEED ^ what.hashCode());
        for (String seedInput : corpus) {
            parser.accept(seedInput); // the corpus itself parses
        }
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String input = mutate(corpus.get(r.nextInt(corpus.size())), r);
            long t0 = System.nanoTime();
            try {
                parser.accept(input);
            } catch (ParseException expected) {
                rejected++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(what + " parser threw " + e + " (seed " + SEED + ", iteration " + i
                        + ") on input: " + input, e);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("%s parse time of %s", what, input).isLessThan(2_000);
        }
        assertThat(rejected).as(what + ": the mutations must exercise the error paths").isPositive();
    }

    @Test
    void wqlParserOnlyEverThrowsParseException() {
        fuzz("WQL", List.of(
                "SELECT ArticleID, LocalizedDisplayName FROM SMS_SoftwareUpdate WHERE Severity >= 8 AND IsExpired = FALSE",
                "SELECT * FROM SMS_SoftwareUpdate WHERE LocalizedDisplayName LIKE '%Cumulative [0-9]%' ORDER BY DatePosted DESC",
                "SELECT u.CI_ID, c.ContentID FROM SMS_SoftwareUpdate AS u JOIN SMS_CIToContent AS c ON u.CI_ID = c.CI_ID",
                "SELECT * FROM SMS_CIContentFiles WHERE ContentID IN (SELECT ContentID FROM SMS_CIToContent WHERE CI_ID = 16777216)",
                "SELECT COUNT(*) FROM SMS_StatusMessage WHERE Component = \"SMS_WSUS_SYNC_MANAGER\" AND NOT MessageID IN (6701, 6702)",
                "SELECT * FROM SMS_SCI_Component WHERE __CLASS ISA 'SMS_SiteControlItem' AND Props IS NOT NULL"),
                Wql::parse);
    }

    @Test
    void mofParserOnlyEverThrowsParseException() throws IOException {
        fuzz("MOF", resources("SMS_SoftwareUpdate.mof", "SMS_SCI_Component.mof", "SMS_SiteControlFile.mof",
                "SMS_EmbeddedProperty.mof"), text -> MofParser.parse("fuzz.mof", text));
    }

    @Test
    void objectPathParserOnlyEverThrowsParseException() {
        fuzz("object path", List.of(
                "\\\\SERVER\\root\\sms\\site_PS1:SMS_SoftwareUpdate.CI_ID=16777216",
                "SMS_SCI_Component.FileType=2,ItemName=\"SMS_WSUS_SYNC_MANAGER|SMS Site Server\",ItemType=\"Component\",SiteCode=\"PS1\"",
                "SMS_Site=@", "SMS_SiteControlFile", "root\\cimv2:Win32_Process.Handle='4'",
                "SMS_Package.PackageID=\"PS1\\\"00001\""),
                ObjectPath::parse);
    }

    @Test
    void cimDateTimeParserOnlyEverThrowsParseException() {
        fuzz("CIM datetime", List.of("20240611100000.000000+000", "20240611100000.123456-300", "00000007123456.000000:000",
                "2024**11100000.******+***", "99991231235959.999999+720"), CimDateTime::parse);
    }

    @Test
    void logParserIsLenientAndNeverThrows() throws IOException {
        List<String> corpus = new ArrayList<>(List.of(
                "Sync Started  $$<SMS_WSUS_SYNC_MANAGER><06-11-2024 10:00:00.000+000><thread=5468 (0x155C)>\n"
                        + "STATMSG: ID=6701 SEV=I LEV=M SOURCE=\"SMS Server\" COMP=\"SMS_WSUS_SYNC_MANAGER\" SYS=CAS SITE=CAS"
                        + " PID=1 TID=2 GMTDATE=Tue Jun 11 10:00:00.000 2024 ISTR0=\"x\" ISTR1=\"\" NUMATTRS=0"
                        + "  $$<SMS_WSUS_SYNC_MANAGER><06-11-2024 10:00:00.000+000><thread=5468 (0x155C)>\n",
                "<![LOG[Line one~~line two]LOG]!><time=\"10:00:00.000+000\" date=\"06-11-2024\" component=\"WCM\" context=\"\""
                        + " type=\"1\" thread=\"42\" file=\"wcm.cpp:1\">\n"));
        Path raw = ReferenceData.root().resolve("logs/raw-format/MECM_Toolkit_SMSFSPSetup.log");
        if (Files.isRegularFile(raw)) {
            String text = Files.readString(raw, StandardCharsets.UTF_8);
            corpus.add(text.substring(0, Math.min(text.length(), 4_000)));
        }
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < ITERATIONS; i++) {
            String input = mutate(corpus.get(r.nextInt(corpus.size())), r);
            try {
                LogParser.parse(input);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("log parser threw " + e + " (seed " + SEED + ", iteration " + i + ") on: " + input, e);
            }
        }
    }
}
