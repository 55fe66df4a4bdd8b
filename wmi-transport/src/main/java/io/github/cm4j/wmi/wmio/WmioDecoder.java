package io.github.cm4j.wmi.wmio;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes MS-WMIO bytes into the {@link Wire} model. Bounded: every count and length is checked against
 * the bytes its structure has left before anything is allocated; every part is read within its own
 * EncodingLength (bytes left over are padding, which is tolerated and recorded); work is charged to a budget
 * linear in the input ({@link Reader.Budget}); embedded objects nest at most {@link #MAX_DEPTH} levels.
 * Errors are {@link WmioFormatException}s. One decoder per input; not thread-safe.
 */
final class WmioDecoder {
    /** How deep embedded objects and method signatures may nest. */
    static final int MAX_DEPTH = 32;
    /** MS-WMIO 2.2.69: the NULL HeapRef. */
    static final int NULL_REF = 0xFFFFFFFF;
    /** MS-WMIO 2.2.80 DictionaryReference: the known strings a heap string reference with bit 31 set names. */
    static final List<String> DICTIONARY = List.of("\"", "key", "", "read", "write", "volatile", "provider",
            "dynamic", "cimwin32", "DWORD", "CIMTYPE");

    private final Reader.Budget budget;
    /**
     * Embedded objects decoded from the input, with their wire form, so a re-encode can reuse it; null until the
     * first one (most objects have none).
     */
    Map<WmiObject, Wire.ObjectBlock> embedded;
    /** Bytes skipped as padding so far: after structures within declared lengths, and uncovered heap bytes. */
    long padding;

    /** Instance class parts decoded before, by their bytes; null to decode every class part. */
    private final ClassPartCache classParts;

    WmioDecoder(Reader.Budget budget, ClassPartCache classParts) {
        this.budget = budget;
        this.classParts = classParts;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.5 ObjectBlock

    Wire.ObjectBlock objectBlock(Reader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw r.fail("objects nest deeper than " + MAX_DEPTH + " levels");
        }
        Reader blockStart = r.here();
        Wire.ObjectBlock ob = new Wire.ObjectBlock();
        ob.flags = r.u8("ObjectFlags");
        checkObjectFlags(r, ob.flags);
        if ((ob.flags & Wmio.FLAG_DECORATION) != 0) {
            Reader d = r.rest("Decoration");
            ob.server = d.encodedString("DecServerName");
            ob.namespace = d.encodedString("DecNamespaceName");
            r.skip(d.position(), "Decoration");
        }
        if (ob.isClass()) {
            // 2.2.11 ClassType = ParentClass CurrentClass, each a 2.2.14 ClassAndMethodsPart.
            Reader ct = r.rest("ClassType");
            ob.parent = classAndMethods(ct, "ParentClass", depth);
            ob.current = classAndMethods(ct, "CurrentClass", depth);
            r.skip(ct.position(), "ClassType");
        } else {
            // 2.2.53 InstanceType = CurrentClass EncodingLength InstanceFlags InstanceClassName NdTable
            //                       InstanceData InstanceQualifierSet InstanceHeap
            Reader it = r.rest("InstanceType");
            instanceClass(it, ob, blockStart);
            ob.instance = instancePart(it, ob.instanceClass, depth);
            r.skip(it.position(), "InstanceType");
        }
        ob.trailingPadding = r.remaining();
        padding += r.remaining();
        return ob;
    }

    /**
     * 2.2.3 EncodingUnitInstanceNoClass: ObjectFlags [Decoration] and the InstanceType fields after
     * CurrentClass, decoded against a class part received before.
     */
    Wire.ObjectBlock instanceNoClass(Reader r, Wire.ClassPart cls) {
        Wire.ObjectBlock ob = new Wire.ObjectBlock();
        ob.flags = r.u8("ObjectFlags");
        checkObjectFlags(r, ob.flags);
        if (ob.isClass()) {
            throw r.fail("ObjectFlags 0x" + Integer.toHexString(ob.flags) + " mark a class, but EncodingUnitInstanceNoClass"
                    + " (2.2.3) must carry an instance");
        }
        if ((ob.flags & Wmio.FLAG_DECORATION) != 0) {
            ob.server = r.encodedString("DecServerName");
            ob.namespace = r.encodedString("DecNamespaceName");
        }
        ob.instanceClass = cls;
        ob.instance = instancePart(r, cls, 0);
        ob.trailingPadding = r.remaining();
        padding += r.remaining();
        return ob;
    }

    /**
     * The CurrentClass part of an instance (2.2.53) and its core class, taken from the {@link ClassPartCache}
     * when the same bytes were decoded before. Class parts holding embedded objects (as defaults or qualifier
     * values) are not cached: the decoder tracks their wire form per input, for re-encoding.
     *
     * @param at where the object block starts, for errors converting the class to the core model
     */
    private void instanceClass(Reader it, Wire.ObjectBlock ob, Reader at) {
        int start = it.absolute();
        int length = -1;
        if (classParts != null && it.remaining() >= 4) {
            byte[] b = it.array();
            long encodingLength = (b[start] & 0xFFL) | (b[start + 1] & 0xFFL) << 8 | (b[start + 2] & 0xFFL) << 16
                    | (b[start + 3] & 0xFFL) << 24;
            // Only a length that fits is looked up; any other is left to classPart() to report.
            length = encodingLength >= 13 && encodingLength <= it.remaining() ? (int) encodingLength : -1;
            ClassPartCache.Entry hit = length < 0 ? null : classParts.get(b, start, length);
            if (hit != null) {
                it.skip(length, "CurrentClass/ClassPart");
                padding += hit.padding();
                ob.instanceClass = hit.classPart().part().movedTo(start);
                ob.decodedClass = hit.classPart();
                return;
            }
        }
        long paddingBefore = padding;
        int embeddedBefore = embedded == null ? 0 : embedded.size();
        Wire.ClassPart cp = classPart(it, "CurrentClass/ClassPart");
        WmioClassPart part = new WmioClassPart(cp, WireConverter.toClass(cp, null, at));
        ob.instanceClass = cp;
        ob.decodedClass = part;
        if (length >= 0 && (embedded == null ? 0 : embedded.size()) == embeddedBefore) {
            classParts.put(it.array(), start, length, new ClassPartCache.Entry(part, padding - paddingBefore));
        }
    }

    private static void checkObjectFlags(Reader r, int flags) {
        boolean cls = (flags & Wmio.FLAG_CLASS) != 0;
        boolean inst = (flags & Wmio.FLAG_INSTANCE) != 0;
        if (cls == inst) {
            throw r.fail("ObjectFlags 0x" + Integer.toHexString(flags) + " must set exactly one of 0x01 (class) and 0x02"
                    + " (instance) (2.2.6)");
        }
        int known = Wmio.FLAG_CLASS | Wmio.FLAG_INSTANCE | Wmio.FLAG_DECORATION | Wmio.FLAG_PROTOTYPE | Wmio.FLAG_KEYS_MISSING;
        if ((flags & ~known) != 0) {
            throw r.fail("ObjectFlags 0x" + Integer.toHexString(flags) + " has bits 2.2.6 does not define");
        }
    }

    private Wire.ClassAndMethods classAndMethods(Reader r, String name, int depth) {
        Wire.ClassPart cp = classPart(r, name + "/ClassPart");
        Wire.MethodsPart mp = methodsPart(r, name + "/MethodsPart", depth);
        return new Wire.ClassAndMethods(cp, mp);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.15 ClassPart = ClassHeader DerivationList ClassQualifierSet PropertyLookupTable
    //                    [NdTable ValueTable] ClassHeap

    /** The raw, heap-unresolved form of a qualifier read from a qualifier set. */
    private static final class RawQualifier {
        int nameRef;
        int flavor;
        CimType type;
        Reader slot;
    }

    Wire.ClassPart classPart(Reader outer, String name) {
        int startAbs = outer.absolute();
        // 2.2.16 ClassHeader = EncodingLength ReservedOctet ClassNameRef NdTableValueTableLength
        int len = outer.length(name + " EncodingLength", 13, true);
        Reader r = outer.slice(len, name);
        long paddingBefore = padding;
        Wire.ClassPart cp = new Wire.ClassPart();
        cp.sourceStart = startAbs;
        cp.sourceLength = len + 4;
        cp.reserved = r.u8("ReservedOctet");
        int nameRef = r.u32("ClassNameRef");
        int ndvtLength = r.length("NdTableValueTableLength", 0, false);
        cp.ndValueTableLength = ndvtLength;

        // 2.2.17 DerivationList = EncodingLength *ClassNameEncoding; 2.2.18 ClassNameEncoding = EncodedString EncodingLength
        int dlen = r.length("DerivationList EncodingLength", 4, true);
        Reader dl = r.slice(dlen, "DerivationList");
        while (dl.remaining() > 0) {
            int before = dl.position();
            String superclass = dl.encodedString("ClassNameEncoding");
            int encoded = dl.position() - before;
            int declared = dl.u32("ClassNameEncoding EncodingLength");
            if (declared != encoded) {
                throw dl.fail("ClassNameEncoding length " + Integer.toUnsignedLong(declared) + " does not match its "
                        + encoded + "-byte Encoded-String");
            }
            cp.derivation.add(superclass);
        }

        // 2.2.20 ClassQualifierSet
        List<RawQualifier> classQualifiers = qualifierSet(r, "ClassQualifierSet");

        // 2.2.21 PropertyLookupTable = PropertyCount *PropertyLookup
        int count = r.u32("PropertyCount");
        if (count < 0 || (long) count * 8 > r.remaining()) {
            throw r.fail("PropertyCount " + Integer.toUnsignedLong(count) + " needs " + Integer.toUnsignedLong(count) * 8
                    + " bytes of PropertyLookup but " + r.remaining() + " remain");
        }
        int[] nameRefs = new int[count];
        int[] infoRefs = new int[count];
        for (int i = 0; i < count; i++) {
            nameRefs[i] = r.u32("PropertyNameRef");
            infoRefs[i] = r.u32("PropertyInfoRef");
        }
        // 2.2.26 NdTable and 2.2.29 ValueTable, together NdTableValueTableLength bytes.
        Reader ndvt = r.slice(ndvtLength, "NdTable+ValueTable");
        int ndBytes = count == 0 ? 0 : (count - 1) / 4 + 1;
        if (ndBytes > ndvtLength) {
            throw ndvt.fail("NdTable of " + count + " properties needs " + ndBytes + " bytes but NdTableValueTableLength is "
                    + ndvtLength);
        }
        byte[] ndRaw = ndvt.bytes(ndBytes, "NdTable");
        Reader vt = ndvt.slice(ndvt.remaining(), "ValueTable");

        // 2.2.37 ClassHeap
        cp.heapLengthField = r.absolute();
        Heap heap = heap(r, "ClassHeap");

        cp.name = nameRef == NULL_REF ? null : heap.string(nameRef, "ClassNameRef");
        for (RawQualifier q : classQualifiers) {
            cp.qualifiers.add(resolve(q, heap, 0));
        }
        Set<String> seen = new HashSet<>();
        boolean[] orders = new boolean[count];
        int chain = cp.derivation.size() + 1;
        for (int i = 0; i < count; i++) {
            Wire.Property p = new Wire.Property();
            p.name = heap.string(nameRefs[i], "PropertyNameRef");
            if (!seen.add(p.name.toLowerCase(Locale.ROOT))) {
                throw r.fail("property " + p.name + " appears twice in the PropertyLookupTable");
            }
            // 2.2.30 PropertyInfo = PropertyType DeclarationOrder ValueTableOffset ClassOfOrigin PropertyQualifierSet
            Reader info = heap.at(infoRefs[i], "PropertyInfo", p.name);
            p.typeCode = info.u32("PropertyType");
            p.type = cimType(info, p.typeCode, "PropertyType");
            p.order = info.u16("DeclarationOrder");
            if (p.order >= count || orders[p.order]) {
                throw info.fail("DeclarationOrder " + p.order + " of property " + p.name + " is out of range or repeated ("
                        + count + " properties)");
            }
            orders[p.order] = true;
            p.valueTableOffset = info.u32("ValueTableOffset");
            int size = slotSize(p.type);
            if (p.valueTableOffset < 0 || (long) p.valueTableOffset + size > vt.length()) {
                throw info.fail("ValueTableOffset " + Integer.toUnsignedLong(p.valueTableOffset) + " of property " + p.name
                        + " leaves no room for its " + size + "-byte value in the " + vt.length() + "-byte ValueTable");
            }
            p.origin = info.u32("ClassOfOrigin");
            if (p.origin < 0 || p.origin >= chain) {
                throw info.fail("ClassOfOrigin " + Integer.toUnsignedLong(p.origin) + " of property " + p.name
                        + " is beyond the " + chain + "-class chain");
            }
            for (RawQualifier q : qualifierSet(info, "PropertyQualifierSet")) {
                p.qualifiers.add(resolve(q, heap, 0));
            }
            heap.cover(infoRefs[i], info.position());
            cp.lookup.add(p);
        }
        checkSlotsDisjoint(cp.lookup, r);
        cp.nd = new int[count];
        for (int i = 0; i < count; i++) {
            cp.nd[i] = (ndRaw[i / 4] >> (2 * (i % 4))) & 3;
        }
        cp.ndSpare = count % 4 == 0 ? 0 : (ndRaw[ndBytes - 1] & 0xFF) >> (2 * (count % 4));
        cp.defaults = new CimValue[count];
        cp.rawSlots = new byte[count][];
        int vtUsed = 0;
        for (Wire.Property p : cp.lookup) {
            int size = slotSize(p.type);
            vtUsed = Math.max(vtUsed, p.valueTableOffset + size);
            // 2.2.27: bit 0 = the default is NULL. Bit 1 alone (inherited, not NULL) still has the value in the
            // value table on Windows (MyClass2.Data2 in the MS-WMIO section 4 example), so it is read too.
            if ((cp.nd[p.order] & 1) == 0) {
                cp.defaults[p.order] = value(p.type, vt.window(p.valueTableOffset, size, p.name), heap, 0);
            }
            if (cp.defaults[p.order] == null) {
                // The slot carries no value: keep its bytes, which a re-encode writes back (Wire.rawSlots).
                cp.rawSlots[p.order] = vt.window(p.valueTableOffset, size, p.name).bytes(size, "value");
            }
        }
        int slack = r.remaining() + (vt.length() - vtUsed) + heap.uncovered();
        cp.heapUsed = r.remaining() == 0 && vt.length() == vtUsed ? heap.usedPrefix() : -1;
        padding += slack;
        // Exact: no padding here nor in anything nested (signatures, embedded objects).
        cp.exact = padding == paddingBefore;
        return cp;
    }

    /** Value table slots (2.2.34 ValueTableOffset) must not overlap: one value per property. */
    private static void checkSlotsDisjoint(List<Wire.Property> props, Reader r) {
        long[] slots = new long[props.size()];
        for (int i = 0; i < slots.length; i++) {
            Wire.Property p = props.get(i);
            slots[i] = (long) p.valueTableOffset << 32 | i;
        }
        Arrays.sort(slots);
        long end = 0;
        Wire.Property previous = null;
        for (long s : slots) {
            Wire.Property p = props.get((int) s);
            if (previous != null && p.valueTableOffset < end) {
                throw r.fail("the value table slots of properties " + previous.name + " and " + p.name + " overlap");
            }
            end = Math.max(end, (long) p.valueTableOffset + slotSize(p.type));
            previous = p;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.38 MethodsPart = EncodingLength MethodCount MethodCountPadding *MethodDescription MethodHeap

    Wire.MethodsPart methodsPart(Reader outer, String name, int depth) {
        int startAbs = outer.absolute();
        int len = outer.length(name + " EncodingLength", 12, true);
        Reader r = outer.slice(len, name);
        long paddingBefore = padding;
        Wire.MethodsPart mp = new Wire.MethodsPart();
        mp.sourceStart = startAbs;
        mp.sourceLength = len + 4;
        int count = r.u16("MethodCount");
        mp.countPadding = r.u16("MethodCountPadding");
        if ((long) count * 24 > r.remaining()) {
            throw r.fail("MethodCount " + count + " needs " + count * 24 + " bytes of MethodDescription but " + r.remaining()
                    + " remain");
        }
        int[][] refs = new int[count][];
        List<Wire.Method> methods = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // 2.2.41 MethodDescription = MethodName MethodFlags MethodPadding MethodOrigin MethodQualifiers
            //                            InputSignature OutputSignature
            Wire.Method m = new Wire.Method();
            int nameRef = r.u32("MethodName");
            m.flags = r.u8("MethodFlags");
            m.padding = r.bytes(3, "MethodPadding");
            m.origin = r.u32("MethodOrigin");
            refs[i] = new int[] {nameRef, r.u32("MethodQualifiers"), r.u32("InputSignature"), r.u32("OutputSignature")};
            methods.add(m);
        }
        Heap heap = heap(r, "MethodHeap");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Wire.Method m = methods.get(i);
            m.name = heap.string(refs[i][0], "MethodName");
            if (!seen.add(m.name.toLowerCase(Locale.ROOT))) {
                throw r.fail("method " + m.name + " appears twice in the MethodsPart");
            }
            if (refs[i][1] != NULL_REF) {
                // 2.2.47 HeapQualifierSetRef
                Reader q = heap.at(refs[i][1], "MethodQualifiers", m.name);
                m.qualifiers = new ArrayList<>();
                for (RawQualifier rq : qualifierSet(q, "QualifierSet")) {
                    m.qualifiers.add(resolve(rq, heap, depth));
                }
                heap.cover(refs[i][1], q.position());
            }
            m.in = signature(heap, refs[i][2], "InputSignature(" + m.name + ")", depth);
            m.out = signature(heap, refs[i][3], "OutputSignature(" + m.name + ")", depth);
            mp.methods.add(m);
        }
        int slack = r.remaining() + heap.uncovered();
        padding += slack;
        // Exact: no padding here nor in anything nested (signatures, embedded objects).
        mp.exact = padding == paddingBefore;
        return mp;
    }

    private Wire.Signature signature(Heap heap, int ref, String name, int depth) {
        if (ref == NULL_REF) {
            return null;
        }
        // 2.2.70 MethodSignatureBlock = EncodingLength [ObjectBlock]; the length counts the ObjectBlock only.
        Reader s = heap.at(ref, name);
        int len = s.length("MethodSignatureBlock EncodingLength", 0, false);
        if (len == 0) {
            heap.cover(ref, 4);
            return Wire.Signature.EMPTY;
        }
        Wire.ObjectBlock block = objectBlock(s.slice(len, "ObjectBlock"), depth + 1);
        if (!block.isClass()) {
            throw s.fail("a method signature must be a class object (the __PARAMETERS class), not an instance");
        }
        heap.cover(ref, 4 + len);
        return new Wire.Signature(block);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.53 InstanceType (after CurrentClass) and 2.2.3 EncodingUnitInstanceNoClass (same fields)

    Wire.InstancePart instancePart(Reader outer, Wire.ClassPart cls, int depth) {
        int startAbs = outer.absolute();
        int len = outer.length("InstanceType EncodingLength", 4 + 1 + 4, true);
        Reader r = outer.slice(len, "Instance");
        long paddingBefore = padding;
        Wire.InstancePart ip = new Wire.InstancePart();
        ip.sourceStart = startAbs;
        ip.sourceLength = len + 4;
        ip.flags = r.u8("InstanceFlags");
        int classNameRef = r.u32("InstanceClassName");
        int count = cls.lookup.size();
        int ndBytes = count == 0 ? 0 : (count - 1) / 4 + 1;
        int ndvtLength = cls.ndValueTableLength >= 0 ? cls.ndValueTableLength : WmioEncoder.ndValueTableLength(cls);
        Reader ndvt = r.slice(ndvtLength, "NdTable+InstanceData");
        byte[] ndRaw = ndvt.bytes(ndBytes, "NdTable");
        Reader vt = ndvt.slice(ndvt.remaining(), "InstanceData");
        // 2.2.57 InstanceQualifierSet = QualifierSet InstancePropQualifierSet
        List<RawQualifier> instQualifiers = qualifierSet(r, "InstanceQualifierSet");
        ip.propQualifierFlag = r.u8("InstPropQualSetFlag");
        List<List<RawQualifier>> propQualifiers = null;
        if (ip.propQualifierFlag == 2) {
            // 2.2.65: one QualifierSet per property, in declaration order; each set needs at least 4 bytes.
            if ((long) count * 4 > r.remaining()) {
                throw r.fail(count + " InstancePropQualifierSets need at least " + count * 4L + " bytes but " + r.remaining()
                        + " remain");
            }
            propQualifiers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                propQualifiers.add(qualifierSet(r, "InstancePropQualifierSet"));
            }
        } else if (ip.propQualifierFlag != 1) {
            throw r.fail("InstPropQualSetFlag " + ip.propQualifierFlag + " is neither 1 nor 2 (2.2.65)");
        }
        Heap heap = heap(r, "InstanceHeap");
        ip.className = heap.string(classNameRef, "InstanceClassName");
        for (RawQualifier q : instQualifiers) {
            ip.qualifiers.add(resolve(q, heap, depth));
        }
        if (propQualifiers != null) {
            ip.propQualifiers = new ArrayList<>(count);
            for (List<RawQualifier> set : propQualifiers) {
                List<Wire.Qualifier> resolved = new ArrayList<>(set.size());
                for (RawQualifier q : set) {
                    resolved.add(resolve(q, heap, depth));
                }
                ip.propQualifiers.add(resolved);
            }
        }
        ip.nd = new int[count];
        for (int i = 0; i < count; i++) {
            ip.nd[i] = (ndRaw[i / 4] >> (2 * (i % 4))) & 3;
        }
        ip.ndSpare = count % 4 == 0 ? 0 : (ndRaw[ndBytes - 1] & 0xFF) >> (2 * (count % 4));
        ip.values = new CimValue[count];
        ip.rawSlots = new byte[count][];
        int vtUsed = 0;
        Reader slot = vt.window(0, 0, null);
        for (Wire.Property p : cls.lookup) {
            int size = slotSize(p.type);
            if ((long) p.valueTableOffset + size > vt.length()) {
                throw vt.fail("the value of property " + p.name + " at ValueTableOffset " + p.valueTableOffset
                        + " does not fit the " + vt.length() + "-byte InstanceData");
            }
            vtUsed = Math.max(vtUsed, p.valueTableOffset + size);
            // 2.2.27 for instances: bit 1 = the instance takes the class default; bit 0 = NULL; the value table
            // slot is ignored when either is set.
            if (ip.nd[p.order] == 0) {
                ip.values[p.order] = value(p.type, slot.moveWindow(p.valueTableOffset, size, p.name), heap, depth);
            }
            if (ip.values[p.order] == null) {
                // The slot carries no value: keep its bytes, which a re-encode writes back (Wire.rawSlots).
                ip.rawSlots[p.order] = slot.moveWindow(p.valueTableOffset, size, p.name).bytes(size, "value");
            }
        }
        int slack = r.remaining() + (vt.length() - vtUsed) + heap.uncovered();
        padding += slack;
        // Exact: no padding here nor in anything nested (signatures, embedded objects).
        ip.exact = padding == paddingBefore;
        return ip;
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.59 QualifierSet = EncodingLength *Qualifier; 2.2.60 Qualifier = QualifierName QualifierFlavor
    //                                                   QualifierType QualifierValue

    private List<RawQualifier> qualifierSet(Reader outer, String name) {
        int len = outer.length(name + " EncodingLength", 4, true);
        Reader r = outer.slice(len, name);
        List<RawQualifier> out = new ArrayList<>();
        while (r.remaining() > 0) {
            RawQualifier q = new RawQualifier();
            q.nameRef = r.u32("QualifierName");
            q.flavor = r.u8("QualifierFlavor");
            int typeCode = r.u32("QualifierType");
            // The Inherited flag has no meaning on a qualifier type; Windows does not set it, tolerate it.
            q.type = cimType(r, typeCode & ~CimType.INHERITED_FLAG, "QualifierType");
            q.slot = r.slice(slotSize(q.type), "QualifierValue");
            out.add(q);
        }
        return out;
    }

    private Wire.Qualifier resolve(RawQualifier q, Heap heap, int depth) {
        String name = heap.string(q.nameRef, "QualifierName");
        CimValue v = value(q.type, q.slot, heap, depth);
        return new Wire.Qualifier(name, q.flavor, q.type, v);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.66 Heap = HeapLength *HeapItem; HeapLength has its most significant bit set.

    private Heap heap(Reader r, String name) {
        int raw = r.u32(name + " HeapLength");
        int len = raw & 0x7FFFFFFF;
        if (len > r.remaining()) {
            throw r.fail(name + " HeapLength " + len + " exceeds the " + r.remaining() + " bytes left in its part");
        }
        return new Heap(r.slice(len, name));
    }

    /** A heap region: resolves references, and records which bytes they cover (for the exactness check). */
    final class Heap {
        private final Reader region;
        private int[] covered = new int[16];
        private int coveredCount;
        /**
         * While references arrive in offset order (as in the heaps Windows and cm4j lay out), the uncovered
         * bytes are counted as they come and {@link #uncovered()} need not sort.
         */
        private boolean inOrder = true;
        private long lastStart;
        private long coveredEnd;
        private long gaps;

        Heap(Reader region) {
            this.region = region;
        }

        Reader at(int ref, String name) {
            return region.at(Integer.toUnsignedLong(ref), name, null);
        }

        Reader at(int ref, String name, String detail) {
            return region.at(Integer.toUnsignedLong(ref), name, detail);
        }

        /** 2.2.68 HeapStringRef: a heap offset, or with bit 31 set a 2.2.80 DictionaryReference. */
        String string(int ref, String name) {
            if (ref == NULL_REF) {
                throw region.fail(name + " is the NULL reference where a string is required");
            }
            if (ref < 0) {
                int index = ref & 0x7FFFFFFF;
                if (index >= DICTIONARY.size()) {
                    throw region.fail(name + " DictionaryReference " + index + " is not one of the " + DICTIONARY.size()
                            + " known strings (2.2.80)");
                }
                return DICTIONARY.get(index);
            }
            String fast = region.encodedStringAt(Integer.toUnsignedLong(ref));
            if (fast != null) {
                cover(ref, region.lastStringLength());
                return fast;
            }
            // Malformed or out of the budget: read it again through a reader, which names what is wrong.
            Reader s = at(ref, name);
            String v = s.encodedString(name);
            cover(ref, s.position());
            return v;
        }

        void cover(int start, int length) {
            if (coveredCount + 2 > covered.length) {
                covered = Arrays.copyOf(covered, covered.length * 2);
            }
            covered[coveredCount++] = start;
            covered[coveredCount++] = length;
            long from = Integer.toUnsignedLong(start);
            if (inOrder && from >= lastStart) {
                lastStart = from;
                if (from > coveredEnd) {
                    gaps += from - coveredEnd;
                }
                coveredEnd = Math.max(coveredEnd, from + Integer.toUnsignedLong(length));
            } else {
                inOrder = false;
            }
        }

        /** @return the length of the covered heap when every uncovered byte is at its end, else -1 */
        int usedPrefix() {
            int total = uncovered();
            int n = coveredCount / 2;
            long end = 0;
            for (int i = 0; i < n; i++) {
                end = Math.max(end, (long) covered[2 * i] + covered[2 * i + 1]);
            }
            return region.length() - end == total ? (int) end : -1;
        }

        /** @return the heap bytes no reference covers (slack Windows leaves after edits), 0 for a compact heap */
        int uncovered() {
            if (inOrder) {
                return (int) (gaps + Math.max(0, region.length() - coveredEnd));
            }
            int n = coveredCount / 2;
            long[] spans = new long[n];
            for (int i = 0; i < n; i++) {
                spans[i] = (long) covered[2 * i] << 32 | covered[2 * i + 1];
            }
            Arrays.sort(spans);
            long end = 0;
            long gaps = 0;
            for (long s : spans) {
                long start = s >>> 32;
                long stop = start + (s & 0xFFFFFFFFL);
                if (start > end) {
                    gaps += start - end;
                }
                end = Math.max(end, stop);
            }
            return (int) (gaps + Math.max(0, region.length() - end));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2.2.82 CimType and 2.2.71 EncodedValue

    static CimType cimType(Reader r, int code, String what) {
        Optional<CimType> t = CimType.fromCode(code);
        if (t.isEmpty()) {
            throw r.fail(what + " 0x" + Integer.toHexString(code) + " is not a CIM type (2.2.82)");
        }
        return t.get();
    }

    /** @return the bytes a value of the type takes in a value table or qualifier (2.2.71 EncodedValue) */
    static int slotSize(CimType type) {
        if (type.isArray()) {
            return 4;
        }
        switch (type) {
            case SINT8: case UINT8:
                return 1;
            case SINT16: case UINT16: case CHAR16: case BOOLEAN:
                return 2;
            case SINT64: case UINT64: case REAL64:
                return 8;
            default:
                return 4;
        }
    }

    /**
     * Decodes an EncodedValue (2.2.71) from its slot: numbers inline, everything else through a HeapRef.
     *
     * @return the value, or null for a NULL heap reference
     */
    CimValue value(CimType type, Reader slot, Heap heap, int depth) {
        if (!type.isArray()) {
            switch (type) {
                case SINT8: return CimValue.sint8((byte) slot.u8("sint8"));
                case UINT8: return CimValue.uint8(slot.u8("uint8"));
                case SINT16: return CimValue.sint16((short) slot.u16("sint16"));
                case UINT16: return CimValue.uint16(slot.u16("uint16"));
                case CHAR16: return CimValue.char16((char) slot.u16("char16"));
                // 2.2.71: boolean is 2 octets, 0xFFFF TRUE and 0x0000 FALSE; any non-zero reads as TRUE.
                case BOOLEAN: return CimValue.bool(slot.u16("boolean") != 0);
                case SINT32: return CimValue.sint32(slot.u32("sint32"));
                case UINT32: return CimValue.uint32(Integer.toUnsignedLong(slot.u32("uint32")));
                case REAL32: return CimValue.real32(Float.intBitsToFloat(slot.u32("real32")));
                case SINT64: return CimValue.sint64(slot.u64("sint64"));
                case UINT64: return CimValue.uint64Bits(slot.u64("uint64"));
                case REAL64: return CimValue.real64(Double.longBitsToDouble(slot.u64("real64")));
                default:
                    break;
            }
        }
        int ref = slot.u32("HeapRef");
        if (ref == NULL_REF) {
            return null;
        }
        if (!type.isArray()) {
            switch (type) {
                case STRING: return CimValue.string(heap.string(ref, "string"));
                case REFERENCE: return CimValue.of(CimType.REFERENCE, heap.string(ref, "reference"));
                case DATETIME: return CimValue.datetime(datetime(slot, heap.string(ref, "datetime")));
                case OBJECT: return CimValue.object(embeddedObject(heap, ref, depth));
                default:
                    throw new AssertionError(type);
            }
        }
        // Arrays: a HeapRef to a uint32 count and the elements; string and object elements are HeapRefs in turn
        // (followed wherever they point: Windows happens to place them after the array, the format does not say so).
        Reader a = heap.at(ref, type + " value");
        long n = Integer.toUnsignedLong(a.u32("array count"));
        CimType element = type.elementType();
        int size = slotSize(element);
        if (n * size > a.remaining()) {
            throw a.fail(type + " of " + n + " elements needs " + n * size + " bytes but " + a.remaining()
                    + " remain in the heap");
        }
        // Covered before the elements are read, so that the heap's references usually arrive in offset order
        // (Windows places element strings after the array) and Heap.uncovered() has nothing to sort.
        heap.cover(ref, 4 + (int) n * size);
        List<Object> list = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            // Each element reads exactly its slotSize bytes from a, which holds n * size of them (checked above).
            CimValue e = value(element, a, heap, depth);
            if (e == null) {
                throw a.fail(type + " element " + i + " is the NULL reference; CIM arrays cannot hold NULL");
            }
            Object v = e.value();
            if (element == CimType.UINT64 && (Long) v < 0) {
                v = new BigInteger(Long.toUnsignedString((Long) v));
            }
            list.add(v);
        }
        try {
            return CimValue.of(type, list);
        } catch (ConfigMgrException e) {
            throw a.fail("cannot build a " + type + " value: " + e.getMessage(), e);
        }
    }

    private static CimDateTime datetime(Reader at, String text) {
        try {
            return CimDateTime.parse(text);
        } catch (ConfigMgrException | IllegalArgumentException e) {
            throw at.fail("datetime value " + CimValue.quote(text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + " is not a DMTF datetime or interval", e);
        }
    }

    /** An embedded object value: a HeapRef to ObjectEncodingLength (2.2.4) and an ObjectBlock (2.2.5). */
    private WmiObject embeddedObject(Heap heap, int ref, int depth) {
        Reader o = heap.at(ref, "object");
        int len = o.length("ObjectEncodingLength", 1, false);
        heap.cover(ref, 4 + len);
        Wire.ObjectBlock block = objectBlock(o.slice(len, "ObjectBlock"), depth + 1);
        if (block.isClass()) {
            throw o.fail("an embedded object that is a class definition is not supported (cm4j values hold instances)");
        }
        WmiObject obj = WireConverter.toInstance(block, block.decodedClass.wmiClass(), o);
        if (embedded == null) {
            embedded = new IdentityHashMap<>();
        }
        embedded.put(obj, block);
        return obj;
    }
}
