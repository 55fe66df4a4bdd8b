package io.github.cm4j.wmi.rpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of bind and alter_context (C706 12.6.4.3 and 12.6.4.1): max_xmit_frag, max_recv_frag, assoc_group_id,
 * then p_context_elem_t (n_context_elem u8, two reserved fields) and n_context_elem p_cont_elem_t (p_cont_id u16,
 * n_transfer_syn u8, reserved u8, abstract_syntax, n_transfer_syn transfer syntaxes).
 *
 * @param maxXmitFrag the sender's largest transmit fragment
 * @param maxRecvFrag the sender's largest receive fragment
 * @param assocGroupId the association group (0 = new)
 * @param contexts the proposed presentation contexts
 */
record BindPdu(int maxXmitFrag, int maxRecvFrag, int assocGroupId, List<ContextElement> contexts) {
    /**
     * One proposed presentation context.
     *
     * @param contextId p_cont_id
     * @param abstractSyntax the interface
     * @param transferSyntaxes the transfer syntaxes offered for it
     */
    record ContextElement(int contextId, SyntaxId abstractSyntax, List<SyntaxId> transferSyntaxes) {
        ContextElement {
            transferSyntaxes = List.copyOf(transferSyntaxes);
        }
    }

    BindPdu {
        contexts = List.copyOf(contexts);
    }

    byte[] encode() {
        PduWriter w = new PduWriter(12 + 44 * contexts.size());
        w.u16(maxXmitFrag).u16(maxRecvFrag).u32(assocGroupId);
        w.u8(contexts.size()).u8(0).u16(0);
        for (ContextElement c : contexts) {
            w.u16(c.contextId()).u8(c.transferSyntaxes().size()).u8(0);
            c.abstractSyntax().write(w);
            for (SyntaxId t : c.transferSyntaxes()) {
                t.write(w);
            }
        }
        return w.toByteArray();
    }

    static BindPdu decode(Fragment f) {
        PduReader r = f.body();
        int maxXmit = r.u16("max_xmit_frag");
        int maxRecv = r.u16("max_recv_frag");
        int group = r.u32("assoc_group_id");
        int n = r.u8("p_context_elem/n_context_elem");
        r.skip("p_context_elem/reserved", 3);
        List<ContextElement> contexts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String part = "p_cont_elem[" + i + "]";
            int id = r.u16(part + "/p_cont_id");
            int transfers = r.u8(part + "/n_transfer_syn");
            r.skip(part + "/reserved", 1);
            SyntaxId abstractSyntax = SyntaxId.read(r, part + "/abstract_syntax");
            if (transfers * SyntaxId.LENGTH > r.remaining()) {
                throw r.fail(part + "/transfer_syntaxes", r.position(), transfers + " transfer syntaxes need "
                        + transfers * SyntaxId.LENGTH + " bytes but " + r.remaining() + " remain");
            }
            List<SyntaxId> ts = new ArrayList<>(transfers);
            for (int t = 0; t < transfers; t++) {
                ts.add(SyntaxId.read(r, part + "/transfer_syntaxes[" + t + "]"));
            }
            contexts.add(new ContextElement(id, abstractSyntax, ts));
        }
        return new BindPdu(maxXmit, maxRecv, group, contexts);
    }
}
