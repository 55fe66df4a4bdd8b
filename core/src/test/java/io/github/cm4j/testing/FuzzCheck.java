package io.github.cm4j.testing;

import java.util.List;

/**
 * The contract every Jazzer fuzz target of cm4j checks: the code under test returns, or throws one of the exception
 * types its Javadoc documents as the refusal of malformed input, within {@link #MAX_MILLIS} milliseconds. Any other
 * throwable ({@code IndexOutOfBoundsException}, {@code NegativeArraySizeException}, {@code OutOfMemoryError},
 * {@code StackOverflowError}, {@code NullPointerException}, a failed invariant's {@code AssertionError}, ...) escapes
 * to Jazzer, which reports it as a finding with the input. Immutable and thread-safe.
 */
public final class FuzzCheck {
    /**
     * Longest time one input may take: far above any decoder on a shared 2-core machine (the slowest seed takes
     * milliseconds), far below a loop or a backtracking blow-up.
     */
    public static final long MAX_MILLIS = 5_000;

    private final List<Class<? extends Throwable>> refusals;

    private FuzzCheck(List<Class<? extends Throwable>> refusals) {
        this.refusals = refusals;
    }

    /**
     * @param refusals the documented refusals
     * @return a check accepting exactly these
     */
    @SafeVarargs
    public static FuzzCheck refusing(Class<? extends Throwable>... refusals) {
        return new FuzzCheck(List.of(refusals));
    }

    /** Code under test. */
    @FunctionalInterface
    public interface Body {
        /** @throws Exception anything: what is not a documented refusal is a finding */
        void run() throws Exception;
    }

    /**
     * Runs {@code body}.
     *
     * @param body the code under test
     * @return {@code true} when it returned, {@code false} when it refused the input with a documented exception
     * @throws AssertionError when it took longer than {@link #MAX_MILLIS}
     */
    public boolean run(Body body) {
        long started = System.nanoTime();
        boolean returned;
        try {
            body.run();
            returned = true;
        } catch (Throwable t) {
            if (refusals.stream().noneMatch(r -> r.isInstance(t))) {
                sneakyThrow(t);
            }
            returned = false;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > MAX_MILLIS) {
            throw new AssertionError("one input took " + millis + " ms (at most " + MAX_MILLIS + " ms)");
        }
        return returned;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public String toString() {
        return "FuzzCheck[refusing " + refusals + "]";
    }
}
