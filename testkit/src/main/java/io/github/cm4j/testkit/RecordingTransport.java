package io.github.cm4j.testkit;

import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link WmiTransport} decorator that records every call (operation, namespace, target or WQL, method,
 * context value names, duration, outcome) into a {@link CallLog} and so counts the round trips per
 * {@link Operation}. It changes nothing: results, streams and exceptions pass through unchanged. Thread-safe
 * when the transport it wraps is.
 *
 * <p>Documenting the round trips of an operation:
 *
 * <pre>{@code
 * RecordingTransport.Provider recording = RecordingTransport.provider(sim.transportProvider());
 * try (ConfigMgr cm = ConfigMgr.builder().uri("memory:demo").provider(recording).connect()) {
 *     recording.log().reset();                       // forget what connecting did
 *     cm.query("SELECT * FROM SMS_Site").toList();
 *     assertThat(recording.log().count(Operation.QUERY)).isEqualTo(1);
 *     System.out.println(recording.log());           // one line per call
 * }
 * }</pre>
 *
 * <p>or around a transport directly: {@code RecordingTransport t = RecordingTransport.wrap(transport)}, then
 * {@link #calls()}, {@link #count(Operation)}, {@link #reset()}.
 */
public final class RecordingTransport implements WmiTransport {
    private final WmiTransport delegate;
    private final CallLog log;

    private RecordingTransport(WmiTransport delegate, CallLog log) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * @param delegate the transport to record
     * @return a recording transport with a log of its own
     */
    public static RecordingTransport wrap(WmiTransport delegate) {
        return new RecordingTransport(delegate, new CallLog());
    }

    /**
     * @param delegate the transport to record
     * @param log the log to record into (shared with other recording transports, if wanted)
     * @return a recording transport
     */
    public static RecordingTransport wrap(WmiTransport delegate, CallLog log) {
        return new RecordingTransport(delegate, log);
    }

    /**
     * A transport provider whose transports record into one log, for
     * {@code ConfigMgr.builder().provider(RecordingTransport.provider(...))}.
     *
     * @param delegate the provider that opens the real transports
     * @return the recording provider
     */
    public static Provider provider(WmiTransportProvider delegate) {
        return new Provider(delegate);
    }

    /** @return the log this transport records into */
    public CallLog log() {
        return log;
    }

    /** @return the recorded calls, in the order they started (a snapshot) */
    public List<RecordedCall> calls() {
        return log.calls();
    }

    /**
     * @param operation an operation
     * @return the number of recorded calls (round trips) of that operation
     */
    public long count(Operation operation) {
        return log.count(operation);
    }

    /** @return the number of recorded calls per operation */
    public Map<Operation, Long> counts() {
        return log.counts();
    }

    /** Forgets the recorded calls. */
    public void reset() {
        log.reset();
    }

    /** @return the transport being recorded */
    public WmiTransport delegate() {
        return delegate;
    }

    @Override
    public String defaultNamespace() {
        return delegate.defaultNamespace();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
        CallLog.Ticket ticket = log.begin();
        RecordedCall started = new RecordedCall(ticket.sequence(), Operation.QUERY, namespace, wql, null,
                keys(context), Duration.ZERO, RecordedCall.Outcome.IN_PROGRESS, null, 0);
        long start = System.nanoTime();
        Stream<WmiObject> results;
        try {
            results = delegate.query(namespace, wql, options, context);
        } catch (RuntimeException e) {
            log.record(ticket, started.withProgress(since(start), RecordedCall.Outcome.FAILED, e, 0));
            throw e;
        }
        log.record(ticket, started.withProgress(since(start), RecordedCall.Outcome.IN_PROGRESS, null, 0));
        return new RecordedEnumeration(results, ticket, started, start).stream();
    }

    @Override
    public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        return recorded(Operation.GET, namespace, String.valueOf(path), null, context,
                () -> delegate.get(namespace, path, options, context));
    }

    @Override
    public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
        return recorded(Operation.GET_CLASS, namespace, className, null, context,
                () -> delegate.getClass(namespace, className, options, context));
    }

    @Override
    public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        return recorded(Operation.PUT, namespace, describe(instance), null, context,
                () -> delegate.put(namespace, instance, mode, options, context));
    }

    @Override
    public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters,
                            CallOptions options, WmiContext context) {
        return recorded(Operation.INVOKE, namespace, String.valueOf(target), method, context,
                () -> delegate.invoke(namespace, target, method, inParameters, options, context));
    }

    @Override
    public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        recorded(Operation.DELETE, namespace, String.valueOf(path), null, context, () -> {
            delegate.delete(namespace, path, options, context);
            return null;
        });
    }

    /** Closes the transport being recorded (not recorded as a call: it is no request to the provider). */
    @Override
    public void close() {
        delegate.close();
    }

    /** @return {@code RecordingTransport[<delegate>, 4 calls: QUERY 2, GET 1, INVOKE 1]} */
    @Override
    public String toString() {
        return "RecordingTransport[" + delegate + ", " + log.summary() + "]";
    }

    private <T> T recorded(Operation operation, String namespace, String target, String method, WmiContext context,
                           Supplier<T> call) {
        CallLog.Ticket ticket = log.begin();
        long start = System.nanoTime();
        try {
            T result = call.get();
            log.record(ticket, new RecordedCall(ticket.sequence(), operation, namespace, target, method, keys(context),
                    since(start), RecordedCall.Outcome.SUCCEEDED, null, 0));
            return result;
        } catch (RuntimeException e) {
            log.record(ticket, new RecordedCall(ticket.sequence(), operation, namespace, target, method, keys(context),
                    since(start), RecordedCall.Outcome.FAILED, e, 0));
            throw e;
        }
    }

    private static List<String> keys(WmiContext context) {
        return context == null ? List.of() : context.entries().stream().map(WmiContext.Entry::name).toList();
    }

    private static String describe(WmiObject instance) {
        if (instance == null) {
            return "null";
        }
        try {
            return instance.path().toString();
        } catch (RuntimeException e) {
            // keys not set, or not valid: the provider will say what is wrong; the recorder must not
            return instance.className();
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * The stream of one recorded query: counts the objects read and records the end of the enumeration once
     * (exhausted, closed or failed). Streams are read by one thread at a time, so the counter needs no lock;
     * the end is guarded because close may come from another thread.
     */
    private final class RecordedEnumeration implements Iterator<WmiObject> {
        private final Stream<WmiObject> results;
        private final CallLog.Ticket ticket;
        private final RecordedCall started;
        private final long start;
        private final AtomicBoolean ended = new AtomicBoolean();
        private Iterator<WmiObject> source;
        private long objects;

        RecordedEnumeration(Stream<WmiObject> results, CallLog.Ticket ticket, RecordedCall started, long start) {
            this.results = results;
            this.ticket = ticket;
            this.started = started;
            this.start = start;
        }

        Stream<WmiObject> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                    .onClose(this::close);
        }

        @Override
        public boolean hasNext() {
            boolean more = read(Iterator::hasNext);
            if (!more) {
                end(RecordedCall.Outcome.SUCCEEDED, null);
            }
            return more;
        }

        @Override
        public WmiObject next() {
            WmiObject o = read(Iterator::next);
            objects++;
            return o;
        }

        /** One step of the delegate's iterator (taken at the first read); a failure ends the call as failed. */
        private <T> T read(Function<Iterator<WmiObject>, T> step) {
            try {
                if (source == null) {
                    source = results.iterator();
                }
                return step.apply(source);
            } catch (RuntimeException e) {
                end(RecordedCall.Outcome.FAILED, e);
                throw e;
            }
        }

        private void close() {
            try {
                results.close();
            } catch (RuntimeException e) {
                end(RecordedCall.Outcome.FAILED, e);
                throw e;
            }
            end(RecordedCall.Outcome.SUCCEEDED, null);
        }

        private void end(RecordedCall.Outcome outcome, RuntimeException error) {
            if (ended.compareAndSet(false, true)) {
                log.record(ticket, started.withProgress(since(start), outcome, error, objects));
            }
        }
    }

    /**
     * A {@link WmiTransportProvider} that wraps every transport it opens in a {@link RecordingTransport}
     * recording into one shared {@link #log()}. Thread-safe.
     */
    public static final class Provider implements WmiTransportProvider {
        private final WmiTransportProvider delegate;
        private final CallLog log = new CallLog();
        private final List<RecordingTransport> opened = new CopyOnWriteArrayList<>();

        private Provider(WmiTransportProvider delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        @Override
        public String scheme() {
            return delegate.scheme();
        }

        @Override
        public RecordingTransport open(TransportConfig config) {
            RecordingTransport t = new RecordingTransport(delegate.open(config), log);
            opened.add(t);
            return t;
        }

        /** @return the log every transport of this provider records into */
        public CallLog log() {
            return log;
        }

        /** @return the transports opened so far, in order */
        public List<RecordingTransport> transports() {
            return List.copyOf(opened);
        }

        /** @return {@code RecordingTransport.Provider[memory, 1 transport, 3 calls: ...]} */
        @Override
        public String toString() {
            return "RecordingTransport.Provider[" + delegate.scheme() + ", " + opened.size()
                    + (opened.size() == 1 ? " transport, " : " transports, ") + log.summary() + "]";
        }
    }
}
