package io.github.cm4j.wmi.simulator;

import io.github.cm4j.wmi.dcom.ActivationProperties;
import io.github.cm4j.wmi.dcom.ActivationProperty;
import io.github.cm4j.wmi.dcom.ComVersion;
import io.github.cm4j.wmi.dcom.IActivation;
import io.github.cm4j.wmi.dcom.IObjectExporter;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.WireFormatException;
import io.github.cm4j.wmi.rpc.RpcCall;
import io.github.cm4j.wmi.rpc.RpcFaultException;
import io.github.cm4j.wmi.rpc.RpcStatus;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activation endpoint of a {@link WmiServer} (the object resolver, port 135 on Windows): IRemoteSCMActivator
 * (MS-DCOM 3.1.2.5.2.3), IRemoteActivation (3.1.2.5.2.1) and IObjectExporter (3.1.2.5.1). The only class it
 * activates is CLSID_WbemLevel1Login; the reply names the server's one object exporter.
 */
final class Activator {
    private static final Logger LOG = LoggerFactory.getLogger(Activator.class);
    /** REGDB_E_CLASSNOTREG (MS-ERREF 2.1): the class is not registered. */
    static final int REGDB_E_CLASSNOTREG = 0x80040154;
    /** E_NOTIMPL (MS-ERREF 2.1). */
    static final int E_NOTIMPL = 0x80004001;

    private final ObjectExporter exporter;
    private final WmiObjects wmi;

    Activator(ObjectExporter exporter, WmiObjects wmi) {
        this.exporter = exporter;
        this.wmi = wmi;
    }

    /** Serves a call on the activation endpoint. */
    byte[] handle(RpcCall call) {
        exporter.sweep();
        UUID iface = call.iface().uuid();
        try {
            if (iface.equals(IRemoteScmActivator.IID)) {
                return scmActivator(call);
            }
            if (iface.equals(IActivation.IID)) {
                return remoteActivation(call);
            }
            return objectExporter(call);
        } catch (WireFormatException e) {
            LOG.debug("bad stub data in {}: {}", call, e.getMessage());
            throw new RpcFaultException(RpcStatus.RPC_X_BAD_STUB_DATA, e.getMessage());
        }
    }

    private byte[] scmActivator(RpcCall call) {
        switch (call.opnum()) {
            case IRemoteScmActivator.OPNUM_REMOTE_CREATE_INSTANCE -> {
                var req = IRemoteScmActivator.RemoteCreateInstanceRequest.decode(call.stub());
                ActivationProperty.InstantiationInfo info = req.properties() == null ? null
                        : req.properties().property(ActivationProperty.InstantiationInfo.class).orElse(null);
                if (info == null) {
                    return new IRemoteScmActivator.ActivationResponse(OrpcThat.EMPTY, null, ObjectExporter.E_INVALIDARG).encode();
                }
                if (!info.classId().equals(IWbemLevel1Login.CLSID)) {
                    LOG.debug("activation of unknown class {} refused", info.classId());
                    return new IRemoteScmActivator.ActivationResponse(OrpcThat.EMPTY, null, REGDB_E_CLASSNOTREG).encode();
                }
                if (!exporter.mayExport(call)) {
                    // issue 19: a per-principal limit, so that one account cannot fill the server with activations
                    LOG.info("activation for {} refused: it owns {} objects", call.principal().map(Object::toString).orElse("?"),
                            ObjectExporter.DEFAULT_MAX_OBJECTS);
                    return new IRemoteScmActivator.ActivationResponse(OrpcThat.EMPTY, null, ObjectExporter.E_OUTOFMEMORY).encode();
                }
                Activated a = activate(info.iids(), call);
                // MS-DCOM 3.1.2.5.2.3.3: PropsOutInfo and ScmReplyInfo, in the order Windows writes them.
                ActivationProperties reply = ActivationProperties.reply(
                        new ActivationProperty.PropsOutInfo(info.iids(), a.hresults, a.refs),
                        new ActivationProperty.ScmReplyInfo(exporter.oxid(), exporter.exporterBindings(), exporter.ipidRemUnknown(),
                                exporter.authnHint(), ComVersion.V5_7));
                return new IRemoteScmActivator.ActivationResponse(OrpcThat.EMPTY, reply, 0).encode();
            }
            case IRemoteScmActivator.OPNUM_REMOTE_GET_CLASS_OBJECT -> {
                // Class factories are not remoted by this server: WMI clients use RemoteCreateInstance.
                return new IRemoteScmActivator.ActivationResponse(OrpcThat.EMPTY, null, E_NOTIMPL).encode();
            }
            default -> throw new RpcFaultException(RpcStatus.NCA_S_OP_RNG_ERROR, "IRemoteSCMActivator has no opnum " + call.opnum());
        }
    }

    /** The interfaces of a new IWbemLevel1Login object, one HRESULT and pointer per IID. */
    private record Activated(List<Integer> hresults, List<ObjRef> refs) {
    }

    private Activated activate(List<UUID> iids, RpcCall call) {
        return exporter.asCaller(call, () -> activateAsCaller(iids, call));
    }

    private Activated activateAsCaller(List<UUID> iids, RpcCall call) {
        ObjectExporter.Exported login = wmi.newLogin();
        List<Integer> hresults = new ArrayList<>();
        List<ObjRef> refs = new ArrayList<>();
        boolean any = false;
        for (UUID iid : iids) {
            if (login.supports(iid) || iid.equals(WmiServer.IID_IUNKNOWN)) {
                hresults.add(0);
                refs.add(exporter.marshal(login, iid));
                any = true;
            } else {
                hresults.add(ObjectExporter.E_NOINTERFACE);
                refs.add(null);
            }
        }
        LOG.debug("activated IWbemLevel1Login for {} ({} of {} interfaces)", call.principal().map(Object::toString).orElse("?"),
                any ? "some" : "none", iids.size());
        return new Activated(hresults, refs);
    }

    private byte[] remoteActivation(RpcCall call) {
        if (call.opnum() != IActivation.OPNUM_REMOTE_ACTIVATION) {
            throw new RpcFaultException(RpcStatus.NCA_S_OP_RNG_ERROR, "IRemoteActivation has no opnum " + call.opnum());
        }
        var req = IActivation.RemoteActivationRequest.decode(call.stub());
        if (!req.clsid().equals(IWbemLevel1Login.CLSID)) {
            // MS-DCOM 3.1.2.5.2.3.1: ppInterfaceData and pResults are both size_is(Interfaces), so even a failed
            // activation answers one (NULL) pointer and one HRESULT per requested IID; Samba's generated client
            // refuses anything else with NT_STATUS_ARRAY_BOUNDS_EXCEEDED (issue 19).
            return new IActivation.RemoteActivationResponse(OrpcThat.EMPTY, 0, null, new UUID(0, 0), 0, ComVersion.V5_7,
                    REGDB_E_CLASSNOTREG, nulls(req.iids().size()), java.util.Collections.nCopies(req.iids().size(),
                    REGDB_E_CLASSNOTREG), 0).encode();
        }
        Activated a = activate(req.iids(), call);
        return new IActivation.RemoteActivationResponse(OrpcThat.EMPTY, exporter.oxid(), exporter.exporterBindings(),
                exporter.ipidRemUnknown(), exporter.authnHint(), ComVersion.V5_7, 0, a.refs, a.hresults, 0).encode();
    }

    private static List<ObjRef> nulls(int n) {
        List<ObjRef> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(null);
        }
        return l;
    }

    private byte[] objectExporter(RpcCall call) {
        switch (call.opnum()) {
            case IObjectExporter.OPNUM_RESOLVE_OXID -> {
                var req = IObjectExporter.ResolveOxidRequest.decode(call.opnum(), call.stub());
                boolean ours = req.oxid() == exporter.oxid();
                return new IObjectExporter.ResolveOxidResponse(ours ? exporter.exporterBindings() : null,
                        ours ? exporter.ipidRemUnknown() : new UUID(0, 0), ours ? exporter.authnHint() : 0,
                        ours ? 0 : ObjectExporter.OR_INVALID_OXID).encode();
            }
            case IObjectExporter.OPNUM_RESOLVE_OXID2 -> {
                var req = IObjectExporter.ResolveOxidRequest.decode(call.opnum(), call.stub());
                boolean ours = req.oxid() == exporter.oxid();
                return new IObjectExporter.ResolveOxid2Response(ours ? exporter.exporterBindings() : null,
                        ours ? exporter.ipidRemUnknown() : new UUID(0, 0), ours ? exporter.authnHint() : 0, ComVersion.V5_7,
                        ours ? 0 : ObjectExporter.OR_INVALID_OXID).encode();
            }
            case IObjectExporter.OPNUM_SIMPLE_PING -> {
                var req = IObjectExporter.SimplePingRequest.decode(call.stub());
                return new IObjectExporter.StatusResponse(exporter.simplePing(call, req.setId())).encode();
            }
            case IObjectExporter.OPNUM_COMPLEX_PING -> {
                var req = IObjectExporter.ComplexPingRequest.decode(call.stub());
                ObjectExporter.PingResult r = exporter.complexPing(call, req.setId(), req.addToSet(), req.delFromSet());
                return new IObjectExporter.ComplexPingResponse(r.setId(), 0, r.status()).encode();
            }
            case IObjectExporter.OPNUM_SERVER_ALIVE -> {
                return new IObjectExporter.StatusResponse(0).encode();
            }
            case IObjectExporter.OPNUM_SERVER_ALIVE2 -> {
                return new IObjectExporter.ServerAlive2Response(ComVersion.V5_7, exporter.resolverBindings(), 0).encode();
            }
            default -> throw new RpcFaultException(RpcStatus.NCA_S_OP_RNG_ERROR, "IObjectExporter has no opnum " + call.opnum());
        }
    }
}
