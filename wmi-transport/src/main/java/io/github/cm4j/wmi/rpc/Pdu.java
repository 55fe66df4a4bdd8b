package io.github.cm4j.wmi.rpc;

/**
 * Constants of connection-oriented DCE/RPC (C706 chapter 12, MS-RPCE 2.2.2) and the assembly of one PDU fragment:
 * the 16-byte common header (C706 12.6.3.1: rpc_vers 5, rpc_vers_minor 0, PTYPE, pfc_flags, packed_drep
 * little-endian/ASCII/IEEE, frag_length, auth_length, call_id), the PDU-specific header, the stub data, and when
 * authenticated the auth padding, the sec_trailer (MS-RPCE 2.2.2.11) and the auth value.
 */
final class Pdu {
    /** Length of the common header. */
    static final int HEADER = 16;
    /** Length of the sec_trailer (MS-RPCE 2.2.2.11). */
    static final int SEC_TRAILER = 8;
    /** The smallest fragment size every implementation must accept (C706 chapter 12, MUST_RECV_FRAG_SIZE). */
    static final int MIN_FRAGMENT = 1432;
    /** The largest fragment the 16-bit frag_length allows. */
    static final int MAX_FRAGMENT = 0xFFFF;

    // PTYPE values (C706 12.6.3.1; rpc_auth_3 is MS-RPCE 2.2.2.10)
    static final int REQUEST = 0;
    static final int RESPONSE = 2;
    static final int FAULT = 3;
    static final int BIND = 11;
    static final int BIND_ACK = 12;
    static final int BIND_NAK = 13;
    static final int ALTER_CONTEXT = 14;
    static final int ALTER_CONTEXT_RESP = 15;
    static final int AUTH3 = 16;
    static final int SHUTDOWN = 17;
    static final int CO_CANCEL = 18;
    static final int ORPHANED = 19;

    // pfc_flags (C706 12.6.3.1, MS-RPCE 2.2.2.3)
    static final int PFC_FIRST_FRAG = 0x01;
    static final int PFC_LAST_FRAG = 0x02;
    static final int PFC_CONC_MPX = 0x10;
    static final int PFC_DID_NOT_EXECUTE = 0x20;
    static final int PFC_OBJECT_UUID = 0x80;

    /** auth_type of NTLM (MS-RPCE 2.2.1.1.7, RPC_C_AUTHN_WINNT). */
    static final int AUTHN_WINNT = 10;
    /** auth_type of SPNEGO (MS-RPCE 2.2.1.1.7, RPC_C_AUTHN_GSS_NEGOTIATE). */
    static final int AUTHN_GSS_NEGOTIATE = 9;
    /** auth_type of Kerberos (MS-RPCE 2.2.1.1.7, RPC_C_AUTHN_GSS_KERBEROS). */
    static final int AUTHN_GSS_KERBEROS = 16;

    // p_cont_def_result_t (C706 12.6.3.1) and negotiate_ack (MS-RPCE 3.3.1.5.3)
    static final int ACCEPTANCE = 0;
    static final int USER_REJECTION = 1;
    static final int PROVIDER_REJECTION = 2;
    static final int NEGOTIATE_ACK = 3;
    // p_provider_reason_t (C706 12.6.3.1)
    static final int REASON_NOT_SPECIFIED = 0;
    static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 1;
    static final int PROPOSED_TRANSFER_SYNTAXES_NOT_SUPPORTED = 2;
    static final int LOCAL_LIMIT_EXCEEDED = 3;

    // BindTimeFeatureNegotiationBitmask (MS-RPCE 2.2.2.14)
    static final int SECURITY_CONTEXT_MULTIPLEXING = 0x01;
    static final int KEEP_CONNECTION_ON_ORPHAN = 0x02;

    private Pdu() {
    }

    /**
     * @return {@code bytes}, when it is a fragment size both ends may use
     * @throws IllegalArgumentException outside {@link #MIN_FRAGMENT}..{@link #MAX_FRAGMENT}
     */
    static int checkFragmentSize(int bytes) {
        if (bytes < MIN_FRAGMENT || bytes > MAX_FRAGMENT) {
            throw new IllegalArgumentException("fragment size " + bytes + " outside " + MIN_FRAGMENT + ".." + MAX_FRAGMENT);
        }
        return bytes;
    }

    /**
     * @return {@code bytes}, when it is a usable bound on a call's stub data
     * @throws IllegalArgumentException when not positive
     */
    static int checkStubBound(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxStubBytes " + bytes);
        }
        return bytes;
    }

    /** @return the C706 name of a PTYPE, for messages */
    static String typeName(int type) {
        switch (type) {
            case REQUEST: return "request";
            case RESPONSE: return "response";
            case FAULT: return "fault";
            case BIND: return "bind";
            case BIND_ACK: return "bind_ack";
            case BIND_NAK: return "bind_nak";
            case ALTER_CONTEXT: return "alter_context";
            case ALTER_CONTEXT_RESP: return "alter_context_resp";
            case AUTH3: return "rpc_auth_3";
            case SHUTDOWN: return "shutdown";
            case CO_CANCEL: return "co_cancel";
            case ORPHANED: return "orphaned";
            default: return "PTYPE " + type;
        }
    }

    /**
     * The authentication part of a fragment to build.
     *
     * @param level the auth_level
     * @param contextId the auth_context_id
     * @param authType the auth_type (10 NTLM, 16 Kerberos, 9 SPNEGO)
     * @param value the auth value: a security token, or zeros to be replaced by the signature
     * @param padTo the alignment of stub data plus auth padding (16 for request and response, MS-RPCE 2.2.2.11)
     */
    record Auth(int authType, AuthLevel level, int contextId, byte[] value, int padTo) {
        /** An NTLM (auth_type 10) auth part. */
        Auth(AuthLevel level, int contextId, byte[] value, int padTo) {
            this(AUTHN_WINNT, level, contextId, value, padTo);
        }
    }

    /**
     * A fragment built by {@link #build}, with the offsets security processing needs.
     *
     * @param bytes the fragment
     * @param stubStart where the stub data begins
     * @param sealLength stub data plus auth padding: what sealing encrypts (MS-RPCE 3.3.1.5.2.2)
     * @param authValueOffset where the auth value begins (the end of what is signed)
     */
    record Built(byte[] bytes, int stubStart, int sealLength, int authValueOffset) {
    }

    /**
     * Builds one fragment.
     *
     * @param type PTYPE
     * @param flags pfc_flags
     * @param callId call_id
     * @param prefix the PDU-specific header after the common header (e.g. alloc_hint, p_cont_id, opnum)
     * @param stub the stub data buffer
     * @param stubOff where this fragment's stub data starts in it
     * @param stubLen how much stub data this fragment carries
     * @param auth the authentication part, or {@code null}
     * @return the fragment
     */
    static Built build(int type, int flags, int callId, byte[] prefix, byte[] stub, int stubOff, int stubLen, Auth auth) {
        int pad = auth == null ? 0 : (auth.padTo() - stubLen % auth.padTo()) % auth.padTo();
        int authPart = auth == null ? 0 : SEC_TRAILER + auth.value().length;
        int length = HEADER + prefix.length + stubLen + pad + authPart;
        if (length > MAX_FRAGMENT) {
            throw new IllegalArgumentException("a fragment of " + length + " bytes exceeds frag_length");
        }
        PduWriter w = new PduWriter(length);
        w.u8(5).u8(0).u8(type).u8(flags).u8(0x10).u8(0).u8(0).u8(0);
        w.u16(length).u16(auth == null ? 0 : auth.value().length).u32(callId);
        w.bytes(prefix);
        int stubStart = w.size();
        w.bytes(stub, stubOff, stubLen).zeros(pad);
        int authValueOffset = length;
        if (auth != null) {
            // sec_trailer: auth_type, auth_level, auth_pad_length, auth_reserved, auth_context_id
            w.u8(auth.authType()).u8(auth.level().wire()).u8(pad).u8(0).u32(auth.contextId());
            authValueOffset = w.size();
            w.bytes(auth.value());
        }
        return new Built(w.toByteArray(), stubStart, stubLen + pad, authValueOffset);
    }
}
