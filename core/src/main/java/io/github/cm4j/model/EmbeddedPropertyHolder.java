package io.github.cm4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A site control item with embedded properties ({@code Props}) and property lists ({@code PropLists}):
 * lookups by name and copies with one property changed. Names are case-sensitive, as in ConfigMgr.
 *
 * <pre>{@code
 * component.property("Sync Now").map(EmbeddedProperty::value);     // Optional<Integer>
 * SciComponent changed = component.withProperty("Sync Now", 1);    // a new value; component is unchanged
 * }</pre>
 *
 * <p>Implemented by immutable models: the {@code with...} methods return changed copies; thread-safe.
 *
 * @param <T> the model type
 */
public interface EmbeddedPropertyHolder<T extends EmbeddedPropertyHolder<T>> {
    /** {@return the embedded properties ({@code Props})} */
    List<EmbeddedProperty> props();

    /** {@return the embedded property lists ({@code PropLists})} */
    List<EmbeddedPropertyList> propLists();

    /**
     * {@return a copy with these properties}
     *
     * @param props the new properties
     */
    T withProps(Iterable<? extends EmbeddedProperty> props);

    /**
     * {@return a copy with these property lists}
     *
     * @param propLists the new property lists
     */
    T withPropLists(Iterable<? extends EmbeddedPropertyList> propLists);

    /**
     * {@return the property, if present}
     *
     * @param name a property name, case-sensitive, e.g. {@code Sync Now}
     */
    default Optional<EmbeddedProperty> property(String name) {
        return props().stream().filter(p -> p.propertyName().equals(name)).findFirst();
    }

    /** {@return the names of the embedded properties, in order} */
    default List<String> propertyNames() {
        return props().stream().map(EmbeddedProperty::propertyName).toList();
    }

    /**
     * {@return the list, if present}
     *
     * @param name a property list name, case-sensitive, e.g. {@code Products}
     */
    default Optional<EmbeddedPropertyList> propertyList(String name) {
        return propLists().stream().filter(p -> p.propertyListName().equals(name)).findFirst();
    }

    /**
     * {@return the changed copy}
     *
     * @param property the property; replaces the one of the same name in place, or is added at the end
     */
    default T withProperty(EmbeddedProperty property) {
        List<EmbeddedProperty> list = new ArrayList<>(props());
        boolean replaced = false;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).propertyName().equals(property.propertyName())) {
                list.set(i, property);
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            list.add(property);
        }
        return withProps(list);
    }

    /**
     * {@return the changed copy}
     *
     * @param name the property name
     * @param value the numeric value; an existing property keeps its strings and token item
     */
    default T withProperty(String name, int value) {
        return withProperty(property(name).map(p -> p.withValue(value)).orElseGet(() -> EmbeddedProperty.of(name, value)));
    }

    /**
     * {@return the changed copy}
     *
     * @param name the property name
     * @param value the numeric value
     * @param value1 the first string value
     * @param value2 the second string value
     */
    default T withProperty(String name, int value, String value1, String value2) {
        return withProperty(property(name).map(p -> p.withValue(value).withValue1(value1).withValue2(value2))
                .orElseGet(() -> EmbeddedProperty.of(name, value, value1, value2)));
    }

    /**
     * {@return a copy without that property (this value when there is none)}
     *
     * @param name a property name
     */
    @SuppressWarnings("unchecked")
    default T withoutProperty(String name) {
        if (property(name).isEmpty()) {
            return (T) this;
        }
        return withProps(props().stream().filter(p -> !p.propertyName().equals(name)).toList());
    }

    /**
     * {@return the changed copy}
     *
     * @param list the property list; replaces the one of the same name in place, or is added at the end
     */
    default T withPropertyList(EmbeddedPropertyList list) {
        List<EmbeddedPropertyList> lists = new ArrayList<>(propLists());
        boolean replaced = false;
        for (int i = 0; i < lists.size(); i++) {
            if (lists.get(i).propertyListName().equals(list.propertyListName())) {
                lists.set(i, list);
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            lists.add(list);
        }
        return withPropLists(lists);
    }

    /**
     * {@return the changed copy}
     *
     * @param name the list name
     * @param values the values; an existing list keeps its token item
     */
    default T withPropertyList(String name, List<String> values) {
        return withPropertyList(propertyList(name).map(l -> l.withValues(values))
                .orElseGet(() -> EmbeddedPropertyList.of(name, values)));
    }

    /**
     * {@return a copy without that list (this value when there is none)}
     *
     * @param name a list name
     */
    @SuppressWarnings("unchecked")
    default T withoutPropertyList(String name) {
        if (propertyList(name).isEmpty()) {
            return (T) this;
        }
        return withPropLists(propLists().stream().filter(p -> !p.propertyListName().equals(name)).toList());
    }
}
