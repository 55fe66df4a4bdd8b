package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * ORPCTHIS (MS-DCOM 2.2.13.3): the first parameter of every ORPC request (and of the activation calls). Written
 * as the IDL has it: version, flags, reserved1 (0), cid, and the {@code [unique]} extensions pointer (NULL when
 * there are none). On receipt reserved1 is ignored and every extension is kept, known or not.
 *
 * @param version the client's COM version
 * @param flags ORPCF_* flags: {@link #ORPCF_NULL} for ordinary calls; impacket sends {@link #ORPCF_LOCAL} on
 *        activation calls
 * @param cid the causality ID, the same for every call of one logical operation
 * @param extensions the ORPC extensions (error information, context, ...)
 */
public record OrpcThis(ComVersion version, int flags, UUID cid, List<OrpcExtent> extensions) {
    /** ORPCF_NULL: no flags. */
    public static final int ORPCF_NULL = 0;
    /** ORPCF_LOCAL: the call is local to the machine (impacket sets it on activation requests). */
    public static final int ORPCF_LOCAL = 1;

    /** Validates and copies. */
    public OrpcThis {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cid, "cid");
        extensions = List.copyOf(extensions);
    }

    /**
     * @param cid the causality ID
     * @return version 5.7, no flags, no extensions
     */
    public static OrpcThis of(UUID cid) {
        return new OrpcThis(ComVersion.V5_7, ORPCF_NULL, cid, List.of());
    }

    /** @param w the writer; ORPCTHIS as a top-level parameter with its deferred extensions */
    public void write(NdrWriter w) {
        w.construct(x -> {
            version.write(x);
            x.u32(flags).u32(0).guid(cid);
            OrpcExtent.writeArrayPointer(x, extensions);
        });
    }

    /**
     * @param r the reader
     * @return the ORPCTHIS parameter
     */
    public static OrpcThis read(NdrReader r) {
        return r.construct(x -> {
            ComVersion v = ComVersion.read(x, "ORPCthis.version");
            int flags = x.u32("ORPCthis.flags");
            x.u32("ORPCthis.reserved1");
            UUID cid = x.guid("ORPCthis.cid");
            NdrReader.Deferred<List<OrpcExtent>> ext = OrpcExtent.readArrayPointer(x, "ORPCthis.extensions");
            return () -> new OrpcThis(v, flags, cid, ext.get() == null ? List.of() : ext.get());
        });
    }
}
