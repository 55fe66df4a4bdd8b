package io.github.cm4j.cim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parameter of a WMI method. Direction comes from the {@code in} and {@code out} qualifiers (a
 * parameter may be both). Immutable and thread-safe.
 *
 * @param name the parameter name
 * @param type the CIM type
 * @param refClassName for {@code ref}/{@code object} types the class name, else null
 * @param qualifiers qualifiers, including {@code in}/{@code out} and, once placed in a method, {@code ID}
 */
public record ParameterDefinition(String name, CimType type, String refClassName, List<Qualifier> qualifiers)
        implements Qualified {

    /**
     * Creates a parameter definition; the qualifier list is copied.
     *
     * @param name the parameter name, a valid WMI identifier
     * @param type the CIM type
     * @param refClassName for {@code ref}/{@code object} types the class name, else null
     * @param qualifiers qualifiers, including {@code in}/{@code out}
     * @throws IllegalArgumentException if a name is not a valid WMI name
     * @throws NullPointerException if {@code type}, the list or an element is null
     */
    public ParameterDefinition {
        WmiNames.require(name, "parameter");
        Objects.requireNonNull(type, "type");
        if (refClassName != null) {
            WmiNames.require(refClassName, "class");
        }
        qualifiers = List.copyOf(qualifiers);
    }

    /** {@return whether this is an input parameter} */
    public boolean isIn() {
        return hasFlag("in");
    }

    /** {@return whether this is an output parameter} */
    public boolean isOut() {
        return hasFlag("out");
    }

    /** {@return the type as WMI's {@code CIMTYPE} qualifier spells it, see {@link PropertyDefinition#cimTypeName()}} */
    public String cimTypeName() {
        return PropertyDefinition.cimTypeName(type, refClassName);
    }

    /** {@return the referenced or embedded class name, when typed} */
    public Optional<String> referencedClass() {
        return Optional.ofNullable(refClassName);
    }

    /** {@return this parameter as a property of a {@code __PARAMETERS} object (MS-WMIO 2.2.53 method signature)} */
    public PropertyDefinition asProperty() {
        return new PropertyDefinition(name, type, refClassName, qualifiers, null, MethodDefinition.PARAMETERS_CLASS);
    }
}
