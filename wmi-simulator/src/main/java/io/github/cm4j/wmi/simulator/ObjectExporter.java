package io.github.cm4j.wmi.simulator;

import io.github.cm4j.wmi.dcom.DualStringArray;
import io.github.cm4j.wmi.dcom.IRemUnknown;
import io.github.cm4j.wmi.dcom.IRemUnknown2;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.RemInterfaceRef;
import io.github.cm4j.wmi.dcom.RemQiResult;
import io.github.cm4j.wmi.dcom.SecurityBinding;
import io.github.cm4j.wmi.dcom.StdObjRef;
import io.github.cm4j.wmi.dcom.StringBinding;
import io.github.cm4j.wmi.WireFormatException;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcCall;
import io.github.cm4j.wmi.rpc.RpcFaultException;
import io.github.cm4j.wmi.rpc.RpcStatus;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object exporter of a {@link WmiServer} (MS-DCOM 3.1.1): one OXID, the OID and IPID tables, reference counts,
 * ping sets and the expiry of unpinged objects, and the dispatch of ORPC invocations (3.1.1.5.4) to the exported
 * objects. Its own IRemUnknown/IRemUnknown2 (3.1.1.5.6) is served here, on {@link #ipidRemUnknown()}.
 *
 * <p>Hostile clients (issue 19): every IPID belongs to the principal that obtained it, and a call, RemAddRef,
 * RemRelease or RemQueryInterface on another principal's IPID is refused with E_ACCESSDENIED (MS-DCOM 3.1.1.5.4 lets
 * the exporter check the caller; Windows refuses calls from a principal other than the one the object was marshaled
 * to when the server's security applies). Each principal may own at most {@link #DEFAULT_MAX_OBJECTS} objects
 * (activations included) and {@link #DEFAULT_MAX_PING_SETS} ping sets; a ping set holds only OIDs its owner owns, and
 * it is removed when it expires (not pinged for the object timeout: three missed 2-minute pings, MS-DCOM 3.2.6.1) or
 * when it is empty at a sweep.
 *
 * <p>One lock guards the tables; object methods run outside it.
 */
final class ObjectExporter {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectExporter.class);
    /** RPC_E_DISCONNECTED: the object invoked has disconnected from its clients (MS-ERREF 2.1): unknown or released IPID. */
    static final int RPC_E_DISCONNECTED = 0x80010108;
    /** E_NOINTERFACE (MS-ERREF 2.1). */
    static final int E_NOINTERFACE = 0x80004002;
    /** E_ACCESSDENIED (MS-ERREF 2.1): an IPID of another principal. */
    static final int E_ACCESSDENIED = 0x80070005;
    /** E_OUTOFMEMORY (MS-ERREF 2.1): a per-principal limit reached. */
    static final int E_OUTOFMEMORY = 0x8007000E;
    /** Objects one principal may own at once (login, services, enumerators and call results). */
    static final int DEFAULT_MAX_OBJECTS = 4096;
    /** Ping sets one principal may own at once (a client needs one per exporter). */
    static final int DEFAULT_MAX_PING_SETS = 16;
    /** The principal of the call being served on this thread (set by {@link #dispatch} and {@link #asCaller}). */
    private static final ThreadLocal<String> CALLER = new ThreadLocal<>();
    /** E_INVALIDARG (MS-ERREF 2.1). */
    static final int E_INVALIDARG = 0x80070057;
    /** OR_INVALID_OXID (MS-ERREF 2.2, 1910). */
    static final int OR_INVALID_OXID = 1910;
    /** OR_INVALID_SET (MS-ERREF 2.2, 1912). */
    static final int OR_INVALID_SET = 1912;
    /** References handed out per interface pointer: one, so that impacket's RemRelease (cPublicRefs 1) frees it. */
    static final int PUBLIC_REFS = 1;
    /** How often, at most, calls look for expired objects (no sweeper thread of its own). */
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    /** An object the exporter exports: it says which interfaces it has and serves their calls. */
    interface Exported {
        /** @return whether the object implements the interface (IUnknown is implied) */
        boolean supports(UUID iid);

        /**
         * @param iid the interface called
         * @param call the call (opnum, stub data, principal)
         * @return the response stub
         * @throws RpcFaultException for a fault
         */
        byte[] invoke(UUID iid, RpcCall call);

        /** Called once when the last reference is released or the object expires. */
        default void released() {
        }
    }

    /** An IPID entry (MS-DCOM 3.1.1.1): the interface of an object and its public references. */
    private static final class Ipid {
        final UUID ipid;
        final UUID iid;
        final Oid oid;
        int refs;

        Ipid(UUID ipid, UUID iid, Oid oid) {
            this.ipid = ipid;
            this.iid = iid;
            this.oid = oid;
        }

        String owner() {
            return oid.owner;
        }
    }

    /** A ping set (MS-DCOM 3.2.4.2): its owner, OIDs and when it was last pinged. */
    private static final class PingSet {
        final String owner;
        final Set<Long> oids = new HashSet<>();
        long lastPinged;

        PingSet(String owner, long now) {
            this.owner = owner;
            this.lastPinged = now;
        }
    }

    /** An OID entry: the object, its IPIDs by IID, and when it was last pinged or called. */
    private static final class Oid {
        final long oid;
        final Exported object;
        /** The principal the object was first marshaled to: its IPIDs are bound to it. */
        final String owner;
        final Map<UUID, Ipid> ipids = new HashMap<>();
        long lastSeen;

        Oid(long oid, Exported object, String owner, long now) {
            this.oid = oid;
            this.object = object;
            this.owner = owner;
            this.lastSeen = now;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final long oxid;
    private final UUID ipidRemUnknown;
    private final long timeoutNanos;
    private final AuthLevel authnHint;
    private final Map<UUID, Ipid> ipids = new HashMap<>();
    private final Map<Long, Oid> oids = new HashMap<>();
    private final Map<Exported, Oid> byObject = new IdentityHashMap<>();
    private final Map<Long, PingSet> pingSets = new HashMap<>();
    private final Map<String, Integer> objectsByOwner = new HashMap<>();
    private final Map<String, Integer> setsByOwner = new HashMap<>();
    private final int maxObjects;
    private final int maxPingSets;
    private long lastSweep = System.nanoTime();
    private volatile DualStringArray exporterBindings;
    private volatile DualStringArray resolverBindings;
    private String host;

    ObjectExporter(Duration objectTimeout, AuthLevel authnHint) {
        this(objectTimeout, authnHint, DEFAULT_MAX_OBJECTS, DEFAULT_MAX_PING_SETS);
    }

    ObjectExporter(Duration objectTimeout, AuthLevel authnHint, int maxObjects, int maxPingSets) {
        this.maxObjects = maxObjects;
        this.maxPingSets = maxPingSets;
        this.oxid = nonZero();
        this.ipidRemUnknown = newId();
        this.timeoutNanos = objectTimeout.toNanos();
        this.authnHint = authnHint;
    }

    private long nonZero() {
        long v;
        do {
            v = random.nextLong();
        } while (v == 0);
        return v;
    }

    private UUID newId() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /**
     * Records where the exporter listens: the string bindings of activation replies and OXID resolution. As Windows
     * does, the computer's NetBIOS name comes first, then its address (MS-DCOM 2.2.19.3 lists every binding a client
     * may try): Kerberos clients such as impacket pick the binding that names the host they asked for, so that the
     * service ticket's SPN ({@code host/<fqdn>}) holds for the exporter too; cm4j's client takes only the port.
     */
    void listening(InetAddress address, int port, String computerName) {
        this.host = address.isAnyLocalAddress() ? localHost() : address.getHostAddress();
        this.exporterBindings = bindings(List.of(computerName + "[" + port + "]", host + "[" + port + "]"));
    }

    /** Records where the resolver (activation endpoint) listens: the saResAddr of OBJREF_STANDARDs. */
    void resolverListening(int port) {
        // MS-DCOM 2.2.19.1: resolver string bindings carry no endpoint when it is the well-known port 135.
        this.resolverBindings = bindings(port == 135 ? host : host + "[" + port + "]");
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    private static DualStringArray bindings(String networkAddress) {
        return bindings(List.of(networkAddress));
    }

    private static DualStringArray bindings(List<String> networkAddresses) {
        // Security binding: NTLM (RPC_C_AUTHN_WINNT) with an empty principal name, as Windows announces it.
        return new DualStringArray(networkAddresses.stream().map(a -> new StringBinding(StringBinding.NCACN_IP_TCP, a)).toList(),
                List.of(new SecurityBinding(SecurityBinding.RPC_C_AUTHN_WINNT, "")));
    }

    long oxid() {
        return oxid;
    }

    UUID ipidRemUnknown() {
        return ipidRemUnknown;
    }

    DualStringArray exporterBindings() {
        return exporterBindings;
    }

    DualStringArray resolverBindings() {
        return resolverBindings;
    }

    /** @return the authentication hint of activation replies and OXID resolution: the minimum level accepted */
    int authnHint() {
        return authnHint.wire();
    }

    /**
     * Marshals an interface of an object (MS-DCOM 3.1.1.5.1): finds or creates its OID and IPID entries and adds
     * {@link #PUBLIC_REFS} references.
     *
     * @param object the object
     * @param iid the interface
     * @return the OBJREF_STANDARD to return
     */
    ObjRefStandard marshal(Exported object, UUID iid) {
        synchronized (this) {
            Ipid entry = ipidFor(object, iid);
            entry.refs += PUBLIC_REFS;
            return new ObjRefStandard(iid, std(entry), resolverBindings);
        }
    }

    private StdObjRef std(Ipid entry) {
        return new StdObjRef(0, PUBLIC_REFS, oxid, entry.oid.oid, entry.ipid);
    }

    /** @return the key of a call's principal ("" for an unauthenticated one, which only a NONE minimum admits) */
    static String principalOf(RpcCall call) {
        return call.principal().map(p -> p.domain().toUpperCase(java.util.Locale.ROOT) + "\\" + p.user().toLowerCase(java.util.Locale.ROOT))
                .orElse("");
    }

    private static String caller() {
        String c = CALLER.get();
        return c == null ? "" : c;
    }

    /** Runs an activation or resolver step with the call's principal as the owner of what it marshals. */
    <T> T asCaller(RpcCall call, java.util.function.Supplier<T> step) {
        String before = CALLER.get();
        CALLER.set(principalOf(call));
        try {
            return step.get();
        } finally {
            CALLER.set(before);
        }
    }

    /** @return whether the caller may own one more object (an activation checks before it creates one) */
    synchronized boolean mayExport(RpcCall call) {
        return objectsByOwner.getOrDefault(principalOf(call), 0) < maxObjects;
    }

    private Ipid ipidFor(Exported object, UUID iid) {
        long now = System.nanoTime();
        Oid oid = byObject.get(object);
        if (oid == null) {
            String owner = caller();
            int owned = objectsByOwner.getOrDefault(owner, 0);
            if (owned >= maxObjects) {
                throw new RpcFaultException(E_OUTOFMEMORY, "principal " + (owner.isEmpty() ? "(anonymous)" : owner) + " owns " + owned
                        + " objects, the limit");
            }
            long id;
            do {
                id = nonZero();
            } while (oids.containsKey(id));
            oid = new Oid(id, object, owner, now);
            oids.put(id, oid);
            byObject.put(object, oid);
            objectsByOwner.merge(owner, 1, Integer::sum);
        }
        Ipid entry = oid.ipids.get(iid);
        if (entry == null) {
            entry = new Ipid(newId(), iid, oid);
            oid.ipids.put(iid, entry);
            ipids.put(entry.ipid, entry);
        }
        return entry;
    }

    /** @return the number of live objects */
    synchronized int objectCount() {
        return oids.size();
    }

    /** Releases every object (server shutdown). */
    void releaseAll() {
        List<Exported> gone;
        synchronized (this) {
            gone = new ArrayList<>(byObject.keySet());
            ipids.clear();
            oids.clear();
            byObject.clear();
            pingSets.clear();
            objectsByOwner.clear();
            setsByOwner.clear();
        }
        gone.forEach(ObjectExporter::releaseQuietly);
    }

    private static void releaseQuietly(Exported o) {
        try {
            o.released();
        } catch (RuntimeException e) {
            LOG.warn("releasing an exported object failed", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ dispatch

    /**
     * Serves an ORPC invocation on the exporter's port (MS-DCOM 3.1.1.5.4): the request's object UUID is the IPID.
     *
     * @param call the call
     * @return the response stub
     */
    byte[] dispatch(RpcCall call) {
        sweep();
        UUID ipid = call.object().orElseThrow(() -> new RpcFaultException(RpcStatus.RPC_X_BAD_STUB_DATA,
                "an ORPC request must carry the IPID as its object UUID (MS-DCOM 3.1.1.5.4)"));
        UUID iid = call.iface().uuid();
        String before = CALLER.get();
        CALLER.set(principalOf(call));
        try {
            if (ipid.equals(ipidRemUnknown)) {
                return remUnknown(iid, call);
            }
            Oid oid;
            synchronized (this) {
                Ipid entry = ipids.get(ipid);
                if (entry == null) {
                    oid = null;
                } else if (!entry.owner().equals(caller())) {
                    LOG.info("call {} on IPID {} of another principal refused", call, ipid);
                    throw new RpcFaultException(E_ACCESSDENIED, "IPID " + ipid + " was not marshaled to " + caller());
                } else {
                    oid = entry.oid;
                    oid.lastSeen = System.nanoTime();
                }
            }
            if (oid == null) {
                throw new RpcFaultException(RPC_E_DISCONNECTED, "IPID " + ipid + " is not exported (released or expired)");
            }
            if (!oid.object.supports(iid)) {
                throw new RpcFaultException(E_NOINTERFACE, "the object of IPID " + ipid + " does not implement " + iid);
            }
            return oid.object.invoke(iid, call);
        } catch (WireFormatException e) {
            LOG.debug("bad stub data in {}: {}", call, e.getMessage());
            throw new RpcFaultException(RpcStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        } finally {
            CALLER.set(before);
        }
    }

    private byte[] remUnknown(UUID iid, RpcCall call) {
        if (iid.equals(IRemUnknown2.IID) && call.opnum() == IRemUnknown2.OPNUM_REM_QUERY_INTERFACE2) {
            var req = IRemUnknown2.RemQueryInterface2Request.decode(call.stub());
            List<Integer> hresults = new ArrayList<>();
            List<ObjRef> refs = new ArrayList<>();
            Exported object = objectOf(req.ipid());
            boolean foreign = object == FOREIGN;
            for (UUID wanted : req.iids()) {
                if (object != null && !foreign && (object.supports(wanted) || wanted.equals(WmiServer.IID_IUNKNOWN))) {
                    hresults.add(0);
                    refs.add(marshal(object, wanted));
                } else {
                    hresults.add(foreign ? E_ACCESSDENIED : object == null ? RPC_E_DISCONNECTED : E_NOINTERFACE);
                    refs.add(null);
                }
            }
            return new IRemUnknown2.RemQueryInterface2Response(OrpcThat.EMPTY, hresults, refs, 0).encode();
        }
        switch (call.opnum()) {
            case IRemUnknown.OPNUM_REM_QUERY_INTERFACE -> {
                var req = IRemUnknown.RemQueryInterfaceRequest.decode(call.stub());
                Exported object = objectOf(req.ipid());
                if (object == null || object == FOREIGN) {
                    return new IRemUnknown.RemQueryInterfaceResponse(OrpcThat.EMPTY, List.of(),
                            object == null ? RPC_E_DISCONNECTED : E_ACCESSDENIED).encode();
                }
                List<RemQiResult> results = new ArrayList<>();
                boolean any = false;
                for (UUID wanted : req.iids()) {
                    if (object.supports(wanted) || wanted.equals(WmiServer.IID_IUNKNOWN)) {
                        results.add(new RemQiResult(0, marshal(object, wanted).std()));
                        any = true;
                    } else {
                        results.add(new RemQiResult(E_NOINTERFACE, new StdObjRef(0, 0, 0, 0, new UUID(0, 0))));
                    }
                }
                // MS-DCOM 3.1.1.5.6.1.1: S_OK when every IID succeeded, else S_FALSE (some) or E_NOINTERFACE (none).
                int status = results.stream().allMatch(r -> r.hresult() == 0) ? 0 : any ? 1 : E_NOINTERFACE;
                return new IRemUnknown.RemQueryInterfaceResponse(OrpcThat.EMPTY, results, status).encode();
            }
            case IRemUnknown.OPNUM_REM_ADD_REF -> {
                var req = IRemUnknown.InterfaceRefsRequest.decode(call.opnum(), call.stub());
                List<Integer> results = new ArrayList<>();
                int status = 0;
                synchronized (this) {
                    for (RemInterfaceRef r : req.refs()) {
                        Ipid entry = ipids.get(r.ipid());
                        if (entry == null || !entry.owner().equals(caller())) {
                            int refused = entry == null ? E_INVALIDARG : E_ACCESSDENIED;
                            results.add(refused);
                            status = refused;
                        } else {
                            entry.refs += r.publicRefs();
                            results.add(0);
                        }
                    }
                }
                return new IRemUnknown.RemAddRefResponse(OrpcThat.EMPTY, results, status).encode();
            }
            case IRemUnknown.OPNUM_REM_RELEASE -> {
                var req = IRemUnknown.InterfaceRefsRequest.decode(call.opnum(), call.stub());
                List<Exported> gone = new ArrayList<>();
                int status = 0;
                synchronized (this) {
                    for (RemInterfaceRef r : req.refs()) {
                        Ipid entry = ipids.get(r.ipid());
                        if (entry != null && !entry.owner().equals(caller())) {
                            // another principal's reference: not this caller's to release
                            status = E_ACCESSDENIED;
                        } else if (entry != null) {
                            entry.refs -= Math.max(0, r.publicRefs());
                            if (entry.refs <= 0) {
                                removeIpid(entry, gone);
                            }
                        }
                    }
                }
                gone.forEach(ObjectExporter::releaseQuietly);
                return new io.github.cm4j.wmi.dcom.OrpcStatusResponse(OrpcThat.EMPTY, status).encode();
            }
            default -> throw new RpcFaultException(RpcStatus.NCA_S_OP_RNG_ERROR, "IRemUnknown has no opnum " + call.opnum());
        }
    }

    /** Removes an IPID entry, and its OID when it was the last (MS-DCOM 3.1.1.5.6.1.3); under the lock. */
    private void removeIpid(Ipid entry, List<Exported> gone) {
        ipids.remove(entry.ipid);
        entry.oid.ipids.remove(entry.iid);
        if (entry.oid.ipids.isEmpty()) {
            oids.remove(entry.oid.oid);
            byObject.remove(entry.oid.object);
            objectsByOwner.computeIfPresent(entry.oid.owner, (k, n) -> n <= 1 ? null : n - 1);
            gone.add(entry.oid.object);
        }
    }

    /** What {@link #objectOf} answers for an IPID of another principal. */
    private static final Exported FOREIGN = new Exported() {
        @Override
        public boolean supports(UUID iid) {
            return false;
        }

        @Override
        public byte[] invoke(UUID iid, RpcCall call) {
            throw new RpcFaultException(E_ACCESSDENIED, "an IPID of another principal");
        }
    };

    /** @return the object of an IPID, null when unknown, {@link #FOREIGN} when another principal owns it */
    private synchronized Exported objectOf(UUID ipid) {
        Ipid entry = ipids.get(ipid);
        return entry == null ? null : entry.owner().equals(caller()) ? entry.oid.object : FOREIGN;
    }

    // ------------------------------------------------------------------------------------------------ pinging

    /** The outcome of a ComplexPing: the set id (0 when none) and its status. */
    record PingResult(long setId, int status) {
    }

    /**
     * SimplePing (MS-DCOM 3.1.2.5.1.2): keeps the objects of a set alive.
     *
     * @return 0, or OR_INVALID_SET for an unknown set or one of another principal
     */
    synchronized int simplePing(RpcCall call, long setId) {
        PingSet set = pingSets.get(setId);
        if (set == null || !set.owner.equals(principalOf(call))) {
            return OR_INVALID_SET;
        }
        touch(set);
        return 0;
    }

    /**
     * ComplexPing (MS-DCOM 3.1.2.5.1.3): creates a set (setId 0) or changes one, and keeps its objects alive. Only
     * OIDs the caller owns enter the set (others are ignored: they are not the caller's to keep alive).
     *
     * @return the set id and status: OR_INVALID_SET for an unknown set or one of another principal, E_OUTOFMEMORY
     *     when the caller owns {@link #DEFAULT_MAX_PING_SETS} sets already
     */
    synchronized PingResult complexPing(RpcCall call, long setId, List<Long> add, List<Long> remove) {
        String owner = principalOf(call);
        PingSet set;
        long id = setId;
        if (setId == 0) {
            if (setsByOwner.getOrDefault(owner, 0) >= maxPingSets) {
                LOG.info("ComplexPing of {} refused: {} ping sets already", owner, maxPingSets);
                return new PingResult(0, E_OUTOFMEMORY);
            }
            do {
                id = nonZero();
            } while (pingSets.containsKey(id));
            set = new PingSet(owner, System.nanoTime());
            pingSets.put(id, set);
            setsByOwner.merge(owner, 1, Integer::sum);
        } else {
            set = pingSets.get(setId);
            if (set == null || !set.owner.equals(owner)) {
                return new PingResult(0, OR_INVALID_SET);
            }
        }
        for (Long o : add) {
            Oid oid = oids.get(o);
            if (oid != null && oid.owner.equals(owner)) {
                set.oids.add(o);
            }
        }
        remove.forEach(set.oids::remove);
        touch(set);
        return new PingResult(id, 0);
    }

    /** @return how many ping sets exist (tests) */
    synchronized int pingSetCount() {
        return pingSets.size();
    }

    private void touch(PingSet set) {
        long now = System.nanoTime();
        set.lastPinged = now;
        for (Long o : set.oids) {
            Oid oid = oids.get(o);
            if (oid != null) {
                oid.lastSeen = now;
            }
        }
    }

    /** Drops objects neither pinged nor called for the object timeout (MS-DCOM 3.2.6.1 / 3.1.2.2: garbage collection). */
    void sweep() {
        long now = System.nanoTime();
        List<Exported> gone = new ArrayList<>();
        synchronized (this) {
            if (now - lastSweep < SWEEP_INTERVAL_NANOS) {
                return;
            }
            lastSweep = now;
            for (Oid oid : new ArrayList<>(oids.values())) {
                if (now - oid.lastSeen > timeoutNanos) {
                    for (Ipid entry : new ArrayList<>(oid.ipids.values())) {
                        removeIpid(entry, gone);
                    }
                }
            }
            // MS-DCOM 3.2.6.1: a set not pinged for the timeout is gone, and so is one left empty.
            pingSets.entrySet().removeIf(e -> {
                PingSet set = e.getValue();
                set.oids.removeIf(o -> !oids.containsKey(o));
                boolean drop = set.oids.isEmpty() || now - set.lastPinged > timeoutNanos;
                if (drop) {
                    setsByOwner.computeIfPresent(set.owner, (k, n) -> n <= 1 ? null : n - 1);
                }
                return drop;
            });
        }
        if (!gone.isEmpty()) {
            LOG.debug("{} unpinged objects expired", gone.size());
        }
        gone.forEach(ObjectExporter::releaseQuietly);
    }

    /** Runs a sweep now, whatever the interval (tests). */
    void sweepNow() {
        synchronized (this) {
            lastSweep = System.nanoTime() - SWEEP_INTERVAL_NANOS;
        }
        sweep();
    }
}
