package io.github.cm4j.wmi.wbem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.schema.Schema;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import io.github.cm4j.wmi.wmio.WmioObject;
import io.github.cm4j.wmi.wmio.WmioTestObjects;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** OBJREF_CUSTOM (MS-DCOM 2.2.18.6) around IWbemClassObject (MS-WMI 2.2.4). */
class ObjRefCustomTest {

    @Test
    void classObjectReferenceLayout() {
        var instance = WmioTestObjects.sciComponent(Schema.builtIn(), 1);
        byte[] objref = WbemClassObjects.marshal(instance);
        byte[] unit = Wmio.encode(instance);
        assertThat(HexFormat.of().formatHex(objref, 0, 48)).isEqualTo("4d454f57" + "04000000"
                + "81a612dc7f73cf11884d00aa004b2e24"     // IID_IWbemClassObject {DC12A681-737F-11CF-884D-00AA004B2E24}
                + "12f890453a1dd011891f00aa004b2e24"     // CLSID {4590F812-1D3A-11D0-891F-00AA004B2E24}
                + "00000000" + HexFormat.of().formatHex(new byte[] {(byte) unit.length, (byte) (unit.length >>> 8), 0, 0}));
        assertThat(Arrays.copyOfRange(objref, 48, objref.length)).isEqualTo(unit);
        WmioObject back = WbemClassObjects.unmarshal(objref);
        assertThat(back.instance()).isEqualTo(instance);
        var cls = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
        assertThat(WbemClassObjects.unmarshal(WbemClassObjects.marshal(cls)).wmiClass()).isEqualTo(cls);
    }

    @Test
    void malformedReferences() {
        assertThatThrownBy(() -> ObjRefCustom.decode(new byte[47])).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("needs 48 header bytes but has 47");
        byte[] good = WbemClassObjects.marshal(WmioTestObjects.sciComponent(Schema.builtIn(), 1));
        byte[] sig = good.clone();
        sig[0] = 'X';
        assertThatThrownBy(() -> ObjRefCustom.decode(sig)).isInstanceOf(WmioFormatException.class).hasMessageContaining("MEOW");
        byte[] standard = good.clone();
        standard[4] = 1; // OBJREF_STANDARD
        assertThatThrownBy(() -> ObjRefCustom.decode(standard)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("flags 0x1 are not OBJREF_CUSTOM");
        byte[] extension = good.clone();
        extension[40] = (byte) 0xFF;
        extension[41] = (byte) 0xFF;
        assertThatThrownBy(() -> ObjRefCustom.decode(extension)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("cbExtension 65535 exceeds");
        byte[] cut = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> WbemClassObjects.unmarshal(cut)).isInstanceOfSatisfying(WmioFormatException.class, e -> {
            assertThat(e.structure()).startsWith("OBJREF_CUSTOM/pObjectData/EncodingUnit");
            assertThat(e.offset()).isEqualTo(52);
        });
        byte[] context = ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CONTEXT, ObjRefCustom.CLSID_WBEM_CONTEXT, new byte[4]).encode();
        assertThatThrownBy(() -> WbemClassObjects.unmarshal(context)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("is not the expected dc12a681");
    }
}
