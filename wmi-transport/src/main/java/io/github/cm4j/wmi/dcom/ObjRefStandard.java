package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrFormatException;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * OBJREF_STANDARD (MS-DCOM 2.2.18.4): a reference to an interface of an object that stays on its exporter. Layout
 * (little-endian, no NDR conformance): signature {@code MEOW}, flags 1, iid, the STDOBJREF (2.2.18.2), then the
 * resolver address saResAddr as a packed DUALSTRINGARRAY (2.2.19.1). Bytes after the array are ignored.
 *
 * @param iid the interface
 * @param std the object identity (OXID, OID, IPID) and references passed
 * @param resolverAddress where the object resolver of the exporter's machine listens
 */
public record ObjRefStandard(UUID iid, StdObjRef std, DualStringArray resolverAddress) implements ObjRef {

    /** Validates. */
    public ObjRefStandard {
        Objects.requireNonNull(iid, "iid");
        Objects.requireNonNull(std, "std");
        Objects.requireNonNull(resolverAddress, "resolverAddress");
    }

    @Override
    public byte[] encode() {
        NdrWriter w = new NdrWriter().u32(SIGNATURE).u32(FLAGS_OBJREF_STANDARD).guid(iid);
        std.write(w);
        resolverAddress.writePacked(w);
        return w.toByteArray();
    }

    /**
     * @param objref the OBJREF bytes
     * @return the reference
     * @throws NdrFormatException when the bytes are not a well-formed OBJREF_STANDARD
     */
    public static ObjRefStandard decode(byte[] objref) {
        NdrReader r = new NdrReader(objref, "OBJREF_STANDARD");
        int signature = r.u32("signature");
        if (signature != SIGNATURE) {
            throw new NdrFormatException("OBJREF_STANDARD/signature", 0, "signature 0x" + Integer.toHexString(signature)
                    + " is not MEOW (0x574F454D)");
        }
        int flags = r.u32("flags");
        if (flags != FLAGS_OBJREF_STANDARD) {
            throw r.fail("flags", "flags 0x" + Integer.toHexString(flags) + " are not OBJREF_STANDARD (0x1)");
        }
        UUID iid = r.guid("iid");
        StdObjRef std = StdObjRef.read(r, "std");
        return new ObjRefStandard(iid, std, DualStringArray.readPacked(r, "saResAddr"));
    }
}
