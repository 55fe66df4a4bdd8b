package io.github.cm4j.schedule;

import io.github.cm4j.schedule.ScheduleToken.NonRecurring;
import io.github.cm4j.schedule.ScheduleToken.RecurInterval;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByDate;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByWeekday;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByWeekdayOffset;
import io.github.cm4j.schedule.ScheduleToken.RecurWeekly;
import io.github.cm4j.schedule.ScheduleToken.Timing;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The schedule token codec: what {@code SMS_ScheduleMethods.ReadFromString} and {@code WriteToString} do,
 * without a provider. A string holds one token or several concatenated (16 hex digits each). Stateless and
 * thread-safe.
 *
 * <p>Layout (SDK pages "ReadFromString Method in Class SMS_ScheduleMethods" and "WriteToString ...", cross-checked
 * against eight decoders and 60 labelled real tokens, {@code shared/reference/schedule/layout-verification.md}):
 * two 32-bit words, most significant first. Word 1: start minute (bits 31-26), hour (25-21), day (20-16),
 * month (15-12), year - 1970 (11-6), MinuteDuration (5-0). Word 2: HourDuration (31-27), DayDuration (26-22),
 * type (21-19), the kind's fields (18-1), IsGMT (0).
 *
 * <p>Ranges are checked on both sides, with the ranges real tokens show rather than the SDK's where they
 * differ: HourDuration up to 31 (console-made 24-hour windows carry 24), and bits the layout leaves unused are
 * kept (Microsoft's "Since site installation" tally interval sets one) so that formatting reproduces the input.
 */
public final class ScheduleTokens {
    /** Hex digits per token. */
    public static final int TOKEN_LENGTH = 16;
    /** Longest string accepted: 64 tokens (checked before anything is allocated for it). */
    public static final int MAX_TOKENS = 64;

    private ScheduleTokens() {
    }

    /**
     * Parses exactly one token.
     *
     * @param token 16 hex digits
     * @return the token
     * @throws ScheduleParseException naming the field and position when malformed or out of range
     */
    public static ScheduleToken parse(String token) {
        List<ScheduleToken> all = parseAll(token);
        if (all.size() != 1) {
            throw new ScheduleParseException(token, 0, "length", "expected one token of 16 hex digits, found "
                    + all.size() + " tokens", 16);
        }
        return all.get(0);
    }

    /**
     * Parses a string of one or more concatenated tokens (as {@code ReadFromString} accepts them).
     *
     * @param tokens a multiple of 16 hex digits, upper or lower case
     * @return the tokens in order
     * @throws ScheduleParseException naming the token, field and position when malformed or out of range
     */
    public static List<ScheduleToken> parseAll(String tokens) {
        if (tokens == null || tokens.isEmpty()) {
            throw new ScheduleParseException(tokens == null ? "" : tokens, 0, "length", "empty schedule string", 0);
        }
        if (tokens.length() > MAX_TOKENS * TOKEN_LENGTH) {
            throw new ScheduleParseException(tokens, 0, "length", "longer than " + MAX_TOKENS + " tokens ("
                    + tokens.length() + " characters)", MAX_TOKENS * TOKEN_LENGTH);
        }
        for (int i = 0; i < tokens.length(); i++) {
            if (Character.digit(tokens.charAt(i), 16) < 0) {
                throw new ScheduleParseException(tokens, i / TOKEN_LENGTH + 1, "hex digit", "'" + tokens.charAt(i)
                        + "' is not a hex digit", i);
            }
        }
        if (tokens.length() % TOKEN_LENGTH != 0) {
            throw new ScheduleParseException(tokens, 0, "length", tokens.length() + " hex digits is not a multiple"
                    + " of 16 (one token is 16 digits)", tokens.length() / TOKEN_LENGTH * TOKEN_LENGTH);
        }
        List<ScheduleToken> out = new ArrayList<>(tokens.length() / TOKEN_LENGTH);
        for (int t = 0; t < tokens.length() / TOKEN_LENGTH; t++) {
            long v = Long.parseUnsignedLong(tokens.substring(t * TOKEN_LENGTH, (t + 1) * TOKEN_LENGTH), 16);
            out.add(decode(v, tokens, t));
        }
        return List.copyOf(out);
    }

    /**
     * Formats one token as 16 upper-case hex digits ({@code WriteToString}).
     *
     * @param token the token
     * @return its 16 hex digits
     */
    public static String format(ScheduleToken token) {
        return String.format(Locale.ROOT, "%016X", encode(token));
    }

    /**
     * Formats tokens as one concatenated string.
     *
     * @param tokens the tokens, in order
     * @return 16 hex digits per token
     */
    public static String formatAll(List<? extends ScheduleToken> tokens) {
        StringBuilder b = new StringBuilder(tokens.size() * TOKEN_LENGTH);
        tokens.forEach(t -> b.append(format(t)));
        return b.toString();
    }

    /**
     * The 64-bit value of a token.
     *
     * @param token the token
     * @return the value, word 1 in the high 32 bits
     */
    public static long encode(ScheduleToken token) {
        Timing tm = token.timing();
        LocalDateTime s = tm.start();
        long v = 0;
        v |= (long) s.getMinute() << 58;
        v |= (long) s.getHour() << 53;
        v |= (long) s.getDayOfMonth() << 48;
        v |= (long) s.getMonthValue() << 44;
        v |= (long) (s.getYear() - 1970) << 38;
        v |= (long) tm.minuteDuration() << 32;
        v |= (long) tm.hourDuration() << 27;
        v |= (long) tm.dayDuration() << 22;
        v |= (long) token.typeCode() << 19;
        v |= tm.gmt() ? 1 : 0;
        v |= tm.reservedBits() & reservedMask(token.typeCode());
        if (token instanceof RecurInterval r) {
            v |= (long) r.minuteSpan() << 13 | (long) r.hourSpan() << 8 | (long) r.daySpan() << 3;
        } else if (token instanceof RecurWeekly w) {
            v |= (long) w.day() << 16 | (long) w.forNumberOfWeeks() << 13;
        } else if (token instanceof RecurMonthlyByWeekday m) {
            v |= (long) m.day() << 16 | (long) m.forNumberOfMonths() << 12 | (long) m.weekOrder() << 9;
        } else if (token instanceof RecurMonthlyByDate d) {
            v |= (long) d.monthDay() << 14 | (long) d.forNumberOfMonths() << 10;
        } else if (token instanceof RecurMonthlyByWeekdayOffset o) {
            v |= (long) o.day() << 16 | (long) o.forNumberOfMonths() << 12 | (long) o.weekOrder() << 9
                    | (long) o.offsetDays() << 6;
        }
        return v;
    }

    /** Bits of word 2 (bits 18-1) that the kind does not use. */
    static long reservedMask(int type) {
        switch (type) {
            case 1: return bits(18, 1);
            case 2: return bits(2, 1);
            case 3: return bits(12, 1);
            case 4: return bits(8, 1);
            case 5: return bits(9, 1);
            case 6: return bits(5, 1);
            default: return 0;
        }
    }

    private static long bits(int high, int low) {
        return ((1L << (high - low + 1)) - 1) << low;
    }

    private static int field(long v, int high, int low) {
        return (int) ((v >>> low) & ((1L << (high - low + 1)) - 1));
    }

    private static ScheduleToken decode(long v, String input, int t) {
        int minute = field(v, 63, 58);
        int hour = field(v, 57, 53);
        int day = field(v, 52, 48);
        int month = field(v, 47, 44);
        int year = 1970 + field(v, 43, 38);
        check(input, t, 63, "StartTime minute", minute, 0, 59);
        check(input, t, 57, "StartTime hour", hour, 0, 23);
        check(input, t, 47, "StartTime month", month, 1, 12);
        int maxDay = YearMonth.of(year, month).lengthOfMonth();
        check(input, t, 52, "StartTime day", day, 1, maxDay);
        check(input, t, 37, "MinuteDuration", field(v, 37, 32), 0, 59);
        int type = field(v, 21, 19);
        if (type < 1 || type > 6) {
            throw new ScheduleParseException(input, t + 1, "type", "type " + type + " is none of 1 SMS_ST_NonRecurring,"
                    + " 2 SMS_ST_RecurInterval, 3 SMS_ST_RecurWeekly, 4 SMS_ST_RecurMonthlyByWeekday,"
                    + " 5 SMS_ST_RecurMonthlyByDate, 6 (monthly by weekday with offset)", digit(t, 21));
        }
        Timing timing = new Timing(LocalDateTime.of(year, month, day, hour, minute), field(v, 26, 22), field(v, 31, 27),
                field(v, 37, 32), (v & 1) != 0, v & reservedMask(type));
        switch (type) {
            case 1:
                return new NonRecurring(timing);
            case 2: {
                int ms = check(input, t, 18, "MinuteSpan", field(v, 18, 13), 0, 59);
                int hs = check(input, t, 12, "HourSpan", field(v, 12, 8), 0, 23);
                int ds = field(v, 7, 3);
                if (ms == 0 && hs == 0 && ds == 0) {
                    throw new ScheduleParseException(input, t + 1, "DaySpan", "SMS_ST_RecurInterval with DaySpan,"
                            + " HourSpan and MinuteSpan all 0", digit(t, 18));
                }
                return new RecurInterval(timing, ds, hs, ms);
            }
            case 3:
                return new RecurWeekly(timing, check(input, t, 18, "Day", field(v, 18, 16), 1, 7),
                        check(input, t, 15, "ForNumberOfWeeks", field(v, 15, 13), 1, 4));
            case 4:
                return new RecurMonthlyByWeekday(timing, check(input, t, 18, "Day", field(v, 18, 16), 1, 7),
                        check(input, t, 15, "ForNumberOfMonths", field(v, 15, 12), 1, 12),
                        check(input, t, 11, "WeekOrder", field(v, 11, 9), 0, 4));
            case 5:
                return new RecurMonthlyByDate(timing, field(v, 18, 14),
                        check(input, t, 13, "ForNumberOfMonths", field(v, 13, 10), 1, 12));
            default:
                return new RecurMonthlyByWeekdayOffset(timing, check(input, t, 18, "Day", field(v, 18, 16), 1, 7),
                        check(input, t, 15, "ForNumberOfMonths", field(v, 15, 12), 1, 12),
                        check(input, t, 11, "WeekOrder", field(v, 11, 9), 0, 4),
                        field(v, 8, 6));
        }
    }

    /** The character offset, in the whole input, of the hex digit holding bit {@code bit} of token {@code t}. */
    private static int digit(int t, int bit) {
        return t * TOKEN_LENGTH + (63 - bit) / 4;
    }

    private static int check(String input, int t, int highBit, String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ScheduleParseException(input, t + 1, name, name + " " + value + " outside " + min + ".." + max,
                    digit(t, highBit));
        }
        return value;
    }

    static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " outside " + min + ".." + max);
        }
    }

    static DayOfWeek dayOfWeek(int smsDay) {
        // SMS numbers days 1 = Sunday .. 7 = Saturday; java.time 1 = Monday .. 7 = Sunday.
        return DayOfWeek.of(smsDay == 1 ? 7 : smsDay - 1);
    }

    static String dayName(int smsDay) {
        String n = dayOfWeek(smsDay).name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }

    static String weekOrderName(int weekOrder) {
        switch (weekOrder) {
            case 0: return "last";
            case 1: return "first";
            case 2: return "second";
            case 3: return "third";
            default: return "fourth";
        }
    }

    static LocalDate nthWeekday(LocalDate month, int smsDay, int weekOrder) {
        DayOfWeek d = dayOfWeek(smsDay);
        return weekOrder == 0 ? month.with(TemporalAdjusters.lastInMonth(d))
                : month.with(TemporalAdjusters.dayOfWeekInMonth(weekOrder, d));
    }

    /** Occurrences of a monthly kind: in every n-th month from the start's month, on the day chosen. */
    static List<LocalDateTime> monthly(Timing timing, int everyMonths, LocalDateTime from, int limit,
                                       Function<LocalDate, LocalDate> dayInMonth) {
        LocalDateTime start = timing.start();
        LocalDate startMonth = start.toLocalDate().withDayOfMonth(1);
        long k = 0;
        if (from.isAfter(start)) {
            long months = ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(from));
            k = Math.max(0, months / everyMonths - 1);
        }
        List<LocalDateTime> out = new ArrayList<>();
        for (long n = k; out.size() < limit && n < k + limit + 4 + 24; n++) {
            LocalDate month = startMonth.plusMonths(n * everyMonths);
            LocalDateTime t;
            try {
                t = dayInMonth.apply(month).atTime(start.toLocalTime());
            } catch (DateTimeException e) {
                continue;
            }
            if (!t.isBefore(start) && !t.isBefore(from)) {
                out.add(t);
            }
        }
        return out;
    }
}
