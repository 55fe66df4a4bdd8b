package io.github.cm4j.internal;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.model.LazyWritePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.cm4j.MethodFailedException;
import io.github.cm4j.Sleeper;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.wql.SelectQuery;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The calls every operation makes, in one place: a transport and a namespace with the connection's
 * deadlines and batch size, class definitions cached per connection, method in-parameters spawned from
 * the method's signature, {@code ReturnValue} checked. Not API. Thread-safe.
 */
public final class ProviderClient {
    private final WmiTransport transport;
    private final String namespace;
    private final TransportConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, WmiClass> classes = new ConcurrentHashMap<>();

    /**
     * @param transport the transport
     * @param namespace the namespace of every call
     * @param config deadlines and batch size
     * @param clock the client's clock (timestamps the client writes, deadlines of waits)
     * @param sleeper how waits between polls are made
     */
    public ProviderClient(WmiTransport transport, String namespace, TransportConfig config, Clock clock, Sleeper sleeper) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** @return the transport */
    public WmiTransport transport() {
        return transport;
    }

    /** @return the namespace, e.g. {@code root\sms\site_PS1} */
    public String namespace() {
        return namespace;
    }

    /** @return the site code of the namespace ({@code root\sms\site_PS1} gives {@code PS1}), or empty */
    public String namespaceSiteCode() {
        int i = namespace.toLowerCase(java.util.Locale.ROOT).lastIndexOf("site_");
        return i < 0 ? "" : namespace.substring(i + 5).toUpperCase(java.util.Locale.ROOT);
    }

    /** @return the connection settings */
    public TransportConfig config() {
        return config;
    }

    /** @return the client's clock */
    public Clock clock() {
        return clock;
    }

    /** @return the sleeper of waits */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return the per-call options */
    public CallOptions callOptions() {
        return new CallOptions(config.callTimeout());
    }

    /** @return the query options */
    public QueryOptions queryOptions() {
        return new QueryOptions(config.batchSize(), config.callTimeout());
    }

    /**
     * @param wql the query text
     * @param context context values
     * @return the results, streamed (close the stream when not consuming it fully)
     */
    public Stream<WmiObject> query(String wql, WmiContext context) {
        return transport.query(namespace, wql, queryOptions(), context);
    }

    /**
     * @param query the query
     * @param context context values
     * @return the results, streamed
     */
    public Stream<WmiObject> query(SelectQuery query, WmiContext context) {
        return query(query.toWql(), context);
    }

    /**
     * @param type the model type
     * @param query the query
     * @param context context values
     * @param <T> the model type
     * @return the results bound to the model (lazy properties not loaded)
     */
    public <T> Stream<T> query(Class<T> type, SelectQuery query, WmiContext context) {
        ModelBinder<T> binder = ModelBinder.of(type);
        return query(query, context).map(binder::bind);
    }

    /**
     * @param path the instance path
     * @param context context values
     * @return the instance, lazy properties loaded
     */
    public WmiObject get(ObjectPath path, WmiContext context) {
        return transport.get(namespace, path, callOptions(), context);
    }

    /**
     * @param path the instance path
     * @param context context values
     * @return the instance, or empty when the provider says {@code WBEM_E_NOT_FOUND}
     */
    public java.util.Optional<WmiObject> find(ObjectPath path, WmiContext context) {
        try {
            return java.util.Optional.of(get(path, context));
        } catch (WmiException e) {
            if (e.is(WbemStatus.WBEM_E_NOT_FOUND)) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /**
     * @param instance the instance
     * @param mode create/update semantics
     * @param context context values
     * @return the path written
     */
    public ObjectPath put(WmiObject instance, PutMode mode, WmiContext context) {
        return transport.put(namespace, instance, mode, callOptions(), context);
    }

    /**
     * A put through the lazy-property guard (issue 16: every public write path goes through it). Lazy properties
     * NULL in the instance may be values a query left out ("not loaded"): with
     * {@link LazyWritePolicy#LEAVE_UNTOUCHED} they are left out of the write by a partial put (the context gets
     * {@code __PUT_EXTENSIONS} and {@code __PUT_EXT_PROPERTIES} naming every other property); with
     * {@link LazyWritePolicy#REQUIRE_LOADED} the put goes ahead only when nothing would be lost: a creation, or
     * an instance whose stored values of those properties are NULL too (one GetObject tells); otherwise it is
     * refused naming the properties and how to load them.
     *
     * @param instance the instance
     * @param mode create/update semantics
     * @param context context values (kept; the partial-put values are added)
     * @param policy what to do about NULL lazy properties
     * @return the path written
     * @throws MappingException when the put would wipe lazy properties, naming them
     */
    public ObjectPath putGuarded(WmiObject instance, PutMode mode, WmiContext context, LazyWritePolicy policy) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(policy, "policy");
        List<String> nullLazy = nullLazyProperties(instance);
        if (nullLazy.isEmpty() || mode == PutMode.CREATE_ONLY) {
            return put(instance, mode, context);
        }
        if (policy == LazyWritePolicy.LEAVE_UNTOUCHED && transport.capabilities().contains(Capability.PARTIAL_PUT)) {
            List<String> written = new ArrayList<>();
            for (PropertyDefinition p : instance.wmiClass().properties()) {
                if (!nullLazy.contains(p.name())) {
                    written.add(p.name());
                }
            }
            return put(instance, mode, partialPutContext(context, written));
        }
        Optional<WmiObject> stored = find(instance.path(), context);
        if (stored.isEmpty()) {
            return put(instance, mode, context);
        }
        List<String> wouldWipe = nullLazy.stream().filter(n -> !stored.get().isNull(n)).toList();
        if (wouldWipe.isEmpty()) {
            return put(instance, mode, context);
        }
        throw new MappingException("refusing to write " + instance.path() + ": its lazy propert"
                + (wouldWipe.size() == 1 ? "y " : "ies ") + String.join(", ", wouldWipe) + " "
                + (wouldWipe.size() == 1 ? "is" : "are") + " NULL (not loaded: query results leave lazy properties NULL)"
                + " but set on the server, and writing the object back would wipe " + (wouldWipe.size() == 1 ? "it" : "them")
                + "; read the object by its path first (ConfigMgr.get(path) loads lazy properties) or pass"
                + " LazyWritePolicy.LEAVE_UNTOUCHED"
                + (transport.capabilities().contains(Capability.PARTIAL_PUT) ? "" : " with a transport that supports partial put"));
    }

    /**
     * A model put through the lazy-property guard: the lazy properties the model never loaded are refused or left
     * untouched by a partial put ({@link ModelBinder#toPutRequest}).
     *
     * @param model the model
     * @param type its model type
     * @param mode create/update semantics
     * @param context context values (kept; the partial-put values are added)
     * @param policy what to do about lazy properties that were never loaded
     * @param <T> the model type
     * @return the path written
     * @throws MappingException when a lazy property was not loaded and the policy or transport does not allow
     *                          leaving it untouched
     */
    public <T> ObjectPath putModel(T model, Class<T> type, PutMode mode, WmiContext context, LazyWritePolicy policy) {
        PutRequest request = ModelBinder.of(type).toPutRequest(model, policy, transport.capabilities());
        WmiContext merged = context;
        for (WmiContext.Entry e : request.context().entries()) {
            merged = merged.with(e.name(), e.value());
        }
        return put(request.instance(), mode, merged);
    }

    /**
     * @param context the caller's context
     * @param written the properties to write
     * @return the context plus WMI's partial-instance put values ("Updating Part of an Instance")
     */
    public static WmiContext partialPutContext(WmiContext context, List<String> written) {
        return context.with("__PUT_EXTENSIONS", CimValue.bool(true))
                .with("__PUT_EXT_CLIENT_REQUEST", CimValue.bool(true))
                .with("__PUT_EXT_PROPERTIES", CimValue.stringArray(written));
    }

    /** @return the lazy properties that are NULL (not defaulted) in the instance, by its class or the built-in schema's */
    private static List<String> nullLazyProperties(WmiObject instance) {
        WmiClass cls = instance.wmiClass();
        WmiClass schemaClass = Schema.builtIn().find(cls.name()).orElse(null);
        List<String> out = new ArrayList<>();
        List<PropertyDefinition> props = cls.properties();
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition p = props.get(i);
            boolean lazy = p.isLazy() || (schemaClass != null && schemaClass.property(p.name()).map(PropertyDefinition::isLazy).orElse(false));
            if (lazy && !instance.isDefaultAt(i) && instance.valueAt(i) == null) {
                out.add(p.name());
            }
        }
        return out;
    }

    /**
     * @param path the instance path
     * @param context context values
     */
    public void delete(ObjectPath path, WmiContext context) {
        transport.delete(namespace, path, callOptions(), context);
    }

    /**
     * The class as the provider defines it (cached per connection); the built-in schema's when the
     * transport does not serve class definitions.
     *
     * @param className the class
     * @return its definition
     */
    public WmiClass wmiClass(String className) {
        String key = className.toLowerCase(java.util.Locale.ROOT);
        WmiClass cached = classes.get(key);
        if (cached != null) {
            return cached;
        }
        WmiClass loaded = transport.capabilities().contains(Capability.CLASS_DEFINITIONS)
                ? transport.getClass(namespace, className, callOptions(), WmiContext.empty())
                : Schema.builtIn().classNamed(className);
        classes.putIfAbsent(key, loaded);
        return loaded;
    }

    /**
     * Runs a method and checks its {@code ReturnValue}.
     *
     * @param target the class path (static methods) or instance path
     * @param method the method name
     * @param arguments the in-parameters by name (Java values, converted to the parameter's CIM type)
     * @param context context values
     * @return the out-parameters
     * @throws MethodFailedException when {@code ReturnValue} is not zero
     */
    public WmiObject invoke(ObjectPath target, String method, Map<String, ?> arguments, WmiContext context) {
        WmiObject out = invokeUnchecked(target, method, arguments, context);
        long returnValue = returnValue(out);
        if (returnValue != 0) {
            throw new MethodFailedException(target.className(), method, target.toString(), returnValue);
        }
        return out;
    }

    /**
     * Runs a method without checking {@code ReturnValue} (for methods whose non-zero values mean something).
     *
     * @param target the class path (static methods) or instance path
     * @param method the method name
     * @param arguments the in-parameters by name
     * @param context context values
     * @return the out-parameters
     */
    public WmiObject invokeUnchecked(ObjectPath target, String method, Map<String, ?> arguments, WmiContext context) {
        WmiClass cls = wmiClass(target.className());
        MethodDefinition definition = cls.method(method).orElseThrow(() -> WmiException.of(
                WbemStatus.WBEM_E_INVALID_METHOD, "ExecMethod", target + "." + method
                        + " (class " + cls.name() + " has no method " + method + ")"));
        WmiObject in = null;
        if (!definition.inParameters().isEmpty() || !arguments.isEmpty()) {
            WmiObject.Builder b = WmiObject.builder(definition.inParametersClass());
            for (Map.Entry<String, ?> a : arguments.entrySet()) {
                if (definition.inParameters().stream().noneMatch(p -> p.name().equalsIgnoreCase(a.getKey()))) {
                    throw new IllegalArgumentException(cls.name() + "." + method + " has no in-parameter '" + a.getKey()
                            + "'; it takes " + definition.inParameters().stream().map(p -> p.name()).toList());
                }
                if (a.getValue() instanceof CimValue v) {
                    b.set(a.getKey(), v);
                } else if (a.getValue() != null) {
                    b.set(a.getKey(), a.getValue());
                }
            }
            in = b.build();
        }
        return transport.invoke(namespace, target, definition.name(), in, callOptions(), context);
    }

    /**
     * @param out out-parameters
     * @return their {@code ReturnValue}, 0 when absent or NULL
     */
    public static long returnValue(WmiObject out) {
        Long v = out.has(MethodDefinition.RETURN_VALUE) ? out.getLong(MethodDefinition.RETURN_VALUE) : null;
        return v == null ? 0 : v;
    }

    /**
     * Ordered argument map (helper for readable call sites).
     *
     * @param pairs name, value, name, value...
     * @return the map
     */
    public static Map<String, Object> args(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /**
     * @param type model type
     * @param <T> the type
     * @return a function binding objects with lazy properties loaded
     */
    public static <T> Function<WmiObject, T> loadedBinder(Class<T> type) {
        ModelBinder<T> binder = ModelBinder.of(type);
        return o -> binder.bind(o, true);
    }
}
