package io.github.cm4j.cim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The named values sent with a WMI call (an {@code IWbemContext}, MS-WMI 2.2.13), such as the site
 * control file {@code SessionHandle} or {@code LocaleID}. Ordered as added; names are case-insensitive;
 * immutable and thread-safe.
 */
public final class WmiContext {
    /** The context value name the SMS Provider reads the site control file session handle from. */
    public static final String SESSION_HANDLE = "SessionHandle";

    private static final WmiContext EMPTY = new WmiContext(List.of());

    /**
     * One named value. Immutable.
     *
     * @param name the value name
     * @param value the value
     */
    public record Entry(String name, CimValue value) {
        /**
         * Creates an entry.
         *
         * @param name the value name, not empty
         * @param value the value; not of an {@code object} or {@code ref} type
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code name} is empty or the value's type cannot travel in a context
         */
        public Entry {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a context value name cannot be empty");
            }
            Objects.requireNonNull(value, "value");
            if (value.type().elementType() == CimType.OBJECT || value.type().elementType() == CimType.REFERENCE) {
                // IWbemContext values are VARIANTs; cm4j carries only the automation types the provider reads.
                throw new IllegalArgumentException("context value " + name + " cannot be of type " + value.type());
            }
        }
    }

    private final List<Entry> entries;

    private WmiContext(List<Entry> entries) {
        this.entries = entries;
    }

    /** {@return the empty context} */
    public static WmiContext empty() {
        return EMPTY;
    }

    /**
     * Returns a copy with a value added, or replaced in place when one of the same name exists.
     *
     * @param name a value name
     * @param value its value
     * @return a copy with the value added, replacing one of the same name in place
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is empty or the value's type cannot travel in a context
     */
    public WmiContext with(String name, CimValue value) {
        Entry entry = new Entry(name, value);
        List<Entry> copy = new ArrayList<>(entries);
        boolean replaced = false;
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).name().equalsIgnoreCase(name)) {
                copy.set(i, entry);
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            copy.add(entry);
        }
        return new WmiContext(Collections.unmodifiableList(copy));
    }

    /**
     * Returns a copy with a string value added, or replaced in place when one of the same name exists.
     *
     * @param name a value name
     * @param value a string value
     * @return a copy with the string value added
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public WmiContext with(String name, String value) {
        return with(name, CimValue.string(value));
    }

    /**
     * Returns a copy without the value of a name (any case).
     *
     * @param name a value name
     * @return a copy without that value
     */
    public WmiContext without(String name) {
        List<Entry> copy = new ArrayList<>(entries);
        copy.removeIf(e -> e.name().equalsIgnoreCase(name));
        return copy.isEmpty() ? EMPTY : new WmiContext(Collections.unmodifiableList(copy));
    }

    /**
     * Looks a value up by name.
     *
     * @param name a value name, any case
     * @return the value, if present
     */
    public Optional<CimValue> get(String name) {
        for (Entry e : entries) {
            if (e.name().equalsIgnoreCase(name)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** {@return the site control file session handle, if the context carries one} */
    public Optional<String> sessionHandle() {
        return get(SESSION_HANDLE).map(CimValue::asString);
    }

    /** {@return the values in order} */
    public List<Entry> entries() {
        return entries;
    }

    /** {@return whether there are no values} */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WmiContext && ((WmiContext) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** {@return {@code WmiContext{SessionHandle="...", LocaleID=1033}}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WmiContext{");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(entries.get(i).name()).append('=').append(entries.get(i).value());
        }
        return sb.append('}').toString();
    }
}
