package io.github.cm4j.wmi.wbem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.dcom.AbstractImpacketOracleTest;
import io.github.cm4j.wmi.dcom.Flat;
import io.github.cm4j.wmi.dcom.InOutPointer;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.OracleScenarios;
import io.github.cm4j.wmi.dcom.OrpcStatusResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.OrpcThisOnlyRequest;
import io.github.cm4j.wmi.dcom.WindowsCaptures;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * impacket 0.10 as the independent implementation of the MS-WMI calls (MS-WMI 3.1.4): what impacket's
 * IWbemLevel1Login, IWbemServices, IEnumWbemClassObject, IWbemCallResult and IWbemFetchSmartEnum client code sends,
 * and what a server built with impacket's response structures answers, cm4j decodes to the values impacket reads back;
 * what cm4j encodes (the client's requests and the loopback server's responses), impacket decodes to the values cm4j
 * holds. The objects, contexts and ObjectArrays inside are cm4j's own encodings, compared byte for byte.
 *
 * <p>impacket 0.10 deviates from the IDL in five messages, for which the harness uses IDL-faithful definitions built
 * from impacket's NDR types: GetObject, PutInstance, DeleteInstance and OpenNamespace requests (impacket declares
 * the {@code [in, out, unique] IFoo**} results one pointer level short and sends 8 extra bytes per result; cm4j
 * reads them by the IDL, and the extra bytes trail), IWbemWCOSmartEnum::Next (proxyGUID is a reference pointer,
 * pBuffer a pointer) and WBEMLogin's response (an IWbemServices**, not a byte array).
 */
class ImpacketWmiOracleTest extends AbstractImpacketOracleTest {
    private static final UUID CID = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    private static final OrpcThis THIS = OrpcThis.of(CID);
    private static final OrpcThat THAT = OrpcThat.EMPTY;
    private static final WmiContext SESSION = WmiContext.empty().with(WmiContext.SESSION_HANDLE, CimValue.string("{5F3C1A5E-0D2B-4C79}"));

    private static final OracleScenarios SCENARIOS = new OracleScenarios();

    @Override
    protected OracleScenarios scenarios() {
        inbound();
        outbound();
        return SCENARIOS;
    }

    @Override
    protected int minimumCompared() {
        return 400;
    }

    @Test
    void impacketsResultPointersReadAsAskedForByTheIdl() {
        // impacket's GetObject asks for ppObject and, one pointer level short, sends ppCallResult's bytes after it
        IWbemServices.GetObjectRequest get = IWbemServices.GetObjectRequest.decode(ran().built("GetObject"));
        assertThat(get.wantObject()).isTrue();
        assertThat(get.wantCallResult()).isFalse();
        // impacket's PutInstance and DeleteInstance ask for a call result, which its helper then wraps
        assertThat(IWbemServices.PutInstanceRequest.decode(ran().built("PutInstance")).wantCallResult()).isTrue();
        assertThat(IWbemServices.DeleteInstanceRequest.decode(ran().built("DeleteInstance")).wantCallResult())
                .isTrue();
        // impacket's ExecMethod sets ppOutParams to a pointer to NULL and ppCallResult to NULL, as the IDL has it
        IWbemServices.ExecMethodRequest exec = IWbemServices.ExecMethodRequest.decode(ran().built("ExecMethod"));
        assertThat(exec.wantOutParams()).isTrue();
        assertThat(exec.wantCallResult()).isFalse();
        assertThat(IWbemServices.ExecQueryRequest.decode(ran().built("ExecQueryContext")).context())
                .isEqualTo(SESSION);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // scenarios

    private static byte[] context() {
        return WbemContextCodec.objRef(SESSION).encode();
    }

    private static void inbound() {
        byte[] object = WbemMessagesTest.update(7).encode();
        byte[] buffer = WbemMessagesTest.smartBuffer(new WbemObjectArray.ClassCache());
        SCENARIOS.in("EstablishPosition", b -> new Flat().orpcThis(IWbemLevel1Login.ReservedRequest.decode(3, b).orpcThis()).values());
        SCENARIOS.in("RequestChallenge", b -> new Flat().orpcThis(IWbemLevel1Login.ReservedRequest.decode(4, b).orpcThis()).values());
        SCENARIOS.in("WBEMLogin", b -> new Flat().orpcThis(IWbemLevel1Login.ReservedRequest.decode(5, b).orpcThis()).values());
        SCENARIOS.in("NTLMLogin", b -> flat(IWbemLevel1Login.NtlmLoginRequest.decode(b)).values());
        SCENARIOS.in("NTLMLoginContext", context(), b -> flat(IWbemLevel1Login.NtlmLoginRequest.decode(b)).values());
        SCENARIOS.in("OpenNamespace", b -> flat(IWbemServices.OpenNamespaceRequest.decode(b)).values());
        SCENARIOS.in("GetObject", b -> flat(IWbemServices.GetObjectRequest.decode(b)).values());
        SCENARIOS.in("PutInstance", object, b -> flat(IWbemServices.PutInstanceRequest.decode(b)).values());
        SCENARIOS.in("DeleteInstance", b -> flat(IWbemServices.DeleteInstanceRequest.decode(b)).values());
        SCENARIOS.in("CreateInstanceEnum", b -> flat(IWbemServices.CreateInstanceEnumRequest.decode(b)).values());
        SCENARIOS.in("ExecQuery", b -> flat(IWbemServices.ExecQueryRequest.decode(b)).values());
        SCENARIOS.in("ExecQueryContext", context(), b -> flat(IWbemServices.ExecQueryRequest.decode(b)).values());
        SCENARIOS.in("ExecMethod", object, b -> flat(IWbemServices.ExecMethodRequest.decode(b)).values());
        SCENARIOS.in("EnumReset", b -> orpcOnly(b, IEnumWbemClassObject.IID, IEnumWbemClassObject.OPNUM_RESET));
        SCENARIOS.in("EnumNext", b -> flat(IEnumWbemClassObject.CountRequest.decode(4, b)).values());
        SCENARIOS.in("EnumClone", b -> orpcOnly(b, IEnumWbemClassObject.IID, IEnumWbemClassObject.OPNUM_CLONE));
        SCENARIOS.in("EnumSkip", b -> flat(IEnumWbemClassObject.CountRequest.decode(7, b)).values());
        SCENARIOS.in("EnumNextAsync", b -> flat(IEnumWbemClassObject.NextAsyncRequest.decode(b)).values());
        for (String[] call : new String[][] {{"GetResultObject", "3"}, {"GetResultString", "4"}, {"GetResultServices", "5"}, {"GetCallStatus", "6"}}) {
            int opnum = Integer.parseInt(call[1]);
            SCENARIOS.in(call[0], b -> flat(IWbemCallResult.TimeoutRequest.decode(opnum, b)).values());
        }
        SCENARIOS.in("GetSmartEnum", b -> orpcOnly(b, IWbemFetchSmartEnum.IID, IWbemFetchSmartEnum.OPNUM_GET_SMART_ENUM));
        SCENARIOS.in("SmartEnumNext", b -> flat(IWbemWcoSmartEnum.NextRequest.decode(b)).values());

        SCENARIOS.in("NTLMLoginResponse", b -> flat(IWbemLevel1Login.decodeNtlmLoginResponse(b), "ppNamespace").values());
        SCENARIOS.in("NTLMLoginDenied", b -> flat(IWbemLevel1Login.decodeNtlmLoginResponse(b), "ppNamespace").values());
        SCENARIOS.in("EstablishPositionResponse", b -> flat(IWbemLevel1Login.EstablishPositionResponse.decode(b)).values());
        SCENARIOS.in("RequestChallengeResponse", b -> flat(IWbemLevel1Login.RequestChallengeResponse.decode(b)).values());
        SCENARIOS.in("WBEMLoginResponse", b -> flat(IWbemLevel1Login.decodeWbemLoginResponse(b), "reserved5").values());
        SCENARIOS.in("ExecQueryResponse", b -> flat(IWbemServices.decodeEnumResponse(b), "ppEnum").values());
        SCENARIOS.in("ExecQueryInvalid", b -> flat(IWbemServices.decodeEnumResponse(b), "ppEnum").values());
        SCENARIOS.in("CreateInstanceEnumResponse", b -> flat(IWbemServices.decodeEnumResponse(b), "ppEnum").values());
        SCENARIOS.in("GetObjectResponse", object, b -> flat(IWbemServices.ResultResponse.decode(b), "ppObject", "ppCallResult").values());
        SCENARIOS.in("ExecMethodResponse", object, b -> flat(IWbemServices.ResultResponse.decode(b), "ppOutParams", "ppCallResult").values());
        SCENARIOS.in("PutInstanceResponse", b -> flat(IWbemServices.CallResultResponse.decode(b)).values());
        SCENARIOS.in("DeleteInstanceResponse", b -> flat(IWbemServices.CallResultResponse.decode(b)).values());
        SCENARIOS.in("OpenNamespaceResponse", b -> flat(IWbemServices.ResultResponse.decode(b), "ppWorkingNamespace", "ppResult").values());
        SCENARIOS.in("EnumNextResponse", object, b -> flat(IEnumWbemClassObject.NextResponse.decode(b)).values());
        SCENARIOS.in("EnumCloneResponse", b -> flat(IEnumWbemClassObject.decodeCloneResponse(b), "ppEnum").values());
        SCENARIOS.in("EnumResetResponse", b -> flat(OrpcStatusResponse.decode(b)).values());
        SCENARIOS.in("GetSmartEnumResponse", b -> flat(IWbemFetchSmartEnum.decodeResponse(b), "ppSmartEnum").values());
        SCENARIOS.in("SmartEnumNextResponse", buffer, b -> flat(IWbemWcoSmartEnum.NextResponse.decode(b)).values());
        SCENARIOS.in("GetCallStatusResponse", b -> flat(IWbemCallResult.CallStatusResponse.decode(b)).values());
        SCENARIOS.in("GetResultStringResponse", b -> flat(IWbemCallResult.ResultStringResponse.decode(b)).values());
        SCENARIOS.in("GetResultObjectResponse", object, b -> flat(IWbemCallResult.decodeResultObjectResponse(b), "ppResultObject").values());
    }

    private static Map<String, String> orpcOnly(byte[] stub, UUID iid, int opnum) {
        return new Flat().orpcThis(OrpcThisOnlyRequest.decode(iid, opnum, stub).orpcThis()).values();
    }

    private static void outbound() {
        ObjRef enumerator = ObjRef.decode(HexFormat.of().parseHex(WindowsCaptures.ENUMERATOR_OBJREF));
        ObjRefCustom object = WbemMessagesTest.update(3);
        OrpcThisOnlyRequest reset = IEnumWbemClassObject.reset(THIS);

        SCENARIOS.out("EstablishPosition", "IWbemLevel1Login_EstablishPosition", new IWbemLevel1Login.ReservedRequest(3, THIS),
                new Flat().orpcThis(THIS).nul("reserved1").u32("reserved2", 0));
        SCENARIOS.out("RequestChallenge", "IWbemLevel1Login_RequestChallenge", new IWbemLevel1Login.ReservedRequest(4, THIS),
                new Flat().orpcThis(THIS).nul("reserved1").nul("reserved2"));
        SCENARIOS.out("WBEMLogin", "IWbemLevel1Login_WBEMLogin", new IWbemLevel1Login.ReservedRequest(5, THIS),
                new Flat().orpcThis(THIS).nul("reserved1").nul("reserved2").u32("reserved3", 0).nul("reserved4"));
        IWbemLevel1Login.NtlmLoginRequest login = new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/sms/site_CAS", null, 0, null);
        SCENARIOS.out("NTLMLogin", "IWbemLevel1Login_NTLMLogin", login, flat(login));
        IWbemLevel1Login.NtlmLoginRequest loginContext = new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/cimv2", "MS_409", 0, SESSION);
        SCENARIOS.out("NTLMLoginContext", "IWbemLevel1Login_NTLMLogin", loginContext, flat(loginContext));
        SCENARIOS.out("NTLMLoginResponse", "IWbemLevel1Login_NTLMLoginResponse", IWbemLevel1Login.loginResponse(THAT, enumerator, 0),
                flat(IWbemLevel1Login.loginResponse(THAT, enumerator, 0), "ppNamespace"));
        SCENARIOS.out("NTLMLoginDenied", "IWbemLevel1Login_NTLMLoginResponse", IWbemLevel1Login.loginResponse(THAT, null, 0x80041003),
                flat(IWbemLevel1Login.loginResponse(THAT, null, 0x80041003), "ppNamespace"));
        IWbemLevel1Login.EstablishPositionResponse position = new IWbemLevel1Login.EstablishPositionResponse(THAT, 0x409, 0);
        SCENARIOS.out("EstablishPositionResponse", "IWbemLevel1Login_EstablishPositionResponse", position, flat(position));
        byte[] challenge = new byte[16];
        challenge[3] = 7;
        IWbemLevel1Login.RequestChallengeResponse challenged = new IWbemLevel1Login.RequestChallengeResponse(THAT, challenge, 0x8004100C);
        SCENARIOS.out("RequestChallengeResponse", "IWbemLevel1Login_RequestChallengeResponse", challenged, flat(challenged));
        SCENARIOS.out("WBEMLoginResponse", "IWbemLevel1Login_WBEMLoginResponse_IDL", IWbemLevel1Login.loginResponse(THAT, null, 0x8004100C),
                flat(IWbemLevel1Login.loginResponse(THAT, null, 0x8004100C), "reserved5"));

        IWbemServices.OpenNamespaceRequest open = new IWbemServices.OpenNamespaceRequest(THIS, "site_CAS", 0, SESSION, true, false);
        SCENARIOS.out("OpenNamespace", "IWbemServices_OpenNamespace_IDL", open, flat(open));
        IWbemServices.ResultResponse opened = new IWbemServices.ResultResponse(THAT, InOutPointer.of(enumerator), InOutPointer.ABSENT, 0);
        SCENARIOS.out("OpenNamespaceResponse", "IWbemServices_OpenNamespaceResponse", opened, flat(opened, "ppWorkingNamespace", "ppResult"));
        IWbemServices.GetObjectRequest get = new IWbemServices.GetObjectRequest(THIS, "SMS_SoftwareUpdate.CI_ID=16777216", 0x20000, SESSION, true, false);
        SCENARIOS.out("GetObject", "IWbemServices_GetObject_IDL", get, flat(get));
        IWbemServices.GetObjectRequest getBoth = new IWbemServices.GetObjectRequest(THIS, null, 0, null, true, true);
        SCENARIOS.out("GetObjectSemisynchronous", "IWbemServices_GetObject_IDL", getBoth, flat(getBoth));
        IWbemServices.ResultResponse got = new IWbemServices.ResultResponse(THAT, InOutPointer.of(object), InOutPointer.ABSENT, 0);
        SCENARIOS.out("GetObjectResponse", "IWbemServices_GetObjectResponse", got, flat(got, "ppObject", "ppCallResult"));
        IWbemServices.ResultResponse notFound = new IWbemServices.ResultResponse(THAT, InOutPointer.EMPTY, InOutPointer.ABSENT, 0x80041002);
        SCENARIOS.out("GetObjectNotFound", "IWbemServices_GetObjectResponse", notFound, flat(notFound, "ppObject", "ppCallResult"));
        IWbemServices.PutInstanceRequest put = new IWbemServices.PutInstanceRequest(THIS, object, IWbemServices.WBEM_FLAG_UPDATE_ONLY, SESSION, false);
        SCENARIOS.out("PutInstance", "IWbemServices_PutInstance_IDL", put, flat(put));
        IWbemServices.CallResultResponse putDone = new IWbemServices.CallResultResponse(THAT, InOutPointer.of(enumerator), 0);
        SCENARIOS.out("PutInstanceResponse", "IWbemServices_PutInstanceResponse", putDone, flat(putDone));
        IWbemServices.DeleteInstanceRequest delete = new IWbemServices.DeleteInstanceRequest(THIS, "SMS_Package.PackageID=\"CAS00001\"", 0, null, true);
        SCENARIOS.out("DeleteInstance", "IWbemServices_DeleteInstance_IDL", delete, flat(delete));
        IWbemServices.CallResultResponse deleted = new IWbemServices.CallResultResponse(THAT, InOutPointer.EMPTY, 0x80041002);
        SCENARIOS.out("DeleteInstanceResponse", "IWbemServices_DeleteInstanceResponse", deleted, flat(deleted));
        IWbemServices.CreateInstanceEnumRequest enumRequest = new IWbemServices.CreateInstanceEnumRequest(THIS, "SMS_Site", 0x31, null);
        SCENARIOS.out("CreateInstanceEnum", "IWbemServices_CreateInstanceEnum", enumRequest, flat(enumRequest));
        SCENARIOS.out("CreateInstanceEnumResponse", "IWbemServices_CreateInstanceEnumResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppEnum"));
        IWbemServices.ExecQueryRequest query = IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_SoftwareUpdate WHERE IsDeployed = TRUE", null);
        SCENARIOS.out("ExecQuery", "IWbemServices_ExecQuery", query, flat(query));
        IWbemServices.ExecQueryRequest queryContext = IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_SCI_Component", SESSION);
        SCENARIOS.out("ExecQueryContext", "IWbemServices_ExecQuery", queryContext, flat(queryContext));
        SCENARIOS.out("ExecQueryResponse", "IWbemServices_ExecQueryResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppEnum"));
        SCENARIOS.out("ExecQueryInvalid", "IWbemServices_ExecQueryResponse", new InterfacePointerResponse(THAT, null, 0x80041017),
                flat(new InterfacePointerResponse(THAT, null, 0x80041017), "ppEnum"));
        IWbemServices.ExecMethodRequest exec = new IWbemServices.ExecMethodRequest(THIS, "SMS_SoftwareUpdate", "SyncNow", 0, SESSION, object, true, false);
        SCENARIOS.out("ExecMethod", "IWbemServices_ExecMethod", exec, flat(exec));
        IWbemServices.ExecMethodRequest execNoParams = new IWbemServices.ExecMethodRequest(THIS, "SMS_SiteControlFile", "GetSessionHandle", 0, null,
                null, true, false);
        SCENARIOS.out("ExecMethodNoParameters", "IWbemServices_ExecMethod", execNoParams, flat(execNoParams));
        IWbemServices.ResultResponse executed = new IWbemServices.ResultResponse(THAT, InOutPointer.of(object), InOutPointer.ABSENT, 0);
        SCENARIOS.out("ExecMethodResponse", "IWbemServices_ExecMethodResponse", executed, flat(executed, "ppOutParams", "ppCallResult"));

        SCENARIOS.out("EnumReset", "IEnumWbemClassObject_Reset", reset, new Flat().orpcThis(THIS));
        SCENARIOS.out("EnumResetResponse", "IEnumWbemClassObject_ResetResponse", new OrpcStatusResponse(THAT, 0), flat(new OrpcStatusResponse(THAT, 0)));
        IEnumWbemClassObject.CountRequest next = IEnumWbemClassObject.CountRequest.next(THIS, IEnumWbemClassObject.WBEM_INFINITE, 100);
        SCENARIOS.out("EnumNext", "IEnumWbemClassObject_Next", next, flat(next));
        IEnumWbemClassObject.NextResponse nextResponse = new IEnumWbemClassObject.NextResponse(THAT, 100,
                List.of(object, WbemMessagesTest.update(4)), 1);
        SCENARIOS.out("EnumNextResponse", "IEnumWbemClassObject_NextResponse", nextResponse, flat(nextResponse));
        IEnumWbemClassObject.NextResponse nextEmpty = new IEnumWbemClassObject.NextResponse(THAT, 100, List.of(), 1);
        SCENARIOS.out("EnumNextEmpty", "IEnumWbemClassObject_NextResponse", nextEmpty, flat(nextEmpty));
        SCENARIOS.out("EnumClone", "IEnumWbemClassObject_Clone", IEnumWbemClassObject.cloneRequest(THIS), new Flat().orpcThis(THIS));
        SCENARIOS.out("EnumCloneResponse", "IEnumWbemClassObject_CloneResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppEnum"));
        IEnumWbemClassObject.CountRequest skip = IEnumWbemClassObject.CountRequest.skip(THIS, 1000, 5);
        SCENARIOS.out("EnumSkip", "IEnumWbemClassObject_Skip", skip, flat(skip));
        SCENARIOS.out("EnumSkipResponse", "IEnumWbemClassObject_SkipResponse", new OrpcStatusResponse(THAT, 1), flat(new OrpcStatusResponse(THAT, 1)));
        IEnumWbemClassObject.NextAsyncRequest nextAsync = new IEnumWbemClassObject.NextAsyncRequest(THIS, 10, enumerator);
        SCENARIOS.out("EnumNextAsync", "IEnumWbemClassObject_NextAsync", nextAsync, flat(nextAsync));

        IWbemCallResult.TimeoutRequest status = new IWbemCallResult.TimeoutRequest(IWbemCallResult.OPNUM_GET_CALL_STATUS, THIS, 5000);
        SCENARIOS.out("GetCallStatus", "IWbemCallResult_GetCallStatus", status, flat(status));
        IWbemCallResult.CallStatusResponse statusResponse = new IWbemCallResult.CallStatusResponse(THAT, 0x80041002, 0);
        SCENARIOS.out("GetCallStatusResponse", "IWbemCallResult_GetCallStatusResponse", statusResponse, flat(statusResponse));
        IWbemCallResult.ResultStringResponse path = new IWbemCallResult.ResultStringResponse(THAT, "SMS_Site.SiteCode=\"CAS\"", 0);
        SCENARIOS.out("GetResultStringResponse", "IWbemCallResult_GetResultStringResponse", path, flat(path));
        SCENARIOS.out("GetResultObjectResponse", "IWbemCallResult_GetResultObjectResponse", new InterfacePointerResponse(THAT, object, 0),
                flat(new InterfacePointerResponse(THAT, object, 0), "ppResultObject"));

        SCENARIOS.out("GetSmartEnum", "IWbemFetchSmartEnum_GetSmartEnum", IWbemFetchSmartEnum.getSmartEnum(THIS), new Flat().orpcThis(THIS));
        SCENARIOS.out("GetSmartEnumResponse", "IWbemFetchSmartEnum_GetSmartEnumResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppSmartEnum"));
        IWbemWcoSmartEnum.NextRequest smartNext = new IWbemWcoSmartEnum.NextRequest(THIS, UUID.fromString("a1b2c3d4-e5f6-4718-9a0b-1c2d3e4f5061"),
                IEnumWbemClassObject.WBEM_INFINITE, 100);
        SCENARIOS.out("SmartEnumNext", "IWbemWCOSmartEnum_Next_IDL", smartNext, flat(smartNext));
        IWbemWcoSmartEnum.NextResponse smartResponse = new IWbemWcoSmartEnum.NextResponse(THAT, 2,
                WbemMessagesTest.smartBuffer(new WbemObjectArray.ClassCache()), 0);
        SCENARIOS.out("SmartEnumNextResponse", "IWbemWCOSmartEnum_NextResponse_IDL", smartResponse, flat(smartResponse));
        IWbemWcoSmartEnum.NextResponse smartEnd = new IWbemWcoSmartEnum.NextResponse(THAT, 0, null, 1);
        SCENARIOS.out("SmartEnumNextEnd", "IWbemWCOSmartEnum_NextResponse_IDL", smartEnd, flat(smartEnd));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // cm4j's records in the harness's vocabulary

    private static Flat context(Flat f, WmiContext context) {
        return f.interfacePointer("pCtx", context == null ? null : WbemContextCodec.objRef(context));
    }

    private static Flat wanted(Flat f, String path, boolean wanted) {
        return wanted ? f.nul(path + ".*") : f.nul(path);
    }

    private static Flat inOut(Flat f, String path, InOutPointer p) {
        if (!p.present()) {
            return f.nul(path);
        }
        return f.interfacePointer(path + ".*", p.value());
    }

    static Flat flat(IWbemLevel1Login.NtlmLoginRequest r) {
        Flat f = new Flat().orpcThis(r.orpcThis()).text("wszNetworkResource", r.networkResource()).text("wszPreferredLocale", r.preferredLocale())
                .u32("lFlags", r.flags());
        return context(f, r.context());
    }

    static Flat flat(InterfacePointerResponse r, String field) {
        return new Flat().orpcThat(r.orpcThat()).interfacePointer(field, r.value()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemLevel1Login.EstablishPositionResponse r) {
        return new Flat().orpcThat(r.orpcThat()).u32("LocaleVersion", r.localeVersion()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemLevel1Login.RequestChallengeResponse r) {
        return new Flat().orpcThat(r.orpcThat()).hex("reserved3", r.reserved3()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemServices.OpenNamespaceRequest r) {
        Flat f = context(new Flat().orpcThis(r.orpcThis()).text("strNamespace", r.namespace()).u32("lFlags", r.flags()), r.context());
        return wanted(wanted(f, "ppWorkingNamespace", r.wantNamespace()), "ppResult", r.wantCallResult());
    }

    static Flat flat(IWbemServices.ResultResponse r, String result, String callResult) {
        Flat f = new Flat().orpcThat(r.orpcThat());
        return inOut(inOut(f, result, r.result()), callResult, r.callResult()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemServices.GetObjectRequest r) {
        Flat f = context(new Flat().orpcThis(r.orpcThis()).text("strObjectPath", r.objectPath()).u32("lFlags", r.flags()), r.context());
        return wanted(wanted(f, "ppObject", r.wantObject()), "ppCallResult", r.wantCallResult());
    }

    static Flat flat(IWbemServices.PutInstanceRequest r) {
        Flat f = new Flat().orpcThis(r.orpcThis()).interfacePointer("pInst", r.instance()).u32("lFlags", r.flags());
        return wanted(context(f, r.context()), "ppCallResult", r.wantCallResult());
    }

    static Flat flat(IWbemServices.CallResultResponse r) {
        return inOut(new Flat().orpcThat(r.orpcThat()), "ppCallResult", r.callResult()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemServices.DeleteInstanceRequest r) {
        Flat f = context(new Flat().orpcThis(r.orpcThis()).text("strObjectPath", r.objectPath()).u32("lFlags", r.flags()), r.context());
        return wanted(f, "ppCallResult", r.wantCallResult());
    }

    static Flat flat(IWbemServices.CreateInstanceEnumRequest r) {
        return context(new Flat().orpcThis(r.orpcThis()).text("strSuperClass", r.className()).u32("lFlags", r.flags()), r.context());
    }

    static Flat flat(IWbemServices.ExecQueryRequest r) {
        Flat f = new Flat().orpcThis(r.orpcThis()).text("strQueryLanguage", r.language()).text("strQuery", r.query()).u32("lFlags", r.flags());
        return context(f, r.context());
    }

    static Flat flat(IWbemServices.ExecMethodRequest r) {
        Flat f = new Flat().orpcThis(r.orpcThis()).text("strObjectPath", r.objectPath()).text("strMethodName", r.methodName())
                .u32("lFlags", r.flags());
        f = context(f, r.context()).interfacePointer("pInParams", r.inParams());
        return wanted(wanted(f, "ppOutParams", r.wantOutParams()), "ppCallResult", r.wantCallResult());
    }

    static Flat flat(IEnumWbemClassObject.CountRequest r) {
        // impacket names Skip's nCount uCount too
        return new Flat().orpcThis(r.orpcThis()).u32("lTimeout", r.timeout()).u32("uCount", r.count());
    }

    static Flat flat(IEnumWbemClassObject.NextResponse r) {
        Flat f = new Flat().orpcThat(r.orpcThat());
        f.values().put("apObjects#", String.valueOf(r.objects().size()));
        for (int i = 0; i < r.objects().size(); i++) {
            f.interfacePointer("apObjects[" + i + "]", r.objects().get(i));
        }
        return f.u32("puReturned", r.objects().size()).u32("ErrorCode", r.status());
    }

    static Flat flat(IEnumWbemClassObject.NextAsyncRequest r) {
        // impacket names NextAsync's uCount lTimeout
        return new Flat().orpcThis(r.orpcThis()).u32("lTimeout", r.count()).interfacePointer("pSink", r.sink());
    }

    static Flat flat(OrpcStatusResponse r) {
        return new Flat().orpcThat(r.orpcThat()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemCallResult.TimeoutRequest r) {
        return new Flat().orpcThis(r.orpcThis()).u32("lTimeout", r.timeout());
    }

    static Flat flat(IWbemCallResult.CallStatusResponse r) {
        return new Flat().orpcThat(r.orpcThat()).u32("plStatus", r.callStatus()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemCallResult.ResultStringResponse r) {
        return new Flat().orpcThat(r.orpcThat()).text("pstrResultString", r.resultString()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemWcoSmartEnum.NextRequest r) {
        return new Flat().orpcThis(r.orpcThis()).guid("proxyGUID", r.proxyGuid()).u32("lTimeout", r.timeout()).u32("uCount", r.count());
    }

    static Flat flat(IWbemWcoSmartEnum.NextResponse r) {
        Flat f = new Flat().orpcThat(r.orpcThat()).u32("puReturned", r.returned()).u32("pdwBuffSize", r.buffer() == null ? 0 : r.buffer().length);
        if (r.buffer() == null) {
            f.nul("pBuffer");
        } else {
            f.hex("pBuffer", r.buffer());
        }
        return f.u32("ErrorCode", r.status());
    }
}
