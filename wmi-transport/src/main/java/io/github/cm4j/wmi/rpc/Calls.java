package io.github.cm4j.wmi.rpc;

import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Fragmentation of outgoing calls and reassembly of incoming ones (C706 12.6.4.9 and 12.6.4.10: alloc_hint, PFC_FIRST_FRAG, PFC_LAST_FRAG), the same
 * for requests and responses. Each fragment carries its own
 * PDU-specific header with the remaining stub length as alloc_hint, PFC_FIRST_FRAG on the first and
 * PFC_LAST_FRAG on the last, and, when protected, its own sec_trailer and signature.
 */
final class Calls {
    private Calls() {
    }

    /** Receives each fragment as soon as it is built. */
    @FunctionalInterface
    interface FragmentSink {
        void send(byte[] fragment) throws IOException;
    }

    /**
     * Sends a request ({@code opnum >= 0}) or a response ({@code opnum < 0}) in as many fragments as
     * {@code maxFragment} requires.
     *
     * @param security the packet protection, or {@code null}
     */
    static void send(FragmentSink sink, int callId, int contextId, int opnum, UUID object, byte[] stub, int maxFragment,
                     PacketSecurity security) throws IOException {
        boolean request = opnum >= 0;
        int prefixLength = request ? 8 + (object == null ? 0 : 16) : 8;
        int overhead = Pdu.HEADER + prefixLength + (security == null ? 0 : Pdu.SEC_TRAILER + security.signatureLength());
        // Stub chunks are whole multiples of 16, so full fragments need no auth padding (MS-RPCE 2.2.2.11).
        int room = (maxFragment - overhead) / 16 * 16;
        if (room <= 0) {
            throw new IllegalArgumentException("fragment size " + maxFragment + " leaves no room for stub data");
        }
        int offset = 0;
        do {
            int chunk = Math.min(room, stub.length - offset);
            int flags = (offset == 0 ? Pdu.PFC_FIRST_FRAG : 0) | (offset + chunk == stub.length ? Pdu.PFC_LAST_FRAG : 0)
                    | (request && object != null ? Pdu.PFC_OBJECT_UUID : 0);
            int remaining = stub.length - offset;
            byte[] prefix = request ? CallHeader.request(remaining, contextId, opnum, object) : CallHeader.response(remaining, contextId);
            Pdu.Built b = Pdu.build(request ? Pdu.REQUEST : Pdu.RESPONSE, flags, callId, prefix, stub, offset, chunk,
                    security == null ? null : security.auth());
            if (security != null) {
                security.protect(b);
            }
            sink.send(b.bytes());
            offset += chunk;
        } while (offset < stub.length);
    }

    /**
     * The stub data of one incoming call, bounded. The buffer grows by what actually arrives (doubling, at most
     * {@code maxBytes}); alloc_hint is only a hint (C706 12.6.4.9) that a hostile peer sets to 4 GiB at no cost, so
     * nothing is reserved from it (issue 19: 1 MiB per first fragment let unauthenticated peers fill the heap).
     */
    static final class Reassembly {
        private static final byte[] EMPTY = new byte[0];
        private final int maxBytes;
        private byte[] buf = EMPTY;
        private int size;

        /**
         * @param allocHint the first fragment's alloc_hint (ignored for allocation, see the class comment)
         * @param maxBytes the largest stub accepted
         */
        Reassembly(int allocHint, int maxBytes) {
            this.maxBytes = maxBytes;
        }

        /**
         * @return whether the chunk fitted; {@code false} when the call grows past {@code maxBytes}
         */
        boolean append(byte[] src, int off, int len) {
            if ((long) size + len > maxBytes) {
                return false;
            }
            if (size + len > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, Math.max((long) buf.length * 2, (long) size + len)));
            }
            System.arraycopy(src, off, buf, size, len);
            size += len;
            return true;
        }

        int size() {
            return size;
        }

        /** @return the bytes reserved now (tests: never more than twice what arrived) */
        int capacity() {
            return buf.length;
        }

        byte[] toByteArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }
}
