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
    /** @return the embedded properties ({@code Props}) */
    List<EmbeddedProperty> props();

    /** @return the embedded property lists ({@code PropLists}) */
    List<EmbeddedPropertyList> propLists();

    /**
     * @param props the new properties
     * @return a copy with these properties
     */
    T withProps(Iterable<? extends EmbeddedProperty> props);

    /**
     * @param propLists the new property lists
     * @return a copy with these property lists
     */
    T withPropLists(Iterable<? extends EmbeddedPropertyList> propLists);

    /**
     * @param name a property name, case-sensitive, e.g. {@code Sync Now}
     * @return the property, if present
     */
    default Optional<EmbeddedProperty> property(String name) {
        return props().stream().filter(p -> p.propertyName().equals(name)).findFirst();
    }

    /** @return the names of the embedded properties, in order */
    default List<String> propertyNames() {
        return props().stream().map(EmbeddedProperty::propertyName).toList();
    }

    /**
     * @param name a property list name, case-sensitive, e.g. {@code Products}
     * @return the list, if present
     */
    default Optional<EmbeddedPropertyList> propertyList(String name) {
        return propLists().stream().filter(p -> p.propertyListName().equals(name)).findFirst();
    }

    /**
     * @param property the property; replaces the one of the same name in place, or is added at the end
     * @return the changed copy
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
     * @param name the property name
     * @param value the numeric value; an existing property keeps its strings and token item
     * @return the changed copy
     */
    default T withProperty(String name, int value) {
        return withProperty(property(name).map(p -> p.withValue(value)).orElseGet(() -> EmbeddedProperty.of(name, value)));
    }

    /**
     * @param name the property name
     * @param value the numeric value
     * @param value1 the first string value
     * @param value2 the second string value
     * @return the changed copy
     */
    default T withProperty(String name, int value, String value1, String value2) {
        return withProperty(property(name).map(p -> p.withValue(value).withValue1(value1).withValue2(value2))
                .orElseGet(() -> EmbeddedProperty.of(name, value, value1, value2)));
    }

    /**
     * @param name a property name
     * @return a copy without that property (this value when there is none)
     */
    @SuppressWarnings("unchecked")
    default T withoutProperty(String name) {
        if (property(name).isEmpty()) {
            return (T) this;
        }
        return withProps(props().stream().filter(p -> !p.propertyName().equals(name)).toList());
    }

    /**
     * @param list the property list; replaces the one of the same name in place, or is added at the end
     * @return the changed copy
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
     * @param name the list name
     * @param values the values; an existing list keeps its token item
     * @return the changed copy
     */
    default T withPropertyList(String name, List<String> values) {
        return withPropertyList(propertyList(name).map(l -> l.withValues(values))
                .orElseGet(() -> EmbeddedPropertyList.of(name, values)));
    }

    /**
     * @param name a list name
     * @return a copy without that list (this value when there is none)
     */
    @SuppressWarnings("unchecked")
    default T withoutPropertyList(String name) {
        if (propertyList(name).isEmpty()) {
            return (T) this;
        }
        return withPropLists(propLists().stream().filter(p -> !p.propertyListName().equals(name)).toList());
    }
}
