package io.github.cm4j.cim;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A named, typed qualifier of a class, property, method or parameter, e.g. {@code key},
 * {@code lazy}, {@code SizeLimit("256")}, {@code ValueMap{"0","1"}}, with its flavors.
 *
 * <p>A qualifier written without a value in MOF ({@code [key]}) has the boolean value {@code TRUE}.
 * Names compare case-insensitively, as in WMI. Immutable and thread-safe.
 *
 * @param name the qualifier name, e.g. {@code key}
 * @param value its value, never null
 * @param flavors its flavors (unmodifiable)
 */
public record Qualifier(String name, CimValue value, Set<QualifierFlavor> flavors) {

    /**
     * Creates a qualifier; the flavor set is copied.
     *
     * @param name the qualifier name, a valid WMI identifier
     * @param value its value
     * @param flavors its flavors
     * @throws IllegalArgumentException if {@code name} is not a valid WMI name
     * @throws NullPointerException if {@code value} or {@code flavors} is null
     */
    public Qualifier {
        WmiNames.requireQualifierName(name);
        Objects.requireNonNull(value, "value");
        flavors = flavors.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(flavors));
    }

    /**
     * Creates a boolean qualifier as MOF writes it without a value ({@code [key]}).
     *
     * @param name the name
     * @return a boolean qualifier with value {@code TRUE} and no flavors, e.g. {@code key}
     * @throws IllegalArgumentException if {@code name} is not a valid WMI name
     */
    public static Qualifier flag(String name) {
        return new Qualifier(name, CimValue.bool(true), Set.of());
    }

    /**
     * Creates a qualifier with a value and no flavors.
     *
     * @param name the name
     * @param value the value
     * @return a qualifier without flavors
     * @throws IllegalArgumentException if {@code name} is not a valid WMI name
     */
    public static Qualifier of(String name, CimValue value) {
        return new Qualifier(name, value, Set.of());
    }

    /**
     * Whether this qualifier has a name, compared as WMI does.
     *
     * @param name a qualifier name
     * @return whether this qualifier has that name (case-insensitively)
     */
    public boolean is(String name) {
        return this.name.equalsIgnoreCase(name);
    }

    /** {@return whether this is a boolean qualifier with value TRUE} */
    public boolean isTrue() {
        return value.type() == CimType.BOOLEAN && value.asBoolean();
    }

    /** {@return the MOF form: {@code key}, {@code SizeLimit("3")}, {@code Values{"a", "b"}}, with {@code : flavors}} */
    public String toMof() {
        StringBuilder sb = new StringBuilder(name);
        if (!isTrue()) {
            if (value.isArray()) {
                sb.append(value.toMof());
            } else {
                sb.append('(').append(value.toMof()).append(')');
            }
        }
        if (!flavors.isEmpty()) {
            sb.append(" :");
            for (QualifierFlavor f : flavors) {
                sb.append(' ').append(f.mofName());
            }
        }
        return sb.toString();
    }

    /**
     * The MOF form, as {@link #toMof()}.
     *
     * @return e.g. {@code SizeLimit("3")}
     */
    @Override
    public String toString() {
        return toMof();
    }
}
