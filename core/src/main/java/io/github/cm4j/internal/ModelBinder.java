package io.github.cm4j.internal;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.Converters.Converter;
import io.github.cm4j.model.Lazy;
import io.github.cm4j.model.LazyWritePolicy;
import io.github.cm4j.model.WmiClassName;
import io.github.cm4j.model.WmiModel;
import io.github.cm4j.model.WmiPropertyName;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.Capability;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one generic binder between untyped {@link WmiObject}s and the typed models of
 * {@code io.github.cm4j.model}, both ways.
 *
 * <p>Built once per model type (cached): it finds the accessors annotated with {@link WmiPropertyName},
 * picks a converter per property from its Java type, and creates lambdas (LambdaMetafactory) for the
 * generated accessors and builder setters, so binding an object uses no reflection. Per WMI class (the
 * shape of the objects; one per query result set) it computes once where each property sits and checks
 * the CIM types, so the per-object loop is index lookups, conversions and builder calls.
 *
 * <p>Rules: a NULL or absent property reads as {@code Optional.empty()}, as the type's empty value in a
 * non-Optional property ({@code 0}, {@code false}, {@code ""}, the empty list, an enum's code-0 constant),
 * or fails (keys; types without an empty value). A lazy property that is NULL in an object from a query
 * reads as {@link Lazy#notLoaded()}; in an object read by its path it is loaded. Writing back starts from
 * the model's source object and changes only the properties whose model value differs from what the
 * source reads as, so values the model does not hold (unknown properties, NULL versus empty, defaults,
 * datetime offsets) survive a round trip.
 *
 * @param <T> the model type (the generated Immutables class)
 */
public final class ModelBinder<T> {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final Object NO_MATCH = new Object();
    private static final ClassValue<ModelBinder<?>> CACHE = new ClassValue<>() {
        @Override
        protected ModelBinder<?> computeValue(Class<?> type) {
            return new ModelBinder<>(type);
        }
    };

    private final Class<T> type;
    private final String modelName;
    private final WmiClassName classAnnotation;
    private final BoundProperty[] properties;
    private final Set<String> boundNames;
    private final Supplier<Object> newBuilder;
    private final Function<Object, Object> build;
    private final Function<Object, Object> sourceGetter;
    private final BiConsumer<Object, Object> sourceSetter;
    private volatile Plan lastPlan;

    /**
     * @param type a model type: the generated class ({@code SoftwareUpdate}) or its abstract type
     * @param <T> the model type
     * @return the binder, built once per type
     * @throws IllegalArgumentException when the type is not a bindable model
     */
    @SuppressWarnings("unchecked")
    public static <T> ModelBinder<T> of(Class<T> type) {
        return (ModelBinder<T>) CACHE.get(immutableClass(type));
    }

    /**
     * @param model a model
     * @return the non-NULL values of its source object's properties the model does not bind
     */
    public static Map<String, CimValue> unknownProperties(WmiModel model) {
        ModelBinder<?> binder = CACHE.get(model.getClass());
        Optional<WmiObject> source = model.sourceObject();
        if (source.isEmpty()) {
            return Map.of();
        }
        Map<String, CimValue> unknown = new LinkedHashMap<>();
        source.get().asMap().forEach((name, value) -> {
            if (!binder.boundNames.contains(lower(name))) {
                unknown.put(name, value);
            }
        });
        return unknown;
    }

    /**
     * @param model a model
     * @return the model bound to a WMI object (see {@link WmiModel#toWmiObject()})
     */
    public static WmiObject toWmiObjectOf(WmiModel model) {
        return CACHE.get(model.getClass()).toWmiObjectUnchecked(model, null, null);
    }

    @SuppressWarnings("unchecked")
    private ModelBinder(Class<?> generated) {
        this.type = (Class<T>) generated;
        this.modelName = generated.getSimpleName();
        this.classAnnotation = wmiClassNameOf(generated);
        if (classAnnotation == null) {
            throw new IllegalArgumentException(generated.getName() + " is not a model: its type has no @WmiClassName");
        }
        try {
            Method builderMethod = generated.getMethod("builder");
            Class<?> builderType = builderMethod.getReturnType();
            this.newBuilder = supplier(builderMethod);
            this.build = getter(builderType.getMethod("build"));
            List<BoundProperty> props = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Method accessor : generated.getMethods()) {
                if (accessor.getParameterCount() != 0 || Modifier.isStatic(accessor.getModifiers())) {
                    continue;
                }
                WmiPropertyName annotation = findAnnotation(generated, accessor.getName());
                if (annotation == null) {
                    continue;
                }
                if (!seen.add(lower(annotation.value()))) {
                    throw new IllegalArgumentException(modelName + " binds WMI property " + annotation.value() + " twice");
                }
                props.add(new BoundProperty(this, accessor, annotation, builderType));
            }
            props.sort((a, b) -> a.wmiName.compareToIgnoreCase(b.wmiName));
            this.properties = props.toArray(new BoundProperty[0]);
            this.boundNames = Set.copyOf(seen);
            this.sourceGetter = getter(generated.getMethod("sourceObject"));
            this.sourceSetter = setter(builderType.getMethod("sourceObject", WmiObject.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(generated.getName() + " is not an Immutables model type: " + e.getMessage(), e);
        }
    }

    /** @return the model type (the generated class) */
    public Class<T> modelType() {
        return type;
    }

    /** @return the WMI class the model is bound to */
    public String wmiClassName() {
        return classAnnotation.value();
    }

    /** @return the provider versions the model declares to lack its class ({@code "2007"}, {@code "current"}) */
    public List<String> absentOn() {
        return List.of(classAnnotation.absentOn());
    }

    /** @return the bound properties, sorted by WMI name */
    public List<BoundProperty> properties() {
        return List.of(properties);
    }

    /**
     * Binds an object read by a query: a lazy property that is NULL is {@link Lazy#notLoaded()}.
     *
     * @param object an instance of the model's WMI class (or a subclass)
     * @return the model, keeping {@code object} as its source
     * @throws MappingException when the object does not fit the model (naming class, property, expected
     *                          and actual type)
     */
    public T bind(WmiObject object) {
        return bind(object, false);
    }

    /**
     * @param object an instance of the model's WMI class (or a subclass)
     * @param lazyLoaded whether the object was read by its path (GetObject), so that its lazy properties
     *                   are loaded even where NULL
     * @return the model, keeping {@code object} as its source
     * @throws MappingException when the object does not fit the model
     */
    @SuppressWarnings("unchecked")
    public T bind(WmiObject object, boolean lazyLoaded) {
        return (T) bindObject(object, lazyLoaded);
    }

    Object bindObject(WmiObject object, boolean lazyLoaded) {
        Plan plan = plan(object.wmiClass());
        Object builder = newBuilder.get();
        int[] index = plan.index;
        for (int i = 0; i < properties.length; i++) {
            BoundProperty p = properties[i];
            int idx = index[i];
            CimValue v = idx < 0 ? null : object.valueAt(idx);
            Object javaValue;
            try {
                javaValue = p.read(v, idx >= 0, lazyLoaded, object);
            } catch (MappingException e) {
                throw new MappingException("cannot bind " + object.className() + "." + p.wmiName + " to "
                        + modelName + "." + p.accessorName + "() (" + p.javaType() + "): " + e.getMessage(), e);
            }
            if (javaValue != null) {
                p.setter.accept(builder, javaValue);
            }
        }
        sourceSetter.accept(builder, object);
        return build.apply(builder);
    }

    /**
     * Binds a model to a WMI object for a method parameter or an embedded object: lazy properties that
     * were not loaded keep the source object's value.
     *
     * @param model the model
     * @return the WMI object
     */
    public WmiObject toWmiObject(T model) {
        return toWmiObjectUnchecked(model, null, null);
    }

    /**
     * Binds a model for a put, with the lazy-property safety check.
     *
     * @param model the model
     * @param policy what to do about lazy properties that were never loaded
     * @param transportCapabilities the capabilities of the transport that will put it
     * @return the instance to put and the context to put it with
     * @throws MappingException when a lazy property was not loaded and the policy or the transport does
     *                          not allow leaving it untouched
     */
    public PutRequest toPutRequest(T model, LazyWritePolicy policy, Set<Capability> transportCapabilities) {
        List<String> unloaded = new ArrayList<>();
        WmiObject instance = toWmiObjectUnchecked(model, null, unloaded);
        unloaded.removeIf(name -> !instance.has(name));
        if (unloaded.isEmpty()) {
            return new PutRequest(instance, WmiContext.empty(), List.of());
        }
        String what = describe(instance) + ": its lazy propert" + (unloaded.size() == 1 ? "y " : "ies ")
                + String.join(", ", unloaded) + (unloaded.size() == 1 ? " was" : " were") + " not loaded"
                + " (query results leave lazy properties NULL) and writing "
                + (unloaded.size() == 1 ? "it" : "them") + " back as NULL can wipe "
                + (unloaded.size() == 1 ? "it" : "them") + " on the server";
        if (policy != LazyWritePolicy.LEAVE_UNTOUCHED) {
            throw new MappingException("refusing to write " + what + "; load them first (" + loadHint()
                    + ") or pass LazyWritePolicy.LEAVE_UNTOUCHED with a transport that supports partial put");
        }
        if (!transportCapabilities.contains(Capability.PARTIAL_PUT)) {
            throw new MappingException("refusing to write " + what + "; LazyWritePolicy.LEAVE_UNTOUCHED needs a"
                    + " transport with partial put (Capability.PARTIAL_PUT), which this one lacks; load them first ("
                    + loadHint() + ")");
        }
        List<String> written = new ArrayList<>();
        for (PropertyDefinition p : instance.wmiClass().properties()) {
            if (!unloaded.contains(p.name())) {
                written.add(p.name());
            }
        }
        // Windows WMI "Updating Part of an Instance": the put extensions in the IWbemContext.
        WmiContext context = WmiContext.empty()
                .with("__PUT_EXTENSIONS", CimValue.bool(true))
                .with("__PUT_EXT_CLIENT_REQUEST", CimValue.bool(true))
                .with("__PUT_EXT_PROPERTIES", CimValue.stringArray(written));
        return new PutRequest(instance, context, List.copyOf(unloaded));
    }

    /**
     * @param model the model (of this binder's type)
     * @param shape the class to create an instance of when the model has no source; null for the built-in
     *              schema's class
     * @param unloaded collects the names of lazy properties that were not loaded; may be null
     * @return the WMI object
     */
    WmiObject toWmiObjectUnchecked(Object model, WmiClass shape, List<String> unloaded) {
        @SuppressWarnings("unchecked")
        Optional<WmiObject> source = (Optional<WmiObject>) sourceGetter.apply(model);
        boolean fromSource = source.isPresent();
        WmiClass cls = fromSource ? source.get().wmiClass() : shape != null ? shape : schemaClass();
        List<PropertyDefinition> added = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>();
        for (BoundProperty p : properties) {
            Object javaValue = p.getter.apply(model);
            if (p.lazy) {
                Lazy<?> lazy = (Lazy<?>) javaValue;
                if (!lazy.isLoaded()) {
                    if (unloaded != null) {
                        unloaded.add(p.wmiName);
                    }
                    continue;
                }
                javaValue = lazy.get();
            }
            if (p.optional) {
                javaValue = ((Optional<?>) javaValue).orElse(null);
            }
            int idx = cls.indexOf(p.wmiName);
            if (fromSource && Objects.equals(p.readEquivalent(source.get(), idx), javaValue)) {
                continue;
            }
            PropertyDefinition def;
            if (idx >= 0) {
                def = cls.properties().get(idx);
            } else {
                if (javaValue == null && fromSource) {
                    continue; // absent reads as NULL already
                }
                def = schemaDefinition(p);
                added.add(def);
            }
            CimValue cim;
            try {
                cim = javaValue == null ? null
                        : CimValue.of(def.type(), p.converter.toRaw(javaValue, def.type(), def.refClassName()));
            } catch (MappingException e) {
                throw new MappingException("cannot write " + modelName + "." + p.accessorName + "() to "
                        + cls.name() + "." + p.wmiName + " (" + def.cimTypeName() + (def.type().isArray() ? "[]" : "")
                        + "): " + e.getMessage(), e);
            }
            changes.add(new Object[] {def, cim});
        }
        if (fromSource && changes.isEmpty()) {
            return source.get();
        }
        if (!added.isEmpty()) {
            WmiClass.Builder extended = cls.toBuilder();
            added.forEach(extended::property);
            cls = extended.build();
        }
        WmiObject.Builder b = WmiObject.builder(cls);
        if (fromSource) {
            WmiObject src = source.get();
            List<PropertyDefinition> props = src.wmiClass().properties();
            for (int i = 0; i < props.size(); i++) {
                if (!src.isDefaultAt(i)) {
                    CimValue v = src.valueAt(i);
                    if (v == null) {
                        b.setNull(props.get(i).name(), props.get(i).type());
                    } else {
                        b.set(props.get(i).name(), v);
                    }
                }
            }
            b.decoration(src.server().orElse(null), src.namespace().orElse(null));
        }
        for (Object[] change : changes) {
            PropertyDefinition def = (PropertyDefinition) change[0];
            if (change[1] == null) {
                b.setNull(def.name(), def.type());
            } else {
                b.set(def.name(), (CimValue) change[1]);
            }
        }
        return b.build();
    }

    /** The class of the built-in schema, or, for a class of ConfigMgr 2007 only (SMS_Template), of the 2007 schema. */
    private Optional<WmiClass> builtInClass() {
        Optional<WmiClass> c = Schema.builtIn().find(wmiClassName());
        return c.isPresent() ? c : Schema.forVersion(io.github.cm4j.SiteVersion.CM2007_SP2).find(wmiClassName());
    }

    private WmiClass schemaClass() {
        return builtInClass().orElseThrow(() -> new MappingException("cannot create a "
                + wmiClassName() + " instance for " + modelName + ": the built-in schemas have no such class and the"
                + " model has no source object"));
    }

    private PropertyDefinition schemaDefinition(BoundProperty p) {
        return builtInClass().flatMap(c -> c.property(p.wmiName))
                .orElseGet(() -> PropertyDefinition.of(p.wmiName, p.converter.defaultType()));
    }

    private Plan plan(WmiClass cls) {
        Plan p = lastPlan;
        if (p != null && p.cls == cls) {
            return p;
        }
        p = new Plan(cls, computeIndex(cls));
        lastPlan = p;
        return p;
    }

    private int[] computeIndex(WmiClass cls) {
        if (!cls.isA(wmiClassName())) {
            throw new MappingException("cannot bind an instance of " + cls.name() + " to " + modelName + ", which binds "
                    + wmiClassName() + (cls.derivation().isEmpty() ? "" : "; its derivation is " + cls.derivation()));
        }
        int[] index = new int[properties.length];
        for (int i = 0; i < properties.length; i++) {
            BoundProperty p = properties[i];
            int idx = cls.indexOf(p.wmiName);
            index[i] = idx;
            if (idx >= 0) {
                PropertyDefinition def = cls.properties().get(idx);
                if (!p.accepts(def)) {
                    throw new MappingException("cannot bind " + cls.name() + "." + def.name() + " to " + modelName + "."
                            + p.accessorName + "(): the model expects " + p.converter.expected() + " (" + p.javaType()
                            + ") but the class declares " + def.cimTypeName() + (def.type().isArray() ? "[]" : ""));
                }
            }
        }
        return index;
    }

    String describe(WmiObject object) {
        try {
            return object.path().toString();
        } catch (RuntimeException noPath) {
            return object.className();
        }
    }

    String loadHint() {
        return classAnnotation.loadHint().isEmpty() ? "read the object by its path, a GetObject"
                : "use " + classAnnotation.loadHint();
    }

    /** The property positions for one WMI class (objects of one query share their class instance). */
    private static final class Plan {
        final WmiClass cls;
        final int[] index;

        Plan(WmiClass cls, int[] index) {
            this.cls = cls;
            this.index = index;
        }
    }

    /** One model accessor bound to one WMI property. */
    public static final class BoundProperty {
        final ModelBinder<?> binder;
        final String wmiName;
        final String accessorName;
        final boolean key;
        final boolean lazy;
        final boolean optional;
        final List<String> absentOn;
        final Converter converter;
        final Function<Object, Object> getter;
        final BiConsumer<Object, Object> setter;

        BoundProperty(ModelBinder<?> binder, Method accessor, WmiPropertyName annotation, Class<?> builderType)
                throws NoSuchMethodException {
            this.binder = binder;
            this.wmiName = annotation.value();
            this.accessorName = accessor.getName();
            this.key = annotation.key();
            this.absentOn = List.of(annotation.absentOn());
            Type t = accessor.getGenericReturnType();
            boolean isLazy = false;
            boolean isOptional = false;
            if (rawType(t) == Lazy.class) {
                isLazy = true;
                t = typeArgument(t);
            }
            if (rawType(t) == Optional.class) {
                isOptional = true;
                t = typeArgument(t);
            }
            this.lazy = isLazy;
            this.optional = isOptional;
            try {
                this.converter = Converters.forType(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(binder.modelName + "." + accessorName + "(): " + e.getMessage(), e);
            }
            this.getter = getter(accessor);
            String attribute = attributeName(accessorName);
            Class<?> valueType = isLazy ? Lazy.class : isOptional ? rawType(t) : accessor.getReturnType();
            if (!isLazy && List.class.isAssignableFrom(valueType)) {
                valueType = Iterable.class;
            }
            this.setter = setter(findSetter(builderType, attribute, valueType));
        }

        /** @return the WMI property name */
        public String wmiName() {
            return wmiName;
        }

        /** @return the model accessor's name */
        public String accessorName() {
            return accessorName;
        }

        /** @return the Java type as the model declares it, e.g. {@code Lazy<List<LocalizedEula>>} */
        public String javaType() {
            String base = converter.javaType();
            if (optional) {
                base = "Optional<" + boxed(base) + ">";
            }
            return lazy ? "Lazy<" + boxed(base) + ">" : base;
        }

        /** @return the CIM types the property accepts, for messages */
        public String expectedCimType() {
            return converter.expected();
        }

        /** @return whether the model marks the property as a key */
        public boolean isKey() {
            return key;
        }

        /** @return whether the model holds the property as {@link Lazy} */
        public boolean isLazy() {
            return lazy;
        }

        /** @return the provider versions the model declares to lack the property ({@code "2007"}, {@code "current"}) */
        public List<String> absentOn() {
            return absentOn;
        }

        /** @return whether the model holds the property as {@link Optional} */
        public boolean isOptional() {
            return optional;
        }

        /**
         * @param definition a WMI property definition
         * @return whether its CIM type converts to this property's Java type
         */
        public boolean accepts(PropertyDefinition definition) {
            return converter.accepts(definition.type(), definition.refClassName());
        }

        Object read(CimValue v, boolean present, boolean lazyLoaded, WmiObject source) {
            if (lazy) {
                if (v != null) {
                    Object inner = readValue(v);
                    if (inner != null) {
                        return Lazy.of(inner);
                    }
                }
                if (present && lazyLoaded) {
                    Object inner = nullValue();
                    return inner == null ? Lazy.notLoaded(new NotLoaded(this, source)) : Lazy.of(inner);
                }
                return Lazy.notLoaded(new NotLoaded(this, source));
            }
            Object value = v == null ? null : converter.read(v.value(), v.type());
            if (value != null) {
                return value;
            }
            if (optional) {
                return null;
            }
            Object empty = key ? null : converter.empty();
            if (empty == null) {
                throw new MappingException(present ? "the value is NULL but the model requires one" + (key ? " (a key)" : "")
                        : "the class has no such property but the model requires it" + (key ? " (a key)" : ""));
            }
            return empty;
        }

        private Object readValue(CimValue v) {
            Object value = converter.read(v.value(), v.type());
            return optional ? Optional.ofNullable(value) : value;
        }

        private Object nullValue() {
            return optional ? Optional.empty() : converter.empty();
        }

        /** @return what reading the source would give (unwrapped from Optional/Lazy), or NO_MATCH */
        Object readEquivalent(WmiObject source, int idx) {
            CimValue v = idx < 0 ? null : source.valueAt(idx);
            Object value;
            try {
                value = v == null ? null : converter.read(v.value(), v.type());
            } catch (RuntimeException unreadable) {
                return NO_MATCH;
            }
            if (value == null && !optional) {
                value = converter.empty();
            }
            return value;
        }

        @Override
        public String toString() {
            return binder.modelName + "." + accessorName + "() <-> " + binder.wmiClassName() + "." + wmiName;
        }
    }

    /** The message of a lazy property that was not loaded; built only when it is read. */
    private static final class NotLoaded implements Supplier<String> {
        private final BoundProperty property;
        private final WmiObject source;

        NotLoaded(BoundProperty property, WmiObject source) {
            this.property = property;
            this.source = source;
        }

        @Override
        public String get() {
            return property.wmiName + " of " + property.binder.describe(source)
                    + " was not loaded: query results leave lazy properties NULL; " + property.binder.loadHint();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // reflection, once per model type

    static WmiClassName wmiClassNameOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            WmiClassName a = c.getAnnotation(WmiClassName.class);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    static String immutableName(Class<?> type) {
        return immutableClass(type).getSimpleName();
    }

    private static Class<?> immutableClass(Class<?> type) {
        if (!Modifier.isAbstract(type.getModifiers())) {
            return type;
        }
        String simple = type.getSimpleName();
        if (simple.startsWith("Abstract")) {
            String name = type.getPackageName() + "." + simple.substring("Abstract".length());
            try {
                return Class.forName(name, true, type.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("no generated model class " + name + " for " + type.getName(), e);
            }
        }
        throw new IllegalArgumentException(type.getName() + " is abstract; pass the generated model class");
    }

    private static WmiPropertyName findAnnotation(Class<?> type, String accessor) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            WmiPropertyName a = declared(c, accessor);
            if (a != null) {
                return a;
            }
            for (Class<?> i : c.getInterfaces()) {
                a = fromInterface(i, accessor);
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    private static WmiPropertyName fromInterface(Class<?> iface, String accessor) {
        WmiPropertyName a = declared(iface, accessor);
        if (a != null) {
            return a;
        }
        for (Class<?> i : iface.getInterfaces()) {
            a = fromInterface(i, accessor);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private static WmiPropertyName declared(Class<?> c, String accessor) {
        try {
            return c.getDeclaredMethod(accessor).getAnnotation(WmiPropertyName.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static String attributeName(String accessor) {
        for (String prefix : new String[] {"is", "get"}) {
            if (accessor.length() > prefix.length() && accessor.startsWith(prefix)
                    && Character.isUpperCase(accessor.charAt(prefix.length()))) {
                String rest = accessor.substring(prefix.length());
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return accessor;
    }

    private static Method findSetter(Class<?> builderType, String attribute, Class<?> valueType)
            throws NoSuchMethodException {
        for (Method m : builderType.getMethods()) {
            if (m.getName().equals(attribute) && m.getParameterCount() == 1 && m.getParameterTypes()[0] == valueType) {
                return m;
            }
        }
        throw new NoSuchMethodException(builderType.getName() + "." + attribute + "(" + valueType.getSimpleName() + ")");
    }

    private static Class<?> rawType(Type t) {
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) t).getRawType();
        }
        throw new IllegalArgumentException("cannot bind the type " + t);
    }

    private static Type typeArgument(Type t) {
        if (t instanceof ParameterizedType) {
            return ((ParameterizedType) t).getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException("raw type " + t + " needs a type argument");
    }

    private static String boxed(String name) {
        switch (name) {
            case "long": return "Long";
            case "int": return "Integer";
            case "boolean": return "Boolean";
            case "double": return "Double";
            default: return name;
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> getter(Method m) {
        try {
            MethodHandle mh = LOOKUP.unreflect(m);
            try {
                CallSite site = LambdaMetafactory.metafactory(LOOKUP, "apply", MethodType.methodType(Function.class),
                        MethodType.methodType(Object.class, Object.class), mh,
                        MethodType.methodType(wrap(m.getReturnType()), m.getDeclaringClass()));
                return (Function<Object, Object>) site.getTarget().invoke();
            } catch (Throwable lambdaUnavailable) {
                MethodHandle generic = mh.asType(MethodType.methodType(Object.class, Object.class));
                return o -> invoke(generic, o);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot access " + m, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static BiConsumer<Object, Object> setter(Method m) {
        try {
            MethodHandle mh = LOOKUP.unreflect(m);
            try {
                CallSite site = LambdaMetafactory.metafactory(LOOKUP, "accept", MethodType.methodType(BiConsumer.class),
                        MethodType.methodType(void.class, Object.class, Object.class), mh,
                        MethodType.methodType(void.class, m.getDeclaringClass(), wrap(m.getParameterTypes()[0])));
                return (BiConsumer<Object, Object>) site.getTarget().invoke();
            } catch (Throwable lambdaUnavailable) {
                MethodHandle generic = mh.asType(MethodType.methodType(Object.class, Object.class, Object.class));
                return (b, v) -> invoke(generic, b, v);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot access " + m, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Object> supplier(Method m) {
        try {
            MethodHandle mh = LOOKUP.unreflect(m);
            try {
                CallSite site = LambdaMetafactory.metafactory(LOOKUP, "get", MethodType.methodType(Supplier.class),
                        MethodType.methodType(Object.class), mh, MethodType.methodType(m.getReturnType()));
                return (Supplier<Object>) site.getTarget().invoke();
            } catch (Throwable lambdaUnavailable) {
                MethodHandle generic = mh.asType(MethodType.methodType(Object.class));
                return () -> invoke(generic);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot access " + m, e);
        }
    }

    private static Object invoke(MethodHandle mh, Object... args) {
        try {
            return mh.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Class<?> wrap(Class<?> c) {
        return MethodType.methodType(c).wrap().returnType();
    }
}
