package io.github.cm4j.wmi.wmio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.testing.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer for the decoder (plain JUnit, bounded iterations, deterministic): mutated encodings
 * never cause anything but {@link WmioFormatException}; whatever decodes re-encodes and decodes to the same
 * object. The corpus is our own encodings of SMS classes and instances plus, where present, the reference
 * captures. Raise {@code -Dcm4j.fuzz.iterations} for a longer run; a failure prints the seed and the input.
 */
class WmioFuzzTest {
    private static final long SEED = Long.getLong("cm4j.fuzz.seed", 0x5EED_CAFEL);
    private static final int ITERATIONS = Integer.getInteger("cm4j.fuzz.iterations", 30_000);
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 8, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x7FFFFFFF, 0x80000000,
        0xFFFFFFFF, 0x8000000A, 0x80000001, 0x2000, 0x4000};

    static List<byte[]> corpus() throws IOException {
        List<byte[]> corpus = new ArrayList<>();
        Schema schema = Schema.builtIn();
        corpus.add(Wmio.encode(WmioTestObjects.sciComponent(schema, 3)));
        corpus.add(Wmio.encode(WmioTestObjects.softwareUpdate(schema.classNamed("SMS_SoftwareUpdate"), 1)));
        WmiClass su = schema.classNamed("SMS_SoftwareUpdate");
        corpus.add(Wmio.encode(su, "CM01", "root\\sms\\site_ABC"));
        corpus.add(Wmio.encode(schema.classNamed("SMS_SiteControlFile")));
        Path dir = ReferenceData.root().resolve("wmio");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".encoding_unit.bin"))::iterator) {
                    byte[] b = Files.readAllBytes(f);
                    if (b.length < 4096) {
                        corpus.add(b);
                    }
                }
            }
        }
        return corpus;
    }

    @Test
    void mutatedEncodingsOnlyEverFailWithWmioFormatException() throws IOException {
        List<byte[]> corpus = corpus();
        SplittableRandom random = new SplittableRandom(SEED);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), random);
            try {
                WmioObject o = Wmio.decode(input);
                decoded++;
                WmioObject again = Wmio.decode(Wmio.encode(o));
                assertThat(again.wmiClass()).isEqualTo(o.wmiClass());
                assertThat(again.asInstance()).isEqualTo(o.asInstance());
            } catch (WmioFormatException expected) {
                rejected++;
            } catch (Throwable t) {
                Files.write(Path.of("target", "wmio-fuzz-failure.bin"), input);
                fail("iteration " + i + " (seed " + SEED + ") threw " + t + " for input " + HexFormat.of().formatHex(input), t);
            }
        }
        // the fuzzer must reach past the first checks: a share of mutants still decode
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    static byte[] mutate(byte[] original, SplittableRandom r) {
        byte[] b = original.clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations && b.length > 8; m++) {
            int at = 8 + r.nextInt(b.length - 8); // keep the signature and outer length mostly, to get deeper
            switch (r.nextInt(8)) {
                case 0:
                    b[at] ^= (byte) (1 << r.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) r.nextInt(256);
                    break;
                case 2:
                case 3:
                    if (at + 4 <= b.length) {
                        put32(b, at, INTERESTING[r.nextInt(INTERESTING.length)]);
                    }
                    break;
                case 4:
                    if (at + 4 <= b.length) {
                        put32(b, at, r.nextInt(b.length + 16)); // a plausible length or heap reference
                    }
                    break;
                case 5: {
                    int n = r.nextInt(Math.max(1, b.length - at));
                    byte[] cut = new byte[b.length - n];
                    System.arraycopy(b, 0, cut, 0, at);
                    System.arraycopy(b, at + n, cut, at, b.length - at - n);
                    b = cut;
                    break;
                }
                case 6: {
                    int n = 1 + r.nextInt(16);
                    byte[] grown = new byte[b.length + n];
                    System.arraycopy(b, 0, grown, 0, at);
                    System.arraycopy(b, at, grown, at + n, b.length - at);
                    b = grown;
                    break;
                }
                default:
                    if (r.nextBoolean() && b.length >= 8) {
                        put32(b, 4, b.length - 8); // keep the outer length consistent after size changes
                    } else if (b.length >= 8) {
                        put32(b, 4, r.nextInt(b.length));
                    }
            }
        }
        return b;
    }

    private static void put32(byte[] b, int off, int v) {
        WmioGoldenTest.ByteBufferLe.put32(b, off, v);
    }
}
