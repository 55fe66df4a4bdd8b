package io.github.cm4j.wmi.wbem;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.InterfacePointers;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.OrpcRequest;
import io.github.cm4j.wmi.dcom.OrpcResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * IWbemLevel1Login (MS-WMI 3.1.4.1), the interface a client activates (CLSID_WbemLevel1Login) to log on to a
 * namespace: EstablishPosition (3), RequestChallenge (4), WBEMLogin (5), NTLMLogin (6). Only NTLMLogin does the work;
 * the other three are answered by WMI with fixed values or WBEM_E_NOT_SUPPORTED (3.1.4.1.1-3) and their reserved
 * parameters are written as the specification asks (NULL, 0) and not kept.
 */
public final class IWbemLevel1Login {
    /** IID_IWbemLevel1Login. */
    public static final UUID IID = UUID.fromString("f309ad18-d86a-11d0-a075-00c04fb68820");
    /** CLSID_WbemLevel1Login, the class to activate. */
    public static final UUID CLSID = UUID.fromString("8bc3f05e-d86b-11d0-a075-00c04fb68820");
    /** EstablishPosition (3.1.4.1.1). */
    public static final int OPNUM_ESTABLISH_POSITION = 3;
    /** RequestChallenge (3.1.4.1.2). */
    public static final int OPNUM_REQUEST_CHALLENGE = 4;
    /** WBEMLogin (3.1.4.1.3). */
    public static final int OPNUM_WBEM_LOGIN = 5;
    /** NTLMLogin (3.1.4.1.4). */
    public static final int OPNUM_NTLM_LOGIN = 6;

    private IWbemLevel1Login() {
    }

    private static String wideStringParameter(NdrReader r, String field) {
        return r.topLevelUnique(field, NdrReader.Decoder.of(x -> x.wideString(field)));
    }

    /**
     * The requests whose parameters are all reserved, written as MS-WMI asks and not kept: EstablishPosition
     * ({@code [in, unique, string] wchar_t* reserved1} NULL, {@code DWORD reserved2} 0), RequestChallenge (two
     * {@code [in, unique, string]} NULLs) and WBEMLogin ({@code [unique, string]} reserved1 NULL, {@code [unique,
     * size_is(16), length_is(16)] unsigned char*} reserved2 NULL, {@code long} reserved3 0, {@code IWbemContext*}
     * reserved4 NULL).
     *
     * @param opnum {@link #OPNUM_ESTABLISH_POSITION}, {@link #OPNUM_REQUEST_CHALLENGE} or {@link #OPNUM_WBEM_LOGIN}
     * @param orpcThis the ORPCTHIS
     */
    public record ReservedRequest(int opnum, OrpcThis orpcThis) implements OrpcRequest {
        /** Validates. */
        public ReservedRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
            if (opnum < OPNUM_ESTABLISH_POSITION || opnum > OPNUM_WBEM_LOGIN) {
                throw new IllegalArgumentException("opnum " + opnum + " is not EstablishPosition, RequestChallenge or WBEMLogin (3..5)");
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
            w.u32(0).u32(0);
            if (opnum == OPNUM_WBEM_LOGIN) {
                w.u32(0).u32(0);
            }
            return w.toByteArray();
        }

        /**
         * @param opnum the opnum the call came with
         * @param stub the stub data
         * @return the request
         */
        public static ReservedRequest decode(int opnum, byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemLevel1Login request " + opnum);
            OrpcThis t = OrpcThis.read(r);
            wideStringParameter(r, "reserved1");
            if (opnum == OPNUM_ESTABLISH_POSITION) {
                r.u32("reserved2");
            } else if (opnum == OPNUM_REQUEST_CHALLENGE) {
                wideStringParameter(r, "reserved2");
            } else if (opnum == OPNUM_WBEM_LOGIN) {
                r.topLevelUnique("reserved2", NdrReader.Decoder.of(x -> x.conformantVaryingBytes("reserved2", 16)));
                r.u32("reserved3");
                InterfacePointers.readParameter(r, "reserved4");
            }
            return new ReservedRequest(opnum, t);
        }
    }

    /**
     * EstablishPosition response: {@code [out] DWORD* LocaleVersion} (0 from Windows) and the HRESULT.
     *
     * @param orpcThat the ORPCTHAT
     * @param localeVersion LocaleVersion
     * @param status the HRESULT
     */
    public record EstablishPositionResponse(OrpcThat orpcThat, int localeVersion, int status) implements OrpcResponse {
        /** Validates. */
        public EstablishPositionResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            return w.u32(localeVersion).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static EstablishPositionResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemLevel1Login::EstablishPosition response");
            OrpcThat t = OrpcThat.read(r);
            int locale = r.u32("LocaleVersion");
            return new EstablishPositionResponse(t, locale, r.u32("ErrorCode"));
        }
    }

    /**
     * RequestChallenge response: {@code [out, size_is(16), length_is(16)] unsigned char* reserved3} and the HRESULT
     * (WBEM_E_NOT_SUPPORTED from Windows).
     *
     * @param orpcThat the ORPCTHAT
     * @param reserved3 the 16 octets
     * @param status the HRESULT
     */
    public record RequestChallengeResponse(OrpcThat orpcThat, byte[] reserved3, int status) implements OrpcResponse {
        /** Validates and copies. */
        public RequestChallengeResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            if (reserved3.length != 16) {
                throw new IllegalArgumentException("reserved3 has 16 octets, not " + reserved3.length);
            }
            reserved3 = reserved3.clone();
        }

        @Override
        public byte[] reserved3() {
            return reserved3.clone();
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            return w.conformantVaryingBytes(16, reserved3).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static RequestChallengeResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemLevel1Login::RequestChallenge response");
            OrpcThat t = OrpcThat.read(r);
            byte[] challenge = r.conformantVaryingBytes("reserved3", 16);
            if (challenge.length != 16) {
                throw r.fail("reserved3", "reserved3 has " + challenge.length + " octets, not the 16 of length_is(16)");
            }
            return new RequestChallengeResponse(t, challenge, r.u32("ErrorCode"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RequestChallengeResponse x && x.orpcThat.equals(orpcThat) && Arrays.equals(x.reserved3, reserved3)
                    && x.status == status;
        }

        @Override
        public int hashCode() {
            return Objects.hash(orpcThat, status) * 31 + Arrays.hashCode(reserved3);
        }

        @Override
        public String toString() {
            return "RequestChallengeResponse[" + orpcThat + ", status=0x" + Integer.toHexString(status) + "]";
        }
    }

    /**
     * NTLMLogin request: {@code [in, unique, string] LPWSTR wszNetworkResource, [in, unique, string] LPWSTR
     * wszPreferredLocale, [in] long lFlags (0), [in] IWbemContext* pCtx}.
     *
     * @param orpcThis the ORPCTHIS
     * @param networkResource the namespace, e.g. {@code //./root/sms/site_CAS} (null for NULL)
     * @param preferredLocale e.g. {@code MS_409}, or null
     * @param flags lFlags, 0
     * @param context the context, or null
     */
    public record NtlmLoginRequest(OrpcThis orpcThis, String networkResource, String preferredLocale, int flags, WmiContext context)
            implements OrpcRequest {
        /** Validates. */
        public NtlmLoginRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_NTLM_LOGIN;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            w.topLevelUnique(networkResource, NdrWriter::wideString).topLevelUnique(preferredLocale, NdrWriter::wideString).u32(flags);
            WbemParameters.writeContext(w, context);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static NtlmLoginRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemLevel1Login::NTLMLogin request");
            OrpcThis t = OrpcThis.read(r);
            String resource = wideStringParameter(r, "wszNetworkResource");
            String locale = wideStringParameter(r, "wszPreferredLocale");
            int flags = r.u32("lFlags");
            return new NtlmLoginRequest(t, resource, locale, flags, WbemParameters.readContext(r, "pCtx"));
        }
    }

    /**
     * @param stub the stub data of an NTLMLogin response ({@code [out] IWbemServices** ppNamespace} and the HRESULT)
     * @return the response; its value is the IWbemServices reference, null on failure
     */
    public static InterfacePointerResponse decodeNtlmLoginResponse(byte[] stub) {
        return InterfacePointerResponse.decode(stub, "IWbemLevel1Login::NTLMLogin response", "ppNamespace");
    }

    /**
     * @param stub the stub data of a WBEMLogin response ({@code [out] IWbemServices** reserved5} and the HRESULT)
     * @return the response
     */
    public static InterfacePointerResponse decodeWbemLoginResponse(byte[] stub) {
        return InterfacePointerResponse.decode(stub, "IWbemLevel1Login::WBEMLogin response", "reserved5");
    }

    /**
     * @param orpcThat the ORPCTHAT
     * @param services the IWbemServices reference, or null on failure
     * @param status the HRESULT
     * @return the NTLMLogin (or WBEMLogin) response
     */
    public static InterfacePointerResponse loginResponse(OrpcThat orpcThat, ObjRef services, int status) {
        return new InterfacePointerResponse(orpcThat, services, status);
    }
}
