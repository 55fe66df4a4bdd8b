package io.github.cm4j.cim.mof;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.QualifierFlavor;
import io.github.cm4j.cim.WmiNames;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A qualifier type declaration (DSP0221 7.4, {@code qualifierDeclaration}):
 * {@code qualifier Description : string = NULL, scope(any), flavor(Translatable);}. Immutable and
 * thread-safe.
 *
 * @param name the qualifier name
 * @param type its CIM type
 * @param defaultValue its default value, or {@code null} for NULL
 * @param scopes the scope keywords as written ({@code class}, {@code property}, {@code any}, ...); empty
 *               when no {@code scope(...)} is given
 * @param flavors the default flavors (unmodifiable)
 */
public record QualifierDeclaration(String name, CimType type, CimValue defaultValue, List<String> scopes,
                                   Set<QualifierFlavor> flavors) {

    /**
     * Creates a declaration; the collections are copied.
     *
     * @param name the qualifier name, a valid WMI identifier
     * @param type its CIM type
     * @param defaultValue its default value, or {@code null} for NULL
     * @param scopes the scope keywords as written; empty when no {@code scope(...)} is given
     * @param flavors the default flavors
     * @throws IllegalArgumentException if {@code name} is not a valid WMI name or the default value is not of
     *     {@code type}
     * @throws NullPointerException if {@code type} or a collection is null
     */
    public QualifierDeclaration {
        WmiNames.requireQualifierName(name);
        Objects.requireNonNull(type, "type");
        if (defaultValue != null && defaultValue.type() != type) {
            throw new IllegalArgumentException("default value " + defaultValue + " of qualifier " + name
                    + " is " + defaultValue.type() + ", not " + type);
        }
        scopes = List.copyOf(scopes);
        flavors = flavors.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(flavors));
    }
}
