package io.github.cm4j.wmi.wbem;

import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.InterfacePointers;
import io.github.cm4j.wmi.dcom.ObjRef;
import io.github.cm4j.wmi.dcom.OrpcRequest;
import io.github.cm4j.wmi.dcom.OrpcResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.dcom.OrpcThisOnlyRequest;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * IEnumWbemClassObject (MS-WMI 3.1.4.4), the enumerator ExecQuery and CreateInstanceEnum return: Reset (3), Next (4),
 * NextAsync (5), Clone (6), Skip (7). Reset and Clone carry only the ORPCTHIS ({@link OrpcThisOnlyRequest}); Reset,
 * NextAsync and Skip answer with the HRESULT alone ({@link io.github.cm4j.wmi.dcom.OrpcStatusResponse}), Clone with
 * an enumerator ({@link InterfacePointerResponse}).
 */
public final class IEnumWbemClassObject {
    /** IID_IEnumWbemClassObject. */
    public static final UUID IID = UUID.fromString("027947e1-d731-11ce-a357-000000000001");
    /** Reset (3.1.4.4.1). */
    public static final int OPNUM_RESET = 3;
    /** Next (3.1.4.4.2). */
    public static final int OPNUM_NEXT = 4;
    /** NextAsync (3.1.4.4.3). */
    public static final int OPNUM_NEXT_ASYNC = 5;
    /** Clone (3.1.4.4.4). */
    public static final int OPNUM_CLONE = 6;
    /** Skip (3.1.4.4.5). */
    public static final int OPNUM_SKIP = 7;
    /** WBEM_INFINITE (2.2.10), a timeout without end. */
    public static final int WBEM_INFINITE = 0xFFFFFFFF;
    /** The most objects cm4j reads from one Next (the caller's uCount bounds what a server may send). */
    public static final int MAX_OBJECTS = 0x10000;

    private IEnumWbemClassObject() {
    }

    /**
     * @param orpcThis the ORPCTHIS
     * @return a Reset request
     */
    public static OrpcThisOnlyRequest reset(OrpcThis orpcThis) {
        return new OrpcThisOnlyRequest(IID, OPNUM_RESET, orpcThis);
    }

    /**
     * @param orpcThis the ORPCTHIS
     * @return a Clone request
     */
    public static OrpcThisOnlyRequest cloneRequest(OrpcThis orpcThis) {
        return new OrpcThisOnlyRequest(IID, OPNUM_CLONE, orpcThis);
    }

    /**
     * @param stub the stub data of a Clone response ({@code [out] IEnumWbemClassObject** ppEnum} and the HRESULT)
     * @return the response
     */
    public static InterfacePointerResponse decodeCloneResponse(byte[] stub) {
        return InterfacePointerResponse.decode(stub, "IEnumWbemClassObject::Clone response", "ppEnum");
    }

    /**
     * Next and Skip requests: {@code [in] long lTimeout, [in] ULONG uCount} (Skip names it nCount).
     *
     * @param opnum {@link #OPNUM_NEXT} or {@link #OPNUM_SKIP}
     * @param orpcThis the ORPCTHIS
     * @param timeout lTimeout in milliseconds ({@link #WBEM_INFINITE} to wait for the count)
     * @param count uCount, the most objects to return, or nCount, the objects to skip
     */
    public record CountRequest(int opnum, OrpcThis orpcThis, int timeout, int count) implements OrpcRequest {
        /** Validates. */
        public CountRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
            if (opnum != OPNUM_NEXT && opnum != OPNUM_SKIP) {
                throw new IllegalArgumentException("opnum " + opnum + " is neither Next (4) nor Skip (7)");
            }
        }

        /**
         * @param orpcThis the ORPCTHIS
         * @param timeout lTimeout in milliseconds
         * @param count uCount
         * @return a Next request
         */
        public static CountRequest next(OrpcThis orpcThis, int timeout, int count) {
            return new CountRequest(OPNUM_NEXT, orpcThis, timeout, count);
        }

        /**
         * @param orpcThis the ORPCTHIS
         * @param timeout lTimeout in milliseconds
         * @param count nCount
         * @return a Skip request
         */
        public static CountRequest skip(OrpcThis orpcThis, int timeout, int count) {
            return new CountRequest(OPNUM_SKIP, orpcThis, timeout, count);
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            return w.u32(timeout).u32(count).toByteArray();
        }

        /**
         * @param opnum the opnum the call came with
         * @param stub the stub data
         * @return the request
         */
        public static CountRequest decode(int opnum, byte[] stub) {
            NdrReader r = new NdrReader(stub, "IEnumWbemClassObject request " + opnum);
            OrpcThis t = OrpcThis.read(r);
            int timeout = r.u32("lTimeout");
            return new CountRequest(opnum, t, timeout, r.u32("uCount"));
        }
    }

    /**
     * Next response: {@code [out, size_is(uCount), length_is(*puReturned)] IWbemClassObject** apObjects, [out] ULONG*
     * puReturned} and the HRESULT (WBEM_S_FALSE when fewer than uCount objects remain, WBEM_S_TIMEDOUT when the
     * timeout passed first). The array is conformant varying: its maximum count is the request's uCount, its actual
     * count the objects returned, each a (non-NULL) pointer whose MInterfacePointer follows the array.
     *
     * @param orpcThat the ORPCTHAT
     * @param count the request's uCount (the array's maximum count)
     * @param objects the objects, each the OBJREF_CUSTOM of an IWbemClassObject
     * @param status the HRESULT
     */
    public record NextResponse(OrpcThat orpcThat, int count, List<ObjRefCustom> objects, int status) implements OrpcResponse {
        /** Validates and copies. */
        public NextResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            objects = List.copyOf(objects);
            if (Integer.toUnsignedLong(count) < objects.size()) {
                throw new IllegalArgumentException(objects.size() + " objects are more than uCount " + Integer.toUnsignedString(count));
            }
        }

        /** @return the objects, decoded */
        public List<WmioObject> decodeObjects() {
            return objects.stream().map(WbemClassObjects::unmarshal).toList();
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            w.construct(x -> x.conformantVaryingArray(count, objects, (y, o) -> y.unique(o, InterfacePointers::write)));
            return w.u32(objects.size()).u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static NextResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IEnumWbemClassObject::Next response");
            OrpcThat t = OrpcThat.read(r);
            Batch batch = r.construct(x -> {
                int max = x.u32("apObjects MaximumCount");
                List<NdrReader.Deferred<ObjRefCustom>> slots = x.varyingArray("apObjects",
                        (int) Math.min(MAX_OBJECTS, Integer.toUnsignedLong(max)), 4, y -> y.unique("apObjects",
                                NdrReader.Decoder.of(z -> InterfacePointers.read(z, "apObjects", WbemParameters::classObjectBytes))));
                return () -> new Batch(max, slots.stream().map(d -> {
                    if (d.get() == null) {
                        throw x.fail("apObjects", "a returned object is NULL");
                    }
                    return d.get();
                }).toList());
            });
            long returned = Integer.toUnsignedLong(r.u32("puReturned"));
            if (returned != batch.objects.size()) {
                throw r.fail("puReturned", "puReturned " + returned + " differs from the " + batch.objects.size()
                        + " objects of length_is");
            }
            return new NextResponse(t, batch.count, batch.objects, r.u32("ErrorCode"));
        }

        /** The array's maximum count and objects. */
        private record Batch(int count, List<ObjRefCustom> objects) {
        }
    }

    /**
     * NextAsync request: {@code [in] ULONG uCount, [in] IWbemObjectSink* pSink}.
     *
     * @param orpcThis the ORPCTHIS
     * @param count uCount
     * @param sink the client's IWbemObjectSink (an OBJREF_STANDARD), or null
     */
    public record NextAsyncRequest(OrpcThis orpcThis, int count, ObjRef sink) implements OrpcRequest {
        /** Validates. */
        public NextAsyncRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_NEXT_ASYNC;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            w.u32(count);
            InterfacePointers.writeParameter(w, sink);
            return w.toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static NextAsyncRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IEnumWbemClassObject::NextAsync request");
            OrpcThis t = OrpcThis.read(r);
            int count = r.u32("uCount");
            return new NextAsyncRequest(t, count, InterfacePointers.readParameter(r, "pSink"));
        }
    }
}
