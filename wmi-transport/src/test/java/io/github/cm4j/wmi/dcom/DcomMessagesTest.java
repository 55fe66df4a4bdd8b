package io.github.cm4j.wmi.dcom;

import static io.github.cm4j.wmi.dcom.MessageChecks.roundTripsAndFailsCleanly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.wmi.ndr.NdrFormatException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every DCOM request and response: round trip, truncation and corruption, and the checks the IDL asks for. */
class DcomMessagesTest {
    private static final UUID CID = UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    private static final UUID IPID = UUID.fromString("00009c01-0f60-1234-5678-9abcdef01234");
    private static final UUID IID = UUID.fromString("9556dc99-828c-11cf-a37e-00aa003240c7");
    private static final OrpcThis THIS = new OrpcThis(ComVersion.V5_7, 0, CID,
            List.of(new OrpcExtent(UUID.fromString("00000334-0000-0000-c000-000000000046"), new byte[] {1, 2, 3, 4, 5})));
    private static final OrpcThat THAT = new OrpcThat(0, List.of());
    private static final DualStringArray BINDINGS = new DualStringArray(List.of(new StringBinding(7, "SERVER[49667]")),
            List.of(new SecurityBinding(10, ""), new SecurityBinding(16, "host/server")));

    private static ObjRef enumerator() {
        return ObjRef.decode(HexFormat.of().parseHex(WindowsCaptures.ENUMERATOR_OBJREF));
    }

    @Test
    void remUnknownMessages() {
        StdObjRef std = ((ObjRefStandard) enumerator()).std();
        roundTripsAndFailsCleanly(new IRemUnknown.RemQueryInterfaceRequest(THIS, IPID, 5, List.of(IID, new UUID(1, 2))),
                IRemUnknown.RemQueryInterfaceRequest::decode);
        roundTripsAndFailsCleanly(new IRemUnknown.RemQueryInterfaceResponse(THAT, List.of(new RemQiResult(0, std)), 0),
                IRemUnknown.RemQueryInterfaceResponse::decode);
        roundTripsAndFailsCleanly(new IRemUnknown.RemQueryInterfaceResponse(THAT, List.of(), 0x80004002),
                IRemUnknown.RemQueryInterfaceResponse::decode);
        List<RemInterfaceRef> refs = List.of(new RemInterfaceRef(IPID, 5, 0), new RemInterfaceRef(std.ipid(), 1, 1));
        roundTripsAndFailsCleanly(IRemUnknown.InterfaceRefsRequest.remAddRef(THIS, refs),
                stub -> IRemUnknown.InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_ADD_REF, stub));
        roundTripsAndFailsCleanly(new IRemUnknown.RemAddRefResponse(THAT, List.of(0, 1), 0), IRemUnknown.RemAddRefResponse::decode);
        roundTripsAndFailsCleanly(IRemUnknown.InterfaceRefsRequest.remRelease(THIS, refs),
                stub -> IRemUnknown.InterfaceRefsRequest.decode(IRemUnknown.OPNUM_REM_RELEASE, stub));
        roundTripsAndFailsCleanly(new OrpcStatusResponse(THAT, 0), OrpcStatusResponse::decode);
        roundTripsAndFailsCleanly(new IRemUnknown2.RemQueryInterface2Request(THIS, IPID, List.of(IID)), IRemUnknown2.RemQueryInterface2Request::decode);
        roundTripsAndFailsCleanly(new IRemUnknown2.RemQueryInterface2Response(THAT, List.of(0, 0x80004002), Arrays.asList(enumerator(), null), 0),
                IRemUnknown2.RemQueryInterface2Response::decode);
    }

    @Test
    void objectExporterMessages() {
        roundTripsAndFailsCleanly(new IObjectExporter.ResolveOxidRequest(IObjectExporter.OPNUM_RESOLVE_OXID, 1L << 60, List.of(7)),
                stub -> IObjectExporter.ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID, stub));
        roundTripsAndFailsCleanly(IObjectExporter.ResolveOxidRequest.resolveOxid2(5, List.of(7, 15)),
                stub -> IObjectExporter.ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID2, stub));
        roundTripsAndFailsCleanly(new IObjectExporter.ResolveOxidResponse(BINDINGS, IPID, 6, 0), IObjectExporter.ResolveOxidResponse::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.ResolveOxidResponse(null, new UUID(0, 0), 0, 0x776),
                IObjectExporter.ResolveOxidResponse::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.ResolveOxid2Response(BINDINGS, IPID, 6, ComVersion.V5_7, 0),
                IObjectExporter.ResolveOxid2Response::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.SimplePingRequest(-1), IObjectExporter.SimplePingRequest::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.StatusResponse(0), IObjectExporter.StatusResponse::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.ComplexPingRequest(0, 0, List.of(1L, 2L), List.of(3L)),
                IObjectExporter.ComplexPingRequest::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.ComplexPingRequest(9, 1, List.of(), List.of()), IObjectExporter.ComplexPingRequest::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.ComplexPingResponse(9, 2, 0), IObjectExporter.ComplexPingResponse::decode);
        roundTripsAndFailsCleanly(new IObjectExporter.ServerAlive2Response(ComVersion.V5_7, BINDINGS, 0), IObjectExporter.ServerAlive2Response::decode);
        assertThat(new IObjectExporter.ServerAliveRequest(IObjectExporter.OPNUM_SERVER_ALIVE2).encode()).isEmpty();
    }

    @Test
    void activationMessages() {
        UUID clsid = UUID.fromString("8bc3f05e-d86b-11d0-a075-00c04fb68820");
        ActivationProperties in = ActivationProperties.request(clsid, List.of(IID));
        roundTripsAndFailsCleanly(new IRemoteScmActivator.RemoteCreateInstanceRequest(THIS, null, in),
                IRemoteScmActivator.RemoteCreateInstanceRequest::decode);
        roundTripsAndFailsCleanly(new IRemoteScmActivator.RemoteGetClassObjectRequest(THIS, in), IRemoteScmActivator.RemoteGetClassObjectRequest::decode);
        ActivationProperties out = ActivationProperties.reply(new ActivationProperty.PropsOutInfo(List.of(IID), List.of(0), List.of(enumerator())),
                new ActivationProperty.ScmReplyInfo(77, BINDINGS, IPID, 6, ComVersion.V5_7));
        roundTripsAndFailsCleanly(new IRemoteScmActivator.ActivationResponse(THAT, out, 0), IRemoteScmActivator.ActivationResponse::decode);
        roundTripsAndFailsCleanly(new IRemoteScmActivator.ActivationResponse(THAT, null, 0x80070005), IRemoteScmActivator.ActivationResponse::decode);
        roundTripsAndFailsCleanly(new IActivation.RemoteActivationRequest(THIS, clsid, "file.dat", enumerator(), 2, 0, List.of(IID), List.of(7)),
                IActivation.RemoteActivationRequest::decode);
        roundTripsAndFailsCleanly(new IActivation.RemoteActivationResponse(THAT, 5, BINDINGS, IPID, 6, ComVersion.V5_7, 0,
                Arrays.asList(enumerator(), null), List.of(0, 0x80004002), 0), IActivation.RemoteActivationResponse::decode);
    }

    @Test
    void requestsCarryTheirInterfaceAndOpnum() {
        assertThat(IRemUnknown.InterfaceRefsRequest.remRelease(THIS, List.of()).opnum()).isEqualTo(5);
        assertThat(IRemUnknown.InterfaceRefsRequest.remRelease(THIS, List.of()).interfaceId()).isEqualTo(IRemUnknown.IID);
        assertThatThrownBy(() -> new IRemUnknown.InterfaceRefsRequest(3, THIS, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IRemUnknown2.RemQueryInterface2Request(THIS, IPID, List.of()).opnum()).isEqualTo(6);
        assertThat(IObjectExporter.ResolveOxidRequest.resolveOxid2(1, List.of()).opnum()).isEqualTo(4);
        assertThat(new IRemoteScmActivator.RemoteCreateInstanceRequest(THIS, null, null).opnum()).isEqualTo(4);
        assertThat(new IRemoteScmActivator.RemoteGetClassObjectRequest(THIS, null).opnum()).isEqualTo(3);
        assertThatThrownBy(() -> new IObjectExporter.ServerAliveRequest(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void conformanceThatDiffersFromItsCountIsRefused() {
        byte[] stub = new IRemUnknown.RemQueryInterfaceRequest(OrpcThis.of(CID), IPID, 1, List.of(IID)).encode();
        // ORPCTHIS 32, ripid 16, cRefs 4, cIids 2 + 2 padding, then the conformance of iids
        assertThat(stub[52]).isEqualTo((byte) 1);
        assertThat(stub[56]).isEqualTo((byte) 1);
        stub[52] = 2;
        assertThatThrownBy(() -> IRemUnknown.RemQueryInterfaceRequest.decode(stub)).isInstanceOfSatisfying(NdrFormatException.class, e -> {
            assertThat(e.structure()).isEqualTo("IRemUnknown::RemQueryInterface request/iids");
            assertThat(e.problem()).isEqualTo("conformance 1 differs from size_is 2");
        });
    }

    @Test
    void requestedProtseqsBeyondTheIdlRangeAreRefused() {
        byte[] stub = IObjectExporter.ResolveOxidRequest.resolveOxid2(1, List.of(7)).encode();
        stub[8] = 0x01;
        stub[9] = (byte) 0x80; // cRequestedProtseqs 0x8001
        assertThatThrownBy(() -> IObjectExporter.ResolveOxidRequest.decode(IObjectExporter.OPNUM_RESOLVE_OXID2, stub)).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("32769 is outside [range(0, MAX_REQUESTED_PROTSEQS)]");
    }

    @Test
    void trailingBytesAfterTheLastParameterAreIgnored() {
        byte[] stub = IRemUnknown.InterfaceRefsRequest.remRelease(OrpcThis.of(CID), List.of(new RemInterfaceRef(IPID, 1, 0))).encode();
        byte[] longer = Arrays.copyOf(stub, stub.length + 12);
        assertThat(IRemUnknown.InterfaceRefsRequest.decode(5, longer)).isEqualTo(IRemUnknown.InterfaceRefsRequest.decode(5, stub));
    }
}
