package io.github.cm4j.wmi.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Message integrity and confidentiality of an established NTLM session with extended session security
 * (MS-NLMP 3.4.4.2 and 3.4.3), for one end of a connection-oriented channel: signs and seals what this end
 * sends, verifies and unseals what the peer sends.
 *
 * <p>Keys (MS-NLMP 3.4.5.2, 3.4.5.3, 128-bit): {@code SIGNKEY = MD5(ExportedSessionKey || magic)} and
 * {@code SEALKEY = MD5(ExportedSessionKey || magic)} with the client-to-server and server-to-client magic
 * constants, so each direction has its own signing key, sealing key and RC4 handle. A signature is
 * NTLMSSP_MESSAGE_SIGNATURE (2.2.2.9, the extended session security form): Version 1, {@code Checksum = RC4(handle, HMAC_MD5(SigningKey, SeqNum ||
 * Message)[0..7])} (key exchange is always negotiated), SeqNum. Sealing encrypts the message with the same handle
 * before the checksum (3.4.3). Each direction counts its own sequence numbers from 0, and the RC4 state runs on
 * across messages, as connection-oriented RPC requires (MS-RPCE 3.3.1.5.2).
 *
 * <p>Thread-safe (methods are synchronized). After a failed verification the session refuses further use: the
 * RC4 states of the two ends no longer agree.
 */
public final class NtlmSession {
    /** Length of NTLMSSP_MESSAGE_SIGNATURE. */
    public static final int SIGNATURE_LENGTH = 16;
    private static final byte[] CLIENT_SIGN = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGN = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEAL = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEAL = magic("session key to server-to-client sealing key magic constant");

    private final int flags;
    private final NtlmPrincipal principal;
    private final byte[] sendSigningKey;
    private final byte[] receiveSigningKey;
    private final Rc4 sendHandle;
    private final Rc4 receiveHandle;
    private int sendSequence;
    private int receiveSequence;
    private boolean broken;

    private NtlmSession(int flags, NtlmPrincipal principal, byte[] exportedSessionKey, boolean clientEnd) {
        this.flags = flags;
        this.principal = principal;
        byte[] clientSigning = NtlmCrypto.md5(exportedSessionKey, CLIENT_SIGN);
        byte[] serverSigning = NtlmCrypto.md5(exportedSessionKey, SERVER_SIGN);
        byte[] clientSealing = NtlmCrypto.md5(exportedSessionKey, CLIENT_SEAL);
        byte[] serverSealing = NtlmCrypto.md5(exportedSessionKey, SERVER_SEAL);
        this.sendSigningKey = clientEnd ? clientSigning : serverSigning;
        this.receiveSigningKey = clientEnd ? serverSigning : clientSigning;
        this.sendHandle = new Rc4(clientEnd ? clientSealing : serverSealing);
        this.receiveHandle = new Rc4(clientEnd ? serverSealing : clientSealing);
        Arrays.fill(clientSealing, (byte) 0);
        Arrays.fill(serverSealing, (byte) 0);
    }

    private static byte[] magic(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    /** The session of the client end (sends with client-to-server keys). */
    static NtlmSession client(int flags, NtlmPrincipal principal, byte[] exportedSessionKey) {
        return new NtlmSession(flags, principal, exportedSessionKey, true);
    }

    /** The session of the server end (sends with server-to-client keys). */
    static NtlmSession server(int flags, NtlmPrincipal principal, byte[] exportedSessionKey) {
        return new NtlmSession(flags, principal, exportedSessionKey, false);
    }

    /** @return the negotiated flags (those of the AUTHENTICATE_MESSAGE) */
    public int flags() {
        return flags;
    }

    /** @return whether sealing (confidentiality) was negotiated */
    public boolean canSeal() {
        return (flags & NtlmFlags.NEGOTIATE_SEAL) != 0;
    }

    /** @return the authenticated account */
    public NtlmPrincipal principal() {
        return principal;
    }

    /**
     * Signs an outgoing message (MS-NLMP 3.4.4.2, GSS_GetMIC).
     *
     * @param buf the buffer
     * @param off where the signed message starts
     * @param len its length
     * @return the 16-byte signature
     */
    public synchronized byte[] sign(byte[] buf, int off, int len) {
        return seal(buf, off, len, off, 0);
    }

    /**
     * Seals an outgoing message (MS-NLMP 3.4.3, GSS_WrapEx): the signature covers {@code [signOff, signOff +
     * signLen)} in plain text; {@code [sealOff, sealOff + sealLen)}, which may lie inside it, is then encrypted in
     * place. In DCE/RPC the signed range is the whole PDU up to the signature and the sealed range the stub data
     * and its padding (MS-RPCE 3.3.1.5.2.2).
     *
     * @return the 16-byte signature
     */
    public synchronized byte[] seal(byte[] buf, int signOff, int signLen, int sealOff, int sealLen) {
        usable();
        byte[] checksum = mac(sendSigningKey, sendSequence, buf, signOff, signLen);
        sendHandle.apply(buf, sealOff, sealLen);
        sendHandle.apply(checksum, 0, 8);
        byte[] signature = signature(checksum, sendSequence);
        sendSequence++;
        return signature;
    }

    /**
     * Verifies the signature of an incoming message.
     *
     * @throws NtlmIntegrityException when the signature does not verify
     */
    public synchronized void verify(byte[] buf, int off, int len, byte[] signature, int sigOff) {
        unseal(buf, off, len, off, 0, signature, sigOff);
    }

    /**
     * Unseals an incoming message in place ({@code [sealOff, sealOff + sealLen)}), then verifies its signature over
     * {@code [signOff, signOff + signLen)} in plain text (MS-NLMP 3.4.3, GSS_UnwrapEx).
     *
     * @throws NtlmIntegrityException when the signature does not verify
     */
    public synchronized void unseal(byte[] buf, int signOff, int signLen, int sealOff, int sealLen, byte[] signature, int sigOff) {
        usable();
        if (sigOff < 0 || sigOff + SIGNATURE_LENGTH > signature.length) {
            broken = true;
            throw new NtlmIntegrityException("the message signature is shorter than " + SIGNATURE_LENGTH + " bytes");
        }
        receiveHandle.apply(buf, sealOff, sealLen);
        byte[] expected = mac(receiveSigningKey, receiveSequence, buf, signOff, signLen);
        byte[] received = Arrays.copyOfRange(signature, sigOff + 4, sigOff + 12);
        receiveHandle.apply(received, 0, 8);
        int version = le32(signature, sigOff);
        int sequence = le32(signature, sigOff + 12);
        boolean ok = MessageDigest.isEqual(expected, received);
        if (version != 1 || sequence != receiveSequence || !ok) {
            broken = true;
            throw new NtlmIntegrityException("the NTLM message signature does not verify (expected sequence number "
                    + Integer.toUnsignedString(receiveSequence) + ", got " + Integer.toUnsignedString(sequence)
                    + (ok ? "" : ", checksum differs") + (version == 1 ? "" : ", version " + version) + ")");
        }
        receiveSequence++;
    }

    private void usable() {
        if (broken) {
            throw new NtlmIntegrityException("the NTLM session failed a signature check earlier and is no longer usable");
        }
    }

    /** {@code HMAC_MD5(SigningKey, ConcatenationOf(SeqNum, Message))[0..7]} (MS-NLMP 3.4.4.2). */
    private static byte[] mac(byte[] key, int sequence, byte[] buf, int off, int len) {
        javax.crypto.Mac mac = NtlmCrypto.hmacMd5(key);
        mac.update(new byte[] {(byte) sequence, (byte) (sequence >>> 8), (byte) (sequence >>> 16), (byte) (sequence >>> 24)});
        mac.update(buf, off, len);
        return Arrays.copyOf(mac.doFinal(), 8);
    }

    private static byte[] signature(byte[] encryptedChecksum, int sequence) {
        byte[] s = new byte[SIGNATURE_LENGTH];
        s[0] = 1;
        System.arraycopy(encryptedChecksum, 0, s, 4, 8);
        for (int i = 0; i < 4; i++) {
            s[12 + i] = (byte) (sequence >>> (8 * i));
        }
        return s;
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    @Override
    public String toString() {
        return "NtlmSession[" + principal + ", " + NtlmFlags.describe(flags) + "]";
    }
}
