package io.github.cm4j.wmi.wbem;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import io.github.cm4j.wmi.WireFormatException;
import io.github.cm4j.wmi.wmio.WmioTestObjects;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for the MS-WMI containers a peer sends: {@link #objectArray} decodes an
 * ObjectArray (MS-WMI 2.2.14) with an empty class cache and with one primed by an earlier call of the enumeration
 * (so instances without their class part resolve); {@link #context} decodes an IWbemContext (MS-WMI 2.2.13) as a
 * marshaled buffer and as an OBJREF_CUSTOM, and unmarshals an IWbemClassObject OBJREF. Only
 * {@link WireFormatException} may come out. Seeds are {@code WireMessageFuzzTest}'s arrays and contexts.
 */
class WbemJazzerTest {
    private static final FuzzCheck CHECK = FuzzCheck.refusing(WireFormatException.class);
    private static byte[] first;

    @BeforeAll
    static void seeds() {
        Schema schema = Schema.builtIn();
        WmiClass su = schema.classNamed("SMS_SoftwareUpdate");
        List<Object> mixed = List.of(WmioTestObjects.softwareUpdate(su, 1), WmioTestObjects.sciComponent(schema, 2),
                schema.classNamed("SMS_Site"), WmioTestObjects.softwareUpdate(su, 2));
        WbemObjectArray.ClassCache server = new WbemObjectArray.ClassCache();
        first = WbemObjectArray.encode(mixed, WbemObjectArray.PACKET_SMART_ENUM_NEXT, server);
        byte[] second = WbemObjectArray.encode(List.of(WmioTestObjects.softwareUpdate(su, 3)), WbemObjectArray.PACKET_SMART_ENUM_NEXT, server);
        FuzzSeeds.of(WbemJazzerTest.class, "objectArray").add("first call", first).add("second call, no class part", second)
                .add("indicate", WbemObjectArray.encode(List.of(WmioTestObjects.sciComponent(schema, 1)), WbemObjectArray.PACKET_INDICATE,
                        new WbemObjectArray.ClassCache()));
        WmiContext big = WmiContext.empty().with(WmiContext.SESSION_HANDLE, CimValue.string("{5F3C1A5E-0D2B-4C79}"))
                .with("__ProviderArchitecture", CimValue.sint32(64)).with("__RequestedProperties", CimValue.stringArray(List.of("A", "B")))
                .with("__GetExtendedStatus", CimValue.bool(true)).with("Names", CimValue.stringArray(List.of("", "x", "\u20ac")))
                .with("Small", CimValue.sint32(-1)).with("Empty", CimValue.string(""));
        FuzzSeeds.of(WbemJazzerTest.class, "context").add("buffer", WbemContextCodec.encode(big, new UUID(5, 6)))
                .add("objref", WbemContextCodec.marshal(big)).add("class object objref", WbemMessagesTest.update(9).encode());
    }

    @FuzzTest(maxDuration = "2m")
    void objectArray(byte[] input) {
        CHECK.run(() -> WbemObjectArray.decode(input, new WbemObjectArray.ClassCache()));
        WbemObjectArray.ClassCache primed = new WbemObjectArray.ClassCache();
        WbemObjectArray.decode(first, primed);
        CHECK.run(() -> WbemObjectArray.decode(input, primed));
    }

    @FuzzTest(maxDuration = "2m")
    void context(byte[] input) {
        CHECK.run(() -> WbemContextCodec.decode(input));
        CHECK.run(() -> WbemContextCodec.unmarshal(input));
        CHECK.run(() -> WbemClassObjects.unmarshal(input));
    }
}
