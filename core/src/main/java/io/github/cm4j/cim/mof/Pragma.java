package io.github.cm4j.cim.mof;

import java.util.List;
import java.util.Objects;

/**
 * A compiler directive of a MOF file, kept as data: {@code #pragma namespace("\\\\.\\root\\cimv2")},
 * {@code #pragma deleteclass("X", NOFAIL)}, {@code #pragma autorecover}, ... The parser never acts on a
 * pragma (it neither switches namespace nor includes files); {@link MofDocument#declarations()} gives its
 * place among the classes and instances. Immutable and thread-safe.
 *
 * @param name the pragma name as written, e.g. {@code namespace}
 * @param arguments the arguments in order: string arguments with escapes resolved (adjacent strings
 *                  joined), other arguments (identifiers such as {@code NOFAIL}, numbers) as written;
 *                  empty when the pragma has no parentheses
 */
public record Pragma(String name, List<String> arguments) {

    /**
     * Creates a pragma; the argument list is copied.
     *
     * @param name the pragma name as written
     * @param arguments the arguments in order
     * @throws NullPointerException if {@code name}, the list or an argument is null
     */
    public Pragma {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
    }

    /**
     * The first argument, the only one most pragmas have.
     *
     * @return the first argument, e.g. the namespace path of {@code #pragma namespace(...)}; empty text when
     *         there is none
     */
    public String argument() {
        return arguments.isEmpty() ? "" : arguments.get(0);
    }

    /**
     * Whether this pragma has a name, compared as mofcomp does.
     *
     * @param pragmaName a pragma name
     * @return whether this pragma has that name (case-insensitively)
     */
    public boolean is(String pragmaName) {
        return name.equalsIgnoreCase(pragmaName);
    }
}
