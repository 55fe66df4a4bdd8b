package io.github.cm4j.wmi.wbem;

import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.ndr.Guids;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The {@code IWbemContext} marshaling buffer (MS-WMI 2.2.13.1 IWbemContextBuffer) and its OBJREF_CUSTOM
 * (unmarshaler CLSID {674B6698-EE92-11D0-AD71-00C04FD8FDFF}, MS-WMI 2.2.13): how the named values of a
 * {@link WmiContext} (the site control file {@code SessionHandle}, {@code __ProviderArchitecture}, ...) travel
 * with a call. No other open-source client encodes it; this follows the specification, choice by choice:
 *
 * <ul>
 *   <li>2.2.13.1 {@code IWbemContextBuffer = NumGuids *GUID NumProps *IWbemContextProperty}: NumGuids is
 *       written 1 with one GUID (the context's identity; random unless given); on receipt any NumGuids whose
 *       GUIDs fit is accepted and the first GUID kept;</li>
 *   <li>2.2.13.2 {@code IWbemContextProperty = PropertyName PropertyFlags PropertyType PropertyValue}:
 *       PropertyFlags written 0 and ignored on receipt; PropertyType a 16-bit VARTYPE (MS-OAUT 2.2.7);</li>
 *   <li>2.2.13.3 {@code IWbemContextString = StringLength *UnicodeCharacter}: a 32-bit character count, UTF-16LE,
 *       no terminating NUL;</li>
 *   <li>scalar values: VT_BSTR as an IWbemContextString, VT_NULL as nothing, VT_R8 as 8 bytes, every other
 *       type as 8 bytes whose first 1, 2 or 4 hold the value (the rest written 0, ignored on receipt);</li>
 *   <li>2.2.13.4 {@code IWbemContextArray = ElementCount ElementSize *Elements} for VT_ARRAY|type: VT_I1/UI1
 *       1 byte, VT_I2/UI2/BOOL 2, VT_I4/UI4 4, VT_R4 8 (4 bytes of value, as the table says), VT_R8 8, VT_BSTR
 *       IWbemContextString elements with ElementSize written 8 (the 64-bit value of note 4; any accepted on
 *       receipt); for fixed-size types the received ElementSize must be the table's (VT_R4: 4 or 8);</li>
 *   <li>VT_BOOL is VARIANT_TRUE 0xFFFF / VARIANT_FALSE 0; any non-zero reads as TRUE.</li>
 * </ul>
 *
 * <p>CIM types to VARTYPE: sint8 VT_I1, uint8 VT_UI1, sint16 VT_I2, uint16 VT_UI2, sint32 VT_I4, uint32 VT_UI4,
 * real32 VT_R4, real64 VT_R8, boolean VT_BOOL, string VT_BSTR; sint64, uint64 and datetime go as VT_BSTR text
 * (the WMI scripting convention, there being no VT_I8 in 2.2.13.2's list) and char16 as VT_UI2; these four
 * therefore come back as string and uint16. Arrays map element-wise. On receipt VT_NULL values are dropped (a
 * {@link WmiContext} holds no NULL) and VT_UNKNOWN (an embedded IWbemClassObject) is refused with a
 * {@link WmioFormatException}, as are unknown VARTYPEs. Limits: at most {@link #MAX_PROPERTIES} values, names and
 * strings bounded by the buffer.
 */
public final class WbemContextCodec {
    /** VARTYPE codes (MS-OAUT 2.2.7) used by IWbemContext. */
    public static final int VT_NULL = 1;
    /** VT_I2. */
    public static final int VT_I2 = 2;
    /** VT_I4. */
    public static final int VT_I4 = 3;
    /** VT_R4. */
    public static final int VT_R4 = 4;
    /** VT_R8. */
    public static final int VT_R8 = 5;
    /** VT_BSTR. */
    public static final int VT_BSTR = 8;
    /** VT_BOOL. */
    public static final int VT_BOOL = 11;
    /** VT_UNKNOWN. */
    public static final int VT_UNKNOWN = 13;
    /** VT_I1. */
    public static final int VT_I1 = 16;
    /** VT_UI1. */
    public static final int VT_UI1 = 17;
    /** VT_UI2. */
    public static final int VT_UI2 = 18;
    /** VT_UI4. */
    public static final int VT_UI4 = 19;
    /** VT_ARRAY flag. */
    public static final int VT_ARRAY = 0x2000;
    /** The most context values decoded from one buffer. */
    public static final int MAX_PROPERTIES = 4096;

    /**
     * A decoded buffer: its GUID and values.
     *
     * @param guid the first GUID of the buffer
     * @param context the values
     */
    public record Decoded(UUID guid, WmiContext context) {
    }

    private WbemContextCodec() {
    }

    // ---------------------------------------------------------------------------------------------------------
    // OBJREF_CUSTOM

    /**
     * @param context the values
     * @return the OBJREF_CUSTOM for an {@code IWbemContext} parameter (IID {44ACA674-...}, CLSID {674B6698-...})
     */
    public static byte[] marshal(WmiContext context) {
        return ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CONTEXT, ObjRefCustom.CLSID_WBEM_CONTEXT, encode(context, UUID.randomUUID()))
                .encode();
    }

    /**
     * The OBJREF_CUSTOM of a context as the MS-WMI message records send it: the buffer's GUID is derived from the
     * values (a name-based UUID of the buffer encoded with the nil GUID), so that a message encodes to the same bytes
     * every time and equal contexts carry the same GUID.
     *
     * @param context the values
     * @return the OBJREF_CUSTOM
     */
    public static ObjRefCustom objRef(WmiContext context) {
        UUID guid = UUID.nameUUIDFromBytes(encode(context, new UUID(0, 0)));
        return ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CONTEXT, ObjRefCustom.CLSID_WBEM_CONTEXT, encode(context, guid));
    }

    /**
     * @param objref an OBJREF_CUSTOM of an {@code IWbemContext}
     * @return the values; error offsets count from the start of the OBJREF
     * @throws WmioFormatException when the reference or the buffer is malformed or has another CLSID
     */
    public static WmiContext unmarshal(byte[] objref) {
        ObjRefCustom ref = ObjRefCustom.decode(objref).require(ObjRefCustom.IID_IWBEM_CONTEXT, ObjRefCustom.CLSID_WBEM_CONTEXT);
        try {
            return decode(ref.objectData()).context();
        } catch (WmioFormatException e) {
            throw new WmioFormatException("OBJREF_CUSTOM/pObjectData/" + e.structure(), ObjRefCustom.HEADER_LENGTH + e.offset(),
                    e.problem(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // encode

    /**
     * Encodes an IWbemContextBuffer (2.2.13.1).
     *
     * @param context the values
     * @param guid the GUID written as the single GUID
     * @return the buffer
     * @throws MappingException when a value has a type IWbemContext cannot carry (object, reference)
     */
    public static byte[] encode(WmiContext context, UUID guid) {
        Objects.requireNonNull(guid, "guid");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 1);
        out.writeBytes(Guids.bytes(guid));
        u32(out, context.entries().size());
        for (WmiContext.Entry e : context.entries()) {
            string(out, e.name());
            u32(out, 0);
            CimValue v = e.value();
            CimType element = v.type().elementType();
            int vt = vartype(e.name(), element);
            if (v.isArray()) {
                u16(out, vt | VT_ARRAY);
                List<?> list = v.asList();
                u32(out, list.size());
                u32(out, arrayElementSize(vt));
                for (Object x : list) {
                    element(out, vt, element, x, true);
                }
            } else {
                u16(out, vt);
                element(out, vt, element, v.value(), false);
            }
        }
        return out.toByteArray();
    }

    private static int vartype(String name, CimType t) {
        switch (t) {
            case SINT8: return VT_I1;
            case UINT8: return VT_UI1;
            case SINT16: return VT_I2;
            case UINT16: case CHAR16: return VT_UI2;
            case SINT32: return VT_I4;
            case UINT32: return VT_UI4;
            case REAL32: return VT_R4;
            case REAL64: return VT_R8;
            case BOOLEAN: return VT_BOOL;
            case STRING: case SINT64: case UINT64: case DATETIME: return VT_BSTR;
            default:
                throw new MappingException("context value " + name + " of type " + t + " cannot travel in an IWbemContext");
        }
    }

    private static int arrayElementSize(int vt) {
        switch (vt) {
            case VT_I1: case VT_UI1: return 1;
            case VT_I2: case VT_UI2: case VT_BOOL: return 2;
            case VT_I4: case VT_UI4: return 4;
            default: return 8; // VT_R4 (2.2.13.4 table), VT_R8, VT_BSTR (note 4: 64-bit)
        }
    }

    private static void element(ByteArrayOutputStream out, int vt, CimType t, Object v, boolean inArray) {
        if (vt == VT_BSTR) {
            String text = t == CimType.UINT64 ? Long.toUnsignedString((Long) v) : v.toString();
            string(out, text);
            return;
        }
        long bits;
        switch (vt) {
            case VT_BOOL: bits = (Boolean) v ? 0xFFFF : 0; break;
            case VT_R4: bits = Float.floatToRawIntBits((Float) v) & 0xFFFFFFFFL; break;
            case VT_R8: bits = Double.doubleToRawLongBits((Double) v); break;
            case VT_UI2: bits = t == CimType.CHAR16 ? (Character) v : ((Number) v).longValue(); break;
            default: bits = ((Number) v).longValue();
        }
        int width = inArray ? arrayElementSize(vt) : 8;
        for (int i = 0; i < width; i++) {
            int valueBytes = vt == VT_R8 ? 8 : vt == VT_R4 ? 4 : Math.min(arrayElementSize(vt), 4);
            out.write(i < valueBytes ? (int) (bits >>> (8 * i)) : 0);
        }
    }

    private static void string(ByteArrayOutputStream out, String s) {
        u32(out, s.length());
        out.writeBytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    // ---------------------------------------------------------------------------------------------------------
    // decode

    /**
     * Decodes an IWbemContextBuffer (2.2.13.1). Bytes after the last property are ignored.
     *
     * @param buffer the pObjectData of the OBJREF_CUSTOM
     * @return the GUID and the values
     * @throws WmioFormatException when the buffer is malformed, too large, or holds a VT_UNKNOWN
     */
    public static Decoded decode(byte[] buffer) {
        Cursor c = new Cursor(buffer);
        long guids = c.u32("NumGuids");
        if (guids * 16 > c.remaining()) {
            throw c.fail("NumGuids " + guids + " needs " + guids * 16 + " bytes but " + c.remaining() + " remain");
        }
        UUID guid = guids == 0 ? null : Guids.read(buffer, c.pos);
        c.pos += (int) guids * 16;
        long count = c.u32("NumProps");
        if (count > MAX_PROPERTIES || count * 10 > c.remaining()) {
            throw c.fail("NumProps " + count + " is more than " + MAX_PROPERTIES + " or than the "
                    + c.remaining() + " remaining bytes can hold");
        }
        WmiContext context = WmiContext.empty();
        for (long i = 0; i < count; i++) {
            String name = c.string("PropertyName");
            c.u32("PropertyFlags");
            int at = c.pos;
            int vt = c.u16("PropertyType");
            CimValue value = (vt & VT_ARRAY) != 0 ? array(c, vt & ~VT_ARRAY, at) : scalar(c, vt, at);
            if (value == null) {
                continue; // VT_NULL: a WmiContext holds no NULL
            }
            try {
                context = context.with(name, value);
            } catch (ConfigMgrException | IllegalArgumentException e) {
                throw new WmioFormatException("IWbemContextBuffer", at, "context value " + name + ": " + e.getMessage(), e);
            }
        }
        return new Decoded(guid, context);
    }

    private static CimValue scalar(Cursor c, int vt, int at) {
        switch (vt) {
            case VT_NULL: return null;
            case VT_BSTR: return CimValue.string(c.string("VT_BSTR"));
            case VT_R8: return CimValue.real64(Double.longBitsToDouble(c.u64("VT_R8")));
            default:
                break;
        }
        CimType t = cimType(c, vt, at);
        long bits = c.u64(t + " value");
        return fixed(t, bits);
    }

    private static CimType cimType(Cursor c, int vt, int at) {
        switch (vt) {
            case VT_I1: return CimType.SINT8;
            case VT_UI1: return CimType.UINT8;
            case VT_I2: return CimType.SINT16;
            case VT_UI2: return CimType.UINT16;
            case VT_I4: return CimType.SINT32;
            case VT_UI4: return CimType.UINT32;
            case VT_R4: return CimType.REAL32;
            case VT_R8: return CimType.REAL64;
            case VT_BOOL: return CimType.BOOLEAN;
            case VT_BSTR: return CimType.STRING;
            case VT_UNKNOWN:
                throw new WmioFormatException("IWbemContextProperty", at, "VT_UNKNOWN (an embedded IWbemClassObject) is not"
                        + " supported in context values");
            default:
                throw new WmioFormatException("IWbemContextProperty", at, "PropertyType 0x" + Integer.toHexString(vt)
                        + " is not one of the VARTYPEs 2.2.13.2 allows");
        }
    }

    private static CimValue fixed(CimType t, long bits) {
        switch (t) {
            case SINT8: return CimValue.sint8((byte) bits);
            case UINT8: return CimValue.uint8((int) (bits & 0xFF));
            case SINT16: return CimValue.sint16((short) bits);
            case UINT16: return CimValue.uint16((int) (bits & 0xFFFF));
            case SINT32: return CimValue.sint32((int) bits);
            case UINT32: return CimValue.uint32(bits & 0xFFFFFFFFL);
            case REAL32: return CimValue.real32(Float.intBitsToFloat((int) bits));
            case REAL64: return CimValue.real64(Double.longBitsToDouble(bits));
            case BOOLEAN: return CimValue.bool((bits & 0xFFFF) != 0);
            default: throw new AssertionError(t);
        }
    }

    private static CimValue array(Cursor c, int vt, int at) {
        CimType t = cimType(c, vt, at);
        long n = c.u32("ElementCount");
        long size = c.u32("ElementSize");
        List<Object> list = new ArrayList<>();
        if (t == CimType.STRING) {
            if (n * 4 > c.remaining()) {
                throw c.fail("ElementCount " + n + " of VT_BSTR needs at least " + n * 4 + " bytes but " + c.remaining() + " remain");
            }
            for (long i = 0; i < n; i++) {
                list.add(c.string("VT_BSTR element"));
            }
            return CimValue.stringArray(list.stream().map(String.class::cast).toList());
        }
        long expected = arrayElementSize(vt);
        if (size != expected && !(vt == VT_R4 && size == 4)) {
            throw c.fail("ElementSize " + size + " of " + t + " elements is not " + expected + " (2.2.13.4)");
        }
        if (n * size > c.remaining()) {
            throw c.fail("ElementCount " + n + " of " + size + "-byte elements needs " + n * size + " bytes but "
                    + c.remaining() + " remain");
        }
        for (long i = 0; i < n; i++) {
            long bits = 0;
            for (int k = 0; k < size; k++) {
                bits |= (long) (c.buf[c.pos + k] & 0xFF) << (8 * k);
            }
            c.pos += (int) size;
            Object v = fixed(t, bits).value();
            list.add(v);
        }
        return CimValue.of(t.arrayType(), list);
    }

    /** A bounds-checked little-endian cursor. */
    private static final class Cursor {
        final byte[] buf;
        int pos;

        Cursor(byte[] buf) {
            this.buf = buf;
        }

        int remaining() {
            return buf.length - pos;
        }

        WmioFormatException fail(String problem) {
            return new WmioFormatException("IWbemContextBuffer", pos, problem);
        }

        private void need(int n, String what) {
            if (n > remaining()) {
                throw fail(what + " needs " + n + " bytes but " + remaining() + " remain");
            }
        }

        int u16(String what) {
            need(2, what);
            int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        long u32(String what) {
            need(4, what);
            long v = (buf[pos] & 0xFFL) | (buf[pos + 1] & 0xFFL) << 8 | (buf[pos + 2] & 0xFFL) << 16 | (buf[pos + 3] & 0xFFL) << 24;
            pos += 4;
            return v;
        }

        long u64(String what) {
            long lo = u32(what);
            long hi = u32(what);
            return lo | hi << 32;
        }

        String string(String what) {
            long chars = u32(what + " StringLength");
            if (chars * 2 > remaining()) {
                throw fail(what + " of " + chars + " characters needs " + chars * 2 + " bytes but " + remaining() + " remain");
            }
            String s = new String(buf, pos, (int) chars * 2, StandardCharsets.UTF_16LE);
            pos += (int) chars * 2;
            return s;
        }
    }
}
