package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.Credentials;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.wmi.dcom.ComVersion;
import io.github.cm4j.wmi.dcom.IActivation;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.OrpcStatusResponse;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcFaultException;
import io.github.cm4j.wmi.rpc.SyntaxId;
import io.github.cm4j.wmi.wbem.IEnumWbemClassObject;
import io.github.cm4j.wmi.wbem.IWbemFetchSmartEnum;
import io.github.cm4j.wmi.wbem.IWbemServices;
import io.github.cm4j.wmi.wbem.IWbemWcoSmartEnum;
import io.github.cm4j.wmi.wbem.WbemClassObjects;
import io.github.cm4j.wmi.wbem.WbemObjectArray;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's DCOM and MS-WMI behaviour seen through a raw client made of cm4j's own wire records
 * ({@link RawWmiClient}): enumerators and the smart enumerator, IWbemContext, reference counting, pinging and expiry,
 * OXID resolution and the older IRemoteActivation.
 */
class WmiServerTest {
    private static final Credentials ADMIN = Credentials.of("LAB\\admin", "Secret1!");
    private static final String CAS = "root\\sms\\site_CAS";
    private static final String TWENTY = "SELECT CI_ID, ArticleID FROM SMS_SoftwareUpdate WHERE CI_ID < 16777236";
    private static final SimulatedProvider PROVIDER = SimulatedProvider.demo();

    private WmiServer server;

    private int start(Duration objectTimeout) {
        server = WmiServer.builder().provider(PROVIDER).account("LAB", "admin", "Secret1!").objectTimeout(objectTimeout).build();
        return server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<Long> simulatorIds(String wql, WmiContext context) {
        try (WmiTransport t = PROVIDER.openTransport("CAS"); Stream<WmiObject> s = t.query(CAS, wql, QueryOptions.defaults(), context)) {
            return s.map(o -> o.getLong("CI_ID")).toList();
        }
    }

    private static List<Long> ids(IEnumWbemClassObject.NextResponse r) {
        return r.decodeObjects().stream().map(o -> o.instance().getLong("CI_ID")).toList();
    }

    private static IEnumWbemClassObject.NextResponse next(RawWmiClient c, UUID enumIpid, int count) {
        var req = IEnumWbemClassObject.CountRequest.next(RawWmiClient.orpc(), IEnumWbemClassObject.WBEM_INFINITE, count);
        return IEnumWbemClassObject.NextResponse.decode(c.call(IEnumWbemClassObject.IID, enumIpid, req.opnum(), req.encode()));
    }

    private static UUID ipid(InterfacePointerResponse r) {
        assertThat(r.status()).as("HRESULT %s", WbemStatus.nameOf(r.status())).isZero();
        return ((ObjRefStandard) r.value()).std().ipid();
    }

    @Test
    void enumeratorNextSkipCloneAndResetMoveOverTheSimulatorsResults() {
        int port = start(Duration.ofMinutes(6));
        List<Long> expected = simulatorIds(TWENTY, WmiContext.empty());
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            UUID e = ipid(c.execQuery(c.services(CAS), TWENTY, null));

            assertThat(ids(next(c, e, 3))).isEqualTo(expected.subList(0, 3));
            var skip = IEnumWbemClassObject.CountRequest.skip(RawWmiClient.orpc(), IEnumWbemClassObject.WBEM_INFINITE, 2);
            assertThat(OrpcStatusResponse.decode(c.call(IEnumWbemClassObject.IID, e, skip.opnum(), skip.encode())).status()).isZero();
            assertThat(ids(next(c, e, 1))).containsExactly(expected.get(5));

            var clone = IEnumWbemClassObject.cloneRequest(RawWmiClient.orpc());
            UUID copy = ipid(IEnumWbemClassObject.decodeCloneResponse(c.call(IEnumWbemClassObject.IID, e, clone.opnum(), clone.encode())));
            assertThat(ids(next(c, copy, 1))).containsExactly(expected.get(6));

            var reset = IEnumWbemClassObject.reset(RawWmiClient.orpc());
            c.call(IEnumWbemClassObject.IID, e, reset.opnum(), reset.encode());
            var all = next(c, e, 100);
            assertThat(ids(all)).isEqualTo(expected);
            assertThat(all.status()).as("fewer than asked: WBEM_S_FALSE").isEqualTo(WbemStatus.WBEM_S_FALSE.code());
        }
    }

    @Test
    void smartEnumeratorSendsTheClassOnceThenInstancesWithoutIt() {
        int port = start(Duration.ofMinutes(6));
        List<Long> expected = simulatorIds(TWENTY, WmiContext.empty());
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_INTEGRITY)) {
            UUID e = ipid(c.execQuery(c.services(CAS), TWENTY, null));
            var qi = c.queryInterface(e, IWbemFetchSmartEnum.IID);
            assertThat(qi.status()).isZero();
            UUID fetch = qi.results().get(0).std().ipid();
            var get = IWbemFetchSmartEnum.getSmartEnum(RawWmiClient.orpc());
            UUID smart = ipid(IWbemFetchSmartEnum.decodeResponse(c.call(IWbemFetchSmartEnum.IID, fetch, get.opnum(), get.encode())));

            UUID proxy = UUID.randomUUID();
            WbemObjectArray.ClassCache cache = new WbemObjectArray.ClassCache();
            var first = smartNext(c, smart, proxy, 15);
            var second = smartNext(c, smart, proxy, 15);

            assertThat(first.status()).isZero();
            assertThat(second.status()).isEqualTo(WbemStatus.WBEM_S_FALSE.code());
            List<WmioObject> objects = Stream.concat(first.decodeObjects(cache).stream(), second.decodeObjects(cache).stream()).toList();
            assertThat(objects).extracting(o -> o.instance().getLong("CI_ID")).isEqualTo(expected);
            assertThat(cache.size()).as("one class sent, then instances without it").isEqualTo(1);
            assertThat(second.buffer().length).as("the second packet carries no class part").isLessThan(first.buffer().length);
        }
    }

    private static IWbemWcoSmartEnum.NextResponse smartNext(RawWmiClient c, UUID smart, UUID proxy, int count) {
        var req = new IWbemWcoSmartEnum.NextRequest(RawWmiClient.orpc(), proxy, IEnumWbemClassObject.WBEM_INFINITE, count);
        return IWbemWcoSmartEnum.NextResponse.decode(c.call(IWbemWcoSmartEnum.IID, smart, req.opnum(), req.encode()));
    }

    @Test
    void contextSessionHandleReachesTheSimulator() {
        int port = start(Duration.ofMinutes(6));
        String scf = "SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER' AND SiteCode = 'PS1'";
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            ObjRefStandard services = c.services(CAS);
            var method = new IWbemServices.ExecMethodRequest(RawWmiClient.orpc(), "SMS_SiteControlFile", "GetSessionHandle", 0, null, null,
                    true, false);
            var out = IWbemServices.ResultResponse.decode(c.call(IWbemServices.IID, services.std().ipid(), method.opnum(), method.encode()));
            String handle = out.decodeObject().instance().getString("SessionHandle");

            WmiContext bogus = WmiContext.empty().with(WmiContext.SESSION_HANDLE, "{00000000-0000-0000-0000-000000000001}");
            assertThat(statusOfQuery(c, services, scf, bogus)).isEqualTo(WbemStatus.WBEM_E_INVALID_CONTEXT.code());
            assertThat(statusOfQuery(c, services, scf, WmiContext.empty().with(WmiContext.SESSION_HANDLE, handle))).isZero();
        }
    }

    /** The HRESULT of ExecQuery, or of the first Next when the simulator fails lazily. */
    private static int statusOfQuery(RawWmiClient c, ObjRefStandard services, String wql, WmiContext context) {
        InterfacePointerResponse r = c.execQuery(services, wql, context);
        if (r.status() != 0) {
            return r.status();
        }
        int status = next(c, ((ObjRefStandard) r.value()).std().ipid(), 10).status();
        return status == WbemStatus.WBEM_S_FALSE.code() ? 0 : status;
    }

    @Test
    void releasedObjectsAreGoneAndCallsOnThemFailWithRpcEDisconnected() {
        int port = start(Duration.ofMinutes(6));
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            ObjRefStandard services = c.services(CAS);
            UUID e = ipid(c.execQuery(services, TWENTY, null));
            assertThat(server.exportedObjectCount()).isEqualTo(3);

            c.release(e, services.std().ipid(), c.login.std().ipid());

            assertThat(server.exportedObjectCount()).isZero();
            assertThatThrownBy(() -> next(c, e, 1)).isInstanceOfSatisfying(RpcFaultException.class,
                    f -> assertThat(f.status()).isEqualTo(ObjectExporter.RPC_E_DISCONNECTED));
        }
    }

    @Test
    void unpingedObjectsExpireAndPingedOnesStay() throws Exception {
        int port = start(Duration.ofMillis(1500));
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            ObjRefStandard kept = c.services(CAS);
            ObjRefStandard dropped = c.services(CAS);
            int ctx = c.activation.bind(SyntaxId.of(IObjectExporter.IID.toString(), 0, 0), RawWmiClient.TIMEOUT);
            var add = new IObjectExporter.ComplexPingRequest(0, 0, List.of(kept.std().oid()), List.of());
            var set = IObjectExporter.ComplexPingResponse.decode(c.activation.call(ctx, add.opnum(), null, add.encode(), RawWmiClient.TIMEOUT));
            assertThat(set.status()).isZero();
            for (int i = 0; i < 4; i++) {
                Thread.sleep(600);
                var ping = new IObjectExporter.SimplePingRequest(set.setId());
                var r = IObjectExporter.StatusResponse.decode(c.activation.call(ctx, ping.opnum(), null, ping.encode(), RawWmiClient.TIMEOUT));
                assertThat(r.status()).isZero();
            }

            assertThat(c.execQuery(kept, TWENTY, null).status()).isZero();
            assertThatThrownBy(() -> c.execQuery(dropped, TWENTY, null)).isInstanceOfSatisfying(RpcFaultException.class,
                    f -> assertThat(f.status()).isEqualTo(ObjectExporter.RPC_E_DISCONNECTED));
        }
    }

    @Test
    void resolveOxid2NamesTheExporterAndRefusesOtherOxids() {
        int port = start(Duration.ofMinutes(6));
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_INTEGRITY)) {
            var scm = c.activationReply.properties().property(io.github.cm4j.wmi.dcom.ActivationProperty.ScmReplyInfo.class).orElseThrow();
            int ctx = c.activation.bind(SyntaxId.of(IObjectExporter.IID.toString(), 0, 0), RawWmiClient.TIMEOUT);
            var ours = IObjectExporter.ResolveOxidRequest.resolveOxid2(scm.oxid(), List.of(7));
            var r = IObjectExporter.ResolveOxid2Response.decode(c.activation.call(ctx, ours.opnum(), null, ours.encode(), RawWmiClient.TIMEOUT));
            var other = IObjectExporter.ResolveOxidRequest.resolveOxid2(scm.oxid() + 1, List.of(7));
            var unknown = IObjectExporter.ResolveOxid2Response.decode(c.activation.call(ctx, other.opnum(), null, other.encode(),
                    RawWmiClient.TIMEOUT));

            assertThat(r.status()).isZero();
            // as Windows: the computer's NetBIOS name first, then its address (impacket's Kerberos client picks the name)
            assertThat(r.oxidBindings().stringBindings()).extracting(b -> b.networkAddress())
                    .containsExactly("CASSITE[" + server.exporterPort() + "]", "127.0.0.1[" + server.exporterPort() + "]");
            assertThat(r.ipidRemUnknown()).isEqualTo(scm.ipidRemUnknown());
            assertThat(r.authnHint()).isEqualTo(AuthLevel.PKT_INTEGRITY.wire());
            assertThat(r.comVersion()).isEqualTo(ComVersion.V5_7);
            assertThat(unknown.status()).isEqualTo(ObjectExporter.OR_INVALID_OXID);
        }
    }

    @Test
    void remoteActivationGivesAWorkingLoginToo() {
        int port = start(Duration.ofMinutes(6));
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            int ctx = c.activation.bind(SyntaxId.of(IActivation.IID.toString(), 0, 0), RawWmiClient.TIMEOUT);
            var req = new IActivation.RemoteActivationRequest(RawWmiClient.orpc(), io.github.cm4j.wmi.wbem.IWbemLevel1Login.CLSID, null, null, 2,
                    0, List.of(io.github.cm4j.wmi.wbem.IWbemLevel1Login.IID), List.of(7));
            var r = IActivation.RemoteActivationResponse.decode(c.activation.call(ctx, req.opnum(), null, req.encode(), RawWmiClient.TIMEOUT));

            assertThat(r.status()).isZero();
            assertThat(r.hresult()).isZero();
            assertThat(r.results()).containsExactly(0);
            ObjRefStandard login = (ObjRefStandard) r.interfaces().get(0);
            var ntlm = new io.github.cm4j.wmi.wbem.IWbemLevel1Login.NtlmLoginRequest(RawWmiClient.orpc(), CAS, null, 0, null);
            var services = io.github.cm4j.wmi.wbem.IWbemLevel1Login.decodeNtlmLoginResponse(
                    c.call(io.github.cm4j.wmi.wbem.IWbemLevel1Login.IID, login.std().ipid(), ntlm.opnum(), ntlm.encode()));
            assertThat(services.status()).isZero();
        }
    }

    @Test
    void remoteActivationOfAnUnregisteredClassAnswersOneResultPerRequestedInterface() {
        // Issue 19: the answer had one NULL pointer but no pResults entry, which Samba's generated client refuses
        // (NT_STATUS_ARRAY_BOUNDS_EXCEEDED); the decoder now refuses it too.
        int port = start(Duration.ofMinutes(6));
        UUID imageDoc = UUID.fromString("02b01c80-e03d-101a-b294-00dd010f2bf9");   // what smbtorture activates
        UUID iunknown = UUID.fromString("00000000-0000-0000-c000-000000000046");
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            int ctx = c.activation.bind(SyntaxId.of(IActivation.IID.toString(), 0, 0), RawWmiClient.TIMEOUT);
            var req = new IActivation.RemoteActivationRequest(RawWmiClient.orpc(), imageDoc, null, null, 2, 0,
                    List.of(iunknown, io.github.cm4j.wmi.wbem.IWbemLevel1Login.IID), List.of(7, 10));
            var r = IActivation.RemoteActivationResponse.decode(c.activation.call(ctx, req.opnum(), null, req.encode(), RawWmiClient.TIMEOUT));

            assertThat(r.status()).isZero();
            assertThat(r.hresult()).isEqualTo(Activator.REGDB_E_CLASSNOTREG);
            assertThat(r.interfaces()).hasSize(2).containsOnlyNulls();
            assertThat(r.results()).containsExactly(Activator.REGDB_E_CLASSNOTREG, Activator.REGDB_E_CLASSNOTREG);
        }
    }

    @Test
    void closeLeavesNoThreadOfTheServer() {
        int port = start(Duration.ofMinutes(6));
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            c.services(CAS);
            server.close();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().startsWith("cm4j-rpc-" + port));
    }

    @Test
    void instancesCarryTheirMsWmioEncodingRoundTrip() {
        int port = start(Duration.ofMinutes(6));
        try (RawWmiClient c = RawWmiClient.activate(port, ADMIN, AuthLevel.PKT_PRIVACY)) {
            var req = new IWbemServices.GetObjectRequest(RawWmiClient.orpc(), "SMS_SoftwareUpdate.CI_ID=16777217", 0, null, true, false);
            var r = IWbemServices.ResultResponse.decode(c.call(IWbemServices.IID, c.services(CAS).std().ipid(), req.opnum(), req.encode()));
            WmiObject got = r.decodeObject().instance();
            try (WmiTransport t = PROVIDER.openTransport("CAS")) {
                WmiObject expected = t.get(CAS, io.github.cm4j.cim.ObjectPath.parse("SMS_SoftwareUpdate.CI_ID=16777217"),
                        io.github.cm4j.spi.CallOptions.defaults(), WmiContext.empty());
                assertThat(got.asMap()).isEqualTo(expected.asMap());
                assertThat(WbemClassObjects.objRef(got).objectData()).isNotEmpty();
            }
        }
    }
}
