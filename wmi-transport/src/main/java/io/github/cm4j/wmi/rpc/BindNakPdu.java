package io.github.cm4j.wmi.rpc;

/**
 * The body of bind_nak (C706 12.6.4.5, MS-RPCE 2.2.2.9): provider_reject_reason u16, then the supported protocol
 * versions (n_protocols u8, then major/minor octet pairs). cm4j sends one version, 5.0, and no Signature.
 *
 * @param reason provider_reject_reason (MS-RPCE 2.2.2.5)
 */
record BindNakPdu(int reason) {
    // reject reasons (C706 12.6.3.1 p_reject_reason_t; MS-RPCE 2.2.2.5)
    static final int REASON_NOT_SPECIFIED = 0;
    static final int LOCAL_LIMIT_EXCEEDED = 2;
    static final int PROTOCOL_VERSION_NOT_SUPPORTED = 4;
    static final int AUTHENTICATION_TYPE_NOT_RECOGNIZED = 8;
    static final int INVALID_CHECKSUM = 9;

    byte[] encode() {
        return new PduWriter(6).u16(reason).u8(1).u8(5).u8(0).toByteArray();
    }

    static BindNakPdu decode(Fragment f) {
        return new BindNakPdu(f.body().u16("provider_reject_reason"));
    }

    /** @return the MS-RPCE 2.2.2.5 name of the reason */
    String reasonName() {
        switch (reason) {
            case REASON_NOT_SPECIFIED: return "reason_not_specified";
            case 1: return "temporary_congestion";
            case LOCAL_LIMIT_EXCEEDED: return "local_limit_exceeded";
            case 3: return "called_paddr_unknown";
            case PROTOCOL_VERSION_NOT_SUPPORTED: return "protocol_version_not_supported";
            case 5: return "default_context_not_supported";
            case 6: return "user_data_not_readable";
            case 7: return "no_psap_available";
            case AUTHENTICATION_TYPE_NOT_RECOGNIZED: return "authentication_type_not_recognized";
            case INVALID_CHECKSUM: return "invalid_checksum";
            default: return "reason " + reason;
        }
    }
}
