package io.github.cm4j.cim.mof;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.List;

/**
 * Prints classes, methods and instances as MOF text (DSP0221 syntax as WMI's mofcomp accepts it), the
 * schema's source form and the debugging view of objects. What it prints, {@link MofParser} reads back
 * to an equal definition.
 *
 * <p>A class prints only what it declares itself (properties whose origin is the class, or have no
 * origin), as a MOF file would declare it. Embedded-object properties print as {@code ClassName Prop;}
 * (WMI records the CIMTYPE {@code object:ClassName}), references as {@code ClassName ref Prop;}.
 * {@link #print(WmiClass)} writes standard MOF ({@code class X : Superclass}, the rest of the superclass
 * chain in a comment); {@link #printWithDerivation(WmiClass)} writes the whole chain after the colon
 * ({@code class Win32_Process : CIM_Process CIM_LogicalElement CIM_ManagedSystemElement}), the
 * derivation-list form go-msrpc renders and {@link MofParser} reads (mofcomp does not), so that a class
 * decoded from the wire round-trips without loss. Method return types print as keywords: a {@code ref}
 * return as {@code object ref}.
 *
 * <p>Static methods only; thread-safe.
 */
public final class MofPrinter {
    private static final String INDENT = "    ";

    private MofPrinter() {
    }

    /**
     * @param wmiClass a class
     * @return its MOF declaration, ending with {@code };} and a newline
     */
    public static String print(WmiClass wmiClass) {
        return print(wmiClass, false);
    }

    /**
     * Prints a class with its whole superclass chain after the colon (the go-msrpc form, which
     * {@link MofParser} reads but mofcomp does not), so that the derivation survives a round trip.
     *
     * @param wmiClass a class
     * @return its MOF declaration with the derivation list
     */
    public static String printWithDerivation(WmiClass wmiClass) {
        return print(wmiClass, true);
    }

    private static String print(WmiClass wmiClass, boolean withDerivation) {
        StringBuilder sb = new StringBuilder();
        List<String> derivation = wmiClass.derivation();
        if (!withDerivation && derivation.size() > 1) {
            sb.append("// derivation: ").append(String.join(" : ", derivation)).append('\n');
        }
        if (!wmiClass.qualifiers().isEmpty()) {
            sb.append(qualifierList(wmiClass.qualifiers())).append('\n');
        }
        sb.append("class ").append(wmiClass.name());
        if (withDerivation && derivation.size() > 1) {
            sb.append(" : ").append(String.join(" ", derivation));
        } else {
            wmiClass.superclassName().ifPresent(s -> sb.append(" : ").append(s));
        }
        sb.append("\n{\n");
        for (PropertyDefinition p : wmiClass.declaredProperties()) {
            sb.append(INDENT);
            if (!p.qualifiers().isEmpty()) {
                sb.append(qualifierList(p.qualifiers())).append(' ');
            }
            sb.append(typePrefix(p.type(), p.refClassName())).append(p.name());
            if (p.type().isArray()) {
                sb.append("[]");
            }
            if (p.defaultValue() != null) {
                sb.append(" = ");
                appendValue(sb, p.defaultValue(), INDENT);
            }
            sb.append(";\n");
        }
        for (MethodDefinition m : wmiClass.methods()) {
            sb.append(INDENT).append(print(m)).append('\n');
        }
        return sb.append("};\n").toString();
    }

    /**
     * {@return its MOF declaration, e.g. {@code [static] uint32 SyncNow([in] boolean fullSync);}}
     *
     * @param method a method
     */
    public static String print(MethodDefinition method) {
        StringBuilder sb = new StringBuilder();
        if (!method.qualifiers().isEmpty()) {
            sb.append(qualifierList(method.qualifiers())).append(' ');
        }
        sb.append(returnTypeName(method.returnType()))
                .append(' ').append(method.name()).append('(');
        List<ParameterDefinition> params = method.parameters();
        for (int i = 0; i < params.size(); i++) {
            ParameterDefinition p = params.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            if (!p.qualifiers().isEmpty()) {
                sb.append(qualifierList(p.qualifiers())).append(' ');
            }
            sb.append(typePrefix(p.type(), p.refClassName())).append(p.name());
            if (p.type().isArray()) {
                sb.append("[]");
            }
        }
        return sb.append(");").toString();
    }

    private static String returnTypeName(CimType returnType) {
        if (returnType == null) {
            return "void";
        }
        // MethodDefinition keeps no class for the return value: a reference returns "object ref".
        return returnType.elementType() == CimType.REFERENCE ? "object ref" : returnType.elementType().mofName();
    }

    /**
     * {@return {@code instance of Class\n{\n    Prop = value;\n};} with NULL and defaulted properties left out}
     *
     * @param instance an instance
     */
    public static String print(WmiObject instance) {
        StringBuilder sb = new StringBuilder("instance of ").append(instance.className()).append("\n{\n");
        appendInstanceBody(sb, instance, INDENT);
        return sb.append("};\n").toString();
    }

    private static void appendInstanceBody(StringBuilder sb, WmiObject instance, String indent) {
        List<PropertyDefinition> props = instance.wmiClass().properties();
        for (int i = 0; i < props.size(); i++) {
            CimValue v = instance.valueAt(i);
            if (v == null || instance.isDefaultAt(i)) {
                continue;
            }
            sb.append(indent).append(props.get(i).name()).append(" = ");
            appendValue(sb, v, indent);
            sb.append(";\n");
        }
    }

    private static void appendValue(StringBuilder sb, CimValue v, String indent) {
        if (v.type() == CimType.OBJECT) {
            appendEmbedded(sb, v.asObject(), indent);
        } else if (v.type() == CimType.OBJECT_ARRAY) {
            sb.append('{');
            List<WmiObject> list = v.asObjectList();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendEmbedded(sb, list.get(i), indent);
            }
            sb.append('}');
        } else {
            sb.append(v.toMof());
        }
    }

    private static void appendEmbedded(StringBuilder sb, WmiObject o, String indent) {
        sb.append("instance of ").append(o.className()).append("\n").append(indent).append("{\n");
        appendInstanceBody(sb, o, indent + INDENT);
        sb.append(indent).append('}');
    }

    /**
     * {@return {@code [key, SizeLimit("3")]}}
     *
     * @param qualifiers qualifiers
     */
    public static String qualifierList(List<Qualifier> qualifiers) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < qualifiers.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(qualifiers.get(i).toMof());
        }
        return sb.append(']').toString();
    }

    /**
     * {@return the MOF type before the name: {@code uint32 }, {@code SMS_Site ref },
     * {@code SMS_EmbeddedProperty }}
     *
     * @param type a CIM type
     * @param refClassName the referenced/embedded class, or null
     */
    static String typePrefix(CimType type, String refClassName) {
        CimType element = type.elementType();
        if (element == CimType.REFERENCE) {
            return (refClassName == null ? "object" : refClassName) + " ref ";
        }
        if (element == CimType.OBJECT && refClassName != null) {
            return refClassName + " ";
        }
        return element.mofName() + " ";
    }
}
