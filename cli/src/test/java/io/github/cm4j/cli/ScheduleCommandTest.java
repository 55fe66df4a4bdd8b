package io.github.cm4j.cli;

import static io.github.cm4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cli.CliTest.Result;
import org.junit.jupiter.api.Test;

class ScheduleCommandTest {

    @Test
    void decodeJsonPrintsTheClassPropertiesOneObjectPerToken() {
        Result r = run("schedule", "decode", "--json", "1033BC7B10100010", "00811A9E08221600");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out().lines().findFirst().orElseThrow()).isEqualTo("{\"Token\":\"1033BC7B10100010\","
                + "\"Type\":\"SMS_ST_RecurInterval\",\"StartTime\":\"2019-11-19T01:04:00\",\"DayDuration\":0,"
                + "\"HourDuration\":2,\"MinuteDuration\":59,\"IsGMT\":false,\"DaySpan\":2,\"HourSpan\":0,\"MinuteSpan\":0,"
                + "\"Summary\":\"every 2 days from 2019-11-19 01:04 local, lasting 2 h 59 min\"}");
        assertThat(r.out()).contains("\"Type\":\"SMS_ST_RecurMonthlyByWeekday\"").contains("\"WeekOrder\":3")
                .contains("\"Day\":2").contains("\"ForNumberOfMonths\":1");
    }

    @Test
    void decodeNextListsOccurrencesInTheSiteZone() {
        Result r = run("schedule", "decode", "0034394008100008", "--next", "2", "--after", "2024-06-11T10:00:00Z",
                "--zone", "Europe/Paris");
        assertThat(r.code()).as(r.err()).isZero();
        // Every day at 01:00 local; Paris is UTC+2 in June.
        assertThat(r.out()).contains("next: 2024-06-11T23:00:00Z").contains("next: 2024-06-12T23:00:00Z");
        Result json = run("schedule", "decode", "--json", "0034394008100008", "--next", "1", "--after", "2024-06-11T10:00:00Z");
        assertThat(json.out()).contains("\"Next\":[\"2024-06-12T01:00:00Z\"]");
        assertThat(run("schedule", "decode", "0034394008100008", "--zone", "Mars/Olympus").err()).contains("--zone 'Mars/Olympus'");
    }

    @Test
    void decodeSplitsConcatenatedTokens() {
        Result r = run("schedule", "decode", "791378800008000055147880001B200055177880001E2000");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("SMS_ST_NonRecurring").contains("every week on Tuesday").contains("every week on Friday");
    }

    @Test
    void badTokensExitOneNamingFieldAndPositionWithoutAStackTrace() {
        Result hex = run("schedule", "decode", "00012000001000G8");
        assertThat(hex.code()).isEqualTo(1);
        assertThat(hex.err()).contains("schedule token 1").contains("'G' is not a hex digit").contains("column 15")
                .doesNotContain("Exception").doesNotContain("\tat ");
        Result field = run("schedule", "decode", "0001200000100038", "0001200000101F00");
        assertThat(field.code()).isEqualTo(1);
        assertThat(field.err()).contains("HourSpan 31 outside 0..23");
        Result length = run("schedule", "decode", "every day");
        assertThat(length.code()).isEqualTo(1);
    }

    @Test
    void encodeMirrorsNewCmSchedule() {
        assertThat(run("schedule", "encode", "--recur-interval", "days", "--recur-count", "7").out())
                .startsWith("0001200000100038");
        assertThat(run("schedule", "encode", "--recur-interval", "hours", "--recur-count", "1").out())
                .startsWith("0001200000100100");
        assertThat(run("schedule", "encode", "--start", "2012-01-01T04:00", "--day-of-week", "monday",
                "--duration-interval", "hours", "--duration-count", "1").out()).startsWith("00811A80081A2000");
        assertThat(run("schedule", "encode", "--start", "2012-01-01T20:00", "--last-day-of-month", "--recur-count", "3",
                "--duration-interval", "hours", "--duration-count", "8").out()).startsWith("02811A8040280C00");
        assertThat(run("schedule", "encode", "--start", "2024-01-01T01:00", "--week-order", "first", "--day-of-week",
                "monday", "--offset-days", "7", "--duration-interval", "hours", "--duration-count", "1").out())
                .startsWith("00211D80083213C0");
        Result json = run("schedule", "encode", "--start", "2012-01-01T00:00", "--nonrecurring", "--json");
        assertThat(json.out()).contains("\"Type\":\"SMS_ST_NonRecurring\"").contains("\"Token\":\"00011A8000080000\"");
    }

    @Test
    void encodeRefusesBadOptionsNamingThem() {
        Result count = run("schedule", "encode", "--recur-interval", "hours", "--recur-count", "24");
        assertThat(count.code()).isEqualTo(1);
        assertThat(count.err()).contains("--recur-count").contains("HourSpan 24 outside 0..23");
        Result unit = run("schedule", "encode", "--recur-interval", "fortnights");
        assertThat(unit.code()).isEqualTo(1);
        assertThat(unit.err()).contains("--recur-interval must be minutes, hours or days");
        Result start = run("schedule", "encode", "--start", "tomorrow");
        assertThat(start.err()).contains("--start 'tomorrow'");
        Result year = run("schedule", "encode", "--start", "2040-01-01T00:00");
        assertThat(year.err()).contains("--start").contains("2040");
        Result two = run("schedule", "encode", "--nonrecurring", "--recur-interval", "days");
        assertThat(two.err()).contains("choose one recurrence");
    }

    @Test
    void syncScheduleShowSetDisableOnTheDemo() {
        Result show = run("sync", "schedule", "show");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("0001200000100038").contains("every 7 days");
        Result dry = run("sync", "schedule", "set", "0001200000100100", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Sync Schedule").contains("dry run");
        Result bad = run("sync", "schedule", "set", "every day");
        assertThat(bad.code()).isEqualTo(1);
        Result child = run("sync", "schedule", "set", "0001200000100100", "--site", "PS1");
        assertThat(child.code()).isEqualTo(1);
        assertThat(child.err()).contains("child site").contains("top-level site only");
        Result off = run("sync", "schedule", "disable", "--dry-run");
        assertThat(off.out()).contains("0001200000100038").contains("dry run");
    }

    @Test
    void syncStatusListsEverySiteByName() {
        Result r = run("sync", "status");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("CAS").contains("PS1").contains("PS2").contains("6702").contains("DONE");
        assertThat(run("sync", "status", "--format", "csv").out().lines().findFirst().orElseThrow()).startsWith("siteCode,");
        Result json = run("sync", "status", "--json");
        assertThat(json.out().lines()).hasSize(3).allMatch(l -> l.contains("\"lastSyncState\":\"DONE\""));
    }

    @Test
    void scfSetRefusesAMisspeltPropertyUnlessAdded() {
        Result typo = run("scf", "set", "--component", "SMS_WSUS_SYNC_MANAGER", "--property", "Sync Expressfiles",
                "--value", "1");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("did you mean \"Sync ExpressFiles\"");
        Result add = run("scf", "set", "--component", "SMS_WSUS_SYNC_MANAGER", "--property", "Sync Expressfiles",
                "--value", "1", "--add", "--dry-run");
        assertThat(add.code()).as(add.err()).isZero();
        Result schedule = run("scf", "set", "--component", "SMS_WSUS_SYNC_MANAGER", "--property", "Sync Schedule",
                "--value", "0", "--value1", "every day");
        assertThat(schedule.code()).isEqualTo(1);
        assertThat(schedule.err()).contains("Sync Schedule").contains("schedule tokens");
    }

    @Test
    void syncWithoutWaitSaysHowToWatchAndFailuresPrintADiagnosis() {
        Result r = run("sync");
        assertThat(r.out()).contains("cm4j sync status").doesNotContain("cm4j sync --wait or");
    }
}
