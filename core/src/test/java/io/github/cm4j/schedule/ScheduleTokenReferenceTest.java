package io.github.cm4j.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.testing.ReferenceData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reads every labelled token of {@code shared/reference/schedule/tokens-public.tsv} and checks every field its
 * source states (explicit {@code Name=value} pairs, the class column, and the meanings stated in words: console
 * descriptions, tally-interval labels, maintenance-window examples), and that formatting gives back the same
 * digits. The disagreements the sources have with their own tokens are listed in {@link #KNOWN_DISAGREEMENTS}
 * with the reason; the test fails if one of them stops disagreeing (so the list cannot go stale).
 */
class ScheduleTokenReferenceTest {
    /** token + " " + field -> why the source and the token's bits differ (layout-verification.md, findings C/D and source 8). */
    static final Map<String, String> KNOWN_DISAGREEMENTS = Map.of(
            "000A4700002BC400 class", "SDK tally-interval table lists SMS_ST_NonRecurring; bits and text say MonthlyByDate, day 15 (finding D)",
            "00012CC008294400 MinuteDuration", "hand-written Pester mock says 5; the token holds 0 (source 8)",
            "2D62200000080000 HourDuration", "hand-written Pester mock says 11 (it copied the start hour); the token holds 0 (source 8)");

    private static final Set<String> FIELDS = Set.of("Day", "DayDuration", "DaySpan", "ForNumberOfMonths",
            "ForNumberOfWeeks", "HourDuration", "HourSpan", "IsGMT", "MinuteDuration", "MinuteSpan", "MonthDay",
            "WeekOrder", "StartTime");
    private static final Pattern PAIR = Pattern.compile("\\b([A-Za-z]+)=(\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M"
            + "|\\d{14}\\.\\d{6}\\+\\*\\*\\*|[A-Za-z0-9]+)");
    private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
    private static final List<String> ORDERS = List.of("last", "first", "second", "third", "fourth");

    private final List<String> disagreementsSeen = new ArrayList<>();
    private int checks;

    @Test
    void everyLabelledTokenDecodesAsItsSourceStatesAndFormatsBackExactly() throws IOException {
        Path tsv = ReferenceData.require("schedule/tokens-public.tsv");
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] col = line.split("\t", -1);
            String digits = col[0].trim();
            List<ScheduleToken> tokens = ScheduleTokens.parseAll(digits);
            assertThat(ScheduleTokens.formatAll(tokens)).as("round trip of %s", digits).isEqualTo(digits);
            int before = checks;
            if (tokens.size() == 1) {
                checkClassColumn(digits, tokens.get(0), col[1]);
                checkStated(digits, tokens.get(0), col[2]);
            } else {
                String[] parts = col[2].split("\\|");
                assertThat(parts).hasSize(tokens.size());
                for (int i = 0; i < parts.length; i++) {
                    checkStated(tokens.get(i).format(), tokens.get(i), parts[i]);
                }
            }
            if (checks == before) {
                // Scheduler.log fire times are after randomization and in an unstated zone (finding G): only the
                // round trip and the layout apply.
                assertThat(col[2]).as("row of %s states nothing checkable", digits).contains("Scheduler.log");
            }
            rows++;
        }
        assertThat(rows).isGreaterThanOrEqualTo(60);
        assertThat(checks).as("fields checked").isGreaterThan(250);
        assertThat(disagreementsSeen).containsExactlyInAnyOrderElementsOf(KNOWN_DISAGREEMENTS.keySet());
    }

    private void checkClassColumn(String digits, ScheduleToken t, String column) {
        Matcher m = Pattern.compile("(SMS_ST_[A-Za-z]+)").matcher(column);
        if (m.find()) {
            compare(digits, "class", t.className(), m.group(1));
        }
        Matcher r = Pattern.compile("RecurrenceType (\\d)").matcher(column);
        if (r.find()) {
            compare(digits, "type", t.typeCode(), Integer.parseInt(r.group(1)));
        }
    }

    private void checkStated(String digits, ScheduleToken t, String text) {
        Map<String, Object> actual = new LinkedHashMap<>(t.fields());
        actual.put("DayDuration", t.timing().dayDuration());
        actual.put("HourDuration", t.timing().hourDuration());
        actual.put("MinuteDuration", t.timing().minuteDuration());
        actual.put("IsGMT", t.timing().gmt());
        actual.put("StartTime", t.timing().start());
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            String name = m.group(1).equals("IsGmt") ? "IsGMT" : m.group(1);
            if (!FIELDS.contains(name)) {
                continue;
            }
            String v = m.group(2);
            Object expected = name.equals("StartTime") ? startTime(v)
                    : name.equals("IsGMT") ? Boolean.parseBoolean(v) : (Object) Integer.parseInt(v);
            assertThat(actual).as("%s states %s", digits, name).containsKey(name);
            compare(digits, name, actual.get(name), expected);
        }
        checkWords(digits, t, text);
    }

    /** The meanings stated in words rather than as properties. */
    private void checkWords(String digits, ScheduleToken t, String text) {
        String s = text.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = Pattern.compile("occurs every (\\d+) day\\(s\\) effective (.+?)\"").matcher(text)).find()) {
            compare(digits, "DaySpan", ((ScheduleToken.RecurInterval) t).daySpan(), Integer.parseInt(m.group(1)));
            compare(digits, "StartTime", t.timing().start(), startTime(m.group(2)));
        } else if ((m = Pattern.compile("Occurs every (\\d+) week\\(s\\) on (\\w+) effective (.+?)\"").matcher(text)).find()) {
            ScheduleToken.RecurWeekly w = (ScheduleToken.RecurWeekly) t;
            compare(digits, "ForNumberOfWeeks", w.forNumberOfWeeks(), Integer.parseInt(m.group(1)));
            compare(digits, "Day", w.day(), DAYS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1);
            compare(digits, "StartTime", t.timing().start(), startTime(m.group(3)));
        } else if ((m = Pattern.compile("Occurs (?:day (\\d+)|the last day) of every (\\d+) month\\(?s\\)? effective (.+?)\"")
                .matcher(text)).find()) {
            ScheduleToken.RecurMonthlyByDate d = (ScheduleToken.RecurMonthlyByDate) t;
            compare(digits, "MonthDay", d.monthDay(), m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
            compare(digits, "ForNumberOfMonths", d.forNumberOfMonths(), Integer.parseInt(m.group(2)));
            compare(digits, "StartTime", t.timing().start(), startTime(m.group(3)));
        } else if ((m = Pattern.compile("Occurs (?:(\\d+) day\\(s\\) after )?the (\\w+) (\\w+) of every (\\d+) month\\(?s\\)?"
                + " effective (.+?)\"").matcher(text)).find()) {
            Map<String, Object> f = t.fields();
            compare(digits, "WeekOrder", f.get("WeekOrder"), ORDERS.indexOf(m.group(2).toLowerCase(Locale.ROOT)));
            compare(digits, "Day", f.get("Day"), DAYS.indexOf(m.group(3).toLowerCase(Locale.ROOT)) + 1);
            compare(digits, "ForNumberOfMonths", f.get("ForNumberOfMonths"), Integer.parseInt(m.group(4)));
            if (m.group(1) != null) {
                compare(digits, "OffsetDays", f.get("OffsetDays"), Integer.parseInt(m.group(1)));
            }
            compare(digits, "StartTime", t.timing().start(), startTime(m.group(5)));
        } else if ((m = Pattern.compile("Occurs on (.+?)\"").matcher(text)).find()) {
            compare(digits, "class", t.className(), "SMS_ST_NonRecurring");
            compare(digits, "StartTime", t.timing().start(), startTime(m.group(1)));
        } else if ((m = Pattern.compile("\"Since (\\d\\d):00([AP]M)\"").matcher(text)).find()) {
            int h = Integer.parseInt(m.group(1)) % 12 + (m.group(2).equals("PM") ? 12 : 0);
            compare(digits, "StartTime hour", t.timing().start().getHour(), h);
            compare(digits, "DaySpan", t.fields().get("DaySpan"), 1);
        } else if ((m = Pattern.compile("\"Since (\\w+day)\"").matcher(text)).find()) {
            compare(digits, "Day", t.fields().get("Day"), DAYS.indexOf(m.group(1).toLowerCase(Locale.ROOT)) + 1);
        } else if ((m = Pattern.compile("\"Since (\\d+)(?:st|th) of month\"").matcher(text)).find()) {
            compare(digits, "MonthDay", t.fields().get("MonthDay"), Integer.parseInt(m.group(1)));
        } else if (s.contains("since site installation")) {
            compare(digits, "class", t.className(), "SMS_ST_NonRecurring");
        } else if ((m = Pattern.compile("\"every 1 (day|week|month)\\(s\\), 1:00:00 AM\"").matcher(text)).find()) {
            compare(digits, "StartTime hour", t.timing().start().getHour(), 1);
            compare(digits, "kind", t.className(), m.group(1).equals("day") ? "SMS_ST_RecurInterval"
                    : m.group(1).equals("week") ? "SMS_ST_RecurWeekly" : "SMS_ST_RecurMonthlyByDate");
        } else if (s.contains("since monday")) {
            compare(digits, "Day", t.fields().get("Day"), 2);
        }
    }

    private void compare(String digits, String field, Object actual, Object expected) {
        checks++;
        String key = digits + " " + field;
        if (KNOWN_DISAGREEMENTS.containsKey(key)) {
            assertThat(actual).as("%s: listed as a disagreement (%s) but now agrees", key, KNOWN_DISAGREEMENTS.get(key))
                    .isNotEqualTo(expected);
            if (!disagreementsSeen.contains(key)) {
                disagreementsSeen.add(key);
            }
            return;
        }
        assertThat(actual).as("%s of %s", field, digits).isEqualTo(expected);
    }

    private static LocalDateTime startTime(String v) {
        String s = v.trim();
        if (s.matches("\\d{14}\\..*")) {
            return LocalDateTime.parse(s.substring(0, 14), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        }
        if (s.matches("\\d{2}-[A-Za-z]{3}-\\d{4} .*")) {
            return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH));
        }
        String withSeconds = s.matches(".* \\d{1,2}:\\d{2} [AP]M") ? s.replace(" AM", ":00 AM").replace(" PM", ":00 PM") : s;
        return LocalDateTime.parse(withSeconds, DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.ENGLISH));
    }
}
