package io.github.cm4j.wmi.wbem;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.dcom.ActivationProperties;
import io.github.cm4j.wmi.dcom.ActivationProperty;
import io.github.cm4j.wmi.dcom.ComVersion;
import io.github.cm4j.wmi.dcom.DualStringArray;
import io.github.cm4j.wmi.dcom.IActivation;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.dcom.IRemUnknown2;
import io.github.cm4j.wmi.dcom.IRemUnknown;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.dcom.InOutPointer;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.OrpcStatusResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.OrpcThisOnlyRequest;
import io.github.cm4j.wmi.dcom.RemInterfaceRef;
import io.github.cm4j.wmi.dcom.RemQiResult;
import io.github.cm4j.wmi.dcom.SecurityBinding;
import io.github.cm4j.wmi.dcom.StringBinding;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One valid message of every NDR-encoded request the loopback server decodes and of every response the
 * {@code dcom://} client decodes (C706 14, MS-DCOM 3, MS-WMI 3), each with its decoder driven as its user drives it
 * (a request's embedded IWbemClassObject and IWbemContext unmarshaled as the server does): the seeds of the seeded
 * mutation fuzzer ({@link WireMessageFuzzTest}) and of the coverage-guided one ({@link NdrJazzerTest}), kept in one
 * place so that a decoder added to one is fuzzed by both.
 */
final class WireMessageCorpus {
    static final OrpcThis THIS = OrpcThis.of(UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"));
    static final OrpcThat THAT = OrpcThat.EMPTY;
    static final UUID IPID = UUID.fromString("00009c01-0f60-1234-5678-9abcdef01234");
    static final WmiContext SESSION = WmiContext.empty().with(WmiContext.SESSION_HANDLE, CimValue.string("{5F3C1A5E-0D2B-4C79}"))
            .with("__ProviderArchitecture", CimValue.sint32(64)).with("__RequestedProperties", CimValue.stringArray(List.of("A", "B")));
    static final DualStringArray BINDINGS = new DualStringArray(List.of(new StringBinding(7, "127.0.0.1[49667]")),
            List.of(new SecurityBinding(10, ""), new SecurityBinding(16, "host/server")));

    /** Receives one message and its decoder. */
    interface Sink {
        Object add(String name, byte[] message, Consumer<byte[]> decoder);
    }

    private WireMessageCorpus() {
    }

    private static void unmarshal(ObjRefCustom ref) {
        if (ref != null) {
            WbemClassObjects.unmarshal(ref);
        }
    }

    /** Every request the loopback server decodes. */
    static void requests(Sink sink) {
        UUID clsid = IWbemLevel1Login.CLSID;
        ActivationProperties activation = ActivationProperties.request(clsid, List.of(IWbemLevel1Login.IID, IWbemServices.IID));
        List<RemInterfaceRef> refs = List.of(new RemInterfaceRef(IPID, 5, 0), new RemInterfaceRef(new UUID(3, 4), 1, 1));
        sink.add("RemoteCreateInstance", new IRemoteScmActivator.RemoteCreateInstanceRequest(THIS, null, activation).encode(),
                        IRemoteScmActivator.RemoteCreateInstanceRequest::decode);
        sink.add("RemoteGetClassObject", new IRemoteScmActivator.RemoteGetClassObjectRequest(THIS, activation).encode(),
                        IRemoteScmActivator.RemoteGetClassObjectRequest::decode);
        sink.add("RemoteActivation", new IActivation.RemoteActivationRequest(THIS, clsid, "file.dat", WbemMessagesTest.enumerator(), 2, 0,
                        List.of(IWbemLevel1Login.IID), List.of(7)).encode(), IActivation.RemoteActivationRequest::decode);
        sink.add("ResolveOxid", new IObjectExporter.ResolveOxidRequest(IObjectExporter.OPNUM_RESOLVE_OXID, 1L << 60, List.of(7)).encode(),
                        s -> IObjectExporter.ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID, s));
        sink.add("ResolveOxid2", IObjectExporter.ResolveOxidRequest.resolveOxid2(5, List.of(7, 15)).encode(),
                        s -> IObjectExporter.ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID2, s));
        sink.add("SimplePing", new IObjectExporter.SimplePingRequest(-1).encode(), IObjectExporter.SimplePingRequest::decode);
        sink.add("ComplexPing", new IObjectExporter.ComplexPingRequest(9, 1, List.of(1L, 2L, 3L), List.of(4L)).encode(),
                        IObjectExporter.ComplexPingRequest::decode);
        sink.add("RemQueryInterface", new IRemUnknown.RemQueryInterfaceRequest(THIS, IPID, 5, List.of(IWbemServices.IID,
                        new UUID(1, 2))).encode(), IRemUnknown.RemQueryInterfaceRequest::decode);
        sink.add("RemAddRef", IRemUnknown.InterfaceRefsRequest.remAddRef(THIS, refs).encode(),
                        s -> IRemUnknown.InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_ADD_REF, s));
        sink.add("RemRelease", IRemUnknown.InterfaceRefsRequest.remRelease(THIS, refs).encode(),
                        s -> IRemUnknown.InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_RELEASE, s));
        sink.add("RemQueryInterface2", new IRemUnknown2.RemQueryInterface2Request(THIS, IPID, List.of(IWbemServices.IID)).encode(),
                        IRemUnknown2.RemQueryInterface2Request::decode);
        sink.add("NTLMLogin", new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/sms/site_CAS", "MS_409", 0, SESSION).encode(),
                        IWbemLevel1Login.NtlmLoginRequest::decode);
        sink.add("EstablishPosition", new IWbemLevel1Login.ReservedRequest(IWbemLevel1Login.OPNUM_ESTABLISH_POSITION, THIS).encode(),
                        s -> IWbemLevel1Login.ReservedRequest.decode(IWbemLevel1Login.OPNUM_ESTABLISH_POSITION, s));
        sink.add("OpenNamespace", new IWbemServices.OpenNamespaceRequest(THIS, "site_CAS", 0, SESSION, true, false).encode(),
                        IWbemServices.OpenNamespaceRequest::decode);
        sink.add("GetObject", new IWbemServices.GetObjectRequest(THIS, "SMS_SoftwareUpdate.CI_ID=16777216", 0x20000, SESSION, true, false)
                        .encode(), IWbemServices.GetObjectRequest::decode);
        sink.add("PutInstance", new IWbemServices.PutInstanceRequest(THIS, WbemMessagesTest.update(2), IWbemServices.WBEM_FLAG_UPDATE_ONLY,
                        SESSION, false).encode(), s -> unmarshal(IWbemServices.PutInstanceRequest.decode(s).instance()));
        sink.add("DeleteInstance", new IWbemServices.DeleteInstanceRequest(THIS, "SMS_Package.PackageID=\"CAS00001\"", 0, SESSION, true)
                        .encode(), IWbemServices.DeleteInstanceRequest::decode);
        sink.add("CreateInstanceEnum", new IWbemServices.CreateInstanceEnumRequest(THIS, "SMS_Site", IWbemServices.QUERY_FLAGS, null)
                        .encode(), IWbemServices.CreateInstanceEnumRequest::decode);
        sink.add("ExecQuery", IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_SCI_Component WHERE SiteCode = 'CAS'", SESSION)
                        .encode(), IWbemServices.ExecQueryRequest::decode);
        sink.add("ExecMethod", new IWbemServices.ExecMethodRequest(THIS, "SMS_SoftwareUpdate", "SyncNow", 0, SESSION,
                        WbemMessagesTest.update(3), true, false).encode(), s -> unmarshal(IWbemServices.ExecMethodRequest.decode(s).inParams()));
        sink.add("Reset", IEnumWbemClassObject.reset(THIS).encode(),
                        s -> OrpcThisOnlyRequest.decode(IEnumWbemClassObject.IID, IEnumWbemClassObject.OPNUM_RESET, s));
        sink.add("Next", IEnumWbemClassObject.CountRequest.next(THIS, IEnumWbemClassObject.WBEM_INFINITE, 100).encode(),
                        s -> IEnumWbemClassObject.CountRequest.decode(IEnumWbemClassObject.OPNUM_NEXT, s));
        sink.add("Skip", IEnumWbemClassObject.CountRequest.skip(THIS, 1000, 5).encode(),
                        s -> IEnumWbemClassObject.CountRequest.decode(IEnumWbemClassObject.OPNUM_SKIP, s));
        sink.add("NextAsync", new IEnumWbemClassObject.NextAsyncRequest(THIS, 10, WbemMessagesTest.enumerator()).encode(),
                        IEnumWbemClassObject.NextAsyncRequest::decode);
        sink.add("GetCallStatus", new IWbemCallResult.TimeoutRequest(IWbemCallResult.OPNUM_GET_CALL_STATUS, THIS, 5000).encode(),
                        s -> IWbemCallResult.TimeoutRequest.decode(IWbemCallResult.OPNUM_GET_CALL_STATUS, s));
        sink.add("GetSmartEnum", IWbemFetchSmartEnum.getSmartEnum(THIS).encode(),
                        s -> OrpcThisOnlyRequest.decode(IWbemFetchSmartEnum.IID, IWbemFetchSmartEnum.OPNUM_GET_SMART_ENUM, s));
        sink.add("SmartNext", new IWbemWcoSmartEnum.NextRequest(THIS, new UUID(7, 8), IEnumWbemClassObject.WBEM_INFINITE, 100).encode(),
                        IWbemWcoSmartEnum.NextRequest::decode);
    }

    /** Every response the {@code dcom://} client decodes (objects decoded too). */
    static void responses(Sink sink) {
        ObjRefStandard enumerator = (ObjRefStandard) WbemMessagesTest.enumerator();
        ActivationProperties reply = ActivationProperties.reply(new ActivationProperty.PropsOutInfo(List.of(IWbemLevel1Login.IID),
                List.of(0), List.of(enumerator)), new ActivationProperty.ScmReplyInfo(77, BINDINGS, IPID, 6, ComVersion.V5_7));
        WbemObjectArray.ClassCache serverCache = new WbemObjectArray.ClassCache();
        sink.add("ActivationResponse", new IRemoteScmActivator.ActivationResponse(THAT, reply, 0).encode(),
                        IRemoteScmActivator.ActivationResponse::decode);
        sink.add("RemoteActivationResponse", new IActivation.RemoteActivationResponse(THAT, 5, BINDINGS, IPID, 6, ComVersion.V5_7, 0,
                        Arrays.asList(enumerator, null), List.of(0, 0x80004002), 0).encode(), IActivation.RemoteActivationResponse::decode);
        sink.add("ResolveOxid2Response", new IObjectExporter.ResolveOxid2Response(BINDINGS, IPID, 6, ComVersion.V5_7, 0).encode(),
                        IObjectExporter.ResolveOxid2Response::decode);
        sink.add("ComplexPingResponse", new IObjectExporter.ComplexPingResponse(9, 2, 0).encode(), IObjectExporter.ComplexPingResponse::decode);
        sink.add("ServerAlive2Response", new IObjectExporter.ServerAlive2Response(ComVersion.V5_7, BINDINGS, 0).encode(),
                        IObjectExporter.ServerAlive2Response::decode);
        sink.add("RemQueryInterfaceResponse", new IRemUnknown.RemQueryInterfaceResponse(THAT, List.of(new RemQiResult(0, enumerator.std())),
                        0).encode(), IRemUnknown.RemQueryInterfaceResponse::decode);
        sink.add("RemAddRefResponse", new IRemUnknown.RemAddRefResponse(THAT, List.of(0, 1), 0).encode(), IRemUnknown.RemAddRefResponse::decode);
        sink.add("OrpcStatusResponse", new OrpcStatusResponse(THAT, 0).encode(), OrpcStatusResponse::decode);
        sink.add("NTLMLoginResponse", IWbemLevel1Login.loginResponse(THAT, enumerator, 0).encode(), IWbemLevel1Login::decodeNtlmLoginResponse);
        sink.add("ExecQueryResponse", new InterfacePointerResponse(THAT, enumerator, 0).encode(), IWbemServices::decodeEnumResponse);
        sink.add("GetObjectResponse", new IWbemServices.ResultResponse(THAT, InOutPointer.of(WbemMessagesTest.update(4)), InOutPointer.ABSENT,
                        0).encode(), s -> IWbemServices.ResultResponse.decode(s).decodeObject());
        sink.add("CallResultResponse", new IWbemServices.CallResultResponse(THAT, InOutPointer.of(enumerator), 0).encode(),
                        IWbemServices.CallResultResponse::decode);
        sink.add("NextResponse", new IEnumWbemClassObject.NextResponse(THAT, 100, List.of(WbemMessagesTest.update(1),
                        WbemMessagesTest.update(2)), 0).encode(), s -> IEnumWbemClassObject.NextResponse.decode(s).decodeObjects());
        sink.add("SmartNextResponse", new IWbemWcoSmartEnum.NextResponse(THAT, 2, WbemMessagesTest.smartBuffer(serverCache), 0).encode(),
                        s -> IWbemWcoSmartEnum.NextResponse.decode(s).decodeObjects(new WbemObjectArray.ClassCache()));
        sink.add("ResultStringResponse", new IWbemCallResult.ResultStringResponse(THAT, "SMS_Site.SiteCode=\"CAS\"", 0).encode(),
                        IWbemCallResult.ResultStringResponse::decode);
        sink.add("CallStatusResponse", new IWbemCallResult.CallStatusResponse(THAT, 0x80041002, 0).encode(),
                        IWbemCallResult.CallStatusResponse::decode);
    }
}
