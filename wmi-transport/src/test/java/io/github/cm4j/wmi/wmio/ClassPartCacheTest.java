package io.github.cm4j.wmi.wmio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cache of decoded instance class parts: hits on equal bytes only, bounded, safe to share between threads. */
class ClassPartCacheTest {

    /** A class whose class part differs from another one's in the default of {@code Flag} only. */
    private static WmiClass component(String name, long flagDefault) {
        return WmiClass.builder(name)
                .property("SiteCode", CimType.STRING, Qualifier.flag("key"))
                .property("ItemName", CimType.STRING, Qualifier.flag("key"))
                .property(PropertyDefinition.of("Flag", CimType.UINT32).withDefault(CimValue.uint32(flagDefault)))
                .property("Names", CimType.STRING_ARRAY)
                .property("Modified", CimType.DATETIME)
                .build();
    }

    private static WmiObject instance(WmiClass cls, int n) {
        return WmiObject.builder(cls)
                .set("SiteCode", "S" + n)
                .set("ItemName", "item " + n + " \u00e9\u4e2d")
                .set("Names", List.of("a" + n, "b", "c" + n * 7))
                .set("Modified", CimValue.datetime(io.github.cm4j.cim.CimDateTime.parse("20240102030405.000000+000")))
                .decoration("SERVER" + n % 3, "root\\cimv2")
                .build();
    }

    @Test
    void instancesOfOneClassShareOneDecodedClassAndKeepTheirOwnValues() {
        ClassPartCache cache = new ClassPartCache(8, 1 << 20);
        WmiClass cls = component("Cache_Hit", 2);
        byte[] first = Wmio.encode(instance(cls, 1));
        byte[] second = Wmio.encode(instance(cls, 2));

        WmioObject a = Wmio.decode(first, 0, first.length, cache);
        WmioObject b = Wmio.decode(second, 0, second.length, cache);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(b.classPart()).as("a hit reuses the decoded class part").isSameAs(a.classPart());
        assertThat(b.wmiClass()).isSameAs(a.wmiClass());
        assertThat(a.instance()).isEqualTo(Wmio.decode(first, 0, first.length, null).instance());
        assertThat(b.instance()).isEqualTo(Wmio.decode(second, 0, second.length, null).instance());
        assertThat(b.instance().getString("SiteCode")).isEqualTo("S2");
        assertThat(b.instance().server()).contains("SERVER2");
        assertThat(Wmio.encode(b)).as("a hit re-encodes to the input").isEqualTo(second);
    }

    @Test
    void aHitAtAnotherOffsetReportsWhereItsClassPartIs() {
        ClassPartCache cache = new ClassPartCache(8, 1 << 20);
        WmiClass cls = component("Cache_Offset", 2);
        byte[] first = Wmio.encode(instance(cls, 1));
        byte[] second = Wmio.encode(instance(cls, 2));
        byte[] padded = new byte[second.length + 37];
        System.arraycopy(second, 0, padded, 37, second.length);

        Wire.ClassPart missed = Wmio.decode(first, 0, first.length, cache).block().instanceClass;
        Wire.ClassPart hit = Wmio.decode(padded, 37, second.length, cache).block().instanceClass;

        byte[] classPartBytes = Arrays.copyOfRange(first, missed.sourceStart, missed.sourceStart + missed.sourceLength);
        assertThat(Arrays.copyOfRange(padded, hit.sourceStart, hit.sourceStart + hit.sourceLength)).isEqualTo(classPartBytes);
        assertThat(hit.heapLengthField - hit.sourceStart).isEqualTo(missed.heapLengthField - missed.sourceStart);
    }

    @Test
    void classPartsDifferingInOneDefaultAreDecodedSeparately() {
        ClassPartCache cache = new ClassPartCache(8, 1 << 20);
        byte[] two = Wmio.encode(WmiObject.builder(component("Cache_Miss", 2)).set("SiteCode", "X").build());
        byte[] three = Wmio.encode(WmiObject.builder(component("Cache_Miss", 3)).set("SiteCode", "X").build());
        assertThat(two).hasSameSizeAs(three).isNotEqualTo(three);

        WmioObject a = Wmio.decode(two, 0, two.length, cache);
        WmioObject b = Wmio.decode(three, 0, three.length, cache);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(b.classPart()).isNotSameAs(a.classPart());
        assertThat(a.instance().get("Flag")).contains(CimValue.uint32(2));
        assertThat(b.instance().get("Flag")).contains(CimValue.uint32(3));
    }

    @Test
    void theCacheKeepsACopySoACallerMayReuseItsBuffer() {
        ClassPartCache cache = new ClassPartCache(8, 1 << 20);
        byte[] buffer = Wmio.encode(WmiObject.builder(component("Cache_Copy", 2)).build());
        byte[] three = Wmio.encode(WmiObject.builder(component("Cache_Copy", 3)).build());
        Wmio.decode(buffer, 0, buffer.length, cache);

        System.arraycopy(three, 0, buffer, 0, three.length); // the caller reads the next object into the same array

        assertThat(Wmio.decode(buffer, 0, buffer.length, cache).instance().get("Flag")).contains(CimValue.uint32(3));
    }

    @Test
    void holdsAtMostItsBoundOfEntriesOldestGoingFirst() {
        ClassPartCache cache = new ClassPartCache(2, 1 << 20);
        List<WmioClassPart> parts = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] b = Wmio.encode(WmiObject.builder(component("Cache_Bound" + i, i)).build());
            encoded.add(b);
            parts.add(Wmio.decode(b, 0, b.length, cache).classPart());
            assertThat(cache.size()).isLessThanOrEqualTo(2);
        }
        assertThat(cache.size()).isEqualTo(2);
        byte[] newest = encoded.get(4);
        byte[] oldest = encoded.get(0);
        assertThat(Wmio.decode(newest, 0, newest.length, cache).classPart()).isSameAs(parts.get(4));
        assertThat(Wmio.decode(oldest, 0, oldest.length, cache).classPart()).as("evicted: decoded anew")
                .isNotSameAs(parts.get(0));
    }

    @Test
    void holdsAtMostItsBoundOfBytesAndSkipsPartsTooLargeForIt() {
        byte[] sample = Wmio.encode(WmiObject.builder(component("Cache_Bytes0", 0)).build());
        int classPartLength = Wmio.decode(sample, 0, sample.length, null).block().instanceClass.sourceLength;

        ClassPartCache cache = new ClassPartCache(100, 4L * classPartLength + 20);
        for (int i = 0; i < 10; i++) {
            byte[] b = Wmio.encode(WmiObject.builder(component("Cache_Bytes" + i, i)).build());
            Wmio.decode(b, 0, b.length, cache);
            assertThat(cache.bytes()).isLessThanOrEqualTo(4L * classPartLength + 20);
        }
        assertThat(cache.size()).isBetween(1, 4);

        ClassPartCache tiny = new ClassPartCache(100, 4L * classPartLength - 4);
        Wmio.decode(sample, 0, sample.length, tiny);
        assertThat(tiny.size()).as("a part above a quarter of the byte bound is not kept").isZero();
    }

    @Test
    void concurrentDecodesThroughASmallCacheAgreeWithDecodingWithoutOne() throws Exception {
        ClassPartCache cache = new ClassPartCache(3, 1 << 20); // fewer entries than classes: constant eviction
        List<byte[]> inputs = new ArrayList<>();
        List<WmiObject> expected = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            WmiClass cls = component("Cache_Concurrent" + c, c);
            for (int n = 0; n < 20; n++) {
                byte[] b = Wmio.encode(instance(cls, n));
                inputs.add(b);
                expected.add(Wmio.decode(b, 0, b.length, null).instance());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 50; round++) {
                        for (int k = 0; k < inputs.size(); k++) {
                            int i = (k * 7 + seed * 13 + round) % inputs.size();
                            byte[] b = inputs.get(i);
                            WmioObject o = Wmio.decode(b, 0, b.length, cache);
                            if (!o.instance().equals(expected.get(i)) || !Arrays.equals(Wmio.encode(o), b)) {
                                throw new AssertionError("input " + i + " decoded to " + o.instance());
                            }
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(4 * 50 * inputs.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
}
