package io.github.cm4j.wmi.rpc;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One valid connection-oriented PDU of each kind the server and the client parse (C706 12.6, MS-RPCE 2.2.2): bind and
 * alter_context with several presentation contexts and the bind time feature negotiation element, bind_ack, bind_nak,
 * rpc_auth_3, request with and without object UUID, response, fault and orphaned, with and without a sec_trailer. The
 * seeds of the seeded mutation fuzzer ({@link RpcPduFuzzTest}) and of the coverage-guided one ({@link RpcJazzerTest}),
 * in one place.
 */
final class RpcPduCorpus {
    static final SyntaxId IFACE = SyntaxId.of("99fcfec4-5260-101b-bbcb-00aa0021347a", 0, 0);

    private RpcPduCorpus() {
    }

    /** @return the PDUs by name, in a stable order */
    static Map<String, byte[]> valid() {
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
        Map<String, byte[]> pdus = new LinkedHashMap<>();
        pdus.put("bind", Pdu.build(Pdu.BIND, both, 1, bindBody, none, 0, 0, ntlmToken).bytes());
        pdus.put("bind without auth", Pdu.build(Pdu.BIND, both, 1, bindBody, none, 0, 0, null).bytes());
        pdus.put("alter_context", Pdu.build(Pdu.ALTER_CONTEXT, both, 2, bindBody, none, 0, 0, ntlmToken).bytes());
        pdus.put("bind_ack", Pdu.build(Pdu.BIND_ACK, both, 1, new BindAckPdu(5840, 5840, 9, "49667", List.of(
                new BindAckPdu.ContextResult(0, 0, SyntaxId.NDR20),
                new BindAckPdu.ContextResult(Pdu.PROVIDER_REJECTION, Pdu.PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED,
                        BindAckPdu.NO_SYNTAX))).encode(), none, 0, 0, ntlmToken).bytes());
        pdus.put("bind_nak", Pdu.build(Pdu.BIND_NAK, both, 1, new BindNakPdu(BindNakPdu.INVALID_CHECKSUM).encode(), none, 0, 0, null)
                .bytes());
        pdus.put("rpc_auth_3", Pdu.build(Pdu.AUTH3, both, 1, new byte[4], none, 0, 0, ntlmToken).bytes());
        pdus.put("request with object", Pdu.build(Pdu.REQUEST, both | Pdu.PFC_OBJECT_UUID, 3,
                CallHeader.request(stub.length, 0, 6, new UUID(0x1234, 0x5678)), stub, 0, stub.length, signature).bytes());
        pdus.put("request first fragment", Pdu.build(Pdu.REQUEST, Pdu.PFC_FIRST_FRAG, 4, CallHeader.request(100_000, 1, 3, null),
                stub, 0, 64, null).bytes());
        pdus.put("response", Pdu.build(Pdu.RESPONSE, both, 3, CallHeader.response(stub.length, 0), stub, 0, stub.length, signature)
                .bytes());
        pdus.put("fault", Pdu.build(Pdu.FAULT, both | Pdu.PFC_DID_NOT_EXECUTE, 3, CallHeader.fault(0, 5), none, 0, 0, null).bytes());
        pdus.put("orphaned", Pdu.build(Pdu.ORPHANED, both, 3, none, none, 0, 0, null).bytes());
        return pdus;
    }
}
