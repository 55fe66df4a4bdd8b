package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** IRemUnknown2 (MS-DCOM 3.1.1.5.7): IRemUnknown plus RemQueryInterface2 (opnum 6). */
public final class IRemUnknown2 {
    /** IID_IRemUnknown2. */
    public static final UUID IID = UUID.fromString("00000143-0000-0000-c000-000000000046");
    /** RemQueryInterface2 (3.1.1.5.7.1). */
    public static final int OPNUM_REM_QUERY_INTERFACE2 = 6;

    private IRemUnknown2() {
    }

    /**
     * RemQueryInterface2 request: {@code [in] REFIPID ripid, [in] unsigned short cIids, [in, size_is(cIids)] IID
     * *iids}.
     *
     * @param orpcThis the ORPCTHIS
     * @param ipid the interface to query
     * @param iids the interfaces asked for
     */
    public record RemQueryInterface2Request(OrpcThis orpcThis, UUID ipid, List<UUID> iids) implements OrpcRequest {
        /** Validates and copies. */
        public RemQueryInterface2Request {
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
            return OPNUM_REM_QUERY_INTERFACE2;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            w.guid(ipid).u16(iids.size()).conformantArray(iids, NdrWriter::guid);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static RemQueryInterface2Request decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemUnknown2::RemQueryInterface2 request");
            OrpcThis t = OrpcThis.read(r);
            UUID ipid = r.guid("ripid");
            return new RemQueryInterface2Request(t, ipid, IRemUnknown.readIids(r));
        }
    }

    /**
     * RemQueryInterface2 response: {@code [out, size_is(cIids)] HRESULT *phr, [out, size_is(cIids)]
     * PMInterfacePointerInternal *ppMIF}, the interface pointers' referents after the array.
     *
     * @param orpcThat the ORPCTHAT
     * @param hresults one HRESULT per IID
     * @param interfaces one interface pointer per IID, null where the HRESULT is a failure
     * @param status the HRESULT of the call
     */
    public record RemQueryInterface2Response(OrpcThat orpcThat, List<Integer> hresults, List<ObjRef> interfaces, int status)
            implements OrpcResponse {
        /** Validates and copies (the interfaces list may hold nulls). */
        public RemQueryInterface2Response {
            Objects.requireNonNull(orpcThat, "orpcThat");
            hresults = List.copyOf(hresults);
            interfaces = Collections.unmodifiableList(new ArrayList<>(interfaces));
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            w.conformantArray(hresults, NdrWriter::u32);
            w.construct(x -> x.conformantArray(interfaces, (y, ref) -> y.unique(ref, InterfacePointers::write)));
            return w.u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static RemQueryInterface2Response decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IRemUnknown2::RemQueryInterface2 response");
            OrpcThat t = OrpcThat.read(r);
            List<Integer> hr = IRemUnknown.hresults(r, "phr");
            List<ObjRef> refs = r.construct(x -> {
                List<NdrReader.Deferred<ObjRef>> slots = x.conformantArray("ppMIF", 4, IRemUnknown.MAX_COUNT,
                        y -> y.unique("ppMIF", InterfacePointers.decoder("ppMIF")));
                return () -> slots.stream().map(NdrReader.Deferred::get).toList();
            });
            return new RemQueryInterface2Response(t, hr, refs, r.u32("ErrorCode"));
        }
    }
}
