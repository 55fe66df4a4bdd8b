package io.github.cm4j.wmi.wbem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.dcom.Flat;
import io.github.cm4j.wmi.dcom.ImpacketOracle;
import io.github.cm4j.wmi.dcom.InOutPointer;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.OrpcStatusResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.OrpcThisOnlyRequest;
import io.github.cm4j.wmi.dcom.RpcMessage;
import io.github.cm4j.wmi.dcom.WindowsCaptures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
class ImpacketWmiOracleTest {
    private static final UUID CID = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    private static final OrpcThis THIS = OrpcThis.of(CID);
    private static final OrpcThat THAT = OrpcThat.EMPTY;
    private static final WmiContext SESSION = WmiContext.empty().with(WmiContext.SESSION_HANDLE, CimValue.string("{5F3C1A5E-0D2B-4C79}"));

    /** What impacket sends (with an optional argument built by cm4j), and how cm4j decodes and flattens it. */
    private record Inbound(String scenario, byte[] argument, Function<byte[], Map<String, String>> decode) {
    }

    /** What cm4j encodes and the impacket structure that decodes it. */
    private record Outbound(String id, String structure, RpcMessage message, Map<String, String> values) {
    }

    private static final List<Inbound> INBOUND = new ArrayList<>();
    private static final List<Outbound> OUTBOUND = new ArrayList<>();
    private static Map<String, Map<String, String>> impacket;

    @BeforeAll
    static void runImpacket(@TempDir Path dir) throws Exception {
        ImpacketOracle.assumeAvailable();
        inbound();
        outbound();
        List<ImpacketOracle.Task> tasks = new ArrayList<>();
        for (Inbound in : INBOUND) {
            tasks.add(new ImpacketOracle.Task("in:" + in.scenario, "build", in.scenario, in.argument));
        }
        for (Outbound out : OUTBOUND) {
            tasks.add(new ImpacketOracle.Task("out:" + out.id, "decode", out.structure, out.message.encode()));
        }
        impacket = ImpacketOracle.run(tasks, dir);
    }

    @Test
    void cm4jReadsWhatImpacketSendsAndWhatAServerBuiltWithImpacketAnswers() {
        int compared = 0;
        for (Inbound in : INBOUND) {
            Map<String, String> theirs = impacket.get("in:" + in.scenario);
            byte[] stub = ImpacketOracle.builtStub(theirs);
            compared += ImpacketOracle.assertAgrees(in.scenario + " built by impacket " + HexFormat.of().formatHex(stub),
                    in.decode.apply(stub), theirs);
        }
        assertThat(compared).isGreaterThan(400);
    }

    @Test
    void impacketReadsWhatCm4jEncodes() {
        int compared = 0;
        for (Outbound out : OUTBOUND) {
            compared += ImpacketOracle.assertAgrees(out.id + " encoded by cm4j as " + HexFormat.of().formatHex(out.message.encode())
                    + ", read by impacket's " + out.structure, out.values, impacket.get("out:" + out.id));
        }
        assertThat(compared).isGreaterThan(400);
    }

    @Test
    void impacketsResultPointersReadAsAskedForByTheIdl() {
        // impacket's GetObject asks for ppObject and, one pointer level short, sends ppCallResult's bytes after it
        IWbemServices.GetObjectRequest get = IWbemServices.GetObjectRequest.decode(ImpacketOracle.builtStub(impacket.get("in:GetObject")));
        assertThat(get.wantObject()).isTrue();
        assertThat(get.wantCallResult()).isFalse();
        // impacket's PutInstance and DeleteInstance ask for a call result, which its helper then wraps
        assertThat(IWbemServices.PutInstanceRequest.decode(ImpacketOracle.builtStub(impacket.get("in:PutInstance"))).wantCallResult()).isTrue();
        assertThat(IWbemServices.DeleteInstanceRequest.decode(ImpacketOracle.builtStub(impacket.get("in:DeleteInstance"))).wantCallResult())
                .isTrue();
        // impacket's ExecMethod sets ppOutParams to a pointer to NULL and ppCallResult to NULL, as the IDL has it
        IWbemServices.ExecMethodRequest exec = IWbemServices.ExecMethodRequest.decode(ImpacketOracle.builtStub(impacket.get("in:ExecMethod")));
        assertThat(exec.wantOutParams()).isTrue();
        assertThat(exec.wantCallResult()).isFalse();
        assertThat(IWbemServices.ExecQueryRequest.decode(ImpacketOracle.builtStub(impacket.get("in:ExecQueryContext"))).context())
                .isEqualTo(SESSION);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // scenarios

    private static void in(String scenario, byte[] argument, Function<byte[], Map<String, String>> decode) {
        INBOUND.add(new Inbound(scenario, argument, decode));
    }

    private static void in(String scenario, Function<byte[], Map<String, String>> decode) {
        in(scenario, null, decode);
    }

    private static void out(String id, String structure, RpcMessage message, Flat values) {
        OUTBOUND.add(new Outbound(id, structure, message, values.values()));
    }

    private static byte[] context() {
        return WbemContextCodec.objRef(SESSION).encode();
    }

    private static void inbound() {
        byte[] object = WbemMessagesTest.update(7).encode();
        byte[] buffer = WbemMessagesTest.smartBuffer(new WbemObjectArray.ClassCache());
        in("EstablishPosition", b -> new Flat().orpcThis(IWbemLevel1Login.EstablishPositionRequest.decode(b).orpcThis()).values());
        in("RequestChallenge", b -> new Flat().orpcThis(IWbemLevel1Login.RequestChallengeRequest.decode(b).orpcThis()).values());
        in("WBEMLogin", b -> new Flat().orpcThis(IWbemLevel1Login.WbemLoginRequest.decode(b).orpcThis()).values());
        in("NTLMLogin", b -> flat(IWbemLevel1Login.NtlmLoginRequest.decode(b)).values());
        in("NTLMLoginContext", context(), b -> flat(IWbemLevel1Login.NtlmLoginRequest.decode(b)).values());
        in("OpenNamespace", b -> flat(IWbemServices.OpenNamespaceRequest.decode(b)).values());
        in("GetObject", b -> flat(IWbemServices.GetObjectRequest.decode(b)).values());
        in("PutInstance", object, b -> flat(IWbemServices.PutInstanceRequest.decode(b)).values());
        in("DeleteInstance", b -> flat(IWbemServices.DeleteInstanceRequest.decode(b)).values());
        in("CreateInstanceEnum", b -> flat(IWbemServices.CreateInstanceEnumRequest.decode(b)).values());
        in("ExecQuery", b -> flat(IWbemServices.ExecQueryRequest.decode(b)).values());
        in("ExecQueryContext", context(), b -> flat(IWbemServices.ExecQueryRequest.decode(b)).values());
        in("ExecMethod", object, b -> flat(IWbemServices.ExecMethodRequest.decode(b)).values());
        in("EnumReset", b -> orpcOnly(b, IEnumWbemClassObject.IID, IEnumWbemClassObject.OPNUM_RESET));
        in("EnumNext", b -> flat(IEnumWbemClassObject.NextRequest.decode(b)).values());
        in("EnumClone", b -> orpcOnly(b, IEnumWbemClassObject.IID, IEnumWbemClassObject.OPNUM_CLONE));
        in("EnumSkip", b -> flat(IEnumWbemClassObject.SkipRequest.decode(b)).values());
        in("EnumNextAsync", b -> flat(IEnumWbemClassObject.NextAsyncRequest.decode(b)).values());
        for (String[] call : new String[][] {{"GetResultObject", "3"}, {"GetResultString", "4"}, {"GetResultServices", "5"}, {"GetCallStatus", "6"}}) {
            int opnum = Integer.parseInt(call[1]);
            in(call[0], b -> flat(IWbemCallResult.TimeoutRequest.decode(opnum, b)).values());
        }
        in("GetSmartEnum", b -> orpcOnly(b, IWbemFetchSmartEnum.IID, IWbemFetchSmartEnum.OPNUM_GET_SMART_ENUM));
        in("SmartEnumNext", b -> flat(IWbemWcoSmartEnum.NextRequest.decode(b)).values());

        in("NTLMLoginResponse", b -> flat(IWbemLevel1Login.decodeNtlmLoginResponse(b), "ppNamespace").values());
        in("NTLMLoginDenied", b -> flat(IWbemLevel1Login.decodeNtlmLoginResponse(b), "ppNamespace").values());
        in("EstablishPositionResponse", b -> flat(IWbemLevel1Login.EstablishPositionResponse.decode(b)).values());
        in("RequestChallengeResponse", b -> flat(IWbemLevel1Login.RequestChallengeResponse.decode(b)).values());
        in("WBEMLoginResponse", b -> flat(IWbemLevel1Login.decodeWbemLoginResponse(b), "reserved5").values());
        in("ExecQueryResponse", b -> flat(IWbemServices.decodeEnumResponse(b), "ppEnum").values());
        in("ExecQueryInvalid", b -> flat(IWbemServices.decodeEnumResponse(b), "ppEnum").values());
        in("CreateInstanceEnumResponse", b -> flat(IWbemServices.decodeEnumResponse(b), "ppEnum").values());
        in("GetObjectResponse", object, b -> flat(IWbemServices.GetObjectResponse.decode(b)).values());
        in("ExecMethodResponse", object, b -> flat(IWbemServices.ExecMethodResponse.decode(b)).values());
        in("PutInstanceResponse", b -> flat(IWbemServices.CallResultResponse.decode(b)).values());
        in("DeleteInstanceResponse", b -> flat(IWbemServices.CallResultResponse.decode(b)).values());
        in("OpenNamespaceResponse", b -> flat(IWbemServices.OpenNamespaceResponse.decode(b)).values());
        in("EnumNextResponse", object, b -> flat(IEnumWbemClassObject.NextResponse.decode(b)).values());
        in("EnumCloneResponse", b -> flat(IEnumWbemClassObject.decodeCloneResponse(b), "ppEnum").values());
        in("EnumResetResponse", b -> flat(OrpcStatusResponse.decode(b)).values());
        in("GetSmartEnumResponse", b -> flat(IWbemFetchSmartEnum.decodeResponse(b), "ppSmartEnum").values());
        in("SmartEnumNextResponse", buffer, b -> flat(IWbemWcoSmartEnum.NextResponse.decode(b)).values());
        in("GetCallStatusResponse", b -> flat(IWbemCallResult.CallStatusResponse.decode(b)).values());
        in("GetResultStringResponse", b -> flat(IWbemCallResult.ResultStringResponse.decode(b)).values());
        in("GetResultObjectResponse", object, b -> flat(IWbemCallResult.decodeResultObjectResponse(b), "ppResultObject").values());
    }

    private static Map<String, String> orpcOnly(byte[] stub, UUID iid, int opnum) {
        return new Flat().orpcThis(OrpcThisOnlyRequest.decode(iid, opnum, stub).orpcThis()).values();
    }

    private static void outbound() {
        ObjRef enumerator = ObjRef.decode(HexFormat.of().parseHex(WindowsCaptures.ENUMERATOR_OBJREF));
        ObjRefCustom object = WbemMessagesTest.update(3);
        OrpcThisOnlyRequest reset = IEnumWbemClassObject.reset(THIS);

        out("EstablishPosition", "IWbemLevel1Login_EstablishPosition", new IWbemLevel1Login.EstablishPositionRequest(THIS),
                new Flat().orpcThis(THIS).nul("reserved1").u32("reserved2", 0));
        out("RequestChallenge", "IWbemLevel1Login_RequestChallenge", new IWbemLevel1Login.RequestChallengeRequest(THIS),
                new Flat().orpcThis(THIS).nul("reserved1").nul("reserved2"));
        out("WBEMLogin", "IWbemLevel1Login_WBEMLogin", new IWbemLevel1Login.WbemLoginRequest(THIS),
                new Flat().orpcThis(THIS).nul("reserved1").nul("reserved2").u32("reserved3", 0).nul("reserved4"));
        IWbemLevel1Login.NtlmLoginRequest login = new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/sms/site_CAS", null, 0, null);
        out("NTLMLogin", "IWbemLevel1Login_NTLMLogin", login, flat(login));
        IWbemLevel1Login.NtlmLoginRequest loginContext = new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/cimv2", "MS_409", 0, SESSION);
        out("NTLMLoginContext", "IWbemLevel1Login_NTLMLogin", loginContext, flat(loginContext));
        out("NTLMLoginResponse", "IWbemLevel1Login_NTLMLoginResponse", IWbemLevel1Login.loginResponse(THAT, enumerator, 0),
                flat(IWbemLevel1Login.loginResponse(THAT, enumerator, 0), "ppNamespace"));
        out("NTLMLoginDenied", "IWbemLevel1Login_NTLMLoginResponse", IWbemLevel1Login.loginResponse(THAT, null, 0x80041003),
                flat(IWbemLevel1Login.loginResponse(THAT, null, 0x80041003), "ppNamespace"));
        IWbemLevel1Login.EstablishPositionResponse position = new IWbemLevel1Login.EstablishPositionResponse(THAT, 0x409, 0);
        out("EstablishPositionResponse", "IWbemLevel1Login_EstablishPositionResponse", position, flat(position));
        byte[] challenge = new byte[16];
        challenge[3] = 7;
        IWbemLevel1Login.RequestChallengeResponse challenged = new IWbemLevel1Login.RequestChallengeResponse(THAT, challenge, 0x8004100C);
        out("RequestChallengeResponse", "IWbemLevel1Login_RequestChallengeResponse", challenged, flat(challenged));
        out("WBEMLoginResponse", "IWbemLevel1Login_WBEMLoginResponse_IDL", IWbemLevel1Login.loginResponse(THAT, null, 0x8004100C),
                flat(IWbemLevel1Login.loginResponse(THAT, null, 0x8004100C), "reserved5"));

        IWbemServices.OpenNamespaceRequest open = new IWbemServices.OpenNamespaceRequest(THIS, "site_CAS", 0, SESSION, true, false);
        out("OpenNamespace", "IWbemServices_OpenNamespace_IDL", open, flat(open));
        IWbemServices.OpenNamespaceResponse opened = new IWbemServices.OpenNamespaceResponse(THAT, InOutPointer.of(enumerator), InOutPointer.ABSENT, 0);
        out("OpenNamespaceResponse", "IWbemServices_OpenNamespaceResponse", opened, flat(opened));
        IWbemServices.GetObjectRequest get = new IWbemServices.GetObjectRequest(THIS, "SMS_SoftwareUpdate.CI_ID=16777216", 0x20000, SESSION, true, false);
        out("GetObject", "IWbemServices_GetObject_IDL", get, flat(get));
        IWbemServices.GetObjectRequest getBoth = new IWbemServices.GetObjectRequest(THIS, null, 0, null, true, true);
        out("GetObjectSemisynchronous", "IWbemServices_GetObject_IDL", getBoth, flat(getBoth));
        IWbemServices.GetObjectResponse got = new IWbemServices.GetObjectResponse(THAT, InOutPointer.of(object), InOutPointer.ABSENT, 0);
        out("GetObjectResponse", "IWbemServices_GetObjectResponse", got, flat(got));
        IWbemServices.GetObjectResponse notFound = new IWbemServices.GetObjectResponse(THAT, InOutPointer.EMPTY, InOutPointer.ABSENT, 0x80041002);
        out("GetObjectNotFound", "IWbemServices_GetObjectResponse", notFound, flat(notFound));
        IWbemServices.PutInstanceRequest put = new IWbemServices.PutInstanceRequest(THIS, object, IWbemServices.WBEM_FLAG_UPDATE_ONLY, SESSION, false);
        out("PutInstance", "IWbemServices_PutInstance_IDL", put, flat(put));
        IWbemServices.CallResultResponse putDone = new IWbemServices.CallResultResponse(THAT, InOutPointer.of(enumerator), 0);
        out("PutInstanceResponse", "IWbemServices_PutInstanceResponse", putDone, flat(putDone));
        IWbemServices.DeleteInstanceRequest delete = new IWbemServices.DeleteInstanceRequest(THIS, "SMS_Package.PackageID=\"CAS00001\"", 0, null, true);
        out("DeleteInstance", "IWbemServices_DeleteInstance_IDL", delete, flat(delete));
        IWbemServices.CallResultResponse deleted = new IWbemServices.CallResultResponse(THAT, InOutPointer.EMPTY, 0x80041002);
        out("DeleteInstanceResponse", "IWbemServices_DeleteInstanceResponse", deleted, flat(deleted));
        IWbemServices.CreateInstanceEnumRequest enumRequest = new IWbemServices.CreateInstanceEnumRequest(THIS, "SMS_Site", 0x31, null);
        out("CreateInstanceEnum", "IWbemServices_CreateInstanceEnum", enumRequest, flat(enumRequest));
        out("CreateInstanceEnumResponse", "IWbemServices_CreateInstanceEnumResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppEnum"));
        IWbemServices.ExecQueryRequest query = IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_SoftwareUpdate WHERE IsDeployed = TRUE", null);
        out("ExecQuery", "IWbemServices_ExecQuery", query, flat(query));
        IWbemServices.ExecQueryRequest queryContext = IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_SCI_Component", SESSION);
        out("ExecQueryContext", "IWbemServices_ExecQuery", queryContext, flat(queryContext));
        out("ExecQueryResponse", "IWbemServices_ExecQueryResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppEnum"));
        out("ExecQueryInvalid", "IWbemServices_ExecQueryResponse", new InterfacePointerResponse(THAT, null, 0x80041017),
                flat(new InterfacePointerResponse(THAT, null, 0x80041017), "ppEnum"));
        IWbemServices.ExecMethodRequest exec = new IWbemServices.ExecMethodRequest(THIS, "SMS_SoftwareUpdate", "SyncNow", 0, SESSION, object, true, false);
        out("ExecMethod", "IWbemServices_ExecMethod", exec, flat(exec));
        IWbemServices.ExecMethodRequest execNoParams = new IWbemServices.ExecMethodRequest(THIS, "SMS_SiteControlFile", "GetSessionHandle", 0, null,
                null, true, false);
        out("ExecMethodNoParameters", "IWbemServices_ExecMethod", execNoParams, flat(execNoParams));
        IWbemServices.ExecMethodResponse executed = new IWbemServices.ExecMethodResponse(THAT, InOutPointer.of(object), InOutPointer.ABSENT, 0);
        out("ExecMethodResponse", "IWbemServices_ExecMethodResponse", executed, flat(executed));

        out("EnumReset", "IEnumWbemClassObject_Reset", reset, new Flat().orpcThis(THIS));
        out("EnumResetResponse", "IEnumWbemClassObject_ResetResponse", new OrpcStatusResponse(THAT, 0), flat(new OrpcStatusResponse(THAT, 0)));
        IEnumWbemClassObject.NextRequest next = new IEnumWbemClassObject.NextRequest(THIS, IEnumWbemClassObject.WBEM_INFINITE, 100);
        out("EnumNext", "IEnumWbemClassObject_Next", next, flat(next));
        IEnumWbemClassObject.NextResponse nextResponse = new IEnumWbemClassObject.NextResponse(THAT, 100,
                List.of(object, WbemMessagesTest.update(4)), 1);
        out("EnumNextResponse", "IEnumWbemClassObject_NextResponse", nextResponse, flat(nextResponse));
        IEnumWbemClassObject.NextResponse nextEmpty = new IEnumWbemClassObject.NextResponse(THAT, 100, List.of(), 1);
        out("EnumNextEmpty", "IEnumWbemClassObject_NextResponse", nextEmpty, flat(nextEmpty));
        out("EnumClone", "IEnumWbemClassObject_Clone", IEnumWbemClassObject.cloneRequest(THIS), new Flat().orpcThis(THIS));
        out("EnumCloneResponse", "IEnumWbemClassObject_CloneResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppEnum"));
        IEnumWbemClassObject.SkipRequest skip = new IEnumWbemClassObject.SkipRequest(THIS, 1000, 5);
        out("EnumSkip", "IEnumWbemClassObject_Skip", skip, flat(skip));
        out("EnumSkipResponse", "IEnumWbemClassObject_SkipResponse", new OrpcStatusResponse(THAT, 1), flat(new OrpcStatusResponse(THAT, 1)));
        IEnumWbemClassObject.NextAsyncRequest nextAsync = new IEnumWbemClassObject.NextAsyncRequest(THIS, 10, enumerator);
        out("EnumNextAsync", "IEnumWbemClassObject_NextAsync", nextAsync, flat(nextAsync));

        IWbemCallResult.TimeoutRequest status = new IWbemCallResult.TimeoutRequest(IWbemCallResult.OPNUM_GET_CALL_STATUS, THIS, 5000);
        out("GetCallStatus", "IWbemCallResult_GetCallStatus", status, flat(status));
        IWbemCallResult.CallStatusResponse statusResponse = new IWbemCallResult.CallStatusResponse(THAT, 0x80041002, 0);
        out("GetCallStatusResponse", "IWbemCallResult_GetCallStatusResponse", statusResponse, flat(statusResponse));
        IWbemCallResult.ResultStringResponse path = new IWbemCallResult.ResultStringResponse(THAT, "SMS_Site.SiteCode=\"CAS\"", 0);
        out("GetResultStringResponse", "IWbemCallResult_GetResultStringResponse", path, flat(path));
        out("GetResultObjectResponse", "IWbemCallResult_GetResultObjectResponse", new InterfacePointerResponse(THAT, object, 0),
                flat(new InterfacePointerResponse(THAT, object, 0), "ppResultObject"));

        out("GetSmartEnum", "IWbemFetchSmartEnum_GetSmartEnum", IWbemFetchSmartEnum.getSmartEnum(THIS), new Flat().orpcThis(THIS));
        out("GetSmartEnumResponse", "IWbemFetchSmartEnum_GetSmartEnumResponse", new InterfacePointerResponse(THAT, enumerator, 0),
                flat(new InterfacePointerResponse(THAT, enumerator, 0), "ppSmartEnum"));
        IWbemWcoSmartEnum.NextRequest smartNext = new IWbemWcoSmartEnum.NextRequest(THIS, UUID.fromString("a1b2c3d4-e5f6-4718-9a0b-1c2d3e4f5061"),
                IEnumWbemClassObject.WBEM_INFINITE, 100);
        out("SmartEnumNext", "IWbemWCOSmartEnum_Next_IDL", smartNext, flat(smartNext));
        IWbemWcoSmartEnum.NextResponse smartResponse = new IWbemWcoSmartEnum.NextResponse(THAT, 2,
                WbemMessagesTest.smartBuffer(new WbemObjectArray.ClassCache()), 0);
        out("SmartEnumNextResponse", "IWbemWCOSmartEnum_NextResponse_IDL", smartResponse, flat(smartResponse));
        IWbemWcoSmartEnum.NextResponse smartEnd = new IWbemWcoSmartEnum.NextResponse(THAT, 0, null, 1);
        out("SmartEnumNextEnd", "IWbemWCOSmartEnum_NextResponse_IDL", smartEnd, flat(smartEnd));
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

    static Flat flat(IWbemServices.OpenNamespaceResponse r) {
        Flat f = new Flat().orpcThat(r.orpcThat());
        return inOut(inOut(f, "ppWorkingNamespace", r.namespace()), "ppResult", r.callResult()).u32("ErrorCode", r.status());
    }

    static Flat flat(IWbemServices.GetObjectRequest r) {
        Flat f = context(new Flat().orpcThis(r.orpcThis()).text("strObjectPath", r.objectPath()).u32("lFlags", r.flags()), r.context());
        return wanted(wanted(f, "ppObject", r.wantObject()), "ppCallResult", r.wantCallResult());
    }

    static Flat flat(IWbemServices.GetObjectResponse r) {
        Flat f = new Flat().orpcThat(r.orpcThat());
        return inOut(inOut(f, "ppObject", r.object()), "ppCallResult", r.callResult()).u32("ErrorCode", r.status());
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

    static Flat flat(IWbemServices.ExecMethodResponse r) {
        Flat f = new Flat().orpcThat(r.orpcThat());
        return inOut(inOut(f, "ppOutParams", r.outParams()), "ppCallResult", r.callResult()).u32("ErrorCode", r.status());
    }

    static Flat flat(IEnumWbemClassObject.NextRequest r) {
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

    static Flat flat(IEnumWbemClassObject.SkipRequest r) {
        // impacket names Skip's nCount uCount
        return new Flat().orpcThis(r.orpcThis()).u32("lTimeout", r.timeout()).u32("uCount", r.count());
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
