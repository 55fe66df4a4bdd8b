package io.github.cm4j.wmi.rpc;

/**
 * The sec_trailer of an authenticated PDU (MS-RPCE 2.2.2.11; C706 auth_verifier_co_t): it begins at
 * {@code frag_length - auth_length - 8} and is followed by the auth value.
 *
 * @param authType auth_type (10 = NTLM)
 * @param authLevel auth_level (MS-RPCE 2.2.1.1.8)
 * @param padLength auth_pad_length: padding octets between the stub data and the sec_trailer
 * @param contextId auth_context_id: which security context of the connection protects the PDU
 */
record SecTrailer(int authType, int authLevel, int padLength, int contextId) {
}
