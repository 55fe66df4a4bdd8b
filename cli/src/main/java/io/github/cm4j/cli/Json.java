package io.github.cm4j.cli;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.lang.reflect.RecordComponent;
import io.github.cm4j.cim.CimDateTime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A minimal JSON writer for command output: maps, collections, records, strings, numbers, booleans,
 * null and Optional. Output is one line (JSON Lines friendly). Records render as objects of their
 * components, with a {@code "@type"} member naming the record, so ASTs print without per-type code.
 */
final class Json {
    private static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * A CIM value as JSON-ready Java: numbers and booleans as they are (uint64 as its unsigned value),
     * strings, datetimes, references and chars as text, arrays as lists, embedded objects as the caller
     * renders them.
     */
    static Object cimValue(CimValue v, Function<WmiObject, Object> embedded) {
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (Object e : v.asList()) {
                list.add(cimScalar(v.type().elementType(), e, embedded));
            }
            return list;
        }
        return cimScalar(v.type(), v.value(), embedded);
    }

    private static Object cimScalar(CimType type, Object v, Function<WmiObject, Object> embedded) {
        switch (type) {
            case UINT64:
                return new BigInteger(Long.toUnsignedString((Long) v));
            case DATETIME:
                return dateTime((CimDateTime) v);
            case CHAR16:
            case REFERENCE:
            case STRING:
                return v.toString();
            case OBJECT:
                return embedded.apply((WmiObject) v);
            default:
                return v;
        }
    }

    /**
     * A CIM datetime as the JSON convention of the command line (docs/cli.md): a complete timestamp as ISO-8601 with its
     * offset ({@code 2024-03-12T17:00:00-08:00}), an interval as seconds (a number), a wildcard pattern as its DMTF text.
     *
     * @param dt the datetime
     * @return a String or a BigDecimal
     */
    static Object dateTime(CimDateTime dt) {
        if (dt.isInterval()) {
            return dt.isComplete() ? seconds(dt.toDuration()) : dt.toString();
        }
        return dt.isComplete() ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dt.toOffsetDateTime()) : dt.toString();
    }

    /**
     * @param d a duration
     * @return its length in seconds, as a number without trailing zeros ({@code 7.084547241}, {@code 30})
     */
    static BigDecimal seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (v instanceof Optional<?>) {
            v = ((Optional<?>) v).orElse(null);
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte || v instanceof java.math.BigInteger) {
            sb.append(v);
        } else if (v instanceof BigDecimal) {
            sb.append(((BigDecimal) v).toPlainString());
        } else if (v instanceof Duration) {
            sb.append(seconds((Duration) v).toPlainString());
        } else if (v instanceof CimDateTime) {
            write(sb, dateTime((CimDateTime) v), depth + 1);
        } else if (v instanceof OffsetDateTime) {
            string(sb, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) v));
        } else if (v instanceof Instant) {
            string(sb, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(((Instant) v).atOffset(ZoneOffset.UTC)));
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                sb.append(v);
            } else {
                string(sb, v.toString());
            }
        } else if (v instanceof Map<?, ?>) {
            sb.append('{');
            boolean first = true;
            Map<?, ?> map = (Map<?, ?>) v;
            // a stable key order: insertion order where the map keeps one, else sorted (Map.of iterates in a
            // per-JVM random order)
            Iterable<? extends Map.Entry<?, ?>> entries = map.entrySet();
            if (!(map instanceof LinkedHashMap<?, ?>) && !(map instanceof SortedMap<?, ?>)) {
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((k, val) -> sorted.put(String.valueOf(k), val));
                entries = sorted.entrySet();
            }
            for (Map.Entry<?, ?> e : entries) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue(), depth + 1);
            }
            sb.append('}');
        } else if (v instanceof Collection<?>) {
            sb.append('[');
            boolean first = true;
            for (Object o : (Collection<?>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o, depth + 1);
            }
            sb.append(']');
        } else if (v instanceof Enum<?>) {
            string(sb, ((Enum<?>) v).name());
        } else if (v.getClass().isRecord()) {
            record(sb, (Record) v, depth);
        } else {
            string(sb, v.toString());
        }
    }

    private static void record(StringBuilder sb, Record r, int depth) {
        sb.append("{\"@type\":");
        string(sb, r.getClass().getSimpleName());
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            sb.append(',');
            string(sb, c.getName());
            sb.append(':');
            try {
                c.getAccessor().setAccessible(true);
                write(sb, c.getAccessor().invoke(r), depth + 1);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
            }
        }
        sb.append('}');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
