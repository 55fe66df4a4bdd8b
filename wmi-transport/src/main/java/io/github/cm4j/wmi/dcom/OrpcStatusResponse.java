package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;

/**
 * A response made of the ORPCTHAT and the HRESULT only (RemRelease, and every MS-WMI call without
 * out-parameters).
 *
 * @param orpcThat the ORPCTHAT
 * @param status the HRESULT
 */
public record OrpcStatusResponse(OrpcThat orpcThat, int status) implements OrpcResponse {
    /** Validates. */
    public OrpcStatusResponse {
        Objects.requireNonNull(orpcThat, "orpcThat");
    }

    @Override
    public byte[] encode() {
        NdrWriter w = new NdrWriter();
        orpcThat.write(w);
        return w.u32(status).toByteArray();
    }

    /**
     * @param stub the stub data
     * @return the response
     */
    public static OrpcStatusResponse decode(byte[] stub) {
        NdrReader r = new NdrReader(stub, "ORPC response");
        OrpcThat t = OrpcThat.read(r);
        return new OrpcStatusResponse(t, r.u32("ErrorCode"));
    }
}
