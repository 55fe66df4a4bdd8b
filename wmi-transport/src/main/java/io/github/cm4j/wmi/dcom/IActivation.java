package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * IActivation (MS-DCOM 3.1.2.5.2.1), the older activation interface of the object resolver: RemoteActivation
 * (opnum 0), with the parameters of activation as plain RPC arguments instead of a properties BLOB.
 */
public final class IActivation {
    /** IID_IActivation. */
    public static final UUID IID = UUID.fromString("4d9f4ab8-7d1c-11cf-861e-0020af6e7c57");
    /** RemoteActivation (3.1.2.5.2.3.1). */
    public static final int OPNUM_REMOTE_ACTIVATION = 0;

    private IActivation() {
    }

    /**
     * RemoteActivation request: {@code ORPCTHIS *ORPCthis, GUID *Clsid, [string, unique] wchar_t *pwszObjectName,
     * [unique] MInterfacePointer *pObjectStorage, DWORD ClientImpLevel, DWORD Mode, [range(1,
     * MAX_REQUESTED_INTERFACES)] DWORD Interfaces, [unique, size_is(Interfaces)] IID *pIIDs, [range(0,
     * MAX_REQUESTED_PROTSEQS)] unsigned short cRequestedProtseqs, [size_is(cRequestedProtseqs)] unsigned short
     * aRequestedProtseqs[]}.
     *
     * @param orpcThis the ORPCTHIS
     * @param clsid the class to activate
     * @param objectName pwszObjectName (persistent activation), usually null
     * @param objectStorage pObjectStorage, usually null
     * @param clientImpLevel ClientImpLevel
     * @param mode Mode
     * @param iids the interfaces wanted
     * @param requestedProtseqs the protocol sequences the client can use
     */
    public record RemoteActivationRequest(OrpcThis orpcThis, UUID clsid, String objectName, ObjRef objectStorage, int clientImpLevel,
            int mode, List<UUID> iids, List<Integer> requestedProtseqs) implements RpcRequest {
        /** Validates and copies. */
        public RemoteActivationRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
            Objects.requireNonNull(clsid, "clsid");
            iids = List.copyOf(iids);
            requestedProtseqs = List.copyOf(requestedProtseqs);
            if (iids.isEmpty() || iids.size() > ActivationProperty.MAX_REQUESTED_INTERFACES) {
                throw new IllegalArgumentException("Interfaces " + iids.size() + " is outside [range(1, MAX_REQUESTED_INTERFACES)]");
            }
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_REMOTE_ACTIVATION;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            w.guid(clsid);
            w.topLevelUnique(objectName, NdrWriter::wideString);
            InterfacePointers.writeParameter(w, objectStorage);
            w.u32(clientImpLevel).u32(mode).u32(iids.size());
            w.topLevelUnique(iids, (x, l) -> x.conformantArray(l, NdrWriter::guid));
            w.u16(requestedProtseqs.size()).conformantArray(requestedProtseqs, NdrWriter::u16);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static RemoteActivationRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IActivation::RemoteActivation request");
            OrpcThis t = OrpcThis.read(r);
            UUID clsid = r.guid("Clsid");
            String name = r.topLevelUnique("pwszObjectName", NdrReader.Decoder.of(x -> x.wideString("pwszObjectName")));
            ObjRef storage = InterfacePointers.readParameter(r, "pObjectStorage");
            int level = r.u32("ClientImpLevel");
            int mode = r.u32("Mode");
            long count = Integer.toUnsignedLong(r.u32("Interfaces"));
            if (count < 1 || count > ActivationProperty.MAX_REQUESTED_INTERFACES) {
                throw r.fail("Interfaces", count + " is outside [range(1, MAX_REQUESTED_INTERFACES)]");
            }
            List<UUID> iids = r.topLevelUnique("pIIDs", NdrReader.Decoder.of(
                    x -> x.conformantArray("pIIDs", 16, ActivationProperty.MAX_REQUESTED_INTERFACES, y -> y.guid("pIIDs"))));
            if (iids == null) {
                throw r.fail("pIIDs", "pIIDs is NULL but Interfaces is " + count);
            }
            r.requireConformance("pIIDs", count, iids.size());
            List<Integer> protseqs = IObjectExporter.readProtseqs(r, "cRequestedProtseqs", "aRequestedProtseqs");
            return new RemoteActivationRequest(t, clsid, name, storage, level, mode, iids, protseqs);
        }
    }

    /**
     * RemoteActivation response: {@code ORPCTHAT *ORPCthat, OXID *pOxid, DUALSTRINGARRAY **ppdsaOxidBindings, IPID
     * *pipidRemUnknown, DWORD *pAuthnHint, COMVERSION *pServerVersion, HRESULT *phr, [size_is(Interfaces)]
     * MInterfacePointer **ppInterfaceData, [size_is(Interfaces)] HRESULT *pResults} and the error_status_t.
     *
     * @param orpcThat the ORPCTHAT
     * @param oxid the exporter's OXID
     * @param oxidBindings where the exporter listens (null when the pointer is NULL)
     * @param ipidRemUnknown the IPID of the exporter's IRemUnknown
     * @param authnHint the lowest authentication level the exporter accepts
     * @param serverVersion the server's COM version
     * @param hresult phr, the outcome of the activation
     * @param interfaces one interface pointer per IID asked for (null entries for failures)
     * @param results one HRESULT per IID asked for
     * @param status the error_status_t
     */
    public record RemoteActivationResponse(OrpcThat orpcThat, long oxid, DualStringArray oxidBindings, UUID ipidRemUnknown, int authnHint,
            ComVersion serverVersion, int hresult, List<ObjRef> interfaces, List<Integer> results, int status) implements RpcResponse {
        /**
         * Validates and copies (interfaces may hold nulls).
         *
         * @throws IllegalArgumentException when interfaces and results differ in size: both arrays are
         *     {@code size_is(Interfaces)} (MS-DCOM 3.1.2.5.2.3.1), on success and failure alike
         */
        public RemoteActivationResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            Objects.requireNonNull(ipidRemUnknown, "ipidRemUnknown");
            Objects.requireNonNull(serverVersion, "serverVersion");
            interfaces = Collections.unmodifiableList(new ArrayList<>(interfaces));
            results = List.copyOf(results);
            if (interfaces.size() != results.size()) {
                throw new IllegalArgumentException("RemoteActivation answers one result per interface pointer: "
                        + interfaces.size() + " pointers, " + results.size() + " results");
            }
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            w.u64(oxid);
            w.topLevelUnique(oxidBindings, (x, d) -> d.write(x));
            w.guid(ipidRemUnknown).u32(authnHint);
            serverVersion.write(w);
            w.u32(hresult);
            w.construct(x -> x.conformantArray(interfaces, (y, ref) -> y.unique(ref, InterfacePointers::write)));
            w.conformantArray(results, NdrWriter::u32);
            return w.u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static RemoteActivationResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IActivation::RemoteActivation response");
            OrpcThat t = OrpcThat.read(r);
            long oxid = r.u64("pOxid");
            DualStringArray bindings = IObjectExporter.readBindings(r, "ppdsaOxidBindings");
            UUID ipid = r.guid("pipidRemUnknown");
            int hint = r.u32("pAuthnHint");
            ComVersion v = ComVersion.read(r, "pServerVersion");
            int hr = r.u32("phr");
            List<ObjRef> refs = r.construct(x -> {
                List<NdrReader.Deferred<ObjRef>> slots = x.conformantArray("ppInterfaceData", 4,
                        ActivationProperty.MAX_REQUESTED_INTERFACES, y -> y.unique("ppInterfaceData", InterfacePointers.decoder("ppInterfaceData")));
                return () -> slots.stream().map(NdrReader.Deferred::get).toList();
            });
            List<Integer> results = r.conformantArray("pResults", 4, ActivationProperty.MAX_REQUESTED_INTERFACES, x -> x.u32("pResults"));
            if (results.size() != refs.size()) {
                throw r.fail("pResults", results.size() + " results for " + refs.size()
                        + " interface pointers; both are size_is(Interfaces) (MS-DCOM 3.1.2.5.2.3.1)");
            }
            return new RemoteActivationResponse(t, oxid, bindings, ipid, hint, v, hr, refs, results, r.u32("ErrorCode"));
        }
    }
}
