package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;

/**
 * REMQIRESULT (MS-DCOM 2.2.24): the outcome of a RemQueryInterface for one IID. The structure is aligned to 8 (its
 * STDOBJREF holds hypers), so four bytes of padding follow the HRESULT.
 *
 * @param hresult the outcome for this IID
 * @param std the new interface's STDOBJREF (all zero when the HRESULT is a failure)
 */
public record RemQiResult(int hresult, StdObjRef std) {
    /** Validates. */
    public RemQiResult {
        Objects.requireNonNull(std, "std");
    }

    void write(NdrWriter w) {
        w.align(8).u32(hresult);
        std.write(w);
    }

    static RemQiResult read(NdrReader r) {
        r.align(8, "ppQIResults");
        int hr = r.u32("ppQIResults.hResult");
        return new RemQiResult(hr, StdObjRef.read(r, "ppQIResults.std"));
    }
}
