package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * REMINTERFACEREF (MS-DCOM 2.2.23): references to add to or release from one interface.
 *
 * @param ipid the interface
 * @param publicRefs cPublicRefs
 * @param privateRefs cPrivateRefs
 */
public record RemInterfaceRef(UUID ipid, int publicRefs, int privateRefs) {
    /** Validates. */
    public RemInterfaceRef {
        Objects.requireNonNull(ipid, "ipid");
    }

    void write(NdrWriter w) {
        w.guid(ipid).u32(publicRefs).u32(privateRefs);
    }

    static RemInterfaceRef read(NdrReader r) {
        UUID ipid = r.guid("InterfaceRefs.ipid");
        int pub = r.u32("InterfaceRefs.cPublicRefs");
        return new RemInterfaceRef(ipid, pub, r.u32("InterfaceRefs.cPrivateRefs"));
    }
}
