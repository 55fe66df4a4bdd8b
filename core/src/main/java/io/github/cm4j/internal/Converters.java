package io.github.cm4j.internal;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.WmiClassName;
import io.github.cm4j.model.WmiEnum;
import io.github.cm4j.schema.Schema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The conversions between CIM values and the Java types models use. One {@link Converter} per Java type,
 * chosen once per model property when its {@link ModelBinder} is built.
 */
final class Converters {
    private Converters() {
    }

    /**
     * Converts between the raw Java form of a CIM value ({@link CimValue#value()}, or one element of an
     * array) and a model's Java type.
     */
    interface Converter {
        /** @return the Java type, as written in the model ({@code long}, {@code List<String>} ...) */
        String javaType();

        /** @return the CIM types this converter takes, for messages ({@code "an integer type"} ...) */
        String expected();

        /**
         * @param type a property's CIM type
         * @param refClass the embedded or referenced class, or null
         * @return whether values of that type convert to the Java type
         */
        boolean accepts(CimType type, String refClass);

        /**
         * @param raw the raw value (non-null)
         * @param type its CIM type (one this converter accepts)
         * @return the Java value, or null when the CIM value stands for "no value" (the all-zero datetime)
         */
        Object read(Object raw, CimType type);

        /**
         * @param value the Java value (non-null)
         * @param type the target property's CIM type
         * @param refClass the target property's embedded class, or null
         * @return a raw value {@link CimValue#of(CimType, Object)} takes for {@code type}
         */
        Object toRaw(Object value, CimType type, String refClass);

        /** @return the value a NULL reads as in a non-Optional model property, or null when NULL is an error */
        Object empty();

        /** @return the CIM type to declare when writing a property the target class lacks */
        CimType defaultType();
    }

    /**
     * @param type the Java type of a model accessor (after unwrapping {@code Lazy} and {@code Optional})
     * @return its converter
     * @throws IllegalArgumentException when cm4j cannot bind that type
     */
    static Converter forType(Type type) {
        if (type instanceof ParameterizedType) {
            ParameterizedType pt = (ParameterizedType) type;
            if (pt.getRawType() == List.class) {
                return new ListConverter(forType(pt.getActualTypeArguments()[0]));
            }
            throw new IllegalArgumentException("cannot bind the type " + type);
        }
        if (!(type instanceof Class)) {
            throw new IllegalArgumentException("cannot bind the type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == long.class || c == Long.class) {
            return LONG;
        }
        if (c == int.class || c == Integer.class) {
            return INT;
        }
        if (c == boolean.class || c == Boolean.class) {
            return BOOLEAN;
        }
        if (c == double.class || c == Double.class) {
            return DOUBLE;
        }
        if (c == String.class) {
            return STRING;
        }
        if (c == Instant.class) {
            return INSTANT;
        }
        if (c == OffsetDateTime.class) {
            return OFFSET_DATE_TIME;
        }
        if (c == Duration.class) {
            return DURATION;
        }
        if (c == CimDateTime.class) {
            return CIM_DATE_TIME;
        }
        if (c == CimValue.class) {
            return RAW;
        }
        if (c.isEnum() && WmiEnum.class.isAssignableFrom(c)) {
            return new EnumConverter(c);
        }
        if (ModelBinder.wmiClassNameOf(c) != null) {
            return new NestedConverter(c);
        }
        throw new IllegalArgumentException("cannot bind the type " + c.getName());
    }

    private static boolean isScalarOneOf(CimType type, CimType... accepted) {
        for (CimType t : accepted) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }

    static final Converter LONG = new Converter() {
        public String javaType() {
            return "long";
        }

        public String expected() {
            return "an integer type (a uint64 as its bit pattern)";
        }

        public boolean accepts(CimType type, String refClass) {
            return !type.isArray() && type.isInteger();
        }

        public Object read(Object raw, CimType type) {
            return raw instanceof Long ? raw : Long.valueOf(((Number) raw).longValue());
        }

        public Object toRaw(Object value, CimType type, String refClass) {
            long l = (Long) value;
            if (type.elementType() == CimType.UINT64 && l < 0) {
                return new BigInteger(Long.toUnsignedString(l));
            }
            return value;
        }

        public Object empty() {
            return 0L;
        }

        public CimType defaultType() {
            return CimType.SINT64;
        }
    };

    static final Converter INT = new Converter() {
        public String javaType() {
            return "int";
        }

        public String expected() {
            return "sint8, uint8, sint16, uint16, sint32 or uint32 (a uint32 as its bit pattern)";
        }

        public boolean accepts(CimType type, String refClass) {
            return isScalarOneOf(type, CimType.SINT8, CimType.UINT8, CimType.SINT16, CimType.UINT16,
                    CimType.SINT32, CimType.UINT32);
        }

        public Object read(Object raw, CimType type) {
            return raw instanceof Integer ? raw : Integer.valueOf((int) ((Number) raw).longValue());
        }

        public Object toRaw(Object value, CimType type, String refClass) {
            int i = (Integer) value;
            return type.elementType() == CimType.UINT32 ? (Object) Integer.toUnsignedLong(i) : (Object) i;
        }

        public Object empty() {
            return 0;
        }

        public CimType defaultType() {
            return CimType.SINT32;
        }
    };

    static final Converter BOOLEAN = simple("boolean", CimType.BOOLEAN, Boolean.FALSE);
    static final Converter STRING = new Converter() {
        public String javaType() {
            return "String";
        }

        public String expected() {
            return "string";
        }

        public boolean accepts(CimType type, String refClass) {
            return type == CimType.STRING || type == CimType.REFERENCE;
        }

        public Object read(Object raw, CimType type) {
            return raw;
        }

        public Object toRaw(Object value, CimType type, String refClass) {
            return value;
        }

        public Object empty() {
            return "";
        }

        public CimType defaultType() {
            return CimType.STRING;
        }
    };

    static final Converter DOUBLE = new Converter() {
        public String javaType() {
            return "double";
        }

        public String expected() {
            return "real32 or real64";
        }

        public boolean accepts(CimType type, String refClass) {
            return type == CimType.REAL32 || type == CimType.REAL64;
        }

        public Object read(Object raw, CimType type) {
            return raw instanceof Double ? raw : Double.valueOf(((Number) raw).doubleValue());
        }

        public Object toRaw(Object value, CimType type, String refClass) {
            return value;
        }

        public Object empty() {
            return 0.0d;
        }

        public CimType defaultType() {
            return CimType.REAL64;
        }
    };

    static final Converter INSTANT = new DateTimeConverter("Instant") {
        Object convert(CimDateTime dt) {
            return toInstant(dt);
        }

        Object toCim(Object value) {
            return CimDateTime.of((Instant) value);
        }
    };

    static final Converter OFFSET_DATE_TIME = new DateTimeConverter("OffsetDateTime") {
        Object convert(CimDateTime dt) {
            return dt.toOffsetDateTime();
        }

        Object toCim(Object value) {
            return CimDateTime.of((OffsetDateTime) value);
        }
    };

    static final Converter DURATION = new DateTimeConverter("Duration") {
        Object convert(CimDateTime dt) {
            return dt.toDuration();
        }

        Object toCim(Object value) {
            return CimDateTime.ofInterval((Duration) value);
        }
    };

    static final Converter CIM_DATE_TIME = simple("CimDateTime", CimType.DATETIME, null);

    static final Converter RAW = new Converter() {
        public String javaType() {
            return "CimValue";
        }

        public String expected() {
            return "any type";
        }

        public boolean accepts(CimType type, String refClass) {
            return true;
        }

        public Object read(Object raw, CimType type) {
            return CimValue.of(type, raw);
        }

        public Object toRaw(Object value, CimType type, String refClass) {
            return value;
        }

        public Object empty() {
            return null;
        }

        public CimType defaultType() {
            return CimType.STRING;
        }
    };

    private static Converter simple(String javaType, CimType cimType, Object empty) {
        return new Converter() {
            public String javaType() {
                return javaType;
            }

            public String expected() {
                return cimType.toString();
            }

            public boolean accepts(CimType type, String refClass) {
                return type == cimType;
            }

            public Object read(Object raw, CimType type) {
                return raw;
            }

            public Object toRaw(Object value, CimType type, String refClass) {
                return value;
            }

            public Object empty() {
                return empty;
            }

            public CimType defaultType() {
                return cimType;
            }
        };
    }

    /** Days from 0000-01-01 to 1970-01-01 (proleptic Gregorian), as in {@code java.time.LocalDate}. */
    private static final long DAYS_0000_TO_1970 = 719_528L;

    /**
     * {@link CimDateTime#toInstant()} without the intermediate {@code OffsetDateTime}, {@code LocalDateTime},
     * {@code LocalDate} and {@code LocalTime}: the hot path of binding (several datetimes per update). Falls
     * back to {@code toInstant()} (and its messages) for intervals, wildcards and the all-zero date.
     *
     * @param dt a datetime
     * @return the instant
     */
    static Instant toInstant(CimDateTime dt) {
        if (dt.isInterval() || !dt.isComplete() || dt.microsecondPrecision() != 6) {
            return dt.toInstant();
        }
        int year = dt.year().getAsInt();
        int month = dt.month().getAsInt();
        int day = dt.day().getAsInt();
        if (month == 0 || day == 0) {
            return dt.toInstant();
        }
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 + (367 * month - 362) / 12 + day - 1;
        if (month > 2) {
            total--;
            boolean leap = (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
            if (!leap) {
                total--;
            }
        }
        long epochDay = total - DAYS_0000_TO_1970;
        long seconds = epochDay * 86_400L + dt.hour().getAsInt() * 3_600L + dt.minute().getAsInt() * 60L
                + dt.second().getAsInt() - dt.utcOffsetMinutes().getAsInt() * 60L;
        return Instant.ofEpochSecond(seconds, dt.microseconds().getAsInt() * 1_000L);
    }

    /** Datetimes: the all-zero date (ConfigMgr's "zero time") reads as no value. */
    private abstract static class DateTimeConverter implements Converter {
        private final String javaType;

        DateTimeConverter(String javaType) {
            this.javaType = javaType;
        }

        abstract Object convert(CimDateTime dt);

        abstract Object toCim(Object value);

        public String javaType() {
            return javaType;
        }

        public String expected() {
            return "datetime";
        }

        public boolean accepts(CimType type, String refClass) {
            return type == CimType.DATETIME;
        }

        public Object read(Object raw, CimType type) {
            CimDateTime dt = (CimDateTime) raw;
            if (!dt.isInterval() && dt.month().orElse(-1) == 0) {
                return null;
            }
            try {
                return convert(dt);
            } catch (IllegalStateException e) {
                throw new MappingException(e.getMessage(), e);
            }
        }

        public Object toRaw(Object value, CimType type, String refClass) {
            try {
                return toCim(value);
            } catch (IllegalArgumentException e) {
                throw new MappingException(e.getMessage(), e);
            }
        }

        public Object empty() {
            return null;
        }

        public CimType defaultType() {
            return CimType.DATETIME;
        }
    }

    /** Enums implementing {@link WmiEnum}: codes looked up by a linear scan (no boxing, a dozen constants). */
    static final class EnumConverter implements Converter {
        private final Class<?> type;
        private final Object[] constants;
        private final long[] codes;
        private final Object unrecognized;
        private final Object zero;

        EnumConverter(Class<?> type) {
            this.type = type;
            Object[] all = type.getEnumConstants();
            List<Object> known = new ArrayList<>();
            Object unknown = null;
            Object zeroConstant = null;
            for (Object c : all) {
                WmiEnum e = (WmiEnum) c;
                if (e.isUnrecognized()) {
                    if (unknown != null) {
                        throw new IllegalArgumentException(type.getName() + " has two unrecognized constants");
                    }
                    unknown = c;
                } else {
                    known.add(c);
                    if (e.code() == 0) {
                        zeroConstant = c;
                    }
                }
            }
            this.constants = known.toArray();
            this.codes = new long[constants.length];
            for (int i = 0; i < constants.length; i++) {
                codes[i] = ((WmiEnum) constants[i]).code();
            }
            this.unrecognized = unknown;
            this.zero = zeroConstant;
        }

        public String javaType() {
            return type.getSimpleName();
        }

        public String expected() {
            return "an integer type";
        }

        public boolean accepts(CimType t, String refClass) {
            return !t.isArray() && t.isInteger();
        }

        public Object read(Object raw, CimType t) {
            long code = ((Number) raw).longValue();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] == code) {
                    return constants[i];
                }
            }
            if (unrecognized != null) {
                return unrecognized;
            }
            StringBuilder known = new StringBuilder();
            for (Object c : constants) {
                known.append(known.length() == 0 ? "" : ", ").append(((WmiEnum) c).code()).append(' ').append(c);
            }
            throw new MappingException("value " + (t == CimType.UINT64 ? Long.toUnsignedString(code) : code)
                    + " is not a known " + type.getSimpleName() + " (known: " + known + ")");
        }

        public Object toRaw(Object value, CimType t, String refClass) {
            WmiEnum e = (WmiEnum) value;
            if (e.isUnrecognized()) {
                throw new MappingException(type.getSimpleName() + "." + value
                        + " stands for codes cm4j does not know and has no code of its own to write");
            }
            return LONG.toRaw(e.code(), t, refClass);
        }

        public Object empty() {
            return zero;
        }

        public CimType defaultType() {
            return CimType.UINT32;
        }
    }

    /** An embedded object bound to a nested model. */
    static final class NestedConverter implements Converter {
        private final Class<?> type;
        private final String wmiClassName;

        NestedConverter(Class<?> type) {
            this.type = type;
            this.wmiClassName = ModelBinder.wmiClassNameOf(type).value();
        }

        public String javaType() {
            return ModelBinder.immutableName(type);
        }

        public String expected() {
            return "object:" + wmiClassName;
        }

        public boolean accepts(CimType t, String refClass) {
            return t == CimType.OBJECT && (refClass == null || refClass.equalsIgnoreCase(wmiClassName));
        }

        public Object read(Object raw, CimType t) {
            return ModelBinder.of(type).bindObject((WmiObject) raw, true);
        }

        public Object toRaw(Object value, CimType t, String refClass) {
            WmiClass shape = refClass == null ? null : Schema.builtIn().find(refClass).orElse(null);
            return ModelBinder.of(type).toWmiObjectUnchecked(value, shape, null);
        }

        public Object empty() {
            return null;
        }

        public CimType defaultType() {
            return CimType.OBJECT;
        }
    }

    /** Arrays as {@code List}s; NULL reads as the empty list in a non-Optional property. */
    static final class ListConverter implements Converter {
        private final Converter element;

        ListConverter(Converter element) {
            this.element = element;
        }

        public String javaType() {
            return "List<" + boxedName(element.javaType()) + ">";
        }

        public String expected() {
            return "an array of " + element.expected();
        }

        public boolean accepts(CimType t, String refClass) {
            return t.isArray() && element.accepts(t.elementType(), refClass);
        }

        public Object read(Object raw, CimType t) {
            List<?> source = (List<?>) raw;
            if (element == STRING || element == BOOLEAN || element == CIM_DATE_TIME) {
                return source; // already an unmodifiable list of the right element type
            }
            CimType et = t.elementType();
            Object[] out = new Object[source.size()];
            for (int i = 0; i < out.length; i++) {
                Object v = element.read(source.get(i), et);
                if (v == null) {
                    throw new MappingException("element " + i + " of the " + t + " value has no " + element.javaType()
                            + " value");
                }
                out[i] = v;
            }
            return Collections.unmodifiableList(java.util.Arrays.asList(out));
        }

        public Object toRaw(Object value, CimType t, String refClass) {
            List<?> list = (List<?>) value;
            CimType et = t.elementType();
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(element.toRaw(o, et, refClass));
            }
            return out;
        }

        public Object empty() {
            return List.of();
        }

        public CimType defaultType() {
            return element.defaultType().arrayType();
        }

        private static String boxedName(String name) {
            switch (name) {
                case "long": return "Long";
                case "int": return "Integer";
                case "boolean": return "Boolean";
                case "double": return "Double";
                default: return name;
            }
        }
    }
}
