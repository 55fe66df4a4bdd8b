package io.github.cm4j.wmi.rpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of bind_ack and alter_context_resp (C706 12.6.4.4 and 12.6.4.2): max_xmit_frag, max_recv_frag,
 * assoc_group_id, sec_addr (port_any_t: a 16-bit length counting the terminating NUL, then the ASCII port
 * string), padding to a 4-byte boundary, then p_result_list_t (n_results u8, two reserved fields) and n_results
 * p_result_t (result u16, reason u16, transfer_syntax). For a bind time feature negotiation element the result is
 * negotiate_ack and reason carries the accepted BindTimeFeatureNegotiationBitmask (MS-RPCE 3.3.1.5.3).
 *
 * @param maxXmitFrag the server's largest transmit fragment
 * @param maxRecvFrag the server's largest receive fragment
 * @param assocGroupId the association group
 * @param secondaryAddress sec_addr without the NUL (empty in alter_context_resp)
 * @param results one result per proposed context, in order
 */
record BindAckPdu(int maxXmitFrag, int maxRecvFrag, int assocGroupId, String secondaryAddress, List<ContextResult> results) {
    /**
     * The answer to one proposed presentation context.
     *
     * @param result acceptance, user_rejection, provider_rejection or negotiate_ack
     * @param reason the provider reason, or the feature bitmask for negotiate_ack
     * @param transferSyntax the accepted transfer syntax (zeros when not accepted)
     */
    record ContextResult(int result, int reason, SyntaxId transferSyntax) {
    }

    /** The all-zero transfer syntax of results that accept none. */
    static final SyntaxId NO_SYNTAX = new SyntaxId(new java.util.UUID(0, 0), 0, 0);
    /** The longest sec_addr cm4j reads (a port number, or a pipe name for ncacn_np). */
    private static final int MAX_SECONDARY_ADDRESS = 256;

    BindAckPdu {
        results = List.copyOf(results);
    }

    byte[] encode() {
        PduWriter w = new PduWriter(16 + 24 * results.size());
        // offsets here count from the common header (16 bytes) so that align(4) matches C706's alignment to the PDU
        w.zeros(Pdu.HEADER);
        w.u16(maxXmitFrag).u16(maxRecvFrag).u32(assocGroupId);
        byte[] address = secondaryAddress.getBytes(StandardCharsets.US_ASCII);
        if (address.length == 0) {
            w.u16(0);
        } else {
            w.u16(address.length + 1).bytes(address).u8(0);
        }
        w.align(4);
        w.u8(results.size()).u8(0).u16(0);
        for (ContextResult c : results) {
            w.u16(c.result()).u16(c.reason());
            c.transferSyntax().write(w);
        }
        byte[] all = w.toByteArray();
        return java.util.Arrays.copyOfRange(all, Pdu.HEADER, all.length);
    }

    static BindAckPdu decode(Fragment f) {
        PduReader r = f.body();
        int maxXmit = r.u16("max_xmit_frag");
        int maxRecv = r.u16("max_recv_frag");
        int group = r.u32("assoc_group_id");
        int addressLength = r.u16("sec_addr/length");
        if (addressLength > MAX_SECONDARY_ADDRESS) {
            throw r.fail("sec_addr", r.position() - 2L, "sec_addr length " + addressLength + " over " + MAX_SECONDARY_ADDRESS);
        }
        byte[] address = r.bytes("sec_addr/port_spec", addressLength);
        int end = address.length;
        while (end > 0 && address[end - 1] == 0) {
            end--;
        }
        r.align("pad", 4);
        int n = r.u8("p_result_list/n_results");
        r.skip("p_result_list/reserved", 3);
        List<ContextResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String part = "p_results[" + i + "]";
            results.add(new ContextResult(r.u16(part + "/result"), r.u16(part + "/reason"), SyntaxId.read(r, part + "/transfer_syntax")));
        }
        return new BindAckPdu(maxXmit, maxRecv, group, new String(address, 0, end, StandardCharsets.US_ASCII), results);
    }
}
