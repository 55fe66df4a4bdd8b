package io.github.cm4j.wmi.dcom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.wmi.dcom.IObjectExporter.ComplexPingRequest;
import io.github.cm4j.wmi.dcom.IObjectExporter.ComplexPingResponse;
import io.github.cm4j.wmi.dcom.IObjectExporter.ResolveOxid2Response;
import io.github.cm4j.wmi.dcom.IObjectExporter.ResolveOxidRequest;
import io.github.cm4j.wmi.dcom.IObjectExporter.ResolveOxidResponse;
import io.github.cm4j.wmi.dcom.IObjectExporter.ServerAlive2Response;
import io.github.cm4j.wmi.dcom.IObjectExporter.SimplePingRequest;
import io.github.cm4j.wmi.dcom.IObjectExporter.StatusResponse;
import io.github.cm4j.wmi.dcom.IRemUnknown.InterfaceRefsRequest;
import io.github.cm4j.wmi.dcom.IRemUnknown.RemAddRefResponse;
import io.github.cm4j.wmi.dcom.IRemUnknown.RemQueryInterfaceRequest;
import io.github.cm4j.wmi.dcom.IRemUnknown.RemQueryInterfaceResponse;
import io.github.cm4j.wmi.dcom.IRemUnknown2.RemQueryInterface2Request;
import io.github.cm4j.wmi.dcom.IRemUnknown2.RemQueryInterface2Response;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator.ActivationResponse;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator.RemoteCreateInstanceRequest;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator.RemoteGetClassObjectRequest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * impacket 0.10 as the independent implementation of the DCOM messages (MS-DCOM 3.1.1.5.6, 3.1.2.5): what impacket's
 * client code sends (DCOMConnection's activation, IRemUnknown, IObjectExporter) and what a server built with
 * impacket's structures answers, cm4j decodes to the values impacket reads back; what cm4j encodes, impacket decodes
 * to the values cm4j holds. Where impacket 0.10 deviates from the IDL (RemQueryInterface's results, ServerAlive2's
 * pReserved; no RemQueryInterface2 at all) the harness uses IDL-faithful definitions built from impacket's NDR
 * types, and impacket's own definition is checked too where it reads the IDL layout correctly.
 */
class ImpacketDcomOracleTest extends AbstractImpacketOracleTest {
    private static final UUID CLSID_WBEM_LEVEL1_LOGIN = UUID.fromString("8bc3f05e-d86b-11d0-a075-00c04fb68820");
    private static final UUID IID_IWBEM_LEVEL1_LOGIN = UUID.fromString("f309ad18-d86a-11d0-a075-00c04fb68820");
    private static final UUID IID_IWBEM_SERVICES = UUID.fromString("9556dc99-828c-11cf-a37e-00aa003240c7");
    private static final UUID CID = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    private static final OrpcThis THIS_WITH_ONE_EXTENSION = new OrpcThis(ComVersion.V5_7, 0, CID,
            List.of(new OrpcExtent(UUID.fromString("0000031c-0000-0000-c000-000000000046"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})));

    private static final OracleScenarios SCENARIOS = new OracleScenarios();

    @Override
    protected OracleScenarios scenarios() {
        inbound();
        outbound();
        return SCENARIOS;
    }

    @Override
    protected int minimumCompared() {
        return 300;
    }

    @Test
    void impacketsActivationRequestIsTheOneCm4jSendsByDefaultSaveForClientChoices() {
        RemoteCreateInstanceRequest r = RemoteCreateInstanceRequest.decode(ran().built("RemoteCreateInstance"));
        ActivationProperties ours = ActivationProperties.request(CLSID_WBEM_LEVEL1_LOGIN, List.of(IID_IWBEM_LEVEL1_LOGIN));
        // impacket leaves classCtx and ClientImpLevel 0 where Windows sends CLSCTX_REMOTE_SERVER and IDENTIFY (2)
        assertThat(r.properties().properties()).extracting(ActivationProperty::clsid)
                .containsExactlyElementsOf(ours.properties().stream().map(ActivationProperty::clsid).toList());
        assertThat(r.properties().property(ActivationProperty.InstantiationInfo.class).orElseThrow().classCtx()).isZero();
        assertThat(r.properties().property(ActivationProperty.ScmRequestInfo.class).orElseThrow().clientImpLevel()).isZero();
        assertThat(r.orpcThis().flags()).isEqualTo(OrpcThis.ORPCF_LOCAL);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // scenarios

    private static void inbound() {
        SCENARIOS.in("RemoteCreateInstance", b -> flat(RemoteCreateInstanceRequest.decode(b)));
        SCENARIOS.in("RemoteGetClassObject", b -> flat(RemoteGetClassObjectRequest.decode(b)));
        SCENARIOS.in("RemoteActivation", b -> flat(IActivation.RemoteActivationRequest.decode(b)));
        SCENARIOS.in("ResolveOxid", b -> flat(ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID, b)));
        SCENARIOS.in("ResolveOxid2", b -> flat(ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID2, b)));
        SCENARIOS.in("SimplePing", b -> flat(SimplePingRequest.decode(b)));
        SCENARIOS.in("ComplexPing", b -> flat(ComplexPingRequest.decode(b)));
        SCENARIOS.in("ServerAlive", b -> empty(b));
        SCENARIOS.in("ServerAlive2", b -> empty(b));
        SCENARIOS.in("RemQueryInterface", b -> flat(RemQueryInterfaceRequest.decode(b)));
        SCENARIOS.in("RemAddRef", b -> flat(InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_ADD_REF, b)).values());
        SCENARIOS.in("RemRelease", b -> flat(InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_RELEASE, b)).values());
        SCENARIOS.in("RemQueryInterface2", b -> flat(RemQueryInterface2Request.decode(b)));
        SCENARIOS.in("RemReleaseExtension", b -> flat(InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_RELEASE, b)).values());
        SCENARIOS.in("ResolveOxidResponse", b -> flat(ResolveOxidResponse.decode(b)));
        SCENARIOS.in("ResolveOxid2Response", b -> flat(ResolveOxid2Response.decode(b)));
        SCENARIOS.in("ServerAlive2Response", b -> flat(ServerAlive2Response.decode(b)).values());
        SCENARIOS.in("SimplePingResponse", b -> new Flat().u32("ErrorCode", StatusResponse.decode(b).status()).values());
        SCENARIOS.in("ComplexPingResponse", b -> flat(ComplexPingResponse.decode(b)));
        SCENARIOS.in("RemoteCreateInstanceResponse", b -> flat(ActivationResponse.decode(b)));
        SCENARIOS.in("RemoteCreateInstanceFailure", b -> flat(ActivationResponse.decode(b)));
        SCENARIOS.in("RemQueryInterfaceResponse", b -> flat(RemQueryInterfaceResponse.decode(b)));
        SCENARIOS.in("RemAddRefResponse", b -> flat(RemAddRefResponse.decode(b)));
        SCENARIOS.in("RemReleaseResponse", b -> flat(OrpcStatusResponse.decode(b)));
        SCENARIOS.in("RemoteActivationResponse", b -> flat(IActivation.RemoteActivationResponse.decode(b)));
        SCENARIOS.in("RemQueryInterface2Response", b -> flat(RemQueryInterface2Response.decode(b)));
    }

    private static Map<String, String> empty(byte[] stub) {
        assertThat(stub).isEmpty();
        return new LinkedHashMap<>();
    }

    private static void outbound() {
        ObjRef enumerator = ObjRef.decode(HexFormat.of().parseHex(WindowsCaptures.ENUMERATOR_OBJREF));
        DualStringArray exporter = new DualStringArray(List.of(new StringBinding(7, "SITESERVER[49702]"), new StringBinding(7, "10.0.0.5[49702]")),
                List.of(new SecurityBinding(SecurityBinding.RPC_C_AUTHN_WINNT, ""), new SecurityBinding(SecurityBinding.RPC_C_AUTHN_GSS_NEGOTIATE,
                        "host/siteserver.example")));
        UUID ipidRemUnknown = UUID.fromString("0000b801-0ab4-1234-9f3c-1e2d3c4b5a69");
        OrpcThis orpcThis = OrpcThis.of(CID);
        OrpcThat that = OrpcThat.EMPTY;

        RemoteCreateInstanceRequest rci = new RemoteCreateInstanceRequest(new OrpcThis(ComVersion.V5_7, OrpcThis.ORPCF_LOCAL, CID, List.of()),
                null, ActivationProperties.request(CLSID_WBEM_LEVEL1_LOGIN, List.of(IID_IWBEM_LEVEL1_LOGIN)));
        SCENARIOS.out("RemoteCreateInstance", "RemoteCreateInstance", rci, flat(rci));
        ActivationProperties windowsLike = new ActivationProperties(List.of(
                new ActivationProperty.SpecialProperties(-1, false, false, null, 6, 0, 0x10, 2),
                new ActivationProperty.InstantiationInfo(CLSID_WBEM_LEVEL1_LOGIN, 0x10, 0, List.of(IID_IWBEM_LEVEL1_LOGIN), ComVersion.V5_7),
                new ActivationProperty.ActivationContextInfo(null, null),
                new ActivationProperty.SecurityInfo(0, "siteserver.example"),
                new ActivationProperty.LocationInfo(),
                new ActivationProperty.ScmRequestInfo(2, List.of(7))));
        RemoteCreateInstanceRequest rciWindows = new RemoteCreateInstanceRequest(orpcThis, null, windowsLike);
        SCENARIOS.out("RemoteCreateInstanceWindowsProperties", "RemoteCreateInstance", rciWindows, flat(rciWindows));
        RemoteGetClassObjectRequest rgco = new RemoteGetClassObjectRequest(orpcThis,
                ActivationProperties.request(CLSID_WBEM_LEVEL1_LOGIN, List.of(UUID.fromString("00000001-0000-0000-c000-000000000046"))));
        SCENARIOS.out("RemoteGetClassObject", "RemoteGetClassObject", rgco, flat(rgco));
        ActivationResponse reply = new ActivationResponse(that, ActivationProperties.reply(
                new ActivationProperty.PropsOutInfo(List.of(IID_IWBEM_LEVEL1_LOGIN), List.of(0), List.of(enumerator)),
                new ActivationProperty.ScmReplyInfo(0x30b45e07652d4de5L, exporter, ipidRemUnknown, 6, ComVersion.V5_7)), 0);
        SCENARIOS.out("RemoteCreateInstanceResponse", "RemoteCreateInstanceResponse", reply, flat(reply));
        SCENARIOS.out("RemoteGetClassObjectResponse", "RemoteGetClassObjectResponse", reply, flat(reply));
        ActivationResponse denied = new ActivationResponse(that, null, 0x80070005);
        SCENARIOS.out("RemoteCreateInstanceDenied", "RemoteCreateInstanceResponse", denied, flat(denied));

        IActivation.RemoteActivationRequest ra = new IActivation.RemoteActivationRequest(orpcThis, CLSID_WBEM_LEVEL1_LOGIN, null, null, 2, 0,
                List.of(IID_IWBEM_LEVEL1_LOGIN, IID_IWBEM_SERVICES), List.of(7, 15));
        SCENARIOS.out("RemoteActivation", "RemoteActivation", ra, flat(ra));
        IActivation.RemoteActivationResponse raResponse = new IActivation.RemoteActivationResponse(that, 0x1122334455667788L, exporter,
                ipidRemUnknown, 6, ComVersion.V5_7, 0, Arrays.asList(enumerator, null), List.of(0, 0x80004002), 0);
        SCENARIOS.out("RemoteActivationResponse", "RemoteActivationResponse", raResponse, flat(raResponse));

        ResolveOxidRequest ro = new ResolveOxidRequest(IObjectExporter.OPNUM_RESOLVE_OXID, 0x30b45e07652d4de5L, List.of(7));
        SCENARIOS.out("ResolveOxid", "ResolveOxid", ro, flat(ro));
        ResolveOxidRequest ro2 = ResolveOxidRequest.resolveOxid2(0x30b45e07652d4de5L, List.of(7, 15, 31));
        SCENARIOS.out("ResolveOxid2", "ResolveOxid2", ro2, flat(ro2));
        ResolveOxidResponse roResponse = new ResolveOxidResponse(exporter, ipidRemUnknown, 6, 0);
        SCENARIOS.out("ResolveOxidResponse", "ResolveOxidResponse", roResponse, flat(roResponse));
        ResolveOxid2Response ro2Response = new ResolveOxid2Response(exporter, ipidRemUnknown, 6, ComVersion.V5_7, 0);
        SCENARIOS.out("ResolveOxid2Response", "ResolveOxid2Response", ro2Response, flat(ro2Response));
        SimplePingRequest ping = new SimplePingRequest(0x0102030405060708L);
        SCENARIOS.out("SimplePing", "SimplePing", ping, flat(ping));
        SCENARIOS.out("SimplePingResponse", "SimplePingResponse", new StatusResponse(0), new Flat().u32("ErrorCode", 0));
        SCENARIOS.out("ServerAliveResponse", "ServerAliveResponse", new StatusResponse(0x6d9), new Flat().u32("ErrorCode", 0x6d9));
        ComplexPingRequest complex = new ComplexPingRequest(0, 1, List.of(0x1111111111111111L, 0x2222222222222222L), List.of(0x3333333333333333L));
        SCENARIOS.out("ComplexPing", "ComplexPing", complex, flat(complex));
        ComplexPingRequest complexEmpty = new ComplexPingRequest(0x0102030405060708L, 2, List.of(), List.of());
        SCENARIOS.out("ComplexPingNoChange", "ComplexPing", complexEmpty, flat(complexEmpty));
        ComplexPingResponse complexResponse = new ComplexPingResponse(0x0102030405060708L, 2, 0);
        SCENARIOS.out("ComplexPingResponse", "ComplexPingResponse", complexResponse, flat(complexResponse));
        ServerAlive2Response alive2 = new ServerAlive2Response(ComVersion.V5_7, exporter, 0);
        SCENARIOS.out("ServerAlive2Response", "ServerAlive2Response_IDL", alive2, flat(alive2));
        // impacket's own definition reads pReserved as a unique pointer, which works because it is 0
        SCENARIOS.out("ServerAlive2ResponseImpacket", "ServerAlive2Response", alive2, flat(alive2).nul("pReserved"));

        RemQueryInterfaceRequest qi = new RemQueryInterfaceRequest(orpcThis, UUID.fromString("00009c01-0f60-1234-5678-9abcdef01234"), 5,
                List.of(IID_IWBEM_SERVICES, UUID.fromString("1c1c45ee-4395-11d2-b60b-00104b703efd")));
        SCENARIOS.out("RemQueryInterface", "RemQueryInterface", qi, flat(qi));
        StdObjRef std = ((ObjRefStandard) enumerator).std();
        RemQueryInterfaceResponse qiResponse = new RemQueryInterfaceResponse(that, List.of(new RemQiResult(0, std),
                new RemQiResult(0x80004002, new StdObjRef(0, 0, 0, 0, new UUID(0, 0)))), 0);
        SCENARIOS.out("RemQueryInterfaceResponse", "RemQueryInterfaceResponse_IDL", qiResponse, flat(qiResponse));
        RemQueryInterfaceResponse qiOne = new RemQueryInterfaceResponse(that, List.of(new RemQiResult(0, std)), 0);
        // impacket's own RemQueryInterfaceResponse reads one REMQIRESULT where the IDL has an array: for one IID the
        // array's conformance falls into the structure's 8-byte alignment padding, so impacket reads it right
        Flat one = new Flat().orpcThat(that);
        remQiResult(one, "ppQIResults", qiOne.results().get(0));
        SCENARIOS.out("RemQueryInterfaceResponseImpacket", "RemQueryInterfaceResponse", qiOne, one.u32("ErrorCode", 0));
        RemQueryInterfaceResponse qiFailed = new RemQueryInterfaceResponse(that, List.of(), 0x80004002);
        SCENARIOS.out("RemQueryInterfaceFailed", "RemQueryInterfaceResponse_IDL", qiFailed, flat(qiFailed));
        List<RemInterfaceRef> refs = List.of(new RemInterfaceRef(std.ipid(), 5, 0), new RemInterfaceRef(ipidRemUnknown, 1, 2));
        InterfaceRefsRequest addRef = InterfaceRefsRequest.remAddRef(orpcThis, refs);
        SCENARIOS.out("RemAddRef", "RemAddRef", addRef, flat(addRef));
        RemAddRefResponse addRefResponse = new RemAddRefResponse(that, List.of(0, 0x80004002), 0);
        SCENARIOS.out("RemAddRefResponse", "RemAddRefResponse", addRefResponse, flat(addRefResponse));
        InterfaceRefsRequest release = InterfaceRefsRequest.remRelease(orpcThis, refs);
        SCENARIOS.out("RemRelease", "RemRelease", release, flat(release));
        OrpcThis withExtensions = new OrpcThis(ComVersion.V5_7, 0, CID, List.of(
                new OrpcExtent(UUID.fromString("0000031c-0000-0000-c000-000000000046"), new byte[] {9, 8, 7}),
                new OrpcExtent(UUID.fromString("00000334-0000-0000-c000-000000000046"), new byte[16])));
        InterfaceRefsRequest releaseExtended = InterfaceRefsRequest.remRelease(withExtensions, refs);
        SCENARIOS.out("RemReleaseExtensions", "RemRelease", releaseExtended, flat(releaseExtended));
        InterfaceRefsRequest releaseOdd = InterfaceRefsRequest.remRelease(THIS_WITH_ONE_EXTENSION, refs);
        SCENARIOS.out("RemReleaseOneExtension", "RemRelease", releaseOdd, flat(releaseOdd));
        OrpcStatusResponse released = new OrpcStatusResponse(that, 0);
        SCENARIOS.out("RemReleaseResponse", "RemReleaseResponse", released, flat(released));
        RemQueryInterface2Request qi2 = new RemQueryInterface2Request(orpcThis, std.ipid(), List.of(IID_IWBEM_SERVICES));
        SCENARIOS.out("RemQueryInterface2", "RemQueryInterface2_IDL", qi2, flat(qi2));
        RemQueryInterface2Response qi2Response = new RemQueryInterface2Response(that, List.of(0, 0x80004002), Arrays.asList(enumerator, null), 0);
        SCENARIOS.out("RemQueryInterface2Response", "RemQueryInterface2Response_IDL", qi2Response, flat(qi2Response));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // cm4j's records in the harness's vocabulary

    static Map<String, String> flat(RemoteCreateInstanceRequest r) {
        Flat f = new Flat().orpcThis(r.orpcThis()).interfacePointer("pUnkOuter", r.unkOuter());
        return f.interfacePointer("pActProperties", r.properties() == null ? null : r.properties().toRequestObjRef()).values();
    }

    static Map<String, String> flat(RemoteGetClassObjectRequest r) {
        return new Flat().orpcThis(r.orpcThis())
                .interfacePointer("pActProperties", r.properties() == null ? null : r.properties().toRequestObjRef()).values();
    }

    static Map<String, String> flat(ActivationResponse r) {
        return new Flat().orpcThat(r.orpcThat())
                .interfacePointer("ppActProperties", r.properties() == null ? null : r.properties().toResponseObjRef())
                .u32("ErrorCode", r.status()).values();
    }

    static Map<String, String> flat(IActivation.RemoteActivationRequest r) {
        Flat f = new Flat().orpcThis(r.orpcThis()).guid("Clsid", r.clsid()).text("pwszObjectName", r.objectName())
                .interfacePointer("pObjectStorage", r.objectStorage()).u32("ClientImpLevel", r.clientImpLevel()).u32("Mode", r.mode())
                .u32("Interfaces", r.iids().size()).guids("pIIDs", r.iids());
        return f.u32("cRequestedProtseqs", r.requestedProtseqs().size()).u32s("aRequestedProtseqs", r.requestedProtseqs()).values();
    }

    static Map<String, String> flat(IActivation.RemoteActivationResponse r) {
        Flat f = new Flat().orpcThat(r.orpcThat()).u64("pOxid", r.oxid()).dualStringArray("ppdsaOxidBindings", r.oxidBindings())
                .guid("pipidRemUnknown", r.ipidRemUnknown()).u32("pAuthnHint", r.authnHint()).version("pServerVersion", r.serverVersion())
                .u32("phr", r.hresult());
        interfaces(f, "ppInterfaceData", r.interfaces());
        return f.u32s("pResults", r.results()).u32("ErrorCode", r.status()).values();
    }

    private static void interfaces(Flat f, String path, List<ObjRef> refs) {
        f.values().put(path + "#", String.valueOf(refs.size()));
        for (int i = 0; i < refs.size(); i++) {
            f.interfacePointer(path + "[" + i + "]", refs.get(i));
        }
    }

    static Map<String, String> flat(ResolveOxidRequest r) {
        return new Flat().u64("pOxid", r.oxid()).u32("cRequestedProtseqs", r.requestedProtseqs().size())
                .u32s("arRequestedProtseqs", r.requestedProtseqs()).values();
    }

    static Map<String, String> flat(ResolveOxidResponse r) {
        return new Flat().dualStringArray("ppdsaOxidBindings", r.oxidBindings()).guid("pipidRemUnknown", r.ipidRemUnknown())
                .u32("pAuthnHint", r.authnHint()).u32("ErrorCode", r.status()).values();
    }

    static Map<String, String> flat(ResolveOxid2Response r) {
        return new Flat().dualStringArray("ppdsaOxidBindings", r.oxidBindings()).guid("pipidRemUnknown", r.ipidRemUnknown())
                .u32("pAuthnHint", r.authnHint()).version("pComVersion", r.comVersion()).u32("ErrorCode", r.status()).values();
    }

    static Map<String, String> flat(SimplePingRequest r) {
        return new Flat().u64("pSetId", r.setId()).values();
    }

    static Map<String, String> flat(ComplexPingRequest r) {
        Flat f = new Flat().u64("pSetId", r.setId()).u32("SequenceNum", r.sequenceNum()).u32("cAddToSet", r.addToSet().size())
                .u32("cDelFromSet", r.delFromSet().size());
        oids(f, "AddToSet", r.addToSet());
        oids(f, "DelFromSet", r.delFromSet());
        return f.values();
    }

    private static void oids(Flat f, String path, List<Long> oids) {
        if (oids.isEmpty()) {
            f.nul(path);
            return;
        }
        f.values().put(path + "#", String.valueOf(oids.size()));
        for (int i = 0; i < oids.size(); i++) {
            f.u64(path + "[" + i + "]", oids.get(i));
        }
    }

    static Map<String, String> flat(ComplexPingResponse r) {
        return new Flat().u64("pSetId", r.setId()).u32("pPingBackoffFactor", r.pingBackoffFactor()).u32("ErrorCode", r.status()).values();
    }

    static Flat flat(ServerAlive2Response r) {
        return new Flat().version("pComVersion", r.comVersion()).dualStringArray("ppdsaOrBindings", r.orBindings()).u32("ErrorCode", r.status());
    }

    static Map<String, String> flat(RemQueryInterfaceRequest r) {
        return new Flat().orpcThis(r.orpcThis()).guid("ripid", r.ipid()).u32("cRefs", r.publicRefs()).u32("cIids", r.iids().size())
                .guids("iids", r.iids()).values();
    }

    static Map<String, String> flat(RemQueryInterfaceResponse r) {
        Flat f = new Flat().orpcThat(r.orpcThat());
        if (r.results().isEmpty()) {
            f.nul("ppQIResults");
        } else {
            f.values().put("ppQIResults#", String.valueOf(r.results().size()));
            for (int i = 0; i < r.results().size(); i++) {
                remQiResult(f, "ppQIResults[" + i + "]", r.results().get(i));
            }
        }
        return f.u32("ErrorCode", r.status()).values();
    }

    private static void remQiResult(Flat f, String path, RemQiResult q) {
        f.u32(path + ".hResult", q.hresult()).u32(path + ".std.flags", q.std().flags()).u32(path + ".std.cPublicRefs", q.std().publicRefs())
                .u64(path + ".std.oxid", q.std().oxid()).u64(path + ".std.oid", q.std().oid()).guid(path + ".std.ipid", q.std().ipid());
    }

    static Flat flat(InterfaceRefsRequest r) {
        List<RemInterfaceRef> refs = r.refs();
        Flat f = new Flat().orpcThis(r.orpcThis()).u32("cInterfaceRefs", refs.size());
        f.values().put("InterfaceRefs#", String.valueOf(refs.size()));
        for (int i = 0; i < refs.size(); i++) {
            RemInterfaceRef ref = refs.get(i);
            f.guid("InterfaceRefs[" + i + "].ipid", ref.ipid()).u32("InterfaceRefs[" + i + "].cPublicRefs", ref.publicRefs())
                    .u32("InterfaceRefs[" + i + "].cPrivateRefs", ref.privateRefs());
        }
        return f;
    }

    static Map<String, String> flat(RemAddRefResponse r) {
        return new Flat().orpcThat(r.orpcThat()).u32s("pResults", r.results()).u32("ErrorCode", r.status()).values();
    }

    static Map<String, String> flat(OrpcStatusResponse r) {
        return new Flat().orpcThat(r.orpcThat()).u32("ErrorCode", r.status()).values();
    }

    static Map<String, String> flat(RemQueryInterface2Request r) {
        return new Flat().orpcThis(r.orpcThis()).guid("ripid", r.ipid()).u32("cIids", r.iids().size()).guids("iids", r.iids()).values();
    }

    static Map<String, String> flat(RemQueryInterface2Response r) {
        Flat f = new Flat().orpcThat(r.orpcThat()).u32s("phr", r.hresults());
        interfaces(f, "ppMIF", r.interfaces());
        return f.u32("ErrorCode", r.status()).values();
    }
}
