package io.github.cm4j.wmi.wbem;

import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.OrpcRequest;
import io.github.cm4j.wmi.dcom.OrpcResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * IWbemCallResult (MS-WMI 3.1.4.5), the result of a semisynchronous call (a PutInstance, DeleteInstance, GetObject,
 * ExecMethod or OpenNamespace made with ppCallResult): GetResultObject (3), GetResultString (4), GetResultServices (5),
 * GetCallStatus (6). Every request is the ORPCTHIS and a timeout ({@link TimeoutRequest}).
 */
public final class IWbemCallResult {
    /** IID_IWbemCallResult. */
    public static final UUID IID = UUID.fromString("44aca675-e8fc-11d0-a07c-00c04fb68820");
    /** GetResultObject (3.1.4.5.1). */
    public static final int OPNUM_GET_RESULT_OBJECT = 3;
    /** GetResultString (3.1.4.5.2). */
    public static final int OPNUM_GET_RESULT_STRING = 4;
    /** GetResultServices (3.1.4.5.3). */
    public static final int OPNUM_GET_RESULT_SERVICES = 5;
    /** GetCallStatus (3.1.4.5.4). */
    public static final int OPNUM_GET_CALL_STATUS = 6;

    private IWbemCallResult() {
    }

    /**
     * A request of this interface: {@code [in] long lTimeout}.
     *
     * @param opnum one of the OPNUM_ constants
     * @param orpcThis the ORPCTHIS
     * @param timeout lTimeout in milliseconds
     */
    public record TimeoutRequest(int opnum, OrpcThis orpcThis, int timeout) implements OrpcRequest {
        /** Validates. */
        public TimeoutRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
            if (opnum < OPNUM_GET_RESULT_OBJECT || opnum > OPNUM_GET_CALL_STATUS) {
                throw new IllegalArgumentException("opnum " + opnum + " is not an IWbemCallResult method (3..6)");
            }
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            return w.u32(timeout).toByteArray();
        }

        /**
         * @param opnum the opnum the call came with
         * @param stub the stub data
         * @return the request
         */
        public static TimeoutRequest decode(int opnum, byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemCallResult request " + opnum);
            OrpcThis t = OrpcThis.read(r);
            return new TimeoutRequest(opnum, t, r.u32("lTimeout"));
        }
    }

    /**
     * @param stub the stub data of a GetResultObject response ({@code [out] IWbemClassObject** ppResultObject})
     * @return the response
     */
    public static InterfacePointerResponse decodeResultObjectResponse(byte[] stub) {
        return InterfacePointerResponse.decode(stub, "IWbemCallResult::GetResultObject response", "ppResultObject");
    }

    /**
     * @param stub the stub data of a GetResultServices response ({@code [out] IWbemServices** ppServices})
     * @return the response
     */
    public static InterfacePointerResponse decodeResultServicesResponse(byte[] stub) {
        return InterfacePointerResponse.decode(stub, "IWbemCallResult::GetResultServices response", "ppServices");
    }

    /**
     * GetResultString response: {@code [out] BSTR* pstrResultString} (the path of the instance PutInstance wrote)
     * and the HRESULT.
     *
     * @param orpcThat the ORPCTHAT
     * @param resultString the string, or null for a NULL BSTR
     * @param status the HRESULT
     */
    public record ResultStringResponse(OrpcThat orpcThat, String resultString, int status) implements OrpcResponse {
        /** Validates. */
        public ResultStringResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            return w.bstr(resultString).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static ResultStringResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemCallResult::GetResultString response");
            OrpcThat t = OrpcThat.read(r);
            String s = r.bstr("pstrResultString");
            return new ResultStringResponse(t, s, r.u32("ErrorCode"));
        }
    }

    /**
     * GetCallStatus response: {@code [out] long* plStatus} (the outcome of the semisynchronous call) and the HRESULT
     * (WBEM_S_TIMEDOUT while the call runs).
     *
     * @param orpcThat the ORPCTHAT
     * @param callStatus plStatus
     * @param status the HRESULT of GetCallStatus itself
     */
    public record CallStatusResponse(OrpcThat orpcThat, int callStatus, int status) implements OrpcResponse {
        /** Validates. */
        public CallStatusResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            return w.u32(callStatus).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static CallStatusResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemCallResult::GetCallStatus response");
            OrpcThat t = OrpcThat.read(r);
            int call = r.u32("plStatus");
            return new CallStatusResponse(t, call, r.u32("ErrorCode"));
        }
    }
}
