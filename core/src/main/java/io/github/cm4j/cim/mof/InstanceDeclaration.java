package io.github.cm4j.cim.mof;

import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code instance of} declaration of a MOF file: the instance, plus what a {@link WmiObject} does not
 * carry: its alias ({@code instance of X as $Alias}), its own qualifiers ({@code [DYNPROPS] instance of X})
 * and per-property qualifiers ({@code [PropertyContext("..."), Dynamic] Prop;}, the mofcomp dynamic
 * property form). Immutable and thread-safe.
 *
 * @param instance the instance
 * @param alias the alias name without {@code $}, or {@code null} when none
 * @param qualifiers the instance qualifiers in declaration order
 * @param propertyQualifiers qualifiers given to properties in the instance body, by property name as
 *                           written, in declaration order; properties without qualifiers are absent
 */
public record InstanceDeclaration(WmiObject instance, String alias, List<Qualifier> qualifiers,
                                  Map<String, List<Qualifier>> propertyQualifiers) {

    /**
     * Creates a declaration; the lists and the map are copied.
     *
     * @param instance the instance
     * @param alias the alias name without {@code $}, or {@code null} when none
     * @param qualifiers the instance qualifiers in declaration order
     * @param propertyQualifiers qualifiers given to properties in the instance body, by property name
     * @throws NullPointerException if {@code instance}, a collection, a property name or an element is null
     */
    public InstanceDeclaration {
        Objects.requireNonNull(instance, "instance");
        qualifiers = List.copyOf(qualifiers);
        Map<String, List<Qualifier>> copy = new LinkedHashMap<>();
        propertyQualifiers.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "property name"), List.copyOf(v)));
        propertyQualifiers = Collections.unmodifiableMap(copy);
    }

    /**
     * The alias the declaration gives the instance ({@code instance of X as $Alias}).
     *
     * @return the alias without {@code $}, if the declaration has one
     */
    public Optional<String> aliasName() {
        return Optional.ofNullable(alias);
    }

    /**
     * The qualifiers the instance body gives one property.
     *
     * @param propertyName a property name, any case
     * @return the qualifiers the instance body gives that property; empty when none
     */
    public List<Qualifier> qualifiersOf(String propertyName) {
        for (Map.Entry<String, List<Qualifier>> e : propertyQualifiers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(propertyName)) {
                return e.getValue();
            }
        }
        return List.of();
    }
}
