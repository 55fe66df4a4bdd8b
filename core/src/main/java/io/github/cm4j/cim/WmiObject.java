package io.github.cm4j.cim;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.mof.MofPrinter;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An untyped WMI instance: its class (the shape: property names, CIM types, qualifiers) and a value per
 * property. This is what transports exchange; typed models are bound from it.
 *
 * <p>Each property is in one of three states, as on the wire (MS-WMIO 2.2.28, NdTable):
 * <ul>
 *   <li>a value ({@link #get(String)} present);</li>
 *   <li>NULL ({@link #get(String)} empty, {@link #isDefault(String)} false);</li>
 *   <li>default: the instance takes the class default ({@link #isDefault(String)} true; {@link #get(String)}
 *       gives the class default, which may be NULL).</li>
 * </ul>
 * Instances are immutable and thread-safe; {@code with...} methods return changed copies. Property names
 * are case-insensitive. Properties the class does not define can be added with {@link #with(PropertyDefinition, CimValue)}
 * so values from a newer provider are kept, never dropped.
 *
 * <p>Class objects are represented by {@link WmiClass}; a {@code WmiObject} is always an instance.
 */
public final class WmiObject {
    private final WmiClass wmiClass;
    private final CimValue[] values;
    private final BitSet defaulted;
    private final String server;
    private final String namespace;

    private WmiObject(WmiClass wmiClass, CimValue[] values, BitSet defaulted, String server, String namespace) {
        this.wmiClass = wmiClass;
        this.values = values;
        this.defaulted = defaulted;
        this.server = server;
        this.namespace = namespace;
    }

    /**
     * Starts an instance of a class with every property taking the class default (WMI SpawnInstance).
     *
     * @param wmiClass the class
     * @return a builder
     */
    public static Builder builder(WmiClass wmiClass) {
        return new Builder(wmiClass, true);
    }

    /**
     * Starts an instance of a class known only by name; each {@link Builder#set(String, CimValue)} also
     * defines the property with the value's CIM type.
     *
     * @param className the class name
     * @return a builder
     */
    public static Builder builder(String className) {
        return new Builder(WmiClass.builder(className).build(), false);
    }

    /** {@return the class of this instance (its shape)} */
    public WmiClass wmiClass() {
        return wmiClass;
    }

    /** {@return the class name ({@code __CLASS})} */
    public String className() {
        return wmiClass.name();
    }

    /** {@return the server this object came from ({@code __SERVER}), if known} */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /** {@return the namespace this object came from ({@code __NAMESPACE}), if known} */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    /** {@return the property names, in class order} */
    public List<String> propertyNames() {
        return wmiClass.properties().stream().map(PropertyDefinition::name).toList();
    }

    /**
     * {@return whether the class has that property}
     *
     * @param name a property name, any case
     */
    public boolean has(String name) {
        return wmiClass.indexOf(name) >= 0;
    }

    /**
     * {@return the value, or empty when it is NULL (for a defaulted property: the class default)}
     *
     * @param name a property name, any case
     * @throws IllegalArgumentException when the class has no such property
     */
    public Optional<CimValue> get(String name) {
        return Optional.ofNullable(values[require(name)]);
    }

    /**
     * {@return the value there, or null for NULL}
     *
     * @param index a position in {@link WmiClass#properties()}
     */
    public CimValue valueAt(int index) {
        return values[index];
    }

    /**
     * {@return whether the value is NULL}
     *
     * @param name a property name, any case
     * @throws IllegalArgumentException when the class has no such property
     */
    public boolean isNull(String name) {
        return values[require(name)] == null;
    }

    /**
     * {@return whether the property takes the class default rather than a value of its own}
     *
     * @param name a property name, any case
     * @throws IllegalArgumentException when the class has no such property
     */
    public boolean isDefault(String name) {
        return isDefaultAt(require(name));
    }

    /**
     * {@return whether the property there takes the class default}
     *
     * @param index a position in {@link WmiClass#properties()}
     */
    public boolean isDefaultAt(int index) {
        return defaulted != null && defaulted.get(index);
    }

    /**
     * {@return the string value, or null for NULL}
     *
     * @param name a property name
     * @throws MappingException when the property is not a string
     */
    public String getString(String name) {
        CimValue v = values[require(name)];
        return v == null ? null : v.asString();
    }

    /**
     * {@return the integer value, or null for NULL}
     *
     * @param name a property name
     * @throws MappingException when the property is not an integer or does not fit a long
     */
    public Long getLong(String name) {
        CimValue v = values[require(name)];
        return v == null ? null : v.asLong();
    }

    /**
     * {@return the boolean value, or null for NULL}
     *
     * @param name a property name
     * @throws MappingException when the property is not a boolean
     */
    public Boolean getBoolean(String name) {
        CimValue v = values[require(name)];
        return v == null ? null : v.asBoolean();
    }

    /**
     * Sets a property, converting a Java value to the property's CIM type (see {@link CimValue#of}).
     *
     * @param name a property the class defines
     * @param javaValue the value, or null for NULL
     * @return the changed copy
     * @throws IllegalArgumentException when the class has no such property
     * @throws MappingException when the value does not fit the property type
     */
    public WmiObject with(String name, Object javaValue) {
        int i = require(name);
        CimValue v = javaValue == null ? null : CimValue.of(wmiClass.properties().get(i).type(), javaValue);
        CimValue[] copy = values.clone();
        copy[i] = v;
        BitSet d = defaulted == null ? null : (BitSet) defaulted.clone();
        if (d != null) {
            d.clear(i);
        }
        return new WmiObject(wmiClass, copy, d, server, namespace);
    }

    /**
     * Adds a property the class does not define (for example one a newer provider returned), or sets
     * it when it exists with the same type.
     *
     * @param definition the property definition
     * @param value its value, or null for NULL
     * @return the changed copy
     */
    public WmiObject with(PropertyDefinition definition, CimValue value) {
        if (has(definition.name())) {
            return with(definition.name(), value);
        }
        WmiClass extended = wmiClass.toBuilder().property(definition).build();
        CimValue[] copy = Arrays.copyOf(values, values.length + 1);
        copy[values.length] = checked(definition, value);
        return new WmiObject(extended, copy, defaulted, server, namespace);
    }

    /**
     * {@return a copy with that decoration}
     *
     * @param server the server ({@code __SERVER}), or null
     * @param namespace the namespace ({@code __NAMESPACE}), or null
     */
    public WmiObject withDecoration(String server, String namespace) {
        return new WmiObject(wmiClass, values, defaulted, server, namespace);
    }

    /**
     * The relative path of this instance ({@code __RELPATH}) from its key properties, keys in class order.
     *
     * @return the path; a singleton class gives {@code Class=@}
     * @throws MappingException when a key is NULL or the class defines no key
     */
    public ObjectPath path() {
        if (wmiClass.isSingleton()) {
            return ObjectPath.singleton(className());
        }
        List<PropertyDefinition> keys = wmiClass.keys();
        if (keys.isEmpty()) {
            throw new MappingException("class " + className() + " defines no key property; the instance has no path");
        }
        Map<String, Object> keyValues = new LinkedHashMap<>();
        for (PropertyDefinition k : keys) {
            CimValue v = values[wmiClass.indexOf(k.name())];
            if (v == null) {
                throw new MappingException("key " + className() + "." + k.name() + " is NULL; the instance has no path");
            }
            keyValues.put(k.name(), v.type().isInteger() ? v.asBigInteger() : v.value() instanceof Boolean ? v.value() : v.asString());
        }
        return ObjectPath.of(className(), keyValues);
    }

    /** {@return the instance as MOF ({@code instance of Class { Prop = value; ... };}), NULL properties left out} */
    public String toMof() {
        return MofPrinter.print(this);
    }

    /** {@return a one-line summary: class, then keys and the other non-NULL values, long strings shortened} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(className()).append('{');
        List<PropertyDefinition> props = wmiClass.properties();
        boolean first = true;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < props.size(); i++) {
                if (values[i] == null || props.get(i).isKey() != (pass == 0)) {
                    continue;
                }
                if (sb.length() > 400) {
                    return sb.append(", ...}").toString();
                }
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                String text = values[i].toMof();
                sb.append(props.get(i).name()).append('=').append(text.length() > 60 ? text.substring(0, 57) + "..." : text);
            }
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WmiObject)) {
            return false;
        }
        WmiObject w = (WmiObject) o;
        return wmiClass.name().equalsIgnoreCase(w.wmiClass.name()) && asMap().equals(w.asMap())
                && Objects.equals(defaulted == null || defaulted.isEmpty() ? null : defaulted,
                        w.defaulted == null || w.defaulted.isEmpty() ? null : w.defaulted);
    }

    @Override
    public int hashCode() {
        return wmiClass.name().toLowerCase(java.util.Locale.ROOT).hashCode() * 31 + Arrays.hashCode(values);
    }

    /** {@return the non-NULL values by property name, in class order (a snapshot)} */
    public Map<String, CimValue> asMap() {
        Map<String, CimValue> map = new LinkedHashMap<>();
        List<PropertyDefinition> props = wmiClass.properties();
        for (int i = 0; i < props.size(); i++) {
            if (values[i] != null) {
                map.put(props.get(i).name(), values[i]);
            }
        }
        return map;
    }

    private int require(String name) {
        int i = wmiClass.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("class " + className() + " has no property " + name + "; it has "
                    + wmiClass.properties().stream().map(PropertyDefinition::name).collect(Collectors.joining(", ")));
        }
        return i;
    }

    private static CimValue checked(PropertyDefinition p, CimValue v) {
        if (v != null && v.type() != p.type()) {
            throw new MappingException("property " + p.name() + " is " + p.type() + " but the value is " + v.type() + " " + v);
        }
        return v;
    }

    /** Builds a {@link WmiObject}. Not thread-safe. */
    public static final class Builder {
        private WmiClass wmiClass;
        private final boolean fixedClass;
        private CimValue[] values;
        private BitSet defaulted;
        private String server;
        private String namespace;

        private Builder(WmiClass wmiClass, boolean fixedClass) {
            this.wmiClass = wmiClass;
            this.fixedClass = fixedClass;
            List<PropertyDefinition> props = wmiClass.properties();
            this.values = new CimValue[props.size()];
            this.defaulted = new BitSet(props.size());
            for (int i = 0; i < props.size(); i++) {
                values[i] = props.get(i).defaultValue();
                defaulted.set(i);
            }
        }

        /**
         * Sets a property. For a builder started from a class name, an unknown property is defined with
         * the value's type; for one started from a {@link WmiClass} it is an error.
         *
         * @param name the property name
         * @param value the value, not null (use {@link #setNull(String, CimType)} for NULL)
         * @return this builder
         */
        public Builder set(String name, CimValue value) {
            Objects.requireNonNull(value, "value (use setNull for NULL)");
            int i = indexFor(name, value.type());
            values[i] = checked(wmiClass.properties().get(i), value);
            defaulted.clear(i);
            return this;
        }

        /**
         * Sets the property at a position of the class's properties, without looking its name up (for
         * decoders, which walk the properties in order).
         *
         * @param index a position in {@link WmiClass#properties()}
         * @param value the value, or null for NULL
         * @return this builder
         * @throws IndexOutOfBoundsException when the class has no property at {@code index}
         * @throws MappingException when the value's type is not the property's
         */
        public Builder setAt(int index, CimValue value) {
            Objects.checkIndex(index, values.length);
            values[index] = checked(wmiClass.properties().get(index), value);
            defaulted.clear(index);
            return this;
        }

        /**
         * Sets a property from a Java value converted to the property's declared type.
         *
         * @param name a property of the class
         * @param javaValue the value, or null for NULL
         * @return this builder
         */
        public Builder set(String name, Object javaValue) {
            if (javaValue instanceof CimValue) {
                return set(name, (CimValue) javaValue);
            }
            int i = wmiClass.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("class " + wmiClass.name() + " has no property " + name
                        + "; pass a CimValue to define it");
            }
            values[i] = javaValue == null ? null : CimValue.of(wmiClass.properties().get(i).type(), javaValue);
            defaulted.clear(i);
            return this;
        }

        /**
         * Sets a property to NULL (defining it with the given type when the class lacks it and the builder
         * was started from a class name).
         *
         * @param name the property name
         * @param type its CIM type
         * @return this builder
         */
        public Builder setNull(String name, CimType type) {
            int i = indexFor(name, type);
            values[i] = null;
            defaulted.clear(i);
            return this;
        }

        /**
         * Marks a property as taking the class default (MS-WMIO NdTable "default" bit).
         *
         * @param name a property of the class
         * @return this builder
         */
        public Builder setDefault(String name) {
            int i = wmiClass.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("class " + wmiClass.name() + " has no property " + name);
            }
            values[i] = wmiClass.properties().get(i).defaultValue();
            defaulted.set(i);
            return this;
        }

        /**
         * Sets where the object came from, as a transport decoding it from the wire knows it.
         *
         * @param server {@code __SERVER}, or null when unknown
         * @param namespace {@code __NAMESPACE}, or null when unknown
         * @return this builder
         */
        public Builder decoration(String server, String namespace) {
            this.server = server;
            this.namespace = namespace;
            return this;
        }

        private int indexFor(String name, CimType type) {
            int i = wmiClass.indexOf(name);
            if (i >= 0) {
                return i;
            }
            if (fixedClass) {
                throw new IllegalArgumentException("class " + wmiClass.name() + " has no property " + name);
            }
            wmiClass = wmiClass.toBuilder().property(new PropertyDefinition(name, type, null, List.of(), null,
                    wmiClass.name())).build();
            values = Arrays.copyOf(values, values.length + 1);
            return values.length - 1;
        }

        /**
         * Builds the object; the builder may be used further.
         *
         * @return the instance
         */
        public WmiObject build() {
            BitSet d = defaulted.isEmpty() ? null : (BitSet) defaulted.clone();
            return new WmiObject(wmiClass, values.clone(), d, server, namespace);
        }
    }
}
