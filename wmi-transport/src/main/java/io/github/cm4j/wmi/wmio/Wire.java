package io.github.cm4j.wmi.wmio;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The MS-WMIO object model as it is on the wire, without heap offsets: what the decoder produces and the
 * encoder consumes. It keeps what the core CIM model has no place for (qualifier origin bits, the inherited
 * flag of property types, declaration order, value table offsets, classes of origin, the parent class part of
 * a class object, instance qualifiers) and the incidental fields Windows fills with leftovers (padding
 * fields, unused NdTable bits, the value-table bytes of NULL slots), so that a decoded object re-encodes to
 * the same bytes wherever the input was laid out canonically. Heap offsets are not kept: the encoder lays
 * heaps out in the order Windows uses (see {@link WmioEncoder}).
 *
 * <p>Mutable, package-private, not thread-safe: built by one decoder or converter and then only read.
 */
final class Wire {
    private Wire() {
    }

    /** MS-WMIO 2.2.60 Qualifier: name, flavor octet (with origin bits), type and value. */
    static final class Qualifier {
        String name;
        int flavor;
        CimType type;
        /** The value; null only when a heap-typed value has the NULL reference. */
        CimValue value;

        Qualifier(String name, int flavor, CimType type, CimValue value) {
            this.name = name;
            this.flavor = flavor;
            this.type = type;
            this.value = value;
        }
    }

    /** MS-WMIO 2.2.23 PropertyLookup and 2.2.30 PropertyInfo. */
    static final class Property {
        String name;
        /** PropertyType (2.2.31) as on the wire: the CimType code, possibly with the 0x4000 Inherited flag. */
        int typeCode;
        CimType type;
        /** DeclarationOrder (2.2.33): the index of the property's NdTable bits and of its place in the class. */
        int order;
        /** ValueTableOffset (2.2.34). */
        int valueTableOffset;
        /** ClassOfOrigin (2.2.35): the index of the declaring class in the chain, 0 being the root class. */
        int origin;
        List<Qualifier> qualifiers = new ArrayList<>();

        boolean inherited() {
            return (typeCode & CimType.INHERITED_FLAG) != 0;
        }
    }

    /** MS-WMIO 2.2.15 ClassPart. */
    static final class ClassPart {
        /** ReservedOctet (2.2.76), kept as received. */
        int reserved;
        /** The class name, or null (ClassNameRef is the NULL reference) for the empty parent of a root class. */
        String name;
        /** DerivationList (2.2.17): direct superclass first. */
        List<String> derivation = new ArrayList<>();
        List<Qualifier> qualifiers = new ArrayList<>();
        /** The properties in PropertyLookupTable order (2.2.21: sorted by name). */
        List<Property> lookup = new ArrayList<>();
        /** Two NdTable bits (2.2.27) per property, indexed by declaration order. */
        int[] nd = new int[0];
        /** The unused high bits of the last NdTable octet (2.2.26 "can have any value"), kept as received. */
        int ndSpare;
        /** Default values by declaration order; null when NULL (or not decodable, see {@link #rawSlots}). */
        CimValue[] defaults = new CimValue[0];
        /**
         * The value-table bytes as received of each slot that carries no value (null for the others), written
         * back by a re-encode; null when built locally.
         */
        byte[][] rawSlots;
        /** NdTableValueTableLength (2.2.28) as received, or -1 when built locally. */
        int ndValueTableLength = -1;
        /** Decoder bookkeeping: the bytes of this part had neither trailing padding nor unreferenced heap bytes. */
        boolean exact;
        /** Decoder bookkeeping: where the part was in the input (absolute index and length), for tests. */
        int sourceStart = -1;
        int sourceLength;
        /** Decoder bookkeeping: absolute index of the HeapLength field. */
        int heapLengthField = -1;
        /** Decoder bookkeeping: when the only padding is unreferenced bytes at the heap's end, the used length; else -1. */
        int heapUsed = -1;

        /**
         * @param start where the same bytes are in another input
         * @return a shallow copy whose input positions ({@link #sourceStart}, {@link #heapLengthField}) are moved
         *         there; the rest is shared, as it is never modified after decoding
         */
        ClassPart movedTo(int start) {
            ClassPart c = new ClassPart();
            c.reserved = reserved;
            c.name = name;
            c.derivation = derivation;
            c.qualifiers = qualifiers;
            c.lookup = lookup;
            c.nd = nd;
            c.ndSpare = ndSpare;
            c.defaults = defaults;
            c.rawSlots = rawSlots;
            c.ndValueTableLength = ndValueTableLength;
            c.exact = exact;
            c.sourceStart = start;
            c.sourceLength = sourceLength;
            c.heapLengthField = heapLengthField < 0 ? -1 : start + (heapLengthField - sourceStart);
            c.heapUsed = heapUsed;
            return c;
        }

        Property byOrder(int order) {
            for (Property p : lookup) {
                if (p.order == order) {
                    return p;
                }
            }
            return null;
        }

        /** @return the properties in declaration order */
        Property[] declared() {
            Property[] out = new Property[lookup.size()];
            for (Property p : lookup) {
                out[p.order] = p;
            }
            return out;
        }
    }

    /** MS-WMIO 2.2.41 MethodDescription with its heap items. */
    static final class Method {
        String name;
        /** MethodFlags (2.2.43); 0x20 marks a method propagated from a superclass. */
        int flags;
        /** MethodPadding (2.2.44), kept as received. */
        byte[] padding = new byte[3];
        /** MethodOrigin (2.2.45): the index of the declaring class in the chain. */
        int origin;
        /** Method qualifiers, or null for the NULL reference. */
        List<Qualifier> qualifiers;
        Signature in;
        Signature out;
    }

    /**
     * MS-WMIO 2.2.70 MethodSignatureBlock: null (a NULL HeapMethodSignatureBlockRef), {@link #EMPTY}
     * (EncodingLength 0: no parameters), or an object block holding the {@code __PARAMETERS} class.
     */
    static final class Signature {
        static final Signature EMPTY = new Signature(null);
        final ObjectBlock block;

        Signature(ObjectBlock block) {
            this.block = block;
        }
    }

    /** MS-WMIO 2.2.38 MethodsPart. */
    static final class MethodsPart {
        List<Method> methods = new ArrayList<>();
        /** MethodCountPadding (2.2.40), kept as received (Windows leaves leftovers there). */
        int countPadding;
        boolean exact;
        int sourceStart = -1;
        int sourceLength;
    }

    /** MS-WMIO 2.2.14 ClassAndMethodsPart. */
    static final class ClassAndMethods {
        ClassPart classPart;
        MethodsPart methods;

        ClassAndMethods(ClassPart classPart, MethodsPart methods) {
            this.classPart = classPart;
            this.methods = methods;
        }
    }

    /** MS-WMIO 2.2.53 InstanceType without its CurrentClass (which is the object block's {@code instanceClass}). */
    static final class InstancePart {
        /** InstanceFlags (2.2.54), reserved. */
        int flags;
        String className;
        int[] nd = new int[0];
        int ndSpare;
        /** Values by declaration order: for NULL and defaulted slots null. */
        CimValue[] values = new CimValue[0];
        /** The value-table bytes as received of each slot that carries no value (null for the others). */
        byte[][] rawSlots;
        List<Qualifier> qualifiers = new ArrayList<>();
        /** InstPropQualSetFlag (2.2.65): 1 none, 2 one qualifier set per property follows. */
        int propQualifierFlag = 1;
        /** Per-property qualifier sets by declaration order, when the flag is 2. */
        List<List<Qualifier>> propQualifiers;
        boolean exact;
        int sourceStart = -1;
        int sourceLength;
    }

    /** MS-WMIO 2.2.5 ObjectBlock. */
    static final class ObjectBlock {
        /** ObjectFlags (2.2.6). */
        int flags;
        /** Decoration (2.2.7), when flag 0x04 is set. */
        String server;
        String namespace;
        /** ClassType (2.2.11) of a class object. */
        ClassAndMethods parent;
        ClassAndMethods current;
        /** InstanceType (2.2.53) of an instance: its CurrentClass part and the instance part. */
        ClassPart instanceClass;
        InstancePart instance;
        /** Decoder bookkeeping: {@code instanceClass} with its core class (shared through the ClassPartCache). */
        WmioClassPart decodedClass;
        /** Bytes after the last structure, inside the declared length (2.2.1 note: the length may be larger). */
        int trailingPadding;

        boolean isClass() {
            return (flags & Wmio.FLAG_CLASS) != 0;
        }
    }
}
