package io.github.cm4j.benchmarks;

import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.wmi.wbem.WbemClassObjects;
import io.github.cm4j.wmi.wbem.WbemObjectArray;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioClassPart;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MS-WMIO codec ({@code wmi-transport}) on realistic objects. One JMH operation is one object, so the
 * primary score is objects per second; the secondary score {@code megabytes} counts the bytes each operation
 * decoded (its input) or encoded (its output) in MB (10<sup>6</sup> bytes), so JMH's rate for it, printed with
 * the unit "ops/s", is MB/s of wire bytes.
 *
 * <ul>
 *   <li>{@code SMS_SoftwareUpdate} instances ({@link SoftwareUpdateObjects}: all 69 properties, decoration),
 *       {@value #OBJECTS} distinct objects taken in turn, in two {@code form}s: {@code query} (lazy properties
 *       NULL, as query results carry them) and {@code loaded} (lazy properties filled, as GetObject returns
 *       them), each
 *   <ul>
 *     <li>with class part: the EncodingUnit (MS-WMIO 2.2.1) that {@code IWbemServices::GetObject} and
 *         {@code IEnumWbemClassObject::Next} send inside the OBJREF_CUSTOM;</li>
 *     <li>without class part: the EncodingUnitInstanceNoClass (2.2.3) of a WBEMOBJECT_INSTANCE_NOCLASS that
 *         {@code IWbemWCOSmartEnum::Next} sends after the first object of a class (MS-WMI 2.2.14.4), decoded
 *         against the class part cached from the first object;</li>
 *     <li>a whole smart-enumerator batch: the ObjectArray (MS-WMI 2.2.14) of one {@code Next} of
 *         {@value #BATCH} objects, the first with its class, decoded with a fresh class cache;</li>
 *   </ul></li>
 *   <li>the real Windows 7 {@code Win32_UTCTime} instance of the reference data (an OBJREF_CUSTOM around an
 *       EncodingUnit), decoded through {@link WbemClassObjects#unmarshal}.</li>
 * </ul>
 *
 * <pre>
 * java -Dcm4j.reference.dir=../shared/reference -jar benchmarks/target/benchmarks.jar Codec -f 1 -wi 3 -i 5 -w 2s -r 2s
 * </pre>
 * {@link CodecPeerComparison} decodes the same kinds of bytes with impacket for comparison.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
    /** Distinct objects per form, encoded once and taken in turn (7 to 8 MB with class part: more than a core's L2 cache holds). */
    public static final int OBJECTS = 1_000;
    /** Objects in one smart-enumerator batch. */
    public static final int BATCH = 100;

    /** The {@code SMS_SoftwareUpdate} objects of one form and their encodings (built once, not measured). */
    @State(Scope.Benchmark)
    public static class SoftwareUpdates {
        /** {@code query}: lazy properties NULL; {@code loaded}: lazy properties filled. */
        @Param({"query", "loaded"})
        public String form;

        WmiObject[] objects;
        byte[][] withClass;
        byte[][] withoutClass;
        WmioClassPart cachedClass;
        byte[] smartEnumBatch;

        /** Builds and encodes the objects. */
        @Setup
        public void encode() {
            objects = SoftwareUpdateObjects.create(OBJECTS, switch (form) {
                case "query" -> false;
                case "loaded" -> true;
                default -> throw new IllegalArgumentException("form " + form + " is not query or loaded");
            });
            withClass = new byte[OBJECTS][];
            withoutClass = new byte[OBJECTS][];
            for (int i = 0; i < OBJECTS; i++) {
                withClass[i] = Wmio.encode(objects[i]);
                withoutClass[i] = Wmio.encodeInstanceNoClass(objects[i]);
            }
            // As the smart enumerator's client does: keep the class part of the first object received.
            cachedClass = Wmio.decode(withClass[0]).classPart();
            smartEnumBatch = WbemObjectArray.encode(Arrays.asList(objects).subList(0, BATCH),
                    WbemObjectArray.PACKET_SMART_ENUM_NEXT, new WbemObjectArray.ClassCache());
        }
    }

    /** The Windows 7 {@code Win32_UTCTime} OBJREF_CUSTOM of the reference data. */
    @State(Scope.Benchmark)
    public static class Windows7UtcTime {
        byte[] objref;

        /** Reads the capture ({@code -Dcm4j.reference.dir}, else {@code ../shared/reference}). */
        @Setup
        public void read() {
            objref = CodecSamples.windows7UtcTimeObjref(CodecSamples.referenceDir());
        }
    }

    /**
     * Per thread: the next object to take and the bytes handled. JMH reports the public field per second.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** Wire bytes decoded or encoded, in MB (10^6 bytes); as a rate: MB/s. */
        public double megabytes;
        private int next;

        /** JMH does not reset auxiliary counters by itself. */
        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }

        int next() {
            int i = next;
            next = i + 1 == OBJECTS ? 0 : i + 1;
            return i;
        }

        byte[] count(byte[] wire) {
            megabytes += wire.length / 1e6;
            return wire;
        }
    }

    /**
     * @param u the objects
     * @param b the counter
     * @return the decoded object
     */
    @Benchmark
    public WmioObject decodeWithClass(SoftwareUpdates u, Bytes b) {
        return Wmio.decode(b.count(u.withClass[b.next()]));
    }

    /**
     * @param u the objects
     * @param b the counter
     * @return the decoded object
     */
    @Benchmark
    public WmioObject decodeWithoutClass(SoftwareUpdates u, Bytes b) {
        byte[] wire = b.count(u.withoutClass[b.next()]);
        return Wmio.decodeInstanceNoClass(wire, 0, wire.length, u.cachedClass);
    }

    /**
     * One {@code IWbemWCOSmartEnum::Next} result of {@value #BATCH} objects: one WBEMOBJECT_INSTANCE, then
     * WBEMOBJECT_INSTANCE_NOCLASS packets.
     *
     * @param u the objects
     * @param b the counter
     * @return the decoded objects
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<WmioObject> decodeSmartEnumBatch(SoftwareUpdates u, Bytes b) {
        return WbemObjectArray.decode(b.count(u.smartEnumBatch), new WbemObjectArray.ClassCache());
    }

    /**
     * @param u the objects
     * @param b the counter
     * @return the EncodingUnit
     */
    @Benchmark
    public byte[] encodeWithClass(SoftwareUpdates u, Bytes b) {
        return b.count(Wmio.encode(u.objects[b.next()]));
    }

    /**
     * @param u the objects
     * @param b the counter
     * @return the EncodingUnitInstanceNoClass
     */
    @Benchmark
    public byte[] encodeWithoutClass(SoftwareUpdates u, Bytes b) {
        return b.count(Wmio.encodeInstanceNoClass(u.objects[b.next()]));
    }

    /**
     * @param w the capture
     * @param b the counter
     * @return the decoded object
     */
    @Benchmark
    public WmioObject decodeWindows7UtcTimeObjref(Windows7UtcTime w, Bytes b) {
        return WbemClassObjects.unmarshal(b.count(w.objref));
    }
}
