package io.github.cm4j.wmi.transport;

import io.github.cm4j.ConnectionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.wmi.dcom.ActivationProperties;
import io.github.cm4j.wmi.dcom.ActivationProperty;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.dcom.IRemUnknown;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.OrpcRequest;
import io.github.cm4j.wmi.dcom.OrpcResponse;
import io.github.cm4j.wmi.dcom.OrpcStatusResponse;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.RemInterfaceRef;
import io.github.cm4j.wmi.dcom.RemQiResult;
import io.github.cm4j.wmi.dcom.RpcRequest;
import io.github.cm4j.wmi.dcom.StdObjRef;
import io.github.cm4j.wmi.dcom.StringBinding;
import io.github.cm4j.wmi.transport.DcomErrors.Op;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DCOM session with a WMI server: the activation of CLSID_WbemLevel1Login on the object resolver, a small pool
 * of authenticated connections to the object exporter, the interfaces held (released with IRemUnknown::RemRelease),
 * the IWbemServices of each namespace logged on to, and a ping set that keeps the held objects alive.
 *
 * <p>Sequence (MS-DCOM 3.2.4.1.1, MS-WMI 3.2.3): IRemoteSCMActivator::RemoteCreateInstance on the resolver (port
 * 135) at the session's level, which returns the object exporter's OXID, string bindings, the IPID of its
 * IRemUnknown and an OBJREF_STANDARD of IWbemLevel1Login; then IWbemLevel1Login::NTLMLogin on the exporter gives an
 * IWbemServices per namespace. Every connection, the activation's included, is NTLMv2 at packet integrity or
 * privacy.
 *
 * <p>Thread safety: one RPC connection carries one call at a time, so calls take a connection from a pool of at most
 * {@link #MAX_CONNECTIONS} and give it back; a connection broken by a failure or a passed deadline is dropped and the
 * next call opens a new one (interface pointers belong to the exporter, not to a TCP connection, MS-DCOM 3.2.4.2).
 */
final class DcomConnection implements AutoCloseable {
    /** The most connections to the exporter one session opens; more concurrent callers wait for one. */
    static final int MAX_CONNECTIONS = 4;
    /** The ping period: MS-DCOM 3.2.6.2 pings every 2 minutes; a server expires a set after 3 missed pings. */
    static final Duration PING_PERIOD = Duration.ofMinutes(2);
    /** References asked for each interface a RemQueryInterface returns. */
    private static final int QI_REFS = 5;
    /** A string binding {@code host[port]} or {@code host[port,...]} (MS-DCOM 2.2.19.3). */
    private static final Pattern TCP_BINDING = Pattern.compile("([^\\[]+)\\[(\\d{1,5})(?:,.*)?]");

    private final DcomSettings settings;
    private final String exporterHost;
    private final int exporterPort;
    private final UUID ipidRemUnknown;
    private final UUID ipidLogin;
    private final Deque<RpcChannel> idle = new ArrayDeque<>();
    private int openChannels;
    private RpcChannel resolver;
    private final Map<UUID, StdObjRef> held = new LinkedHashMap<>();
    private final Map<String, UUID> services = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pinger;
    private final Object pingLock = new Object();
    private long pingSetId;
    private int pingSequence;
    private Set<Long> pinged = new TreeSet<>();
    private volatile boolean closed;
    private boolean closing;

    private DcomConnection(DcomSettings settings, RpcChannel resolver, String exporterHost, int exporterPort, UUID ipidRemUnknown,
                           StdObjRef login, Duration pingPeriod) {
        this.settings = settings;
        this.resolver = resolver;
        this.exporterHost = exporterHost;
        this.exporterPort = exporterPort;
        this.ipidRemUnknown = ipidRemUnknown;
        this.ipidLogin = login.ipid();
        held.put(login.ipid(), login);
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cm4j-dcom-ping " + settings.endpoint());
            t.setDaemon(true);
            return t;
        });
        long period = pingPeriod.toMillis();
        pinger.scheduleAtFixedRate(this::pingQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Activates CLSID_WbemLevel1Login and logs on to the default namespace, within the connect deadline.
     *
     * @param settings the target and options
     * @param pingPeriod how often the held objects are pinged
     * @return the session
     */
    static DcomConnection open(DcomSettings settings, Duration pingPeriod) {
        Deadline deadline = Deadline.in(settings.connectTimeout());
        Op activation = new Op("IRemoteSCMActivator::RemoteCreateInstance", "CLSID_WbemLevel1Login on " + settings.endpoint());
        RpcChannel resolver;
        try {
            resolver = RpcChannel.connect(settings.host(), settings.port(), settings.auth(), settings.authLevel(),
                    settings.connectTimeout());
        } catch (RuntimeException e) {
            throw DcomErrors.map(e, activation, settings.host(), settings.connectTimeout(), true);
        }
        DcomConnection connection = null;
        try {
            IRemoteScmActivator.ActivationResponse reply = call(resolver, new IRemoteScmActivator.RemoteCreateInstanceRequest(
                    orpcThis(), null, ActivationProperties.request(IWbemLevel1Login.CLSID, List.of(IWbemLevel1Login.IID))),
                    null, deadline, activation, settings.host(), true, IRemoteScmActivator.ActivationResponse::decode);
            if (reply.properties() == null) {
                throw new ConnectionException(activation + " failed: the answer carries no activation properties", settings.host(), null);
            }
            ActivationProperty.PropsOutInfo props = reply.properties().property(ActivationProperty.PropsOutInfo.class)
                    .orElseThrow(() -> new ConnectionException(activation + " failed: no PropsOutInfo in the answer", settings.host(), null));
            ActivationProperty.ScmReplyInfo scm = reply.properties().property(ActivationProperty.ScmReplyInfo.class)
                    .orElseThrow(() -> new ConnectionException(activation + " failed: no ScmReplyInfo in the answer", settings.host(), null));
            int hr = props.hresults().get(0);
            if (hr != 0) {
                throw DcomErrors.fault(hr, activation, settings.host(), true, null);
            }
            ObjRefStandard login = standard(props.interfaces().get(0), activation, settings.host());
            int exporterPort = exporterPort(scm, settings, activation);
            connection = new DcomConnection(settings, resolver, settings.host(), exporterPort, scm.ipidRemUnknown(), login.std(),
                    pingPeriod);
            connection.services(settings.namespace(), deadline, new Op("IWbemLevel1Login::NTLMLogin", settings.namespace()));
            return connection;
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            } else {
                resolver.close();
            }
            throw e;
        }
    }

    /**
     * Picks the exporter's port from the OXID bindings (MS-DCOM 2.2.19.3): a TCP binding whose address is the host the
     * user named, else the first TCP binding. The address itself is not used: the server is reached at the host the
     * user named (bindings often carry NetBIOS names or addresses the client cannot reach), as impacket does.
     */
    static int exporterPort(ActivationProperty.ScmReplyInfo scm, DcomSettings settings, Op activation) {
        if (scm.oxidBindings() == null) {
            throw new ConnectionException(activation + " failed: the answer names no object exporter binding", settings.host(), null);
        }
        Integer first = null;
        for (StringBinding b : scm.oxidBindings().stringBindings()) {
            if (b.towerId() != StringBinding.NCACN_IP_TCP) {
                continue;
            }
            Matcher m = TCP_BINDING.matcher(b.networkAddress());
            if (!m.matches()) {
                continue;
            }
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 0xFFFF) {
                continue;
            }
            if (m.group(1).equalsIgnoreCase(settings.host())) {
                return port;
            }
            if (first == null) {
                first = port;
            }
        }
        if (first == null) {
            throw new ConnectionException(activation + " failed: the object exporter offers no ncacn_ip_tcp binding with a port "
                    + "(bindings: " + scm.oxidBindings().stringBindings() + ")", settings.host(), null);
        }
        return first;
    }

    /**
     * Logs on to a namespace once and keeps its IWbemServices (IWbemLevel1Login::NTLMLogin, MS-WMI 3.1.4.1.4).
     *
     * @param namespace the namespace, {@code \}-separated
     * @param deadline the deadline of the login
     * @param caller the call that needs the namespace, named in errors (e.g. {@code ExecQuery (NTLMLogin) <namespace>})
     * @return the IPID of the namespace's IWbemServices
     */
    UUID services(String namespace, Deadline deadline, Op caller) {
        String key = namespace.toLowerCase(Locale.ROOT).replace('/', '\\');
        UUID ipid = services.get(key);
        if (ipid != null) {
            return ipid;
        }
        Op op = caller.operation().startsWith("IWbemLevel1Login") ? caller : new Op(caller.operation() + " (NTLMLogin)", namespace);
        // the network resource as impacket and WMI clients send it: //./root/sms/site_PS1 (MS-WMI 3.1.4.1.4)
        String resource = "//./" + namespace.replace('\\', '/');
        InterfacePointerResponse r = orpc(new IWbemLevel1Login.NtlmLoginRequest(orpcThis(), resource, null, 0, null), ipidLogin,
                deadline, op, true, IWbemLevel1Login::decodeNtlmLoginResponse);
        ObjRefStandard ref = standard(r.value(), op, settings.host());
        hold(ref.std());
        UUID raced = services.putIfAbsent(key, ref.std().ipid());
        if (raced != null) {
            release(List.of(ref.std().ipid()), deadline.left());
            return raced;
        }
        return ref.std().ipid();
    }

    /**
     * Makes an ORPC call on the exporter: takes a connection, calls, decodes; an error HRESULT in the answer becomes a
     * {@link WmiException} (or an authentication failure for access denied when {@code login} is set).
     *
     * @return the decoded response (its status is a success code)
     */
    <R extends OrpcResponse> R orpc(OrpcRequest request, UUID ipid, Deadline deadline, Op op, boolean login, Function<byte[], R> decoder) {
        RpcChannel channel = take(deadline, op);
        boolean reusable = false;
        try {
            R response = call(channel, request, ipid, deadline, op, settings.host(), login, decoder);
            reusable = true;
            return response;
        } catch (WmiException | io.github.cm4j.AuthenticationException e) {
            reusable = channel.isOpen();
            throw e;
        } finally {
            give(channel, reusable);
        }
    }

    private static <R extends io.github.cm4j.wmi.dcom.RpcResponse> R call(RpcChannel channel, RpcRequest request, UUID object,
            Deadline deadline, Op op, String host, boolean loginOrActivation, Function<byte[], R> decoder) {
        R response;
        try {
            response = decoder.apply(channel.call(request, object, deadline.left()));
        } catch (RuntimeException e) {
            throw DcomErrors.map(e, op, host, deadline.timeout(), loginOrActivation);
        }
        if (response.status() < 0) {
            throw DcomErrors.fault(response.status(), op, host, loginOrActivation, null);
        }
        return response;
    }

    private RpcChannel take(Deadline deadline, Op op) {
        synchronized (this) {
            while (true) {
                ensureOpen(op);
                RpcChannel c = idle.pollFirst();
                if (c != null) {
                    if (c.isOpen()) {
                        return c;
                    }
                    openChannels--;
                    continue;
                }
                if (openChannels < MAX_CONNECTIONS) {
                    openChannels++;
                    break;
                }
                long wait = deadline.endNanos() - System.nanoTime();
                if (wait <= 0) {
                    throw new io.github.cm4j.CallTimeoutException(op + " (waiting for a free connection)", deadline.timeout(),
                            settings.host(), null);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectionException(op + " was interrupted", settings.host(), e);
                }
            }
        }
        try {
            return RpcChannel.connect(exporterHost, exporterPort, settings.auth(), settings.authLevel(), deadline.left());
        } catch (RuntimeException e) {
            synchronized (this) {
                openChannels--;
                notifyAll();
            }
            throw DcomErrors.map(e, op, settings.host(), deadline.timeout(), false);
        }
    }

    private void give(RpcChannel channel, boolean reusable) {
        synchronized (this) {
            if (reusable && channel.isOpen() && !closed) {
                idle.addFirst(channel);
            } else {
                openChannels--;
                channel.close();
            }
            notifyAll();
        }
    }

    /** Records an interface reference the session holds until it releases it. */
    void hold(StdObjRef ref) {
        synchronized (held) {
            held.put(ref.ipid(), ref);
        }
    }

    /**
     * Asks an object for another interface (IRemUnknown::RemQueryInterface, MS-DCOM 3.1.1.5.6.1.1) and holds it.
     *
     * @return the new interface's reference, or empty when the object does not implement it (E_NOINTERFACE)
     */
    Optional<StdObjRef> queryInterface(UUID ipid, UUID iid, Deadline deadline, Op op) {
        IRemUnknown.RemQueryInterfaceResponse r = orpc(new IRemUnknown.RemQueryInterfaceRequest(orpcThis(), ipid, QI_REFS, List.of(iid)),
                ipidRemUnknown, deadline, op, false, IRemUnknown.RemQueryInterfaceResponse::decode);
        if (r.results().size() != 1) {
            throw new ConnectionException(op + " failed: RemQueryInterface answered " + r.results().size() + " results for 1 IID",
                    settings.host(), null);
        }
        RemQiResult result = r.results().get(0);
        if (result.hresult() == DcomErrors.E_NOINTERFACE) {
            return Optional.empty();
        }
        if (result.hresult() < 0) {
            throw DcomErrors.fault(result.hresult(), op, settings.host(), false, null);
        }
        hold(result.std());
        return Optional.of(result.std());
    }

    /**
     * Releases interfaces (IRemUnknown::RemRelease, MS-DCOM 3.1.1.5.6.1.3), giving back the public references
     * received with each, in one call; best effort: a failure is not reported (the server's ping expiry collects
     * what a failed release leaves).
     *
     * @param ipids interfaces this session holds (others are ignored)
     * @param timeout the deadline of the release
     */
    void release(List<UUID> ipids, Duration timeout) {
        List<RemInterfaceRef> refs = new ArrayList<>();
        synchronized (held) {
            for (UUID ipid : ipids) {
                StdObjRef ref = held.remove(ipid);
                if (ref != null && ref.publicRefs() > 0) {
                    refs.add(new RemInterfaceRef(ipid, ref.publicRefs(), 0));
                }
            }
        }
        if (refs.isEmpty() || closed) {
            return;
        }
        sendRelease(refs, timeout);
    }

    private void sendRelease(List<RemInterfaceRef> refs, Duration timeout) {
        try {
            orpc(IRemUnknown.InterfaceRefsRequest.remRelease(orpcThis(), refs), ipidRemUnknown, Deadline.in(timeout), new Op("IRemUnknown::RemRelease", ""),
                    false, OrpcStatusResponse::decode);
        } catch (RuntimeException e) {
            // best effort: the objects expire on the server when they are no longer pinged (MS-DCOM 3.2.6.2)
        }
    }

    /** @return the interfaces held now (for tests and the ping set) */
    List<UUID> heldInterfaces() {
        synchronized (held) {
            return List.copyOf(held.keySet());
        }
    }

    /**
     * Pings the OIDs of the held objects (IObjectExporter::ComplexPing when the set changed, SimplePing otherwise,
     * MS-DCOM 3.2.6.2) on the resolver, reconnecting to it when its connection was closed.
     */
    void ping(Duration timeout) {
        synchronized (pingLock) {
            if (!closed) {
                pingLocked(timeout);
            }
        }
    }

    private void pingLocked(Duration timeout) {
        Set<Long> oids = new TreeSet<>();
        synchronized (held) {
            for (StdObjRef ref : held.values()) {
                if ((ref.flags() & StdObjRef.SORF_NOPING) == 0) {
                    oids.add(ref.oid());
                }
            }
        }
        Op op = new Op("IObjectExporter::ComplexPing", settings.endpoint());
        if (resolver == null || !resolver.isOpen()) {
            if (resolver != null) {
                resolver.close();
            }
            resolver = RpcChannel.connect(settings.host(), settings.port(), settings.auth(), settings.authLevel(), timeout);
        }
        if (pingSetId != 0 && oids.equals(pinged)) {
            call(resolver, new IObjectExporter.SimplePingRequest(pingSetId), null, Deadline.in(timeout), new Op("IObjectExporter::SimplePing",
                    settings.endpoint()), settings.host(), false, IObjectExporter.StatusResponse::decode);
            return;
        }
        if (oids.isEmpty() && pingSetId == 0) {
            return;
        }
        List<Long> add = oids.stream().filter(o -> !pinged.contains(o)).toList();
        List<Long> del = pinged.stream().filter(o -> !oids.contains(o)).toList();
        pingSequence = (pingSequence + 1) & 0xFFFF;
        IObjectExporter.ComplexPingResponse r = call(resolver, new IObjectExporter.ComplexPingRequest(pingSetId, pingSequence, add, del),
                null, Deadline.in(timeout), op, settings.host(), false, IObjectExporter.ComplexPingResponse::decode);
        pingSetId = r.setId();
        pinged = oids;
    }

    private void pingQuietly() {
        try {
            ping(settings.callTimeout());
        } catch (RuntimeException e) {
            // the next period tries again; a server that is gone shows up at the next call
        }
    }

    private void ensureOpen(Op op) {
        if (closed) {
            throw new ConnectionException(op + " failed: the dcom transport to " + settings.endpoint() + " is closed", settings.host(), null);
        }
    }

    /** @return whether {@link #close()} was called */
    boolean isClosed() {
        return closed;
    }

    /** @return the exporter's {@code host:port} */
    String exporterEndpoint() {
        return exporterHost + ":" + exporterPort;
    }

    /**
     * Releases every interface held (one RemRelease), stops pinging and closes every connection. Idempotent.
     */
    @Override
    public void close() {
        List<RemInterfaceRef> refs = new ArrayList<>();
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            synchronized (held) {
                held.forEach((ipid, ref) -> {
                    if (ref.publicRefs() > 0) {
                        refs.add(new RemInterfaceRef(ipid, ref.publicRefs(), 0));
                    }
                });
                held.clear();
            }
        }
        pinger.shutdownNow();
        try {
            // close leaves no thread behind: wait for a ping in progress (bounded by its own call deadline)
            pinger.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!refs.isEmpty()) {
            // released before closed is set: the release takes a connection like any call
            sendRelease(refs, settings.callTimeout().compareTo(Duration.ofSeconds(5)) < 0 ? settings.callTimeout() : Duration.ofSeconds(5));
        }
        synchronized (this) {
            closed = true;
            idle.forEach(RpcChannel::close);
            idle.clear();
            notifyAll();
        }
        synchronized (pingLock) {
            if (resolver != null) {
                resolver.close();
            }
        }
    }

    static OrpcThis orpcThis() {
        return OrpcThis.of(UUID.randomUUID());
    }

    static ObjRefStandard standard(ObjRef ref, Op op, String host) {
        if (ref instanceof ObjRefStandard s) {
            return s;
        }
        throw new ConnectionException(op + " failed: the answer carries " + (ref == null ? "no interface pointer"
                : "an " + ref.getClass().getSimpleName() + " where an OBJREF_STANDARD was expected"), host, null);
    }

    @Override
    public String toString() {
        return "DcomConnection[" + settings + ", exporter " + exporterEndpoint() + (closed ? ", closed" : "") + "]";
    }

    static WmiException notInstance(Op op, String host) {
        return new WmiException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH.code(), op.operation(), op.target(), host, null);
    }
}
