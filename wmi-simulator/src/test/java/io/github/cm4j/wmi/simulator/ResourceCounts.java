package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.simulator.SimulatedProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a leak would leave behind, counted before and after a scenario: live threads of cm4j (the RPC server's accept
 * and connection threads, the dcom client's ping thread: names starting {@code cm4j-}), open file descriptors of the
 * JVM (Linux {@code /proc/self/fd}: sockets included; -1 elsewhere) and open site control file sessions of the
 * simulator ({@link SimulatedProvider#openSiteControlSessions()}).
 *
 * @param threads live {@code cm4j-} threads and their names
 * @param descriptors open file descriptors, or -1 where /proc is absent
 * @param scfSessions open SCF session handles of the provider, or 0 without provider
 */
record ResourceCounts(List<String> threads, long descriptors, int scfSessions) {
    /** @return the counts now */
    static ResourceCounts now(SimulatedProvider provider) {
        List<String> threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("cm4j-")).sorted().toList();
        return new ResourceCounts(threads, openDescriptors(), provider == null ? 0 : provider.openSiteControlSessions());
    }

    private static long openDescriptors() {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (up to 10 s: closed sockets and ending threads settle asynchronously) until nothing is above this
     * baseline, then asserts it.
     */
    void assertNothingLeaked(SimulatedProvider provider) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ResourceCounts after = now(provider);
        while (!after.within(this) && System.nanoTime() < until) {
            Thread.sleep(50);
            after = now(provider);
        }
        assertThat(after.threads).as("cm4j threads after the scenario (before: %s)", threads).hasSizeLessThanOrEqualTo(threads.size());
        if (descriptors >= 0) {
            assertThat(after.descriptors).as("file descriptors (sockets included) after the scenario").isLessThanOrEqualTo(descriptors);
        }
        assertThat(after.scfSessions).as("open site control file sessions after the scenario").isLessThanOrEqualTo(scfSessions);
    }

    private boolean within(ResourceCounts baseline) {
        return threads.size() <= baseline.threads.size() && descriptors <= baseline.descriptors && scfSessions <= baseline.scfSessions;
    }
}
