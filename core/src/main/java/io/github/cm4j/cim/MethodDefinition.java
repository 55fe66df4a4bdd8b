package io.github.cm4j.cim;

import java.util.List;
import java.util.Optional;

/**
 * A method of a WMI class: name, return type, qualifiers ({@code static}, {@code implemented} ...) and
 * parameters in declaration order.
 *
 * <p>Over the wire a method's parameters travel as instances of the {@code __PARAMETERS} class
 * (MS-WMIO 2.2.53): {@link #inParametersClass()} and {@link #outParametersClass()} give those classes.
 * Immutable and thread-safe.
 *
 * @param name the method name
 * @param returnType the CIM type of {@code ReturnValue}, or {@code null} for {@code void}
 * @param qualifiers the method's qualifiers
 * @param parameters the parameters in declaration order
 */
public record MethodDefinition(String name, CimType returnType, List<Qualifier> qualifiers,
                               List<ParameterDefinition> parameters) implements Qualified {

    /** The class name of method parameter objects. */
    public static final String PARAMETERS_CLASS = "__PARAMETERS";
    /** The name of the out-parameter holding a method's return value. */
    public static final String RETURN_VALUE = "ReturnValue";

    /**
     * Creates a method definition; the lists are copied.
     *
     * @param name the method name, a valid WMI identifier
     * @param returnType the CIM type of {@code ReturnValue}, or {@code null} for {@code void}
     * @param qualifiers the method's qualifiers
     * @param parameters the parameters in declaration order
     * @throws IllegalArgumentException if {@code name} is not a valid WMI name
     * @throws NullPointerException if a list or an element is null
     */
    public MethodDefinition {
        WmiNames.require(name, "method");
        qualifiers = List.copyOf(qualifiers);
        parameters = List.copyOf(parameters);
    }

    /** {@return the return type, empty for {@code void}} */
    public Optional<CimType> returns() {
        return Optional.ofNullable(returnType);
    }

    /** {@return whether the method is static (invoked on the class, not an instance)} */
    public boolean isStatic() {
        return hasFlag("static");
    }

    /** {@return the input parameters in declaration order} */
    public List<ParameterDefinition> inParameters() {
        return parameters.stream().filter(ParameterDefinition::isIn).toList();
    }

    /** {@return the output parameters in declaration order (without {@code ReturnValue})} */
    public List<ParameterDefinition> outParameters() {
        return parameters.stream().filter(ParameterDefinition::isOut).toList();
    }

    /**
     * {@return the parameter, if declared}
     *
     * @param name a parameter name, any case
     */
    public Optional<ParameterDefinition> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** {@return the {@code __PARAMETERS} class of the input parameters, to build an in-parameters instance} */
    public WmiClass inParametersClass() {
        WmiClass.Builder b = WmiClass.builder(PARAMETERS_CLASS);
        inParameters().forEach(p -> b.property(p.asProperty()));
        return b.build();
    }

    /** {@return the {@code __PARAMETERS} class of the output parameters, {@code ReturnValue} first when non-void} */
    public WmiClass outParametersClass() {
        WmiClass.Builder b = WmiClass.builder(PARAMETERS_CLASS);
        if (returnType != null) {
            b.property(new PropertyDefinition(RETURN_VALUE, returnType, null, List.of(Qualifier.flag("out")),
                    null, PARAMETERS_CLASS));
        }
        outParameters().forEach(p -> b.property(p.asProperty()));
        return b.build();
    }

    /** {@return the MOF declaration, e.g. {@code [static] uint32 SyncNow([in] boolean fullSync);}} */
    public String toMof() {
        return io.github.cm4j.cim.mof.MofPrinter.print(this);
    }
}
