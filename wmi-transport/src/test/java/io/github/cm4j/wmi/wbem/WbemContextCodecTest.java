package io.github.cm4j.wmi.wbem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The IWbemContext buffer (MS-WMI 2.2.13.1-4) and its OBJREF_CUSTOM, from the specification. */
class WbemContextCodecTest {
    private static final UUID GUID = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");

    @Test
    void sessionHandleBufferIsLaidOutAsTheSpecificationSays() {
        WmiContext ctx = WmiContext.empty().with(WmiContext.SESSION_HANDLE, "{ABC}");
        byte[] b = WbemContextCodec.encode(ctx, GUID);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(HexFormat.of().parseHex("01000000"));                         // NumGuids 1
        expected.writeBytes(HexFormat.of().parseHex("67452301ab89efcd0123456789abcdef")); // GUID, MS-DTYP layout
        expected.writeBytes(HexFormat.of().parseHex("01000000"));                         // NumProps 1
        expected.writeBytes(HexFormat.of().parseHex("0d000000"));                         // StringLength 13
        expected.writeBytes("SessionHandle".getBytes(StandardCharsets.UTF_16LE));        // no NUL
        expected.writeBytes(HexFormat.of().parseHex("00000000"));                         // PropertyFlags
        expected.writeBytes(HexFormat.of().parseHex("0800"));                             // VT_BSTR
        expected.writeBytes(HexFormat.of().parseHex("05000000"));
        expected.writeBytes("{ABC}".getBytes(StandardCharsets.UTF_16LE));
        assertThat(b).isEqualTo(expected.toByteArray());
        WbemContextCodec.Decoded d = WbemContextCodec.decode(b);
        assertThat(d.guid()).isEqualTo(GUID);
        assertThat(d.context()).isEqualTo(ctx);
        assertThat(d.context().sessionHandle()).contains("{ABC}");
    }

    @Test
    void scalarsAreEightBytesWithTheValueFirst() {
        WmiContext ctx = WmiContext.empty().with("__ProviderArchitecture", CimValue.sint32(64))
                .with("__RequiredArchitecture", CimValue.bool(true));
        byte[] b = WbemContextCodec.encode(ctx, GUID);
        String hex = HexFormat.of().formatHex(b);
        assertThat(hex).contains("00000000" + "0300" + "4000000000000000");   // VT_I4 64
        assertThat(hex).endsWith("00000000" + "0b00" + "ffff000000000000");   // VT_BOOL VARIANT_TRUE
        assertThat(WbemContextCodec.decode(b).context()).isEqualTo(ctx);
    }

    @Test
    void everyVartypeScalarAndArrayRoundTrips() {
        WmiContext ctx = WmiContext.empty()
                .with("i1", CimValue.sint8((byte) -5)).with("ui1", CimValue.uint8(250))
                .with("i2", CimValue.sint16((short) -30000)).with("ui2", CimValue.uint16(65000))
                .with("i4", CimValue.sint32(Integer.MIN_VALUE)).with("ui4", CimValue.uint32(4294967295L))
                .with("r4", CimValue.real32(1.25f)).with("r8", CimValue.real64(-Math.E))
                .with("bool", CimValue.bool(false)).with("bstr", CimValue.string("\u20AC caf\u00e9"))
                .with("empty", CimValue.string(""))
                .with("ai1", CimValue.of(CimType.SINT8_ARRAY, List.of((byte) 1, (byte) -1)))
                .with("aui1", CimValue.of(CimType.UINT8_ARRAY, List.of((short) 0, (short) 255)))
                .with("ai2", CimValue.of(CimType.SINT16_ARRAY, List.of((short) -2)))
                .with("aui2", CimValue.of(CimType.UINT16_ARRAY, List.of(65535, 1)))
                .with("ai4", CimValue.of(CimType.SINT32_ARRAY, List.of(7, -7, 0)))
                .with("aui4", CimValue.of(CimType.UINT32_ARRAY, List.of(4294967295L)))
                .with("ar4", CimValue.of(CimType.REAL32_ARRAY, List.of(0.5f, -0.5f)))
                .with("ar8", CimValue.of(CimType.REAL64_ARRAY, List.of(1e300)))
                .with("abool", CimValue.of(CimType.BOOLEAN_ARRAY, List.of(true, false, true)))
                .with("abstr", CimValue.stringArray(List.of("a", "", "\u4E2D")))
                .with("anone", CimValue.stringArray(List.of()));
        assertThat(WbemContextCodec.decode(WbemContextCodec.encode(ctx, GUID)).context()).isEqualTo(ctx);
    }

    @Test
    void sixtyFourBitIntegersDatetimesAndChar16TravelAsTheirAutomationTypes() {
        WmiContext ctx = WmiContext.empty().with("big", CimValue.uint64(new BigInteger("18446744073709551615")))
                .with("neg", CimValue.sint64(-9)).with("when", CimValue.datetime(CimDateTime.parse("20240102030405.000000+000")))
                .with("c", CimValue.char16('Z'));
        WmiContext back = WbemContextCodec.decode(WbemContextCodec.encode(ctx, GUID)).context();
        assertThat(back.get("big")).contains(CimValue.string("18446744073709551615"));
        assertThat(back.get("neg")).contains(CimValue.string("-9"));
        assertThat(back.get("when")).contains(CimValue.string("20240102030405.000000+000"));
        assertThat(back.get("c")).contains(CimValue.uint16('Z'));
    }

    @Test
    void arrayElementSizesFollowTable2_2_13_4() {
        WmiContext ctx = WmiContext.empty().with("a", CimValue.of(CimType.SINT16_ARRAY, List.of((short) 1, (short) 2)))
                .with("b", CimValue.of(CimType.REAL32_ARRAY, List.of(1.0f)))
                .with("s", CimValue.stringArray(List.of("x")));
        String hex = HexFormat.of().formatHex(WbemContextCodec.encode(ctx, GUID));
        assertThat(hex).contains("0220" + "02000000" + "02000000" + "0100" + "0200");     // VT_ARRAY|VT_I2, 2 x 2 bytes
        assertThat(hex).contains("0420" + "01000000" + "08000000" + "0000803f00000000"); // VT_ARRAY|VT_R4: 8-byte elements
        assertThat(hex).endsWith("0820" + "01000000" + "08000000" + "01000000" + "7800"); // VT_ARRAY|VT_BSTR
    }

    @Test
    void objectsAndReferencesCannotBeContextValues() {
        // WmiContext refuses them itself; the codec refuses what slips through as a type it cannot map
        assertThatThrownBy(() -> WmiContext.empty().with("o", CimValue.of(CimType.REFERENCE, "A.B=1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vtNullIsDroppedAndVtUnknownRefused() {
        ByteArrayOutputStream b = header(2);
        name(b, "n");
        b.writeBytes(HexFormat.of().parseHex("00000000" + "0100"));
        name(b, "i");
        b.writeBytes(HexFormat.of().parseHex("00000000" + "0300" + "0700000000000000"));
        assertThat(WbemContextCodec.decode(b.toByteArray()).context()).isEqualTo(WmiContext.empty().with("i", CimValue.sint32(7)));
        ByteArrayOutputStream u = header(1);
        name(u, "u");
        u.writeBytes(HexFormat.of().parseHex("00000000" + "0d00" + "78563412"));
        assertThatThrownBy(() -> WbemContextCodec.decode(u.toByteArray())).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("VT_UNKNOWN");
        ByteArrayOutputStream x = header(1);
        name(x, "x");
        x.writeBytes(HexFormat.of().parseHex("00000000" + "4000" + "0000000000000000"));
        assertThatThrownBy(() -> WbemContextCodec.decode(x.toByteArray())).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("PropertyType 0x40 is not one of the VARTYPEs 2.2.13.2 allows");
    }

    @Test
    void lengthsAreCheckedBeforeAllocation() {
        ByteArrayOutputStream b = header(1);
        b.writeBytes(HexFormat.of().parseHex("ffffff7f")); // a name of 2^31-1 characters
        b.writeBytes(new byte[20]);
        assertThatThrownBy(() -> WbemContextCodec.decode(b.toByteArray())).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("PropertyName of 2147483647 characters needs 4294967294 bytes but 20 remain");
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        many.writeBytes(HexFormat.of().parseHex("ffffffff"));
        assertThatThrownBy(() -> WbemContextCodec.decode(many.toByteArray())).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("NumGuids 4294967295 needs");
        ByteArrayOutputStream arr = header(1);
        name(arr, "a");
        arr.writeBytes(HexFormat.of().parseHex("00000000" + "0320" + "ffffffff" + "04000000"));
        assertThatThrownBy(() -> WbemContextCodec.decode(arr.toByteArray())).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("ElementCount 4294967295 of 4-byte elements needs");
        ByteArrayOutputStream size = header(1);
        name(size, "a");
        size.writeBytes(HexFormat.of().parseHex("00000000" + "0320" + "01000000" + "02000000" + "0100"));
        assertThatThrownBy(() -> WbemContextCodec.decode(size.toByteArray())).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("ElementSize 2 of sint32 elements is not 4");
    }

    @Test
    void objrefCustomWithTheContextUnmarshaler() {
        WmiContext ctx = WmiContext.empty().with(WmiContext.SESSION_HANDLE, "{1B2C3D4E-0000-0000-0000-000000000000}");
        byte[] objref = WbemContextCodec.marshal(ctx);
        String hex = HexFormat.of().formatHex(objref);
        assertThat(hex).startsWith("4d454f57" + "04000000"
                + "74a6ac44fce8d011a07c00c04fb68820"    // IID_IWbemContext {44ACA674-E8FC-11D0-A07C-00C04FB68820}
                + "98664b6792eed011ad7100c04fd8fdff"    // CLSID {674B6698-EE92-11D0-AD71-00C04FD8FDFF}
                + "00000000");
        assertThat(WbemContextCodec.unmarshal(objref)).isEqualTo(ctx);
        // an IWbemClassObject reference is not a context
        byte[] wrong = ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT, new byte[8]).encode();
        assertThatThrownBy(() -> WbemContextCodec.unmarshal(wrong)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("is not the expected 44aca674");
    }

    @Test
    void mutatedBuffersOnlyFailWithWmioFormatException() {
        WmiContext ctx = WmiContext.empty().with("SessionHandle", "{X}").with("n", CimValue.sint32(5))
                .with("a", CimValue.stringArray(List.of("p", "q"))).with("r", CimValue.of(CimType.REAL32_ARRAY, List.of(1f)));
        byte[] seed = WbemContextCodec.encode(ctx, GUID);
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seed.clone();
            for (int m = 0; m < 1 + r.nextInt(3); m++) {
                int at = r.nextInt(b.length);
                b[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : b[at] ^ (1 << r.nextInt(8)));
            }
            if (r.nextInt(10) == 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            try {
                WbemContextCodec.decode(b);
            } catch (WmioFormatException expected) {
                // fine
            }
        }
    }

    private static ByteArrayOutputStream header(int props) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HexFormat.of().parseHex("01000000"));
        b.writeBytes(new byte[16]);
        b.writeBytes(new byte[] {(byte) props, 0, 0, 0});
        return b;
    }

    private static void name(ByteArrayOutputStream b, String name) {
        b.writeBytes(new byte[] {(byte) name.length(), 0, 0, 0});
        b.writeBytes(name.getBytes(StandardCharsets.UTF_16LE));
    }
}
