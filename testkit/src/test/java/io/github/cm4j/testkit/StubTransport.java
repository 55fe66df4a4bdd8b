package io.github.cm4j.testkit;

import io.github.cm4j.ConnectionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A transport that answers from nothing: queries give {@code rows} numbered rows (failing after
 * {@code breakAfter} rows when set), gets fail with WBEM_E_NOT_FOUND for key 0, everything else succeeds.
 * It counts closes of query streams and of itself.
 */
final class StubTransport implements WmiTransport {
    final AtomicInteger streamsClosed = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    volatile int rows = 5;
    volatile int breakAfter = -1;

    static final WmiClass ROW = WmiClass.builder("Stub_Row").property("Id", CimType.UINT32, Qualifier.flag("key")).build();

    static WmiObject row(long id) {
        return WmiObject.builder(ROW).set("Id", id).build();
    }

    @Override
    public String defaultNamespace() {
        return "root\\stub";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CONTEXT);
    }

    @Override
    public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
        if (wql.startsWith("BAD")) {
            throw WmiException.of(WbemStatus.WBEM_E_INVALID_QUERY, "ExecQuery", wql);
        }
        int n = rows;
        int broken = breakAfter;
        return IntStream.range(0, n).mapToObj(i -> {
            if (broken >= 0 && i >= broken) {
                throw new ConnectionException("lost after " + broken, "stub", null);
            }
            return row(i);
        }).onClose(streamsClosed::incrementAndGet);
    }

    @Override
    public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        if (path.key("Id").map(k -> k.toString().equals("0")).orElse(false)) {
            throw WmiException.of(WbemStatus.WBEM_E_NOT_FOUND, "GetObject", path.toString());
        }
        return row(1);
    }

    @Override
    public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
        return WmiClass.builder(className).build();
    }

    @Override
    public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        return ObjectPath.parse("Stub_Row.Id=1");
    }

    @Override
    public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters,
                            CallOptions options, WmiContext context) {
        return WmiObject.builder("__PARAMETERS").set("ReturnValue", CimValue.sint32(0)).build();
    }

    @Override
    public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    @Override
    public String toString() {
        return "StubTransport";
    }
}
