package io.github.cm4j.testkit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The calls recorded by one or more {@link RecordingTransport}s, in the order they started. Thread-safe:
 * any number of threads may record and read at once; readers get snapshots.
 *
 * <p>{@link #reset()} forgets everything recorded so far, calls still running included (a query being read
 * across a reset does not reappear when it ends), so a test can reset after its set-up and count only what
 * the code under test did.
 */
public final class CallLog {
    private final ConcurrentSkipListMap<Long, RecordedCall> calls = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Incremented by reset; a call records itself only into the generation it started in. */
    private final AtomicLong generation = new AtomicLong();

    /** Creates an empty log. */
    public CallLog() {
    }

    /** @return every recorded call, in the order the calls started (a snapshot) */
    public List<RecordedCall> calls() {
        return List.copyOf(calls.values());
    }

    /**
     * @param operation an operation
     * @return the recorded calls of that operation, in order (a snapshot)
     */
    public List<RecordedCall> calls(Operation operation) {
        return calls.values().stream().filter(c -> c.operation() == operation).toList();
    }

    /**
     * The number of round trips of one operation: each recorded call is one request to the provider (a query's
     * batch fetches are not counted separately; see {@link RecordedCall#objects()}).
     *
     * @param operation an operation
     * @return how many calls of it were recorded
     */
    public long count(Operation operation) {
        return calls.values().stream().filter(c -> c.operation() == operation).count();
    }

    /** @return the number of recorded calls per operation, every operation present (0 when not called) */
    public Map<Operation, Long> counts() {
        Map<Operation, Long> counts = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            counts.put(op, 0L);
        }
        calls.values().forEach(c -> counts.merge(c.operation(), 1L, Long::sum));
        return counts;
    }

    /** @return the total number of recorded calls */
    public int size() {
        return calls.size();
    }

    /** Forgets every recorded call, and the calls in progress. */
    public void reset() {
        generation.incrementAndGet();
        calls.clear();
    }

    /** A call that has started: its sequence number and the generation of the log it belongs to. */
    record Ticket(long sequence, long generation) {
    }

    /** @return the ticket of a call that starts now */
    Ticket begin() {
        return new Ticket(sequence.incrementAndGet(), generation.get());
    }

    /** Records (or updates) a call, unless the log was reset since the call began. */
    void record(Ticket ticket, RecordedCall call) {
        if (generation.get() == ticket.generation()) {
            calls.put(ticket.sequence(), call);
            if (generation.get() != ticket.generation()) {
                calls.remove(ticket.sequence()); // a reset raced with this write
            }
        }
    }

    /** @return the counts on one line, e.g. {@code 4 calls: QUERY 2, GET 1, INVOKE 1} */
    public String summary() {
        Map<Operation, Long> counts = counts();
        String perOperation = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        int n = size();
        return n + (n == 1 ? " call" : " calls") + (perOperation.isEmpty() ? "" : ": " + perOperation);
    }

    /** @return the {@link #summary()} followed by one line per call */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary());
        calls.values().forEach(c -> sb.append(System.lineSeparator()).append("  ").append(c));
        return sb.toString();
    }
}
