package io.github.cm4j.wmi.transport;

import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.StdObjRef;
import io.github.cm4j.wmi.transport.DcomErrors.Op;
import io.github.cm4j.wmi.wbem.IEnumWbemClassObject;
import io.github.cm4j.wmi.wbem.IWbemCallResult;
import io.github.cm4j.wmi.wbem.IWbemFetchSmartEnum;
import io.github.cm4j.wmi.wbem.IWbemServices;
import io.github.cm4j.wmi.wbem.IWbemWcoSmartEnum;
import io.github.cm4j.wmi.wbem.WbemClassObjects;
import io.github.cm4j.wmi.wbem.WbemObjectArray;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@code dcom://} transport: MS-WMI over DCOM (IWbemServices of each namespace, MS-WMI 3.1.4.3) on a
 * {@link DcomConnection}. Queries are semisynchronous (WBEM_FLAG_FORWARD_ONLY | WBEM_FLAG_RETURN_IMMEDIATELY) and
 * read in batches through IEnumWbemClassObject::Next, or through the smart enumerator (IWbemFetchSmartEnum →
 * IWbemWCOSmartEnum::Next, classes sent once) when the URI asks for {@code smartenum=true}; the enumerators are
 * released when the stream is read to the end, fails or is closed. Class definitions are cached per transport and
 * namespace. Every call carries the {@link WmiContext} as an IWbemContext when it is not empty.
 *
 * <p>Thread-safe: calls share a pool of RPC connections to the exporter (one call per connection at a time). A
 * returned stream is read by one thread at a time, as any stream.
 */
final class DcomTransport implements WmiTransport {
    /** WBEM_S_FALSE: the enumeration has ended (MS-WMI 2.2.11). */
    private static final int WBEM_S_FALSE = 1;
    /** WBEM_S_TIMEDOUT: nothing yet within lTimeout; ask again (MS-WMI 2.2.11). */
    private static final int WBEM_S_TIMEDOUT = 0x40004;

    private final DcomSettings settings;
    private final DcomConnection connection;
    private final Map<String, WmiClass> classes = new ConcurrentHashMap<>();

    DcomTransport(DcomSettings settings, DcomConnection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    @Override
    public String defaultNamespace() {
        return settings.namespace();
    }

    @Override
    public Set<Capability> capabilities() {
        // PARTIAL_PUT: PutInstance carries the partial-instance context (__PUT_EXTENSIONS, __PUT_EXT_PROPERTIES) in its
        // IWbemContext (MS-WMI 2.2.13) and defaulted properties travel as such (MS-WMIO 2.2.26 NdTable bit 1).
        return Collections.unmodifiableSet(EnumSet.of(Capability.CONTEXT, Capability.CLASS_DEFINITIONS, Capability.REMOTE,
                Capability.PARTIAL_PUT));
    }

    @Override
    public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
        Op op = new Op("ExecQuery", wql);
        Deadline deadline = Deadline.in(options.timeout());
        UUID services = connection.services(namespace, deadline, op);
        InterfacePointerResponse r = connection.orpc(IWbemServices.ExecQueryRequest.wql(DcomConnection.orpcThis(), wql, wire(context)),
                services, deadline, op, false, IWbemServices::decodeEnumResponse);
        StdObjRef enumerator = DcomConnection.standard(r.value(), op, settings.host()).std();
        connection.hold(enumerator);
        Batches batches = settings.smartEnum()
                ? smartEnumeration(enumerator, options, op, deadline)
                : new NextBatches(enumerator.ipid(), options);
        Enumeration e = new Enumeration(batches, options, op);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(e, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(e::release);
    }

    /** Falls back to IEnumWbemClassObject::Next when the enumerator does not offer IWbemFetchSmartEnum. */
    private Batches smartEnumeration(StdObjRef enumerator, QueryOptions options, Op op, Deadline deadline) {
        Op qi = new Op("ExecQuery (IRemUnknown::RemQueryInterface IWbemFetchSmartEnum)", op.target());
        try {
            var fetch = connection.queryInterface(enumerator.ipid(), IWbemFetchSmartEnum.IID, deadline, qi);
            if (fetch.isEmpty()) {
                return new NextBatches(enumerator.ipid(), options);
            }
            Op get = new Op("ExecQuery (IWbemFetchSmartEnum::GetSmartEnum)", op.target());
            List<UUID> extra = new ArrayList<>(List.of(fetch.get().ipid()));
            try {
                InterfacePointerResponse r = connection.orpc(IWbemFetchSmartEnum.getSmartEnum(DcomConnection.orpcThis()), fetch.get().ipid(),
                        deadline, get, false, IWbemFetchSmartEnum::decodeResponse);
                ObjRefStandard smart = DcomConnection.standard(r.value(), get, settings.host());
                connection.hold(smart.std());
                extra.add(smart.std().ipid());
                return new SmartBatches(enumerator.ipid(), smart.std().ipid(), extra, options);
            } catch (RuntimeException e) {
                connection.release(extra, settings.callTimeout());
                throw e;
            }
        } catch (RuntimeException e) {
            connection.release(List.of(enumerator.ipid()), settings.callTimeout());
            throw e;
        }
    }

    /** One enumeration's way of fetching: a batch per call, and the interfaces to release at the end. */
    private interface Batches {
        /**
         * @return the next objects; an empty list with {@link #ended()} false means "nothing yet, ask again"
         */
        List<WmiObject> next(Deadline deadline, Op op);

        boolean ended();

        List<UUID> interfaces();
    }

    /** @return the URI's {@code batch=N} when it gave one, else the query's batch size */
    private int batchOf(QueryOptions options) {
        return settings.batchInUri() ? settings.batchSize() : options.batchSize();
    }

    /** IEnumWbemClassObject::Next (MS-WMI 3.1.4.4.2): every object an OBJREF_CUSTOM with its class. */
    private final class NextBatches implements Batches {
        private final UUID ipid;
        private final int batch;
        private boolean ended;

        NextBatches(UUID ipid, QueryOptions options) {
            this.ipid = ipid;
            this.batch = batchOf(options);
        }

        @Override
        public List<WmiObject> next(Deadline deadline, Op op) {
            // lTimeout WBEM_INFINITE, as impacket: the RPC deadline bounds the wait
            IEnumWbemClassObject.NextResponse r = connection.orpc(IEnumWbemClassObject.CountRequest.next(DcomConnection.orpcThis(),
                    IEnumWbemClassObject.WBEM_INFINITE, batch), ipid, deadline, op, false, IEnumWbemClassObject.NextResponse::decode);
            ended = r.status() == WBEM_S_FALSE;
            return instances(r.decodeObjects(), op);
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public List<UUID> interfaces() {
            return List.of(ipid);
        }
    }

    /** IWbemWCOSmartEnum::Next (MS-WMI 3.1.4.7.1): an ObjectArray, each class sent once per enumeration. */
    private final class SmartBatches implements Batches {
        private final List<UUID> interfaces;
        private final UUID smart;
        private final UUID proxy = UUID.randomUUID();
        private final WbemObjectArray.ClassCache cache = new WbemObjectArray.ClassCache();
        private final int batch;
        private boolean ended;

        SmartBatches(UUID enumerator, UUID smart, List<UUID> extra, QueryOptions options) {
            List<UUID> all = new ArrayList<>(extra);
            all.add(0, enumerator);
            this.interfaces = List.copyOf(all);
            this.smart = smart;
            this.batch = batchOf(options);
        }

        @Override
        public List<WmiObject> next(Deadline deadline, Op op) {
            IWbemWcoSmartEnum.NextResponse r = connection.orpc(new IWbemWcoSmartEnum.NextRequest(DcomConnection.orpcThis(), proxy,
                    IEnumWbemClassObject.WBEM_INFINITE, batch), smart, deadline, op, false, IWbemWcoSmartEnum.NextResponse::decode);
            ended = r.status() == WBEM_S_FALSE;
            return instances(r.decodeObjects(cache), op);
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public List<UUID> interfaces() {
            return interfaces;
        }
    }

    private List<WmiObject> instances(List<WmioObject> objects, Op op) {
        List<WmiObject> out = new ArrayList<>(objects.size());
        for (WmioObject o : objects) {
            out.add(o.asInstance().orElseThrow(() -> new io.github.cm4j.ConnectionException(op
                    + " failed: the enumeration returned the class " + o.className() + " where instances were expected", settings.host(), null)));
        }
        return out;
    }

    /** The stream's iterator: fetches a batch when its buffer is empty, releases the enumerator once. */
    private final class Enumeration implements Iterator<WmiObject> {
        private final Batches batches;
        private final QueryOptions options;
        private final Op op;
        private final Deque<WmiObject> buffer = new ArrayDeque<>();
        private boolean released;

        Enumeration(Batches batches, QueryOptions options, Op op) {
            this.batches = batches;
            this.options = options;
            this.op = new Op(op.operation() + " (" + (batches instanceof SmartBatches ? "IWbemWCOSmartEnum::Next"
                    : "IEnumWbemClassObject::Next") + ")", op.target());
        }

        @Override
        public boolean hasNext() {
            Deadline deadline = Deadline.in(options.timeout());
            while (buffer.isEmpty() && !released) {
                if (batches.ended()) {
                    release();
                    break;
                }
                try {
                    buffer.addAll(batches.next(deadline, op));
                } catch (RuntimeException e) {
                    release();
                    throw e;
                }
                if (buffer.isEmpty() && !batches.ended() && deadline.passed()) {
                    release();
                    throw new io.github.cm4j.CallTimeoutException(op.toString(), options.timeout(), settings.host(), null);
                }
            }
            return !buffer.isEmpty();
        }

        @Override
        public WmiObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.removeFirst();
        }

        void release() {
            if (!released) {
                released = true;
                buffer.clear();
                connection.release(batches.interfaces(), settings.callTimeout());
            }
        }
    }

    @Override
    public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        Op op = new Op("GetObject", path.toString());
        WmioObject o = getObject(namespace, path.toString(), options.timeout(), context, op);
        return o.asInstance().orElseThrow(() -> DcomConnection.notInstance(op, settings.host()));
    }

    @Override
    public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
        String key = namespace.toLowerCase(Locale.ROOT) + ":" + className.toLowerCase(Locale.ROOT);
        WmiClass cached = classes.get(key);
        if (cached != null) {
            return cached;
        }
        Op op = new Op("GetObject", className);
        WmioObject o = getObject(namespace, className, options.timeout(), context, op);
        if (!o.isClass()) {
            throw new io.github.cm4j.WmiException(io.github.cm4j.WbemStatus.WBEM_E_INVALID_CLASS.code(), op.operation(), className,
                    settings.host(), null);
        }
        WmiClass c = o.wmiClass();
        classes.put(key, c);
        return c;
    }

    private WmioObject getObject(String namespace, String path, Duration timeout, WmiContext context, Op op) {
        Deadline deadline = Deadline.in(timeout);
        UUID services = connection.services(namespace, deadline, op);
        IWbemServices.ResultResponse r = connection.orpc(new IWbemServices.GetObjectRequest(DcomConnection.orpcThis(), path, 0,
                wire(context), true, false), services, deadline, op, false, IWbemServices.ResultResponse::decode);
        WmioObject o = r.decodeObject();
        if (o == null) {
            throw new io.github.cm4j.ConnectionException(op + " failed: the answer carries no object", settings.host(), null);
        }
        return o;
    }

    @Override
    public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        Op op = new Op("PutInstance", instance.className());
        Deadline deadline = Deadline.in(options.timeout());
        UUID services = connection.services(namespace, deadline, op);
        // Semisynchronous (MS-WMI 3.2.4.2.7): the IWbemCallResult's GetResultString is the path the provider assigned,
        // with the keys it generated (the CI_ID of a new SMS_AuthorizationList, say), which instance.path() lacks.
        IWbemServices.CallResultResponse r = connection.orpc(new IWbemServices.PutInstanceRequest(DcomConnection.orpcThis(),
                WbemClassObjects.objRef(instance), mode.flag() | IWbemServices.WBEM_FLAG_RETURN_IMMEDIATELY, wire(context), true),
                services, deadline, op, false, IWbemServices.CallResultResponse::decode);
        if (r.callResult().value() == null) {
            // a server that completed the call without a call result: the instance's own key path is all we know
            return instance.path();
        }
        StdObjRef callResult = DcomConnection.standard(r.callResult().value(), op, settings.host()).std();
        connection.hold(callResult);
        try {
            String written = resultString(callResult.ipid(), deadline, new Op("PutInstance (IWbemCallResult::GetResultString)",
                    instance.className()));
            if (written == null || written.isEmpty()) {
                return instance.path();
            }
            try {
                return ObjectPath.parse(written);
            } catch (io.github.cm4j.ParseException e) {
                throw new io.github.cm4j.ConnectionException(op + " failed: the server's result path '" + written
                        + "' is not an object path (" + e.getMessage() + ")", settings.host(), e);
            }
        } finally {
            connection.release(List.of(callResult.ipid()), settings.callTimeout());
        }
    }

    /**
     * IWbemCallResult::GetResultString (MS-WMI 3.1.4.5.2), asked again while the server answers WBEM_S_TIMEDOUT (the
     * operation still runs) and the deadline allows; a failure of the operation comes back as its HRESULT.
     */
    private String resultString(UUID callResult, Deadline deadline, Op op) {
        while (true) {
            long waitMillis = Math.max(1, Math.min(Integer.MAX_VALUE, deadline.left().toMillis()));
            IWbemCallResult.ResultStringResponse r = connection.orpc(new IWbemCallResult.TimeoutRequest(
                    IWbemCallResult.OPNUM_GET_RESULT_STRING, DcomConnection.orpcThis(), (int) waitMillis), callResult, deadline, op, false,
                    IWbemCallResult.ResultStringResponse::decode);
            if (r.status() != WBEM_S_TIMEDOUT) {
                return r.resultString();
            }
            if (deadline.passed()) {
                throw new io.github.cm4j.CallTimeoutException(op.toString(), deadline.timeout(), settings.host(), null);
            }
        }
    }

    @Override
    public WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters, CallOptions options,
                            WmiContext context) {
        Op op = new Op("ExecMethod", target + "." + method);
        Deadline deadline = Deadline.in(options.timeout());
        UUID services = connection.services(namespace, deadline, op);
        IWbemServices.ResultResponse r = connection.orpc(new IWbemServices.ExecMethodRequest(DcomConnection.orpcThis(),
                target.toString(), method, 0, wire(context), inParameters == null ? null : WbemClassObjects.objRef(inParameters),
                true, false), services, deadline, op, false, IWbemServices.ResultResponse::decode);
        WmioObject out = r.decodeObject();
        if (out == null) {
            // a void method without out-parameters: an empty __PARAMETERS instance, as the SPI promises
            return WmiObject.builder(WmiClass.builder(MethodDefinition.PARAMETERS_CLASS).build()).build();
        }
        return out.asInstance().orElseThrow(() -> new io.github.cm4j.ConnectionException(op
                + " failed: the out-parameters are a class, not an instance", settings.host(), null));
    }

    @Override
    public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        Op op = new Op("DeleteInstance", path.toString());
        Deadline deadline = Deadline.in(options.timeout());
        UUID services = connection.services(namespace, deadline, op);
        connection.orpc(new IWbemServices.DeleteInstanceRequest(DcomConnection.orpcThis(), path.toString(), 0, wire(context), false),
                services, deadline, op, false, IWbemServices.CallResultResponse::decode);
    }

    /** An empty context travels as a NULL IWbemContext pointer. */
    private static WmiContext wire(WmiContext context) {
        return context == null || context.isEmpty() ? null : context;
    }

    /** @return the session (tests) */
    DcomConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "DcomTransport[" + settings + "]";
    }
}
