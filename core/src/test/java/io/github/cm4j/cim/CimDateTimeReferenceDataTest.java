package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.testing.Delimited;
import io.github.cm4j.testing.ReferenceData;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Real CIM datetime strings from public sources (ConfigMgr SDK docs, WMI client libraries) and from real
 * WMI output (Win32_NTLogEvent.TimeWritten collected from production servers in 2014).
 */
class CimDateTimeReferenceDataTest {

    private static final String CSV_APRIL_11 = "cim-datetime/x35029_CheckEvent799_4-11-2014_4-32-19.csv";
    private static final String CSV_APRIL_18 = "cim-datetime/x35029_CheckEvent799_4-18-2014_3-51-16.csv";

    @Test
    void parsesAndFormatsBackEveryStringCollectedFromPublicSources() {
        Path tsv = ReferenceData.require("cim-datetime/cim_datetime_strings_from_public_sources.tsv");
        List<List<String>> records = Delimited.read(tsv, '\t');

        List<String> strings = Delimited.column(records, "cim_datetime");

        assertThat(strings).hasSize(122).doesNotContain("");
        assertThat(parseAndFormatBack(strings)).isEqualTo(122);
    }

    @Test
    void parsesAndFormatsBackEveryTimeWrittenOfTheEvent799Reports() {
        List<String> strings = new ArrayList<>();
        for (String file : List.of(CSV_APRIL_11, CSV_APRIL_18)) {
            List<String> column = Delimited.column(Delimited.read(ReferenceData.require(file), ','),
                    "799 TimeWritten");
            // Rows for unreachable servers have no value.
            column.removeIf(String::isEmpty);
            strings.addAll(column);
        }

        // 819 values in the April 11 report and 5 in the April 18 one.
        assertThat(strings).hasSize(824);
        assertThat(parseAndFormatBack(strings)).isEqualTo(824);
    }

    @Test
    void agreesWithTheLocalTimeTheReportScriptPrintedBesideEachValue() {
        // The report's "799 Last Date" column is the local time of the same value as VBScript printed it
        // (e.g. "4/10/2014 9:05:00 PM"): an independent check of every field we parse.
        DateTimeFormatter vbscript = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
        int checked = 0;
        for (String file : List.of(CSV_APRIL_11, CSV_APRIL_18)) {
            List<List<String>> records = Delimited.read(ReferenceData.require(file), ',');
            List<String> written = Delimited.column(records, "799 TimeWritten");
            List<String> printed = Delimited.column(records, "799 Last Date");
            for (int i = 0; i < written.size(); i++) {
                if (written.get(i).isEmpty()) {
                    continue;
                }
                LocalDateTime local = CimDateTime.parse(written.get(i)).toOffsetDateTime().toLocalDateTime();
                assertThat(local).as("row %d of %s", i + 2, file)
                        .isEqualTo(LocalDateTime.parse(printed.get(i), vbscript));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(824);
    }

    @Test
    void readsTheOffsetsTheReportsContain() {
        List<String> written = Delimited.column(
                Delimited.read(ReferenceData.require(CSV_APRIL_11), ','), "799 TimeWritten");

        assertThat(written.stream().filter(s -> !s.isEmpty())
                .map(s -> CimDateTime.parse(s).utcOffsetMinutes().getAsInt()).distinct().sorted())
                .contains(-480, -420, -360, -300, -240, -180, -150, 0, 60, 120, 240, 480, 600, 660);
        // "-000" as some Windows versions write it stays "-000".
        assertThat(written).contains("20140407060500.000000-000");
        assertThat(CimDateTime.parse("20140407060500.000000-000").toString()).isEqualTo("20140407060500.000000-000");
    }

    private static int parseAndFormatBack(List<String> strings) {
        int count = 0;
        for (String s : strings) {
            assertThat(CimDateTime.parse(s).toString()).as("parse(\"%s\").toString()", s).isEqualTo(s);
            count++;
        }
        return count;
    }
}
