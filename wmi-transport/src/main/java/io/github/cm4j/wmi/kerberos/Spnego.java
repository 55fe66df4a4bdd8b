package io.github.cm4j.wmi.kerberos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SPNEGO tokens (RFC 4178 4.2; MS-SPNG) for RPC_C_AUTHN_GSS_NEGOTIATE with Kerberos as the only mechanism, as
 * Windows and impacket use them in DCE/RPC: NegTokenInit (inside the GSS-API [APPLICATION 0] framing with the
 * SPNEGO OID) carrying the AP-REQ as mechToken, NegTokenResp carrying the AP-REP, the client's AP-REP with its
 * mechListMIC and the final accept-completed with the acceptor's. NTLM inside SPNEGO is not offered.
 */
final class Spnego {
    /** 1.3.6.1.5.5.2, the SPNEGO mechanism. */
    static final byte[] SPNEGO_OID = {0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};
    /** 1.2.840.113554.1.2.2, Kerberos V5 (RFC 4121). */
    static final byte[] KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    /** 1.2.840.48018.1.2.2, Kerberos V5 as Windows 2000 named it (MS-SPNG 3.1.5.1); listed first by Windows. */
    static final byte[] MS_KRB5_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    static final int ACCEPT_COMPLETED = 0;
    static final int ACCEPT_INCOMPLETE = 1;
    static final int REJECT = 2;

    private Spnego() {
    }

    /**
     * A decoded NegTokenInit or NegTokenResp.
     *
     * @param mechTypeList NegTokenInit: the DER of its MechTypeList as received (what mechListMIC covers, RFC 4178 5)
     * @param mechListMic the mechListMIC field, or null
     */
    record Token(boolean init, List<byte[]> mechTypes, byte[] mechTypeList, int negState, byte[] supportedMech,
            byte[] mechToken, byte[] mechListMic) {
    }

    /**
     * @return the DER MechTypeList cm4j offers: only MS-KRB5, as Windows' first choice and impacket's only one; with a
     *     single mechanism offered there is no negotiation to downgrade, which is what mechListMIC protects
     */
    static byte[] mechTypeList() {
        return Der.tlv(0x30, MS_KRB5_OID);
    }

    static byte[] negTokenInit(byte[] mechToken) {
        byte[] mechTypes = Der.tlv(0xA0, mechTypeList());
        byte[] init = Der.tlv(0xA0, Der.tlv(0x30, mechTypes, Der.tlv(0xA2, Der.tlv(0x04, mechToken))));
        return Der.tlv(0x60, SPNEGO_OID, init);
    }

    static byte[] negTokenResp(int negState, byte[] supportedMech, byte[] responseToken) {
        return negTokenResp(negState, supportedMech, responseToken, null);
    }

    /** RFC 4178 4.2.2 NegTokenResp; {@code negState} -1 leaves it out. */
    static byte[] negTokenResp(int negState, byte[] supportedMech, byte[] responseToken, byte[] mechListMic) {
        List<byte[]> parts = new ArrayList<>();
        if (negState >= 0) {
            parts.add(Der.tlv(0xA0, new byte[] {0x0A, 0x01, (byte) negState}));
        }
        if (supportedMech != null) {
            parts.add(Der.tlv(0xA1, supportedMech));
        }
        if (responseToken != null) {
            parts.add(Der.tlv(0xA2, Der.tlv(0x04, responseToken)));
        }
        if (mechListMic != null) {
            parts.add(Der.tlv(0xA3, Der.tlv(0x04, mechListMic)));
        }
        return Der.tlv(0xA1, Der.tlv(0x30, parts.toArray(new byte[0][])));
    }

    static Token decode(byte[] b) {
        Der.Tlv outer = Der.read(b, 0, b.length);
        if (outer.tag() == 0x60) {
            Der.Tlv oid = Der.read(b, outer.start(), outer.end());
            if (!Arrays.equals(Arrays.copyOfRange(b, outer.start(), oid.end()), SPNEGO_OID)) {
                throw new IllegalArgumentException("SPNEGO: the initial token is not for 1.3.6.1.5.5.2");
            }
            Der.Tlv choice = Der.read(b, oid.next(), outer.end());
            if (choice.tag() != 0xA0) {
                throw new IllegalArgumentException("SPNEGO: expected NegTokenInit");
            }
            return init(b, choice);
        }
        if (outer.tag() == 0xA0) {
            return init(b, outer);
        }
        if (outer.tag() != 0xA1) {
            throw new IllegalArgumentException("SPNEGO: unknown token tag " + outer.tag());
        }
        Der.Tlv seq = Der.read(b, outer.start(), outer.end());
        int negState = -1;
        byte[] mech = null;
        byte[] token = null;
        byte[] mic = null;
        for (int p = seq.start(); p < seq.end();) {
            Der.Tlv f = Der.read(b, p, seq.end());
            Der.Tlv inner = Der.read(b, f.start(), f.end());
            switch (f.tag()) {
                case 0xA0 -> negState = inner.end() > inner.start() ? b[inner.start()] & 0xFF : -1;
                case 0xA1 -> mech = Arrays.copyOfRange(b, f.start(), inner.end());
                case 0xA2 -> token = inner.value();
                case 0xA3 -> mic = inner.value();
                default -> { }
            }
            p = f.next();
        }
        return new Token(false, List.of(), null, negState, mech, token, mic);
    }

    private static Token init(byte[] b, Der.Tlv choice) {
        Der.Tlv seq = Der.read(b, choice.start(), choice.end());
        List<byte[]> mechs = new ArrayList<>();
        byte[] list = null;
        byte[] token = null;
        byte[] mic = null;
        for (int p = seq.start(); p < seq.end();) {
            Der.Tlv f = Der.read(b, p, seq.end());
            if (f.tag() == 0xA0) {
                Der.Tlv types = Der.read(b, f.start(), f.end());
                list = Arrays.copyOfRange(b, f.start(), types.next());
                for (int q = types.start(); q < types.end();) {
                    Der.Tlv oid = Der.read(b, q, types.end());
                    mechs.add(Arrays.copyOfRange(b, q, oid.end()));
                    q = oid.next();
                }
            } else if (f.tag() == 0xA2) {
                token = Der.read(b, f.start(), f.end()).value();
            } else if (f.tag() == 0xA3) {
                mic = Der.read(b, f.start(), f.end()).value();
            }
            p = f.next();
        }
        return new Token(true, mechs, list, -1, null, token, mic);
    }
}
