package io.github.cm4j.wmi.dcom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.wmi.ndr.NdrFormatException;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wbem.ObjRefCustom;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The DCOM structures of MS-DCOM 2.2: OBJREF_STANDARD and DUALSTRINGARRAY against a Windows capture, ORPCTHIS/ORPCTHAT
 * extensions, MInterfacePointer, and their bounds.
 */
class DcomStructuresTest {
    private static final HexFormat HEX = HexFormat.of();

    static final String WINDOWS_ENUMERATOR_OBJREF = WindowsCaptures.ENUMERATOR_OBJREF;

    @Test
    void windowsObjRefStandardDecodesAndReencodesToTheSameBytes() {
        byte[] bytes = HEX.parseHex(WINDOWS_ENUMERATOR_OBJREF);
        assertThat(bytes).hasSize(182);
        ObjRef ref = ObjRef.decode(bytes);
        assertThat(ref).isInstanceOf(ObjRefStandard.class);
        ObjRefStandard std = (ObjRefStandard) ref;
        assertThat(std.iid()).isEqualTo(UUID.fromString("027947e1-d731-11ce-a357-000000000001"));
        assertThat(std.std().flags()).isZero();
        assertThat(std.std().publicRefs()).isEqualTo(5);
        assertThat(std.std().oxid()).isEqualTo(0x30b45e07652d4de5L);
        assertThat(std.std().oid()).isEqualTo(0x370e97b237a5edf9L);
        assertThat(std.std().ipid()).isEqualTo(UUID.fromString("0002d803-012c-0000-15fe-86df03d66f0f"));
        assertThat(std.resolverAddress().stringBindings()).containsExactly(
                new StringBinding(7, "WIN-8K15VKV24SG"), new StringBinding(7, "192.168.100.100"));
        assertThat(std.resolverAddress().securityBindings()).extracting(SecurityBinding::authnSvc).containsExactly(9, 30, 16, 10, 22, 31, 14);
        assertThat(std.resolverAddress().securityBindings()).extracting(SecurityBinding::principalName).containsOnly("");
        assertThat(HEX.formatHex(std.encode())).isEqualTo(WINDOWS_ENUMERATOR_OBJREF);
    }

    @Test
    void emptyDualStringArrayIsTheSmallestOneOfTheSpecification() {
        NdrWriter w = new NdrWriter();
        new DualStringArray(List.of(), List.of()).writePacked(w);
        // MS-DCOM 2.2.19.1: wNumEntries 4, wSecurityOffset 2, four zero shorts
        assertThat(HEX.formatHex(w.toByteArray())).isEqualTo("0400" + "0200" + "0000000000000000");
        DualStringArray back = DualStringArray.readPacked(new NdrReader(w.toByteArray(), "t"), "dsa");
        assertThat(back.stringBindings()).isEmpty();
        assertThat(back.securityBindings()).isEmpty();
    }

    @Test
    void dualStringArrayInNdrCarriesItsConformance() {
        DualStringArray dsa = new DualStringArray(List.of(new StringBinding(7, "h[135]")),
                List.of(new SecurityBinding(SecurityBinding.RPC_C_AUTHN_WINNT, "")));
        NdrWriter w = new NdrWriter();
        dsa.write(w);
        // 1 + 6 + 1 string-binding shorts, the terminator, then 10 FFFF 0000 and the terminator: 13 shorts
        assertThat(HEX.formatHex(w.toByteArray())).startsWith("0d000000" + "0d00" + "0900" + "0700" + "6800");
        assertThat(DualStringArray.read(new NdrReader(w.toByteArray(), "t"), "dsa")).isEqualTo(dsa);
    }

    @Test
    void malformedDualStringArraysAreRefused() {
        byte[] offsetBeyond = HEX.parseHex("0200" + "0500" + "00000000");
        assertThatThrownBy(() -> DualStringArray.readPacked(new NdrReader(offsetBeyond, "t"), "dsa"))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("wSecurityOffset 5 is beyond the 2 entries");
        byte[] noNul = HEX.parseHex("0300" + "0300" + "0700" + "4100" + "4200");
        assertThatThrownBy(() -> DualStringArray.readPacked(new NdrReader(noNul, "t"), "dsa"))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("has no NUL before entry 3");
        byte[] conformance = HEX.parseHex("05000000" + "0400" + "0200" + "0000000000000000");
        assertThatThrownBy(() -> DualStringArray.read(new NdrReader(conformance, "t"), "dsa"))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("conformance 5 differs from wNumEntries 4");
    }

    @Test
    void orpcExtensionsArePaddedAndTheirPointerArrayRoundedToEven() {
        OrpcThis t = new OrpcThis(ComVersion.V5_7, 0, new UUID(1, 2),
                List.of(new OrpcExtent(UUID.fromString("0000031c-0000-0000-c000-000000000046"), new byte[] {1, 2, 3})));
        NdrWriter w = new NdrWriter();
        t.write(w);
        String hex = HEX.formatHex(w.toByteArray());
        assertThat(hex).isEqualTo("0500" + "0700" + "00000000" + "00000000" + HEX.formatHex(io.github.cm4j.wmi.ndr.Guids.bytes(new UUID(1, 2)))
                + "00000200" // extensions
                + "01000000" + "00000000" + "04000200" // ORPC_EXTENT_ARRAY: size 1, reserved, extent
                + "02000000" + "08000200" + "00000000" // two slots, the second NULL
                + "08000000" + "1c030000" + "0000" + "0000" + "c000000000000046" + "03000000" + "0102030000000000");
        assertThat(OrpcThis.read(new NdrReader(w.toByteArray(), "t"))).isEqualTo(t);
    }

    @Test
    void orpcThatWithoutExtensionsIsEightBytes() {
        NdrWriter w = new NdrWriter();
        OrpcThat.EMPTY.write(w);
        assertThat(w.toByteArray()).hasSize(8).containsOnly(0);
        assertThat(OrpcThat.read(new NdrReader(w.toByteArray(), "t"))).isEqualTo(OrpcThat.EMPTY);
    }

    @Test
    void extentWhoseConformanceIsNotItsRoundedSizeIsRefused() {
        OrpcThat t = new OrpcThat(0, List.of(new OrpcExtent(new UUID(3, 4), new byte[9])));
        NdrWriter w = new NdrWriter();
        t.write(w);
        byte[] b = w.toByteArray();
        int at = 8 + 12 + 12; // ORPCTHAT, ORPC_EXTENT_ARRAY, the pointer array
        assertThat(b[at]).isEqualTo((byte) 16);
        b[at] = 12;
        assertThatThrownBy(() -> OrpcThat.read(new NdrReader(b, "t"))).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("conformance 12 is not size 9 rounded up to 8");
    }

    @Test
    void interfacePointerWrapsAnObjRefAndPointsErrorsIntoTheStub() {
        ObjRef ref = ObjRef.decode(HEX.parseHex(WINDOWS_ENUMERATOR_OBJREF));
        NdrWriter w = new NdrWriter().u32(0x11);
        InterfacePointers.writeParameter(w, ref);
        byte[] b = w.toByteArray();
        assertThat(HEX.formatHex(b)).startsWith("11000000" + "00000200" + "b6000000" + "b6000000" + "4d454f57");
        NdrReader r = new NdrReader(b, "t");
        r.u32("x");
        assertThat(InterfacePointers.readParameter(r, "ppEnum")).isEqualTo(ref);

        byte[] bad = b.clone();
        bad[16 + 4] = 3; // OBJREF flags: 3 names no kind
        NdrReader r2 = new NdrReader(bad, "t");
        r2.u32("x");
        assertThatThrownBy(() -> InterfacePointers.readParameter(r2, "ppEnum")).isInstanceOfSatisfying(NdrFormatException.class, e -> {
            assertThat(e.structure()).isEqualTo("t/ppEnum.abData/OBJREF");
            assertThat(e.offset()).isEqualTo(20);
        });
        byte[] count = b.clone();
        count[12] = 1;
        NdrReader r3 = new NdrReader(count, "t");
        r3.u32("x");
        assertThatThrownBy(() -> InterfacePointers.readParameter(r3, "ppEnum")).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("ulCntData 1 differs from the conformance 182");
    }

    @Test
    void handlerAndExtendedObjRefsAreRefusedByName() {
        byte[] b = HEX.parseHex(WINDOWS_ENUMERATOR_OBJREF);
        b[4] = 2;
        assertThatThrownBy(() -> ObjRef.decode(b)).isInstanceOf(WmioFormatException.class).hasMessageContaining("OBJREF_HANDLER");
        b[4] = 8;
        assertThatThrownBy(() -> ObjRef.decode(b)).isInstanceOf(WmioFormatException.class).hasMessageContaining("OBJREF_EXTENDED");
        assertThatThrownBy(() -> ObjRef.decode(new byte[3])).isInstanceOf(WmioFormatException.class);
    }

    @Test
    void everyTruncationOfTheWindowsObjRefFailsCleanly() {
        byte[] b = HEX.parseHex(WINDOWS_ENUMERATOR_OBJREF);
        for (int n = 0; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            assertThatThrownBy(() -> ObjRef.decode(cut)).as("length " + n).isInstanceOf(WmioFormatException.class);
        }
    }

    @Test
    void activationPropertiesRoundTripAndKeepTheirOrder() {
        UUID clsid = UUID.fromString("8bc3f05e-d86b-11d0-a075-00c04fb68820");
        UUID iid = UUID.fromString("f309ad18-d86a-11d0-a075-00c04fb68820");
        ActivationProperties in = new ActivationProperties(List.of(
                new ActivationProperty.SpecialProperties(-1, false, false, null, 6, 0, 0x10, 2),
                new ActivationProperty.InstantiationInfo(clsid, 0x10, 0, List.of(iid), ComVersion.V5_7),
                new ActivationProperty.ActivationContextInfo(null, null),
                new ActivationProperty.SecurityInfo(0, "server.example"),
                new ActivationProperty.LocationInfo(),
                new ActivationProperty.ScmRequestInfo(2, List.of(7))));
        byte[] blob = in.encode();
        assertThat(ActivationProperties.decode(blob)).isEqualTo(in);
        int dwSize = (blob[0] & 0xFF) | (blob[1] & 0xFF) << 8;
        assertThat(dwSize).isEqualTo(blob.length - 8);

        ObjRef ref = ObjRefStandard.decode(HEX.parseHex(WINDOWS_ENUMERATOR_OBJREF));
        ActivationProperties out = ActivationProperties.reply(
                new ActivationProperty.PropsOutInfo(List.of(iid), List.of(0), List.of(ref)),
                new ActivationProperty.ScmReplyInfo(0x1122334455667788L, new DualStringArray(List.of(new StringBinding(7, "host[49667]")),
                        List.of(new SecurityBinding(10, ""))), new UUID(5, 6), 6, ComVersion.V5_7));
        ObjRefCustom custom = out.toResponseObjRef();
        assertThat(custom.reserved()).isEqualTo(custom.objectData().length + 8);
        assertThat(ActivationProperties.fromObjRef(ObjRef.decode(custom.encode()), ActivationProperties.CLSID_ACTIVATION_PROPERTIES_OUT))
                .isEqualTo(out);
        assertThatThrownBy(() -> ActivationProperties.fromObjRef(custom, ActivationProperties.CLSID_ACTIVATION_PROPERTIES_IN))
                .isInstanceOf(WmioFormatException.class).hasMessageContaining("is not the expected 00000338");
    }

    @Test
    void unknownActivationPropertiesTravelUnchanged() {
        byte[] serialized = io.github.cm4j.wmi.ndr.NdrTypeSerialization.encode(w -> w.u32(1).u32(2));
        ActivationProperty.Unknown unknown = new ActivationProperty.Unknown(ActivationProperty.CLSID_INSTANCE_INFO, serialized);
        ActivationProperties p = new ActivationProperties(List.of(unknown, new ActivationProperty.LocationInfo()));
        assertThat(ActivationProperties.decode(p.encode()).properties().get(0)).isEqualTo(unknown);
    }

    @Test
    void activationBlobBoundsAreChecked() {
        byte[] blob = ActivationProperties.request(new UUID(1, 1), List.of(new UUID(2, 2))).encode();
        for (int n = 0; n < blob.length; n++) {
            byte[] cut = Arrays.copyOf(blob, n);
            assertThatThrownBy(() -> ActivationProperties.decode(cut)).as("length " + n).isInstanceOf(NdrFormatException.class);
        }
        // cIfs is the fifth DWORD of the CustomHeader, after dwSize, dwReserved and the 16 header bytes
        byte[] many = blob.clone();
        many[8 + 16 + 16] = 11;
        assertThatThrownBy(() -> ActivationProperties.decode(many)).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("11 is outside [range(MIN_ACTPROP_LIMIT, MAX_ACTPROP_LIMIT)]");
        byte[] size = blob.clone();
        size[0] = (byte) 0xFF;
        size[1] = (byte) 0xFF;
        assertThatThrownBy(() -> ActivationProperties.decode(size)).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("dwSize 65535 exceeds");
    }
}
