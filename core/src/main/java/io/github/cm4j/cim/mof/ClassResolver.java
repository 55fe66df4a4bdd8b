package io.github.cm4j.cim.mof;

import io.github.cm4j.cim.WmiClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves classes against the superclasses declared in the same MOF document, as far as the chain is
 * declared there. Iterative and cached: each class is resolved once per state of the declarations, and a
 * chain is followed at most {@link #MAX_CHAIN} levels (deeper, cyclic or undeclared chains leave the top
 * class unresolved and the view {@link View#complete() incomplete}).
 */
final class ClassResolver {
    /** The longest superclass chain followed (CIM hierarchies are about ten deep). */
    static final int MAX_CHAIN = 64;

    /**
     * A class resolved as far as the document allows.
     *
     * @param resolved the class with the properties of its declared ancestors
     * @param complete whether every ancestor up to a root class is declared (the property set is known)
     */
    record View(WmiClass resolved, boolean complete) {
    }

    private final Map<String, WmiClass> declared = new HashMap<>();
    private final Map<String, View> cache = new HashMap<>();

    /** Registers a declared class; a later declaration of the same name replaces an earlier one. */
    void declare(WmiClass wmiClass) {
        declared.put(key(wmiClass.name()), wmiClass);
        cache.clear();
    }

    /** {@return the last declaration of that class, if any} */
    Optional<WmiClass> declared(String name) {
        return Optional.ofNullable(declared.get(key(name)));
    }

    /** {@return the view of a declared class, or {@code null} when the class is not declared} */
    View view(String name) {
        WmiClass start = declared.get(key(name));
        if (start == null) {
            return null;
        }
        View cached = cache.get(key(name));
        if (cached != null) {
            return cached;
        }
        List<WmiClass> chain = new ArrayList<>();
        View base = null;
        boolean complete;
        WmiClass current = start;
        while (true) {
            View known = cache.get(key(current.name()));
            if (known != null) {
                base = known;
                complete = known.complete();
                break;
            }
            chain.add(current);
            Optional<String> superName = current.superclassName();
            if (superName.isEmpty()) {
                complete = true;
                break;
            }
            WmiClass superclass = declared.get(key(superName.get()));
            if (superclass == null || inChain(chain, superclass) || chain.size() >= MAX_CHAIN) {
                complete = false;
                break;
            }
            current = superclass;
        }
        WmiClass resolved = base == null ? null : base.resolved();
        for (int i = chain.size() - 1; i >= 0; i--) {
            WmiClass c = chain.get(i);
            resolved = resolved == null ? c : c.resolve(resolved);
            cache.put(key(c.name()), new View(resolved, complete));
        }
        return cache.get(key(name));
    }

    private static boolean inChain(List<WmiClass> chain, WmiClass c) {
        for (WmiClass x : chain) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
