package io.github.cm4j.wql;

import java.util.Objects;
import java.util.Optional;

/**
 * A class named in {@code FROM} or {@code JOIN}, with its optional alias: {@code SMS_SoftwareUpdate AS SU}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param className the WMI class name, spelled as in the source
 * @param alias the alias given with {@code AS}, if any
 */
public record ClassRef(String className, Optional<String> alias) {

    /**
     * Validates the names.
     *
     * @param className the WMI class name, spelled as in the source
     * @param alias the alias given with {@code AS}, if any
     * @throws IllegalArgumentException if a name is not a valid WQL identifier
     */
    public ClassRef {
        Names.requireIdentifier(className, "class name");
        Objects.requireNonNull(alias, "alias");
        alias.ifPresent(a -> Names.requireIdentifier(a, "alias"));
    }

    /**
     * A class without alias.
     *
     * @param className the class name
     * @return the reference
     */
    public static ClassRef of(String className) {
        return new ClassRef(className, Optional.empty());
    }

    /**
     * A class with an alias.
     *
     * @param className the class name
     * @param alias the alias
     * @return the reference
     */
    public static ClassRef of(String className, String alias) {
        return new ClassRef(className, Optional.of(alias));
    }

    /** {@return the name that qualifies this class's properties: the alias if there is one, else the class name} */
    public String referenceName() {
        return alias.orElse(className);
    }

    /**
     * Whether a qualifier (the part before the dot of {@code X.Prop}) designates this class. WQL names are
     * case-insensitive.
     *
     * @param qualifier a qualifier
     * @return {@code true} if it equals the alias or, when there is no alias, the class name (ignoring case)
     */
    public boolean answersTo(String qualifier) {
        return referenceName().equalsIgnoreCase(qualifier);
    }

    /** {@return {@code Class} or {@code Class AS Alias}} */
    @Override
    public String toString() {
        return alias.map(a -> className + " AS " + a).orElse(className);
    }
}
