package io.github.cm4j.wmi.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.wmi.WireFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a seeded mutation fuzz over a corpus of valid messages and their decoders (plain JUnit, no agent): every
 * mutant must either decode or fail with a {@link WireFormatException} (or another exception type the caller
 * documents, e.g. a refused authentication); anything else — {@code IndexOutOfBoundsException},
 * {@code NegativeArraySizeException}, {@code OutOfMemoryError}, {@code StackOverflowError}, a
 * {@code NullPointerException} — and any input that takes longer than {@link #MAX_MILLIS_PER_INPUT} fails the test,
 * naming the seed, the iteration and the input (also written to {@code target/fuzz-failure-<name>.bin}).
 *
 * <p>{@code -Dcm4j.fuzz.iterations=N} sets the mutants per corpus entry (the CI default is small);
 * {@code -Dcm4j.fuzz.seed=S} changes the seed.
 */
public final class DecoderFuzzer {
    /** The seed of every fuzz run ({@code -Dcm4j.fuzz.seed}). */
    public static final long SEED = Long.getLong("cm4j.fuzz.seed", 0x5EED_F022L);
    /** A generous bound per input on a shared 2-core machine: a decoder that loops or backtracks is far above it. */
    public static final long MAX_MILLIS_PER_INPUT = 2_000;

    private final String name;
    private final List<Entry> corpus = new ArrayList<>();
    private final List<Class<? extends Throwable>> allowed = new ArrayList<>(List.of(WireFormatException.class));

    /** One valid message and the decoder to run on its mutants. */
    private record Entry(String name, byte[] valid, int keep, Consumer<byte[]> decode) {
    }

    /** The outcome of a run, per corpus entry: how many mutants decoded and how many were refused. */
    public record Outcome(Map<String, int[]> perEntry) {
        /** @return mutants that decoded, over all entries */
        public int decoded() {
            return perEntry.values().stream().mapToInt(c -> c[0]).sum();
        }

        /** @return mutants refused with an allowed exception, over all entries */
        public int refused() {
            return perEntry.values().stream().mapToInt(c -> c[1]).sum();
        }
    }

    /** @param name names the run in failures and in the failure file */
    public DecoderFuzzer(String name) {
        this.name = name;
    }

    /** @return the mutants per corpus entry: {@code -Dcm4j.fuzz.iterations}, else {@code ciDefault} */
    public static int iterations(int ciDefault) {
        return Integer.getInteger("cm4j.fuzz.iterations", ciDefault);
    }

    /** Also accepts {@code type} (a documented, typed refusal that is not a wire format error). */
    public DecoderFuzzer allow(Class<? extends Throwable> type) {
        allowed.add(type);
        return this;
    }

    /**
     * @param entry names the message
     * @param valid a valid encoding, which must decode
     * @param decode the decoder (its result is ignored: a decoder that returns is fine)
     */
    public DecoderFuzzer add(String entry, byte[] valid, Consumer<byte[]> decode) {
        return add(entry, valid, 0, decode);
    }

    /** As {@link #add(String, byte[], Consumer)}, leaving the first {@code keep} bytes unmutated. */
    public DecoderFuzzer add(String entry, byte[] valid, int keep, Consumer<byte[]> decode) {
        decode.accept(valid); // the corpus must be valid, or the fuzzer only tests the first check
        corpus.add(new Entry(entry, valid, keep, decode));
        return this;
    }

    /**
     * Runs {@code iterations} mutants of every entry, then every truncation of every entry.
     *
     * @return what decoded and what was refused
     * @throws AssertionError on the first mutant that escapes with another throwable or takes too long
     */
    public Outcome run(int iterations) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(SEED);
        for (Entry e : corpus) {
            int[] c = counts.computeIfAbsent(e.name, k -> new int[2]);
            for (int n = 0; n < e.valid.length; n++) {
                c[once(e, java.util.Arrays.copyOf(e.valid, n), -n - 1) ? 0 : 1]++;
            }
            for (int i = 0; i < iterations; i++) {
                c[once(e, Mutator.mutate(e.valid, random, e.keep), i) ? 0 : 1]++;
            }
        }
        Outcome o = new Outcome(counts);
        System.out.printf("fuzz %s: %d messages, %d inputs (%d decoded, %d refused), seed 0x%x%n", name, corpus.size(),
                o.decoded() + o.refused(), o.decoded(), o.refused(), SEED);
        return o;
    }

    private boolean once(Entry e, byte[] input, int iteration) {
        long started = System.nanoTime();
        boolean decoded;
        try {
            e.decode.accept(input);
            decoded = true;
        } catch (Throwable t) {
            if (allowed.stream().noneMatch(a -> a.isInstance(t))) {
                throw failure(e, input, iteration, "threw " + t, t);
            }
            decoded = false;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > MAX_MILLIS_PER_INPUT) {
            throw failure(e, input, iteration, "took " + millis + " ms", null);
        }
        return decoded;
    }

    private AssertionError failure(Entry e, byte[] input, int iteration, String what, Throwable cause) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "fuzz-failure-" + name + ".bin"), input);
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        String which = iteration < 0 ? "truncation to " + (-iteration - 1) + " bytes" : "mutant " + iteration;
        return new AssertionError(name + "/" + e.name + ": " + which + " (seed 0x" + Long.toHexString(SEED) + ") " + what
                + "; input " + HexFormat.of().formatHex(input), cause);
    }

    /** Asserts that the run reached past the first checks: some mutants decode, some are refused. */
    public static void assertReachedBothOutcomes(Outcome o) {
        assertThat(o.decoded()).as("mutants that decoded").isPositive();
        assertThat(o.refused()).as("mutants refused").isPositive();
    }
}
