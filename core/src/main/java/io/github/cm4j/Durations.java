package io.github.cm4j;

import java.time.Duration;

/**
 * Durations as people read them, for messages and {@code toString}: {@code "7 s"}, {@code "2 min 5 s"},
 * {@code "1 h 3 min"}, {@code "2 d 4 h"}, {@code "350 ms"} below a second; never ISO-8601's
 * {@code PT7.214537518S} (issue 20). The two largest non-zero units are shown, the rest truncated; a negative
 * duration gets a leading minus. Machine output (the CLI's JSON) keeps seconds as numbers instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * Formats a duration for people.
     *
     * @param d the duration
     * @return e.g. {@code "7 s"}, {@code "2 min 5 s"}, {@code "0 s"} for zero
     * @throws NullPointerException if {@code d} is null
     */
    public static String human(Duration d) {
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        long s = d.getSeconds(); // not toMillis(): that overflows past 292 million years
        if (s == 0) {
            long millis = d.toMillis();
            return millis > 0 ? millis + " ms" : d.isZero() ? "0 s" : "< 1 ms";
        }
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min" + (seconds > 0 ? " " + seconds + " s" : "");
        }
        return seconds + " s";
    }
}
