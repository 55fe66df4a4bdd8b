package io.github.cm4j.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.schedule.ScheduleToken.RecurInterval;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByDate;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByWeekday;
import io.github.cm4j.schedule.ScheduleToken.RecurWeekly;
import io.github.cm4j.schedule.ScheduleToken.Timing;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTokensTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void sevenDayIntervalWithTheUnsetStartReadsAsSoonAsPossible() {
        ScheduleToken t = ScheduleTokens.parse("0001200000100038");
        assertThat(t).isInstanceOf(RecurInterval.class);
        assertThat(((RecurInterval) t).daySpan()).isEqualTo(7);
        assertThat(t.timing().isStartUnset()).isTrue();
        assertThat(t.summary()).isEqualTo("every 7 days as soon as possible");
    }

    @Test
    void summaryNamesStartZoneAndDuration() {
        RecurInterval t = new RecurInterval(new Timing(LocalDateTime.of(2024, 6, 1, 2, 0), 0, 1, 0, false, 0), 7, 0, 0);
        assertThat(t.summary()).isEqualTo("every 7 days from 2024-06-01 02:00 local, lasting 1 h");
        assertThat(ScheduleTokens.parse(t.format())).isEqualTo(t);
    }

    @Test
    void lowerCaseHexIsAcceptedAndFormattedUpperCase() {
        assertThat(ScheduleTokens.parse("00811a9e081a2000").format()).isEqualTo("00811A9E081A2000");
    }

    @Test
    void aBadHexDigitNamesTheTokenAndPosition() {
        assertThatThrownBy(() -> ScheduleTokens.parseAll("0001200000100038000120000010003G"))
                .isInstanceOfSatisfying(ScheduleParseException.class, e -> {
                    assertThat(e.tokenNumber()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("hex digit");
                    assertThat(e.column()).isEqualTo(32);
                    assertThat(e.getMessage()).contains("token 2 (digits 17-32)").contains("'G'");
                });
    }

    @Test
    void aLengthThatIsNotAMultipleOfSixteenIsRefused() {
        assertThatThrownBy(() -> ScheduleTokens.parseAll("00012000001000380")).isInstanceOfSatisfying(
                ScheduleParseException.class, e -> assertThat(e.field()).isEqualTo("length"));
        assertThatThrownBy(() -> ScheduleTokens.parse("")).isInstanceOf(ScheduleParseException.class);
        assertThatThrownBy(() -> ScheduleTokens.parse("0".repeat(16 * 65))).hasMessageContaining("longer than 64");
    }

    @Test
    void everyKindFieldOutOfRangeIsNamed() {
        // HourSpan 31 (bits 12-8) in a RecurInterval.
        assertThatThrownBy(() -> ScheduleTokens.parse("0001200000101F00")).isInstanceOfSatisfying(
                ScheduleParseException.class, e -> {
                    assertThat(e.field()).isEqualTo("HourSpan");
                    assertThat(e.getMessage()).contains("HourSpan 31 outside 0..23");
                });
        // Weekly with Day 0.
        assertThatThrownBy(() -> ScheduleTokens.parse("0001200000182000")).hasMessageContaining("Day 0 outside 1..7");
        // Type 7.
        assertThatThrownBy(() -> ScheduleTokens.parse("0001200000380000")).isInstanceOfSatisfying(
                ScheduleParseException.class, e -> assertThat(e.field()).isEqualTo("type"));
        // Type 0.
        assertThatThrownBy(() -> ScheduleTokens.parse("0001200000000000")).hasMessageContaining("type 0");
        // An interval of nothing.
        assertThatThrownBy(() -> ScheduleTokens.parse("0001200000100000")).hasMessageContaining("all 0");
        // Month 0 in the start.
        assertThatThrownBy(() -> ScheduleTokens.parse("0001000000100038")).hasMessageContaining("StartTime month 0");
        // 30 February.
        assertThatThrownBy(() -> ScheduleTokens.parse("001E200000100038")).hasMessageContaining("StartTime day 30 outside 1..28");
        // Minute 60.
        assertThatThrownBy(() -> ScheduleTokens.parse("F001200000100038")).hasMessageContaining("StartTime minute 60");
        // Monthly by weekday, 13 months.
        assertThatThrownBy(() -> ScheduleTokens.parse("000120000023D200")).hasMessageContaining("ForNumberOfMonths 13");
    }

    @Test
    void typeSixIsDecodedWithItsOffsetNotMisreadAsTypeFour() {
        ScheduleToken t = ScheduleTokens.parse("00211D80083213C0");
        assertThat(t.typeCode()).isEqualTo(6);
        assertThat(t.fields()).containsEntry("OffsetDays", 7).containsEntry("WeekOrder", 1).containsEntry("Day", 2);
        // First Monday of July 2024 is 1 July; seven days later, at 01:00.
        assertThat(t.next(Instant.parse("2024-06-20T00:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2024-07-08T01:00:00Z"));
    }

    @Test
    void unusedBitsSurviveTheRoundTrip() {
        assertThat(ScheduleTokens.parse("0001128000080008").format()).isEqualTo("0001128000080008");
        assertThat(ScheduleTokens.parse("0001128000080008").timing().reservedBits()).isEqualTo(8);
    }

    @Test
    void intervalOccurrencesFollowTheStartAndTheSiteZone() {
        RecurInterval hourly = new RecurInterval(Timing.of(LocalDateTime.of(2024, 6, 1, 0, 30), false), 0, 1, 0);
        List<Instant> next = hourly.nextOccurrences(Instant.parse("2024-06-11T10:00:00Z"), PARIS, 3);
        // 10:00Z is 12:00 in Paris (CEST); the next :30 local is 12:30 = 10:30Z.
        assertThat(next).containsExactly(Instant.parse("2024-06-11T10:30:00Z"), Instant.parse("2024-06-11T11:30:00Z"),
                Instant.parse("2024-06-11T12:30:00Z"));
        RecurInterval gmt = new RecurInterval(Timing.of(LocalDateTime.of(2024, 6, 1, 0, 30), true), 0, 1, 0);
        assertThat(gmt.next(Instant.parse("2024-06-11T10:00:00Z"), PARIS)).contains(Instant.parse("2024-06-11T10:30:00Z"));
    }

    @Test
    void occurrencesAreStrictlyAfterTheInstant() {
        RecurInterval daily = new RecurInterval(Timing.of(LocalDateTime.of(2024, 6, 1, 10, 0), true), 1, 0, 0);
        assertThat(daily.next(Instant.parse("2024-06-11T10:00:00Z"), PARIS)).contains(Instant.parse("2024-06-12T10:00:00Z"));
    }

    @Test
    void weeklyEveryTwoWeeksCountsFromTheFirstMatchingDay() {
        // Start Saturday 1 June 2024; Day 3 = Tuesday: first 4 June, then every 14 days.
        RecurWeekly w = new RecurWeekly(Timing.of(LocalDateTime.of(2024, 6, 1, 2, 0), true), 3, 2);
        assertThat(w.nextOccurrences(Instant.parse("2024-06-05T00:00:00Z"), PARIS, 2))
                .containsExactly(Instant.parse("2024-06-18T02:00:00Z"), Instant.parse("2024-07-02T02:00:00Z"));
    }

    @Test
    void monthlyKindsFindLastDaysAndNthWeekdays() {
        RecurMonthlyByDate last = new RecurMonthlyByDate(Timing.of(LocalDateTime.of(2024, 1, 1, 20, 0), true), 0, 1);
        assertThat(last.nextOccurrences(Instant.parse("2024-02-01T00:00:00Z"), PARIS, 2))
                .containsExactly(Instant.parse("2024-02-29T20:00:00Z"), Instant.parse("2024-03-31T20:00:00Z"));
        RecurMonthlyByDate day31 = new RecurMonthlyByDate(Timing.of(LocalDateTime.of(2024, 1, 1, 20, 0), true), 31, 1);
        assertThat(day31.next(Instant.parse("2024-04-01T00:00:00Z"), PARIS)).contains(Instant.parse("2024-04-30T20:00:00Z"));
        // Patch Tuesday: second Tuesday, every month.
        RecurMonthlyByWeekday patchTuesday = new RecurMonthlyByWeekday(Timing.of(LocalDateTime.of(2024, 1, 1, 18, 0), true), 3, 1, 2);
        assertThat(patchTuesday.next(Instant.parse("2024-06-01T00:00:00Z"), PARIS)).contains(Instant.parse("2024-06-11T18:00:00Z"));
        RecurMonthlyByWeekday lastFriday = new RecurMonthlyByWeekday(Timing.of(LocalDateTime.of(2024, 1, 1, 18, 0), true), 6, 1, 0);
        assertThat(lastFriday.next(Instant.parse("2024-06-01T00:00:00Z"), PARIS)).contains(Instant.parse("2024-06-28T18:00:00Z"));
    }

    @Test
    void aNonRecurringScheduleInThePastHasNoNextOccurrence() {
        assertThat(ScheduleTokens.parse("00011A8500080000").next(Instant.parse("2024-01-01T00:00:00Z"), PARIS)).isEmpty();
    }

    @Test
    void farStartsAreComputedWithoutWalkingFromThem() {
        RecurInterval everyMinute = new RecurInterval(Timing.of(ScheduleToken.UNSET_START, true), 0, 0, 1);
        assertThat(everyMinute.next(Instant.parse("2033-12-31T23:58:30Z"), PARIS)).contains(Instant.parse("2033-12-31T23:59:00Z"));
    }

    @Test
    void constructorsRefuseOutOfRangeFieldsByName() {
        Timing t = Timing.of(LocalDateTime.of(2024, 1, 1, 0, 0), false);
        assertThatThrownBy(() -> new RecurWeekly(t, 8, 1)).hasMessageContaining("Day 8");
        assertThatThrownBy(() -> new RecurWeekly(t, 1, 5)).hasMessageContaining("ForNumberOfWeeks 5");
        assertThatThrownBy(() -> new Timing(LocalDateTime.of(2034, 1, 1, 0, 0), 0, 0, 0, false, 0)).hasMessageContaining("2034");
        assertThatThrownBy(() -> new Timing(LocalDateTime.of(2024, 1, 1, 0, 0), 0, 0, 60, false, 0)).hasMessageContaining("MinuteDuration 60");
    }
}
