package io.github.cm4j.recording;

import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A transport that passes every call to another and writes the call, its answer (or error) and its duration to a
 * {@link RecordingWriter}. Query rows are written as the caller consumes them, so a recording holds what the client
 * saw, batch by batch, and memory stays bounded. Adds no behaviour: answers and exceptions are the wrapped transport's.
 * Thread-safe as the wrapped transport is; closing it closes the wrapped transport and the recording.
 */
final class RecordingTransport implements WmiTransport {
    private final WmiTransport delegate;
    private final RecordingWriter writer;

    RecordingTransport(WmiTransport delegate, RecordingWriter writer) {
        this.delegate = delegate;
        this.writer = writer;
    }

    @Override
    public String defaultNamespace() {
        return delegate.defaultNamespace();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    private static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
        long seq = writer.nextCall();
        writer.call(seq, "query", namespace, fields("wql", wql, "batch", Integer.toString(options.batchSize())), context, null);
        long t0 = System.nanoTime();
        Stream<WmiObject> rows;
        try {
            rows = delegate.query(namespace, wql, options, context);
        } catch (RuntimeException e) {
            writer.error(seq, System.nanoTime() - t0, e);
            throw e;
        }
        Iterator<WmiObject> it = rows.iterator();
        AtomicBoolean ended = new AtomicBoolean();
        long[] count = new long[1];
        Spliterator<WmiObject> recorded = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super WmiObject> action) {
                if (ended.get()) {
                    return false;
                }
                WmiObject o;
                try {
                    if (!it.hasNext()) {
                        if (ended.compareAndSet(false, true)) {
                            writer.end(seq, System.nanoTime() - t0, count[0], true);
                        }
                        return false;
                    }
                    o = it.next();
                } catch (RuntimeException e) {
                    if (ended.compareAndSet(false, true)) {
                        writer.error(seq, System.nanoTime() - t0, e);
                    }
                    throw e;
                }
                count[0]++;
                writer.row(seq, o);
                action.accept(o);
                return true;
            }
        };
        return StreamSupport.stream(recorded, false).onClose(() -> {
            if (ended.compareAndSet(false, true)) {
                writer.end(seq, System.nanoTime() - t0, count[0], false);
            }
            rows.close();
        });
    }

    private <T> T timed(long seq, Supplier<T> call, Consumer<T> onResult) {
        long t0 = System.nanoTime();
        T r;
        try {
            r = call.get();
        } catch (RuntimeException e) {
            writer.error(seq, System.nanoTime() - t0, e);
            throw e;
        }
        onResult.accept(r);
        return r;
    }

    @Override
    public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        long seq = writer.nextCall();
        writer.call(seq, "get", namespace, fields("path", path.toString()), context, null);
        long t0 = System.nanoTime();
        return timed(seq, () -> delegate.get(namespace, path, options, context),
                r -> writer.result(seq, System.nanoTime() - t0, r, null, null));
    }

    @Override
    public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
        long seq = writer.nextCall();
        writer.call(seq, "getClass", namespace, fields("class", className), context, null);
        long t0 = System.nanoTime();
        return timed(seq, () -> delegate.getClass(namespace, className, options, context),
                r -> writer.result(seq, System.nanoTime() - t0, null, r, null));
    }

    @Override
    public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        long seq = writer.nextCall();
        writer.call(seq, "put", namespace, fields("path", ReplayTransport.putTarget(instance), "mode", mode.name()), context, instance);
        long t0 = System.nanoTime();
        return timed(seq, () -> delegate.put(namespace, instance, mode, options, context),
                r -> writer.result(seq, System.nanoTime() - t0, null, null, r.toString()));
    }

    @Override
    public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters, CallOptions options,
                            WmiContext context) {
        long seq = writer.nextCall();
        writer.call(seq, "invoke", namespace, fields("target", target.toString(), "method", method), context, inParameters);
        long t0 = System.nanoTime();
        return timed(seq, () -> delegate.invoke(namespace, target, method, inParameters, options, context),
                r -> writer.result(seq, System.nanoTime() - t0, r, null, null));
    }

    @Override
    public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        long seq = writer.nextCall();
        writer.call(seq, "delete", namespace, fields("path", path.toString()), context, null);
        long t0 = System.nanoTime();
        timed(seq, () -> {
            delegate.delete(namespace, path, options, context);
            return Boolean.TRUE;
        }, r -> writer.result(seq, System.nanoTime() - t0, null, null, null));
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            writer.close();
        }
    }

    @Override
    public String toString() {
        return "RecordingTransport[" + delegate + ", " + writer + "]";
    }
}
