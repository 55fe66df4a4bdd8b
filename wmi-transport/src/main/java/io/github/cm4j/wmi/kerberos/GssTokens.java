package io.github.cm4j.wmi.kerberos;

import io.github.cm4j.wmi.rpc.RpcIntegrityException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumHandler;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumTypeHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncTypeHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;

/**
 * Per-message tokens of an established Kerberos context in DCE/RPC, chosen from the (acceptor sub)key's
 * encryption type: RFC 4121 4.2.6 MIC and Wrap tokens for aes128/aes256-cts-hmac-sha1-96 (RFC 3962), RFC 4757 7.2/7.3
 * tokens for rc4-hmac. DCE style (MS-KILE 3.4.5.4): the Wrap token is split, its header and the first
 * {@code 16 + RRC + EC} octets of the rotated ciphertext in the auth value and the rest, as long as the stub, in
 * place of the stub; the rotation is by RRC + EC with RRC = 28 (as Windows and impacket rotate). AES encryption,
 * key derivation and HMAC-SHA1-96 come from Apache Kerby's kerb-crypto; the RC4 token is assembled from the JDK's
 * MD5, HMAC-MD5 and ARCFOUR as RFC 4757 7.3 prescribes.
 *
 * <p>Sequence numbers (RFC 4121 4.2.6.1; RFC 4757 7.2): each direction counts from the initial number agreed in
 * the AP exchange; every token must carry the next expected number. Not thread-safe (one connection thread).
 * After a failed check the context is unusable.
 */
final class GssTokens {
    /** RFC 4121 2: key usages. */
    static final int ACCEPTOR_SEAL = 22;
    static final int ACCEPTOR_SIGN = 23;
    static final int INITIATOR_SEAL = 24;
    static final int INITIATOR_SIGN = 25;
    /** RFC 4121 4.2.2 flags. */
    private static final int SENT_BY_ACCEPTOR = 1;
    private static final int SEALED = 2;
    private static final int ACCEPTOR_SUBKEY = 4;
    /** RC4 token prefixes: [APPLICATION 0] with the Kerberos OID, lengths as RFC 4757 7.2/7.3 tokens (DCE style). */
    private static final byte[] RC4_WRAP_PREFIX = {0x60, 0x2b, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] RC4_MIC_PREFIX = {0x60, 0x23, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final int RRC = 28;

    private final int enctype;
    private final byte[] key;
    private final boolean initiator;
    private final SecureRandom random;
    /** Kerby's RFC 3961 profile of the enctype (AES only; null for RC4), looked up once. */
    private final EncTypeHandler aes;
    private final CheckSumTypeHandler aesChecksum;
    private long sendSeq;
    private long receiveSeq;
    private boolean broken;

    GssTokens(int enctype, byte[] key, boolean initiator, long initialSeq, SecureRandom random) {
        this(enctype, key, initiator, initialSeq, initialSeq, random);
    }

    /**
     * @param sendSeq the first sequence number this end sends (the initiator: its authenticator's)
     * @param receiveSeq the first the peer sends (the initiator: the acceptor's AP-REP's, MS-KILE 3.4.5)
     */
    GssTokens(int enctype, byte[] key, boolean initiator, long sendSeq, long receiveSeq, SecureRandom random) {
        if (!isSupported(enctype)) {
            throw new IllegalArgumentException("no DCE/RPC tokens for " + enctype);
        }
        this.enctype = enctype;
        this.key = key.clone();
        this.initiator = initiator;
        this.sendSeq = sendSeq & 0xFFFFFFFFL;
        this.receiveSeq = receiveSeq & 0xFFFFFFFFL;
        this.random = random;
        try {
            this.aes = enctype == 23 ? null : EncryptionHandler.getEncHandler(enctype);
            this.aesChecksum = enctype == 23 ? null : CheckSumHandler.getCheckSumHandler(aes.checksumType());
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby has no profile for enctype " + enctype, e);
        }
    }

    static boolean isSupported(int enctype) {
        return enctype == 17 || enctype == 18 || enctype == 23;
    }

    private boolean rc4() {
        return enctype == 23;
    }

    int micLength() {
        return rc4() ? RC4_MIC_PREFIX.length + 24 : 16 + 12;
    }

    /** The auth value of a sealed fragment whose stub (with padding) is a multiple of 16 (EC = 0). */
    int wrapLength() {
        return rc4() ? RC4_WRAP_PREFIX.length + 32 : 16 + 16 + RRC;
    }

    byte[] mic(byte[] buf, int off, int len) {
        usable();
        byte[] token = rc4() ? rc4Mic(buf, off, len, sendSeq, null) : aesMic(buf, off, len, sendSeq, initiator);
        sendSeq = (sendSeq + 1) & 0xFFFFFFFFL;
        return token;
    }

    void verifyMic(byte[] buf, int off, int len, byte[] tok, int tokOff, int tokLen) {
        usable();
        byte[] received = Arrays.copyOfRange(tok, tokOff, tokOff + tokLen);
        byte[] expected = rc4() ? rc4Mic(buf, off, len, receiveSeq, received) : aesMic(buf, off, len, receiveSeq, !initiator);
        if (!MessageDigest.isEqual(expected, received)) {
            fail("the Kerberos MIC token does not verify (sequence number " + receiveSeq + " expected)");
        }
        receiveSeq = (receiveSeq + 1) & 0xFFFFFFFFL;
    }

    byte[] wrap(byte[] buf, int off, int len) {
        usable();
        byte[] token = rc4() ? rc4Wrap(buf, off, len) : aesWrap(buf, off, len);
        sendSeq = (sendSeq + 1) & 0xFFFFFFFFL;
        return token;
    }

    void unwrap(byte[] buf, int off, int len, byte[] tok, int tokOff, int tokLen) {
        usable();
        if (rc4()) {
            rc4Unwrap(buf, off, len, Arrays.copyOfRange(tok, tokOff, tokOff + tokLen));
        } else {
            aesUnwrap(buf, off, len, Arrays.copyOfRange(tok, tokOff, tokOff + tokLen));
        }
        receiveSeq = (receiveSeq + 1) & 0xFFFFFFFFL;
    }

    // ---- RFC 4121 (AES) ----

    /** RFC 4121 4.2.6.1: TOK_ID 04 04, Flags, 5 filler octets, SND_SEQ; checksum over data then header. */
    private byte[] aesMic(byte[] buf, int off, int len, long seq, boolean byInitiator) {
        byte[] header = new byte[16];
        header[0] = 0x04;
        header[1] = 0x04;
        header[2] = (byte) ((byInitiator ? 0 : SENT_BY_ACCEPTOR) | ACCEPTOR_SUBKEY);
        Arrays.fill(header, 3, 8, (byte) 0xFF);
        ByteBuffer.wrap(header, 8, 8).putLong(seq);
        byte[] data = new byte[len + 16];
        System.arraycopy(buf, off, data, 0, len);
        System.arraycopy(header, 0, data, len, 16);
        try {
            byte[] cksum = aesChecksum.checksumWithKey(data, key, byInitiator ? INITIATOR_SIGN : ACCEPTOR_SIGN);
            byte[] token = Arrays.copyOf(header, 16 + 12);
            System.arraycopy(cksum, 0, token, 16, 12);
            return token;
        } catch (KrbException e) {
            throw new IllegalStateException("Kerberos checksum failed: " + e.getMessage(), e);
        }
    }

    /** RFC 4121 4.2.6.2 Wrap with confidentiality, EC = 0 (the stub is padded to 16), RRC = 28, DCE split. */
    private byte[] aesWrap(byte[] buf, int off, int len) {
        int ec = 0;
        byte[] header = new byte[16];
        header[0] = 0x05;
        header[1] = 0x04;
        header[2] = (byte) ((initiator ? 0 : SENT_BY_ACCEPTOR) | SEALED | ACCEPTOR_SUBKEY);
        header[3] = (byte) 0xFF;
        ByteBuffer.wrap(header, 8, 8).putLong(sendSeq);
        byte[] plain = new byte[len + ec + 16];
        System.arraycopy(buf, off, plain, 0, len);
        System.arraycopy(header, 0, plain, len + ec, 16); // the encrypted copy has RRC = 0 (RFC 4121 4.2.4)
        byte[] ct;
        try {
            ct = aes.encrypt(plain, key, initiator ? INITIATOR_SEAL : ACCEPTOR_SEAL);
        } catch (KrbException e) {
            throw new IllegalStateException("Kerberos encryption failed: " + e.getMessage(), e);
        }
        byte[] rotated = rotateRight(ct, RRC + ec);
        header[6] = 0;
        header[7] = (byte) RRC;
        int inToken = ct.length - len;
        byte[] token = new byte[16 + inToken];
        System.arraycopy(header, 0, token, 0, 16);
        System.arraycopy(rotated, 0, token, 16, inToken);
        System.arraycopy(rotated, inToken, buf, off, len);
        return token;
    }

    private void aesUnwrap(byte[] buf, int off, int len, byte[] token) {
        if (token.length < 16 || token[0] != 0x05 || token[1] != 0x04 || (token[3] & 0xFF) != 0xFF) {
            fail("not an RFC 4121 Wrap token");
        }
        int flags = token[2] & 0xFF;
        boolean fromAcceptor = (flags & SENT_BY_ACCEPTOR) != 0;
        if (fromAcceptor == !initiator || (flags & SEALED) == 0) {
            fail("the Wrap token's flags (" + flags + ") do not match the peer's role or sealing");
        }
        int ec = (token[4] & 0xFF) << 8 | token[5] & 0xFF;
        int rrc = (token[6] & 0xFF) << 8 | token[7] & 0xFF;
        long seq = ByteBuffer.wrap(token, 8, 8).getLong();
        byte[] rotated = new byte[token.length - 16 + len];
        System.arraycopy(token, 16, rotated, 0, token.length - 16);
        System.arraycopy(buf, off, rotated, token.length - 16, len);
        byte[] ct = rotateLeft(rotated, rrc + ec);
        byte[] plain;
        try {
            plain = aes.decrypt(ct, key, initiator ? ACCEPTOR_SEAL : INITIATOR_SEAL);
        } catch (KrbException e) {
            fail("the Kerberos Wrap token does not decrypt or verify (" + e.getMessage() + ")");
            return;
        }
        if (plain.length != len + ec + 16) {
            fail("the Wrap token covers " + (plain.length - ec - 16) + " octets, the stub has " + len);
        }
        byte[] copy = Arrays.copyOfRange(plain, len + ec, plain.length);
        byte[] expect = Arrays.copyOf(token, 16);
        expect[6] = 0;
        expect[7] = 0;
        if (!MessageDigest.isEqual(copy, expect)) {
            fail("the Wrap token's encrypted header differs from its header");
        }
        if (seq != receiveSeq) {
            fail("the Wrap token has sequence number " + seq + ", " + receiveSeq + " expected");
        }
        System.arraycopy(plain, 0, buf, off, len);
    }

    private static byte[] rotateRight(byte[] b, int n) {
        n %= b.length;
        byte[] r = new byte[b.length];
        System.arraycopy(b, b.length - n, r, 0, n);
        System.arraycopy(b, 0, r, n, b.length - n);
        return r;
    }

    private static byte[] rotateLeft(byte[] b, int n) {
        if (b.length == 0) {
            return b;
        }
        n %= b.length;
        byte[] r = new byte[b.length];
        System.arraycopy(b, n, r, 0, b.length - n);
        System.arraycopy(b, 0, r, b.length - n, n);
        return r;
    }

    // ---- RFC 4757 (RC4-HMAC) ----

    private byte[] seqBytes(long seq, boolean byInitiator) {
        byte[] s = new byte[8];
        ByteBuffer.wrap(s, 0, 4).putInt((int) seq);
        if (!byInitiator) {
            Arrays.fill(s, 4, 8, (byte) 0xFF); // RFC 4757 7.2: the acceptor's direction indicator
        }
        return s;
    }

    /** RFC 4757 7.2 MIC: SGN_ALG HMAC (0x11), checksum over usage 15, the token's first 8 octets and the data. */
    private byte[] rc4Mic(byte[] buf, int off, int len, long seq, byte[] received) {
        byte[] t = new byte[24];
        t[0] = 0x01;
        t[1] = 0x01;
        t[2] = 0x11;
        Arrays.fill(t, 4, 8, (byte) 0xFF);
        byte[] cksum = rc4Checksum(15, Arrays.copyOf(t, 8), null, buf, off, len);
        System.arraycopy(cksum, 0, t, 16, 8);
        boolean byInitiator = received == null ? initiator : !initiator;
        byte[] encSeq = rc4(kseq(cksum), seqBytes(seq, byInitiator));
        System.arraycopy(encSeq, 0, t, 8, 8);
        byte[] token = new byte[RC4_MIC_PREFIX.length + 24];
        System.arraycopy(RC4_MIC_PREFIX, 0, token, 0, RC4_MIC_PREFIX.length);
        System.arraycopy(t, 0, token, RC4_MIC_PREFIX.length, 24);
        return token;
    }

    /** RFC 4757 7.3 Wrap: SGN_ALG 0x11, SEAL_ALG RC4 (0x10); the data is encrypted in place. */
    private byte[] rc4Wrap(byte[] buf, int off, int len) {
        byte[] t = new byte[32];
        t[0] = 0x02;
        t[1] = 0x01;
        t[2] = 0x11;
        t[4] = 0x10;
        t[6] = (byte) 0xFF;
        t[7] = (byte) 0xFF;
        byte[] confounder = new byte[8];
        random.nextBytes(confounder);
        byte[] cksum = rc4Checksum(13, Arrays.copyOf(t, 8), confounder, buf, off, len);
        System.arraycopy(cksum, 0, t, 16, 8);
        byte[] encSeq = rc4(kseq(cksum), seqBytes(sendSeq, initiator));
        System.arraycopy(encSeq, 0, t, 8, 8);
        Cipher c = rc4Cipher(kcrypt(sendSeq));
        System.arraycopy(c.update(confounder), 0, t, 24, 8);
        byte[] enc = c.update(buf, off, len);
        if (len > 0) {
            System.arraycopy(enc, 0, buf, off, len);
        }
        byte[] token = new byte[RC4_WRAP_PREFIX.length + 32];
        System.arraycopy(RC4_WRAP_PREFIX, 0, token, 0, RC4_WRAP_PREFIX.length);
        System.arraycopy(t, 0, token, RC4_WRAP_PREFIX.length, 32);
        return token;
    }

    private void rc4Unwrap(byte[] buf, int off, int len, byte[] token) {
        int p = RC4_WRAP_PREFIX.length;
        if (token.length != p + 32 || !Arrays.equals(Arrays.copyOf(token, p), RC4_WRAP_PREFIX)
                || token[p] != 0x02 || token[p + 1] != 0x01 || token[p + 2] != 0x11 || token[p + 4] != 0x10) {
            fail("not an RFC 4757 Wrap token");
        }
        byte[] t = Arrays.copyOfRange(token, p, p + 32);
        byte[] cksum = Arrays.copyOfRange(t, 16, 24);
        byte[] seq = rc4(kseq(cksum), Arrays.copyOfRange(t, 8, 16));
        long s = ByteBuffer.wrap(seq, 0, 4).getInt() & 0xFFFFFFFFL;
        if (!Arrays.equals(seq, seqBytes(s, !initiator)) || s != receiveSeq) {
            fail("the RC4 Wrap token has sequence number " + s + " or the wrong direction; " + receiveSeq + " expected");
        }
        Cipher c = rc4Cipher(kcrypt(s));
        byte[] confounder = c.update(Arrays.copyOfRange(t, 24, 32));
        byte[] plain = len == 0 ? new byte[0] : c.update(buf, off, len);
        byte[] expected = rc4Checksum(13, Arrays.copyOf(t, 8), confounder, plain, 0, len);
        if (!MessageDigest.isEqual(expected, cksum)) {
            fail("the RC4 Wrap token's checksum does not verify");
        }
        System.arraycopy(plain, 0, buf, off, len);
    }

    private byte[] rc4Checksum(int usage, byte[] header8, byte[] confounder, byte[] buf, int off, int len) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(new byte[] {(byte) usage, 0, 0, 0});
            md5.update(header8);
            if (confounder != null) {
                md5.update(confounder);
            }
            md5.update(buf, off, len);
            byte[] ksign = hmacMd5(key, "signaturekey\0".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(hmacMd5(ksign, md5.digest()), 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] kseq(byte[] cksum) {
        return hmacMd5(hmacMd5(key, new byte[4]), cksum);
    }

    private byte[] kcrypt(long seq) {
        byte[] klocal = key.clone();
        for (int i = 0; i < klocal.length; i++) {
            klocal[i] ^= (byte) 0xF0;
        }
        byte[] s = new byte[4];
        ByteBuffer.wrap(s).putInt((int) seq);
        return hmacMd5(hmacMd5(klocal, new byte[4]), s);
    }

    private static byte[] hmacMd5(byte[] k, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(k, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher rc4Cipher(byte[] k) {
        try {
            Cipher c = Cipher.getInstance("ARCFOUR");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "ARCFOUR"));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rc4(byte[] k, byte[] data) {
        return rc4Cipher(k).update(data);
    }

    private void usable() {
        if (broken) {
            throw new RpcIntegrityException("the Kerberos context failed a check earlier and is no longer usable", null);
        }
    }

    private void fail(String why) {
        broken = true;
        throw new RpcIntegrityException(why, null);
    }

    @Override
    public String toString() {
        return "GssTokens[" + io.github.cm4j.internal.kerberos.KerberosErrors.enctypeName(enctype) + ", "
                + (initiator ? "initiator" : "acceptor") + "]";
    }
}
