package io.github.cm4j.internal;

import io.github.cm4j.TooManyResultsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Collects a stream into a list of at most a given size, for the {@code findAll}/{@code queryAll} conveniences
 * (issue 20): the stream is always closed (its enumerator released), and reading stops at the first element past
 * the maximum, so a query over a million updates fails after {@code max + 1} objects, not after all of them.
 * Stateless and thread-safe.
 */
public final class BoundedLists {
    /** The default maximum of the list conveniences. */
    public static final int DEFAULT_MAXIMUM = 10_000;
    /** The largest maximum accepted: beyond it, stream. */
    public static final int LARGEST_MAXIMUM = 1_000_000;

    private BoundedLists() {
    }

    /**
     * Checks a maximum passed by the caller, before any remote call.
     *
     * @param max the maximum
     * @return {@code max}
     * @throws IllegalArgumentException if {@code max} is not in 1..{@link #LARGEST_MAXIMUM}
     */
    public static int checkMaximum(int max) {
        if (max < 1 || max > LARGEST_MAXIMUM) {
            throw new IllegalArgumentException("maximum must be 1.." + LARGEST_MAXIMUM + ", not " + max);
        }
        return max;
    }

    /**
     * Reads the stream into an unmodifiable list, closing it.
     *
     * @param <T> the element type
     * @param stream the results
     * @param max the maximum number of elements (checked by {@link #checkMaximum})
     * @param operation the operation named in the exception
     * @param alternative the streaming method named in the exception
     * @return the elements, in order
     * @throws TooManyResultsException if the stream has more than {@code max} elements
     */
    public static <T> List<T> collect(Stream<T> stream, int max, String operation, String alternative) {
        try (stream) {
            // grow as needed: max may be large while the result is small (no allocation from a caller's number)
            List<T> out = new ArrayList<>(Math.min(max, 256));
            Iterator<T> it = stream.iterator();
            while (it.hasNext()) {
                T t = it.next();
                if (out.size() == max) {
                    throw new TooManyResultsException(operation, max, alternative);
                }
                out.add(t);
            }
            return Collections.unmodifiableList(out);
        }
    }
}
