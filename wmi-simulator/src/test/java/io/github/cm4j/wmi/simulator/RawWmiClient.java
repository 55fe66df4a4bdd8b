package io.github.cm4j.wmi.simulator;

import io.github.cm4j.Credentials;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.wmi.dcom.ActivationProperties;
import io.github.cm4j.wmi.dcom.ActivationProperty;
import io.github.cm4j.wmi.dcom.IRemUnknown;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.RemInterfaceRef;
import io.github.cm4j.wmi.rpc.AuthLevel;
import io.github.cm4j.wmi.rpc.RpcClientConnection;
import io.github.cm4j.wmi.rpc.SyntaxId;
import io.github.cm4j.wmi.wbem.IWbemLevel1Login;
import io.github.cm4j.wmi.wbem.IWbemServices;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal DCOM/WMI client for the server's own tests, built from the wire records of cm4j-wmi-transport: activation
 * on one connection, then every ORPC call on one connection to the object exporter (one presentation context per
 * interface). Not a transport: no retries, no pinging.
 */
final class RawWmiClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern ENDPOINT = Pattern.compile("(.+)\\[(\\d+)]");

    final RpcClientConnection activation;
    final RpcClientConnection exporter;
    final IRemoteScmActivator.ActivationResponse activationReply;
    final UUID ipidRemUnknown;
    final ObjRefStandard login;
    private final Map<UUID, Integer> contexts = new HashMap<>();

    private RawWmiClient(RpcClientConnection activation, IRemoteScmActivator.ActivationResponse reply, Credentials account,
                         AuthLevel level) {
        this.activation = activation;
        this.activationReply = reply;
        ActivationProperty.ScmReplyInfo scm = reply.properties().property(ActivationProperty.ScmReplyInfo.class).orElseThrow();
        this.ipidRemUnknown = scm.ipidRemUnknown();
        this.login = (ObjRefStandard) reply.properties().property(ActivationProperty.PropsOutInfo.class).orElseThrow().interfaces().get(0);
        // the binding with the address (the first names the computer, which this machine need not resolve)
        var bindings = scm.oxidBindings().stringBindings();
        Matcher m = ENDPOINT.matcher(bindings.get(bindings.size() - 1).networkAddress());
        if (!m.matches()) {
            throw new AssertionError("no endpoint in " + scm.oxidBindings());
        }
        this.exporter = RpcClientConnection.builder(m.group(1), Integer.parseInt(m.group(2))).credentials(account).authLevel(level)
                .connect();
    }

    /** Activates CLSID_WbemLevel1Login on the activation port and connects to the object exporter it names. */
    static RawWmiClient activate(int port, Credentials account, AuthLevel level) {
        RpcClientConnection a = RpcClientConnection.builder("127.0.0.1", port).credentials(account).authLevel(level).connect();
        try {
            int ctx = a.bind(SyntaxId.of(IRemoteScmActivator.IID.toString(), 0, 0), TIMEOUT);
            var request = new IRemoteScmActivator.RemoteCreateInstanceRequest(OrpcThis.of(UUID.randomUUID()), null,
                    ActivationProperties.request(IWbemLevel1Login.CLSID, List.of(IWbemLevel1Login.IID)));
            var reply = IRemoteScmActivator.ActivationResponse.decode(a.call(ctx, request.opnum(), null, request.encode(), TIMEOUT));
            if (reply.status() != 0) {
                throw new AssertionError("activation failed: 0x" + Integer.toHexString(reply.status()));
            }
            return new RawWmiClient(a, reply, account, level);
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /** @return an ORPC call's response stub (the IPID as object UUID, one presentation context per interface) */
    byte[] call(UUID iid, UUID ipid, int opnum, byte[] stub) {
        int ctx = contexts.computeIfAbsent(iid, i -> exporter.bind(SyntaxId.of(i.toString(), 0, 0), TIMEOUT));
        return exporter.call(ctx, opnum, ipid, stub, TIMEOUT);
    }

    /** @return NTLMLogin's response */
    InterfacePointerResponse ntlmLogin(String namespace) {
        var req = new IWbemLevel1Login.NtlmLoginRequest(orpc(), namespace, null, 0, null);
        return IWbemLevel1Login.decodeNtlmLoginResponse(call(IWbemLevel1Login.IID, login.std().ipid(), req.opnum(), req.encode()));
    }

    /** @return the IWbemServices of a successful NTLMLogin */
    ObjRefStandard services(String namespace) {
        InterfacePointerResponse r = ntlmLogin(namespace);
        if (r.status() != 0) {
            throw new AssertionError("NTLMLogin failed: 0x" + Integer.toHexString(r.status()));
        }
        return (ObjRefStandard) r.value();
    }

    /** @return ExecQuery's response on a services object */
    InterfacePointerResponse execQuery(ObjRefStandard services, String wql, WmiContext context) {
        var req = IWbemServices.ExecQueryRequest.wql(orpc(), wql, context);
        return IWbemServices.decodeEnumResponse(call(IWbemServices.IID, services.std().ipid(), req.opnum(), req.encode()));
    }

    /** RemQueryInterface through the exporter's IRemUnknown. */
    IRemUnknown.RemQueryInterfaceResponse queryInterface(UUID ipid, UUID iid) {
        var req = new IRemUnknown.RemQueryInterfaceRequest(orpc(), ipid, 1, List.of(iid));
        return IRemUnknown.RemQueryInterfaceResponse.decode(call(IRemUnknown.IID, ipidRemUnknown, req.opnum(), req.encode()));
    }

    /** @return RemAddRef's answer for one reference of each IPID */
    IRemUnknown.RemAddRefResponse addRef(UUID... ipids) {
        List<RemInterfaceRef> refs = java.util.Arrays.stream(ipids).map(i -> new RemInterfaceRef(i, 1, 0)).toList();
        var req = IRemUnknown.InterfaceRefsRequest.remAddRef(orpc(), refs);
        return IRemUnknown.RemAddRefResponse.decode(call(IRemUnknown.IID, ipidRemUnknown, req.opnum(), req.encode()));
    }

    /** @return RemRelease's HRESULT for one reference of each IPID */
    int releaseStatus(UUID... ipids) {
        List<RemInterfaceRef> refs = java.util.Arrays.stream(ipids).map(i -> new RemInterfaceRef(i, 1, 0)).toList();
        var req = IRemUnknown.InterfaceRefsRequest.remRelease(orpc(), refs);
        return io.github.cm4j.wmi.dcom.OrpcStatusResponse.decode(call(IRemUnknown.IID, ipidRemUnknown, req.opnum(), req.encode())).status();
    }

    /** Releases one reference of each IPID. */
    void release(UUID... ipids) {
        List<RemInterfaceRef> refs = java.util.Arrays.stream(ipids).map(i -> new RemInterfaceRef(i, 1, 0)).toList();
        var req = IRemUnknown.InterfaceRefsRequest.remRelease(orpc(), refs);
        call(IRemUnknown.IID, ipidRemUnknown, req.opnum(), req.encode());
    }

    /** Releases every public reference each object reference carried (RemRelease, MS-DCOM 3.1.1.5.6.2.2). */
    void releaseAll(ObjRefStandard... objects) {
        List<RemInterfaceRef> refs = java.util.Arrays.stream(objects)
                .map(o -> new RemInterfaceRef(o.std().ipid(), o.std().publicRefs(), 0)).toList();
        var req = IRemUnknown.InterfaceRefsRequest.remRelease(orpc(), refs);
        int status = io.github.cm4j.wmi.dcom.OrpcStatusResponse.decode(call(IRemUnknown.IID, ipidRemUnknown, req.opnum(),
                req.encode())).status();
        if (status != 0) {
            throw new AssertionError("RemRelease failed: 0x" + Integer.toHexString(status));
        }
    }

    static OrpcThis orpc() {
        return OrpcThis.of(UUID.randomUUID());
    }

    @Override
    public void close() {
        exporter.close();
        activation.close();
    }
}
