package io.github.cm4j.simulator;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * WMI / SMS Provider value coercions used by the WQL evaluator. Values are first normalised to a comparable
 * Java form ({@link #norm}): integers {@code Long} (or {@code BigInteger} above {@code Long.MAX_VALUE}),
 * reals {@code Double}, booleans {@code Boolean}, strings, references and char16 {@code String}, complete
 * datetimes {@code Instant}, intervals {@code Duration}. A literal is converted to the family of the
 * property it is compared with ({@link #literal}): {@code IsExpired = 1} and {@code IsExpired = 'true'} both
 * mean TRUE, {@code CI_ID = '16777216'} compares numbers, {@code DatePosted > '2024-01-01'} compares
 * instants. Strings compare case-insensitively, as the provider's SQL collation does.
 */
final class Coerce {
    /** The comparison families. */
    enum Family { NUMBER, BOOLEAN, STRING, TIME, OBJECT }

    private static final DateTimeFormatter US_DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy[ H:mm[:ss]]", Locale.ROOT);

    private Coerce() {
    }

    static Family family(CimType type) {
        CimType e = type.elementType();
        if (e.isInteger() || e == CimType.REAL32 || e == CimType.REAL64) {
            return Family.NUMBER;
        }
        switch (e) {
            case BOOLEAN:
                return Family.BOOLEAN;
            case STRING:
            case REFERENCE:
            case CHAR16:
                return Family.STRING;
            case DATETIME:
                return Family.TIME;
            default:
                return Family.OBJECT;
        }
    }

    /**
     * @param type the (element) type of the value
     * @param v a scalar Java value as held by {@link CimValue}
     * @return the comparable form
     */
    static Object norm(CimType type, Object v) {
        if (v == null) {
            return null;
        }
        CimType e = type.elementType();
        if (e == CimType.UINT64) {
            long bits = (Long) v;
            return bits < 0 ? new BigInteger(Long.toUnsignedString(bits)) : (Object) bits;
        }
        if (e.isInteger()) {
            return ((Number) v).longValue();
        }
        switch (e) {
            case REAL32:
            case REAL64:
                return ((Number) v).doubleValue();
            case CHAR16:
                return v.toString();
            case DATETIME:
                CimDateTime dt = (CimDateTime) v;
                if (dt.isInterval()) {
                    return dt.toDuration();
                }
                return dt.isComplete() ? dt.toInstant() : dt.toString();
            default:
                return v;
        }
    }

    /**
     * @param value a non-array value
     * @return its comparable form
     */
    static Object norm(CimValue value) {
        return value == null ? null : norm(value.type(), value.value());
    }

    /**
     * @param value a value, array or scalar
     * @return the comparable forms of its elements (one for a scalar)
     */
    static List<Object> normAll(CimValue value) {
        if (value.isArray()) {
            return value.asList().stream().map(o -> norm(value.type(), o)).toList();
        }
        return java.util.Collections.singletonList(norm(value));
    }

    /**
     * Converts a WQL literal to the family of a property.
     *
     * @param family the property's family
     * @param literal the literal value (String, Long, BigInteger, Double, Boolean; not null)
     * @return the comparable form
     * @throws IllegalArgumentException when the literal cannot be that family (reported as an invalid query)
     */
    static Object literal(Family family, Object literal) {
        switch (family) {
            case NUMBER:
                if (literal instanceof Number) {
                    return literal;
                }
                if (literal instanceof Boolean) {
                    return ((Boolean) literal) ? 1L : 0L;
                }
                Object n = parseNumber((String) literal);
                if (n == null) {
                    throw new IllegalArgumentException("'" + literal + "' is not a number");
                }
                return n;
            case BOOLEAN:
                if (literal instanceof Boolean) {
                    return literal;
                }
                if (literal instanceof Number) {
                    return ((Number) literal).doubleValue() != 0;
                }
                Boolean b = parseBoolean((String) literal);
                if (b == null) {
                    throw new IllegalArgumentException("'" + literal + "' is not a boolean (TRUE, FALSE, 1 or 0)");
                }
                return b;
            case STRING:
                if (literal instanceof Double) {
                    double d = (Double) literal;
                    return d == Math.rint(d) ? Long.toString((long) d) : literal.toString();
                }
                if (literal instanceof Boolean) {
                    return ((Boolean) literal) ? "1" : "0";
                }
                return literal.toString();
            case TIME:
                if (!(literal instanceof String)) {
                    throw new IllegalArgumentException(literal + " is not a date and time; write it as a string");
                }
                Object t = parseTime((String) literal);
                if (t == null) {
                    throw new IllegalArgumentException("'" + literal + "' is not a date and time (use the DMTF form"
                            + " yyyymmddHHMMSS.mmmmmm+UUU, yyyy-mm-dd[Thh:mm:ss] or mm/dd/yyyy [hh:mm:ss])");
                }
                return t;
            default:
                throw new IllegalArgumentException("an embedded object cannot be compared with a constant");
        }
    }

    static Object parseNumber(String s) {
        String t = s.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notLong) {
            try {
                BigDecimal d = new BigDecimal(t);
                if (d.scale() <= 0 && d.signum() >= 0) {
                    return d.toBigIntegerExact();
                }
                return d.doubleValue();
            } catch (NumberFormatException | ArithmeticException notNumber) {
                return null;
            }
        }
    }

    static Boolean parseBoolean(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "true": case "1": return Boolean.TRUE;
            case "false": case "0": return Boolean.FALSE;
            default: return null;
        }
    }

    static Object parseTime(String s) {
        String t = s.trim();
        try {
            CimDateTime dt = CimDateTime.parse(t);
            return dt.isInterval() ? dt.toDuration() : dt.isComplete() ? dt.toInstant() : null;
        } catch (RuntimeException notDmtf) {
            // other forms below
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            if (t.indexOf(' ') < 0) {
                return LocalDate.parse(t, DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT)).atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(t, US_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Compares two comparable forms, converting across families where WMI does (string to number, boolean,
     * time; number to boolean).
     *
     * @return the comparison, or null when the values cannot be compared
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Integer compare(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof Long && b instanceof Long) {
            return Long.compare((Long) a, (Long) b);
        }
        if (a instanceof String && b instanceof String) {
            return String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
        }
        if (a instanceof Number && b instanceof Number) {
            if (a instanceof Double || b instanceof Double) {
                return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            }
            return big(a).compareTo(big(b));
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return Boolean.compare((Boolean) a, (Boolean) b);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            return ((Comparable) a).compareTo(b);
        }
        // Cross-family: convert the string side, or number vs boolean.
        if (a instanceof String && !(b instanceof String)) {
            Object conv = convertString((String) a, b);
            return conv == null ? null : compare(conv, b);
        }
        if (b instanceof String && !(a instanceof String)) {
            Object conv = convertString((String) b, a);
            return conv == null ? null : compare(a, conv);
        }
        if (a instanceof Boolean && b instanceof Number) {
            return compare(a, ((Number) b).doubleValue() != 0);
        }
        if (a instanceof Number && b instanceof Boolean) {
            return compare(((Number) a).doubleValue() != 0, b);
        }
        return null;
    }

    private static Object convertString(String s, Object like) {
        if (like instanceof Number) {
            return parseNumber(s);
        }
        if (like instanceof Boolean) {
            return parseBoolean(s);
        }
        if (like instanceof Instant || like instanceof java.time.Duration) {
            return parseTime(s);
        }
        return null;
    }

    private static BigInteger big(Object n) {
        return n instanceof BigInteger ? (BigInteger) n : BigInteger.valueOf(((Number) n).longValue());
    }

    /**
     * The text a LIKE pattern is matched against.
     *
     * @param norm a comparable form
     * @return its text
     */
    static String text(Object norm) {
        if (norm instanceof Boolean) {
            return ((Boolean) norm) ? "1" : "0";
        }
        if (norm instanceof Instant) {
            return CimDateTime.of((Instant) norm).toString();
        }
        if (norm instanceof WmiObject) {
            return ((WmiObject) norm).toString();
        }
        return norm.toString();
    }

    /**
     * A key for set membership (IN sub-selects, DISTINCT of values): equal for values that compare equal.
     *
     * @param norm a comparable form
     * @return the key
     */
    static Object memberKey(Object norm) {
        if (norm instanceof String) {
            return ((String) norm).toLowerCase(Locale.ROOT);
        }
        if (norm instanceof Double) {
            double d = (Double) norm;
            if (d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                return (long) d;
            }
        }
        if (norm instanceof BigInteger && ((BigInteger) norm).bitLength() < 64) {
            return ((BigInteger) norm).longValue();
        }
        return norm;
    }
}
