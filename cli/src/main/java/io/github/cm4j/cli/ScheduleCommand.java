package io.github.cm4j.cli;

import io.github.cm4j.schedule.ScheduleToken;
import io.github.cm4j.schedule.ScheduleToken.NonRecurring;
import io.github.cm4j.schedule.ScheduleToken.RecurInterval;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByDate;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByWeekday;
import io.github.cm4j.schedule.ScheduleToken.RecurMonthlyByWeekdayOffset;
import io.github.cm4j.schedule.ScheduleToken.RecurWeekly;
import io.github.cm4j.schedule.ScheduleToken.Timing;
import io.github.cm4j.schedule.ScheduleTokens;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j schedule decode|encode}: ConfigMgr schedule tokens, offline. */
@Command(name = "schedule", description = "Decode and encode ConfigMgr schedule tokens (16 hex digits each).",
        subcommands = {ScheduleCommand.Decode.class, ScheduleCommand.Encode.class})
final class ScheduleCommand {

    private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
    private static final List<String> ORDERS = List.of("last", "first", "second", "third", "fourth");

    /**
     * The JSON object of a token: the SMS_ST class's own property names, then Summary.
     *
     * @param t the token
     * @return keys in a stable order
     */
    static Map<String, Object> json(ScheduleToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Token", t.format());
        m.put("Type", t.className());
        m.put("StartTime", t.timing().start().toString().length() == 16 ? t.timing().start() + ":00" : t.timing().start().toString());
        m.put("DayDuration", t.timing().dayDuration());
        m.put("HourDuration", t.timing().hourDuration());
        m.put("MinuteDuration", t.timing().minuteDuration());
        m.put("IsGMT", t.timing().gmt());
        m.putAll(t.fields());
        m.put("Summary", t.summary());
        return m;
    }

    static void print(PrintWriter out, ScheduleToken t, boolean asJson) {
        if (asJson) {
            out.println(Json.write(json(t)));
            return;
        }
        out.println(t.format() + "  " + t.className());
        out.println("  " + t.summary());
        Map<String, Object> m = json(t);
        m.remove("Token");
        m.remove("Type");
        m.remove("Summary");
        m.forEach((k, v) -> out.println("  " + k + " = " + v));
    }

    /** {@code cm4j schedule decode}. */
    @Command(name = "decode", description = "Decode schedule tokens (several concatenated in one argument are split).")
    static final class Decode implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "TOKEN", description = "16 hex digits per token, e.g. 0001200000100038.")
        List<String> tokens;
        @Option(names = "--json", description = "One JSON object per token (JSON Lines), keys as the SMS_ST_* class names them.")
        boolean json;
        @Option(names = "--next", paramLabel = "N", defaultValue = "0", description = "Also the next N occurrences (0..100).")
        int next;
        @Option(names = "--after", paramLabel = "INSTANT", description = "Occurrences after this instant, e.g."
                + " 2024-06-11T10:00:00Z (default: now).")
        String after;
        @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", description = "The site's time zone for tokens"
                + " that are not GMT, e.g. Europe/Paris (default: ${DEFAULT-VALUE}).")
        String zone;

        @Override
        public Integer call() {
            if (next < 0 || next > 100) {
                throw new IllegalArgumentException("--next must be 0..100, not " + next);
            }
            java.time.ZoneId siteZone;
            java.time.Instant from;
            try {
                siteZone = java.time.ZoneId.of(zone);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("--zone '" + zone + "' is not a time zone such as UTC or Europe/Paris");
            }
            try {
                from = after == null ? java.time.Instant.now() : java.time.Instant.parse(after);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--after '" + after + "' is not an instant like 2024-06-11T10:00:00Z");
            }
            PrintWriter out = spec.commandLine().getOut();
            for (String arg : tokens) {
                for (ScheduleToken t : ScheduleTokens.parseAll(arg.trim())) {
                    List<String> occurrences = t.nextOccurrences(from, siteZone, next).stream().map(Object::toString).toList();
                    if (json) {
                        Map<String, Object> m = json(t);
                        if (next > 0) {
                            m.put("Next", occurrences);
                        }
                        out.println(Json.write(m));
                    } else {
                        print(out, t, false);
                        occurrences.forEach(o -> out.println("  next: " + o));
                    }
                }
            }
            return 0;
        }
    }

    /** {@code cm4j schedule encode}, with options mirroring New-CMSchedule. */
    @Command(name = "encode", description = "Make a schedule token; the options mirror New-CMSchedule."
            + " Without a recurrence option: once (--nonrecurring).")
    static final class Encode implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--start", paramLabel = "DATETIME", description = "Start, local (or UTC with --utc), e.g."
                + " 2024-06-01T02:00. Default: not set (1970-02-01 00:00), meaning as soon as possible.")
        String start;
        @Option(names = "--utc", description = "The start is UTC (IsGMT).")
        boolean utc;
        @Option(names = "--nonrecurring", description = "Once, at the start (SMS_ST_NonRecurring).")
        boolean nonRecurring;
        @Option(names = "--recur-interval", paramLabel = "UNIT", description = "minutes, hours or days (SMS_ST_RecurInterval);"
                + " with --recur-count.")
        String recurInterval;
        @Option(names = "--recur-count", paramLabel = "N", defaultValue = "1", description = "Every N units, weeks or months"
                + " (default: ${DEFAULT-VALUE}).")
        int recurCount;
        @Option(names = "--day-of-week", paramLabel = "DAY", description = "sunday..saturday: weekly (SMS_ST_RecurWeekly),"
                + " or monthly with --week-order.")
        String dayOfWeek;
        @Option(names = "--week-order", paramLabel = "ORDER", description = "first, second, third, fourth or last"
                + " (SMS_ST_RecurMonthlyByWeekday).")
        String weekOrder;
        @Option(names = "--offset-days", paramLabel = "N", description = "With --week-order: N days after that weekday"
                + " (the undocumented type 6).")
        Integer offsetDays;
        @Option(names = "--day-of-month", paramLabel = "N", description = "1..31, or 0 for the last day"
                + " (SMS_ST_RecurMonthlyByDate).")
        Integer dayOfMonth;
        @Option(names = "--last-day-of-month", description = "The last day of the month (same as --day-of-month 0).")
        boolean lastDayOfMonth;
        @Option(names = "--duration-interval", paramLabel = "UNIT", description = "minutes, hours or days; with --duration-count.")
        String durationInterval;
        @Option(names = "--duration-count", paramLabel = "N", defaultValue = "0", description = "How long each occurrence lasts.")
        int durationCount;
        @Option(names = "--json", description = "Print the decoded token as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            LocalDateTime s;
            try {
                s = start == null ? ScheduleToken.UNSET_START : LocalDateTime.parse(start);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--start '" + start + "' is not a date-time like 2024-06-01T02:00");
            }
            int dd = 0;
            int hd = 0;
            int md = 0;
            if (durationInterval != null) {
                switch (unit(durationInterval, "--duration-interval")) {
                    case "minutes": md = durationCount; break;
                    case "hours": hd = durationCount; break;
                    default: dd = durationCount;
                }
            }
            Timing timing;
            try {
                timing = new Timing(s, dd, hd, md, utc, 0);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(optionFor(e.getMessage()) + ": " + e.getMessage());
            }
            int kinds = (nonRecurring ? 1 : 0) + (recurInterval != null ? 1 : 0) + (weekOrder != null ? 1 : 0)
                    + (dayOfMonth != null || lastDayOfMonth ? 1 : 0) + (dayOfWeek != null && weekOrder == null ? 1 : 0);
            if (kinds > 1) {
                throw new IllegalArgumentException("choose one recurrence: --nonrecurring, --recur-interval, --day-of-week,"
                        + " --week-order with --day-of-week, or --day-of-month");
            }
            ScheduleToken t;
            try {
                if (recurInterval != null) {
                    String u = unit(recurInterval, "--recur-interval");
                    t = new RecurInterval(timing, u.equals("days") ? recurCount : 0, u.equals("hours") ? recurCount : 0,
                            u.equals("minutes") ? recurCount : 0);
                } else if (weekOrder != null) {
                    int order = ORDERS.indexOf(weekOrder.toLowerCase(Locale.ROOT));
                    if (order < 0) {
                        throw new IllegalArgumentException("--week-order must be first, second, third, fourth or last, not " + weekOrder);
                    }
                    int day = day(dayOfWeek);
                    t = offsetDays == null ? new RecurMonthlyByWeekday(timing, day, recurCount, order)
                            : new RecurMonthlyByWeekdayOffset(timing, day, recurCount, order, offsetDays);
                } else if (dayOfMonth != null || lastDayOfMonth) {
                    t = new RecurMonthlyByDate(timing, lastDayOfMonth ? 0 : dayOfMonth, recurCount);
                } else if (dayOfWeek != null) {
                    t = new RecurWeekly(timing, day(dayOfWeek), recurCount);
                } else {
                    t = new NonRecurring(timing);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("--") ? e.getMessage()
                        : optionFor(e.getMessage()) + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                print(out, t, true);
            } else {
                out.println(t.format());
                out.println("  " + t.summary());
            }
            return 0;
        }

        private static String unit(String v, String option) {
            String u = v.toLowerCase(Locale.ROOT);
            if (!u.endsWith("s")) {
                u = u + "s";
            }
            if (!List.of("minutes", "hours", "days").contains(u)) {
                throw new IllegalArgumentException(option + " must be minutes, hours or days, not " + v);
            }
            return u;
        }

        private static int day(String v) {
            int d = v == null ? -1 : DAYS.indexOf(v.toLowerCase(Locale.ROOT));
            if (d < 0) {
                throw new IllegalArgumentException("--day-of-week must be sunday..saturday, not " + v);
            }
            return d + 1;
        }

        /** Names the option behind a field of the model's message. */
        private static String optionFor(String message) {
            String m = message.toLowerCase(Locale.ROOT);
            if (m.startsWith("starttime")) {
                return "--start";
            }
            if (m.contains("duration")) {
                return "--duration-count";
            }
            if (m.startsWith("monthday")) {
                return "--day-of-month";
            }
            if (m.startsWith("offsetdays")) {
                return "--offset-days";
            }
            return "--recur-count";
        }
    }
}
