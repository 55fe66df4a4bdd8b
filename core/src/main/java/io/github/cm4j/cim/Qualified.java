package io.github.cm4j.cim;

import java.util.List;
import java.util.Optional;

/**
 * Something that carries qualifiers: a class, property, method or parameter definition. The cim
 * implementations are immutable, so these lookups are thread-safe.
 */
public interface Qualified {

    /** {@return the qualifiers, in declaration order} */
    List<Qualifier> qualifiers();

    /**
     * Looks a qualifier up by name, case-insensitively as WMI does.
     *
     * @param name a qualifier name, any case
     * @return the qualifier of that name, if present
     */
    default Optional<Qualifier> qualifier(String name) {
        for (Qualifier q : qualifiers()) {
            if (q.is(name)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a boolean qualifier is set.
     *
     * @param name a boolean qualifier name such as {@code key}, {@code lazy}, {@code static}
     * @return whether the qualifier is present with value TRUE
     */
    default boolean hasFlag(String name) {
        return qualifier(name).map(Qualifier::isTrue).orElse(false);
    }
}
