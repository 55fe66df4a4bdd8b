package io.github.cm4j.wmi.wbem;

import static io.github.cm4j.wmi.fuzz.DecoderFuzzer.assertReachedBothOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.wmi.fuzz.DecoderFuzzer;
import io.github.cm4j.wmi.wmio.WmioTestObjects;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing (plain JUnit, bounded, {@code -Dcm4j.fuzz.iterations} for longer runs) of every NDR-decoded
 * DCOM and MS-WMI message — first the requests the loopback server decodes, then the responses the {@code dcom://}
 * client decodes — and of the ObjectArray (MS-WMI 2.2.14) and IWbemContext (MS-WMI 2.2.13) decoders. Each decoder is
 * driven as its user drives it (a request's embedded IWbemClassObject and IWbemContext are unmarshaled as the server
 * does). Only {@link io.github.cm4j.wmi.WireFormatException}s may come out, within a bounded time per input.
 */
class WireMessageFuzzTest {
    private static final int ITERATIONS = DecoderFuzzer.iterations(400);

    @Test
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void requestsTheServerDecodesOnlyEverFailWithWireFormatExceptions() {
        DecoderFuzzer f = new DecoderFuzzer("requests");
        WireMessageCorpus.requests(f::add);
        DecoderFuzzer.Outcome o = f.run(ITERATIONS);
        assertReachedBothOutcomes(o);
        // every request's decoder was reached past its first check by some mutant
        assertThat(o.perEntry()).allSatisfy((name, c) -> assertThat(c[1]).as(name + " refused").isPositive());
    }

    @Test
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void responsesTheClientDecodesOnlyEverFailWithWireFormatExceptions() {
        DecoderFuzzer f = new DecoderFuzzer("responses");
        WireMessageCorpus.responses(f::add);
        assertReachedBothOutcomes(f.run(ITERATIONS));
    }

    @Test
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void objectArraysAndContextsOnlyEverFailWithWireFormatExceptions() {
        Schema schema = Schema.builtIn();
        WmiClass su = schema.classNamed("SMS_SoftwareUpdate");
        List<Object> mixed = List.of(WmioTestObjects.softwareUpdate(su, 1), WmioTestObjects.sciComponent(schema, 2),
                schema.classNamed("SMS_Site"), WmioTestObjects.softwareUpdate(su, 2));
        // a second call of one enumeration: instances without their class part, resolved through the client's cache
        WbemObjectArray.ClassCache server = new WbemObjectArray.ClassCache();
        byte[] first = WbemObjectArray.encode(mixed, WbemObjectArray.PACKET_SMART_ENUM_NEXT, server);
        byte[] second = WbemObjectArray.encode(List.of(WmioTestObjects.softwareUpdate(su, 3)), WbemObjectArray.PACKET_SMART_ENUM_NEXT, server);
        WbemObjectArray.ClassCache primed = new WbemObjectArray.ClassCache();
        WbemObjectArray.decode(first, primed);
        WmiContext big = WireMessageCorpus.SESSION.with("__GetExtendedStatus", CimValue.bool(true)).with("Names", CimValue.stringArray(List.of("", "x", "\u20ac")))
                .with("Small", CimValue.sint32(-1)).with("Empty", CimValue.string(""));
        DecoderFuzzer f = new DecoderFuzzer("arrays-contexts")
                .add("ObjectArray", first, b -> WbemObjectArray.decode(b, new WbemObjectArray.ClassCache()))
                .add("ObjectArray-noclass", second, b -> WbemObjectArray.decode(b, primed))
                .add("IWbemContext-buffer", WbemContextCodec.encode(big, new UUID(5, 6)), WbemContextCodec::decode)
                .add("IWbemContext-objref", WbemContextCodec.marshal(big), WbemContextCodec::unmarshal)
                .add("IWbemClassObject-objref", WbemMessagesTest.update(9).encode(), WbemClassObjects::unmarshal);
        assertReachedBothOutcomes(f.run(ITERATIONS * 5));
        assertThat(Duration.ofMillis(DecoderFuzzer.MAX_MILLIS_PER_INPUT)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
}
