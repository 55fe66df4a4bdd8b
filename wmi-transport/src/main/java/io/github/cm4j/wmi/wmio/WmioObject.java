package io.github.cm4j.wmi.wmio;

import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.cim.mof.MofPrinter;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded MS-WMIO object: a CIM class or a CIM instance, with its decoration, as core
 * {@link WmiClass}/{@link WmiObject} values. It also keeps the object's wire form, so that
 * {@link Wmio#encode(WmioObject)} re-encodes it faithfully (byte for byte where the input had no padding).
 * Immutable; safe to share between threads.
 */
public final class WmioObject {
    private final Wire.ObjectBlock block;
    private final Map<WmiObject, Wire.ObjectBlock> embedded;
    private final WmioClassPart classPart;
    private final WmiClass superclass;
    private final WmiObject instance;
    private final int paddingBytes;

    WmioObject(Wire.ObjectBlock block, Map<WmiObject, Wire.ObjectBlock> embedded, WmioClassPart classPart,
               WmiClass superclass, WmiObject instance, int paddingBytes) {
        this.block = block;
        this.embedded = embedded == null ? Map.of() : embedded;
        this.classPart = classPart;
        this.superclass = superclass;
        this.instance = instance;
        this.paddingBytes = paddingBytes;
    }

    Wire.ObjectBlock block() {
        return block;
    }

    Map<WmiObject, Wire.ObjectBlock> embedded() {
        return embedded;
    }

    /** @return whether this is a CIM class (ObjectFlags 0x01, MS-WMIO 2.2.6) */
    public boolean isClass() {
        return block.isClass();
    }

    /** @return whether this is a CIM instance (ObjectFlags 0x02) */
    public boolean isInstance() {
        return !block.isClass();
    }

    /** @return the ObjectFlags octet (MS-WMIO 2.2.6) as received */
    public int objectFlags() {
        return block.flags;
    }

    /** @return the class name ({@code __CLASS}) of the class, or of the instance's class */
    public String className() {
        return classPart.className();
    }

    /** @return the server of the Decoration block (2.2.8 DecServerName), if present */
    public Optional<String> server() {
        return Optional.ofNullable(block.server);
    }

    /** @return the namespace of the Decoration block (2.2.9 DecNamespaceName), if present */
    public Optional<String> namespace() {
        return Optional.ofNullable(block.namespace);
    }

    /**
     * For a class object, the class with its properties (inherited first, each naming its class of origin),
     * qualifiers and methods (from the in/out {@code __PARAMETERS} signatures); for an instance, the class its
     * CurrentClass part describes (all properties, no methods).
     *
     * @return the class
     */
    public WmiClass wmiClass() {
        return classPart.wmiClass();
    }

    /** @return the CurrentClass part, to decode instances sent later without their class (2.2.3) */
    public WmioClassPart classPart() {
        return classPart;
    }

    /**
     * @return for a class object, its ParentClass part (2.2.12) as a class: the direct superclass with the
     *         properties and methods it shows; empty for a root class and for instances
     */
    public Optional<WmiClass> superclass() {
        return Optional.ofNullable(superclass);
    }

    /**
     * @return the instance, decoration included
     * @throws IllegalStateException when this is a class
     */
    public WmiObject instance() {
        if (instance == null) {
            throw new IllegalStateException("the object is the class " + className() + ", not an instance");
        }
        return instance;
    }

    /** @return the instance, or empty for a class */
    public Optional<WmiObject> asInstance() {
        return Optional.ofNullable(instance);
    }

    /**
     * @return the number of bytes the decoder skipped as padding: inside declared lengths after the
     *         structures, and heap bytes no reference covers. Zero means the input was laid out canonically
     */
    public int paddingBytes() {
        return paddingBytes;
    }

    /**
     * @return MOF text: for a class its superclass (when shown) and the class with the whole derivation; for an
     *         instance the class (all properties) and the instance
     */
    public String toMof() {
        StringBuilder sb = new StringBuilder();
        if (isClass()) {
            if (superclass != null) {
                sb.append(MofPrinter.printWithDerivation(superclass)).append('\n');
            }
            sb.append(MofPrinter.printWithDerivation(wmiClass()));
        } else {
            sb.append(MofPrinter.printWithDerivation(Wmio.flatten(wmiClass()))).append('\n');
            sb.append(MofPrinter.print(instance));
        }
        return sb.toString();
    }

    /** @return {@code WmioObject[class Win32_Process : CIM_Process (45 properties, 7 methods)]} or the instance */
    @Override
    public String toString() {
        return "WmioObject[" + (instance != null ? instance.toString() : wmiClass().toString()) + "]";
    }
}
