package io.github.cm4j.testkit;

import io.github.cm4j.WmiException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One call made through a {@link RecordingTransport}: what was asked (operation, namespace, target, method,
 * the names of the context values), how long it took and how it ended. Immutable; the values of the
 * context are not kept (a session handle is nobody's business in a test report), only their names.
 *
 * <p>A query is one call from {@code query(...)} until its stream is exhausted, closed or fails; while the
 * caller is still reading, its {@link #outcome()} is {@link Outcome#IN_PROGRESS} and {@link #objects()}
 * counts the objects read so far.
 */
public final class RecordedCall {

    /** How a call ended. */
    public enum Outcome {
        /** A query whose results are still being read. */
        IN_PROGRESS,
        /** The call returned (for a query: its stream was exhausted or closed without an error). */
        SUCCEEDED,
        /** The call, or the enumeration of a query, threw. */
        FAILED
    }

    private final long sequence;
    private final Operation operation;
    private final String namespace;
    private final String target;
    private final String method;
    private final List<String> contextKeys;
    private final Duration duration;
    private final Outcome outcome;
    private final RuntimeException failure;
    private final long objects;

    RecordedCall(long sequence, Operation operation, String namespace, String target, String method,
                 List<String> contextKeys, Duration duration, Outcome outcome, RuntimeException failure, long objects) {
        this.sequence = sequence;
        this.operation = Objects.requireNonNull(operation, "operation");
        this.namespace = namespace;
        this.target = target;
        this.method = method;
        this.contextKeys = List.copyOf(contextKeys);
        this.duration = duration;
        this.outcome = outcome;
        this.failure = failure;
        this.objects = objects;
    }

    /** @return a copy with the state of a query enumeration at some moment */
    RecordedCall withProgress(Duration elapsed, Outcome now, RuntimeException error, long objectsRead) {
        return new RecordedCall(sequence, operation, namespace, target, method, contextKeys, elapsed, now, error,
                objectsRead);
    }

    /** @return the position of the call among the calls of its log, from 1, in the order the calls started */
    public long sequence() {
        return sequence;
    }

    /** @return the operation */
    public Operation operation() {
        return operation;
    }

    /** @return the namespace the call went to, as the caller gave it */
    public String namespace() {
        return namespace;
    }

    /**
     * What the call was applied to.
     *
     * @return the WQL of a query; the object path of a get, invoke or delete; the class name of a getClass; the
     *     path of the instance a put wrote (its class name when its keys were not set)
     */
    public String target() {
        return target;
    }

    /** @return the method name of an {@link Operation#INVOKE}, empty for the other operations */
    public Optional<String> method() {
        return Optional.ofNullable(method);
    }

    /** @return the names of the context values sent with the call, in order (the values are not recorded) */
    public List<String> contextKeys() {
        return contextKeys;
    }

    /** @return how long the call took; for a query, from the call until the end of the enumeration (so far) */
    public Duration duration() {
        return duration;
    }

    /** @return how the call ended */
    public Outcome outcome() {
        return outcome;
    }

    /** @return whether the call {@linkplain Outcome#SUCCEEDED succeeded} */
    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** @return the exception the call (or the enumeration of a query) threw, rethrown unchanged to the caller */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** @return for a query, the objects read from its stream (so far); empty for the other operations */
    public OptionalLong objects() {
        return operation == Operation.QUERY ? OptionalLong.of(objects) : OptionalLong.empty();
    }

    /**
     * @return one line, e.g. {@code #3 INVOKE root\sms\site_CAS SMS_SiteControlFile.GetSessionHandle
     *     context[LocaleID] 0.412 ms: succeeded} or {@code #1 QUERY root\sms\site_CAS "SELECT * FROM SMS_Site"
     *     3 objects 1.250 ms: succeeded}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96).append('#').append(sequence).append(' ').append(operation)
                .append(' ').append(namespace).append(' ');
        if (operation == Operation.QUERY) {
            sb.append('"').append(shorten(target)).append('"');
        } else {
            sb.append(shorten(target));
        }
        if (method != null) {
            sb.append('.').append(method);
        }
        if (!contextKeys.isEmpty()) {
            sb.append(" context").append(contextKeys);
        }
        if (operation == Operation.QUERY) {
            sb.append(' ').append(objects).append(objects == 1 ? " object" : " objects");
        }
        sb.append(String.format(Locale.ROOT, " %.3f ms: ", duration.toNanos() / 1e6));
        switch (outcome) {
            case IN_PROGRESS -> sb.append("reading");
            case SUCCEEDED -> sb.append("succeeded");
            default -> sb.append("failed: ").append(describe(failure));
        }
        return sb.toString();
    }

    private static String describe(RuntimeException e) {
        if (e == null) {
            return "?";
        }
        if (e instanceof WmiException) {
            return e.getClass().getSimpleName() + " " + ((WmiException) e).statusName();
        }
        return e.getClass().getSimpleName() + " " + shorten(String.valueOf(e.getMessage()));
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 159) + "…";
    }
}
