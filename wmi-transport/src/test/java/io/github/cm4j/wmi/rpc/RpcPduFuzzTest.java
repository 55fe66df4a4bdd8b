package io.github.cm4j.wmi.rpc;

import static io.github.cm4j.wmi.fuzz.DecoderFuzzer.assertReachedBothOutcomes;

import io.github.cm4j.wmi.fuzz.DecoderFuzzer;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of every connection-oriented PDU the server and the client parse (C706 12.6, MS-RPCE 2.2.2):
 * the common header, bind / alter_context with several presentation contexts and the bind time feature negotiation
 * element, bind_ack, bind_nak, rpc_auth_3, request with and without object UUID, response and fault, each with and
 * without a sec_trailer (MS-RPCE 2.2.2.11), decoded the way {@code ServerConnection} and {@code RpcClientConnection}
 * decode them (header, trailer, auth value, body, stub bounds, a bounded reassembly sized by alloc_hint). Only
 * {@link RpcFormatException} may come out.
 */
class RpcPduFuzzTest {
    private static final int ITERATIONS = DecoderFuzzer.iterations(3000);

    private static void decodeAsReceived(byte[] bytes) {
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
                int end = f.stubEnd(h.stubStart());
                // what a receiver does with the stub: a reassembly sized by the (untrusted) alloc_hint, bounded
                Calls.Reassembly r = new Calls.Reassembly(h.allocHint(), 1 << 20);
                r.append(bytes, h.stubStart(), end - h.stubStart());
                r.toByteArray();
            }
            default -> f.body();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mutatedPdusOnlyEverFailWithRpcFormatException() {
        DecoderFuzzer f = new DecoderFuzzer("rpc-pdu");
        RpcPduCorpus.valid().forEach((name, pdu) -> f.add(name, pdu, RpcPduFuzzTest::decodeAsReceived));
        assertReachedBothOutcomes(f.run(ITERATIONS));
    }
}
