package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.schema.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The class store of a simulated hierarchy: the classes of the built-in schema of the version played
 * ({@link Schema#forVersion}; never another schema) and one {@link Table} per concrete, non-embedded class. Thread-safe.
 */
final class Store {
    private final Schema schema;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final Map<String, List<Table>> polymorphic = new ConcurrentHashMap<>();

    Store(Schema schema) {
        this.schema = schema;
    }

    Schema schema() {
        return schema;
    }

    /**
     * @param name a class name
     * @return the class
     * @throws SimulatedFault {@code WBEM_E_INVALID_CLASS} when the provider has no such class
     */
    WmiClass classNamed(String name) {
        return schema.find(name).orElseThrow(() -> new SimulatedFault(WbemStatus.WBEM_E_INVALID_CLASS,
                "the provider has no class " + name));
    }

    /** Registers the table of a class, replacing the default one. */
    void register(Table table) {
        tables.put(key(table.wmiClass().name()), table);
        polymorphic.clear();
    }

    /**
     * @param cls a class
     * @return its own table, or null for abstract and embedded classes
     */
    Table table(WmiClass cls) {
        return tables.get(key(cls.name()));
    }

    /** @return the tables of a class and of every class derived from it (WQL polymorphism) */
    List<Table> tablesFor(WmiClass cls) {
        return polymorphic.computeIfAbsent(key(cls.name()), k -> schema.subclassesOf(cls.name()).stream()
                .map(c -> tables.get(key(c.name()))).filter(t -> t != null).toList());
    }

    /** @return the instances of a class and its subclasses that a call sees */
    Stream<Row> scan(WmiClass cls, Ctx ctx) {
        List<Table> ts = tablesFor(cls);
        if (ts.size() == 1) {
            return ts.get(0).scan(ctx);
        }
        return ts.stream().flatMap(t -> t.scan(ctx));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
