package io.github.cm4j.cli;

import io.github.cm4j.cim.CimDateTime;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j datetime VALUE}: parse a CIM datetime or interval and show its fields and java.time form. */
@Command(name = "datetime", description = "Parse a CIM datetime (yyyymmddHHMMSS.mmmmmmsUUU) or interval"
        + " (ddddddddHHMMSS.mmmmmm:000) and print its fields and java.time form.")
final class DatetimeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "VALUE", description = "e.g. 20240312170000.000000-480 or 00000001000000.000000:000")
    String value;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        CimDateTime dt = CimDateTime.parse(value);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", dt.toString());
        fields.put("kind", dt.isInterval() ? "interval" : "timestamp");
        fields.put("complete", dt.isComplete());
        if (dt.isInterval()) {
            fields.put("days", orNull(dt.days()));
        } else {
            fields.put("year", orNull(dt.year()));
            fields.put("month", orNull(dt.month()));
            fields.put("day", orNull(dt.day()));
        }
        fields.put("hour", orNull(dt.hour()));
        fields.put("minute", orNull(dt.minute()));
        fields.put("second", orNull(dt.second()));
        fields.put("microseconds", orNull(dt.microseconds()));
        fields.put("microsecondPrecision", dt.microsecondPrecision());
        if (!dt.isInterval()) {
            fields.put("utcOffsetMinutes", orNull(dt.utcOffsetMinutes()));
        }
        if (dt.isComplete()) {
            if (dt.isInterval()) {
                // JSON: seconds as a number (the JSON convention); text: for people, with the ISO-8601 form beside
                fields.put("duration", json ? dt.toDuration()
                        : io.github.cm4j.Durations.human(dt.toDuration()) + " (" + dt.toDuration() + ")");
            } else {
                fields.put("offsetDateTime", dt.toOffsetDateTime().toString());
                fields.put("instant", dt.toInstant().toString());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(fields));
        } else {
            fields.forEach((k, v) -> out.printf("%-21s %s%n", k, v == null ? "* (wildcard)" : v));
        }
        return 0;
    }

    private static Integer orNull(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
