package io.github.cm4j.wmi.wbem;

import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.ndr.Guids;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * A custom-marshaled DCOM object reference (MS-DCOM 2.2.18.1 OBJREF with flags OBJREF_CUSTOM, 2.2.18.6): how
 * {@code IWbemClassObject} (MS-WMI 2.2.4) and {@code IWbemContext} (MS-WMI 2.2.13) travel by value. Layout, all
 * little-endian: signature {@code MEOW} (0x574F454D), flags 4, the interface IID, the unmarshaler CLSID,
 * cbExtension (0), a reserved 32-bit field, then pObjectData to the end of the OBJREF.
 *
 * <p>Choices: the reserved field, which receivers "MUST ignore", is written as the length of pObjectData, as
 * Windows does (the Windows 7 capture in the golden tests has 0x3D6 there for 982 bytes of data) unless another
 * value is given ({@link #withReserved(int)}: impacket and scapy write the length + 8 for activation properties);
 * a decoded reference keeps the value it was sent with, so that it re-encodes to the same bytes, and
 * {@link #equals(Object)} ignores it. cbExtension is written 0 and, when non-zero on receipt, that many extension
 * bytes are skipped before pObjectData. Immutable; {@link #objectData()} returns a copy. One of the two
 * {@link ObjRef} kinds cm4j reads.
 */
public final class ObjRefCustom implements ObjRef {
    /** {@code IID_IWbemClassObject} (MS-WMI 2.2.4). */
    public static final UUID IID_IWBEM_CLASS_OBJECT = UUID.fromString("dc12a681-737f-11cf-884d-00aa004b2e24");
    /** Unmarshaler CLSID of {@code IWbemClassObject} (MS-WMI 2.2.4). */
    public static final UUID CLSID_WBEM_CLASS_OBJECT = UUID.fromString("4590f812-1d3a-11d0-891f-00aa004b2e24");
    /** {@code IID_IWbemContext} (MS-WMI 2.2.13). */
    public static final UUID IID_IWBEM_CONTEXT = UUID.fromString("44aca674-e8fc-11d0-a07c-00c04fb68820");
    /** Unmarshaler CLSID of {@code IWbemContext} (MS-WMI 2.2.13). */
    public static final UUID CLSID_WBEM_CONTEXT = UUID.fromString("674b6698-ee92-11d0-ad71-00c04fd8fdff");
    /** Bytes before pObjectData: signature, flags, IID, CLSID, cbExtension, reserved. */
    public static final int HEADER_LENGTH = 48;

    private final UUID iid;
    private final UUID clsid;
    private final byte[] objectData;
    private final int reserved;

    private ObjRefCustom(UUID iid, UUID clsid, byte[] objectData, int reserved) {
        this.iid = iid;
        this.clsid = clsid;
        this.objectData = objectData;
        this.reserved = reserved;
    }

    /**
     * @param iid the interface
     * @param clsid the unmarshaler class
     * @param objectData the custom marshaling buffer (copied)
     * @return the object reference
     */
    public static ObjRefCustom of(UUID iid, UUID clsid, byte[] objectData) {
        byte[] data = objectData.clone();
        return new ObjRefCustom(Objects.requireNonNull(iid, "iid"), Objects.requireNonNull(clsid, "clsid"), data, data.length);
    }

    /**
     * Decodes an OBJREF_CUSTOM.
     *
     * @param objref the OBJREF bytes (the abData of an MInterfacePointer)
     * @return the object reference
     * @throws WmioFormatException when the bytes are not an OBJREF_CUSTOM
     */
    public static ObjRefCustom decode(byte[] objref) {
        String what = "OBJREF_CUSTOM";
        if (objref.length < HEADER_LENGTH) {
            throw new WmioFormatException(what, 0, "needs " + HEADER_LENGTH + " header bytes but has " + objref.length);
        }
        int signature = u32(objref, 0);
        if (signature != SIGNATURE) {
            throw new WmioFormatException(what, 0, "signature 0x" + Integer.toHexString(signature) + " is not MEOW (0x574F454D)");
        }
        int flags = u32(objref, 4);
        if (flags != FLAGS_OBJREF_CUSTOM) {
            throw new WmioFormatException(what, 4, "flags 0x" + Integer.toHexString(flags) + " are not OBJREF_CUSTOM (0x4)");
        }
        UUID iid = Guids.read(objref, 8);
        UUID clsid = Guids.read(objref, 24);
        long extension = Integer.toUnsignedLong(u32(objref, 40));
        if (extension > objref.length - HEADER_LENGTH) {
            throw new WmioFormatException(what, 40, "cbExtension " + extension + " exceeds the "
                    + (objref.length - HEADER_LENGTH) + " bytes after the header");
        }
        int start = HEADER_LENGTH + (int) extension;
        return new ObjRefCustom(iid, clsid, Arrays.copyOfRange(objref, start, objref.length), u32(objref, 44));
    }

    /** @return the OBJREF bytes */
    @Override
    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + objectData.length];
        put32(out, 0, SIGNATURE);
        put32(out, 4, FLAGS_OBJREF_CUSTOM);
        Guids.write(iid, out, 8);
        Guids.write(clsid, out, 24);
        put32(out, 40, 0);
        put32(out, 44, reserved);
        System.arraycopy(objectData, 0, out, HEADER_LENGTH, objectData.length);
        return out;
    }

    /**
     * @param value the value of the reserved field, which receivers ignore (MS-DCOM 2.2.18.6)
     * @return a copy written with that value
     */
    public ObjRefCustom withReserved(int value) {
        return new ObjRefCustom(iid, clsid, objectData, value);
    }

    /** @return the reserved field: as received, or as it will be written */
    public int reserved() {
        return reserved;
    }

    /** @return the interface IID */
    @Override
    public UUID iid() {
        return iid;
    }

    /** @return the unmarshaler CLSID */
    public UUID clsid() {
        return clsid;
    }

    /** @return a copy of pObjectData, the custom marshaling buffer */
    public byte[] objectData() {
        return objectData.clone();
    }

    /** @return pObjectData itself, for decoders in this package that only read it (no copy per object) */
    byte[] objectDataForReading() {
        return objectData;
    }

    /**
     * @param expectedIid the interface the caller expects
     * @param expectedClsid the unmarshaler the caller expects
     * @return this reference
     * @throws WmioFormatException when the IID or CLSID differ
     */
    public ObjRefCustom require(UUID expectedIid, UUID expectedClsid) {
        if (!iid.equals(expectedIid)) {
            throw new WmioFormatException("OBJREF_CUSTOM", 8, "interface " + iid + " is not the expected " + expectedIid);
        }
        if (!clsid.equals(expectedClsid)) {
            throw new WmioFormatException("OBJREF_CUSTOM", 24, "unmarshaler " + clsid + " is not the expected " + expectedClsid);
        }
        return this;
    }

    static int u32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static void put32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjRefCustom && ((ObjRefCustom) o).iid.equals(iid) && ((ObjRefCustom) o).clsid.equals(clsid)
                && Arrays.equals(((ObjRefCustom) o).objectData, objectData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iid, clsid) * 31 + Arrays.hashCode(objectData);
    }

    @Override
    public String toString() {
        return "ObjRefCustom[iid=" + iid + ", clsid=" + clsid + ", " + objectData.length + " bytes]";
    }
}
