package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * IRemUnknown (MS-DCOM 3.1.1.5.6): reference counting and QueryInterface on the interfaces of an object exporter,
 * called on the exporter's IRemUnknown IPID. Opnums 0..2 belong to IUnknown and are never sent.
 */
public final class IRemUnknown {
    /** IID_IRemUnknown. */
    public static final UUID IID = UUID.fromString("00000131-0000-0000-c000-000000000046");
    /** RemQueryInterface (3.1.1.5.6.1.1). */
    public static final int OPNUM_REM_QUERY_INTERFACE = 3;
    /** RemAddRef (3.1.1.5.6.1.2). */
    public static final int OPNUM_REM_ADD_REF = 4;
    /** RemRelease (3.1.1.5.6.1.3). */
    public static final int OPNUM_REM_RELEASE = 5;
    /** The most IIDs or interface references cm4j reads in one call (the counts are unsigned shorts). */
    public static final int MAX_COUNT = 0xFFFF;

    private IRemUnknown() {
    }

    /**
     * RemQueryInterface request: {@code [in] REFIPID ripid, [in] unsigned long cRefs, [in] unsigned short cIids,
     * [in, size_is(cIids)] IID *iids}.
     *
     * @param orpcThis the ORPCTHIS
     * @param ipid the interface to query (an IPID of the object)
     * @param publicRefs cRefs, the references to return for each new interface
     * @param iids the interfaces asked for
     */
    public record RemQueryInterfaceRequest(OrpcThis orpcThis, UUID ipid, int publicRefs, List<UUID> iids) implements OrpcRequest {
        /** Validates and copies. */
        public RemQueryInterfaceRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
            Objects.requireNonNull(ipid, "ipid");
            iids = List.copyOf(iids);
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_REM_QUERY_INTERFACE;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            w.guid(ipid).u32(publicRefs).u16(iids.size()).conformantArray(iids, NdrWriter::guid);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static RemQueryInterfaceRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemUnknown::RemQueryInterface request");
            OrpcThis t = OrpcThis.read(r);
            UUID ipid = r.guid("ripid");
            int refs = r.u32("cRefs");
            List<UUID> iids = readIids(r);
            return new RemQueryInterfaceRequest(t, ipid, refs, iids);
        }
    }

    /** Reads {@code unsigned short cIids, [size_is(cIids)] IID *iids} (a top-level reference pointer). */
    static List<UUID> readIids(NdrReader r) {
        int count = r.u16("cIids");
        List<UUID> iids = r.conformantArray("iids", 16, MAX_COUNT, x -> x.guid("iids"));
        r.requireConformance("iids", count, iids.size());
        return iids;
    }

    /**
     * RemQueryInterface response: {@code [out, size_is(,cIids)] PREMQIRESULT *ppQIResults}, a pointer to an array
     * of REMQIRESULT (NULL when the call failed), and the HRESULT.
     *
     * @param orpcThat the ORPCTHAT
     * @param results one result per IID asked for, in order (empty when the pointer is NULL)
     * @param status the HRESULT
     */
    public record RemQueryInterfaceResponse(OrpcThat orpcThat, List<RemQiResult> results, int status) implements OrpcResponse {
        /** Validates and copies. */
        public RemQueryInterfaceResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            results = List.copyOf(results);
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            w.topLevelUnique(results.isEmpty() ? null : results, (x, list) -> x.conformantArray(list, (y, q) -> q.write(y)));
            w.u32(status);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static RemQueryInterfaceResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemUnknown::RemQueryInterface response");
            OrpcThat t = OrpcThat.read(r);
            List<RemQiResult> results = r.topLevelUnique("ppQIResults",
                    NdrReader.Decoder.of(x -> x.conformantArray("ppQIResults", 48, MAX_COUNT, RemQiResult::read)));
            return new RemQueryInterfaceResponse(t, results == null ? List.of() : results, r.u32("ErrorCode"));
        }
    }

    /**
     * RemAddRef and RemRelease requests: {@code [in] unsigned short cInterfaceRefs, [in, size_is(cInterfaceRefs)]
     * REMINTERFACEREF InterfaceRefs[]}. RemAddRef answers with a {@link RemAddRefResponse}, RemRelease with an
     * {@link OrpcStatusResponse}.
     *
     * @param opnum {@link #OPNUM_REM_ADD_REF} or {@link #OPNUM_REM_RELEASE}
     * @param orpcThis the ORPCTHIS
     * @param refs the references to add or release
     */
    public record InterfaceRefsRequest(int opnum, OrpcThis orpcThis, List<RemInterfaceRef> refs) implements OrpcRequest {
        /** Validates and copies. */
        public InterfaceRefsRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
            refs = List.copyOf(refs);
            if (opnum != OPNUM_REM_ADD_REF && opnum != OPNUM_REM_RELEASE) {
                throw new IllegalArgumentException("opnum " + opnum + " is neither RemAddRef (4) nor RemRelease (5)");
            }
        }

        /**
         * @param orpcThis the ORPCTHIS
         * @param refs the references to add
         * @return a RemAddRef request
         */
        public static InterfaceRefsRequest remAddRef(OrpcThis orpcThis, List<RemInterfaceRef> refs) {
            return new InterfaceRefsRequest(OPNUM_REM_ADD_REF, orpcThis, refs);
        }

        /**
         * @param orpcThis the ORPCTHIS
         * @param refs the references to release
         * @return a RemRelease request
         */
        public static InterfaceRefsRequest remRelease(OrpcThis orpcThis, List<RemInterfaceRef> refs) {
            return new InterfaceRefsRequest(OPNUM_REM_RELEASE, orpcThis, refs);
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            w.u16(refs.size()).conformantArray(refs, (x, ref) -> ref.write(x));
            return w.toByteArray();
        }

        /**
         * @param opnum the opnum the call came with
         * @param stub the stub data
         * @return the request
         */
        public static InterfaceRefsRequest decode(int opnum, byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemUnknown request " + opnum);
            return new InterfaceRefsRequest(opnum, OrpcThis.read(r), readRefs(r));
        }
    }

    static List<RemInterfaceRef> readRefs(NdrReader r) {
        int count = r.u16("cInterfaceRefs");
        List<RemInterfaceRef> refs = r.conformantArray("InterfaceRefs", 24, MAX_COUNT, RemInterfaceRef::read);
        r.requireConformance("InterfaceRefs", count, refs.size());
        return refs;
    }

    /**
     * RemAddRef response: {@code [out, size_is(cInterfaceRefs)] HRESULT *pResults} and the HRESULT.
     *
     * @param orpcThat the ORPCTHAT
     * @param results one HRESULT per reference, in order
     * @param status the HRESULT
     */
    public record RemAddRefResponse(OrpcThat orpcThat, List<Integer> results, int status) implements OrpcResponse {
        /** Validates and copies. */
        public RemAddRefResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            results = List.copyOf(results);
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            w.conformantArray(results, NdrWriter::u32).u32(status);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static RemAddRefResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemUnknown::RemAddRef response");
            OrpcThat t = OrpcThat.read(r);
            List<Integer> results = r.conformantArray("pResults", 4, MAX_COUNT, x -> x.u32("pResults"));
            return new RemAddRefResponse(t, results, r.u32("ErrorCode"));
        }
    }

    static List<Integer> hresults(NdrReader r, String field) {
        return new ArrayList<>(r.conformantArray(field, 4, MAX_COUNT, x -> x.u32(field)));
    }
}
