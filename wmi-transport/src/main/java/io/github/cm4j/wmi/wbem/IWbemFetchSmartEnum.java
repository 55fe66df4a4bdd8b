package io.github.cm4j.wmi.wbem;

import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.OrpcThisOnlyRequest;
import java.util.UUID;

/**
 * IWbemFetchSmartEnum (MS-WMI 3.1.4.6), queried from an IEnumWbemClassObject's object: GetSmartEnum (3) returns the
 * IWbemWCOSmartEnum that sends objects as an ObjectArray (each class once).
 */
public final class IWbemFetchSmartEnum {
    /** IID_IWbemFetchSmartEnum. */
    public static final UUID IID = UUID.fromString("1c1c45ee-4395-11d2-b60b-00104b703efd");
    /** GetSmartEnum (3.1.4.6.1). */
    public static final int OPNUM_GET_SMART_ENUM = 3;

    private IWbemFetchSmartEnum() {
    }

    /**
     * @param orpcThis the ORPCTHIS
     * @return a GetSmartEnum request (no parameters besides the ORPCTHIS)
     */
    public static OrpcThisOnlyRequest getSmartEnum(OrpcThis orpcThis) {
        return new OrpcThisOnlyRequest(IID, OPNUM_GET_SMART_ENUM, orpcThis);
    }

    /**
     * @param stub the stub data of a GetSmartEnum response ({@code [out] IWbemWCOSmartEnum** ppSmartEnum})
     * @return the response
     */
    public static InterfacePointerResponse decodeResponse(byte[] stub) {
        return InterfacePointerResponse.decode(stub, "IWbemFetchSmartEnum::GetSmartEnum response", "ppSmartEnum");
    }
}
