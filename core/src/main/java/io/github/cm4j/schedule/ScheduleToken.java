package io.github.cm4j.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ConfigMgr schedule token: the 16 hex digits that {@code SMS_ScheduleMethods.WriteToString} makes of
 * an {@code SMS_ST_*} instance. Immutable and thread-safe values; parse and format with
 * {@link ScheduleTokens}.
 *
 * <p>The kinds are the five documented {@code SMS_ST_*} classes (SDK "SMS_ScheduleToken Server WMI
 * Class") and the undocumented type 6 that real sites carry ({@link RecurMonthlyByWeekdayOffset}; see
 * docs/operations.md, "Schedule tokens"). Every kind has the base properties of
 * {@code SMS_ScheduleToken} in its {@link Timing}.
 *
 * <pre>{@code
 * ScheduleToken t = ScheduleTokens.parse("0001200000100038");
 * t.summary();                       // every 7 days, as soon as possible
 * t.next(Instant.now(), ZoneId.of("Europe/Paris"));
 * }</pre>
 */
public sealed interface ScheduleToken permits ScheduleToken.NonRecurring, ScheduleToken.RecurInterval,
        ScheduleToken.RecurWeekly, ScheduleToken.RecurMonthlyByWeekday, ScheduleToken.RecurMonthlyByDate,
        ScheduleToken.RecurMonthlyByWeekdayOffset {

    /**
     * The start value simple schedules carry when nobody chose a start: {@code 19700201000000.000000+***},
     * the documented default of {@code StartTime} (word 1 {@code 00012000}). "Unless the Start value is
     * modified in the custom schedule, synchronization is initiated as soon as possible and then again based
     * on the configured recurrence pattern" (ConfigMgr 2007, "Synchronizing Software Updates").
     */
    LocalDateTime UNSET_START = LocalDateTime.of(1970, 2, 1, 0, 0);

    /**
     * The base properties of {@code SMS_ScheduleToken}, shared by every kind.
     *
     * @param start {@code StartTime}, a local date-time (or UTC when {@code gmt}); minute precision, 1970..2033
     * @param dayDuration {@code DayDuration}, 0..31 (0 = no duration in days)
     * @param hourDuration {@code HourDuration}, 0..31 (real tokens carry 24; the SDK says 0..23)
     * @param minuteDuration {@code MinuteDuration}, 0..59
     * @param gmt {@code IsGMT}: the start is UTC rather than the site's local time
     * @param reservedBits bits set where the layout has no field (kept so that formatting reproduces the
     *     token byte for byte; Microsoft's own "Since site installation" tally interval has bit 3 set)
     */
    record Timing(LocalDateTime start, int dayDuration, int hourDuration, int minuteDuration, boolean gmt,
                  long reservedBits) {
        /**
         * Validates the ranges.
         *
         * @param start see the record
         * @param dayDuration see the record
         * @param hourDuration see the record
         * @param minuteDuration see the record
         * @param gmt see the record
         * @param reservedBits see the record
         * @throws IllegalArgumentException naming the field out of range
         * @throws NullPointerException if {@code start} is null
         */
        public Timing {
            Objects.requireNonNull(start, "start");
            if (start.getYear() < 1970 || start.getYear() > 2033) {
                throw new IllegalArgumentException("StartTime year " + start.getYear() + " outside 1970..2033");
            }
            if (start.getSecond() != 0 || start.getNano() != 0) {
                throw new IllegalArgumentException("StartTime " + start + " has seconds; tokens hold minutes");
            }
            ScheduleTokens.range("DayDuration", dayDuration, 0, 31);
            ScheduleTokens.range("HourDuration", hourDuration, 0, 31);
            ScheduleTokens.range("MinuteDuration", minuteDuration, 0, 59);
        }

        /**
         * A timing without duration and without reserved bits.
         *
         * @param start the start
         * @param gmt whether the start is UTC
         * @return the timing
         */
        public static Timing of(LocalDateTime start, boolean gmt) {
            return new Timing(start, 0, 0, 0, gmt, 0);
        }

        /**
         * Whether the start is the "not modified" value {@link #UNSET_START}.
         *
         * @return whether the start means "as soon as possible"
         */
        public boolean isStartUnset() {
            return start.equals(UNSET_START);
        }

        /** @return the duration in minutes (days, hours and minutes added up) */
        public long durationMinutes() {
            return dayDuration * 1440L + hourDuration * 60L + minuteDuration;
        }

        /**
         * The start as an instant.
         *
         * @param siteZone the site's time zone, used when not {@link #gmt()}
         * @return the instant
         */
        public Instant startInstant(ZoneId siteZone) {
            return start.atZone(gmt ? ZoneOffset.UTC : siteZone).toInstant();
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            b.append(isStartUnset() ? "as soon as possible" : "from " + start.toString().replace('T', ' ')
                    + (gmt ? " UTC" : " local"));
            if (durationMinutes() > 0) {
                b.append(", lasting");
                if (dayDuration > 0) {
                    b.append(' ').append(dayDuration).append(" d");
                }
                if (hourDuration > 0) {
                    b.append(' ').append(hourDuration).append(" h");
                }
                if (minuteDuration > 0) {
                    b.append(' ').append(minuteDuration).append(" min");
                }
            }
            return b.toString();
        }
    }

    /** @return the base properties */
    Timing timing();

    /**
     * The WMI class this token is an instance of.
     *
     * @return e.g. {@code SMS_ST_RecurWeekly}
     */
    String className();

    /**
     * The type field of the token (bits 21-19 of the second word).
     *
     * @return 1..6
     */
    int typeCode();

    /**
     * The kind's own properties, named as the class names them, in a stable order.
     *
     * @return e.g. {@code {DaySpan=7, HourSpan=0, MinuteSpan=0}}
     */
    Map<String, Object> fields();

    /**
     * A sentence a person reads.
     *
     * @return e.g. {@code every 7 days from 2024-06-01 02:00 local, lasting 1 h}
     */
    String summary();

    /**
     * The local date-times at which this schedule fires at or after {@code from}, in a calendar without
     * zones. Implementations compute the first occurrence directly (no walk from 1970).
     *
     * @param from the earliest local date-time wanted
     * @param limit at most this many
     * @return the occurrences in order, at most {@code limit}
     */
    List<LocalDateTime> occurrencesFrom(LocalDateTime from, int limit);

    /**
     * The 16 hex digits of this token.
     *
     * @return e.g. {@code 0001200000100038}
     */
    default String format() {
        return ScheduleTokens.format(this);
    }

    /**
     * The next times this schedule fires strictly after an instant. IsGMT true: the start and the
     * recurrence are UTC; false: they are the site's local time, {@code siteZone}.
     *
     * @param after the instant to look after
     * @param siteZone the site's time zone (the site server's), used when the token is not GMT
     * @param limit at most this many, 0..10000
     * @return the next occurrences, oldest first (empty for a non-recurring schedule whose time is past)
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    default List<Instant> nextOccurrences(Instant after, ZoneId siteZone, int limit) {
        if (limit < 0 || limit > 10_000) {
            throw new IllegalArgumentException("limit " + limit + " outside 0..10000");
        }
        ZoneId zone = timing().gmt() ? ZoneOffset.UTC : Objects.requireNonNull(siteZone, "siteZone");
        LocalDateTime local = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
        List<Instant> out = new ArrayList<>(Math.min(limit, 64));
        for (LocalDateTime t : occurrencesFrom(local, limit + 2)) {
            Instant i = t.atZone(zone).toInstant();
            if (i.isAfter(after) && out.size() < limit) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The next time this schedule fires strictly after an instant.
     *
     * @param after the instant to look after
     * @param siteZone the site's time zone
     * @return the next occurrence, if any
     */
    default java.util.Optional<Instant> next(Instant after, ZoneId siteZone) {
        List<Instant> n = nextOccurrences(after, siteZone, 1);
        return n.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(n.get(0));
    }

    /**
     * {@code SMS_ST_NonRecurring}: once, at the start.
     *
     * @param timing the base properties
     */
    record NonRecurring(Timing timing) implements ScheduleToken {
        /**
         * Validates the components.
         *
         * @param timing see the record
         * @throws NullPointerException if timing is null
         */
        public NonRecurring {
            Objects.requireNonNull(timing, "timing");
        }

        @Override
        public String className() {
            return "SMS_ST_NonRecurring";
        }

        @Override
        public int typeCode() {
            return 1;
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of();
        }

        @Override
        public String summary() {
            return "once, " + timing.describe();
        }

        @Override
        public List<LocalDateTime> occurrencesFrom(LocalDateTime from, int limit) {
            return !timing.start().isBefore(from) && limit > 0 ? List.of(timing.start()) : List.of();
        }

        @Override
        public String toString() {
            return format() + " " + summary();
        }
    }

    /**
     * {@code SMS_ST_RecurInterval}: every so many days, hours or minutes from the start.
     *
     * @param timing the base properties
     * @param daySpan {@code DaySpan}, 0..31
     * @param hourSpan {@code HourSpan}, 0..23
     * @param minuteSpan {@code MinuteSpan}, 0..59; at least one span is not 0
     */
    record RecurInterval(Timing timing, int daySpan, int hourSpan, int minuteSpan) implements ScheduleToken {
        /**
         * Validates the components.
         *
         * @param timing see the record
         * @param daySpan see the record
         * @param hourSpan see the record
         * @param minuteSpan see the record
         * @throws IllegalArgumentException naming the field out of range, or when every span is 0
         */
        public RecurInterval {
            Objects.requireNonNull(timing, "timing");
            ScheduleTokens.range("DaySpan", daySpan, 0, 31);
            ScheduleTokens.range("HourSpan", hourSpan, 0, 23);
            ScheduleTokens.range("MinuteSpan", minuteSpan, 0, 59);
            if (daySpan == 0 && hourSpan == 0 && minuteSpan == 0) {
                throw new IllegalArgumentException("DaySpan, HourSpan and MinuteSpan are all 0: an interval of nothing");
            }
        }

        /** @return the interval in minutes */
        public long spanMinutes() {
            return daySpan * 1440L + hourSpan * 60L + minuteSpan;
        }

        @Override
        public String className() {
            return "SMS_ST_RecurInterval";
        }

        @Override
        public int typeCode() {
            return 2;
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("DaySpan", daySpan);
            m.put("HourSpan", hourSpan);
            m.put("MinuteSpan", minuteSpan);
            return m;
        }

        @Override
        public String summary() {
            List<String> parts = new ArrayList<>();
            if (daySpan > 0) {
                parts.add(daySpan + (daySpan == 1 ? " day" : " days"));
            }
            if (hourSpan > 0) {
                parts.add(hourSpan + (hourSpan == 1 ? " hour" : " hours"));
            }
            if (minuteSpan > 0) {
                parts.add(minuteSpan + (minuteSpan == 1 ? " minute" : " minutes"));
            }
            return "every " + String.join(" ", parts) + " " + timing.describe();
        }

        @Override
        public List<LocalDateTime> occurrencesFrom(LocalDateTime from, int limit) {
            long span = spanMinutes();
            LocalDateTime s = timing.start();
            long k = 0;
            if (from.isAfter(s)) {
                long gap = ChronoUnit.MINUTES.between(s, from);
                k = (gap + span - 1) / span;
            }
            List<LocalDateTime> out = new ArrayList<>();
            for (int n = 0; n < limit; n++) {
                out.add(s.plusMinutes((k + n) * span));
            }
            return out;
        }

        @Override
        public String toString() {
            return format() + " " + summary();
        }
    }

    /**
     * {@code SMS_ST_RecurWeekly}: one weekday every so many weeks.
     *
     * @param timing the base properties
     * @param day {@code Day}, 1 = Sunday .. 7 = Saturday
     * @param forNumberOfWeeks {@code ForNumberOfWeeks}, 1..4
     */
    record RecurWeekly(Timing timing, int day, int forNumberOfWeeks) implements ScheduleToken {
        /**
         * Validates the components.
         *
         * @param timing see the record
         * @param day see the record
         * @param forNumberOfWeeks see the record
         * @throws IllegalArgumentException naming the field out of range
         */
        public RecurWeekly {
            Objects.requireNonNull(timing, "timing");
            ScheduleTokens.range("Day", day, 1, 7);
            ScheduleTokens.range("ForNumberOfWeeks", forNumberOfWeeks, 1, 4);
        }

        @Override
        public String className() {
            return "SMS_ST_RecurWeekly";
        }

        @Override
        public int typeCode() {
            return 3;
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Day", day);
            m.put("ForNumberOfWeeks", forNumberOfWeeks);
            return m;
        }

        @Override
        public String summary() {
            return "every " + (forNumberOfWeeks == 1 ? "week" : forNumberOfWeeks + " weeks") + " on "
                    + ScheduleTokens.dayName(day) + " at " + timing.start().toLocalTime() + ", " + timing.describe();
        }

        @Override
        public List<LocalDateTime> occurrencesFrom(LocalDateTime from, int limit) {
            LocalDateTime first = timing.start().toLocalDate().with(TemporalAdjusters.nextOrSame(ScheduleTokens.dayOfWeek(day)))
                    .atTime(timing.start().toLocalTime());
            long step = 7L * forNumberOfWeeks;
            long k = 0;
            if (from.isAfter(first)) {
                long gap = ChronoUnit.DAYS.between(first.toLocalDate(), from.toLocalDate());
                k = Math.max(0, gap / step - 1);
            }
            List<LocalDateTime> out = new ArrayList<>();
            for (long n = k; out.size() < limit; n++) {
                LocalDateTime t = first.plusDays(n * step);
                if (!t.isBefore(from)) {
                    out.add(t);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return format() + " " + summary();
        }
    }

    /**
     * {@code SMS_ST_RecurMonthlyByWeekday}: the n-th (or last) weekday every so many months.
     *
     * @param timing the base properties
     * @param day {@code Day}, 1 = Sunday .. 7 = Saturday
     * @param forNumberOfMonths {@code ForNumberOfMonths}, 1..12
     * @param weekOrder {@code WeekOrder}, 0 = last, 1..4 = first..fourth
     */
    record RecurMonthlyByWeekday(Timing timing, int day, int forNumberOfMonths, int weekOrder) implements ScheduleToken {
        /**
         * Validates the components.
         *
         * @param timing see the record
         * @param day see the record
         * @param forNumberOfMonths see the record
         * @param weekOrder see the record
         * @throws IllegalArgumentException naming the field out of range
         */
        public RecurMonthlyByWeekday {
            Objects.requireNonNull(timing, "timing");
            ScheduleTokens.range("Day", day, 1, 7);
            ScheduleTokens.range("ForNumberOfMonths", forNumberOfMonths, 1, 12);
            ScheduleTokens.range("WeekOrder", weekOrder, 0, 4);
        }

        @Override
        public String className() {
            return "SMS_ST_RecurMonthlyByWeekday";
        }

        @Override
        public int typeCode() {
            return 4;
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Day", day);
            m.put("ForNumberOfMonths", forNumberOfMonths);
            m.put("WeekOrder", weekOrder);
            return m;
        }

        @Override
        public String summary() {
            return "the " + ScheduleTokens.weekOrderName(weekOrder) + " " + ScheduleTokens.dayName(day) + " of every "
                    + (forNumberOfMonths == 1 ? "month" : forNumberOfMonths + " months") + " at "
                    + timing.start().toLocalTime() + ", " + timing.describe();
        }

        @Override
        public List<LocalDateTime> occurrencesFrom(LocalDateTime from, int limit) {
            return ScheduleTokens.monthly(timing, forNumberOfMonths, from, limit,
                    month -> ScheduleTokens.nthWeekday(month, day, weekOrder));
        }

        @Override
        public String toString() {
            return format() + " " + summary();
        }
    }

    /**
     * {@code SMS_ST_RecurMonthlyByDate}: one day of the month every so many months.
     *
     * @param timing the base properties
     * @param monthDay {@code MonthDay}, 0 = the last day, 1..31 (a month without that day fires on its last day)
     * @param forNumberOfMonths {@code ForNumberOfMonths}, 1..12
     */
    record RecurMonthlyByDate(Timing timing, int monthDay, int forNumberOfMonths) implements ScheduleToken {
        /**
         * Validates the components.
         *
         * @param timing see the record
         * @param monthDay see the record
         * @param forNumberOfMonths see the record
         * @throws IllegalArgumentException naming the field out of range
         */
        public RecurMonthlyByDate {
            Objects.requireNonNull(timing, "timing");
            ScheduleTokens.range("MonthDay", monthDay, 0, 31);
            ScheduleTokens.range("ForNumberOfMonths", forNumberOfMonths, 1, 12);
        }

        @Override
        public String className() {
            return "SMS_ST_RecurMonthlyByDate";
        }

        @Override
        public int typeCode() {
            return 5;
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("MonthDay", monthDay);
            m.put("ForNumberOfMonths", forNumberOfMonths);
            return m;
        }

        @Override
        public String summary() {
            return (monthDay == 0 ? "the last day" : "day " + monthDay) + " of every "
                    + (forNumberOfMonths == 1 ? "month" : forNumberOfMonths + " months") + " at "
                    + timing.start().toLocalTime() + ", " + timing.describe();
        }

        @Override
        public List<LocalDateTime> occurrencesFrom(LocalDateTime from, int limit) {
            return ScheduleTokens.monthly(timing, forNumberOfMonths, from, limit, month -> monthDay == 0
                    ? month.with(TemporalAdjusters.lastDayOfMonth())
                    : month.withDayOfMonth(Math.min(monthDay, month.lengthOfMonth())));
        }

        @Override
        public String toString() {
            return format() + " " + summary();
        }
    }

    /**
     * Type 6, which no {@code SMS_ST_*} class documents: {@link RecurMonthlyByWeekday} plus
     * {@code offsetDays} days ("Occurs 7 day(s) after the First Monday of every 1 months"; New-CMSchedule's
     * {@code -OffsetDay}). Decoded from one real token and one third-party decoder: the offset is bits 8-6
     * of the second word (see {@code shared/reference/schedule/layout-verification.md}, finding A).
     *
     * @param timing the base properties
     * @param day {@code Day}, 1 = Sunday .. 7 = Saturday
     * @param forNumberOfMonths 1..12
     * @param weekOrder 0 = last, 1..4
     * @param offsetDays days after that weekday, 0..7
     */
    record RecurMonthlyByWeekdayOffset(Timing timing, int day, int forNumberOfMonths, int weekOrder, int offsetDays)
            implements ScheduleToken {
        /**
         * Validates the components.
         *
         * @param timing see the record
         * @param day see the record
         * @param forNumberOfMonths see the record
         * @param weekOrder see the record
         * @param offsetDays see the record
         * @throws IllegalArgumentException naming the field out of range
         */
        public RecurMonthlyByWeekdayOffset {
            Objects.requireNonNull(timing, "timing");
            ScheduleTokens.range("Day", day, 1, 7);
            ScheduleTokens.range("ForNumberOfMonths", forNumberOfMonths, 1, 12);
            ScheduleTokens.range("WeekOrder", weekOrder, 0, 4);
            ScheduleTokens.range("OffsetDays", offsetDays, 0, 7);
        }

        /** @return a name for the undocumented kind (no WMI class has it) */
        @Override
        public String className() {
            return "SMS_ST_RecurMonthlyByWeekdayOffset (type 6, undocumented)";
        }

        @Override
        public int typeCode() {
            return 6;
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Day", day);
            m.put("ForNumberOfMonths", forNumberOfMonths);
            m.put("WeekOrder", weekOrder);
            m.put("OffsetDays", offsetDays);
            return m;
        }

        @Override
        public String summary() {
            return offsetDays + " days after the " + ScheduleTokens.weekOrderName(weekOrder) + " "
                    + ScheduleTokens.dayName(day) + " of every " + (forNumberOfMonths == 1 ? "month"
                    : forNumberOfMonths + " months") + " at " + timing.start().toLocalTime() + ", " + timing.describe();
        }

        @Override
        public List<LocalDateTime> occurrencesFrom(LocalDateTime from, int limit) {
            return ScheduleTokens.monthly(timing, forNumberOfMonths, from, limit,
                    month -> ScheduleTokens.nthWeekday(month, day, weekOrder).plusDays(offsetDays));
        }

        @Override
        public String toString() {
            return format() + " " + summary();
        }
    }
}
