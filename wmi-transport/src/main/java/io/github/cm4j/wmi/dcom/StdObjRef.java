package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * STDOBJREF (MS-DCOM 2.2.18.2): the identity of one interface of an exported object.
 *
 * @param flags SORF_* flags ({@link #SORF_NOPING}: the object needs no pinging)
 * @param publicRefs cPublicRefs, the references the receiver holds
 * @param oxid the object exporter
 * @param oid the object
 * @param ipid the interface (the object UUID of every ORPC request to it)
 */
public record StdObjRef(int flags, int publicRefs, long oxid, long oid, UUID ipid) {
    /** SORF_NOPING: the client need not ping the object (MS-DCOM 2.2.18.2). */
    public static final int SORF_NOPING = 0x1000;

    /** Validates. */
    public StdObjRef {
        Objects.requireNonNull(ipid, "ipid");
    }

    /** @param w the writer; the NDR structure (aligned to 8) */
    public void write(NdrWriter w) {
        w.align(8).u32(flags).u32(publicRefs).u64(oxid).u64(oid).guid(ipid);
    }

    /**
     * @param r the reader
     * @param field the field, for messages
     * @return the STDOBJREF
     */
    public static StdObjRef read(NdrReader r, String field) {
        r.align(8, field);
        int flags = r.u32(field + ".flags");
        int refs = r.u32(field + ".cPublicRefs");
        long oxid = r.u64(field + ".oxid");
        long oid = r.u64(field + ".oid");
        return new StdObjRef(flags, refs, oxid, oid, r.guid(field + ".ipid"));
    }
}
