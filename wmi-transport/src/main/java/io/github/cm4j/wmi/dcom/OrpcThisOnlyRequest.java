package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * An ORPC request whose only parameter is the ORPCTHIS (e.g. IEnumWbemClassObject::Reset and ::Clone,
 * IWbemFetchSmartEnum::GetSmartEnum).
 *
 * @param interfaceId the interface
 * @param opnum the operation
 * @param orpcThis the ORPCTHIS
 */
public record OrpcThisOnlyRequest(UUID interfaceId, int opnum, OrpcThis orpcThis) implements OrpcRequest {
    /** Validates. */
    public OrpcThisOnlyRequest {
        Objects.requireNonNull(interfaceId, "interfaceId");
        Objects.requireNonNull(orpcThis, "orpcThis");
    }

    @Override
    public byte[] encode() {
        NdrWriter w = new NdrWriter();
        orpcThis.write(w);
        return w.toByteArray();
    }

    /**
     * @param interfaceId the interface the call was made on
     * @param opnum the operation
     * @param stub the stub data
     * @return the request
     */
    public static OrpcThisOnlyRequest decode(UUID interfaceId, int opnum, byte[] stub) {
        return new OrpcThisOnlyRequest(interfaceId, opnum, OrpcThis.read(new NdrReader(stub, "ORPC request " + opnum)));
    }
}
