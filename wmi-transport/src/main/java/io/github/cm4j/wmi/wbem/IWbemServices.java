package io.github.cm4j.wmi.wbem;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.dcom.InOutPointer;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.InterfacePointers;
import io.github.cm4j.wmi.dcom.OrpcRequest;
import io.github.cm4j.wmi.dcom.OrpcResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.util.Objects;
import java.util.UUID;

/**
 * IWbemServices (MS-WMI 3.1.4.3), the calls the cm4j transport makes on a namespace. Opnums, checked against 3.1.4.3
 * (the method table; 0..2 are IUnknown's): OpenNamespace 3 (3.1.4.3.1), GetObject 6 (3.1.4.3.4), PutInstance 14
 * (3.1.4.3.12), DeleteInstance 16 (3.1.4.3.14), CreateInstanceEnum 18 (3.1.4.3.16), ExecQuery 20 (3.1.4.3.18),
 * ExecMethod 24 (3.1.4.3.22). The asynchronous variants and the class operations are not modeled.
 *
 * <p>Responses: GetObject, ExecMethod and OpenNamespace answer with a {@link ResultResponse}, PutInstance and
 * DeleteInstance with a {@link CallResultResponse}, ExecQuery and CreateInstanceEnum with an
 * {@link InterfacePointerResponse} ({@link #decodeEnumResponse}).
 *
 * <p>Common parameters: strings are BSTRs; {@code pCtx} is the {@link WmiContext} (null for a NULL pointer);
 * objects are OBJREF_CUSTOMs of IWbemClassObject ({@link WbemClassObjects}); an {@code [in, out, unique]} result
 * pointer is a boolean in a request (whether the caller asks for it; MS-WMI wants the interface pointer NULL on
 * input) and an {@link InOutPointer} in a response.
 */
public final class IWbemServices {
    /** IID_IWbemServices. */
    public static final UUID IID = UUID.fromString("9556dc99-828c-11cf-a37e-00aa003240c7");
    /** OpenNamespace. */
    public static final int OPNUM_OPEN_NAMESPACE = 3;
    /** GetObject. */
    public static final int OPNUM_GET_OBJECT = 6;
    /** PutInstance. */
    public static final int OPNUM_PUT_INSTANCE = 14;
    /** DeleteInstance. */
    public static final int OPNUM_DELETE_INSTANCE = 16;
    /** CreateInstanceEnum. */
    public static final int OPNUM_CREATE_INSTANCE_ENUM = 18;
    /** ExecQuery. */
    public static final int OPNUM_EXEC_QUERY = 20;
    /** ExecMethod. */
    public static final int OPNUM_EXEC_METHOD = 24;

    /** WBEM_FLAG_RETURN_IMMEDIATELY (2.2.6): return an enumerator at once (semisynchronous). */
    public static final int WBEM_FLAG_RETURN_IMMEDIATELY = 0x10;
    /** WBEM_FLAG_FORWARD_ONLY (2.2.6): a forward-only enumerator (no Reset/Clone, objects released as read). */
    public static final int WBEM_FLAG_FORWARD_ONLY = 0x20;
    /** WBEM_FLAG_USE_AMENDED_QUALIFIERS (2.2.6). */
    public static final int WBEM_FLAG_USE_AMENDED_QUALIFIERS = 0x20000;
    /** WBEM_FLAG_CREATE_OR_UPDATE (2.2.5). */
    public static final int WBEM_FLAG_CREATE_OR_UPDATE = 0;
    /** WBEM_FLAG_UPDATE_ONLY (2.2.5). */
    public static final int WBEM_FLAG_UPDATE_ONLY = 1;
    /** WBEM_FLAG_CREATE_ONLY (2.2.5). */
    public static final int WBEM_FLAG_CREATE_ONLY = 2;
    /** The flags of a streamed query: WBEM_FLAG_FORWARD_ONLY | WBEM_FLAG_RETURN_IMMEDIATELY. */
    public static final int QUERY_FLAGS = WBEM_FLAG_FORWARD_ONLY | WBEM_FLAG_RETURN_IMMEDIATELY;

    private IWbemServices() {
    }

    private static NdrWriter start(OrpcThis orpcThis) {
        NdrWriter w = new NdrWriter();
        orpcThis.write(w);
        return w;
    }

    /**
     * OpenNamespace request: {@code [in] const BSTR strNamespace, [in] long lFlags, [in] IWbemContext* pCtx,
     * [in, out, unique] IWbemServices** ppWorkingNamespace, [in, out, unique] IWbemCallResult** ppResult}.
     *
     * @param orpcThis the ORPCTHIS
     * @param namespace the namespace, relative to this one
     * @param flags lFlags
     * @param context pCtx, or null
     * @param wantNamespace whether ppWorkingNamespace is passed (synchronous use)
     * @param wantCallResult whether ppResult is passed (semisynchronous use)
     */
    public record OpenNamespaceRequest(OrpcThis orpcThis, String namespace, int flags, WmiContext context, boolean wantNamespace,
            boolean wantCallResult) implements OrpcRequest {
        /** Validates. */
        public OpenNamespaceRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_OPEN_NAMESPACE;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = start(orpcThis).bstr(namespace).u32(flags);
            WbemParameters.writeContext(w, context);
            InterfacePointers.writeInOutRequest(w, wantNamespace);
            InterfacePointers.writeInOutRequest(w, wantCallResult);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static OpenNamespaceRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::OpenNamespace request");
            OrpcThis t = OrpcThis.read(r);
            String namespace = r.bstr("strNamespace");
            int flags = r.u32("lFlags");
            WmiContext context = WbemParameters.readContext(r, "pCtx");
            boolean wantNamespace = InterfacePointers.readInOutRequest(r, "ppWorkingNamespace");
            return new OpenNamespaceRequest(t, namespace, flags, context, wantNamespace, InterfacePointers.readInOutRequest(r, "ppResult"));
        }
    }

    /**
     * GetObject request: {@code [in] const BSTR strObjectPath, [in] long lFlags, [in] IWbemContext* pCtx,
     * [in, out, unique] IWbemClassObject** ppObject, [in, out, unique] IWbemCallResult** ppCallResult}.
     *
     * @param orpcThis the ORPCTHIS
     * @param objectPath the object (or class) path; null for a NULL BSTR (an empty class)
     * @param flags lFlags (e.g. WBEM_FLAG_USE_AMENDED_QUALIFIERS)
     * @param context pCtx, or null
     * @param wantObject whether ppObject is passed (true for a synchronous GetObject)
     * @param wantCallResult whether ppCallResult is passed
     */
    public record GetObjectRequest(OrpcThis orpcThis, String objectPath, int flags, WmiContext context, boolean wantObject,
            boolean wantCallResult) implements OrpcRequest {
        /** Validates. */
        public GetObjectRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_GET_OBJECT;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = start(orpcThis).bstr(objectPath).u32(flags);
            WbemParameters.writeContext(w, context);
            InterfacePointers.writeInOutRequest(w, wantObject);
            InterfacePointers.writeInOutRequest(w, wantCallResult);
            return w.toByteArray();
        }

        /**
         * Decodes a GetObject request. impacket 0.10 sends each result pointer as a pointer to an empty
         * MInterfacePointer, 8 bytes longer than the IDL's pointer to a NULL interface pointer; read by the IDL, that
         * is ppObject wanted, ppCallResult not, and trailing bytes (ignored).
         *
         * @param stub the stub data
         * @return the request
         */
        public static GetObjectRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::GetObject request");
            OrpcThis t = OrpcThis.read(r);
            String path = r.bstr("strObjectPath");
            int flags = r.u32("lFlags");
            WmiContext context = WbemParameters.readContext(r, "pCtx");
            boolean wantObject = InterfacePointers.readInOutRequest(r, "ppObject");
            return new GetObjectRequest(t, path, flags, context, wantObject, InterfacePointers.readInOutRequest(r, "ppCallResult"));
        }
    }

    /**
     * PutInstance request: {@code [in] IWbemClassObject* pInst, [in] long lFlags, [in] IWbemContext* pCtx,
     * [in, out, unique] IWbemCallResult** ppCallResult}.
     *
     * @param orpcThis the ORPCTHIS
     * @param instance the instance to write
     * @param flags lFlags (WBEM_FLAG_CREATE_OR_UPDATE, _UPDATE_ONLY, _CREATE_ONLY)
     * @param context pCtx (the site control file SessionHandle travels here), or null
     * @param wantCallResult whether ppCallResult is passed (impacket 0.10 always passes it)
     */
    public record PutInstanceRequest(OrpcThis orpcThis, ObjRefCustom instance, int flags, WmiContext context, boolean wantCallResult)
            implements OrpcRequest {
        /** Validates. */
        public PutInstanceRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_PUT_INSTANCE;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = start(orpcThis);
            WbemParameters.writeObject(w, instance);
            w.u32(flags);
            WbemParameters.writeContext(w, context);
            InterfacePointers.writeInOutRequest(w, wantCallResult);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static PutInstanceRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::PutInstance request");
            OrpcThis t = OrpcThis.read(r);
            ObjRefCustom instance = WbemParameters.readObject(r, "pInst");
            int flags = r.u32("lFlags");
            WmiContext context = WbemParameters.readContext(r, "pCtx");
            return new PutInstanceRequest(t, instance, flags, context, InterfacePointers.readInOutRequest(r, "ppCallResult"));
        }
    }

    /**
     * The response of PutInstance and DeleteInstance: {@code ppCallResult} and the HRESULT.
     *
     * @param orpcThat the ORPCTHAT
     * @param callResult the IWbemCallResult when asked for
     * @param status the HRESULT
     */
    public record CallResultResponse(OrpcThat orpcThat, InOutPointer callResult, int status) implements OrpcResponse {
        /** Validates. */
        public CallResultResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            Objects.requireNonNull(callResult, "callResult");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            callResult.write(w);
            return w.u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static CallResultResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::PutInstance/DeleteInstance response");
            OrpcThat t = OrpcThat.read(r);
            InOutPointer result = InOutPointer.read(r, "ppCallResult");
            return new CallResultResponse(t, result, r.u32("ErrorCode"));
        }
    }

    /**
     * DeleteInstance request: {@code [in] const BSTR strObjectPath, [in] long lFlags, [in] IWbemContext* pCtx,
     * [in, out, unique] IWbemCallResult** ppCallResult}.
     *
     * @param orpcThis the ORPCTHIS
     * @param objectPath the instance path
     * @param flags lFlags, 0
     * @param context pCtx, or null
     * @param wantCallResult whether ppCallResult is passed
     */
    public record DeleteInstanceRequest(OrpcThis orpcThis, String objectPath, int flags, WmiContext context, boolean wantCallResult)
            implements OrpcRequest {
        /** Validates. */
        public DeleteInstanceRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_DELETE_INSTANCE;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = start(orpcThis).bstr(objectPath).u32(flags);
            WbemParameters.writeContext(w, context);
            InterfacePointers.writeInOutRequest(w, wantCallResult);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static DeleteInstanceRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::DeleteInstance request");
            OrpcThis t = OrpcThis.read(r);
            String path = r.bstr("strObjectPath");
            int flags = r.u32("lFlags");
            WmiContext context = WbemParameters.readContext(r, "pCtx");
            return new DeleteInstanceRequest(t, path, flags, context, InterfacePointers.readInOutRequest(r, "ppCallResult"));
        }
    }

    /**
     * CreateInstanceEnum request: {@code [in] const BSTR strSuperClass, [in] long lFlags, [in] IWbemContext* pCtx}.
     *
     * @param orpcThis the ORPCTHIS
     * @param className the class whose instances to enumerate
     * @param flags lFlags (typically {@link #QUERY_FLAGS}, with WBEM_FLAG_SHALLOW 1 for no subclasses)
     * @param context pCtx, or null
     */
    public record CreateInstanceEnumRequest(OrpcThis orpcThis, String className, int flags, WmiContext context) implements OrpcRequest {
        /** Validates. */
        public CreateInstanceEnumRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_CREATE_INSTANCE_ENUM;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = start(orpcThis).bstr(className).u32(flags);
            WbemParameters.writeContext(w, context);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static CreateInstanceEnumRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::CreateInstanceEnum request");
            OrpcThis t = OrpcThis.read(r);
            String className = r.bstr("strSuperClass");
            int flags = r.u32("lFlags");
            return new CreateInstanceEnumRequest(t, className, flags, WbemParameters.readContext(r, "pCtx"));
        }
    }

    /**
     * ExecQuery request: {@code [in] const BSTR strQueryLanguage, [in] const BSTR strQuery, [in] long lFlags, [in]
     * IWbemContext* pCtx}.
     *
     * @param orpcThis the ORPCTHIS
     * @param language strQueryLanguage, {@code "WQL"}
     * @param query the query
     * @param flags lFlags ({@link #QUERY_FLAGS} for a streamed query)
     * @param context pCtx, or null
     */
    public record ExecQueryRequest(OrpcThis orpcThis, String language, String query, int flags, WmiContext context) implements OrpcRequest {
        /** Validates. */
        public ExecQueryRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        /**
         * @param orpcThis the ORPCTHIS
         * @param wql the WQL query
         * @param context pCtx, or null
         * @return a streamed (forward-only, return-immediately) WQL query
         */
        public static ExecQueryRequest wql(OrpcThis orpcThis, String wql, WmiContext context) {
            return new ExecQueryRequest(orpcThis, "WQL", wql, QUERY_FLAGS, context);
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_EXEC_QUERY;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = start(orpcThis).bstr(language).bstr(query).u32(flags);
            WbemParameters.writeContext(w, context);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static ExecQueryRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::ExecQuery request");
            OrpcThis t = OrpcThis.read(r);
            String language = r.bstr("strQueryLanguage");
            String query = r.bstr("strQuery");
            int flags = r.u32("lFlags");
            return new ExecQueryRequest(t, language, query, flags, WbemParameters.readContext(r, "pCtx"));
        }
    }

    /**
     * @param stub the stub data of an ExecQuery or CreateInstanceEnum response ({@code [out] IEnumWbemClassObject**
     *        ppEnum} and the HRESULT)
     * @return the response; its value is the enumerator (an OBJREF_STANDARD), null on failure
     */
    public static InterfacePointerResponse decodeEnumResponse(byte[] stub) {
        return InterfacePointerResponse.decode(stub, "IWbemServices::ExecQuery/CreateInstanceEnum response", "ppEnum");
    }

    /**
     * ExecMethod request: {@code [in] const BSTR strObjectPath, [in] const BSTR strMethodName, [in] long lFlags,
     * [in] IWbemContext* pCtx, [in] IWbemClassObject* pInParams, [in, out, unique] IWbemClassObject** ppOutParams,
     * [in, out, unique] IWbemCallResult** ppCallResult}.
     *
     * @param orpcThis the ORPCTHIS
     * @param objectPath the class (static method) or instance path
     * @param methodName the method
     * @param flags lFlags, 0
     * @param context pCtx, or null
     * @param inParams the in-parameters instance, or null for a method without any
     * @param wantOutParams whether ppOutParams is passed
     * @param wantCallResult whether ppCallResult is passed
     */
    public record ExecMethodRequest(OrpcThis orpcThis, String objectPath, String methodName, int flags, WmiContext context,
            ObjRefCustom inParams, boolean wantOutParams, boolean wantCallResult) implements OrpcRequest {
        /** Validates. */
        public ExecMethodRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_EXEC_METHOD;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = start(orpcThis).bstr(objectPath).bstr(methodName).u32(flags);
            WbemParameters.writeContext(w, context);
            WbemParameters.writeObject(w, inParams);
            InterfacePointers.writeInOutRequest(w, wantOutParams);
            InterfacePointers.writeInOutRequest(w, wantCallResult);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static ExecMethodRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices::ExecMethod request");
            OrpcThis t = OrpcThis.read(r);
            String path = r.bstr("strObjectPath");
            String method = r.bstr("strMethodName");
            int flags = r.u32("lFlags");
            WmiContext context = WbemParameters.readContext(r, "pCtx");
            ObjRefCustom in = WbemParameters.readObject(r, "pInParams");
            boolean wantOut = InterfacePointers.readInOutRequest(r, "ppOutParams");
            return new ExecMethodRequest(t, path, method, flags, context, in, wantOut, InterfacePointers.readInOutRequest(r, "ppCallResult"));
        }
    }

    /**
     * The response of GetObject, ExecMethod and OpenNamespace: {@code [in, out, unique]} result ({@code ppObject},
     * {@code ppOutParams} or {@code ppWorkingNamespace}), {@code [in, out, unique] IWbemCallResult**} ({@code
     * ppCallResult} or {@code ppResult}) and the HRESULT.
     *
     * @param orpcThat the ORPCTHAT
     * @param result the result when asked for: the object or out-parameters (an OBJREF_CUSTOM of IWbemClassObject),
     *        or the opened namespace's IWbemServices
     * @param callResult the IWbemCallResult when asked for
     * @param status the HRESULT
     */
    public record ResultResponse(OrpcThat orpcThat, InOutPointer result, InOutPointer callResult, int status) implements OrpcResponse {
        /** Validates. */
        public ResultResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(callResult, "callResult");
        }

        /**
         * @param orpcThat the ORPCTHAT
         * @param result the object or out-parameters, or null
         * @param asked whether the request asked for the result
         * @param status the HRESULT
         * @return the response of a synchronous GetObject or ExecMethod (no call result)
         */
        public static ResultResponse of(OrpcThat orpcThat, ObjRefCustom result, boolean asked, int status) {
            return new ResultResponse(orpcThat, InOutPointer.answer(asked, result), InOutPointer.ABSENT, status);
        }

        /** @return the result as the OBJREF_CUSTOM of an IWbemClassObject (GetObject, ExecMethod), or null */
        public ObjRefCustom classObject() {
            return WbemParameters.classObject(result.value(), "IWbemServices response/result");
        }

        /** @return the decoded object or out-parameters instance, or null when none was returned */
        public WmioObject decodeObject() {
            ObjRefCustom ref = classObject();
            return ref == null ? null : WbemClassObjects.unmarshal(ref);
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            result.write(w);
            callResult.write(w);
            return w.u32(status).toByteArray();
        }

        /**
         * @param stub the stub data of a GetObject, ExecMethod or OpenNamespace response
         * @return the response
         */
        public static ResultResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemServices response");
            OrpcThat t = OrpcThat.read(r);
            InOutPointer result = InOutPointer.read(r, "result");
            InOutPointer callResult = InOutPointer.read(r, "ppCallResult");
            return new ResultResponse(t, result, callResult, r.u32("ErrorCode"));
        }
    }
}
