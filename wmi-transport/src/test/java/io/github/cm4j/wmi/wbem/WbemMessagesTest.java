package io.github.cm4j.wmi.wbem;

import static io.github.cm4j.wmi.dcom.MessageChecks.roundTripsAndFailsCleanly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.wmi.dcom.ComVersion;
import io.github.cm4j.wmi.dcom.InOutPointer;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.OrpcStatusResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.OrpcThisOnlyRequest;
import io.github.cm4j.wmi.dcom.WindowsCaptures;
import io.github.cm4j.wmi.ndr.NdrFormatException;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import io.github.cm4j.wmi.wmio.WmioTestObjects;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every MS-WMI request and response (MS-WMI 3.1.4): round trip, truncation and corruption, a Windows capture, and
 * the parameters the SMS Provider relies on (the IWbemContext with the site control file SessionHandle, the query
 * flags).
 */
class WbemMessagesTest {
    private static final OrpcThis THIS = OrpcThis.of(UUID.fromString("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"));
    private static final OrpcThat THAT = OrpcThat.EMPTY;
    private static final WmiContext SESSION = WmiContext.empty().with(WmiContext.SESSION_HANDLE, CimValue.string("{5F3C1A5E-0D2B-4C79}"))
            .with("__ProviderArchitecture", CimValue.sint32(64));

    static ObjRef enumerator() {
        return ObjRef.decode(HexFormat.of().parseHex(WindowsCaptures.ENUMERATOR_OBJREF));
    }

    static ObjRefCustom update(int seed) {
        WmiClass su = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
        return WbemClassObjects.objRef(WmioTestObjects.softwareUpdate(su, seed));
    }

    @Test
    void windowsExecQueryResponseGivesTheEnumerator() {
        InterfacePointerResponse r = IWbemServices.decodeEnumResponse(HexFormat.of().parseHex(WindowsCaptures.EXEC_QUERY_RESPONSE));
        assertThat(r.status()).isZero();
        assertThat(r.orpcThat()).isEqualTo(OrpcThat.EMPTY);
        assertThat(r.value()).isInstanceOf(ObjRefStandard.class);
        ObjRefStandard e = (ObjRefStandard) r.value();
        assertThat(e.iid()).isEqualTo(IEnumWbemClassObject.IID);
        assertThat(e.std().ipid()).isEqualTo(UUID.fromString("0002d803-012c-0000-15fe-86df03d66f0f"));
        // the same bytes as Windows, referent ID 0x00020000 and alignment padding included
        assertThat(HexFormat.of().formatHex(new InterfacePointerResponse(THAT, e, 0).encode())).isEqualTo(WindowsCaptures.EXEC_QUERY_RESPONSE);
    }

    @Test
    void loginMessages() {
        for (int opnum = IWbemLevel1Login.OPNUM_ESTABLISH_POSITION; opnum <= IWbemLevel1Login.OPNUM_WBEM_LOGIN; opnum++) {
            int op = opnum;
            roundTripsAndFailsCleanly(new IWbemLevel1Login.ReservedRequest(op, THIS), stub -> IWbemLevel1Login.ReservedRequest.decode(op, stub));
        }
        roundTripsAndFailsCleanly(new IWbemLevel1Login.EstablishPositionResponse(THAT, 0, 0), IWbemLevel1Login.EstablishPositionResponse::decode);
        roundTripsAndFailsCleanly(new IWbemLevel1Login.RequestChallengeResponse(THAT, new byte[16], 0x8004100C),
                IWbemLevel1Login.RequestChallengeResponse::decode);
        roundTripsAndFailsCleanly(new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/sms/site_CAS", null, 0, null),
                IWbemLevel1Login.NtlmLoginRequest::decode);
        roundTripsAndFailsCleanly(new IWbemLevel1Login.NtlmLoginRequest(THIS, "//./root/sms/site_CAS", "MS_409", 0, SESSION),
                IWbemLevel1Login.NtlmLoginRequest::decode);
        roundTripsAndFailsCleanly(IWbemLevel1Login.loginResponse(THAT, enumerator(), 0), IWbemLevel1Login::decodeNtlmLoginResponse);
        roundTripsAndFailsCleanly(IWbemLevel1Login.loginResponse(THAT, null, 0x80041003), IWbemLevel1Login::decodeWbemLoginResponse);
    }

    @Test
    void servicesMessages() {
        roundTripsAndFailsCleanly(new IWbemServices.OpenNamespaceRequest(THIS, "site_CAS", 0, null, true, false),
                IWbemServices.OpenNamespaceRequest::decode);
        roundTripsAndFailsCleanly(new IWbemServices.ResultResponse(THAT, InOutPointer.of(enumerator()), InOutPointer.ABSENT, 0),
                IWbemServices.ResultResponse::decode);
        roundTripsAndFailsCleanly(new IWbemServices.GetObjectRequest(THIS, "SMS_SoftwareUpdate.CI_ID=16777216", 0x20000, SESSION, true, false),
                IWbemServices.GetObjectRequest::decode);
        roundTripsAndFailsCleanly(new IWbemServices.GetObjectRequest(THIS, null, 0, null, true, true), IWbemServices.GetObjectRequest::decode);
        roundTripsAndFailsCleanly(new IWbemServices.ResultResponse(THAT, InOutPointer.of(update(1)), InOutPointer.ABSENT, 0),
                IWbemServices.ResultResponse::decode);
        roundTripsAndFailsCleanly(new IWbemServices.ResultResponse(THAT, InOutPointer.EMPTY, InOutPointer.EMPTY, 0x80041002),
                IWbemServices.ResultResponse::decode);
        roundTripsAndFailsCleanly(new IWbemServices.PutInstanceRequest(THIS, update(2), IWbemServices.WBEM_FLAG_UPDATE_ONLY, SESSION, false),
                IWbemServices.PutInstanceRequest::decode);
        roundTripsAndFailsCleanly(new IWbemServices.CallResultResponse(THAT, InOutPointer.ABSENT, 0), IWbemServices.CallResultResponse::decode);
        roundTripsAndFailsCleanly(new IWbemServices.CallResultResponse(THAT, InOutPointer.of(enumerator()), 0),
                IWbemServices.CallResultResponse::decode);
        roundTripsAndFailsCleanly(new IWbemServices.DeleteInstanceRequest(THIS, "SMS_Package.PackageID=\"CAS00001\"", 0, null, true),
                IWbemServices.DeleteInstanceRequest::decode);
        roundTripsAndFailsCleanly(new IWbemServices.CreateInstanceEnumRequest(THIS, "SMS_Site", IWbemServices.QUERY_FLAGS, null),
                IWbemServices.CreateInstanceEnumRequest::decode);
        roundTripsAndFailsCleanly(IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_SCI_Component WHERE SiteCode = 'CAS'", SESSION),
                IWbemServices.ExecQueryRequest::decode);
        roundTripsAndFailsCleanly(new InterfacePointerResponse(THAT, enumerator(), 0), IWbemServices::decodeEnumResponse);
        roundTripsAndFailsCleanly(new IWbemServices.ExecMethodRequest(THIS, "SMS_SoftwareUpdate", "SyncNow", 0, null, update(3), true, false),
                IWbemServices.ExecMethodRequest::decode);
        roundTripsAndFailsCleanly(new IWbemServices.ExecMethodRequest(THIS, "SMS_SiteControlFile", "GetSessionHandle", 0, null, null, true, false),
                IWbemServices.ExecMethodRequest::decode);
        roundTripsAndFailsCleanly(new IWbemServices.ResultResponse(THAT, InOutPointer.of(update(4)), InOutPointer.ABSENT, 0),
                IWbemServices.ResultResponse::decode);
    }

    @Test
    void enumeratorMessages() {
        roundTripsAndFailsCleanly(IEnumWbemClassObject.reset(THIS), stub -> OrpcThisOnlyRequest.decode(IEnumWbemClassObject.IID,
                IEnumWbemClassObject.OPNUM_RESET, stub));
        roundTripsAndFailsCleanly(new OrpcStatusResponse(THAT, 0), OrpcStatusResponse::decode);
        roundTripsAndFailsCleanly(IEnumWbemClassObject.CountRequest.next(THIS, IEnumWbemClassObject.WBEM_INFINITE, 100),
                stub -> IEnumWbemClassObject.CountRequest.decode(IEnumWbemClassObject.OPNUM_NEXT, stub));
        roundTripsAndFailsCleanly(new IEnumWbemClassObject.NextResponse(THAT, 100, List.of(update(1), update(2)), 0),
                IEnumWbemClassObject.NextResponse::decode);
        roundTripsAndFailsCleanly(new IEnumWbemClassObject.NextResponse(THAT, 100, List.of(), 1), IEnumWbemClassObject.NextResponse::decode);
        roundTripsAndFailsCleanly(new IEnumWbemClassObject.NextAsyncRequest(THIS, 10, enumerator()), IEnumWbemClassObject.NextAsyncRequest::decode);
        roundTripsAndFailsCleanly(IEnumWbemClassObject.CountRequest.skip(THIS, 1000, 5),
                stub -> IEnumWbemClassObject.CountRequest.decode(IEnumWbemClassObject.OPNUM_SKIP, stub));
        roundTripsAndFailsCleanly(new InterfacePointerResponse(THAT, enumerator(), 0), IEnumWbemClassObject::decodeCloneResponse);
        roundTripsAndFailsCleanly(new IWbemCallResult.TimeoutRequest(IWbemCallResult.OPNUM_GET_CALL_STATUS, THIS, 5000),
                stub -> IWbemCallResult.TimeoutRequest.decode(IWbemCallResult.OPNUM_GET_CALL_STATUS, stub));
        roundTripsAndFailsCleanly(new IWbemCallResult.CallStatusResponse(THAT, 0x80041002, 0), IWbemCallResult.CallStatusResponse::decode);
        roundTripsAndFailsCleanly(new IWbemCallResult.ResultStringResponse(THAT, "SMS_Site.SiteCode=\"CAS\"", 0),
                IWbemCallResult.ResultStringResponse::decode);
        roundTripsAndFailsCleanly(new IWbemCallResult.ResultStringResponse(THAT, null, 0x80041001), IWbemCallResult.ResultStringResponse::decode);
        roundTripsAndFailsCleanly(new InterfacePointerResponse(THAT, update(5), 0), IWbemCallResult::decodeResultObjectResponse);
        roundTripsAndFailsCleanly(IWbemFetchSmartEnum.getSmartEnum(THIS), stub -> OrpcThisOnlyRequest.decode(IWbemFetchSmartEnum.IID,
                IWbemFetchSmartEnum.OPNUM_GET_SMART_ENUM, stub));
        roundTripsAndFailsCleanly(new InterfacePointerResponse(THAT, enumerator(), 0), IWbemFetchSmartEnum::decodeResponse);
        roundTripsAndFailsCleanly(new IWbemWcoSmartEnum.NextRequest(THIS, new UUID(7, 8), IEnumWbemClassObject.WBEM_INFINITE, 100),
                IWbemWcoSmartEnum.NextRequest::decode);
        roundTripsAndFailsCleanly(new IWbemWcoSmartEnum.NextResponse(THAT, 2, smartBuffer(new WbemObjectArray.ClassCache()), 0),
                IWbemWcoSmartEnum.NextResponse::decode);
        roundTripsAndFailsCleanly(new IWbemWcoSmartEnum.NextResponse(THAT, 0, null, 1), IWbemWcoSmartEnum.NextResponse::decode);
    }

    static byte[] smartBuffer(WbemObjectArray.ClassCache cache) {
        WmiClass su = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
        return WbemObjectArray.encode(List.of(WmioTestObjects.softwareUpdate(su, 1), WmioTestObjects.softwareUpdate(su, 2)),
                WbemObjectArray.PACKET_SMART_ENUM_NEXT, cache);
    }

    @Test
    void typedAccessorsDecodeTheObjects() {
        WmiClass su = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
        WmiObject one = WmioTestObjects.softwareUpdate(su, 1);
        IWbemServices.ResultResponse got = IWbemServices.ResultResponse.decode(new IWbemServices.ResultResponse(THAT,
                InOutPointer.of(WbemClassObjects.objRef(one)), InOutPointer.ABSENT, 0).encode());
        assertThat(got.decodeObject().instance().get("CI_ID")).isEqualTo(one.get("CI_ID"));
        IEnumWbemClassObject.NextResponse next = IEnumWbemClassObject.NextResponse.decode(
                new IEnumWbemClassObject.NextResponse(THAT, 10, List.of(WbemClassObjects.objRef(one)), 1).encode());
        assertThat(next.count()).isEqualTo(10);
        assertThat(next.decodeObjects()).hasSize(1);
        IWbemWcoSmartEnum.NextResponse smart = IWbemWcoSmartEnum.NextResponse.decode(
                new IWbemWcoSmartEnum.NextResponse(THAT, 2, smartBuffer(new WbemObjectArray.ClassCache()), 0).encode());
        assertThat(smart.decodeObjects(new WbemObjectArray.ClassCache())).extracting(o -> o.instance().className())
                .containsExactly("SMS_SoftwareUpdate", "SMS_SoftwareUpdate");
        IWbemServices.ExecQueryRequest q = IWbemServices.ExecQueryRequest.decode(IWbemServices.ExecQueryRequest.wql(THIS, "SELECT 1", SESSION).encode());
        assertThat(q.flags()).isEqualTo(0x30);
        assertThat(q.context().get(WmiContext.SESSION_HANDLE)).isEqualTo(SESSION.get(WmiContext.SESSION_HANDLE));
    }

    @Test
    void contextMarshalsToTheSameBytesEveryTime() {
        byte[] a = IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_Site", SESSION).encode();
        byte[] b = IWbemServices.ExecQueryRequest.wql(THIS, "SELECT * FROM SMS_Site", SESSION).encode();
        assertThat(a).isEqualTo(b);
        assertThat(WbemContextCodec.objRef(SESSION).objectData()).isNotEqualTo(
                WbemContextCodec.objRef(SESSION.with("Extra", CimValue.uint8(1))).objectData());
    }

    @Test
    void impacketsGetObjectRequestReadsByTheIdl() {
        // as impacket 0.10's IWbemServices.GetObject sends it: each [in, out] pointer as a pointer to an empty
        // MInterfacePointer (referent ID, conformance 0, ulCntData 0)
        String hex = "050007000000000000000000443322116655887799aabbccddeeff0000000000a85c000021000000420000002100000053004d00"
                + "53005f0053006f006600740077006100720065005500700064006100740065002e00430049005f00490044003d00310036003700370037"
                + "00320031003600bfbf0000000000000000859e00000000000000000000476e00000000000000000000";
        IWbemServices.GetObjectRequest r = IWbemServices.GetObjectRequest.decode(HexFormat.of().parseHex(hex));
        assertThat(r.objectPath()).isEqualTo("SMS_SoftwareUpdate.CI_ID=16777216");
        assertThat(r.context()).isNull();
        assertThat(r.wantObject()).isTrue();
        assertThat(r.wantCallResult()).isFalse();
    }

    @Test
    void objectsOfTheWrongKindAreRefusedWithTheirOffsetInTheStub() {
        ObjRefCustom notAnObject = WbemContextCodec.objRef(SESSION);
        byte[] stub = new IWbemServices.PutInstanceRequest(THIS, notAnObject, 0, null, false).encode();
        assertThatThrownBy(() -> IWbemServices.PutInstanceRequest.decode(stub)).isInstanceOfSatisfying(NdrFormatException.class, e -> {
            assertThat(e.structure()).isEqualTo("IWbemServices::PutInstance request/pInst.abData/OBJREF_CUSTOM");
            assertThat(e.offset()).isEqualTo(32 + 12 + 8); // ORPCTHIS, referent ID + conformance + ulCntData, OBJREF iid
            assertThat(e.problem()).contains("is not the expected dc12a681");
        });
        byte[] ctx = IWbemServices.ExecQueryRequest.wql(THIS, "x", SESSION).encode();
        // corrupt the first property name length of the IWbemContext buffer (after NumGuids, the GUID and NumProps)
        int at = ctx.length - (WbemContextCodec.objRef(SESSION).objectData().length - 24);
        ctx[at] = (byte) 0xFF;
        ctx[at + 1] = (byte) 0xFF;
        assertThatThrownBy(() -> IWbemServices.ExecQueryRequest.decode(ctx)).isInstanceOfSatisfying(WmioFormatException.class, e -> {
            assertThat(e.structure()).startsWith("IWbemServices::ExecQuery request/pCtx.abData/OBJREF_CUSTOM/pObjectData/IWbemContextBuffer");
            assertThat(e.offset()).isEqualTo(at + 4);
        });
    }

    @Test
    void nextResponseWhoseCountDisagreesIsRefused() {
        byte[] stub = new IEnumWbemClassObject.NextResponse(THAT, 5, List.of(update(1)), 0).encode();
        // ORPCTHAT 8, MaximumCount, Offset, ActualCount
        assertThat(stub[16]).isEqualTo((byte) 1);
        stub[16] = 2;
        assertThatThrownBy(() -> IEnumWbemClassObject.NextResponse.decode(stub)).isInstanceOf(NdrFormatException.class);
        assertThatThrownBy(() -> new IEnumWbemClassObject.NextResponse(THAT, 1, List.of(update(1), update(2)), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ComVersion.V5_7.toString()).isEqualTo("5.7");
    }
}
