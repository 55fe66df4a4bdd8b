package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.wbem.ObjRefCustom;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.util.UUID;

/**
 * An OBJREF (MS-DCOM 2.2.18): the marshaled form of an interface pointer, the abData of an MInterfacePointer.
 * cm4j reads and writes the two kinds DCOM and MS-WMI use: {@link ObjRefStandard} (OBJREF_STANDARD, a reference to
 * an object living on the server: enumerators, services, call results) and {@link ObjRefCustom}
 * (OBJREF_CUSTOM, an object passed by value: IWbemClassObject, IWbemContext, activation properties).
 * OBJREF_HANDLER and OBJREF_EXTENDED are refused on receipt.
 */
public interface ObjRef {
    /** OBJREF signature {@code MEOW} (0x574F454D). */
    int SIGNATURE = 0x574F454D;
    /** flags of an OBJREF_STANDARD. */
    int FLAGS_OBJREF_STANDARD = 0x1;
    /** flags of an OBJREF_HANDLER. */
    int FLAGS_OBJREF_HANDLER = 0x2;
    /** flags of an OBJREF_CUSTOM. */
    int FLAGS_OBJREF_CUSTOM = 0x4;
    /** flags of an OBJREF_EXTENDED. */
    int FLAGS_OBJREF_EXTENDED = 0x8;

    /** @return the IID of the interface the reference is for */
    UUID iid();

    /** @return the OBJREF bytes */
    byte[] encode();

    /**
     * Decodes an OBJREF of a kind cm4j reads.
     *
     * @param objref the OBJREF bytes
     * @return an {@link ObjRefStandard} or an {@link ObjRefCustom}
     * @throws WmioFormatException when the bytes are malformed or an OBJREF_HANDLER / OBJREF_EXTENDED
     */
    static ObjRef decode(byte[] objref) {
        NdrReader r = new NdrReader(objref, "OBJREF");
        int signature = r.u32("signature");
        if (signature != SIGNATURE) {
            throw new WmioFormatException("OBJREF", 0, "signature 0x" + Integer.toHexString(signature) + " is not MEOW (0x574F454D)");
        }
        int flags = r.u32("flags");
        switch (flags) {
            case FLAGS_OBJREF_STANDARD:
                return ObjRefStandard.decode(objref);
            case FLAGS_OBJREF_CUSTOM:
                return ObjRefCustom.decode(objref);
            case FLAGS_OBJREF_HANDLER:
            case FLAGS_OBJREF_EXTENDED:
                throw new WmioFormatException("OBJREF", 4, (flags == FLAGS_OBJREF_HANDLER ? "OBJREF_HANDLER" : "OBJREF_EXTENDED")
                        + " is not used by MS-WMI and not supported");
            default:
                throw new WmioFormatException("OBJREF", 4, "flags 0x" + Integer.toHexString(flags) + " name no OBJREF kind");
        }
    }
}
