package io.github.cm4j.simulator;

import io.github.cm4j.ConnectionException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A connection to a {@link SimulatedProvider}. Every call resolves its namespace to a site ({@code
 * WBEM_E_INVALID_NAMESPACE} otherwise; queries and class reads of {@code root\cimv2} reach the site server's
 * {@link HostNamespace}), runs in the simulator and reports WBEM errors as
 * {@link io.github.cm4j.WmiException}s naming operation, target and the site server. Thread-safe.
 */
final class MemoryTransport implements WmiTransport {
    private final SimulatedProvider sim;
    private final SimulatedSite defaultSite;
    private final String description;
    private volatile boolean closed;
    private final AtomicInteger openEnumerations = new AtomicInteger();
    private final LongAdder objectsSent = new LongAdder();

    MemoryTransport(SimulatedProvider sim, SimulatedSite defaultSite, String description) {
        this.sim = sim;
        this.defaultSite = defaultSite;
        this.description = description;
    }

    @Override
    public String defaultNamespace() {
        return defaultSite.namespace();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CONTEXT, Capability.CLASS_DEFINITIONS, Capability.PARTIAL_PUT);
    }

    @Override
    public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
        Objects.requireNonNull(wql, "wql");
        Stream<WmiObject> results = HostNamespace.is(namespace)
                ? call("ExecQuery", wql, defaultSite.namespace(), options.timeout(), site -> HostNamespace.query(sim, site, wql))
                : call("ExecQuery", wql, namespace, options.timeout(),
                        site -> sim.query(site, wql, options.batchSize(), context, objectsSent::add));
        openEnumerations.incrementAndGet();
        return new Enumeration(results, wql).stream();
    }

    /** @return the query streams of this transport neither exhausted, failed nor closed (the contract tests' probe) */
    int openEnumerations() {
        return openEnumerations.get();
    }

    /** @return the objects this transport's enumerations have taken from the simulator, in batches */
    long objectsSent() {
        return objectsSent.sum();
    }

    /**
     * The results of one query as an enumerator: released (counted as closed) once, when exhausted, closed or
     * broken; breaks the connection after {@link Faults#dropAfter()} objects when that fault is injected.
     */
    private final class Enumeration implements Iterator<WmiObject> {
        private final Stream<WmiObject> results;
        private final String wql;
        private final AtomicBoolean released = new AtomicBoolean();
        private final int drop = sim.faults.dropAfter();
        private Iterator<WmiObject> it;
        private int delivered;

        Enumeration(Stream<WmiObject> results, String wql) {
            this.results = results;
            this.wql = wql;
        }

        Stream<WmiObject> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                    .onClose(() -> {
                        release();
                        results.close();
                    });
        }

        @Override
        public boolean hasNext() {
            if (released.get()) {
                return false;
            }
            if (it == null) {
                it = results.iterator();
            }
            boolean more;
            try {
                more = it.hasNext();
            } catch (RuntimeException e) {
                release();
                throw e;
            }
            if (more && drop > 0 && delivered >= drop) {
                release();
                throw new ConnectionException("IEnumWbemClassObject::Next for " + wql + " failed: the connection to "
                        + description + " was lost after " + delivered + " objects (injected fault)",
                        defaultSite.serverName(), null);
            }
            if (!more) {
                release();
            }
            return more;
        }

        @Override
        public WmiObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            delivered++;
            return it.next();
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                openEnumerations.decrementAndGet();
            }
        }
    }

    @Override
    public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        return call("GetObject", path.toString(), namespace, options.timeout(), site -> sim.get(site, path, context));
    }

    @Override
    public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
        if (HostNamespace.is(namespace)) {
            return call("GetObject", className, defaultSite.namespace(), options.timeout(), site -> HostNamespace.classNamed(className));
        }
        return call("GetObject", className, namespace, options.timeout(), site -> sim.getClass(className));
    }

    @Override
    public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        return call("PutInstance", instance.className(), namespace, options.timeout(),
                site -> sim.put(site, instance, mode, context));
    }

    @Override
    public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters,
                            CallOptions options, WmiContext context) {
        return call("ExecMethod", method, target + "." + method, namespace, options.timeout(),
                site -> sim.invoke(site, target, method, inParameters, context));
    }

    @Override
    public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        call("DeleteInstance", path.toString(), namespace, options.timeout(), site -> {
            sim.delete(site, path, context);
            return null;
        });
    }

    private <T> T call(String operation, String target, String namespace, java.time.Duration deadline,
                       java.util.function.Function<SimulatedSite, T> body) {
        return call(operation, null, target, namespace, deadline, body);
    }

    private <T> T call(String operation, String method, String target, String namespace, java.time.Duration deadline,
                       java.util.function.Function<SimulatedSite, T> body) {
        if (closed) {
            throw new ConnectionException(operation + " " + target + " failed: the connection to " + description
                    + " is closed", defaultSite.serverName(), null);
        }
        Faults faults = sim.faults;
        if (!faults.isNone()) {
            java.time.Duration wait = faults.nextLatency();
            if (wait.compareTo(deadline) > 0) {
                sleep(deadline);
                throw new io.github.cm4j.CallTimeoutException(operation + " " + target, deadline, defaultSite.serverName(), null);
            }
            sleep(wait);
            io.github.cm4j.WbemStatus failure = faults.nextFailure(operation, method);
            if (failure != null) {
                throw new SimulatedFault(failure, "injected fault").toWmiException(operation, target, defaultSite.serverName());
            }
        }
        SimulatedSite site;
        try {
            site = sim.siteOfNamespace(namespace);
        } catch (SimulatedFault f) {
            throw f.toWmiException(operation, namespace, defaultSite.serverName());
        }
        try {
            sim.sync.tick();
            return body.apply(site);
        } catch (SimulatedFault f) {
            throw f.toWmiException(operation, target, site.serverName());
        }
    }

    private static void sleep(java.time.Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("the call was interrupted", null, e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + description + ", " + defaultSite.namespace() + "]";
    }

}
