package io.github.cm4j.wmi.simulator;

import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.MappingException;
import io.github.cm4j.ParseException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.simulator.SimulatedSite;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.wmi.dcom.InOutPointer;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.OrpcStatusResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.ntlm.NtlmPrincipal;
import io.github.cm4j.wmi.rpc.RpcCall;
import io.github.cm4j.wmi.rpc.RpcConnectionDropException;
import io.github.cm4j.wmi.rpc.RpcFaultException;
import io.github.cm4j.wmi.rpc.RpcStatus;
import io.github.cm4j.wmi.wbem.IEnumWbemClassObject;
import io.github.cm4j.wmi.wbem.IWbemCallResult;
import io.github.cm4j.wmi.wbem.IWbemFetchSmartEnum;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import io.github.cm4j.wmi.wbem.IWbemServices;
import io.github.cm4j.wmi.wbem.IWbemWcoSmartEnum;
import io.github.cm4j.wmi.wbem.ObjRefCustom;
import io.github.cm4j.wmi.wbem.WbemClassObjects;
import io.github.cm4j.wmi.wbem.WbemObjectArray;
import io.github.cm4j.wmi.wmio.Wmio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MS-WMI objects of a {@link WmiServer} (MS-WMI 3.1.4): IWbemLevel1Login, IWbemServices per logged-on namespace,
 * and enumerators (IEnumWbemClassObject with IWbemFetchSmartEnum and IWbemWCOSmartEnum on the same object). Calls go
 * to a simulator transport ({@link SimulatedProvider#openTransport(String)}) opened per IWbemServices; WBEM errors of
 * the simulator ({@link WmiException}) become the HRESULT of the response.
 */
final class WmiObjects {
    private static final Logger LOG = LoggerFactory.getLogger(WmiObjects.class);
    /** {@code root\sms\site_<code>}, after the optional {@code \\server\} prefix is removed. */
    private static final Pattern SITE_NAMESPACE = Pattern.compile("(?i)root\\\\sms\\\\site_([A-Za-z0-9]{3})");
    private static final int WBEM_S_FALSE = WbemStatus.WBEM_S_FALSE.code();

    private final SimulatedProvider provider;
    private final BiFunction<String, String, Access> access;
    private final Duration callTimeout;
    private final ObjectExporter exporter;
    private final AtomicInteger openEnumerators = new AtomicInteger();
    private final AtomicLong objectsSent = new AtomicLong();

    WmiObjects(SimulatedProvider provider, BiFunction<String, String, Access> access, Duration callTimeout, ObjectExporter exporter) {
        this.provider = provider;
        this.access = access;
        this.callTimeout = callTimeout;
        this.exporter = exporter;
    }

    /** @return the enumerators created and not yet released */
    int openEnumerators() {
        return openEnumerators.get();
    }

    /** @return the objects sent by Next and smart Next so far */
    long objectsSent() {
        return objectsSent.get();
    }

    /** @return a new IWbemLevel1Login object (what activation of CLSID_WbemLevel1Login creates) */
    ObjectExporter.Exported newLogin() {
        return new Login();
    }

    /**
     * @param networkResource the namespace as a client names it: {@code //./root/sms/site_PS1}, {@code \\host\root\sms\site_PS1},
     *     {@code root\sms\site_ps1}, any case
     * @return the site, when the namespace is a site namespace of the provider
     */
    Optional<SimulatedSite> siteOf(String networkResource) {
        if (networkResource == null) {
            return Optional.empty();
        }
        String ns = networkResource.replace('/', '\\');
        if (ns.startsWith("\\\\")) {
            int end = ns.indexOf('\\', 2);
            ns = end < 0 ? "" : ns.substring(end + 1);
        }
        while (ns.startsWith("\\")) {
            ns = ns.substring(1);
        }
        Matcher m = SITE_NAMESPACE.matcher(ns);
        if (!m.matches()) {
            return Optional.empty();
        }
        String code = m.group(1).toUpperCase(Locale.ROOT);
        return provider.sites().stream().filter(s -> s.code().equalsIgnoreCase(code)).findFirst();
    }

    /** The site server's own namespace: queries and class reads of Win32_OperatingSystem (the simulator's clock). */
    static final String HOST_NAMESPACE = "root\\cimv2";

    /** @return whether the namespace a client names is {@code root\cimv2} (any form, any case) */
    static boolean isHostNamespace(String networkResource) {
        if (networkResource == null) {
            return false;
        }
        String ns = networkResource.replace('/', '\\');
        if (ns.startsWith("\\\\")) {
            int end = ns.indexOf('\\', 2);
            ns = end < 0 ? "" : ns.substring(end + 1);
        }
        while (ns.startsWith("\\")) {
            ns = ns.substring(1);
        }
        return ns.equalsIgnoreCase(HOST_NAMESPACE);
    }

    /** The HRESULT for a failure of the simulator or of the request's content. */
    static int hresultOf(RuntimeException e, WbemStatus forBadInput) {
        if (e instanceof WmiException w) {
            return w.hresult();
        }
        if (e instanceof CallTimeoutException) {
            return WbemStatus.WBEM_E_TIMED_OUT.code();
        }
        if (e instanceof ParseException || e instanceof IllegalArgumentException) {
            return forBadInput.code();
        }
        if (e instanceof MappingException) {
            return WbemStatus.WBEM_E_INVALID_PARAMETER.code();
        }
        if (!(e instanceof ConfigMgrException)) {
            LOG.warn("unexpected failure in the simulator", e);
        }
        return WbemStatus.WBEM_E_FAILED.code();
    }

    private static String principalOf(RpcCall call) {
        return call.principal().map(NtlmPrincipal::toString).orElse("(unauthenticated)");
    }

    /**
     * A BSTR parameter without the trailing NULs some clients put inside it (impacket's {@code checkNullString}
     * appends one to every query, language, path and method name); Windows ignores them too.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    private static WmiContext contextOf(WmiContext c) {
        return c == null ? WmiContext.empty() : c;
    }

    private static RpcFaultException noSuchOpnum(String iface, int opnum) {
        return new RpcFaultException(RpcStatus.NCA_S_OP_RNG_ERROR, iface + " has no opnum " + opnum + " served here");
    }

    // ---------------------------------------------------------------------------------------- IWbemLevel1Login

    /** IWbemLevel1Login (MS-WMI 3.1.4.1): NTLMLogin opens an IWbemServices on a site namespace. */
    private final class Login implements ObjectExporter.Exported {
        @Override
        public boolean supports(UUID iid) {
            return iid.equals(IWbemLevel1Login.IID);
        }

        @Override
        public byte[] invoke(UUID iid, RpcCall call) {
            if (call.opnum() != IWbemLevel1Login.OPNUM_NTLM_LOGIN) {
                // EstablishPosition, RequestChallenge and WBEMLogin are reserved (MS-WMI 3.1.4.1.1-3.1.4.1.3).
                throw noSuchOpnum("IWbemLevel1Login", call.opnum());
            }
            var req = IWbemLevel1Login.NtlmLoginRequest.decode(call.stub());
            Access granted = call.principal().map(p -> access.apply(p.domain(), p.user())).orElse(Access.DENIED);
            String resource = text(req.networkResource());
            Optional<SimulatedSite> site = siteOf(resource);
            // The site server's own root\cimv2 (the simulator serves Win32_OperatingSystem there: its clock).
            boolean host = site.isEmpty() && isHostNamespace(resource);
            if (host) {
                site = Optional.of(provider.topSite());
            }
            int status;
            ObjRef services = null;
            if (granted == Access.DENIED) {
                status = WbemStatus.WBEM_E_ACCESS_DENIED.code();
            } else if (site.isEmpty()) {
                status = WbemStatus.WBEM_E_INVALID_NAMESPACE.code();
            } else {
                services = exporter.marshal(new Services(site.get(), granted, host ? HOST_NAMESPACE : site.get().namespace()),
                        IWbemServices.IID);
                status = 0;
            }
            LOG.debug("NTLMLogin {} to {}: {}", principalOf(call), req.networkResource(), WbemStatus.nameOf(status));
            return IWbemLevel1Login.loginResponse(OrpcThat.EMPTY, services, status).encode();
        }
    }

    // ---------------------------------------------------------------------------------------- IWbemServices

    /** IWbemServices (MS-WMI 3.1.4.3) on one site namespace, over a simulator transport of its own. */
    private final class Services implements ObjectExporter.Exported {
        private final SimulatedSite site;
        private final Access granted;
        private final WmiTransport transport;
        /** The namespace logged on to: the site's, or the site server's root\cimv2. */
        private final String namespace;

        Services(SimulatedSite site, Access granted, String namespace) {
            this.site = site;
            this.namespace = namespace;
            this.granted = granted;
            this.transport = provider.openTransport(site.code());
        }

        @Override
        public boolean supports(UUID iid) {
            return iid.equals(IWbemServices.IID);
        }

        // No released(): enumerators outlive the IWbemServices that created them (a client may release the services
        // first), and a memory transport holds nothing that needs closing.

        private CallOptions options() {
            return CallOptions.timeout(callTimeout);
        }

        private boolean mayWrite() {
            return granted == Access.FULL;
        }

        @Override
        public byte[] invoke(UUID iid, RpcCall call) {
            return switch (call.opnum()) {
                case IWbemServices.OPNUM_GET_OBJECT -> getObject(IWbemServices.GetObjectRequest.decode(call.stub()));
                case IWbemServices.OPNUM_PUT_INSTANCE -> putInstance(IWbemServices.PutInstanceRequest.decode(call.stub()));
                case IWbemServices.OPNUM_DELETE_INSTANCE -> deleteInstance(IWbemServices.DeleteInstanceRequest.decode(call.stub()));
                case IWbemServices.OPNUM_CREATE_INSTANCE_ENUM -> {
                    var req = IWbemServices.CreateInstanceEnumRequest.decode(call.stub());
                    yield query("SELECT * FROM " + text(req.className()), req.context(), WbemStatus.WBEM_E_INVALID_CLASS);
                }
                case IWbemServices.OPNUM_EXEC_QUERY -> {
                    var req = IWbemServices.ExecQueryRequest.decode(call.stub());
                    if (!"WQL".equalsIgnoreCase(text(req.language()))) {
                        yield new InterfacePointerResponse(OrpcThat.EMPTY, null, WbemStatus.WBEM_E_INVALID_QUERY_TYPE.code()).encode();
                    }
                    yield query(text(req.query()), req.context(), WbemStatus.WBEM_E_INVALID_QUERY);
                }
                case IWbemServices.OPNUM_EXEC_METHOD -> execMethod(IWbemServices.ExecMethodRequest.decode(call.stub()));
                default -> throw noSuchOpnum("IWbemServices", call.opnum());
            };
        }

        private byte[] getObject(IWbemServices.GetObjectRequest req) {
            ObjRef result = null;
            int status = 0;
            try {
                ObjectPath path = ObjectPath.parse(text(req.objectPath()));
                WmiContext context = contextOf(req.context());
                if (path.isClassPath()) {
                    WmiClass c = transport.getClass(namespace, path.className(), options(), context);
                    result = ObjRefCustom.of(ObjRefCustom.IID_IWBEM_CLASS_OBJECT, ObjRefCustom.CLSID_WBEM_CLASS_OBJECT,
                            Wmio.encode(c, site.serverName().split("\\.", 2)[0].toUpperCase(Locale.ROOT), namespace));
                } else {
                    result = WbemClassObjects.objRef(transport.get(namespace, path, options(), context));
                }
            } catch (RuntimeException e) {
                status = hresultOf(e, WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
            }
            return new IWbemServices.ResultResponse(OrpcThat.EMPTY, InOutPointer.answer(req.wantObject(), result),
                    callResult(req.wantCallResult(), status, null, result), status).encode();
        }

        private byte[] putInstance(IWbemServices.PutInstanceRequest req) {
            int status = 0;
            ObjectPath written = null;
            if (!mayWrite()) {
                status = WbemStatus.WBEM_E_ACCESS_DENIED.code();
            } else {
                try {
                    if (req.instance() == null) {
                        throw new IllegalArgumentException("pInst is NULL");
                    }
                    WmiObject instance = WbemClassObjects.unmarshal(req.instance()).instance();
                    written = transport.put(namespace, instance, putMode(req.flags()), options(), contextOf(req.context()));
                } catch (IllegalStateException e) {
                    status = WbemStatus.WBEM_E_INVALID_PARAMETER.code();
                } catch (RuntimeException e) {
                    status = hresultOf(e, WbemStatus.WBEM_E_INVALID_PARAMETER);
                }
            }
            // MS-WMI 3.2.4.2.7: a PutInstance that succeeded hands out an IWbemCallResult whose GetResultString is the
            // path the provider assigned (keys included); a failed one returns none. The call runs to its end before
            // the answer, so the call result is complete whether or not WBEM_FLAG_RETURN_IMMEDIATELY was set.
            return new IWbemServices.CallResultResponse(OrpcThat.EMPTY,
                    callResult(req.wantCallResult(), status, written == null ? null : written.toString(), null), status).encode();
        }

        private PutMode putMode(int flags) {
            // MS-WMI 2.2.6 WBEM_CHANGE_FLAG_TYPE: the low two bits choose create-or-update, update-only, create-only.
            int mode = flags & 3;
            for (PutMode m : PutMode.values()) {
                if (m.flag() == mode) {
                    return m;
                }
            }
            throw new IllegalArgumentException("lFlags 0x" + Integer.toHexString(flags) + " name no WBEM_CHANGE_FLAG_TYPE");
        }

        private byte[] deleteInstance(IWbemServices.DeleteInstanceRequest req) {
            int status = 0;
            if (!mayWrite()) {
                status = WbemStatus.WBEM_E_ACCESS_DENIED.code();
            } else {
                try {
                    transport.delete(namespace, ObjectPath.parse(text(req.objectPath())), options(), contextOf(req.context()));
                } catch (RuntimeException e) {
                    status = hresultOf(e, WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
                }
            }
            return new IWbemServices.CallResultResponse(OrpcThat.EMPTY, callResult(req.wantCallResult(), status, null, null), status)
                    .encode();
        }

        /**
         * The ppCallResult of a call that has run to its end: an IWbemCallResult when asked for and the call succeeded,
         * none when it failed (MS-WMI 3.2.4.2.7).
         */
        private InOutPointer callResult(boolean asked, int status, String resultString, ObjRef resultObject) {
            if (!asked || status < 0) {
                return InOutPointer.answer(asked, null);
            }
            return InOutPointer.of(exporter.marshal(new CallResult(resultString, resultObject), IWbemCallResult.IID));
        }

        private byte[] query(String wql, WmiContext context, WbemStatus forBadInput) {
            try {
                Enumeration e = new Enumeration(this, wql, contextOf(context));
                return new InterfacePointerResponse(OrpcThat.EMPTY, exporter.marshal(e, IEnumWbemClassObject.IID), 0).encode();
            } catch (RuntimeException e) {
                return new InterfacePointerResponse(OrpcThat.EMPTY, null, hresultOf(e, forBadInput)).encode();
            }
        }

        Stream<WmiObject> run(String wql, WmiContext context) {
            return transport.query(namespace, wql, QueryOptions.defaults().withTimeout(callTimeout), context);
        }

        private byte[] execMethod(IWbemServices.ExecMethodRequest req) {
            ObjRef out = null;
            int status = 0;
            if (!mayWrite()) {
                status = WbemStatus.WBEM_E_ACCESS_DENIED.code();
            } else {
                try {
                    WmiObject in = req.inParams() == null ? null : WbemClassObjects.unmarshal(req.inParams()).instance();
                    WmiObject result = transport.invoke(namespace, ObjectPath.parse(text(req.objectPath())), text(req.methodName()), in,
                            options(), contextOf(req.context()));
                    out = WbemClassObjects.objRef(result);
                } catch (IllegalStateException e) {
                    status = WbemStatus.WBEM_E_INVALID_PARAMETER.code();
                } catch (RuntimeException e) {
                    status = hresultOf(e, WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS);
                }
            }
            return new IWbemServices.ResultResponse(OrpcThat.EMPTY, InOutPointer.answer(req.wantOutParams(), out),
                    callResult(req.wantCallResult(), status, null, out), status).encode();
        }
    }

    // ---------------------------------------------------------------------------------------- IWbemCallResult

    /**
     * IWbemCallResult (MS-WMI 3.1.4.5) of a completed call: the server runs every call to its end before answering, so
     * the result is at hand and lTimeout never matters. GetResultString (3.1.4.5.2) gives the path PutInstance assigned,
     * GetResultObject (3.1.4.5.1) the object of a GetObject or ExecMethod, GetCallStatus (3.1.4.5.4) WBEM_S_NO_ERROR;
     * a result the original call does not have is answered as 3.1.4.5 prescribes: a NULL string or object with
     * WBEM_E_INVALID_OPERATION. GetResultServices (3.1.4.5.3, OpenNamespace only) is not served.
     */
    private static final class CallResult implements ObjectExporter.Exported {
        private final String resultString;
        private final ObjRef resultObject;

        CallResult(String resultString, ObjRef resultObject) {
            this.resultString = resultString;
            this.resultObject = resultObject;
        }

        @Override
        public boolean supports(UUID iid) {
            return iid.equals(IWbemCallResult.IID);
        }

        @Override
        public byte[] invoke(UUID iid, RpcCall call) {
            if (call.opnum() < IWbemCallResult.OPNUM_GET_RESULT_OBJECT || call.opnum() > IWbemCallResult.OPNUM_GET_CALL_STATUS) {
                throw noSuchOpnum("IWbemCallResult", call.opnum());
            }
            IWbemCallResult.TimeoutRequest.decode(call.opnum(), call.stub());
            int invalid = WbemStatus.WBEM_E_INVALID_OPERATION.code();
            return switch (call.opnum()) {
                case IWbemCallResult.OPNUM_GET_RESULT_STRING -> new IWbemCallResult.ResultStringResponse(OrpcThat.EMPTY, resultString,
                        resultString == null ? invalid : 0).encode();
                case IWbemCallResult.OPNUM_GET_RESULT_OBJECT -> new InterfacePointerResponse(OrpcThat.EMPTY, resultObject,
                        resultObject == null ? invalid : 0).encode();
                case IWbemCallResult.OPNUM_GET_CALL_STATUS -> new IWbemCallResult.CallStatusResponse(OrpcThat.EMPTY, 0, 0).encode();
                default -> throw noSuchOpnum("IWbemCallResult", call.opnum());
            };
        }
    }

    // ---------------------------------------------------------------------------------------- enumerators

    /**
     * The results of one query (MS-WMI 3.1.4.4 IEnumWbemClassObject), also reachable as IWbemFetchSmartEnum (3.1.4.5)
     * and IWbemWCOSmartEnum (3.1.4.6): all three move the same cursor. Reset runs the query again; Clone runs it again
     * and skips to the same position.
     */
    private final class Enumeration implements ObjectExporter.Exported {
        private final Services services;
        private final String wql;
        private final WmiContext context;
        /** Class caches of the smart enumerator, per proxy GUID (MS-WMI 3.1.4.6.1: classes are sent once per proxy). */
        private final Map<UUID, WbemObjectArray.ClassCache> caches = new HashMap<>();
        private Stream<WmiObject> results;
        private Iterator<WmiObject> cursor;
        private long position;

        Enumeration(Services services, String wql, WmiContext context) {
            this.services = services;
            this.wql = wql;
            this.context = context;
            restart();
            openEnumerators.incrementAndGet();
        }

        private void restart() {
            if (results != null) {
                results.close();
            }
            results = services.run(wql, context);
            cursor = results.iterator();
            position = 0;
        }

        @Override
        public boolean supports(UUID iid) {
            return iid.equals(IEnumWbemClassObject.IID) || iid.equals(IWbemFetchSmartEnum.IID) || iid.equals(IWbemWcoSmartEnum.IID);
        }

        @Override
        public synchronized void released() {
            openEnumerators.decrementAndGet();
            results.close();
        }

        /** The next objects, at most {@code count}; the HRESULT is WBEM_S_FALSE when fewer come. */
        private List<WmiObject> take(long count) {
            List<WmiObject> out = new ArrayList<>();
            long bounded = Math.min(count, IEnumWbemClassObject.MAX_OBJECTS);
            while (out.size() < bounded && cursor.hasNext()) {
                out.add(cursor.next());
            }
            position += out.size();
            return out;
        }

        /**
         * The simulator lost its connection in the middle of the results (its injected "drop the enumeration" fault):
         * the client sees what a real network failure shows, its TCP connection closed without an answer.
         */
        private RpcConnectionDropException dropped(ConnectionException e) {
            LOG.debug("enumeration of {} lost its connection after {} objects; dropping the client's connection", wql, position);
            return new RpcConnectionDropException("the enumeration of " + wql + " lost its connection: " + e.getMessage());
        }

        @Override
        public synchronized byte[] invoke(UUID iid, RpcCall call) {
            if (iid.equals(IWbemFetchSmartEnum.IID)) {
                if (call.opnum() != IWbemFetchSmartEnum.OPNUM_GET_SMART_ENUM) {
                    throw noSuchOpnum("IWbemFetchSmartEnum", call.opnum());
                }
                return new InterfacePointerResponse(OrpcThat.EMPTY, exporter.marshal(this, IWbemWcoSmartEnum.IID), 0).encode();
            }
            if (iid.equals(IWbemWcoSmartEnum.IID)) {
                if (call.opnum() != IWbemWcoSmartEnum.OPNUM_NEXT) {
                    throw noSuchOpnum("IWbemWCOSmartEnum", call.opnum());
                }
                var req = IWbemWcoSmartEnum.NextRequest.decode(call.stub());
                try {
                    List<WmiObject> objects = take(Integer.toUnsignedLong(req.count()));
                    objectsSent.addAndGet(objects.size());
                    WbemObjectArray.ClassCache cache = caches.computeIfAbsent(req.proxyGuid(), g -> new WbemObjectArray.ClassCache());
                    byte[] buffer = WbemObjectArray.encode(objects, WbemObjectArray.PACKET_SMART_ENUM_NEXT, cache);
                    int status = objects.size() < Integer.toUnsignedLong(req.count()) ? WBEM_S_FALSE : 0;
                    return new IWbemWcoSmartEnum.NextResponse(OrpcThat.EMPTY, objects.size(), buffer, status).encode();
                } catch (ConnectionException e) {
                    throw dropped(e);
                } catch (RuntimeException e) {
                    return new IWbemWcoSmartEnum.NextResponse(OrpcThat.EMPTY, 0, new byte[0], hresultOf(e, WbemStatus.WBEM_E_FAILED))
                            .encode();
                }
            }
            return switch (call.opnum()) {
                case IEnumWbemClassObject.OPNUM_NEXT -> {
                    var req = IEnumWbemClassObject.CountRequest.decode(call.opnum(), call.stub());
                    try {
                        List<ObjRefCustom> objects = take(Integer.toUnsignedLong(req.count())).stream().map(WbemClassObjects::objRef).toList();
                        objectsSent.addAndGet(objects.size());
                        int status = objects.size() < Integer.toUnsignedLong(req.count()) ? WBEM_S_FALSE : 0;
                        yield new IEnumWbemClassObject.NextResponse(OrpcThat.EMPTY, req.count(), objects, status).encode();
                    } catch (ConnectionException e) {
                        throw dropped(e);
                    } catch (RuntimeException e) {
                        yield new IEnumWbemClassObject.NextResponse(OrpcThat.EMPTY, req.count(), List.of(),
                                hresultOf(e, WbemStatus.WBEM_E_FAILED)).encode();
                    }
                }
                case IEnumWbemClassObject.OPNUM_RESET -> {
                    int status = 0;
                    try {
                        restart();
                    } catch (RuntimeException e) {
                        status = hresultOf(e, WbemStatus.WBEM_E_FAILED);
                    }
                    yield new OrpcStatusResponse(OrpcThat.EMPTY, status).encode();
                }
                case IEnumWbemClassObject.OPNUM_SKIP -> {
                    var req = IEnumWbemClassObject.CountRequest.decode(call.opnum(), call.stub());
                    int status;
                    try {
                        long wanted = Integer.toUnsignedLong(req.count());
                        long skipped = 0;
                        while (skipped < wanted && cursor.hasNext()) {
                            cursor.next();
                            skipped++;
                        }
                        position += skipped;
                        status = skipped < wanted ? WBEM_S_FALSE : 0;
                    } catch (RuntimeException e) {
                        status = hresultOf(e, WbemStatus.WBEM_E_FAILED);
                    }
                    yield new OrpcStatusResponse(OrpcThat.EMPTY, status).encode();
                }
                case IEnumWbemClassObject.OPNUM_CLONE -> {
                    try {
                        Enumeration clone = new Enumeration(services, wql, context);
                        clone.take(position);
                        yield new InterfacePointerResponse(OrpcThat.EMPTY, exporter.marshal(clone, IEnumWbemClassObject.IID), 0).encode();
                    } catch (RuntimeException e) {
                        yield new InterfacePointerResponse(OrpcThat.EMPTY, null, hresultOf(e, WbemStatus.WBEM_E_FAILED)).encode();
                    }
                }
                case IEnumWbemClassObject.OPNUM_NEXT_ASYNC -> new OrpcStatusResponse(OrpcThat.EMPTY, WbemStatus.WBEM_E_NOT_SUPPORTED.code())
                        .encode();
                default -> throw noSuchOpnum("IEnumWbemClassObject", call.opnum());
            };
        }
    }
}
