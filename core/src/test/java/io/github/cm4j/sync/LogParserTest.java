package io.github.cm4j.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.testing.ReferenceData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LogParserTest {

    private static String read(String relative) throws Exception {
        return Files.readString(ReferenceData.require(relative), StandardCharsets.UTF_8);
    }

    @Test
    void siteServerLogLinesGiveComponentLocalTimeWithBiasAndThread() throws Exception {
        String text = read("logs/raw-format/MECM_Toolkit_fspmgr.log");
        List<LogEntry> entries = LogParser.parse(text);
        long physicalLines = text.lines().count();
        assertThat(entries).hasSize((int) physicalLines);
        assertThat(entries).allMatch(e -> e.format() == LogFormat.SITE_SERVER);
        LogEntry first = entries.get(0);
        assertThat(first.message()).isEqualTo("SMS_EXECUTIVE started SMS_FALLBACK_STATUS_POINT as thread ID 6156 (0x180C).");
        assertThat(first.component()).isEqualTo("SMS_FALLBACK_STATUS_POINT");
        // bias +360: UTC = local + 6h, so the offset is -06:00
        assertThat(first.time()).isEqualTo(OffsetDateTime.of(2022, 12, 9, 11, 25, 14, 217_000_000, ZoneOffset.ofHours(-6)));
        assertThat(first.thread()).isEqualTo(4764L);
        assertThat(first.line()).isEqualTo(1);
    }

    @Test
    void cmtraceEntriesSpanningLinesAreJoinedAndAttributesRead() throws Exception {
        String text = read("logs/raw-format/MECM_Toolkit_ccmsetup_client-install-failure.log");
        List<LogEntry> entries = LogParser.parse(text);
        long starts = text.lines().filter(l -> l.stripLeading().startsWith("<![LOG[")).count();
        assertThat(entries.stream().filter(e -> e.format() == LogFormat.CMTRACE)).hasSize((int) starts);
        assertThat(entries).allMatch(e -> e.format() == LogFormat.CMTRACE);
        LogEntry first = entries.get(0);
        assertThat(first.component()).isEqualTo("ccmsetup");
        assertThat(first.type()).isEqualTo(0);
        assertThat(first.thread()).isEqualTo(2584L);
        assertThat(first.file()).isEqualTo("msiutil.cpp:316");
        assertThat(first.time()).isEqualTo(OffsetDateTime.of(2023, 1, 17, 10, 58, 30, 564_000_000, ZoneOffset.ofHours(-5)));
        assertThat(entries).anySatisfy(e -> assertThat(e.message()).contains("<ContentLocationRequest").contains("\n"));
    }

    @Test
    void linesInNeitherFormatAreKeptAsPlainText() throws Exception {
        String text = read("logs/raw-format/MECM_Toolkit_SMSFSPSetup.log");
        List<LogEntry> entries = LogParser.parse(text);
        assertThat(entries).hasSize((int) text.lines().count());
        assertThat(entries).allMatch(e -> e.format() == LogFormat.PLAIN);
        assertThat(entries.get(1).message()).isEqualTo("<Fri Dec  9 11:25:00 2022> SMSFSP Setup Started....");
        assertThat(entries.stream().map(LogEntry::message).collect(Collectors.joining("\n")))
                .as("no text lost").isEqualTo(text.lines().map(l -> l.replace("\uFEFF", "")).collect(Collectors.joining("\n")));
    }

    @Test
    void statusMessageLinesFromRealWsyncmgrLogsAreDecoded() throws Exception {
        List<String> statmsg = Files.list(ReferenceData.require("logs")).filter(p -> p.toString().endsWith(".md"))
                .flatMap(p -> {
                    try {
                        return Files.readAllLines(p).stream();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .map(l -> l.replaceFirst("^>\\s*", "").replace("\\_", "_"))
                .filter(l -> l.startsWith("STATMSG:")).toList();
        assertThat(statmsg).hasSizeGreaterThanOrEqualTo(6);
        for (String line : statmsg) {
            assertThat(LogParser.parseStatusMessage(line)).as(line).hasValueSatisfying(s -> {
                assertThat(s.id()).isBetween(6700, 6711);
                assertThat(s.insertionStrings()).hasSize(10);
                assertThat(s.gmtDate()).isNotNull();
            });
        }
        StatusMessageLine failed = statmsg.stream().map(l -> LogParser.parseStatusMessage(l).orElseThrow())
                .filter(s -> s.id() == 6703).findFirst().orElseThrow();
        assertThat(failed.isError()).isTrue();
        assertThat(failed.insertionStrings().get(0)).isEqualTo("Microsoft.UpdateServices.Administration.AdminProxy.CreateUpdateServer");
        assertThat(failed.insertionStrings().get(1)).isEqualTo("Request for principal permission failed");
        assertThat(failed.lastError()).isEqualTo(0x8013150aL);
        assertThat(failed.gmtDate()).isEqualTo(Instant.parse("2024-08-02T20:54:26.571Z"));
        assertThat(failed.component()).isEqualTo("SMS_WSUS_SYNC_MANAGER");
        assertThat(failed.site()).isEqualTo("CHQ");
    }

    @Test
    void statusMessagesAndLineBreakEscapesInsideSiteServerEntries() {
        String log = "STATMSG: ID=6702 SEV=I LEV=M SOURCE=\"SMS Server\" COMP=\"SMS_WSUS_SYNC_MANAGER\" SYS=CAS.lab SITE=CAS"
                + " PID=432 TID=3404 GMTDATE=Thu Jan 16 18:57:46.304 2014 ISTR0=\"\" ISTR1=\"a \\\"quoted\\\" b\" ISTR2=\"\""
                + " NUMATTRS=0  $$<SMS_WSUS_SYNC_MANAGER><01-16-2014 10:57:46.304+480><thread=3404 (0xD4C)>\n"
                + "Failed to sync update 1. Error: terms not downloaded and~~cannot be accepted.  $$<SMS_WSUS_SYNC_MANAGER>"
                + "<01-16-2014 10:58:00.000-060><thread=3404 (0xD4C)>\n"
                + "Subscribed Update Categories <?xml version=\"1.0\" ?>\n<Categories>\n</Categories>"
                + "  $$<SMS_WSUS_CONFIGURATION_MANAGER><01-16-2014 10:59:00.000+480><thread=1 (0x1)>\n";
        List<LogEntry> entries = LogParser.parse(log);
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).status()).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo(6702);
            assertThat(s.gmtDate()).isEqualTo(Instant.parse("2014-01-16T18:57:46.304Z"));
            assertThat(entries.get(0).time().toInstant()).isEqualTo(s.gmtDate());
        });
        assertThat(entries.get(1).message()).isEqualTo("Failed to sync update 1. Error: terms not downloaded and\ncannot be accepted.");
        assertThat(entries.get(1).time().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(entries.get(2).message()).isEqualTo("Subscribed Update Categories <?xml version=\"1.0\" ?>\n<Categories>\n</Categories>");
        assertThat(entries.get(2).line()).isEqualTo(3);
        assertThat(entries.get(2).component()).isEqualTo("SMS_WSUS_CONFIGURATION_MANAGER");
    }

    @Test
    void hostileInputIsBoundedAndLosesNoText() {
        StringBuilder unterminated = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            unterminated.append("<![LOG[never ends ").append(i).append('\n');
        }
        List<LogEntry> entries = LogParser.parse(unterminated.toString());
        assertThat(entries).hasSize(20_000).allMatch(e -> e.format() == LogFormat.PLAIN);

        String huge = "x".repeat(3 * LogParser.MAX_ENTRY_CHARS);
        assertThat(LogParser.parse(huge + "\n" + huge)).hasSize(2);

        String badTimes = "m  $$<C><13-45-2014 99:99:99.000+9999><thread=1 (0x1)>\n";
        assertThat(LogParser.parse(badTimes)).singleElement().satisfies(e -> {
            assertThat(e.format()).isEqualTo(LogFormat.SITE_SERVER);
            assertThat(e.time()).isNull();
            assertThat(e.message()).isEqualTo("m");
        });
        assertThat(LogParser.parseStatusMessage("STATMSG: nothing useful")).isEmpty();
        assertThat(LogParser.parseStatusMessage("STATMSG: ID=99999999999999999999999")).isEmpty();
    }

    @Test
    void streamingReadsLazilyAndClosesTheReader() throws Exception {
        Path file = Files.createTempFile("wsyncmgr", ".log");
        try {
            Files.writeString(file, "a  $$<C><01-16-2014 10:57:46.304+000><thread=1 (0x1)>\n".repeat(100_000));
            try (var entries = LogParser.parse(Files.newBufferedReader(file))) {
                assertThat(entries.limit(3).map(LogEntry::line)).containsExactly(1, 2, 3);
            }
        } finally {
            Files.delete(file);
        }
    }
}
