package io.github.cm4j.cim;

import io.github.cm4j.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalInt;

/**
 * A CIM {@code datetime} value exactly as WMI and the SMS Provider write it: either a <em>timestamp</em>
 * {@code yyyymmddHHMMSS.mmmmmmsUUU} or an <em>interval</em> {@code ddddddddHHMMSS.mmmmmm:000}.
 *
 * <p>The format is defined by DMTF DSP0004 (CIM Infrastructure Specification), "Datetime Type", and
 * restated for WMI in the Windows SDK pages "CIM_DATETIME" and "Interval Format". Both forms are exactly 25
 * characters:
 * <pre>
 *   timestamp  yyyy mm dd HH MM SS . mmmmmm s UUU     s = '+' or '-', UUU = UTC offset in minutes
 *   interval   dddddddd   HH MM SS . mmmmmm : 000     dddddddd = days, 00000000..99999999
 * </pre>
 *
 * <h2>Wildcards</h2>
 * Any field may be written as all asterisks, meaning "not significant" (DSP0004) or "any value" (WMI, e.g.
 * the schedule tokens {@code 19700201000000.000000+***} and {@code 00000000000000.000000+***} of the
 * ConfigMgr SDK). The microseconds field may instead keep its leading digits and replace only the
 * trailing, insignificant ones ({@code .123***}); the UTC offset may be {@code ***} after either sign.
 * Unlike DSP0004 this class does not require the wildcard fields to be adjacent to the least significant
 * end, because WMI uses patterns such as {@code ********123000.000000-420} (the documented form of
 * {@code Win32_ScheduledJob.StartTime}: any day at 12:30). It accepts wildcards in intervals as DSP0004
 * does, although the WMI "Interval Format" page says asterisks cannot be used there, so WMI may refuse
 * such an interval. A field mixing digits and asterisks (other than the microseconds rule) is a syntax
 * error.
 *
 * <p>Wildcards are modelled explicitly: every field accessor returns an {@link OptionalInt} that is empty
 * when the field is a wildcard; {@link #microsecondPrecision()} tells how many microsecond digits are
 * significant; {@link #isComplete()} says whether there is no wildcard at all. Only complete values
 * convert to {@code java.time}.
 *
 * <h2>Validation</h2>
 * Fields are range checked when parsed: month 01..12, day 01..31 (and not beyond the length of the month
 * when the month is known, February counting 29 days when the year is a wildcard or a leap year), hour
 * 00..23, minute 00..59, second 00..59. A leap second ({@code 60}) is rejected: the WMI page limits
 * seconds to 00..59 and {@code java.time} could not represent it. The UTC offset may be any three digits,
 * 000..999 minutes. As the one exception, the all-zero date {@code 00000000} (year, month and day all zero) is
 * accepted because ConfigMgr uses {@code 00000000000000.000000+***} as its "zero time" sentinel; such a
 * value parses and formats but does not convert to {@code java.time}.
 *
 * <h2>Text form and equality</h2>
 * {@link #toString()} returns the DMTF text, and {@code parse(s).toString()} equals {@code s} for every
 * valid {@code s}, byte for byte: for example the sign of a zero offset is preserved ({@code -000} occurs
 * in real WMI output beside the usual {@code +000}). Two values are {@linkplain #equals(Object) equal} when
 * their texts are equal; like {@link OffsetDateTime#equals(Object)} this means that the same instant
 * written with different offsets is not equal.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CimDateTime {

    /** Length of every CIM datetime string (DSP0004: "the entire string is always 25 characters"). */
    public static final int LENGTH = 25;

    /** Largest number of days an interval can hold (eight digits). */
    public static final int MAX_INTERVAL_DAYS = 99_999_999;

    private static final String WHAT = "CIM datetime";
    private static final int WILDCARD = -1;
    private static final int MAX_OFFSET_MINUTES = 999;
    private static final int MICRO_DIGITS = 6;

    // Offsets of the fields in the 25-character string.
    private static final int DOT = 14;
    private static final int MICROS = 15;
    private static final int SIGN = 21;
    private static final int OFFSET = 22;

    // Instants a timestamp can hold: years 0000..9999 (UTC).
    private static final Instant MIN_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final boolean interval;
    private final int year;
    private final int month;
    private final int day;
    private final int days;
    private final int hour;
    private final int minute;
    private final int second;
    /** Microseconds with the insignificant digits counted as zero; {@link #WILDCARD} if no digit is significant. */
    private final int micros;
    /** Number of significant microsecond digits, 0..6. */
    private final int microDigits;
    /** '+', '-' (timestamps) or ':' (intervals). */
    private final char sign;
    /** Offset magnitude 0..999, or {@link #WILDCARD}; always 0 for intervals. */
    private final int offset;
    private final String text;

    private CimDateTime(boolean interval, int year, int month, int day, int days, int hour, int minute,
            int second, int micros, int microDigits, char sign, int offset) {
        this.interval = interval;
        this.year = year;
        this.month = month;
        this.day = day;
        this.days = days;
        this.hour = hour;
        this.minute = minute;
        this.second = second;
        this.micros = micros;
        this.microDigits = microDigits;
        this.sign = sign;
        this.offset = offset;
        this.text = format();
    }

    // ------------------------------------------------------------------------------------------------
    // Parsing

    /**
     * Parses a CIM datetime (timestamp or interval, wildcards allowed).
     *
     * <p>Never throws anything but {@link ParseException}, whatever the input: {@code null}, wrong length,
     * unexpected characters, out-of-range fields. The exception's {@link ParseException#what() what} is
     * {@code "CIM datetime"} and its {@link ParseException#offset() offset} points at the first offending
     * character. Only the first 25 characters are examined, so a huge input fails fast.
     *
     * @param text the 25-character DMTF string, e.g. {@code 20140410210500.000000-180}
     * @return the parsed value; its {@code toString()} is {@code text}
     * @throws ParseException if {@code text} is {@code null} or not a valid CIM datetime
     */
    public static CimDateTime parse(String text) {
        if (text == null) {
            throw new ParseException(WHAT, "input is null", "", 0);
        }
        return new Parser(text).parse();
    }

    /** Fixed-position parser; every check names the offset of the character it rejects. */
    private static final class Parser {
        private final String text;

        Parser(String text) {
            this.text = text;
        }

        CimDateTime parse() {
            // The separator at offset 21 decides the form: ':' only ever appears there in an interval.
            boolean interval = text.length() > SIGN && text.charAt(SIGN) == ':';
            int year = WILDCARD;
            int month = WILDCARD;
            int day = WILDCARD;
            int days = WILDCARD;
            if (interval) {
                days = field(0, 8, "days");
            } else {
                year = field(0, 4, "year");
                month = field(4, 2, "month");
                day = field(6, 2, "day");
                checkDate(year, month, day);
            }
            int hour = ranged(field(8, 2, "hour"), 8, "hour", 0, 23, "");
            int minute = ranged(field(10, 2, "minute"), 10, "minute", 0, 59, "");
            int second = ranged(field(12, 2, "second"), 12, "second", 0, 59,
                    " (leap seconds are not supported)");
            expect(DOT, '.', "'.' after the seconds");
            int microValue = 0;
            int microDigits = 0;
            boolean starSeen = false;
            for (int i = MICROS; i < MICROS + MICRO_DIGITS; i++) {
                char c = at(i, "microseconds");
                if (c == '*') {
                    starSeen = true;
                } else if (isDigit(c)) {
                    if (starSeen) {
                        throw error("microsecond digit " + describe(c) + " after '*' (only the trailing"
                                + " microsecond digits may be asterisks)", i);
                    }
                    microValue = microValue * 10 + (c - '0');
                    microDigits++;
                } else {
                    throw error("expected a digit or '*' in microseconds but found " + describe(c), i);
                }
            }
            int micros = WILDCARD;
            if (microDigits > 0) {
                micros = microValue;
                for (int i = microDigits; i < MICRO_DIGITS; i++) {
                    micros *= 10;
                }
            }
            char sign = at(SIGN, "UTC offset sign");
            int offset;
            if (interval) {
                for (int i = OFFSET; i < LENGTH; i++) {
                    char c = at(i, "interval suffix");
                    if (c != '0') {
                        throw error("an interval must end with ':000' but found " + describe(c), i);
                    }
                }
                offset = 0;
            } else {
                if (sign != '+' && sign != '-') {
                    throw error("expected '+', '-' or ':' but found " + describe(sign), SIGN);
                }
                offset = field(OFFSET, 3, "UTC offset");
            }
            if (text.length() > LENGTH) {
                throw error("unexpected text after the " + LENGTH + "-character datetime (input has "
                        + text.length() + " characters)", LENGTH);
            }
            return new CimDateTime(interval, year, month, day, days, hour, minute, second, micros, microDigits,
                    sign, offset);
        }

        /** Reads a fixed-width field of digits, or of asterisks ({@link #WILDCARD}). */
        private int field(int start, int width, String name) {
            char first = at(start, name);
            if (first == '*') {
                for (int i = start + 1; i < start + width; i++) {
                    char c = at(i, name);
                    if (c != '*') {
                        throw error(name + " mixes '*' and " + describe(c) + "; a wildcard field is all"
                                + " asterisks", i);
                    }
                }
                return WILDCARD;
            }
            int value = 0;
            for (int i = start; i < start + width; i++) {
                char c = at(i, name);
                if (!isDigit(c)) {
                    if (c == '*') {
                        throw error(name + " mixes digits and '*'; a wildcard field is all asterisks", i);
                    }
                    throw error("expected a digit or '*' in " + name + " but found " + describe(c), i);
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private void checkDate(int year, int month, int day) {
            if (year == 0 && month == 0 && day == 0) {
                return; // ConfigMgr's all-zero "zero time" sentinel, see the class comment
            }
            ranged(month, 4, "month", 1, 12, "");
            if (day == WILDCARD) {
                return;
            }
            int max = 31;
            String context = "";
            if (month != WILDCARD) {
                max = daysInMonth(year, month);
                context = year == WILDCARD ? " for month " + pad(month, 2) : " for " + pad(year, 4) + "-"
                        + pad(month, 2);
            }
            ranged(day, 6, "day", 1, max, context);
        }

        private int ranged(int value, int offset, String name, int min, int max, String context) {
            if (value != WILDCARD && (value < min || value > max)) {
                throw error(name + " " + pad(value, 2) + " out of range " + pad(min, 2) + ".." + pad(max, 2)
                        + context, offset);
            }
            return value;
        }

        private void expect(int i, char expected, String what) {
            char c = at(i, what);
            if (c != expected) {
                throw error("expected " + what + " but found " + describe(c), i);
            }
        }

        private char at(int i, String name) {
            if (i >= text.length()) {
                throw error("unexpected end of input in " + name + " (a CIM datetime has " + LENGTH
                        + " characters, this input has " + text.length() + ")", text.length());
            }
            return text.charAt(i);
        }

        private ParseException error(String problem, int offset) {
            return new ParseException(WHAT, problem, text, offset);
        }
    }

    private static boolean isDigit(char c) {
        // Not Character.isDigit: that accepts non-ASCII digits, which DSP0004 does not.
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return year == WILDCARD || isLeap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static boolean isLeap(int year) {
        // Proleptic Gregorian, as java.time (year 0000 is a leap year).
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    static String describe(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    // ------------------------------------------------------------------------------------------------
    // Factories

    /**
     * A complete timestamp for a date-time with offset.
     *
     * <p>The offset must be a whole number of minutes no larger than 999 (the three-digit {@code UUU}
     * field); nanoseconds below the microsecond are truncated (not rounded), because the format holds six
     * fractional digits. A zero offset is written {@code +000}.
     *
     * @param dateTime the date-time; its year must be 0000..9999
     * @return the timestamp
     * @throws IllegalArgumentException if the year, or the offset, cannot be written in the format
     * @throws NullPointerException if {@code dateTime} is null
     */
    public static CimDateTime of(OffsetDateTime dateTime) {
        int year = dateTime.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " of " + dateTime
                    + " is outside 0000..9999, the range of a CIM datetime");
        }
        int offsetSeconds = dateTime.getOffset().getTotalSeconds();
        if (offsetSeconds % 60 != 0) {
            throw new IllegalArgumentException("offset " + dateTime.getOffset() + " of " + dateTime
                    + " is not a whole number of minutes, which a CIM datetime requires");
        }
        int offsetMinutes = offsetSeconds / 60;
        if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
            throw new IllegalArgumentException("offset " + dateTime.getOffset() + " of " + dateTime
                    + " is more than " + MAX_OFFSET_MINUTES + " minutes, the range of a CIM datetime");
        }
        return new CimDateTime(false, year, dateTime.getMonthValue(), dateTime.getDayOfMonth(), WILDCARD,
                dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond(), dateTime.getNano() / 1000,
                MICRO_DIGITS, offsetMinutes < 0 ? '-' : '+', Math.abs(offsetMinutes));
    }

    /**
     * A complete timestamp in UTC (offset {@code +000}) for an instant; nanoseconds below the microsecond
     * are truncated.
     *
     * @param instant the instant; it must fall in the years 0000..9999 (UTC)
     * @return the timestamp
     * @throws IllegalArgumentException if the instant is outside the years 0000..9999
     * @throws NullPointerException if {@code instant} is null
     */
    public static CimDateTime of(Instant instant) {
        if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
            throw new IllegalArgumentException("instant " + instant
                    + " is outside the years 0000..9999, the range of a CIM datetime");
        }
        return of(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * A complete interval for a duration; nanoseconds below the microsecond are truncated.
     *
     * @param duration a non-negative duration shorter than {@value #MAX_INTERVAL_DAYS} + 1 days
     * @return the interval
     * @throws IllegalArgumentException if the duration is negative or too long for eight digits of days
     * @throws NullPointerException if {@code duration} is null
     */
    public static CimDateTime ofInterval(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration " + duration
                    + " is negative; a CIM interval cannot be negative");
        }
        long totalDays = duration.toDays();
        if (totalDays > MAX_INTERVAL_DAYS) {
            throw new IllegalArgumentException("duration " + duration + " is " + totalDays
                    + " days; a CIM interval holds at most " + MAX_INTERVAL_DAYS + " days");
        }
        return new CimDateTime(true, WILDCARD, WILDCARD, WILDCARD, (int) totalDays, duration.toHoursPart(),
                duration.toMinutesPart(), duration.toSecondsPart(), duration.toNanosPart() / 1000,
                MICRO_DIGITS, ':', 0);
    }

    // ------------------------------------------------------------------------------------------------
    // Accessors

    /** {@return {@code true} for an interval ({@code ddddddddHHMMSS.mmmmmm:000}), {@code false} for a timestamp} */
    public boolean isInterval() {
        return interval;
    }

    /**
     * Whether no field is a wildcard, i.e. every digit of the value is significant. Only complete values
     * convert to {@code java.time}.
     *
     * @return {@code true} if the text contains no {@code '*'}
     */
    public boolean isComplete() {
        return firstWildcardField() == null;
    }

    /** {@return the year 0..9999 of a timestamp; empty if it is a wildcard or this is an interval} */
    public OptionalInt year() {
        return opt(year);
    }

    /**
     * The month of a timestamp.
     *
     * @return 1..12 (0 only in the all-zero date {@code 00000000}); empty if it is a wildcard or this is an
     *     interval
     */
    public OptionalInt month() {
        return opt(month);
    }

    /**
     * The day of the month of a timestamp.
     *
     * @return 1..31 (0 only in the all-zero date {@code 00000000}); empty if it is a wildcard or this is an
     *     interval
     */
    public OptionalInt day() {
        return opt(day);
    }

    /** {@return the number of days 0..99999999 of an interval; empty if it is a wildcard or this is a timestamp} */
    public OptionalInt days() {
        return opt(days);
    }

    /** {@return the hour 0..23; empty if it is a wildcard} */
    public OptionalInt hour() {
        return opt(hour);
    }

    /** {@return the minute 0..59; empty if it is a wildcard} */
    public OptionalInt minute() {
        return opt(minute);
    }

    /** {@return the second 0..59; empty if it is a wildcard} */
    public OptionalInt second() {
        return opt(second);
    }

    /**
     * The microseconds, with insignificant (asterisk) digits counted as zero: {@code .123***} gives
     * 123000 with a {@linkplain #microsecondPrecision() precision} of 3.
     *
     * @return 0..999999; empty if all six digits are asterisks
     */
    public OptionalInt microseconds() {
        return opt(micros);
    }

    /**
     * How many of the six microsecond digits are significant (not asterisks).
     *
     * @return 0..6; 6 for {@code .123456}, 3 for {@code .123***}, 0 for {@code .******}
     */
    public int microsecondPrecision() {
        return microDigits;
    }

    /**
     * The signed UTC offset of a timestamp in minutes ({@code -300} for {@code -300}). The sign of a zero
     * offset ({@code +000} or {@code -000}) is kept in {@link #toString()} only.
     *
     * @return -999..999; empty if the offset is {@code ***} or this is an interval
     */
    public OptionalInt utcOffsetMinutes() {
        if (interval || offset == WILDCARD) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(sign == '-' ? -offset : offset);
    }

    // ------------------------------------------------------------------------------------------------
    // Conversions

    /**
     * Converts a complete timestamp to an {@link OffsetDateTime}.
     *
     * @return the date-time with the value's offset
     * @throws IllegalStateException if this is an interval, has a wildcard field (the message names it), or
     *     is the all-zero date
     */
    public OffsetDateTime toOffsetDateTime() {
        if (interval) {
            throw new IllegalStateException("CIM datetime " + text
                    + " is an interval, not a point in time; use toDuration()");
        }
        requireComplete("an OffsetDateTime");
        if (month == 0) {
            throw new IllegalStateException("CIM datetime " + text
                    + " has the all-zero date 00000000 (ConfigMgr's 'zero time'), which is no calendar date");
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, micros * 1000,
                    ZoneOffset.ofTotalSeconds((sign == '-' ? -offset : offset) * 60));
        } catch (DateTimeException e) {
            // Unreachable: parse() and the factories validate every field; kept as a clear message.
            throw new IllegalStateException("CIM datetime " + text + " is not a valid date-time", e);
        }
    }

    /**
     * Converts a complete timestamp to an {@link Instant}.
     *
     * @return the instant
     * @throws IllegalStateException if this is an interval, has a wildcard field (the message names it), or
     *     is the all-zero date
     */
    public Instant toInstant() {
        return toOffsetDateTime().toInstant();
    }

    /**
     * Converts a complete interval to a {@link Duration}.
     *
     * @return the duration
     * @throws IllegalStateException if this is a timestamp or has a wildcard field (the message names it)
     */
    public Duration toDuration() {
        if (!interval) {
            throw new IllegalStateException("CIM datetime " + text
                    + " is a timestamp, not an interval; use toOffsetDateTime() or toInstant()");
        }
        requireComplete("a Duration");
        return Duration.ofDays(days).plusHours(hour).plusMinutes(minute).plusSeconds(second)
                .plusNanos(micros * 1000L);
    }

    private void requireComplete(String target) {
        String field = firstWildcardField();
        if (field != null) {
            throw new IllegalStateException("CIM datetime " + text + " cannot be converted to " + target
                    + ": " + field + " is a wildcard ('*')");
        }
    }

    private String firstWildcardField() {
        if (interval) {
            if (days == WILDCARD) {
                return "days";
            }
        } else {
            if (year == WILDCARD) {
                return "year";
            }
            if (month == WILDCARD) {
                return "month";
            }
            if (day == WILDCARD) {
                return "day";
            }
        }
        if (hour == WILDCARD) {
            return "hour";
        }
        if (minute == WILDCARD) {
            return "minute";
        }
        if (second == WILDCARD) {
            return "second";
        }
        if (microDigits < MICRO_DIGITS) {
            return "microseconds (" + (MICRO_DIGITS - microDigits) + " of 6 digits)";
        }
        if (!interval && offset == WILDCARD) {
            return "UTC offset";
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------
    // Text

    private String format() {
        // Every field fits its width by construction; the char-array path is the common, allocation-light one.
        char[] c = new char[LENGTH];
        int i = 0;
        if (interval) {
            i = putField(c, i, days, 8);
        } else {
            i = putField(c, i, year, 4);
            i = putField(c, i, month, 2);
            i = putField(c, i, day, 2);
        }
        i = putField(c, i, hour, 2);
        i = putField(c, i, minute, 2);
        i = putField(c, i, second, 2);
        if (i < 0 || (micros != WILDCARD && micros >= 1_000_000)) {
            return formatSlowly();
        }
        c[i++] = '.';
        int m = micros == WILDCARD ? 0 : micros;
        for (int k = MICRO_DIGITS - 1; k >= 0; k--) {
            c[i + k] = k < microDigits ? (char) ('0' + m % 10) : '*';
            m /= 10;
        }
        i += MICRO_DIGITS;
        c[i++] = sign;
        i = putField(c, i, offset, 3);
        return i == LENGTH ? new String(c) : formatSlowly();
    }

    /**
     * Writes a field right-aligned with leading zeros, or {@code *}s for a wildcard.
     *
     * @return the index after it, or -1 when the value does not fit the width (or {@code i} is already -1)
     */
    private static int putField(char[] c, int i, int value, int width) {
        if (i < 0) {
            return -1;
        }
        if (value == WILDCARD) {
            java.util.Arrays.fill(c, i, i + width, '*');
            return i + width;
        }
        int v = value;
        for (int k = width - 1; k >= 0; k--) {
            c[i + k] = (char) ('0' + v % 10);
            v /= 10;
        }
        return v == 0 && value >= 0 ? i + width : -1;
    }

    private String formatSlowly() {
        StringBuilder b = new StringBuilder(LENGTH);
        if (interval) {
            appendField(b, days, 8);
        } else {
            appendField(b, year, 4);
            appendField(b, month, 2);
            appendField(b, day, 2);
        }
        appendField(b, hour, 2);
        appendField(b, minute, 2);
        appendField(b, second, 2);
        b.append('.');
        String digits = pad(micros == WILDCARD ? 0 : micros, MICRO_DIGITS);
        b.append(digits, 0, microDigits);
        b.append("*".repeat(MICRO_DIGITS - microDigits));
        b.append(sign);
        appendField(b, offset, 3);
        return b.toString();
    }

    private static void appendField(StringBuilder b, int value, int width) {
        b.append(value == WILDCARD ? "*".repeat(width) : pad(value, width));
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static OptionalInt opt(int value) {
        return value == WILDCARD ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /**
     * The DMTF text, 25 characters, identical to the parsed input.
     *
     * @return e.g. {@code 20140410210500.000000-180}
     */
    @Override
    public String toString() {
        return text;
    }

    /**
     * Equal when the DMTF texts are equal (same fields, same wildcards, same offset sign).
     *
     * @param o the other object
     * @return whether {@code o} is a {@code CimDateTime} with the same text
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof CimDateTime && text.equals(((CimDateTime) o).text));
    }

    /** {@return the hash of the DMTF text} */
    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
