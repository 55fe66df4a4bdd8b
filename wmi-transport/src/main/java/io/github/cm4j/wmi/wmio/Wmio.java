package io.github.cm4j.wmi.wmio;

import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.Objects;

/**
 * The MS-WMIO codec: how WMI classes and instances ({@code IWbemClassObject}) travel by value over DCOM.
 *
 * <p>Three entry points match the three roots of the encoding:
 * <ul>
 *   <li>{@link #decode(byte[])} / {@link #encode(WmiObject)}: the EncodingUnit (2.2.1), signature
 *       0x12345678, length and object block: the payload of an {@code IWbemClassObject} OBJREF_CUSTOM;</li>
 *   <li>{@link #decodeObjectBlock} / {@link #encodeObjectBlock}: EncodingUnitObjectBlock (2.2.2), the
 *       ObjectData of WBEMOBJECT_CLASS and WBEMOBJECT_INSTANCE in an ObjectArray (MS-WMI 2.2.14);</li>
 *   <li>{@link #decodeInstanceNoClass} / {@link #encodeInstanceNoClass}: EncodingUnitInstanceNoClass (2.2.3),
 *       an instance without its class part, decoded against a {@link WmioClassPart} received before.</li>
 * </ul>
 * Decoding is bounded and linear (see {@link WmioFormatException}); all methods are thread-safe.
 *
 * <p>Every instance of one class from one server carries the same class part, byte for byte. Decoding keeps
 * the converted class of recent instance class parts (a few hundred, a few MB of class-part bytes, shared by
 * all threads) keyed by their exact bytes, so the instances after the first of a class share one
 * {@link WmioClassPart} and one {@link WmiClass} and decode several times faster; class parts whose bytes
 * differ in anything are decoded anew.
 *
 * <p>Instances built locally ({@code WmiObject.builder(wmiClass)}, SpawnInstance semantics) encode with
 * every property the caller did not set marked as taking the class default (NdTable bit 1), which is how
 * method in-parameters and PutInstance objects are meant to be sent.
 */
public final class Wmio {
    /** MS-WMIO 2.2.77 Signature of an EncodingUnit. */
    public static final int SIGNATURE = 0x12345678;
    /** ObjectFlags (2.2.6): the object is a CIM class. */
    public static final int FLAG_CLASS = 0x01;
    /** ObjectFlags (2.2.6): the object is a CIM instance. */
    public static final int FLAG_INSTANCE = 0x02;
    /** ObjectFlags (2.2.6): a Decoration block (server and namespace) follows. */
    public static final int FLAG_DECORATION = 0x04;
    /** ObjectFlags (2.2.6): the class is a prototype of a query result (MS-WMI 2.2.4.1). */
    public static final int FLAG_PROTOTYPE = 0x10;
    /** ObjectFlags (2.2.6): key properties are missing from the prototype. */
    public static final int FLAG_KEYS_MISSING = 0x40;
    /** How deep embedded objects and method signatures may nest before decoding fails. */
    public static final int MAX_DEPTH = WmioDecoder.MAX_DEPTH;

    private Wmio() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // decode

    /**
     * Decodes an EncodingUnit (2.2.1). Bytes after the declared ObjectEncodingLength are ignored; bytes inside
     * it after the object block are padding (2.2.1 allows the length to be larger than needed).
     *
     * @param encodingUnit the bytes, starting with the signature
     * @return the object
     * @throws WmioFormatException when the bytes are malformed
     */
    public static WmioObject decode(byte[] encodingUnit) {
        return decode(encodingUnit, 0, encodingUnit.length);
    }

    /**
     * Decodes an EncodingUnit (2.2.1) inside a larger buffer.
     *
     * @param buf the buffer
     * @param offset where the signature starts
     * @param length the bytes available from there
     * @return the object
     * @throws WmioFormatException when the bytes are malformed; offsets in it count from {@code offset}
     */
    public static WmioObject decode(byte[] buf, int offset, int length) {
        return decode(buf, offset, length, ClassPartCache.SHARED);
    }

    /** {@link #decode(byte[], int, int)} with a given class-part cache (null: none). */
    static WmioObject decode(byte[] buf, int offset, int length, ClassPartCache classParts) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        Reader.Budget budget = new Reader.Budget(offset, length);
        Reader r = new Reader(buf, offset, offset + length, "EncodingUnit", budget);
        int signature = r.u32("Signature");
        if (signature != SIGNATURE) {
            throw new WmioFormatException("EncodingUnit", 0, "Signature 0x" + Integer.toHexString(signature)
                    + " is not 0x12345678 (2.2.77)");
        }
        int len = r.length("ObjectEncodingLength", 1, false);
        return decodeBlock(r.slice(len, "ObjectBlock"), budget, null, classParts);
    }

    /**
     * Decodes an EncodingUnitObjectBlock (2.2.2): an ObjectBlock without signature and length, as in
     * WBEMOBJECT_CLASS and WBEMOBJECT_INSTANCE (MS-WMI 2.2.14.2, 2.2.14.3).
     *
     * @param buf the buffer
     * @param offset where the ObjectFlags octet is
     * @param length the length of the object block (dwSizeOfData)
     * @return the object
     * @throws WmioFormatException when the bytes are malformed
     */
    public static WmioObject decodeObjectBlock(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        Reader.Budget budget = new Reader.Budget(offset, length);
        return decodeBlock(new Reader(buf, offset, offset + length, "ObjectBlock", budget), budget, null,
                ClassPartCache.SHARED);
    }

    /**
     * Decodes an EncodingUnitInstanceNoClass (2.2.3) against the class part of an instance of the same class
     * received before (MS-WMI 2.2.14.4: a WBEMOBJECT_INSTANCE_NOCLASS).
     *
     * @param buf the buffer
     * @param offset where the ObjectFlags octet is
     * @param length the length (dwSizeOfData)
     * @param classPart the class part from the earlier full instance
     * @return the instance
     * @throws WmioFormatException when the bytes are malformed or do not fit the class
     */
    public static WmioObject decodeInstanceNoClass(byte[] buf, int offset, int length, WmioClassPart classPart) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        Objects.requireNonNull(classPart, "classPart");
        Reader.Budget budget = new Reader.Budget(offset, length);
        return decodeBlock(new Reader(buf, offset, offset + length, "EncodingUnitInstanceNoClass", budget), budget, classPart,
                ClassPartCache.SHARED);
    }

    private static WmioObject decodeBlock(Reader r, Reader.Budget budget, WmioClassPart known, ClassPartCache classParts) {
        WmioDecoder decoder = new WmioDecoder(budget, classParts);
        Reader at = r.here();
        Wire.ObjectBlock block = known == null ? decoder.objectBlock(r, 0) : decoder.instanceNoClass(r, known.part());
        if (block.isClass()) {
            WmiClass cls = WireConverter.toClass(block.current.classPart, block.current.methods, at);
            WmiClass parent = block.parent.classPart.name == null ? null
                    : WireConverter.toClass(block.parent.classPart, block.parent.methods, at);
            return new WmioObject(block, decoder.embedded, new WmioClassPart(block.current.classPart, cls), parent, null,
                    (int) Math.min(Integer.MAX_VALUE, decoder.padding));
        }
        WmioClassPart part = known != null ? known : block.decodedClass;
        WmiObject instance = WireConverter.toInstance(block, part.wmiClass(), at);
        return new WmioObject(block, decoder.embedded, part, null, instance, (int) Math.min(Integer.MAX_VALUE, decoder.padding));
    }

    /**
     * Decodes an EncodingUnit holding a class.
     *
     * @param encodingUnit the bytes
     * @return the class
     * @throws WmioFormatException when malformed or not a class
     */
    public static WmiClass decodeClass(byte[] encodingUnit) {
        WmioObject o = decode(encodingUnit);
        if (!o.isClass()) {
            throw new WmioFormatException("EncodingUnit/ObjectBlock", 8, "expected a class but the object is an instance of "
                    + o.className());
        }
        return o.wmiClass();
    }

    /**
     * Decodes an EncodingUnit holding an instance.
     *
     * @param encodingUnit the bytes
     * @return the instance
     * @throws WmioFormatException when malformed or not an instance
     */
    public static WmiObject decodeInstance(byte[] encodingUnit) {
        WmioObject o = decode(encodingUnit);
        if (o.isClass()) {
            throw new WmioFormatException("EncodingUnit/ObjectBlock", 8, "expected an instance but the object is the class "
                    + o.className());
        }
        return o.instance();
    }

    // ---------------------------------------------------------------------------------------------------------
    // encode

    /**
     * Encodes a class as an EncodingUnit, without decoration. The ParentClass part holds the superclass with the
     * inherited properties; methods go into the CurrentClass MethodsPart with {@code __PARAMETERS} signatures.
     *
     * @param wmiClass the class
     * @return the EncodingUnit bytes
     */
    public static byte[] encode(WmiClass wmiClass) {
        return encode(wmiClass, null, null);
    }

    /**
     * Encodes a class as an EncodingUnit with a Decoration block (when either value is non-null).
     *
     * @param wmiClass the class
     * @param server {@code __SERVER}, or null
     * @param namespace {@code __NAMESPACE}, or null
     * @return the EncodingUnit bytes
     */
    public static byte[] encode(WmiClass wmiClass, String server, String namespace) {
        return new WmioEncoder(null).encodingUnit(WireConverter.fromClass(wmiClass, server, namespace));
    }

    /**
     * Encodes an instance, with its class part and (when it has one) its decoration, as an EncodingUnit.
     *
     * @param instance the instance
     * @return the EncodingUnit bytes
     * @throws io.github.cm4j.MappingException when a string holds U+0000, which MS-WMIO cannot carry
     */
    public static byte[] encode(WmiObject instance) {
        return new WmioEncoder(null).encodingUnit(WireConverter.fromInstance(instance));
    }

    /**
     * Re-encodes a decoded object from its wire form: byte for byte the input wherever the input's parts had
     * no padding; otherwise the canonical layout of the same content.
     *
     * @param decoded a decoded object
     * @return the EncodingUnit bytes
     */
    public static byte[] encode(WmioObject decoded) {
        return new WmioEncoder(decoded.embedded()).encodingUnit(decoded.block());
    }

    /**
     * Encodes an instance as an EncodingUnitObjectBlock (2.2.2), for WBEMOBJECT_INSTANCE.
     *
     * @param instance the instance
     * @return the object block bytes
     */
    public static byte[] encodeObjectBlock(WmiObject instance) {
        WmioEncoder.Out out = new WmioEncoder.Out();
        new WmioEncoder(null).objectBlock(out, WireConverter.fromInstance(instance));
        return out.toByteArray();
    }

    /**
     * Encodes a class as an EncodingUnitObjectBlock (2.2.2), for WBEMOBJECT_CLASS.
     *
     * @param wmiClass the class
     * @return the object block bytes
     */
    public static byte[] encodeObjectBlock(WmiClass wmiClass) {
        WmioEncoder.Out out = new WmioEncoder.Out();
        new WmioEncoder(null).objectBlock(out, WireConverter.fromClass(wmiClass, null, null));
        return out.toByteArray();
    }

    /**
     * Encodes an instance as an EncodingUnitInstanceNoClass (2.2.3): decodable against
     * {@link WmioClassPart#of(WmiClass) WmioClassPart.of(instance.wmiClass())}, which is the class part
     * {@link #encodeObjectBlock(WmiObject)} writes for the same class.
     *
     * @param instance the instance
     * @return the bytes
     */
    public static byte[] encodeInstanceNoClass(WmiObject instance) {
        WmioEncoder.Out out = new WmioEncoder.Out();
        new WmioEncoder(null).instanceNoClass(out, WireConverter.fromInstanceWithoutClass(instance));
        return out.toByteArray();
    }

    /**
     * A copy of a class in which every property is declared by the class itself, so that MOF printing shows
     * all of them (the class part of an instance lists inherited properties too).
     *
     * @param wmiClass a class
     * @return the flattened class (same name, derivation, qualifiers, methods)
     */
    static WmiClass flatten(WmiClass wmiClass) {
        WmiClass.Builder b = wmiClass.toBuilder();
        for (PropertyDefinition p : wmiClass.properties()) {
            b.property(p.withOrigin(wmiClass.name()));
        }
        return b.build();
    }
}
