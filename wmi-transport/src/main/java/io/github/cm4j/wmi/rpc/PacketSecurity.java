package io.github.cm4j.wmi.rpc;

/**
 * Per-PDU protection of request and response fragments at packet integrity or privacy (MS-RPCE 3.3.1.5.2.2) with
 * an established security context: what the signature covers and what sealing encrypts is the mechanism's
 * business ({@link RpcSecurityContext}); this record places the auth value and checks the sec_trailer. Header
 * signing (PFC_SUPPORT_HEADER_SIGN, MS-RPCE 2.2.2.3) is neither offered nor accepted. One instance per security
 * context (auth_context_id) of a connection.
 *
 * @param level the authentication level agreed at bind time
 * @param contextId the auth_context_id
 * @param context the security context of this end
 */
record PacketSecurity(AuthLevel level, int contextId, RpcSecurityContext context) {
    /** @return the auth part of a request or response fragment: a signature placeholder, padding to 16 */
    Pdu.Auth auth() {
        return new Pdu.Auth(context.authType(), level, contextId, new byte[context.signatureLength(level)], 16);
    }

    /** @return the auth value's length in request and response fragments */
    int signatureLength() {
        return context.signatureLength(level);
    }

    /** Signs (and at privacy seals) a fragment built with {@link #auth()}, writing the signature in place. */
    void protect(Pdu.Built b) {
        byte[] pdu = b.bytes();
        byte[] signature = level == AuthLevel.PKT_PRIVACY
                ? context.seal(pdu, b.stubStart(), b.sealLength(), b.authValueOffset())
                : context.sign(pdu, b.stubStart(), b.sealLength(), b.authValueOffset());
        if (signature.length != pdu.length - b.authValueOffset()) {
            throw new IllegalStateException("the " + context + " signature is " + signature.length + " bytes, "
                    + (pdu.length - b.authValueOffset()) + " were reserved");
        }
        System.arraycopy(signature, 0, pdu, b.authValueOffset(), signature.length);
    }

    /**
     * Verifies (and at privacy unseals in place) a received fragment whose sec_trailer names this context.
     *
     * @param f the fragment
     * @param stubStart where its stub data begins
     * @throws RpcIntegrityException when the signature does not verify, or the fragment is not protected as agreed
     */
    void unprotect(Fragment f, int stubStart) {
        SecTrailer t = f.trailer();
        // MS-RPCE 3.3.1.5.2.2: every protected PDU names the agreed auth_type, auth_level and auth_context_id
        if (t == null || t.authLevel() != level.wire() || t.authType() != context.authType() || t.contextId() != contextId) {
            throw new RpcIntegrityException("a " + Pdu.typeName(f.type()) + " fragment is not protected at " + level
                    + (t == null ? " (no sec_trailer)" : " (auth_type " + t.authType() + ", auth_level " + t.authLevel()
                    + ", auth_context_id " + Integer.toUnsignedString(t.contextId()) + "; agreed " + context.authType() + ", "
                    + level.wire() + ", " + Integer.toUnsignedString(contextId) + ")"), null);
        }
        byte[] pdu = f.bytes();
        if (level == AuthLevel.PKT_PRIVACY) {
            context.unseal(pdu, stubStart, f.bodyEnd() - stubStart, f.authValueOffset(), f.authLength());
        } else {
            context.verify(pdu, stubStart, f.bodyEnd() - stubStart, f.authValueOffset(), f.authLength());
        }
    }
}
