package io.github.cm4j.wmi.wmio;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes the {@link Wire} model to MS-WMIO bytes.
 *
 * <p>Heaps are laid out the way Windows lays out a compacted object, so that a decoded object whose parts
 * had no padding re-encodes to the same bytes (the golden tests check this part by part):
 * <ul>
 *   <li>ClassHeap (2.2.37): the class name; each class qualifier's name (unless it is a dictionary string)
 *       and heap value; then, in PropertyLookupTable order (names sorted case-insensitively), each property's
 *       name, its PropertyInfo with the qualifier set inline, and each of those qualifiers' name and value;
 *       last, the heap values of the default values, in the same order;</li>
 *   <li>MethodHeap (2.2.52): per method, its name, input signature, output signature, qualifier set and the
 *       names and values of those qualifiers;</li>
 *   <li>InstanceHeap (2.2.58): the class name, instance qualifier data, then the heap values in
 *       PropertyLookupTable order;</li>
 *   <li>a string array is its count and references followed by the strings; an object array its count and
 *       references followed by the objects, each an ObjectEncodingLength and an ObjectBlock.</li>
 * </ul>
 * Strings are written compressed (2.2.78, flag 0) when every character is below U+0100, else as UTF-16.
 * Qualifier names that are one of the known strings (2.2.80) are written as dictionary references; no other
 * string is. NULL and defaulted value-table slots are written as received, or as 0xFF bytes (what Windows
 * writes) for objects built locally.
 */
final class WmioEncoder {
    /** Wire forms of embedded objects decoded before, reused when the same object is encoded again. */
    private final Map<WmiObject, Wire.ObjectBlock> embedded;

    WmioEncoder(Map<WmiObject, Wire.ObjectBlock> embedded) {
        this.embedded = embedded == null ? new IdentityHashMap<>() : embedded;
    }

    /** A growable little-endian byte buffer. */
    static final class Out {
        private byte[] buf = new byte[256];
        private int size;

        int size() {
            return size;
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                long want = Math.max((long) buf.length * 2, (long) size + n);
                if (want > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("an MS-WMIO encoding cannot exceed 2 GiB");
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        Out u8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
            return this;
        }

        Out u16(int v) {
            ensure(2);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            return this;
        }

        Out u32(int v) {
            ensure(4);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 24);
            return this;
        }

        Out u64(long v) {
            u32((int) v);
            return u32((int) (v >>> 32));
        }

        Out bytes(byte[] b) {
            return bytes(b, 0, b.length);
        }

        Out bytes(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
            return this;
        }

        Out append(Out other) {
            return bytes(other.buf, 0, other.size);
        }

        /** Reserves {@code n} bytes and returns their offset, to be patched later. */
        int reserve(int n) {
            ensure(n);
            int at = size;
            size += n;
            return at;
        }

        void patch32(int at, int v) {
            buf[at] = (byte) v;
            buf[at + 1] = (byte) (v >>> 8);
            buf[at + 2] = (byte) (v >>> 16);
            buf[at + 3] = (byte) (v >>> 24);
        }

        void patch(int at, byte[] b) {
            System.arraycopy(b, 0, buf, at, b.length);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** 2.2.1 EncodingUnit = Signature ObjectEncodingLength ObjectBlock. */
    byte[] encodingUnit(Wire.ObjectBlock ob) {
        Out block = new Out();
        objectBlock(block, ob);
        Out out = new Out();
        out.u32(Wmio.SIGNATURE).u32(block.size()).append(block);
        return out.toByteArray();
    }

    /** 2.2.5 ObjectBlock = ObjectFlags [Decoration] Encoding. */
    void objectBlock(Out out, Wire.ObjectBlock ob) {
        out.u8(ob.flags);
        if ((ob.flags & Wmio.FLAG_DECORATION) != 0) {
            encodedString(out, ob.server == null ? "" : ob.server);
            encodedString(out, ob.namespace == null ? "" : ob.namespace);
        }
        if (ob.isClass()) {
            classPart(out, ob.parent.classPart);
            methodsPart(out, ob.parent.methods);
            classPart(out, ob.current.classPart);
            methodsPart(out, ob.current.methods);
        } else {
            classPart(out, ob.instanceClass);
            instancePart(out, ob.instance, ob.instanceClass);
        }
    }

    /** 2.2.3 EncodingUnitInstanceNoClass: the object block of an instance without its CurrentClass. */
    void instanceNoClass(Out out, Wire.ObjectBlock ob) {
        out.u8(ob.flags);
        if ((ob.flags & Wmio.FLAG_DECORATION) != 0) {
            encodedString(out, ob.server == null ? "" : ob.server);
            encodedString(out, ob.namespace == null ? "" : ob.namespace);
        }
        instancePart(out, ob.instance, ob.instanceClass);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.15 ClassPart

    static int ndValueTableLength(Wire.ClassPart cp) {
        int n = cp.lookup.size();
        int nd = n == 0 ? 0 : (n - 1) / 4 + 1;
        int vt = 0;
        for (Wire.Property p : cp.lookup) {
            vt = Math.max(vt, p.valueTableOffset + WmioDecoder.slotSize(p.type));
        }
        return nd + vt;
    }

    void classPart(Out out, Wire.ClassPart cp) {
        Out heap = new Out();
        int nameRef = cp.name == null ? WmioDecoder.NULL_REF : string(heap, cp.name);
        Out classQualifiers = new Out();
        qualifierSet(classQualifiers, cp.qualifiers, heap);
        int count = cp.lookup.size();
        int[] nameRefs = new int[count];
        int[] infoRefs = new int[count];
        for (int i = 0; i < count; i++) {
            Wire.Property p = cp.lookup.get(i);
            nameRefs[i] = string(heap, p.name);
            // 2.2.30 PropertyInfo, the qualifier set inline; its names and values follow it on the heap.
            int infoSize = 4 + 2 + 4 + 4 + qualifierSetSize(p.qualifiers);
            infoRefs[i] = heap.reserve(infoSize);
            Out info = new Out();
            info.u32(p.typeCode).u16(p.order).u32(p.valueTableOffset).u32(p.origin);
            qualifierSet(info, p.qualifiers, heap);
            heap.patch(infoRefs[i], info.toByteArray());
        }
        byte[] valueTable = valueTable(cp.lookup, cp.defaults, cp.rawSlots, cp.nd, heap, 1);
        byte[] nd = ndTable(cp.nd, cp.ndSpare);

        int lengthAt = out.reserve(4);
        int start = lengthAt;
        out.u8(cp.reserved).u32(nameRef).u32(nd.length + valueTable.length);
        // 2.2.17 DerivationList
        Out derivation = new Out();
        for (String s : cp.derivation) {
            int before = derivation.size();
            encodedString(derivation, s);
            derivation.u32(derivation.size() - before);
        }
        out.u32(derivation.size() + 4).append(derivation);
        out.append(classQualifiers);
        out.u32(count);
        for (int i = 0; i < count; i++) {
            out.u32(nameRefs[i]).u32(infoRefs[i]);
        }
        out.bytes(nd).bytes(valueTable);
        heap(out, heap);
        out.patch32(lengthAt, out.size() - start);
    }

    /**
     * Builds the value table of a class part or instance: each slot at its ValueTableOffset, the values'
     * heap items appended in PropertyLookupTable order.
     *
     * @param skipBits a slot whose NdTable bits intersect this mask carries no value
     */
    private byte[] valueTable(List<Wire.Property> lookup, CimValue[] values, byte[][] raw, int[] nd, Out heap, int skipBits) {
        int size = 0;
        for (Wire.Property p : lookup) {
            size = Math.max(size, p.valueTableOffset + WmioDecoder.slotSize(p.type));
        }
        byte[] table = new byte[size];
        for (Wire.Property p : lookup) {
            int slot = WmioDecoder.slotSize(p.type);
            CimValue v = values.length > p.order ? values[p.order] : null;
            if (v != null && (nd[p.order] & skipBits) == 0) {
                Out o = new Out();
                value(o, p.type, v, heap);
                System.arraycopy(o.buf, 0, table, p.valueTableOffset, slot);
            } else if (raw != null && raw[p.order] != null && raw[p.order].length == slot) {
                System.arraycopy(raw[p.order], 0, table, p.valueTableOffset, slot);
            } else {
                Arrays.fill(table, p.valueTableOffset, p.valueTableOffset + slot, (byte) 0xFF);
            }
        }
        return table;
    }

    private static byte[] ndTable(int[] nd, int spare) {
        int n = nd.length;
        byte[] out = new byte[n == 0 ? 0 : (n - 1) / 4 + 1];
        for (int i = 0; i < n; i++) {
            out[i / 4] |= (byte) ((nd[i] & 3) << (2 * (i % 4)));
        }
        if (n % 4 != 0) {
            out[out.length - 1] |= (byte) (spare << (2 * (n % 4)));
        }
        return out;
    }

    private static void heap(Out out, Out heap) {
        out.u32(heap.size() | 0x80000000).append(heap);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.38 MethodsPart

    void methodsPart(Out out, Wire.MethodsPart mp) {
        Out heap = new Out();
        Out descriptions = new Out();
        for (Wire.Method m : mp.methods) {
            int nameRef = string(heap, m.name);
            int inRef = signature(heap, m.in);
            int outRef = signature(heap, m.out);
            int qualRef = WmioDecoder.NULL_REF;
            if (m.qualifiers != null) {
                qualRef = heap.reserve(qualifierSetSize(m.qualifiers));
                Out set = new Out();
                qualifierSet(set, m.qualifiers, heap);
                heap.patch(qualRef, set.toByteArray());
            }
            descriptions.u32(nameRef).u8(m.flags).bytes(m.padding == null || m.padding.length != 3 ? new byte[3] : m.padding)
                    .u32(m.origin).u32(qualRef).u32(inRef).u32(outRef);
        }
        int lengthAt = out.reserve(4);
        int start = lengthAt;
        out.u16(mp.methods.size()).u16(mp.countPadding).append(descriptions);
        heap(out, heap);
        out.patch32(lengthAt, out.size() - start);
    }

    private int signature(Out heap, Wire.Signature sig) {
        if (sig == null) {
            return WmioDecoder.NULL_REF;
        }
        int at = heap.size();
        if (sig.block == null) {
            heap.u32(0);
            return at;
        }
        Out block = new Out();
        objectBlock(block, sig.block);
        heap.u32(block.size()).append(block);
        return at;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.53 InstanceType after CurrentClass

    void instancePart(Out out, Wire.InstancePart ip, Wire.ClassPart cls) {
        Out heap = new Out();
        int classNameRef = string(heap, ip.className);
        Out qualifiers = new Out();
        qualifierSet(qualifiers, ip.qualifiers, heap);
        if (ip.propQualifierFlag == 2) {
            qualifiers.u8(2);
            for (List<Wire.Qualifier> set : ip.propQualifiers) {
                qualifierSet(qualifiers, set, heap);
            }
        } else {
            qualifiers.u8(1);
        }
        byte[] valueTable = valueTable(cls.lookup, ip.values, ip.rawSlots, ip.nd, heap, 3);
        byte[] nd = ndTable(ip.nd, ip.ndSpare);
        int lengthAt = out.reserve(4);
        out.u8(ip.flags).u32(classNameRef).bytes(nd).bytes(valueTable).append(qualifiers);
        heap(out, heap);
        out.patch32(lengthAt, out.size() - lengthAt);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.59 QualifierSet

    private static int qualifierSetSize(List<Wire.Qualifier> qualifiers) {
        int size = 4;
        for (Wire.Qualifier q : qualifiers) {
            size += 4 + 1 + 4 + WmioDecoder.slotSize(q.type);
        }
        return size;
    }

    private void qualifierSet(Out out, List<Wire.Qualifier> qualifiers, Out heap) {
        out.u32(qualifierSetSize(qualifiers));
        for (Wire.Qualifier q : qualifiers) {
            int dictionary = WmioDecoder.DICTIONARY.indexOf(q.name);
            int nameRef = dictionary > 0 && dictionary != 2 ? dictionary | 0x80000000 : string(heap, q.name);
            out.u32(nameRef).u8(q.flavor).u32(q.type.code());
            if (q.value == null) {
                out.u32(WmioDecoder.NULL_REF);
            } else {
                value(out, q.type, q.value, heap);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.71 EncodedValue

    private void value(Out slot, CimType type, CimValue v, Out heap) {
        if (!type.isArray()) {
            scalar(slot, type, v.value(), heap);
            return;
        }
        List<?> list = v.asList();
        CimType element = type.elementType();
        int at = heap.size();
        heap.u32(list.size());
        switch (element) {
            case STRING: case REFERENCE: case DATETIME: case OBJECT: {
                // The references first, then the items they point at.
                int refs = heap.reserve(4 * list.size());
                for (int i = 0; i < list.size(); i++) {
                    Object e = list.get(i);
                    int ref = element == CimType.OBJECT ? object(heap, (WmiObject) e) : string(heap, e.toString());
                    heap.patch32(refs + 4 * i, ref);
                }
                break;
            }
            default:
                for (Object e : list) {
                    scalar(heap, element, e, heap);
                }
        }
        slot.u32(at);
    }

    private void scalar(Out slot, CimType type, Object v, Out heap) {
        switch (type) {
            case SINT8: case UINT8: slot.u8(((Number) v).intValue()); return;
            case SINT16: case UINT16: slot.u16(((Number) v).intValue()); return;
            case CHAR16: slot.u16((Character) v); return;
            case BOOLEAN: slot.u16((Boolean) v ? 0xFFFF : 0); return;
            case SINT32: case UINT32: slot.u32((int) ((Number) v).longValue()); return;
            case REAL32: slot.u32(Float.floatToRawIntBits((Float) v)); return;
            case SINT64: case UINT64: slot.u64((Long) v); return;
            case REAL64: slot.u64(Double.doubleToRawLongBits((Double) v)); return;
            case STRING: case REFERENCE: slot.u32(string(heap, (String) v)); return;
            case DATETIME: slot.u32(string(heap, ((CimDateTime) v).toString())); return;
            case OBJECT: slot.u32(object(heap, (WmiObject) v)); return;
            default: throw new AssertionError(type);
        }
    }

    private int object(Out heap, WmiObject o) {
        Wire.ObjectBlock block = embedded.get(o);
        if (block == null) {
            block = WireConverter.fromInstance(o);
        }
        Out b = new Out();
        objectBlock(b, block);
        int at = heap.size();
        heap.u32(b.size()).append(b);
        return at;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.78 Encoded-String

    private static int string(Out heap, String s) {
        int at = heap.size();
        encodedString(heap, s);
        return at;
    }

    static void encodedString(Out out, String s) {
        boolean compressible = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new MappingException("a string holding U+0000 cannot be encoded: MS-WMIO strings (2.2.78) end at"
                        + " the first 0 character");
            }
            if (c > 0xFF) {
                compressible = false;
            }
        }
        if (compressible) {
            out.u8(0).bytes(s.getBytes(StandardCharsets.ISO_8859_1)).u8(0);
        } else {
            out.u8(1).bytes(s.getBytes(StandardCharsets.UTF_16LE)).u16(0);
        }
    }
}
