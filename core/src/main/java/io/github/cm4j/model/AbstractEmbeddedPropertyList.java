package io.github.cm4j.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * {@code SMS_EmbeddedPropertyList}: a named list of strings of a site control item, for example the
 * {@code Products} a software update point synchronizes. Generated as {@link EmbeddedPropertyList}.
 *
 * <p>Immutable and thread-safe: {@code EmbeddedPropertyList.builder()} builds one, the {@code with...}
 * methods return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_EmbeddedPropertyList")
abstract class AbstractEmbeddedPropertyList implements WmiModel {
    /** {@return the list token item ({@code ItemType}, key; set by the provider)} */
    @WmiPropertyName(value = "ItemType", key = true)
    @Value.Default
    public String itemType() {
        return "";
    }

    /** {@return the name, case-sensitive ({@code PropertyListName})} */
    @WmiPropertyName("PropertyListName")
    public abstract String propertyListName();

    /** {@return the values ({@code Values})} */
    @WmiPropertyName("Values")
    public abstract List<String> values();

    /**
     * Creates a property list.
     *
     * @param name the list name
     * @param values the values
     * @return the list
     */
    public static EmbeddedPropertyList of(String name, List<String> values) {
        return EmbeddedPropertyList.builder().propertyListName(name).values(values).build();
    }

    /** {@return {@code Products=[a, b]}} */
    @Override
    public String toString() {
        return propertyListName() + "=" + values();
    }
}
