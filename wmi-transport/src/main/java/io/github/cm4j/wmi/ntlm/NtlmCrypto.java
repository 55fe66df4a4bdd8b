package io.github.cm4j.wmi.ntlm;

import io.github.cm4j.Credentials;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The MS-NLMP 3.3.2 / 3.4 functions shared by client and server: NT hash, NTOWFv2, HMAC_MD5, MD5, FILETIME. */
final class NtlmCrypto {
    /** 100-nanosecond intervals between 1601-01-01 (FILETIME epoch, MS-DTYP 2.3.3) and 1970-01-01. */
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private NtlmCrypto() {
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        Mac mac = hmacMd5(key);
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /** @return an HMAC_MD5 keyed with {@code key}, for callers that feed it slices of a buffer */
    static Mac hmacMd5(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is a mandatory JDK algorithm", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    /** MS-NLMP 3.3.1: {@code MD4(UNICODE(Passwd))}; the UTF-16LE copy of the password is cleared afterwards. */
    static byte[] ntHash(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return Md4.digest(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The NT hash of credentials: given directly, or computed from the password (which is cleared). */
    static byte[] ntHash(Credentials credentials) {
        if (credentials.ntHash().isPresent()) {
            return credentials.ntHash().get();
        }
        char[] password = credentials.password().orElse(new char[0]);
        try {
            return ntHash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * MS-NLMP 3.3.2: {@code NTOWFv2 = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(ConcatenationOf(Uppercase(User),
     * UserDom)))}; LMOWFv2 is the same function.
     */
    static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, utf16(user.toUpperCase(Locale.ROOT) + domain));
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** @return the time as a FILETIME (MS-DTYP 2.3.3): 100 ns intervals since 1601-01-01 UTC */
    static long fileTime(Instant t) {
        return FILETIME_UNIX_EPOCH + t.getEpochSecond() * 10_000_000L + t.getNano() / 100;
    }

    /** @return the instant of a FILETIME */
    static Instant instant(long fileTime) {
        long sinceUnix = fileTime - FILETIME_UNIX_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(sinceUnix, 10_000_000L), Math.floorMod(sinceUnix, 10_000_000L) * 100);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
