package io.github.cm4j.wmi.kerberos;

import org.apache.kerby.kerberos.kerb.type.base.CheckSum;

/**
 * The authenticator checksum of GSS-API Kerberos (RFC 4121 4.1.1, type 0x8003). Kerby's {@link CheckSum} maps the
 * type through its enum of RFC 3961 checksum types, which has no 0x8003, and would encode 0 (an acceptor such as MIT's,
 * in Samba, then refuses the AP-REQ); this subclass writes the number itself.
 */
final class GssChecksum extends CheckSum {
    /** RFC 4121 4.1.1: the checksum type of the GSS-API authenticator checksum. */
    static final int TYPE = 0x8003;

    GssChecksum(byte[] value) {
        setFieldAsInt(CheckSumField.CKSUM_TYPE, TYPE);
        setFieldAsOctets(CheckSumField.CHECK_SUM, value);
    }
}
