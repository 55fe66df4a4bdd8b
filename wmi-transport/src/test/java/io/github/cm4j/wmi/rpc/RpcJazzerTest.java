package io.github.cm4j.wmi.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cm4j.testing.FuzzCheck;
import io.github.cm4j.testing.FuzzSeeds;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for the connection-oriented PDUs (C706 12.6, MS-RPCE 2.2.2): {@link #pdu}
 * decodes one fragment the way {@code ServerConnection} and {@code RpcClientConnection} do (header, sec_trailer, auth
 * value, bind / alter_context / bind_ack / bind_nak bodies, the request/response/fault header and stub bounds);
 * {@link #reassembly} cuts a byte stream into fragments by frag_length, as {@code PduChannel} does, and reassembles
 * one call's stub as the receivers do (PFC_FIRST_FRAG first, one call_id, bounded by a maximum stub size, nothing
 * reserved from alloc_hint). Only {@link RpcFormatException} may come out; the reassembly must never reserve more than
 * twice what arrived (C706 12.6.4.9: alloc_hint is only a hint). Seeds are {@link RpcPduCorpus}'s PDUs and calls
 * fragmented by {@link Calls#send}.
 */
class RpcJazzerTest {
    private static final FuzzCheck CHECK = FuzzCheck.refusing(RpcFormatException.class);
    /** Small, so that inputs reach the limit. */
    private static final int MAX_STUB = 4096;
    private static final int MAX_FRAGMENT = 1024;

    @BeforeAll
    static void seeds() throws Exception {
        FuzzSeeds pdus = FuzzSeeds.of(RpcJazzerTest.class, "pdu");
        RpcPduCorpus.valid().forEach(pdus::add);
        byte[] big = new byte[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        FuzzSeeds calls = FuzzSeeds.of(RpcJazzerTest.class, "reassembly");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        Calls.send(request::writeBytes, 7, 0, 3, new UUID(1, 2), big, MAX_FRAGMENT, null);
        calls.add("request in 4 fragments", request.toByteArray());
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        Calls.send(response::writeBytes, 7, 0, -1, null, big, MAX_FRAGMENT, null);
        calls.add("response in 3 fragments", response.toByteArray());
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        Calls.send(small::writeBytes, 8, 1, 6, null, java.util.Arrays.copyOf(big, 77), MAX_FRAGMENT, null);
        calls.add("request in one fragment", small.toByteArray());
    }

    /** Decodes one fragment as received. */
    static void decodeAsReceived(byte[] bytes) {
        Fragment f = Fragment.parse(bytes, Pdu.MAX_FRAGMENT);
        if (f.authenticated()) {
            f.trailer();
            f.authValue();
        }
        switch (f.type()) {
            case Pdu.BIND, Pdu.ALTER_CONTEXT -> BindPdu.decode(f);
            case Pdu.BIND_ACK, Pdu.ALTER_CONTEXT_RESP -> BindAckPdu.decode(f);
            case Pdu.BIND_NAK -> BindNakPdu.decode(f);
            case Pdu.REQUEST, Pdu.RESPONSE, Pdu.FAULT -> {
                CallHeader h = CallHeader.decode(f);
                f.stubEnd(h.stubStart());
            }
            default -> f.body();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void pdu(byte[] input) {
        CHECK.run(() -> decodeAsReceived(input));
    }

    @FuzzTest(maxDuration = "2m")
    void reassembly(byte[] input) {
        CHECK.run(() -> {
            Calls.Reassembly stub = null;
            int callId = 0;
            int at = 0;
            while (at < input.length) {
                // what PduChannel.read does: the common header first, then frag_length bytes
                if (input.length - at < Pdu.HEADER) {
                    throw new RpcFormatException("common header", input.length - at, "the stream ends inside a header");
                }
                int length = Fragment.fragLength(Arrays.copyOfRange(input, at, at + Pdu.HEADER), MAX_FRAGMENT);
                if (input.length - at < length) {
                    throw new RpcFormatException("fragment", input.length - at, "the stream ends inside a fragment");
                }
                Fragment f = Fragment.parse(Arrays.copyOfRange(input, at, at + length), MAX_FRAGMENT);
                at += length;
                if (f.type() != Pdu.REQUEST && f.type() != Pdu.RESPONSE) {
                    throw new RpcFormatException("common header/PTYPE", 2, "not a request or response");
                }
                CallHeader h = CallHeader.decode(f);
                int end = f.stubEnd(h.stubStart());
                if (stub == null) {
                    if (!f.first()) {
                        throw new RpcFormatException("pfc_flags", 3, "the first fragment lacks PFC_FIRST_FRAG");
                    }
                    stub = new Calls.Reassembly(h.allocHint(), MAX_STUB);
                    callId = f.callId();
                } else if (f.callId() != callId) {
                    throw new RpcFormatException("call_id", 12, "another call's fragment");
                }
                int before = stub.size();
                if (!stub.append(f.bytes(), h.stubStart(), end - h.stubStart())) {
                    throw new RpcFormatException("stub", 0, "the stub grows past " + MAX_STUB);
                }
                assertThat(stub.size()).isEqualTo(before + end - h.stubStart());
                assertThat(stub.capacity()).as("bytes reserved for %d received", stub.size()).isLessThanOrEqualTo(2 * stub.size());
                if (f.last()) {
                    assertThat(stub.toByteArray()).hasSize(stub.size());
                    stub = null;
                }
            }
        });
    }
}
