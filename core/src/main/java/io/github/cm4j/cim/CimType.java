package io.github.cm4j.cim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CIM data types of WMI, scalar and array, with the numeric codes of MS-WMIO 2.2.6 (CimType).
 *
 * <p>An array type's code is its element type's code ORed with {@link #ARRAY_FLAG} (0x2000). (Some tables
 * found online list other values for array codes; the spec's rule is the one used on the wire.)
 *
 * <p>Java representation of values (see {@link CimValue}): unsigned integer types are widened so they
 * never overflow: {@code uint8} as {@code short}, {@code uint16} as {@code int}, {@code uint32} as
 * {@code long}; {@code uint64} is kept as the {@code long} bit pattern with {@link CimValue#asBigInteger()}
 * for exact arithmetic and {@link CimValue#asLong()} failing rather than returning a negative number.
 */
public enum CimType {
    /** Signed 8-bit integer (code 16). */
    SINT8(16, "sint8", Byte.class),
    /** Unsigned 8-bit integer (code 17), held as {@code Short}. */
    UINT8(17, "uint8", Short.class),
    /** Signed 16-bit integer (code 2). */
    SINT16(2, "sint16", Short.class),
    /** Unsigned 16-bit integer (code 18), held as {@code Integer}. */
    UINT16(18, "uint16", Integer.class),
    /** Signed 32-bit integer (code 3). */
    SINT32(3, "sint32", Integer.class),
    /** Unsigned 32-bit integer (code 19), held as {@code Long}. */
    UINT32(19, "uint32", Long.class),
    /** Signed 64-bit integer (code 20). */
    SINT64(20, "sint64", Long.class),
    /** Unsigned 64-bit integer (code 21), held as the {@code Long} bit pattern. */
    UINT64(21, "uint64", Long.class),
    /** IEEE 32-bit float (code 4). */
    REAL32(4, "real32", Float.class),
    /** IEEE 64-bit float (code 5). */
    REAL64(5, "real64", Double.class),
    /** Boolean (code 11). */
    BOOLEAN(11, "boolean", Boolean.class),
    /** String (code 8). */
    STRING(8, "string", String.class),
    /** DMTF datetime or interval (code 101), held as {@link CimDateTime}. */
    DATETIME(101, "datetime", CimDateTime.class),
    /** Reference to another object: an object path (code 102), held as its {@code String} text. */
    REFERENCE(102, "ref", String.class),
    /** UTF-16 code unit (code 103), held as {@code Character}. */
    CHAR16(103, "char16", Character.class),
    /** Embedded object (code 13), held as {@link WmiObject}. */
    OBJECT(13, "object", WmiObject.class),

    /** Array of {@link #SINT8}. */
    SINT8_ARRAY(SINT8),
    /** Array of {@link #UINT8}. */
    UINT8_ARRAY(UINT8),
    /** Array of {@link #SINT16}. */
    SINT16_ARRAY(SINT16),
    /** Array of {@link #UINT16}. */
    UINT16_ARRAY(UINT16),
    /** Array of {@link #SINT32}. */
    SINT32_ARRAY(SINT32),
    /** Array of {@link #UINT32}. */
    UINT32_ARRAY(UINT32),
    /** Array of {@link #SINT64}. */
    SINT64_ARRAY(SINT64),
    /** Array of {@link #UINT64}. */
    UINT64_ARRAY(UINT64),
    /** Array of {@link #REAL32}. */
    REAL32_ARRAY(REAL32),
    /** Array of {@link #REAL64}. */
    REAL64_ARRAY(REAL64),
    /** Array of {@link #BOOLEAN}. */
    BOOLEAN_ARRAY(BOOLEAN),
    /** Array of {@link #STRING}. */
    STRING_ARRAY(STRING),
    /** Array of {@link #DATETIME}. */
    DATETIME_ARRAY(DATETIME),
    /** Array of {@link #REFERENCE}. */
    REFERENCE_ARRAY(REFERENCE),
    /** Array of {@link #CHAR16}. */
    CHAR16_ARRAY(CHAR16),
    /** Array of {@link #OBJECT}. */
    OBJECT_ARRAY(OBJECT);

    /** MS-WMIO 2.2.6: the flag that turns an element type code into its array type code. */
    public static final int ARRAY_FLAG = 0x2000;

    /**
     * MS-WMIO 2.2.6: the CimType field of a property also carries this flag when the property is
     * inherited from a superclass; it is not part of the type itself.
     */
    public static final int INHERITED_FLAG = 0x4000;

    private static final Map<Integer, CimType> BY_CODE =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(CimType::code, Function.identity()));
    private static final Map<String, CimType> SCALAR_BY_MOF_NAME = Stream.of(values())
            .filter(t -> !t.isArray())
            .collect(Collectors.toUnmodifiableMap(CimType::mofName, Function.identity()));

    private final int code;
    private final String mofName;
    private final Class<?> javaType;
    private final CimType element;

    CimType(int code, String mofName, Class<?> javaType) {
        this.code = code;
        this.mofName = mofName;
        this.javaType = javaType;
        this.element = null;
    }

    CimType(CimType element) {
        this.code = element.code | ARRAY_FLAG;
        this.mofName = element.mofName;
        this.javaType = element.javaType;
        this.element = element;
    }

    /** {@return the MS-WMIO numeric code (array types have {@link #ARRAY_FLAG} set)} */
    public int code() {
        return code;
    }

    /** {@return the MOF keyword of the (element) type: {@code sint32}, {@code string}, {@code ref}, {@code object} ...} */
    public String mofName() {
        return mofName;
    }

    /** {@return whether this is an array type} */
    public boolean isArray() {
        return element != null;
    }

    /** {@return the element type of an array type, or this type for a scalar} */
    public CimType elementType() {
        return element == null ? this : element;
    }

    /** {@return the array type whose elements are of this type; an array type returns itself} */
    public CimType arrayType() {
        return isArray() ? this : BY_CODE.get(code | ARRAY_FLAG);
    }

    /** {@return the Java class of a scalar value (of each element, for arrays); see {@link CimValue}} */
    public Class<?> javaType() {
        return javaType;
    }

    /** {@return whether the (element) type is one of the eight integer types} */
    public boolean isInteger() {
        switch (elementType()) {
            case SINT8: case UINT8: case SINT16: case UINT16: case SINT32: case UINT32: case SINT64: case UINT64:
                return true;
            default:
                return false;
        }
    }

    /** {@return whether the (element) type is an unsigned integer type} */
    public boolean isUnsigned() {
        CimType e = elementType();
        return e == UINT8 || e == UINT16 || e == UINT32 || e == UINT64;
    }

    /**
     * Looks up a type by MS-WMIO code. The {@link #INHERITED_FLAG} is ignored.
     *
     * @param code the numeric CimType
     * @return the type, or empty for an unknown code
     */
    public static Optional<CimType> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code & ~INHERITED_FLAG));
    }

    /**
     * Looks up a scalar type by its MOF keyword, case-insensitively ({@code "uint32"}, {@code "String"}).
     *
     * @param mofName the keyword
     * @return the scalar type, or empty when the keyword is not a CIM type (it may be a class name)
     */
    public static Optional<CimType> fromMofName(String mofName) {
        return Optional.ofNullable(SCALAR_BY_MOF_NAME.get(mofName.toLowerCase(Locale.ROOT)));
    }

    /** {@return the MOF spelling, e.g. {@code uint32} or {@code string[]}} */
    @Override
    public String toString() {
        return isArray() ? mofName + "[]" : mofName;
    }
}
