package io.github.cm4j.cim;

import io.github.cm4j.MappingException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The definition of a property of a WMI class: name, CIM type, qualifiers, default value and the class
 * that declared it. Immutable and thread-safe.
 *
 * @param name the property name
 * @param type the CIM type
 * @param refClassName for {@code ref} and {@code object} types, the referenced or embedded class, or
 *                     {@code null} when untyped ({@code object} with no class); always null for other types
 * @param qualifiers the qualifiers in declaration order (unmodifiable)
 * @param defaultValue the class default value, or {@code null} for NULL
 * @param originClass the class that declared the property ({@code __CLASS} of the declaring class), or
 *                    {@code null} while the definition is not yet part of a class
 */
public record PropertyDefinition(String name, CimType type, String refClassName, List<Qualifier> qualifiers,
                                 CimValue defaultValue, String originClass) implements Qualified {

    /**
     * Creates a property definition; the qualifier list is copied.
     *
     * @param name the property name, a valid WMI identifier
     * @param type the CIM type
     * @param refClassName for {@code ref} and {@code object} types the referenced or embedded class, or null
     * @param qualifiers the qualifiers in declaration order
     * @param defaultValue the class default value, or {@code null} for NULL
     * @param originClass the class that declared the property, or {@code null}
     * @throws IllegalArgumentException if a name is not a valid WMI name, or a class name is given for a type
     *     other than {@code ref} or {@code object}
     * @throws NullPointerException if {@code type}, the list or an element is null
     * @throws io.github.cm4j.MappingException if the default value is not of {@code type}
     */
    public PropertyDefinition {
        WmiNames.require(name, "property");
        Objects.requireNonNull(type, "type");
        CimType element = type.elementType();
        if (refClassName != null) {
            if (element != CimType.REFERENCE && element != CimType.OBJECT) {
                throw new IllegalArgumentException("property " + name + " of type " + type + " cannot name a class");
            }
            WmiNames.require(refClassName, "class");
        }
        qualifiers = List.copyOf(qualifiers);
        if (defaultValue != null && defaultValue.type() != type) {
            throw new MappingException("default value " + defaultValue + " of property " + name
                    + " is " + defaultValue.type() + ", not " + type);
        }
    }

    /**
     * Creates a definition of a property without referenced class, default value or origin: the common case
     * when declaring classes in code.
     *
     * @param name the property name
     * @param type the CIM type
     * @param qualifiers the qualifiers
     * @return a definition without referenced class, default or origin
     * @throws IllegalArgumentException if {@code name} is not a valid WMI name
     */
    public static PropertyDefinition of(String name, CimType type, Qualifier... qualifiers) {
        return new PropertyDefinition(name, type, null, List.of(qualifiers), null, null);
    }

    /** {@return the referenced (ref) or embedded (object) class name, when typed} */
    public Optional<String> referencedClass() {
        return Optional.ofNullable(refClassName);
    }

    /** {@return whether the property is a key ({@code key} qualifier)} */
    public boolean isKey() {
        return hasFlag("key");
    }

    /** {@return whether the property is lazy: NULL in query results, loaded by a GetObject ({@code lazy} qualifier)} */
    public boolean isLazy() {
        return hasFlag("lazy");
    }

    /** {@return whether the property must not be NULL ({@code not_null} qualifier)} */
    public boolean isNotNull() {
        return hasFlag("not_null");
    }

    /** {@return the {@code SizeLimit} qualifier value (maximum string length), when present and numeric} */
    public OptionalInt sizeLimit() {
        Optional<Qualifier> q = qualifier("SizeLimit");
        if (q.isEmpty()) {
            return OptionalInt.empty();
        }
        CimValue v = q.get().value();
        try {
            return OptionalInt.of(v.type().isInteger() ? v.asInt() : Integer.parseInt(v.asString().trim()));
        } catch (RuntimeException notANumber) {
            return OptionalInt.empty();
        }
    }

    /**
     * The type as WMI's {@code CIMTYPE} qualifier spells it: {@code string}, {@code uint32},
     * {@code ref:SMS_Site}, {@code object:SMS_EmbeddedProperty}, {@code object} (arrays have no suffix).
     *
     * @return the CIMTYPE text
     */
    public String cimTypeName() {
        return cimTypeName(type, refClassName);
    }

    static String cimTypeName(CimType type, String refClassName) {
        String base = type.mofName();
        return refClassName == null ? base : base + ":" + refClassName;
    }

    /**
     * Returns a copy declared by another class.
     *
     * @param origin the declaring class
     * @return this definition with its origin class set
     */
    public PropertyDefinition withOrigin(String origin) {
        return new PropertyDefinition(name, type, refClassName, qualifiers, defaultValue, origin);
    }

    /**
     * Returns a copy with another default value.
     *
     * @param value the new default, or null for NULL
     * @return this definition with another default value
     * @throws io.github.cm4j.MappingException if the value is not of this property's type
     */
    public PropertyDefinition withDefault(CimValue value) {
        return new PropertyDefinition(name, type, refClassName, qualifiers, value, originClass);
    }
}
