package io.github.cm4j.benchmarks;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.wmi.wbem.WbemClassObjects;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioClassPart;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Not a test: cm4j's MS-WMIO decoder and impacket 0.10's side by side on the very same bytes. The byte arrays
 * (the real Windows 7 {@code Win32_UTCTime} OBJREF_CUSTOM of the reference data; {@code SMS_SoftwareUpdate}
 * instances as query results and as GetObject results carry them, as OBJREF_CUSTOMs; one as the
 * INSTANCE_NOCLASS part a smart enumerator sends) are written to a temporary directory; {@code /usr/bin/python3}
 * decodes each OBJREF as impacket's own {@code IWbemClassObject} does ({@code impacket_peer.py}), timed in a
 * loop; cm4j decodes the same array in a loop ({@link WbemClassObjects#unmarshal}, or
 * {@link Wmio#decodeInstanceNoClass} against the class part of the first object). Both run one thread, after
 * which every property value each side read is compared. Prints a table of objects/s and MB/s (objects/s times
 * the input size, 10<sup>6</sup> bytes) for both and their ratio; says so and stops when impacket is missing.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.cm4j.benchmarks.CodecPeerComparison [seconds per sample and side (cm4j warms up as long again), default 5]
 * </pre>
 * Run it from the checkout root (the Windows 7 capture is read from {@code ../shared/reference}, or from
 * {@code -Dcm4j.reference.dir}).
 */
public final class CodecPeerComparison {
    /** The decoding thread's CPU time, as Python's {@code time.thread_time()} measures it on the other side. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    /**
     * Bytes both sides decode.
     *
     * @param name what the bytes are
     * @param bytes the input of cm4j's decoder
     * @param decoder cm4j's decoder for them
     * @param impacketBytes the OBJREF_CUSTOM impacket decodes: {@code bytes} itself, or (for a form impacket cannot
     *        decode) the OBJREF of the same instance, whose reading the values are compared with
     */
    record Sample(String name, byte[] bytes, Function<byte[], WmiObject> decoder, byte[] impacketBytes) {
        boolean impacketDecodesTheSameBytes() {
            return impacketBytes == bytes;
        }
    }

    /**
     * How long each side decodes each sample.
     *
     * @param minIterations the fewest timed decodes
     * @param warmupSeconds how long cm4j's decoder runs before its timed loop (JIT compilation)
     * @param seconds the shortest timed loop
     */
    record Settings(int minIterations, double warmupSeconds, double seconds) {
    }

    /**
     * The outcome for one sample.
     *
     * @param sample the sample
     * @param ours cm4j's rate
     * @param impacket impacket's rate on the same bytes, or null (it failed, or cannot decode the form)
     * @param impacketError what impacket raised, or null
     * @param ourValues what cm4j read
     * @param impacketValues what impacket read
     * @param differences the paths whose values differ, with both readings
     */
    record Comparison(Sample sample, Rate ours, Rate impacket, String impacketError, Map<String, String> ourValues,
                      Map<String, String> impacketValues, List<String> differences) {
    }

    private CodecPeerComparison() {
    }

    /**
     * @param args [seconds per sample and side]
     * @throws IOException when the temporary files cannot be written
     */
    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Optional<String> missing = ImpacketPeer.unavailable();
        if (missing.isPresent()) {
            System.out.println("Skipping the comparison with impacket: " + missing.get() + ".");
            return;
        }
        byte[] windows7 = null;
        try {
            windows7 = CodecSamples.windows7UtcTimeObjref(CodecSamples.referenceDir());
        } catch (IllegalStateException e) {
            System.out.println("Without the Windows 7 sample: " + e.getMessage());
        }
        print(compare(samples(windows7), new Settings(1, seconds, seconds)), System.out);
    }

    /**
     * @param windows7UtcTimeObjref the Windows 7 capture, or null to leave it out
     * @return the samples
     */
    static List<Sample> samples(byte[] windows7UtcTimeObjref) {
        Function<byte[], WmiObject> unmarshal = b -> WbemClassObjects.unmarshal(b).instance();
        List<Sample> samples = new ArrayList<>();
        if (windows7UtcTimeObjref != null) {
            samples.add(new Sample("Win32_UTCTime, Windows 7 OBJREF", windows7UtcTimeObjref, unmarshal, windows7UtcTimeObjref));
        }
        WmiObject queryResult = SoftwareUpdateObjects.create(1, false)[0];
        byte[] queryObjref = WbemClassObjects.marshal(queryResult);
        byte[] loadedObjref = WbemClassObjects.marshal(SoftwareUpdateObjects.create(1, true)[0]);
        samples.add(new Sample("SMS_SoftwareUpdate query result, OBJREF", queryObjref, unmarshal, queryObjref));
        samples.add(new Sample("SMS_SoftwareUpdate lazy loaded, OBJREF", loadedObjref, unmarshal, loadedObjref));
        // The smart enumerator's client keeps the class part of the first object and decodes the rest against it.
        WmioClassPart cachedClass = WbemClassObjects.unmarshal(queryObjref).classPart();
        samples.add(new Sample("SMS_SoftwareUpdate query result, INSTANCE_NOCLASS", Wmio.encodeInstanceNoClass(queryResult),
                b -> Wmio.decodeInstanceNoClass(b, 0, b.length, cachedClass).instance(), queryObjref));
        return samples;
    }

    /**
     * Times both decoders on every sample and compares what they read.
     *
     * @param samples the samples
     * @param settings the loop lengths
     * @return one comparison per sample
     * @throws IOException when the temporary files cannot be written
     */
    static List<Comparison> compare(List<Sample> samples, Settings settings) throws IOException {
        Path dir = Files.createTempDirectory("cm4j-codec-peer");
        try {
            Map<byte[], Path> files = new IdentityHashMap<>();
            for (Sample s : samples) {
                if (!files.containsKey(s.impacketBytes())) {
                    files.put(s.impacketBytes(), Files.write(dir.resolve("object" + files.size() + ".objref.bin"), s.impacketBytes()));
                }
            }
            Map<Path, ImpacketPeer.Reading> theirs = ImpacketPeer.decode(dir, new ArrayList<>(files.values()),
                    settings.minIterations(), settings.seconds());
            List<Comparison> comparisons = new ArrayList<>();
            for (Sample s : samples) {
                ImpacketPeer.Reading reading = theirs.get(files.get(s.impacketBytes()));
                Map<String, String> ourValues = readings(s.decoder().apply(s.bytes()));
                Rate ours = time(s, settings);
                comparisons.add(new Comparison(s, ours, s.impacketDecodesTheSameBytes() ? reading.rate() : null,
                        reading.error(), ourValues, reading.values(),
                        reading.error() == null ? differences(ourValues, reading.values()) : List.of()));
            }
            return comparisons;
        } finally {
            deleteRecursively(dir);
        }
    }

    private static Rate time(Sample s, Settings settings) {
        loop(s, 1, settings.warmupSeconds());
        return loop(s, settings.minIterations(), settings.seconds());
    }

    private static Rate loop(Sample s, long minIterations, double minSeconds) {
        long minNanos = (long) (minSeconds * 1e9);
        long iterations = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            // Using the result keeps the JIT from discarding the decoding.
            sink += s.decoder().apply(s.bytes()).propertyNames().size();
            iterations++;
            elapsed = System.nanoTime() - start;
        } while (iterations < minIterations || elapsed < minNanos);
        return new Rate(iterations, elapsed / 1e9, (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    /**
     * Every value of an instance, in the notation of {@code impacket_peer.py}: path to {@code null},
     * {@code bool:true}, {@code int:42}, {@code str:TEXT} (strings, datetimes, references) or {@code count:N}
     * (array lengths); embedded objects are followed.
     *
     * @param instance a decoded instance
     * @return the readings by path, in property order
     */
    static Map<String, String> readings(WmiObject instance) {
        Map<String, String> out = new LinkedHashMap<>();
        read(out, "", instance);
        return out;
    }

    private static void read(Map<String, String> out, String prefix, WmiObject o) {
        out.put(prefix + "__CLASS", "str:" + o.className());
        for (PropertyDefinition p : o.wmiClass().properties()) {
            String path = prefix + p.name();
            CimValue v = o.get(p.name()).orElse(null);
            if (v == null) {
                out.put(path, "null");
            } else if (p.type() == CimType.OBJECT) {
                read(out, path + ".", v.asObject());
            } else if (p.type().isArray()) {
                List<?> elements = v.asList();
                out.put(path + "#", "count:" + elements.size());
                for (int i = 0; i < elements.size(); i++) {
                    if (elements.get(i) instanceof WmiObject embedded) {
                        read(out, path + "[" + i + "].", embedded);
                    } else {
                        out.put(path + "[" + i + "]", scalar(p.type().elementType(), elements.get(i)));
                    }
                }
            } else {
                out.put(path, scalar(p.type(), v.value()));
            }
        }
    }

    private static String scalar(CimType type, Object value) {
        if (value instanceof Boolean b) {
            return "bool:" + b;
        }
        if (value instanceof Character c) {
            return "int:" + (int) c;
        }
        if (type == CimType.UINT64) {
            return "int:" + Long.toUnsignedString((Long) value);
        }
        if (type.isInteger()) {
            return "int:" + ((Number) value).longValue();
        }
        return "str:" + value;
    }

    /**
     * @param ours cm4j's readings
     * @param theirs impacket's readings
     * @return one line per path where they differ (a path only one side read included), sorted by path
     */
    static List<String> differences(Map<String, String> ours, Map<String, String> theirs) {
        TreeSet<String> paths = new TreeSet<>(ours.keySet());
        paths.addAll(theirs.keySet());
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            String a = ours.get(path);
            String b = theirs.get(path);
            if (!Objects.equals(a, b)) {
                out.add(path + ": cm4j " + (a == null ? "(nothing)" : a) + ", impacket " + (b == null ? "(nothing)" : b));
            }
        }
        return out;
    }

    /**
     * Prints the table: rates per second of the decoding thread's CPU time (steadier on a shared machine), and
     * the ratio of the wall-clock rates beside the CPU-time ratio.
     *
     * @param comparisons the outcomes
     * @param out where to
     */
    static void print(List<Comparison> comparisons, PrintStream out) {
        out.println("cm4j's MS-WMIO decoder and impacket 0.10's (" + ImpacketPeer.PYTHON + ") on the same bytes, one thread each;"
                + " rates per second of the decoding thread's CPU time");
        out.printf("%-49s %5s | %10s %6s | %14s %5s | %6s %6s | %s%n", "sample", "bytes", "cm4j obj/s", "MB/s",
                "impacket obj/s", "MB/s", "ratio", "(wall)", "values");
        for (Comparison c : comparisons) {
            int size = c.sample().bytes().length;
            Rate ours = c.ours();
            Rate theirs = c.impacket();
            String impacket = theirs == null ? String.format("%14s %5s | %6s %6s", "-", "-", "-", "-")
                    : String.format("%,14.0f %5.2f | %5.0fx %5.0fx", theirs.objectsPerCpuSecond(), megabytes(theirs.objectsPerCpuSecond(), size),
                            ours.objectsPerCpuSecond() / theirs.objectsPerCpuSecond(), ours.objectsPerSecond() / theirs.objectsPerSecond());
            String values = c.impacketError() != null ? "impacket failed: " + c.impacketError()
                    : c.differences().isEmpty() ? "same (" + c.ourValues().size() + " readings)"
                    : c.differences().size() + " DIFFERENT of " + c.ourValues().size();
            out.printf("%-49s %5d | %,10.0f %6.1f | %s | %s%n", c.sample().name(), size, ours.objectsPerCpuSecond(),
                    megabytes(ours.objectsPerCpuSecond(), size), impacket, values);
        }
        out.println("MB/s = objects/s x input bytes / 10^6. impacket decodes an OBJREF as its IWbemClassObject does"
                + " (OBJREF_CUSTOM, ENCODING_UNIT, parseObject;");
        out.println("embedded objects left unparsed); it has no decoder for INSTANCE_NOCLASS parts, whose values are"
                + " compared with its reading of the same instance's OBJREF.");
        for (Comparison c : comparisons) {
            out.printf("%s: cm4j %,d decodes in %.2f s (%.2f s CPU)%s%n", c.sample().name(), ours(c).iterations(), ours(c).seconds(),
                    ours(c).cpuSeconds(), c.impacket() == null ? "" : String.format(", impacket %,d in %.2f s (%.2f s CPU)",
                            c.impacket().iterations(), c.impacket().seconds(), c.impacket().cpuSeconds()));
            c.differences().forEach(d -> out.println(c.sample().name() + ": " + d));
        }
    }

    private static Rate ours(Comparison c) {
        return c.ours();
    }

    private static double megabytes(double objectsPerSecond, int bytesPerObject) {
        return objectsPerSecond * bytesPerObject / 1e6;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
