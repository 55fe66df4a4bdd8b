package io.github.cm4j.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Parses ConfigMgr log files in both formats met in practice (see {@link LogFormat}): the site-server
 * component format of wsyncmgr.log and WCM.log, and the CMTrace format of client and setup logs. Messages
 * that span several physical lines are joined; ConfigMgr's {@code ~~} line-break escape is decoded;
 * {@code STATMSG:} lines are decoded into {@link StatusMessageLine}s. Lines in neither format are kept as
 * {@link LogFormat#PLAIN} entries, so no text is lost (a byte-order mark at the start of a line, left by
 * writers appending to the file, is dropped).
 *
 * <p>Times: ConfigMgr writes the local time and a <em>bias</em> in minutes (UTC = local + bias, as Windows
 * time-zone biases are defined), so {@code 11:25:14.217+360} is {@code 11:25:14.217-06:00}.
 *
 * <p>Memory is bounded: an entry is at most {@value #MAX_ENTRY_CHARS} characters; a multi-line entry that
 * grows beyond that (or never ends) is given back as its individual lines in PLAIN form. Parsing streams:
 * {@link #parse(BufferedReader)} reads lazily. Stateless and thread-safe.
 */
public final class LogParser {
    /** The longest entry kept together; longer runs of lines are given back line by line. */
    public static final int MAX_ENTRY_CHARS = 1 << 20;
    /** The most physical lines joined into one site-server entry while waiting for its {@code $$<...>} tail. */
    public static final int MAX_CONTINUATION_LINES = 500;

    private static final Pattern SITE_SERVER_TAIL = Pattern.compile(
            "\\$\\$<([^<>]*)><(\\d{2})-(\\d{2})-(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?([+-]\\d{1,4})>"
                    + "<thread=(\\d+)(?: \\(0x[0-9A-Fa-f]+\\))?>\\s*$");
    private static final String CMTRACE_START = "<![LOG[";
    private static final Pattern CMTRACE_END = Pattern.compile("\\]LOG\\]!><([^<>]*)>\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern CMTRACE_TIME = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?([+-]\\d{1,4})?");
    private static final Pattern CMTRACE_DATE = Pattern.compile("(\\d{1,2})-(\\d{1,2})-(\\d{4})");
    private static final Pattern STATMSG_KEY = Pattern.compile("(?<=^|\\s)([A-Z][A-Z0-9]*)=");
    private static final DateTimeFormatter GMTDATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss.SSS yyyy", Locale.ENGLISH);

    private LogParser() {
    }

    /**
     * Parses a whole log held in memory.
     *
     * @param text a whole log
     * @return its entries in order
     */
    public static List<LogEntry> parse(String text) {
        try (Stream<LogEntry> entries = parse(new BufferedReader(new StringReader(text)))) {
            return entries.toList();
        }
    }

    /**
     * Parses lazily; closing the stream closes the reader.
     *
     * @param reader the log text
     * @return the entries in order
     * @throws UncheckedIOException when reading fails
     */
    public static Stream<LogEntry> parse(BufferedReader reader) {
        Spliterator<LogEntry> spliterator = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            private final Reader state = new Reader(reader);

            @Override
            public boolean tryAdvance(Consumer<? super LogEntry> action) {
                LogEntry next = state.next();
                if (next == null) {
                    return false;
                }
                action.accept(next);
                return true;
            }
        };
        return StreamSupport.stream(spliterator, false).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Decodes a {@code STATMSG:} message (as found in site-server logs).
     *
     * @param message the message text
     * @return the status message, or empty when the text is not a well-formed {@code STATMSG:} line
     */
    public static Optional<StatusMessageLine> parseStatusMessage(String message) {
        String text = message.strip();
        if (!text.startsWith("STATMSG:")) {
            return Optional.empty();
        }
        Map<String, String> fields = statusFields(text.substring("STATMSG:".length()));
        Integer id = parseInt(fields.get("ID"));
        if (id == null) {
            return Optional.empty();
        }
        List<String> istr = new ArrayList<>();
        for (int i = 0; fields.containsKey("ISTR" + i); i++) {
            istr.add(fields.get("ISTR" + i));
        }
        return Optional.of(new StatusMessageLine(id, fields.get("SEV"), fields.get("LEV"), fields.get("SOURCE"),
                fields.get("COMP"), fields.get("SYS"), fields.get("SITE"), parseLong(fields.get("PID"), 10),
                parseLong(fields.get("TID"), 10), parseGmtDate(fields.get("GMTDATE")), istr,
                parseInt(fields.get("NUMATTRS")), parseHex(fields.get("LE"))));
    }

    /** KEY=value pairs; values are quoted strings or run to the next KEY= (GMTDATE has spaces). */
    private static Map<String, String> statusFields(String text) {
        Map<String, String> fields = new HashMap<>();
        int pos = 0;
        Matcher key = STATMSG_KEY.matcher(text);
        while (pos < text.length() && key.find(pos)) {
            String name = key.group(1);
            int valueStart = key.end();
            String value;
            if (valueStart < text.length() && text.charAt(valueStart) == '"') {
                int close = closingQuote(text, valueStart + 1);
                value = text.substring(valueStart + 1, close);
                pos = Math.min(text.length(), close + 1);
            } else {
                int next = key.find(valueStart) ? key.start() : text.length();
                value = text.substring(valueStart, next).strip();
                pos = next;
            }
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** The quote that ends a value: one followed by whitespace and a KEY=, or the end of the text. */
    private static int closingQuote(String text, int from) {
        int q = text.indexOf('"', from);
        while (q >= 0) {
            String rest = text.substring(q + 1);
            if (rest.isBlank() || STATMSG_KEY.matcher(rest).lookingAt() || rest.matches("(?s)\\s+[A-Z][A-Z0-9]*=.*")) {
                return q;
            }
            q = text.indexOf('"', q + 1);
        }
        return text.length();
    }

    private static Instant parseGmtDate(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(s.strip().replaceAll("\\s+", " "), GMTDATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        Long l = parseLong(s, 10);
        return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? null : l.intValue();
    }

    private static Long parseLong(String s, int radix) {
        if (s == null || s.isBlank() || s.length() > 20) {
            return null;
        }
        try {
            return Long.parseLong(s.strip(), radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseHex(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.startsWith("0X") || t.startsWith("0x")) {
            t = t.substring(2);
        }
        return t.length() > 16 ? null : parseLong(t, 16);
    }

    /** ConfigMgr writes a bias (UTC = local + bias); the offset is its negation. */
    static OffsetDateTime localTime(int year, int month, int day, int hour, int minute, int second, String millis,
                                    String bias) {
        try {
            int nanos = millis == null ? 0 : Integer.parseInt((millis + "00").substring(0, 3)) * 1_000_000;
            ZoneOffset offset = bias == null ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(-Integer.parseInt(bias) * 60);
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (RuntimeException outOfRange) {
            // A malformed time is kept out rather than guessed; the message text still has everything.
            return null;
        }
    }

    private static String decodeLineBreaks(String message) {
        return message.replace("~~", "\n");
    }

    /** The streaming state: lines read ahead, entries ready. */
    private static final class Reader {
        private final BufferedReader in;
        private final Deque<LogEntry> ready = new ArrayDeque<>();
        private int lineNumber;
        private boolean eof;
        private String pushedBack;

        Reader(BufferedReader in) {
            this.in = in;
        }

        LogEntry next() {
            while (ready.isEmpty() && (!eof || pushedBack != null)) {
                readEntry();
            }
            return ready.poll();
        }

        private void pushBack(String line) {
            pushedBack = line;
            lineNumber--;
        }

        private String readLine() {
            if (pushedBack != null) {
                String line = pushedBack;
                pushedBack = null;
                lineNumber++;
                return line;
            }
            try {
                String line = in.readLine();
                if (line == null) {
                    eof = true;
                } else {
                    lineNumber++;
                    // Logs appended to by several writers carry a byte-order mark at the start of any line.
                    if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                        line = line.substring(1);
                    }
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the log failed at line " + (lineNumber + 1), e);
            }
        }

        /** Reads physical lines until one entry (or a run of plain lines) is complete. */
        private void readEntry() {
            String first = readLine();
            if (first == null) {
                return;
            }
            int start = lineNumber;
            String trimmedFirst = first.stripLeading();
            if (trimmedFirst.startsWith(CMTRACE_START)) {
                collect(first, start, true);
            } else if (SITE_SERVER_TAIL.matcher(first).find() || looksLikeMessageStart(first)) {
                collect(first, start, false);
            } else {
                plain(first, start);
            }
        }

        private boolean looksLikeMessageStart(String line) {
            // A site-server message without its tail yet: only join when a tail follows (checked in collect).
            return !line.isBlank() && line.indexOf('<') != 0;
        }

        /** Joins lines until the entry's end marker; without one in bounds, gives the lines back as PLAIN. */
        private void collect(String first, int start, boolean cmtrace) {
            List<String> lines = new ArrayList<>();
            lines.add(first);
            int chars = first.length();
            String line = first;
            while (true) {
                if (cmtrace ? CMTRACE_END.matcher(line).find() : SITE_SERVER_TAIL.matcher(line).find()) {
                    String joined = String.join("\n", lines);
                    LogEntry entry = cmtrace ? cmtrace(joined, start) : siteServer(joined, start);
                    if (entry != null) {
                        ready.add(entry);
                        return;
                    }
                    break;
                }
                if (lines.size() >= MAX_CONTINUATION_LINES || chars > MAX_ENTRY_CHARS) {
                    break;
                }
                line = readLine();
                if (line == null) {
                    break;
                }
                if (line.stripLeading().startsWith(CMTRACE_START)) {
                    // A new CMTrace entry starts: what came before never ended; read the new one next.
                    pushBack(line);
                    break;
                }
                lines.add(line);
                chars += line.length() + 1;
            }
            flushPlain(lines, start);
        }

        private void flushPlain(List<String> lines, int start) {
            for (int i = 0; i < lines.size(); i++) {
                plain(lines.get(i), start + i);
            }
        }

        private void plain(String line, int number) {
            ready.add(new LogEntry(LogFormat.PLAIN, number, line, null, null, null, null, null, null));
        }

        private LogEntry siteServer(String text, int start) {
            Matcher m = SITE_SERVER_TAIL.matcher(text);
            if (!m.find()) {
                return null;
            }
            String message = decodeLineBreaks(text.substring(0, m.start()).stripTrailing());
            OffsetDateTime time = localTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                    Integer.parseInt(m.group(7)), m.group(8), m.group(9));
            return new LogEntry(LogFormat.SITE_SERVER, start, message, m.group(1), time, parseLong(m.group(10), 10),
                    null, null, parseStatusMessage(message).orElse(null));
        }

        private LogEntry cmtrace(String text, int start) {
            String body = text.stripLeading().substring(CMTRACE_START.length());
            Matcher end = CMTRACE_END.matcher(body);
            if (!end.find()) {
                return null;
            }
            String message = decodeLineBreaks(body.substring(0, end.start()));
            Map<String, String> attrs = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(end.group(1));
            while (a.find()) {
                attrs.putIfAbsent(a.group(1).toLowerCase(Locale.ROOT), a.group(2));
            }
            OffsetDateTime time = null;
            Matcher t = CMTRACE_TIME.matcher(attrs.getOrDefault("time", ""));
            Matcher d = CMTRACE_DATE.matcher(attrs.getOrDefault("date", ""));
            if (t.matches() && d.matches()) {
                time = localTime(Integer.parseInt(d.group(3)), Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)),
                        Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)), Integer.parseInt(t.group(3)),
                        t.group(4), t.group(5));
            }
            String component = attrs.get("component");
            Long typeValue = parseLong(attrs.get("type"), 10);
            return new LogEntry(LogFormat.CMTRACE, start, message, component == null || component.isEmpty() ? null : component,
                    time, parseLong(attrs.get("thread"), 10), typeValue == null ? null : typeValue.intValue(),
                    attrs.get("file"), parseStatusMessage(message).orElse(null));
        }
    }
}
