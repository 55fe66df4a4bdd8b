package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * IObjectExporter (MS-DCOM 3.1.2.5.1), the object resolver's interface on port 135: OXID resolution and pinging.
 * These are plain RPC calls (no ORPCTHIS, no object UUID); their return value is an error_status_t.
 */
public final class IObjectExporter {
    /** IID_IObjectExporter. */
    public static final UUID IID = UUID.fromString("99fcfec4-5260-101b-bbcb-00aa0021347a");
    /** ResolveOxid (3.1.2.5.1.1). */
    public static final int OPNUM_RESOLVE_OXID = 0;
    /** SimplePing (3.1.2.5.1.2). */
    public static final int OPNUM_SIMPLE_PING = 1;
    /** ComplexPing (3.1.2.5.1.3). */
    public static final int OPNUM_COMPLEX_PING = 2;
    /** ServerAlive (3.1.2.5.1.4). */
    public static final int OPNUM_SERVER_ALIVE = 3;
    /** ResolveOxid2 (3.1.2.5.1.5). */
    public static final int OPNUM_RESOLVE_OXID2 = 4;
    /** ServerAlive2 (3.1.2.5.1.6). */
    public static final int OPNUM_SERVER_ALIVE2 = 5;
    /** MAX_REQUESTED_PROTSEQS (MS-DCOM 2.2.28.1), the range of cRequestedProtseqs. */
    public static final int MAX_REQUESTED_PROTSEQS = 0x8000;
    /** The most OIDs cm4j reads in one ComplexPing set change (the counts are unsigned shorts). */
    public static final int MAX_OIDS = 0xFFFF;

    private IObjectExporter() {
    }

    /** Reads {@code unsigned short count, [size_is(count)] unsigned short array[]} with the MAX_REQUESTED_PROTSEQS range. */
    static List<Integer> readProtseqs(NdrReader r, String countField, String arrayField) {
        int count = r.u16(countField);
        if (count > MAX_REQUESTED_PROTSEQS) {
            throw r.fail(countField, count + " is outside [range(0, MAX_REQUESTED_PROTSEQS)]");
        }
        List<Integer> protseqs = r.conformantArray(arrayField, 2, MAX_REQUESTED_PROTSEQS, x -> x.u16(arrayField));
        r.requireConformance(arrayField, count, protseqs.size());
        return protseqs;
    }

    /**
     * ResolveOxid and ResolveOxid2 requests: {@code [in] OXID *pOxid, [in] unsigned short cRequestedProtseqs, [in,
     * ref, size_is(cRequestedProtseqs)] unsigned short arRequestedProtseqs[]}.
     *
     * @param opnum {@link #OPNUM_RESOLVE_OXID} or {@link #OPNUM_RESOLVE_OXID2}
     * @param oxid the OXID to resolve
     * @param requestedProtseqs the protocol sequences the client can use (7 = ncacn_ip_tcp)
     */
    public record ResolveOxidRequest(int opnum, long oxid, List<Integer> requestedProtseqs) implements RpcRequest {
        /** Validates and copies. */
        public ResolveOxidRequest {
            requestedProtseqs = List.copyOf(requestedProtseqs);
            if (opnum != OPNUM_RESOLVE_OXID && opnum != OPNUM_RESOLVE_OXID2) {
                throw new IllegalArgumentException("opnum " + opnum + " is neither ResolveOxid (0) nor ResolveOxid2 (4)");
            }
        }

        /**
         * @param oxid the OXID
         * @param requestedProtseqs the protocol sequences
         * @return a ResolveOxid2 request (the one that also returns the COM version)
         */
        public static ResolveOxidRequest resolveOxid2(long oxid, List<Integer> requestedProtseqs) {
            return new ResolveOxidRequest(OPNUM_RESOLVE_OXID2, oxid, requestedProtseqs);
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public byte[] encode() {
            return new NdrWriter().u64(oxid).u16(requestedProtseqs.size()).conformantArray(requestedProtseqs, NdrWriter::u16).toByteArray();
        }

        /**
         * @param opnum the opnum the call came with
         * @param stub the stub data
         * @return the request
         */
        public static ResolveOxidRequest decode(int opnum, byte[] stub) {
            NdrReader r = new NdrReader(stub, "IObjectExporter::ResolveOxid request");
            long oxid = r.u64("pOxid");
            return new ResolveOxidRequest(opnum, oxid, readProtseqs(r, "cRequestedProtseqs", "arRequestedProtseqs"));
        }
    }

    /**
     * ResolveOxid response: {@code [out, ref] DUALSTRINGARRAY **ppdsaOxidBindings, [out, ref] IPID
     * *pipidRemUnknown, [out, ref] DWORD *pAuthnHint} and the status.
     *
     * @param oxidBindings where the exporter listens (null when the inner pointer is NULL, e.g. on failure)
     * @param ipidRemUnknown the IPID of the exporter's IRemUnknown
     * @param authnHint the lowest authentication level the exporter accepts
     * @param status the error_status_t
     */
    public record ResolveOxidResponse(DualStringArray oxidBindings, UUID ipidRemUnknown, int authnHint, int status)
            implements RpcResponse {
        /** Validates. */
        public ResolveOxidResponse {
            Objects.requireNonNull(ipidRemUnknown, "ipidRemUnknown");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            w.topLevelUnique(oxidBindings, (x, d) -> d.write(x));
            return w.guid(ipidRemUnknown).u32(authnHint).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static ResolveOxidResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IObjectExporter::ResolveOxid response");
            DualStringArray d = readBindings(r, "ppdsaOxidBindings");
            UUID ipid = r.guid("pipidRemUnknown");
            int hint = r.u32("pAuthnHint");
            return new ResolveOxidResponse(d, ipid, hint, r.u32("ErrorCode"));
        }
    }

    static DualStringArray readBindings(NdrReader r, String field) {
        return r.topLevelUnique(field, NdrReader.Decoder.of(x -> DualStringArray.read(x, field)));
    }

    /**
     * ResolveOxid2 response: ResolveOxid's out-parameters and {@code [out, ref] COMVERSION *pComVersion}.
     *
     * @param oxidBindings where the exporter listens (null when the inner pointer is NULL)
     * @param ipidRemUnknown the IPID of the exporter's IRemUnknown
     * @param authnHint the lowest authentication level the exporter accepts
     * @param comVersion the exporter's COM version
     * @param status the error_status_t
     */
    public record ResolveOxid2Response(DualStringArray oxidBindings, UUID ipidRemUnknown, int authnHint, ComVersion comVersion,
            int status) implements RpcResponse {
        /** Validates. */
        public ResolveOxid2Response {
            Objects.requireNonNull(ipidRemUnknown, "ipidRemUnknown");
            Objects.requireNonNull(comVersion, "comVersion");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            w.topLevelUnique(oxidBindings, (x, d) -> d.write(x));
            w.guid(ipidRemUnknown).u32(authnHint);
            comVersion.write(w);
            return w.u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static ResolveOxid2Response decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IObjectExporter::ResolveOxid2 response");
            DualStringArray d = readBindings(r, "ppdsaOxidBindings");
            UUID ipid = r.guid("pipidRemUnknown");
            int hint = r.u32("pAuthnHint");
            ComVersion v = ComVersion.read(r, "pComVersion");
            return new ResolveOxid2Response(d, ipid, hint, v, r.u32("ErrorCode"));
        }
    }

    /**
     * SimplePing request: {@code [in] SETID *pSetId}.
     *
     * @param setId the ping set
     */
    public record SimplePingRequest(long setId) implements RpcRequest {
        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_SIMPLE_PING;
        }

        @Override
        public byte[] encode() {
            return new NdrWriter().u64(setId).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static SimplePingRequest decode(byte[] stub) {
            return new SimplePingRequest(new NdrReader(stub, "IObjectExporter::SimplePing request").u64("pSetId"));
        }
    }

    /**
     * ComplexPing request: {@code [in, out] SETID *pSetId, [in] unsigned short SequenceNum, cAddToSet, cDelFromSet,
     * [in, unique, size_is(cAddToSet)] OID AddToSet[], [in, unique, size_is(cDelFromSet)] OID DelFromSet[]}. An
     * empty list is sent as a NULL pointer.
     *
     * @param setId the ping set (0 to create one)
     * @param sequenceNum the sequence number
     * @param addToSet OIDs to add
     * @param delFromSet OIDs to remove
     */
    public record ComplexPingRequest(long setId, int sequenceNum, List<Long> addToSet, List<Long> delFromSet) implements RpcRequest {
        /** Copies. */
        public ComplexPingRequest {
            addToSet = List.copyOf(addToSet);
            delFromSet = List.copyOf(delFromSet);
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_COMPLEX_PING;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter().u64(setId).u16(sequenceNum).u16(addToSet.size()).u16(delFromSet.size());
            w.topLevelUnique(addToSet.isEmpty() ? null : addToSet, (x, l) -> x.conformantArray(l, NdrWriter::u64));
            w.topLevelUnique(delFromSet.isEmpty() ? null : delFromSet, (x, l) -> x.conformantArray(l, NdrWriter::u64));
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static ComplexPingRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IObjectExporter::ComplexPing request");
            long setId = r.u64("pSetId");
            int seq = r.u16("SequenceNum");
            int add = r.u16("cAddToSet");
            int del = r.u16("cDelFromSet");
            List<Long> addToSet = oids(r, "AddToSet", add);
            List<Long> delFromSet = oids(r, "DelFromSet", del);
            return new ComplexPingRequest(setId, seq, addToSet, delFromSet);
        }

        private static List<Long> oids(NdrReader r, String field, int count) {
            List<Long> oids = r.topLevelUnique(field, NdrReader.Decoder.of(x -> x.conformantArray(field, 8, MAX_OIDS, y -> y.u64(field))));
            if (oids == null) {
                return List.of();
            }
            r.requireConformance(field, count, oids.size());
            return oids;
        }
    }

    /**
     * ComplexPing response: {@code [in, out] SETID *pSetId, [out] unsigned short *pPingBackoffFactor} and the status.
     *
     * @param setId the ping set (new when the request's was 0)
     * @param pingBackoffFactor the back-off factor
     * @param status the error_status_t
     */
    public record ComplexPingResponse(long setId, int pingBackoffFactor, int status) implements RpcResponse {
        @Override
        public byte[] encode() {
            return new NdrWriter().u64(setId).u16(pingBackoffFactor).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static ComplexPingResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IObjectExporter::ComplexPing response");
            long setId = r.u64("pSetId");
            int backoff = r.u16("pPingBackoffFactor");
            return new ComplexPingResponse(setId, backoff, r.u32("ErrorCode"));
        }
    }

    /**
     * ServerAlive and ServerAlive2 requests: no parameters, empty stub data.
     *
     * @param opnum {@link #OPNUM_SERVER_ALIVE} or {@link #OPNUM_SERVER_ALIVE2}
     */
    public record ServerAliveRequest(int opnum) implements RpcRequest {
        /** Validates. */
        public ServerAliveRequest {
            if (opnum != OPNUM_SERVER_ALIVE && opnum != OPNUM_SERVER_ALIVE2) {
                throw new IllegalArgumentException("opnum " + opnum + " is neither ServerAlive (3) nor ServerAlive2 (5)");
            }
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public byte[] encode() {
            return new byte[0];
        }
    }

    /**
     * The response of SimplePing and ServerAlive: the error_status_t alone.
     *
     * @param status the error_status_t
     */
    public record StatusResponse(int status) implements RpcResponse {
        @Override
        public byte[] encode() {
            return new NdrWriter().u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static StatusResponse decode(byte[] stub) {
            return new StatusResponse(new NdrReader(stub, "IObjectExporter response").u32("ErrorCode"));
        }
    }

    /**
     * ServerAlive2 response: {@code [out, ref] COMVERSION *pComVersion, [out, ref] DUALSTRINGARRAY **ppdsaOrBindings,
     * [out, ref] DWORD *pReserved} and the status. pReserved is written 0 and ignored on receipt.
     *
     * @param comVersion the resolver's COM version
     * @param orBindings where the object resolver listens (null when the inner pointer is NULL)
     * @param status the error_status_t
     */
    public record ServerAlive2Response(ComVersion comVersion, DualStringArray orBindings, int status) implements RpcResponse {
        /** Validates. */
        public ServerAlive2Response {
            Objects.requireNonNull(comVersion, "comVersion");
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            comVersion.write(w);
            w.topLevelUnique(orBindings, (x, d) -> d.write(x));
            return w.u32(0).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static ServerAlive2Response decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IObjectExporter::ServerAlive2 response");
            ComVersion v = ComVersion.read(r, "pComVersion");
            DualStringArray d = readBindings(r, "ppdsaOrBindings");
            r.u32("pReserved");
            return new ServerAlive2Response(v, d, r.u32("ErrorCode"));
        }
    }
}
