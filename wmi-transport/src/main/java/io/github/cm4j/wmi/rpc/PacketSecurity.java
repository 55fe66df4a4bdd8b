package io.github.cm4j.wmi.rpc;

import io.github.cm4j.wmi.ntlm.NtlmIntegrityException;
import io.github.cm4j.wmi.ntlm.NtlmSession;

/**
 * Per-PDU protection of request and response fragments at packet integrity or privacy (MS-RPCE 3.3.1.5.2.2) with an
 * established NTLM session: the signature covers the whole fragment from the common header to the end of the
 * sec_trailer, with the stub data in plain text; at privacy the stub data and its auth padding are sealed. This is
 * how Windows and impacket protect NTLM PDUs without header signing negotiated. One instance per security context
 * (auth_context_id) of a connection.
 *
 * @param level the authentication level agreed at bind time
 * @param contextId the auth_context_id
 * @param session the NTLM session of this end
 */
record PacketSecurity(AuthLevel level, int contextId, NtlmSession session) {
    /** @return the auth part of a request or response fragment: a 16-byte signature placeholder, padding to 16 */
    Pdu.Auth auth() {
        return new Pdu.Auth(level, contextId, new byte[NtlmSession.SIGNATURE_LENGTH], 16);
    }

    /** Signs (and at privacy seals) a fragment built with {@link #auth()}, writing the signature in place. */
    void protect(Pdu.Built b) {
        byte[] pdu = b.bytes();
        byte[] signature = level == AuthLevel.PKT_PRIVACY
                ? session.seal(pdu, 0, b.authValueOffset(), b.stubStart(), b.sealLength())
                : session.sign(pdu, 0, b.authValueOffset());
        System.arraycopy(signature, 0, pdu, b.authValueOffset(), signature.length);
    }

    /**
     * Verifies (and at privacy unseals in place) a received fragment whose sec_trailer names this context.
     *
     * @param f the fragment
     * @param stubStart where its stub data begins
     * @throws NtlmIntegrityException when the signature does not verify, or the fragment is not protected as agreed
     */
    void unprotect(Fragment f, int stubStart) {
        SecTrailer t = f.trailer();
        if (t == null || t.authLevel() != level.wire() || f.authLength() != NtlmSession.SIGNATURE_LENGTH) {
            throw new NtlmIntegrityException("a " + Pdu.typeName(f.type()) + " fragment is not protected at " + level
                    + (t == null ? " (no sec_trailer)" : " (auth_level " + t.authLevel() + ", auth_length " + f.authLength() + ")"));
        }
        byte[] pdu = f.bytes();
        if (level == AuthLevel.PKT_PRIVACY) {
            session.unseal(pdu, 0, f.authValueOffset(), stubStart, f.bodyEnd() - stubStart, pdu, f.authValueOffset());
        } else {
            session.verify(pdu, 0, f.authValueOffset(), pdu, f.authValueOffset());
        }
    }
}
