package io.github.cm4j.wmi.rpc;

import static io.github.cm4j.wmi.fuzz.DecoderFuzzer.assertReachedBothOutcomes;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.fuzz.DecoderFuzzer;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import java.util.List;
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
    private static final SyntaxId IFACE = SyntaxId.of("99fcfec4-5260-101b-bbcb-00aa0021347a", 0, 0);

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
        byte[] negotiate = NtlmClient.of(Credentials.of("LAB\\u", "p")).newContext().negotiate();
        Pdu.Auth ntlmToken = new Pdu.Auth(AuthLevel.PKT_PRIVACY, 1, negotiate, 4);
        Pdu.Auth signature = new Pdu.Auth(AuthLevel.PKT_PRIVACY, 1, new byte[16], 16);
        byte[] none = new byte[0];
        int both = Pdu.PFC_FIRST_FRAG | Pdu.PFC_LAST_FRAG;
        byte[] bindBody = new BindPdu(5840, 5840, 0, List.of(
                new BindPdu.ContextElement(0, IFACE, List.of(SyntaxId.NDR20, SyntaxId.NDR64)),
                new BindPdu.ContextElement(1, IFACE, List.of(SyntaxId.bindTimeFeatureNegotiation(3))))).encode();
        byte[] stub = new byte[77];
        for (int i = 0; i < stub.length; i++) {
            stub[i] = (byte) i;
        }
        DecoderFuzzer f = new DecoderFuzzer("rpc-pdu")
                .add("bind", Pdu.build(Pdu.BIND, both, 1, bindBody, none, 0, 0, ntlmToken).bytes(), 0, RpcPduFuzzTest::decodeAsReceived)
                .add("bind without auth", Pdu.build(Pdu.BIND, both, 1, bindBody, none, 0, 0, null).bytes(), RpcPduFuzzTest::decodeAsReceived)
                .add("alter_context", Pdu.build(Pdu.ALTER_CONTEXT, both, 2, bindBody, none, 0, 0, ntlmToken).bytes(),
                        RpcPduFuzzTest::decodeAsReceived)
                .add("bind_ack", Pdu.build(Pdu.BIND_ACK, both, 1, new BindAckPdu(5840, 5840, 9, "49667", List.of(
                        new BindAckPdu.ContextResult(0, 0, SyntaxId.NDR20),
                        new BindAckPdu.ContextResult(Pdu.PROVIDER_REJECTION, Pdu.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED,
                                BindAckPdu.NO_SYNTAX))).encode(), none, 0, 0, ntlmToken).bytes(), RpcPduFuzzTest::decodeAsReceived)
                .add("bind_nak", Pdu.build(Pdu.BIND_NAK, both, 1, new BindNakPdu(BindNakPdu.INVALID_CHECKSUM).encode(), none, 0, 0, null)
                        .bytes(), RpcPduFuzzTest::decodeAsReceived)
                .add("rpc_auth_3", Pdu.build(Pdu.AUTH3, both, 1, new byte[4], none, 0, 0, ntlmToken).bytes(),
                        RpcPduFuzzTest::decodeAsReceived)
                .add("request with object", Pdu.build(Pdu.REQUEST, both | Pdu.PFC_OBJECT_UUID, 3,
                        CallHeader.request(stub.length, 0, 6, UUID.randomUUID()), stub, 0, stub.length, signature).bytes(),
                        RpcPduFuzzTest::decodeAsReceived)
                .add("request first fragment", Pdu.build(Pdu.REQUEST, Pdu.PFC_FIRST_FRAG, 4, CallHeader.request(100_000, 1, 3, null),
                        stub, 0, 64, null).bytes(), RpcPduFuzzTest::decodeAsReceived)
                .add("response", Pdu.build(Pdu.RESPONSE, both, 3, CallHeader.response(stub.length, 0), stub, 0, stub.length, signature)
                        .bytes(), RpcPduFuzzTest::decodeAsReceived)
                .add("fault", Pdu.build(Pdu.FAULT, both | Pdu.PFC_DID_NOT_EXECUTE, 3, CallHeader.fault(0, 5), none, 0, 0, null).bytes(),
                        RpcPduFuzzTest::decodeAsReceived)
                .add("orphaned", Pdu.build(Pdu.ORPHANED, both, 3, none, none, 0, 0, null).bytes(), RpcPduFuzzTest::decodeAsReceived);
        assertReachedBothOutcomes(f.run(ITERATIONS));
    }
}
