package io.github.cm4j.cim;

import io.github.cm4j.cim.mof.MofPrinter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The definition of a WMI class: name, superclass chain, qualifiers, properties (inherited ones included,
 * in WMI order: superclass properties first) and methods. Immutable and thread-safe; lookups by name are
 * case-insensitive, as in WMI.
 *
 * <p>A class is built with {@link #builder(String)} from its own declarations (as a MOF file declares it)
 * and then {@link #resolve(WmiClass) resolved} against its superclass, which adds the inherited
 * properties, methods and propagating qualifiers. The class also serves as the shape of its instances
 * ({@link WmiObject}).
 */
public final class WmiClass implements Qualified {
    private final String name;
    private final String superclassName;
    private final List<String> derivation;
    private final List<Qualifier> qualifiers;
    private final List<PropertyDefinition> properties;
    private final List<MethodDefinition> methods;
    private final Map<String, Integer> propertyIndex;

    private WmiClass(Builder b) {
        this.name = b.name;
        this.superclassName = b.superclassName;
        this.derivation = List.copyOf(b.derivation);
        this.qualifiers = List.copyOf(b.qualifiers);
        this.properties = List.copyOf(b.properties.values());
        this.methods = List.copyOf(b.methods.values());
        Map<String, Integer> index = new HashMap<>(properties.size() * 2);
        for (int i = 0; i < properties.size(); i++) {
            index.put(lower(properties.get(i).name()), i);
        }
        this.propertyIndex = Collections.unmodifiableMap(index);
    }

    /**
     * {@return a builder for a class of that name}
     *
     * @param name the class name
     * @throws IllegalArgumentException when the name is not a valid WMI class name
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return a builder holding this class's definitions, to derive a changed class} */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.superclassName = superclassName;
        b.derivation.addAll(derivation);
        b.qualifiers.addAll(qualifiers);
        properties.forEach(b::property);
        methods.forEach(b::method);
        return b;
    }

    /** {@return the class name ({@code __CLASS})} */
    public String name() {
        return name;
    }

    /** {@return the direct superclass ({@code __SUPERCLASS}), if any} */
    public Optional<String> superclassName() {
        return Optional.ofNullable(superclassName);
    }

    /**
     * {@return the superclass chain, direct superclass first ({@code __DERIVATION}); empty for a root class; known
     * completely once the class is resolved}
     */
    public List<String> derivation() {
        return derivation;
    }

    @Override
    public List<Qualifier> qualifiers() {
        return qualifiers;
    }

    /** {@return all properties, inherited first, in WMI order} */
    public List<PropertyDefinition> properties() {
        return properties;
    }

    /** {@return the properties this class itself declares (origin is this class)} */
    public List<PropertyDefinition> declaredProperties() {
        return properties.stream().filter(p -> p.originClass().equalsIgnoreCase(name)).toList();
    }

    /**
     * {@return the definition, if the class has that property}
     *
     * @param propertyName a property name, any case
     */
    public Optional<PropertyDefinition> property(String propertyName) {
        Integer i = propertyIndex.get(lower(propertyName));
        return i == null ? Optional.empty() : Optional.of(properties.get(i));
    }

    /**
     * {@return its position in {@link #properties()}, or -1}
     *
     * @param propertyName a property name, any case
     */
    public int indexOf(String propertyName) {
        Integer i = propertyIndex.get(lower(propertyName));
        return i == null ? -1 : i;
    }

    /** {@return the key properties, in property order} */
    public List<PropertyDefinition> keys() {
        return properties.stream().filter(PropertyDefinition::isKey).toList();
    }

    /** {@return the lazy properties: NULL in query results, loaded by a GetObject per instance} */
    public List<PropertyDefinition> lazyProperties() {
        return properties.stream().filter(PropertyDefinition::isLazy).toList();
    }

    /** {@return the methods, inherited first} */
    public List<MethodDefinition> methods() {
        return methods;
    }

    /**
     * {@return the method, if the class has it}
     *
     * @param methodName a method name, any case
     */
    public Optional<MethodDefinition> method(String methodName) {
        return methods.stream().filter(m -> m.name().equalsIgnoreCase(methodName)).findFirst();
    }

    /** {@return whether the class is abstract (no instances)} */
    public boolean isAbstract() {
        return hasFlag("abstract");
    }

    /** {@return whether the class is a singleton (one instance, path {@code Class=@})} */
    public boolean isSingleton() {
        return hasFlag("singleton");
    }

    /**
     * {@return whether this class is that class or derives from it (WQL {@code ISA})}
     *
     * @param className a class name
     */
    public boolean isA(String className) {
        if (name.equalsIgnoreCase(className)) {
            return true;
        }
        for (String s : derivation) {
            if (s.equalsIgnoreCase(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves this class, as declared, against its resolved superclass: the result has the superclass's
     * properties and methods first (with this class's overrides merged in place), then its own, the full
     * derivation, and the superclass qualifiers that propagate to subclasses.
     *
     * @param superclass the resolved direct superclass
     * @return the resolved class
     * @throws IllegalArgumentException when {@code superclass} is not this class's superclass
     */
    public WmiClass resolve(WmiClass superclass) {
        if (superclassName == null || !superclassName.equalsIgnoreCase(superclass.name())) {
            throw new IllegalArgumentException("class " + name + " does not derive from " + superclass.name()
                    + " (its superclass is " + superclassName + ")");
        }
        Builder b = new Builder(name);
        b.superclassName = superclass.name();
        b.derivation.add(superclass.name());
        b.derivation.addAll(superclass.derivation());
        for (Qualifier q : superclass.qualifiers()) {
            if (propagatesToSubclass(q) && qualifier(q.name()).isEmpty()) {
                b.qualifiers.add(q);
            }
        }
        b.qualifiers.addAll(qualifiers);
        for (PropertyDefinition inherited : superclass.properties()) {
            Optional<PropertyDefinition> override = property(inherited.name());
            b.property(override.map(o -> merge(inherited, o)).orElse(inherited));
        }
        for (PropertyDefinition own : properties) {
            if (superclass.property(own.name()).isEmpty()) {
                b.property(own);
            }
        }
        superclass.methods().forEach(b::method);
        methods.forEach(b::method);
        return b.build();
    }

    private static PropertyDefinition merge(PropertyDefinition inherited, PropertyDefinition override) {
        List<Qualifier> merged = new ArrayList<>();
        for (Qualifier q : inherited.qualifiers()) {
            if (propagatesToSubclass(q) && override.qualifier(q.name()).isEmpty()) {
                merged.add(q);
            }
        }
        merged.addAll(override.qualifiers());
        CimValue def = override.defaultValue() != null ? override.defaultValue() : inherited.defaultValue();
        return new PropertyDefinition(inherited.name(), inherited.type(), inherited.refClassName(), merged, def,
                inherited.originClass());
    }

    private static boolean propagatesToSubclass(Qualifier q) {
        // DSP0004: ToSubclass is the default flavor; Restricted stops propagation. The standard qualifier
        // Abstract is declared Restricted (DSP0004 5.6.3.3; WMI "Standard Qualifiers": not inherited by
        // derived classes), so a subclass of an abstract class is concrete unless it says otherwise.
        return !q.flavors().contains(QualifierFlavor.RESTRICTED) && !q.is("Abstract");
    }

    /** {@return the class as MOF text ({@code class Name : Super { ... };})} */
    public String toMof() {
        return MofPrinter.print(this);
    }

    /** {@return {@code class Name : Super (N properties, M methods)}, short enough for JShell} */
    @Override
    public String toString() {
        return "class " + name + (superclassName == null ? "" : " : " + superclassName)
                + " (" + properties.size() + " properties, " + methods.size() + " methods)";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WmiClass)) {
            return false;
        }
        WmiClass c = (WmiClass) o;
        return name.equals(c.name) && Objects.equals(superclassName, c.superclassName)
                && derivation.equals(c.derivation) && qualifiers.equals(c.qualifiers)
                && properties.equals(c.properties) && methods.equals(c.methods);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, superclassName, properties.size(), methods.size());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Builds a {@link WmiClass}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String superclassName;
        private final List<String> derivation = new ArrayList<>();
        private final List<Qualifier> qualifiers = new ArrayList<>();
        private final LinkedHashMap<String, PropertyDefinition> properties = new LinkedHashMap<>();
        private final LinkedHashMap<String, MethodDefinition> methods = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = WmiNames.require(name, "class");
        }

        /**
         * Sets the direct superclass.
         *
         * @param superclass the direct superclass name, or null for none
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid WMI name
         */
        public Builder superclass(String superclass) {
            this.superclassName = superclass == null ? null : WmiNames.require(superclass, "class");
            return this;
        }

        /**
         * Sets the full superclass chain as decoded from the wire (MS-WMIO derivation list), direct
         * superclass first; sets the superclass to the first entry.
         *
         * @param chain the chain
         * @return this builder
         */
        public Builder derivation(List<String> chain) {
            derivation.clear();
            chain.forEach(c -> derivation.add(WmiNames.require(c, "class")));
            superclassName = chain.isEmpty() ? null : chain.get(0);
            return this;
        }

        /**
         * Adds a class qualifier; one of the same name (any case) is replaced.
         *
         * @param qualifier a class qualifier
         * @return this builder
         */
        public Builder qualifier(Qualifier qualifier) {
            qualifiers.removeIf(q -> q.is(qualifier.name()));
            qualifiers.add(qualifier);
            return this;
        }

        /**
         * Adds a property; a property of the same name (any case) is replaced in place.
         *
         * @param property the definition
         * @return this builder
         */
        public Builder property(PropertyDefinition property) {
            properties.put(lower(property.name()), property);
            return this;
        }

        /**
         * Adds a property without referenced class or default value; a property of the same name (any case) is
         * replaced in place.
         *
         * @param propertyName a property name
         * @param type its CIM type
         * @param qualifiers its qualifiers
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid WMI name
         */
        public Builder property(String propertyName, CimType type, Qualifier... qualifiers) {
            return property(PropertyDefinition.of(propertyName, type, qualifiers));
        }

        /**
         * Adds a method; one of the same name (any case) is replaced in place.
         *
         * @param method the definition
         * @return this builder
         */
        public Builder method(MethodDefinition method) {
            methods.put(lower(method.name()), method);
            return this;
        }

        /** {@return whether a property of that name was added} */
        boolean hasProperty(String propertyName) {
            return properties.containsKey(lower(propertyName));
        }

        /** {@return the class; properties added without an origin class get this class as origin} */
        public WmiClass build() {
            properties.replaceAll((k, p) -> p.originClass() == null ? p.withOrigin(name) : p);
            return new WmiClass(this);
        }
    }
}
