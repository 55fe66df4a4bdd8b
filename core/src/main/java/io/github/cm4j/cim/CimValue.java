package io.github.cm4j.cim;

import io.github.cm4j.MappingException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, typed, non-NULL CIM value: a scalar or an array. A WMI NULL is the absence of a
 * {@code CimValue} (see {@link WmiObject#get(String)}).
 *
 * <p>Java representation by {@link CimType} (the {@link #value()} of a scalar; the elements of
 * {@link #asList()} for an array):
 * <ul>
 *   <li>{@code sint8} {@code Byte}; {@code sint16} {@code Short}; {@code sint32} {@code Integer};
 *       {@code sint64} {@code Long};</li>
 *   <li>{@code uint8} {@code Short}; {@code uint16} {@code Integer}; {@code uint32} {@code Long} — widened so
 *       they never overflow;</li>
 *   <li>{@code uint64} {@code Long} holding the unsigned bit pattern: {@link #asBigInteger()} is always
 *       exact, {@link #asLong()} fails for values above {@link Long#MAX_VALUE} instead of returning a
 *       negative number, {@link #toString()} prints the unsigned decimal;</li>
 *   <li>{@code real32} {@code Float}; {@code real64} {@code Double}; {@code boolean} {@code Boolean};
 *       {@code char16} {@code Character}; {@code string} {@code String};</li>
 *   <li>{@code datetime} {@link CimDateTime}; {@code ref} the object path text as {@code String}
 *       ({@link #asObjectPath()} parses it); {@code object} {@link WmiObject}.</li>
 * </ul>
 * Arrays hold an unmodifiable list of non-null elements. Instances are immutable and thread-safe.
 */
public final class CimValue {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final CimType type;
    private final Object value;

    private CimValue(CimType type, Object value) {
        this.type = type;
        this.value = value;
    }

    /**
     * Creates a value of a CIM type from a Java value, converting where it is lossless: any integral
     * {@link Number} (or {@link BigInteger}) for the integer types with a range check, a {@code String}
     * for {@code datetime} (parsed) and {@code char16} (one character), an {@link ObjectPath} or
     * {@code String} for {@code ref}, any {@code List} or Java array of such values for array types.
     *
     * @param type the CIM type
     * @param javaValue the value, not null (a WMI NULL is the absence of a value)
     * @return the typed value
     * @throws MappingException when the value does not fit the type
     */
    public static CimValue of(CimType type, Object javaValue) {
        Objects.requireNonNull(type, "type");
        if (javaValue == null) {
            throw new MappingException("a CimValue cannot be null (a WMI NULL is the absence of a value); type " + type);
        }
        if (javaValue instanceof CimValue) {
            CimValue v = (CimValue) javaValue;
            if (v.type == type) {
                return v;
            }
            javaValue = v.value;
        }
        if (type.isArray()) {
            List<?> source = asSourceList(javaValue, type);
            List<Object> elements = new ArrayList<>(source.size());
            CimType elementType = type.elementType();
            for (int i = 0; i < source.size(); i++) {
                Object element = source.get(i);
                if (element == null) {
                    throw new MappingException("element " + i + " of a " + type + " value is null; CIM arrays cannot hold NULL");
                }
                elements.add(convertScalar(elementType, element instanceof CimValue ? ((CimValue) element).value : element));
            }
            return new CimValue(type, Collections.unmodifiableList(elements));
        }
        return new CimValue(type, convertScalar(type, javaValue));
    }

    /**
     * {@return a {@code sint8} value}
     *
     * @param v the value
     */
    public static CimValue sint8(byte v) {
        return new CimValue(CimType.SINT8, v);
    }

    /**
     * {@return a {@code uint8} value}
     *
     * @param v the value, 0..255
     * @throws MappingException when out of range
     */
    public static CimValue uint8(int v) {
        return of(CimType.UINT8, v);
    }

    /**
     * {@return a {@code sint16} value}
     *
     * @param v the value
     */
    public static CimValue sint16(short v) {
        return new CimValue(CimType.SINT16, v);
    }

    /**
     * {@return a {@code uint16} value}
     *
     * @param v the value, 0..65535
     * @throws MappingException when out of range
     */
    public static CimValue uint16(int v) {
        return of(CimType.UINT16, v);
    }

    /**
     * {@return a {@code sint32} value}
     *
     * @param v the value
     */
    public static CimValue sint32(int v) {
        return new CimValue(CimType.SINT32, v);
    }

    /**
     * {@return a {@code uint32} value}
     *
     * @param v the value, 0..4294967295
     * @throws MappingException when out of range
     */
    public static CimValue uint32(long v) {
        return of(CimType.UINT32, v);
    }

    /**
     * {@return a {@code sint64} value}
     *
     * @param v the value
     */
    public static CimValue sint64(long v) {
        return new CimValue(CimType.SINT64, v);
    }

    /**
     * {@return a {@code uint64} value}
     *
     * @param v a non-negative value
     * @throws MappingException when negative (use {@link #uint64Bits(long)} for the bit pattern)
     */
    public static CimValue uint64(long v) {
        return of(CimType.UINT64, v);
    }

    /**
     * {@return a {@code uint64} value}
     *
     * @param v 0..2^64-1
     * @throws MappingException when out of range
     */
    public static CimValue uint64(BigInteger v) {
        return of(CimType.UINT64, v);
    }

    /**
     * {@return a {@code uint64} value}
     *
     * @param bits the unsigned 64-bit pattern, as read off the wire
     */
    public static CimValue uint64Bits(long bits) {
        return new CimValue(CimType.UINT64, bits);
    }

    /**
     * {@return a {@code real32} value}
     *
     * @param v the value
     */
    public static CimValue real32(float v) {
        return new CimValue(CimType.REAL32, v);
    }

    /**
     * {@return a {@code real64} value}
     *
     * @param v the value
     */
    public static CimValue real64(double v) {
        return new CimValue(CimType.REAL64, v);
    }

    /**
     * {@return a {@code boolean} value}
     *
     * @param v the value
     */
    public static CimValue bool(boolean v) {
        return new CimValue(CimType.BOOLEAN, v);
    }

    /**
     * {@return a {@code char16} value}
     *
     * @param v the value
     */
    public static CimValue char16(char v) {
        return new CimValue(CimType.CHAR16, v);
    }

    /**
     * {@return a {@code string} value}
     *
     * @param v the text, not null
     */
    public static CimValue string(String v) {
        return new CimValue(CimType.STRING, Objects.requireNonNull(v, "string value"));
    }

    /**
     * {@return a {@code datetime} value}
     *
     * @param v the datetime or interval
     */
    public static CimValue datetime(CimDateTime v) {
        return new CimValue(CimType.DATETIME, Objects.requireNonNull(v, "datetime value"));
    }

    /**
     * {@return a {@code ref} value}
     *
     * @param path the referenced object
     */
    public static CimValue reference(ObjectPath path) {
        return new CimValue(CimType.REFERENCE, path.toString());
    }

    /**
     * {@return an {@code object} value}
     *
     * @param object the embedded object
     */
    public static CimValue object(WmiObject object) {
        return new CimValue(CimType.OBJECT, Objects.requireNonNull(object, "object value"));
    }

    /**
     * {@return a {@code string[]} value}
     *
     * @param values the strings
     */
    public static CimValue stringArray(List<String> values) {
        return of(CimType.STRING_ARRAY, values);
    }

    /**
     * {@return an {@code object[]} value}
     *
     * @param values the embedded objects
     */
    public static CimValue objectArray(List<WmiObject> values) {
        return of(CimType.OBJECT_ARRAY, values);
    }

    /** {@return the CIM type} */
    public CimType type() {
        return type;
    }

    /** {@return the Java value (see the class comment); an unmodifiable {@code List} for arrays} */
    public Object value() {
        return value;
    }

    /** {@return whether this is an array value} */
    public boolean isArray() {
        return type.isArray();
    }

    /**
     * {@return the value of any integer type, exactly}
     *
     * @throws MappingException for non-integers
     */
    public BigInteger asBigInteger() {
        requireScalar("an integer", type.isInteger());
        long bits = ((Number) value).longValue();
        if (type == CimType.UINT64 && bits < 0) {
            return new BigInteger(Long.toUnsignedString(bits));
        }
        return BigInteger.valueOf(bits);
    }

    /**
     * {@return the value of any integer type as {@code long}}
     *
     * @throws MappingException for non-integers and for {@code uint64} values above {@link Long#MAX_VALUE}
     */
    public long asLong() {
        requireScalar("an integer", type.isInteger());
        long bits = ((Number) value).longValue();
        if (type == CimType.UINT64 && bits < 0) {
            throw new MappingException("uint64 value " + Long.toUnsignedString(bits)
                    + " does not fit a long; use asBigInteger()");
        }
        return bits;
    }

    /**
     * {@return the value of any integer type as {@code int}}
     *
     * @throws MappingException when it does not fit
     */
    public int asInt() {
        long v = asLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MappingException(type + " value " + v + " does not fit an int; use asLong()");
        }
        return (int) v;
    }

    /**
     * {@return the value of a numeric type as {@code double}}
     *
     * @throws MappingException for non-numbers
     */
    public double asDouble() {
        requireScalar("a number", value instanceof Number);
        return type == CimType.UINT64 ? asBigInteger().doubleValue() : ((Number) value).doubleValue();
    }

    /**
     * {@return the boolean value}
     *
     * @throws MappingException for other types
     */
    public boolean asBoolean() {
        requireScalar("a boolean", type == CimType.BOOLEAN);
        return (Boolean) value;
    }

    /**
     * {@return the character value}
     *
     * @throws MappingException for other types
     */
    public char asChar() {
        requireScalar("a char16", type == CimType.CHAR16);
        return (Character) value;
    }

    /**
     * {@return the text of a {@code string} or {@code ref} value; the DMTF text of a {@code datetime}}
     *
     * @throws MappingException for other types
     */
    public String asString() {
        requireScalar("a string", value instanceof String || value instanceof CimDateTime);
        return value.toString();
    }

    /**
     * {@return the datetime value}
     *
     * @throws MappingException for other types
     */
    public CimDateTime asDateTime() {
        requireScalar("a datetime", type == CimType.DATETIME);
        return (CimDateTime) value;
    }

    /**
     * {@return the parsed object path of a {@code ref} (or {@code string}) value}
     *
     * @throws MappingException for other types
     */
    public ObjectPath asObjectPath() {
        requireScalar("a reference", value instanceof String);
        return ObjectPath.parse((String) value);
    }

    /**
     * {@return the embedded object}
     *
     * @throws MappingException for other types
     */
    public WmiObject asObject() {
        requireScalar("an embedded object", type == CimType.OBJECT);
        return (WmiObject) value;
    }

    /**
     * {@return the elements of an array value (see the class comment for their Java types)}
     *
     * @throws MappingException for scalars
     */
    public List<?> asList() {
        if (!type.isArray()) {
            throw new MappingException("expected an array but the value is " + type + " " + this);
        }
        return (List<?>) value;
    }

    /**
     * {@return the elements of a {@code string[]} or {@code ref[]} value}
     *
     * @throws MappingException for other types
     */
    @SuppressWarnings("unchecked")
    public List<String> asStringList() {
        if (type != CimType.STRING_ARRAY && type != CimType.REFERENCE_ARRAY) {
            throw new MappingException("expected a string array but the value is " + type);
        }
        return (List<String>) value;
    }

    /**
     * {@return the elements of an {@code object[]} value}
     *
     * @throws MappingException for other types
     */
    @SuppressWarnings("unchecked")
    public List<WmiObject> asObjectList() {
        if (type != CimType.OBJECT_ARRAY) {
            throw new MappingException("expected an object array but the value is " + type);
        }
        return (List<WmiObject>) value;
    }

    /** {@return the value as a MOF literal: {@code "text"}, {@code 42}, {@code TRUE}, <code>{1, 2}</code>, {@code instance of X {...}}} */
    public String toMof() {
        if (!type.isArray()) {
            return scalarToMof(type, value);
        }
        StringBuilder sb = new StringBuilder("{");
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(scalarToMof(type.elementType(), list.get(i)));
        }
        return sb.append('}').toString();
    }

    /** {@return the MOF literal form, see {@link #toMof()}} */
    @Override
    public String toString() {
        return toMof();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimValue && ((CimValue) o).type == type && ((CimValue) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + value.hashCode();
    }

    private void requireScalar(String expected, boolean ok) {
        if (!ok || type.isArray()) {
            throw new MappingException("expected " + expected + " but the value is " + type + " " + abbreviate(toMof()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    static String scalarToMof(CimType type, Object v) {
        switch (type) {
            case STRING:
            case REFERENCE:
            case DATETIME:
                return quote(v.toString());
            case CHAR16:
                return charLiteral((Character) v);
            case BOOLEAN:
                return ((Boolean) v) ? "TRUE" : "FALSE";
            case UINT64:
                return Long.toUnsignedString((Long) v);
            case REAL32:
            case REAL64:
                return realLiteral(((Number) v).doubleValue(), type == CimType.REAL32 ? v.toString() : null);
            case OBJECT:
                return ((WmiObject) v).toMof();
            default:
                return v.toString();
        }
    }

    private static String realLiteral(double d, String floatText) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            // MOF has no literal for these; print Java's spelling so the value is at least visible.
            return Double.toString(d);
        }
        return floatText != null ? floatText : Double.toString(d);
    }

    /**
     * Quotes text as a MOF/WQL double-quoted string literal: {@code \} and {@code "} escaped, control
     * characters as {@code \n}, {@code \t}, ... or {@code \xHHHH} (DSP0221 7.6.1.3 escape sequences).
     *
     * @param s the text
     * @return the literal, with quotes
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            appendEscaped(sb, s.charAt(i), '"');
        }
        return sb.append('"').toString();
    }

    private static String charLiteral(char c) {
        StringBuilder sb = new StringBuilder("'");
        appendEscaped(sb, c, '\'');
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, char c, char quote) {
        switch (c) {
            case '\\': sb.append("\\\\"); break;
            case '\n': sb.append("\\n"); break;
            case '\r': sb.append("\\r"); break;
            case '\t': sb.append("\\t"); break;
            case '\b': sb.append("\\b"); break;
            case '\f': sb.append("\\f"); break;
            default:
                if (c == quote) {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || c == 0x7f) {
                    sb.append(String.format("\\x%04X", (int) c));
                } else {
                    sb.append(c);
                }
        }
    }

    private static List<?> asSourceList(Object javaValue, CimType type) {
        if (javaValue instanceof List) {
            return (List<?>) javaValue;
        }
        if (javaValue instanceof Object[]) {
            return java.util.Arrays.asList((Object[]) javaValue);
        }
        if (javaValue.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(javaValue);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(java.lang.reflect.Array.get(javaValue, i));
            }
            return list;
        }
        throw new MappingException("expected a List or array for " + type + " but got " + javaValue.getClass().getName());
    }

    private static Object convertScalar(CimType type, Object v) {
        switch (type) {
            case SINT8: return (byte) integral(type, v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8: return (short) integral(type, v, 0, 255);
            case SINT16: return (short) integral(type, v, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16: return (int) integral(type, v, 0, 65535);
            case SINT32: return (int) integral(type, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32: return integral(type, v, 0, 0xFFFF_FFFFL);
            case SINT64: return integral(type, v, Long.MIN_VALUE, Long.MAX_VALUE);
            case UINT64: return uint64Bits(v);
            case REAL32:
                if (v instanceof Float || v instanceof Double || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).floatValue();
                }
                throw mismatch(type, v);
            case REAL64:
                if (v instanceof Number && !(v instanceof BigInteger)) {
                    return ((Number) v).doubleValue();
                }
                throw mismatch(type, v);
            case BOOLEAN:
                if (v instanceof Boolean) {
                    return v;
                }
                throw mismatch(type, v);
            case CHAR16:
                if (v instanceof Character) {
                    return v;
                }
                if (v instanceof String && ((String) v).length() == 1) {
                    return ((String) v).charAt(0);
                }
                throw mismatch(type, v);
            case STRING:
                if (v instanceof String) {
                    return v;
                }
                throw mismatch(type, v);
            case DATETIME:
                if (v instanceof CimDateTime) {
                    return v;
                }
                if (v instanceof String) {
                    return CimDateTime.parse((String) v);
                }
                throw mismatch(type, v);
            case REFERENCE:
                if (v instanceof ObjectPath) {
                    return v.toString();
                }
                if (v instanceof String) {
                    return v;
                }
                throw mismatch(type, v);
            case OBJECT:
                if (v instanceof WmiObject) {
                    return v;
                }
                throw mismatch(type, v);
            default:
                throw new AssertionError(type);
        }
    }

    private static long integral(CimType type, Object v, long min, long max) {
        long l;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.bitLength() > 63) {
                throw new MappingException(type + " value " + b + " is out of range " + min + ".." + max);
            }
            l = b.longValue();
        } else {
            throw mismatch(type, v);
        }
        if (l < min || l > max) {
            throw new MappingException(type + " value " + l + " is out of range " + min + ".." + max);
        }
        return l;
    }

    private static long uint64Bits(Object v) {
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.signum() < 0 || b.compareTo(UINT64_MAX) > 0) {
                throw new MappingException("uint64 value " + b + " is out of range 0.." + UINT64_MAX);
            }
            return b.longValue();
        }
        return integral(CimType.UINT64, v, 0, Long.MAX_VALUE);
    }

    private static MappingException mismatch(CimType type, Object v) {
        return new MappingException("a " + v.getClass().getSimpleName() + " cannot be a " + type + " value");
    }
}
