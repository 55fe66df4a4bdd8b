package io.github.cm4j.recording;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes a recording file has defined so far, by id: an instance line refers to its class by id, and each class
 * is written once per file (again after a rotation). Lookups go by identity first (transports reuse class objects), by
 * equality otherwise. Not thread-safe: the writer's lock guards it.
 */
final class ClassIds {
    private final Map<WmiClass, Integer> byIdentity = new IdentityHashMap<>();
    private final Map<WmiClass, Integer> byEquality = new HashMap<>();
    private final Map<WmiClass, Boolean> embeds = new IdentityHashMap<>();

    /** @return the id of a class already defined */
    int id(WmiClass c) {
        Integer id = byIdentity.get(c);
        if (id == null) {
            id = byEquality.get(c);
            if (id == null) {
                throw new IllegalStateException("class " + c.name() + " was not written before its instance");
            }
            byIdentity.put(c, id);
        }
        return id;
    }

    /**
     * The classes an object needs that this file has not defined yet, innermost first (embedded objects' classes
     * before the class that embeds them); they are registered with new ids.
     */
    List<Map.Entry<Integer, WmiClass>> missing(WmiObject o) {
        List<Map.Entry<Integer, WmiClass>> out = new ArrayList<>();
        collect(o, out);
        return out;
    }

    /** As {@link #missing(WmiObject)} for a class (its embedded default values). */
    List<Map.Entry<Integer, WmiClass>> missing(WmiClass c) {
        List<Map.Entry<Integer, WmiClass>> out = new ArrayList<>();
        register(c, out);
        return out;
    }

    private void collect(WmiObject o, List<Map.Entry<Integer, WmiClass>> out) {
        WmiClass c = o.wmiClass();
        register(c, out);
        if (hasEmbedded(c)) {
            for (int i = 0; i < c.properties().size(); i++) {
                CimValue v = o.valueAt(i);
                if (v != null && v.type().elementType() == CimType.OBJECT) {
                    for (Object e : v.isArray() ? (List<?>) v.value() : List.of(v.value())) {
                        collect((WmiObject) e, out);
                    }
                }
            }
        }
    }

    private void register(WmiClass c, List<Map.Entry<Integer, WmiClass>> out) {
        if (byIdentity.containsKey(c)) {
            return;
        }
        Integer id = byEquality.get(c);
        if (id != null) {
            byIdentity.put(c, id);
            return;
        }
        for (PropertyDefinition p : c.properties()) {
            CimValue d = p.defaultValue();
            if (d != null && d.type().elementType() == CimType.OBJECT) {
                for (Object e : d.isArray() ? (List<?>) d.value() : List.of(d.value())) {
                    collect((WmiObject) e, out);
                }
            }
        }
        int next = byEquality.size() + 1;
        byEquality.put(c, next);
        byIdentity.put(c, next);
        out.add(Map.entry(next, c));
    }

    private boolean hasEmbedded(WmiClass c) {
        return embeds.computeIfAbsent(c, k -> k.properties().stream().anyMatch(p -> p.type().elementType() == CimType.OBJECT));
    }

    /** Forgets every class (a new file after rotation defines them again). */
    void clear() {
        byIdentity.clear();
        byEquality.clear();
    }
}
