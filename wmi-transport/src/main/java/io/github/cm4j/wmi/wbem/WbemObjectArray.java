package io.github.cm4j.wmi.wbem;

import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.wmi.ndr.Guids;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioClassPart;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The ObjectArray (MS-WMI 2.2.14): the {@code WBEMDATA} buffer that {@code IWbemWCOSmartEnum::Next} returns and
 * the optimized {@code IWbemObjectSink::Indicate} carries. Its objects are WBEM_DATAPACKET_OBJECTs (2.2.14.1)
 * holding a class (WBEMOBJECT_CLASS, 2.2.14.2), an instance with its class part (WBEMOBJECT_INSTANCE, 2.2.14.3)
 * or, for later instances of a class already sent, an instance without it (WBEMOBJECT_INSTANCE_NOCLASS,
 * 2.2.14.4) matched by the classID GUID. The {@link ClassCache} keeps those class parts across calls of one
 * enumerator: pass the same cache to every {@link #decode} of an enumeration (and to every {@link #encode} of
 * one on the serving side).
 *
 * <p>Choices: dwByteOrdering must be 0 (little-endian; big-endian is not supported); abSignature must be
 * {@code WBEMDATA}; the header sizes must be the fixed values of the specification (0x1A, 8, 12, 9, 8, 0x18);
 * dwFlags and bVersion are written 0 and 1 and not checked on receipt; every declared size is checked
 * against what remains and bounds what it describes (bytes after the objects inside a size are ignored); an
 * INSTANCE_NOCLASS whose classID has not been seen is an error (2.2.14.4: "MUST be treated as an error").
 */
public final class WbemObjectArray {
    /** bPacketType of an optimized IWbemObjectSink::Indicate. */
    public static final int PACKET_INDICATE = 0;
    /** bPacketType of an IWbemWCOSmartEnum::Next. */
    public static final int PACKET_SMART_ENUM_NEXT = 1;
    /** bObjectType: WBEMOBJECT_CLASS. */
    public static final int OBJECT_CLASS = 1;
    /** bObjectType: WBEMOBJECT_INSTANCE. */
    public static final int OBJECT_INSTANCE = 2;
    /** bObjectType: WBEMOBJECT_INSTANCE_NOCLASS. */
    public static final int OBJECT_INSTANCE_NOCLASS = 3;
    private static final byte[] SIGNATURE = "WBEMDATA".getBytes(StandardCharsets.US_ASCII);

    private WbemObjectArray() {
    }

    /**
     * The class parts of one enumeration, by classID, kept across calls. A decoding side fills it from
     * WBEMOBJECT_INSTANCE packets; an encoding side assigns a random GUID to each class the first time it
     * sends one. Holds at most {@link #MAX_CLASSES} classes. Thread-safe.
     */
    public static final class ClassCache {
        /** The most classes one cache holds. */
        public static final int MAX_CLASSES = 10_000;
        private final Map<UUID, WmioClassPart> parts = new HashMap<>();
        private final Map<WmiClass, UUID> ids = new HashMap<>();
        private final Supplier<UUID> newId;

        /** A cache assigning random class IDs, as 2.2.14 asks. */
        public ClassCache() {
            this(UUID::randomUUID);
        }

        /** @param newId the source of class IDs for classes encoded the first time (tests use a fixed one) */
        public ClassCache(Supplier<UUID> newId) {
            this.newId = Objects.requireNonNull(newId, "newId");
        }

        synchronized WmioClassPart get(UUID id) {
            return parts.get(id);
        }

        synchronized void put(UUID id, WmioClassPart part, long at) {
            if (!parts.containsKey(id) && parts.size() >= MAX_CLASSES) {
                throw new WmioFormatException("ObjectArray", at, "more than " + MAX_CLASSES + " classes in one enumeration");
            }
            parts.put(id, part);
        }

        /** @return the ID of a class already sent, or null */
        synchronized UUID sent(WmiClass c) {
            return ids.get(c);
        }

        synchronized UUID assign(WmiClass c) {
            if (ids.size() >= MAX_CLASSES) {
                throw new IllegalStateException("more than " + MAX_CLASSES + " classes in one enumeration");
            }
            UUID id = newId.get();
            ids.put(c, id);
            return id;
        }

        /** @return how many classes the cache holds */
        public synchronized int size() {
            return Math.max(parts.size(), ids.size());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // decode

    /**
     * Decodes an ObjectArray.
     *
     * @param buf the buffer (the byte array an IWbemWCOSmartEnum::Next returns)
     * @param cache the class cache of the enumeration
     * @return the objects, in order
     * @throws WmioFormatException when the buffer or an object in it is malformed, or an instance refers to a
     *         class that was not sent
     */
    public static List<WmioObject> decode(byte[] buf, ClassCache cache) {
        Objects.requireNonNull(cache, "cache");
        Region all = new Region(buf, 0, buf.length, "ObjectArray");
        if (all.u32("dwByteOrdering") != 0) {
            throw new WmioFormatException("ObjectArray", 0, "dwByteOrdering is not 0 (little-endian)");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (all.u8("abSignature") != (SIGNATURE[i] & 0xFF)) {
                throw new WmioFormatException("ObjectArray", 4, "abSignature is not WBEMDATA");
            }
        }
        all.expect("dwSizeOfHeader1", 0x1A);
        long size1 = all.u32("dwDataSize1");
        all.u32("dwFlags");
        all.u8("bVersion");
        all.u8("bPacketType");
        Region r1 = all.sub(size1, "data");
        r1.expect("dwSizeOfHeader2", 8);
        Region r2 = r1.sub(r1.u32("dwDataSize2"), "data");
        r2.expect("dwSizeOfHeader3", 12);
        long size3 = r2.u32("dwDataSize3");
        long count = r2.u32("dwNumObjects");
        Region objects = r2.sub(size3, "wbemObjects");
        if (count * 9 > objects.remaining()) {
            throw objects.fail("dwNumObjects " + count + " needs at least " + count * 9 + " bytes but " + objects.remaining()
                    + " remain");
        }
        List<WmioObject> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            // 2.2.14.1 WBEM_DATAPACKET_OBJECT = dwSizeOfHeader(9) dwSizeOfData bObjectType Object
            objects.expect("dwSizeOfHeader", 9);
            long size = objects.u32("dwSizeOfData");
            int type = objects.u8("bObjectType");
            Region o = objects.sub(size, "WBEM_DATAPACKET_OBJECT[" + i + "]");
            UUID classId = null;
            if (type == OBJECT_CLASS) {
                o.expect("dwSizeOfHeader", 8); // 2.2.14.2 WBEMOBJECT_CLASS
            } else if (type == OBJECT_INSTANCE || type == OBJECT_INSTANCE_NOCLASS) {
                o.expect("dwSizeOfHeader", 0x18); // 2.2.14.3 / 2.2.14.4
            } else {
                throw o.fail("bObjectType " + type + " is not 1, 2 or 3");
            }
            long dataSize = o.u32("dwSizeOfData");
            if (type != OBJECT_CLASS) {
                o.need(16, "classID");
                classId = Guids.read(buf, o.pos);
                o.pos += 16;
            }
            Region data = o.sub(dataSize, "ObjectData");
            WmioObject obj;
            try {
                if (type == OBJECT_INSTANCE_NOCLASS) {
                    WmioClassPart part = cache.get(classId);
                    if (part == null) {
                        throw data.fail("WBEMOBJECT_INSTANCE_NOCLASS refers to class " + classId + ", which no"
                                + " WBEMOBJECT_INSTANCE of this enumeration carried");
                    }
                    obj = Wmio.decodeInstanceNoClass(buf, data.start, data.length(), part);
                } else {
                    obj = Wmio.decodeObjectBlock(buf, data.start, data.length());
                    if (type == OBJECT_CLASS != obj.isClass()) {
                        throw data.fail("bObjectType " + type + " does not match an object that is "
                                + (obj.isClass() ? "a class" : "an instance"));
                    }
                }
            } catch (WmioFormatException e) {
                if (e.structure().startsWith("ObjectArray")) {
                    throw e;
                }
                throw new WmioFormatException(data.name + "/" + e.structure(), data.start + e.offset(), e.problem(), e);
            }
            if (type == OBJECT_INSTANCE) {
                cache.put(classId, obj.classPart(), data.start);
            }
            out.add(obj);
        }
        return out;
    }

    /** A bounded region of the buffer with a cursor. */
    private static final class Region {
        final byte[] buf;
        final int start;
        final int end;
        final String name;
        int pos;

        Region(byte[] buf, int start, int end, String name) {
            this.buf = buf;
            this.start = start;
            this.end = end;
            this.name = name;
            this.pos = start;
        }

        int length() {
            return end - start;
        }

        long remaining() {
            return end - pos;
        }

        WmioFormatException fail(String problem) {
            return new WmioFormatException(name, pos, problem);
        }

        void need(long n, String what) {
            if (n > remaining()) {
                throw fail(what + " needs " + n + " bytes but " + remaining() + " remain");
            }
        }

        int u8(String what) {
            need(1, what);
            return buf[pos++] & 0xFF;
        }

        long u32(String what) {
            need(4, what);
            long v = (buf[pos] & 0xFFL) | (buf[pos + 1] & 0xFFL) << 8 | (buf[pos + 2] & 0xFFL) << 16 | (buf[pos + 3] & 0xFFL) << 24;
            pos += 4;
            return v;
        }

        void expect(String what, long value) {
            int at = pos;
            long v = u32(what);
            if (v != value) {
                pos = at;
                throw fail(what + " is " + v + ", not " + value);
            }
        }

        Region sub(long n, String child) {
            need(n, child);
            Region r = new Region(buf, pos, pos + (int) n, name + "/" + child);
            pos += (int) n;
            return r;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // encode

    /**
     * Encodes an ObjectArray: each class as a WBEMOBJECT_CLASS; each instance as a WBEMOBJECT_INSTANCE the first
     * time its class is sent through this cache, then as a WBEMOBJECT_INSTANCE_NOCLASS.
     *
     * @param objects {@link WmiObject}s and {@link WmiClass}es
     * @param packetType {@link #PACKET_SMART_ENUM_NEXT} or {@link #PACKET_INDICATE}
     * @param cache the class cache of the enumeration
     * @return the buffer
     * @throws IllegalArgumentException for objects of other types
     */
    public static byte[] encode(List<?> objects, int packetType, ClassCache cache) {
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        for (Object o : objects) {
            byte[] body;
            int type;
            if (o instanceof WmiClass) {
                byte[] data = Wmio.encodeObjectBlock((WmiClass) o);
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                u32(b, 8);
                u32(b, data.length);
                b.writeBytes(data);
                body = b.toByteArray();
                type = OBJECT_CLASS;
            } else if (o instanceof WmiObject) {
                WmiObject instance = (WmiObject) o;
                UUID id = cache.sent(instance.wmiClass());
                byte[] data;
                if (id == null) {
                    id = cache.assign(instance.wmiClass());
                    data = Wmio.encodeObjectBlock(instance);
                    type = OBJECT_INSTANCE;
                } else {
                    data = Wmio.encodeInstanceNoClass(instance);
                    type = OBJECT_INSTANCE_NOCLASS;
                }
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                u32(b, 0x18);
                u32(b, data.length);
                b.writeBytes(Guids.bytes(id));
                b.writeBytes(data);
                body = b.toByteArray();
            } else {
                throw new IllegalArgumentException("an ObjectArray holds WmiObject and WmiClass values, not "
                        + (o == null ? "null" : o.getClass().getName()));
            }
            u32(packets, 9);
            u32(packets, body.length);
            packets.write(type);
            packets.writeBytes(body);
        }
        byte[] wbemObjects = packets.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0);
        out.writeBytes(SIGNATURE);
        u32(out, 0x1A);
        u32(out, 8 + 12 + wbemObjects.length); // dwDataSize1: from dwSizeOfHeader2 on
        u32(out, 0);
        out.write(1);
        out.write(packetType);
        u32(out, 8);
        u32(out, 12 + wbemObjects.length); // dwDataSize2: what follows it
        u32(out, 12);
        u32(out, wbemObjects.length); // dwDataSize3: from wbemObjects on
        u32(out, objects.size());
        out.writeBytes(wbemObjects);
        return out.toByteArray();
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
