package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_EmbeddedProperty}: one named setting of a site control item: a number ({@code Value}) and two
 * strings ({@code Value1}, {@code Value2}), used as the setting needs. Generated as {@link EmbeddedProperty}.
 *
 * <pre>{@code
 * EmbeddedProperty.of("Sync Now", 1)
 * }</pre>
 *
 * <p>Immutable and thread-safe: {@code EmbeddedProperty.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_EmbeddedProperty")
abstract class AbstractEmbeddedProperty implements WmiModel {
    /** {@return the property token item ({@code ItemType}, key; set by the provider)} */
    @WmiPropertyName(value = "ItemType", key = true)
    @Value.Default
    public String itemType() {
        return "";
    }

    /** {@return the name, case-sensitive, e.g. {@code Sync Now} ({@code PropertyName})} */
    @WmiPropertyName("PropertyName")
    public abstract String propertyName();

    /** {@return the numeric value, the uint32 bit pattern ({@code Value})} */
    @WmiPropertyName("Value")
    @Value.Default
    public int value() {
        return 0;
    }

    /** {@return the first string value (or a registry type such as {@code REG_SZ}) ({@code Value1})} */
    @WmiPropertyName("Value1")
    @Value.Default
    public String value1() {
        return "";
    }

    /** {@return the second string value ({@code Value2})} */
    @WmiPropertyName("Value2")
    @Value.Default
    public String value2() {
        return "";
    }

    /**
     * Creates an embedded property with a number only, the common case ({@code Sync Now}).
     *
     * @param name the property name
     * @param value the numeric value
     * @return a property with empty strings
     */
    public static EmbeddedProperty of(String name, int value) {
        return EmbeddedProperty.builder().propertyName(name).value(value).build();
    }

    /**
     * Creates an embedded property with a number and both strings.
     *
     * @param name the property name
     * @param value the numeric value
     * @param value1 the first string value
     * @param value2 the second string value
     * @return the property
     */
    public static EmbeddedProperty of(String name, int value, String value1, String value2) {
        return EmbeddedProperty.builder().propertyName(name).value(value).value1(value1).value2(value2).build();
    }

    /** {@return {@code Sync Now=1} or {@code Name=0 "value1" "value2"}: the strings only when set} */
    @Override
    public String toString() {
        return propertyName() + "=" + Integer.toUnsignedString(value())
                + (value1().isEmpty() && value2().isEmpty() ? "" : " \"" + value1() + "\" \"" + value2() + "\"");
    }
}
