package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;

/**
 * A response made of the ORPCTHAT, one {@code [out] IFoo**} interface pointer and the HRESULT: what
 * IWbemLevel1Login::NTLMLogin, IWbemServices::ExecQuery and ::CreateInstanceEnum, IEnumWbemClassObject::Clone,
 * IWbemFetchSmartEnum::GetSmartEnum and IWbemCallResult::GetResultObject / ::GetResultServices return.
 *
 * @param orpcThat the ORPCTHAT
 * @param value the interface pointer (null when NULL, as on failure)
 * @param status the HRESULT
 */
public record InterfacePointerResponse(OrpcThat orpcThat, ObjRef value, int status) implements OrpcResponse {
    /** Validates. */
    public InterfacePointerResponse {
        Objects.requireNonNull(orpcThat, "orpcThat");
    }

    @Override
    public byte[] encode() {
        NdrWriter w = new NdrWriter();
        orpcThat.write(w);
        InterfacePointers.writeParameter(w, value);
        return w.u32(status).toByteArray();
    }

    /**
     * @param stub the stub data
     * @param what the call, for messages (e.g. {@code "IWbemServices::ExecQuery response"})
     * @param field the out-parameter's name, for messages (e.g. {@code "ppEnum"})
     * @return the response
     */
    public static InterfacePointerResponse decode(byte[] stub, String what, String field) {
        NdrReader r = new NdrReader(stub, what);
        OrpcThat t = OrpcThat.read(r);
        ObjRef value = InterfacePointers.readParameter(r, field);
        return new InterfacePointerResponse(t, value, r.u32("ErrorCode"));
    }
}
