package io.github.cm4j.wql;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A constant of WQL, typed for evaluation.
 *
 * <p>The {@link #value()} is one of:
 * <ul>
 *   <li>{@link String} for string literals (single- or double-quoted; datetimes are strings in WQL too),</li>
 *   <li>{@link Long} for integers in the signed 64-bit range,</li>
 *   <li>{@link BigInteger} only for integers above {@link Long#MAX_VALUE} up to 2<sup>64</sup>-1 (CIM
 *       {@code uint64}),</li>
 *   <li>{@link Double} for finite reals,</li>
 *   <li>{@link Boolean} for {@code TRUE} / {@code FALSE} ({@code 1} and {@code 0} are numbers),</li>
 *   <li>{@code null} for {@code NULL}.</li>
 * </ul>
 * The canonical constructor normalizes {@link Integer}, {@link Short}, {@link Byte} and in-range
 * {@link BigInteger} to {@code Long}, {@link Float} to {@code Double} and {@link Character} to {@code String};
 * {@link #of(Object)} additionally converts date-times.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the typed value, or {@code null} for {@code NULL}
 */
public record Literal(Object value) implements Operand {
    /** {@code NULL}. */
    public static final Literal NULL = new Literal(null);
    /** {@code TRUE}. */
    public static final Literal TRUE = new Literal(Boolean.TRUE);
    /** {@code FALSE}. */
    public static final Literal FALSE = new Literal(Boolean.FALSE);

    static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * Normalizes and checks the value.
     *
     * @param value the typed value, or {@code null} for {@code NULL}
     * @throws IllegalArgumentException if the value has an unsupported type, is a non-finite real or an integer
     *         outside [-2<sup>63</sup>, 2<sup>64</sup>-1]
     */
    public Literal {
        value = normalize(value);
    }

    /**
     * Converts a Java value to a literal: everything the canonical constructor accepts, plus {@link Instant},
     * {@link OffsetDateTime} and {@link ZonedDateTime}, which become CIM datetime strings in UTC
     * ({@code yyyymmddHHMMSS.mmmmmm+000}, sub-microsecond digits truncated).
     *
     * @param value the value, or {@code null}
     * @return the literal
     * @throws IllegalArgumentException if the value cannot be a WQL constant
     */
    public static Literal of(Object value) {
        if (value instanceof Literal) {
            return (Literal) value;
        }
        if (value instanceof Instant) {
            return new Literal(cimDateTime((Instant) value));
        }
        if (value instanceof OffsetDateTime) {
            return new Literal(cimDateTime(((OffsetDateTime) value).toInstant()));
        }
        if (value instanceof ZonedDateTime) {
            return new Literal(cimDateTime(((ZonedDateTime) value).toInstant()));
        }
        return new Literal(value);
    }

    /**
     * Formats an instant as a CIM datetime in UTC: {@code yyyymmddHHMMSS.mmmmmm+000}.
     *
     * @param instant the instant, in years 0000..9999
     * @return the 25-character CIM datetime
     * @throws IllegalArgumentException if the year is outside 0000..9999
     */
    public static String cimDateTime(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("a CIM datetime needs a year in 0000..9999, not " + t.getYear());
        }
        return String.format("%04d%02d%02d%02d%02d%02d.%06d+000", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
    }

    private static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Character) {
            return v.toString();
        }
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
                return b.longValue();
            }
            if (b.signum() > 0 && b.compareTo(UINT64_MAX) <= 0) {
                return b;
            }
            throw new IllegalArgumentException("integer " + b + " is outside the CIM 64-bit range");
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("WQL has no literal for " + d);
            }
            return d;
        }
        throw new IllegalArgumentException("a WQL literal cannot be made from a " + v.getClass().getName()
                + " (use String, a number, Boolean, Instant/OffsetDateTime/ZonedDateTime or null)");
    }

    /** {@return whether this is {@code NULL}} */
    public boolean isNull() {
        return value == null;
    }

    /** {@return the canonical WQL text, e.g. {@code "abc"}, {@code -5}, {@code TRUE}, {@code NULL}} */
    @Override
    public String toString() {
        return WqlPrinter.literal(this);
    }
}
