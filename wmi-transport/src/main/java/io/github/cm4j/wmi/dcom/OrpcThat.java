package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.List;

/**
 * ORPCTHAT (MS-DCOM 2.2.13.4): the first out-parameter of every ORPC response: flags and the {@code [unique]}
 * extensions pointer.
 *
 * @param flags ORPCF_* flags, 0 in practice
 * @param extensions the ORPC extensions (Windows sends error information here on failures)
 */
public record OrpcThat(int flags, List<OrpcExtent> extensions) {
    /** No flags, no extensions: what a server without extensions sends. */
    public static final OrpcThat EMPTY = new OrpcThat(0, List.of());

    /** Copies the list. */
    public OrpcThat {
        extensions = List.copyOf(extensions);
    }

    /** @param w the writer; ORPCTHAT as a top-level parameter with its deferred extensions */
    public void write(NdrWriter w) {
        w.construct(x -> {
            x.u32(flags);
            OrpcExtent.writeArrayPointer(x, extensions);
        });
    }

    /**
     * @param r the reader
     * @return the ORPCTHAT parameter
     */
    public static OrpcThat read(NdrReader r) {
        return r.construct(x -> {
            int flags = x.u32("ORPCthat.flags");
            NdrReader.Deferred<List<OrpcExtent>> ext = OrpcExtent.readArrayPointer(x, "ORPCthat.extensions");
            return () -> new OrpcThat(flags, ext.get() == null ? List.of() : ext.get());
        });
    }
}
