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
 * <p>One lock guards the tables; object methods run outside it.
 */
final class ObjectExporter {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectExporter.class);
    /** RPC_E_DISCONNECTED: the object invoked has disconnected from its clients (MS-ERREF 2.1): unknown or released IPID. */
    static final int RPC_E_DISCONNECTED = 0x80010108;
    /** E_NOINTERFACE (MS-ERREF 2.1). */
    static final int E_NOINTERFACE = 0x80004002;
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
    }

    /** An OID entry: the object, its IPIDs by IID, and when it was last pinged or called. */
    private static final class Oid {
        final long oid;
        final Exported object;
        final Map<UUID, Ipid> ipids = new HashMap<>();
        long lastSeen;

        Oid(long oid, Exported object, long now) {
            this.oid = oid;
            this.object = object;
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
    private final Map<Long, Set<Long>> pingSets = new HashMap<>();
    private long lastSweep = System.nanoTime();
    private volatile DualStringArray exporterBindings;
    private volatile DualStringArray resolverBindings;
    private String host;

    ObjectExporter(Duration objectTimeout, AuthLevel authnHint) {
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

    private Ipid ipidFor(Exported object, UUID iid) {
        long now = System.nanoTime();
        Oid oid = byObject.get(object);
        if (oid == null) {
            long id;
            do {
                id = nonZero();
            } while (oids.containsKey(id));
            oid = new Oid(id, object, now);
            oids.put(id, oid);
            byObject.put(object, oid);
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
        try {
            if (ipid.equals(ipidRemUnknown)) {
                return remUnknown(iid, call);
            }
            Oid oid;
            synchronized (this) {
                Ipid entry = ipids.get(ipid);
                if (entry == null) {
                    oid = null;
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
        }
    }

    private byte[] remUnknown(UUID iid, RpcCall call) {
        if (iid.equals(IRemUnknown2.IID) && call.opnum() == IRemUnknown2.OPNUM_REM_QUERY_INTERFACE2) {
            var req = IRemUnknown2.RemQueryInterface2Request.decode(call.stub());
            List<Integer> hresults = new ArrayList<>();
            List<ObjRef> refs = new ArrayList<>();
            Exported object = objectOf(req.ipid());
            for (UUID wanted : req.iids()) {
                if (object != null && (object.supports(wanted) || wanted.equals(WmiServer.IID_IUNKNOWN))) {
                    hresults.add(0);
                    refs.add(marshal(object, wanted));
                } else {
                    hresults.add(object == null ? RPC_E_DISCONNECTED : E_NOINTERFACE);
                    refs.add(null);
                }
            }
            return new IRemUnknown2.RemQueryInterface2Response(OrpcThat.EMPTY, hresults, refs, 0).encode();
        }
        switch (call.opnum()) {
            case IRemUnknown.OPNUM_REM_QUERY_INTERFACE -> {
                var req = IRemUnknown.RemQueryInterfaceRequest.decode(call.stub());
                Exported object = objectOf(req.ipid());
                if (object == null) {
                    return new IRemUnknown.RemQueryInterfaceResponse(OrpcThat.EMPTY, List.of(), RPC_E_DISCONNECTED).encode();
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
                        if (entry == null) {
                            results.add(E_INVALIDARG);
                            status = E_INVALIDARG;
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
                synchronized (this) {
                    for (RemInterfaceRef r : req.refs()) {
                        Ipid entry = ipids.get(r.ipid());
                        if (entry != null) {
                            entry.refs -= Math.max(0, r.publicRefs());
                            if (entry.refs <= 0) {
                                removeIpid(entry, gone);
                            }
                        }
                    }
                }
                gone.forEach(ObjectExporter::releaseQuietly);
                return new io.github.cm4j.wmi.dcom.OrpcStatusResponse(OrpcThat.EMPTY, 0).encode();
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
            gone.add(entry.oid.object);
        }
    }

    private synchronized Exported objectOf(UUID ipid) {
        Ipid entry = ipids.get(ipid);
        return entry == null ? null : entry.oid.object;
    }

    // ------------------------------------------------------------------------------------------------ pinging

    /**
     * SimplePing (MS-DCOM 3.1.2.5.1.2): keeps the objects of a set alive.
     *
     * @return 0 or OR_INVALID_SET
     */
    synchronized int simplePing(long setId) {
        Set<Long> set = pingSets.get(setId);
        if (set == null) {
            return OR_INVALID_SET;
        }
        touch(set);
        return 0;
    }

    /**
     * ComplexPing (MS-DCOM 3.1.2.5.1.3): creates a set (setId 0) or changes one, and keeps its objects alive.
     *
     * @return the set id, or 0 when the set is unknown
     */
    synchronized long complexPing(long setId, List<Long> add, List<Long> remove) {
        Set<Long> set;
        long id = setId;
        if (setId == 0) {
            do {
                id = nonZero();
            } while (pingSets.containsKey(id));
            set = new HashSet<>();
            pingSets.put(id, set);
        } else {
            set = pingSets.get(setId);
            if (set == null) {
                return 0;
            }
        }
        set.addAll(add);
        remove.forEach(set::remove);
        touch(set);
        return id;
    }

    private void touch(Set<Long> set) {
        long now = System.nanoTime();
        for (Long o : set) {
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
            pingSets.values().forEach(s -> s.removeIf(o -> !oids.containsKey(o)));
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
