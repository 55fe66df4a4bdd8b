package io.github.cm4j.wmi.wbem;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import io.github.cm4j.wmi.WireFormatException;
import io.github.cm4j.wmi.dcom.ActivationProperties;
import io.github.cm4j.wmi.dcom.ActivationProperty;
import io.github.cm4j.wmi.dcom.ComVersion;
import io.github.cm4j.wmi.dcom.DualStringArray;
import io.github.cm4j.wmi.dcom.IActivation;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.dcom.IRemUnknown;
import io.github.cm4j.wmi.dcom.IRemUnknown2;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for the NDR-encoded DCOM and MS-WMI messages (C706 14, MS-DCOM 3, MS-WMI 3):
 * {@link #requests} for every request the loopback server decodes (activation, OXID resolver, IRemUnknown(2),
 * IWbemLevel1Login, IWbemServices with their IWbemContext and IWbemClassObject, enumerators, smart enumerator,
 * IWbemCallResult), {@link #responses} for every response the {@code dcom://} client decodes (objects decoded too).
 * The first input byte picks the message (modulo the number of decoders), the rest is its stub, so one target covers
 * all decoders of a side and the fuzzer can carry a finding across them. Each decoder is driven as its user drives it;
 * only {@link WireFormatException} may come out. The seeds are {@code WireMessageFuzzTest}'s valid messages.
 */
class NdrJazzerTest {
    private static final FuzzCheck CHECK = FuzzCheck.refusing(WireFormatException.class);
    private static final OrpcThis THIS = OrpcThis.of(UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"));
    private static final OrpcThat THAT = OrpcThat.EMPTY;
    private static final UUID IPID = UUID.fromString("00009c01-0f60-1234-5678-9abcdef01234");
    private static final WmiContext SESSION = WmiContext.empty().with(WmiContext.SESSION_HANDLE, CimValue.string("{5F3C1A5E-0D2B-4C79}"))
            .with("__ProviderArchitecture", CimValue.sint32(64)).with("__RequestedProperties", CimValue.stringArray(List.of("A", "B")));
    private static final DualStringArray BINDINGS = new DualStringArray(List.of(new StringBinding(7, "127.0.0.1[49667]")),
            List.of(new SecurityBinding(10, ""), new SecurityBinding(16, "host/server")));
    private static final Corpus REQUESTS = requestCorpus();
    private static final Corpus RESPONSES = responseCorpus();

    /** Decoders and one valid message each; the index is the selector byte. */
    private static final class Corpus {
        final List<String> names = new ArrayList<>();
        final List<byte[]> valid = new ArrayList<>();
        final List<Consumer<byte[]>> decoders = new ArrayList<>();

        Corpus add(String name, byte[] message, Consumer<byte[]> decoder) {
            names.add(name);
            valid.add(message);
            decoders.add(decoder);
            return this;
        }

        void seeds(String method) {
            FuzzSeeds seeds = FuzzSeeds.of(NdrJazzerTest.class, method);
            for (int i = 0; i < names.size(); i++) {
                seeds.add(names.get(i), i, valid.get(i));
            }
        }

        void run(byte[] input) {
            if (input.length == 0) {
                return;
            }
            Consumer<byte[]> decoder = decoders.get((input[0] & 0xFF) % decoders.size());
            CHECK.run(() -> decoder.accept(Arrays.copyOfRange(input, 1, input.length)));
        }
    }

    private static void unmarshal(ObjRefCustom ref) {
        if (ref != null) {
            WbemClassObjects.unmarshal(ref);
        }
    }

    private static Corpus requestCorpus() {
        UUID clsid = IWbemLevel1Login.CLSID;
        ActivationProperties activation = ActivationProperties.request(clsid, List.of(IWbemLevel1Login.IID, IWbemServices.IID));
        List<RemInterfaceRef> refs = List.of(new RemInterfaceRef(IPID, 5, 0), new RemInterfaceRef(new UUID(3, 4), 1, 1));
        return new Corpus()
                .add("RemoteCreateInstance", new IRemoteScmActivator.RemoteCreateInstanceRequest(THIS, null, activation).encode(),
                        IRemoteScmActivator.RemoteCreateInstanceRequest::decode)
                .add("RemoteGetClassObject", new IRemoteScmActivator.RemoteGetClassObjectRequest(THIS, activation).encode(),
                        IRemoteScmActivator.RemoteGetClassObjectRequest::decode)
                .add("RemoteActivation", new IActivation.RemoteActivationRequest(THIS, clsid, "file.dat", WbemMessagesTest.enumerator(), 2, 0,
                        List.of(IWbemLevel1Login.IID), List.of(7)).encode(), IActivation.RemoteActivationRequest::decode)
                .add("ResolveOxid", new IObjectExporter.ResolveOxidRequest(IObjectExporter.OPNUM_RESOLVE_OXID, 1L << 60, List.of(7)).encode(),
                        s -> IObjectExporter.ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID, s))
                .add("ResolveOxid2", IObjectExporter.ResolveOxidRequest.resolveOxid2(5, List.of(7, 15)).encode(),
                        s -> IObjectExporter.ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID2, s))
                .add("SimplePing", new IObjectExporter.SimplePingRequest(-1).encode(), IObjectExporter.SimplePingRequest::decode)
                .add("ComplexPing", new IObjectExporter.ComplexPingRequest(9, 1, List.of(1L, 2L, 3L), List.of(4L)).encode(),
                        IObjectExporter.ComplexPingRequest::decode)
                .add("RemQueryInterface", new IRemUnknown.RemQueryInterfaceRequest(THIS, IPID, 5, List.of(IWbemServices.IID,
                        new UUID(1, 2))).encode(), IRemUnknown.RemQueryInterfaceRequest::decode)
                .add("RemAddRef", IRemUnknown.InterfaceRefsRequest.remAddRef(THIS, refs).encode(),
                        s -> IRemUnknown.InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_ADD_REF, s))
                .add("RemRelease", IRemUnknown.InterfaceRefsRequest.remRelease(THIS, refs).encode(),
                        s -> IRemUnknown.InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_RELEASE, s))
                .add("RemQueryInterface2", new IRemUnknown2.RemQueryInterface2Request(THIS, IPID, List.of(IWbemServices.IID)).encode(),
                        IRemUnknown2.RemQueryInterface2Request::decode)
                .add("NTLMLogin", new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/sms/site_CAS", "MS_409", 0, SESSION).encode(),
                        IWbemLevel1Login.NtlmLoginRequest::decode)
                .add("EstablishPosition", new IWbemLevel1Login.ReservedRequest(IWbemLevel1Login.OPNUM_ESTABLISH_POSITION, THIS).encode(),
                        s -> IWbemLevel1Login.ReservedRequest.decode(IWbemLevel1Login.OPNUM_ESTABLISH_POSITION, s))
                .add("OpenNamespace", new IWbemServices.OpenNamespaceRequest(THIS, "site_CAS", 0, SESSION, true, false).encode(),
                        IWbemServices.OpenNamespaceRequest::decode)
                .add("GetObject", new IWbemServices.GetObjectRequest(THIS, "SMS_SoftwareUpdate.CI_ID=16777216", 0x20000, SESSION, true, false)
                        .encode(), IWbemServices.GetObjectRequest::decode)
                .add("PutInstance", new IWbemServices.PutInstanceRequest(THIS, WbemMessagesTest.update(2), IWbemServices.WBEM_FLAG_UPDATE_ONLY,
                        SESSION, false).encode(), s -> unmarshal(IWbemServices.PutInstanceRequest.decode(s).instance()))
                .add("DeleteInstance", new IWbemServices.DeleteInstanceRequest(THIS, "SMS_Package.PackageID=\"CAS00001\"", 0, SESSION, true)
                        .encode(), IWbemServices.DeleteInstanceRequest::decode)
                .add("CreateInstanceEnum", new IWbemServices.CreateInstanceEnumRequest(THIS, "SMS_Site", IWbemServices.QUERY_FLAGS, null)
                        .encode(), IWbemServices.CreateInstanceEnumRequest::decode)
                .add("ExecQuery", IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_SCI_Component WHERE SiteCode = 'CAS'", SESSION)
                        .encode(), IWbemServices.ExecQueryRequest::decode)
                .add("ExecMethod", new IWbemServices.ExecMethodRequest(THIS, "SMS_SoftwareUpdate", "SyncNow", 0, SESSION,
                        WbemMessagesTest.update(3), true, false).encode(), s -> unmarshal(IWbemServices.ExecMethodRequest.decode(s).inParams()))
                .add("Reset", IEnumWbemClassObject.reset(THIS).encode(),
                        s -> OrpcThisOnlyRequest.decode(IEnumWbemClassObject.IID, IEnumWbemClassObject.OPNUM_RESET, s))
                .add("Next", IEnumWbemClassObject.CountRequest.next(THIS, IEnumWbemClassObject.WBEM_INFINITE, 100).encode(),
                        s -> IEnumWbemClassObject.CountRequest.decode(IEnumWbemClassObject.OPNUM_NEXT, s))
                .add("Skip", IEnumWbemClassObject.CountRequest.skip(THIS, 1000, 5).encode(),
                        s -> IEnumWbemClassObject.CountRequest.decode(IEnumWbemClassObject.OPNUM_SKIP, s))
                .add("NextAsync", new IEnumWbemClassObject.NextAsyncRequest(THIS, 10, WbemMessagesTest.enumerator()).encode(),
                        IEnumWbemClassObject.NextAsyncRequest::decode)
                .add("GetCallStatus", new IWbemCallResult.TimeoutRequest(IWbemCallResult.OPNUM_GET_CALL_STATUS, THIS, 5000).encode(),
                        s -> IWbemCallResult.TimeoutRequest.decode(IWbemCallResult.OPNUM_GET_CALL_STATUS, s))
                .add("GetSmartEnum", IWbemFetchSmartEnum.getSmartEnum(THIS).encode(),
                        s -> OrpcThisOnlyRequest.decode(IWbemFetchSmartEnum.IID, IWbemFetchSmartEnum.OPNUM_GET_SMART_ENUM, s))
                .add("SmartNext", new IWbemWcoSmartEnum.NextRequest(THIS, new UUID(7, 8), IEnumWbemClassObject.WBEM_INFINITE, 100).encode(),
                        IWbemWcoSmartEnum.NextRequest::decode);
    }

    private static Corpus responseCorpus() {
        ObjRefStandard enumerator = (ObjRefStandard) WbemMessagesTest.enumerator();
        ActivationProperties reply = ActivationProperties.reply(new ActivationProperty.PropsOutInfo(List.of(IWbemLevel1Login.IID),
                List.of(0), List.of(enumerator)), new ActivationProperty.ScmReplyInfo(77, BINDINGS, IPID, 6, ComVersion.V5_7));
        WbemObjectArray.ClassCache serverCache = new WbemObjectArray.ClassCache();
        return new Corpus()
                .add("ActivationResponse", new IRemoteScmActivator.ActivationResponse(THAT, reply, 0).encode(),
                        IRemoteScmActivator.ActivationResponse::decode)
                .add("RemoteActivationResponse", new IActivation.RemoteActivationResponse(THAT, 5, BINDINGS, IPID, 6, ComVersion.V5_7, 0,
                        Arrays.asList(enumerator, null), List.of(0, 0x80004002), 0).encode(), IActivation.RemoteActivationResponse::decode)
                .add("ResolveOxid2Response", new IObjectExporter.ResolveOxid2Response(BINDINGS, IPID, 6, ComVersion.V5_7, 0).encode(),
                        IObjectExporter.ResolveOxid2Response::decode)
                .add("ComplexPingResponse", new IObjectExporter.ComplexPingResponse(9, 2, 0).encode(), IObjectExporter.ComplexPingResponse::decode)
                .add("ServerAlive2Response", new IObjectExporter.ServerAlive2Response(ComVersion.V5_7, BINDINGS, 0).encode(),
                        IObjectExporter.ServerAlive2Response::decode)
                .add("RemQueryInterfaceResponse", new IRemUnknown.RemQueryInterfaceResponse(THAT, List.of(new RemQiResult(0, enumerator.std())),
                        0).encode(), IRemUnknown.RemQueryInterfaceResponse::decode)
                .add("RemAddRefResponse", new IRemUnknown.RemAddRefResponse(THAT, List.of(0, 1), 0).encode(), IRemUnknown.RemAddRefResponse::decode)
                .add("OrpcStatusResponse", new OrpcStatusResponse(THAT, 0).encode(), OrpcStatusResponse::decode)
                .add("NTLMLoginResponse", IWbemLevel1Login.loginResponse(THAT, enumerator, 0).encode(), IWbemLevel1Login::decodeNtlmLoginResponse)
                .add("ExecQueryResponse", new InterfacePointerResponse(THAT, enumerator, 0).encode(), IWbemServices::decodeEnumResponse)
                .add("GetObjectResponse", new IWbemServices.ResultResponse(THAT, InOutPointer.of(WbemMessagesTest.update(4)), InOutPointer.ABSENT,
                        0).encode(), s -> IWbemServices.ResultResponse.decode(s).decodeObject())
                .add("CallResultResponse", new IWbemServices.CallResultResponse(THAT, InOutPointer.of(enumerator), 0).encode(),
                        IWbemServices.CallResultResponse::decode)
                .add("NextResponse", new IEnumWbemClassObject.NextResponse(THAT, 100, List.of(WbemMessagesTest.update(1),
                        WbemMessagesTest.update(2)), 0).encode(), s -> IEnumWbemClassObject.NextResponse.decode(s).decodeObjects())
                .add("SmartNextResponse", new IWbemWcoSmartEnum.NextResponse(THAT, 2, WbemMessagesTest.smartBuffer(serverCache), 0).encode(),
                        s -> IWbemWcoSmartEnum.NextResponse.decode(s).decodeObjects(new WbemObjectArray.ClassCache()))
                .add("ResultStringResponse", new IWbemCallResult.ResultStringResponse(THAT, "SMS_Site.SiteCode=\"CAS\"", 0).encode(),
                        IWbemCallResult.ResultStringResponse::decode)
                .add("CallStatusResponse", new IWbemCallResult.CallStatusResponse(THAT, 0x80041002, 0).encode(),
                        IWbemCallResult.CallStatusResponse::decode);
    }

    @BeforeAll
    static void seeds() {
        REQUESTS.seeds("requests");
        RESPONSES.seeds("responses");
    }

    @FuzzTest(maxDuration = "2m")
    void requests(byte[] input) {
        REQUESTS.run(input);
    }

    @FuzzTest(maxDuration = "2m")
    void responses(byte[] input) {
        RESPONSES.run(input);
    }
}
