package io.github.cm4j.wmi.wbem;

import io.github.cm4j.wmi.dcom.OrpcRequest;
import io.github.cm4j.wmi.dcom.OrpcResponse;
import io.github.cm4j.wmi.dcom.OrpcThat;
import io.github.cm4j.wmi.dcom.OrpcThis;
import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * IWbemWCOSmartEnum (MS-WMI 3.1.4.7): Next (3) returns the next objects of the enumeration as one ObjectArray buffer
 * (2.2.14, decoded by {@link WbemObjectArray} with the enumeration's class cache).
 *
 * <p>Wire layout after the IDL: {@code [in] REFGUID proxyGUID} is a reference pointer, so 16 bytes of GUID and no
 * referent ID; {@code [out, size_is(,*pdwBuffSize)] byte** pBuffer} is a reference pointer to a unique pointer to the
 * array, so a referent ID, the conformance and the octets. impacket 0.10 declares proxyGUID as a unique pointer and
 * pBuffer without its pointer; go-msrpc follows the IDL, and so does cm4j.
 */
public final class IWbemWcoSmartEnum {
    /** IID_IWbemWCOSmartEnum. */
    public static final UUID IID = UUID.fromString("423ec01e-2e35-11d2-b604-00104b703efd");
    /** Next (3.1.4.7.1). */
    public static final int OPNUM_NEXT = 3;
    /** The largest buffer cm4j reads from one Next (64 MiB). */
    public static final int MAX_BUFFER = 64 << 20;

    private IWbemWcoSmartEnum() {
    }

    /**
     * Next request: {@code [in] REFGUID proxyGUID, [in] long lTimeout, [in] ULONG uCount}.
     *
     * @param orpcThis the ORPCTHIS
     * @param proxyGuid a GUID identifying the client's proxy, the same for every Next of one enumeration
     * @param timeout lTimeout in milliseconds
     * @param count uCount, the most objects to return
     */
    public record NextRequest(OrpcThis orpcThis, UUID proxyGuid, int timeout, int count) implements OrpcRequest {
        /** Validates. */
        public NextRequest {
            Objects.requireNonNull(orpcThis, "orpcThis");
            Objects.requireNonNull(proxyGuid, "proxyGuid");
        }

        @Override
        public UUID interfaceId() {
            return IID;
        }

        @Override
        public int opnum() {
            return OPNUM_NEXT;
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThis.write(w);
            return w.guid(proxyGuid).u32(timeout).u32(count).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the request
         */
        public static NextRequest decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemWCOSmartEnum::Next request");
            OrpcThis t = OrpcThis.read(r);
            UUID proxy = r.guid("proxyGUID");
            int timeout = r.u32("lTimeout");
            return new NextRequest(t, proxy, timeout, r.u32("uCount"));
        }
    }

    /**
     * Next response: {@code [out] ULONG* puReturned, [out] ULONG* pdwBuffSize, [out, size_is(,*pdwBuffSize)] byte**
     * pBuffer} and the HRESULT. pdwBuffSize is the buffer's length; the buffer pointer is NULL when there is none.
     *
     * @param orpcThat the ORPCTHAT
     * @param returned puReturned, the objects in the buffer
     * @param buffer the ObjectArray, or null
     * @param status the HRESULT (WBEM_S_FALSE at the end of the enumeration)
     */
    public record NextResponse(OrpcThat orpcThat, int returned, byte[] buffer, int status) implements OrpcResponse {
        /** Validates and copies. */
        public NextResponse {
            Objects.requireNonNull(orpcThat, "orpcThat");
            buffer = buffer == null ? null : buffer.clone();
        }

        @Override
        public byte[] buffer() {
            return buffer == null ? null : buffer.clone();
        }

        /**
         * @param cache the class cache of the enumeration, the same for every Next
         * @return the objects of the buffer
         */
        public List<WmioObject> decodeObjects(WbemObjectArray.ClassCache cache) {
            return buffer == null ? List.of() : WbemObjectArray.decode(buffer, cache);
        }

        @Override
        public byte[] encode() {
            NdrWriter w = new NdrWriter();
            orpcThat.write(w);
            w.u32(returned).u32(buffer == null ? 0 : buffer.length);
            w.topLevelUnique(buffer, (x, b) -> x.u32(b.length).bytes(b));
            return w.u32(status).toByteArray();
        }

        /**
         * @param stub the stub data
         * @return the response
         */
        public static NextResponse decode(byte[] stub) {
            NdrReader r = new NdrReader(stub, "IWbemWCOSmartEnum::Next response");
            OrpcThat t = OrpcThat.read(r);
            int returned = r.u32("puReturned");
            long size = Integer.toUnsignedLong(r.u32("pdwBuffSize"));
            byte[] buffer = r.topLevelUnique("pBuffer", NdrReader.Decoder.of(x -> {
                long max = Integer.toUnsignedLong(x.u32("pBuffer MaximumCount"));
                x.requireConformance("pBuffer", size, (int) Math.min(max, Integer.MAX_VALUE));
                return x.bytes(x.count(max, 1, MAX_BUFFER, "pBuffer"), "pBuffer");
            }));
            return new NextResponse(t, returned, buffer, r.u32("ErrorCode"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NextResponse x && x.orpcThat.equals(orpcThat) && x.returned == returned && Arrays.equals(x.buffer, buffer)
                    && x.status == status;
        }

        @Override
        public int hashCode() {
            return Objects.hash(orpcThat, returned, status) * 31 + Arrays.hashCode(buffer);
        }

        @Override
        public String toString() {
            return "NextResponse[returned=" + returned + ", " + (buffer == null ? "no buffer" : buffer.length + " bytes") + ", status=0x"
                    + Integer.toHexString(status) + "]";
        }
    }
}
