package io.github.cm4j.simulator.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed X.509 v3 certificate made at start (RFC 5280), as a site's AdminService usually has one (the loopback
 * AdminService and the simulator's HTTPS content server use it; not API): an EC P-256
 * key signed with ECDSA-SHA256 (RFC 5758 section 3.2), subject {@code CN=<host>}, subject alternative names for the
 * host and the loopback addresses (section 4.2.1.6), basic constraints CA (section 4.2.1.9, so that clients that
 * take it as their trust anchor accept it), extended key usage serverAuth. Written with a small DER encoder
 * (X.690 section 8) since the JDK has no public certificate builder. Immutable.
 *
 * @param keyPair the key pair
 * @param certificate the certificate
 */
public record SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {

    /**
     * Makes a key pair and its certificate.
     *
     * @param host the subject's common name and first DNS name
     * @param validity how long from now it is valid (it is valid from an hour ago)
     * @return the certificate and its key pair
     * @throws IllegalStateException when the JDK cannot make or verify it
     */
    public static SelfSignedCertificate generate(String host, Duration validity) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            byte[] sigAlg = seq(oid("1.2.840.10045.4.3.2"));
            byte[] name = seq(set(seq(oid("2.5.4.3"), tlv(0x0c, host.getBytes(StandardCharsets.UTF_8)))));
            Instant now = Instant.now();
            byte[] validityDer = seq(time(now.minus(Duration.ofHours(1))), time(now.plus(validity)));
            ByteArrayOutputStream sans = new ByteArrayOutputStream();
            sans.writeBytes(tlv(0x82, host.getBytes(StandardCharsets.US_ASCII)));
            if (!host.equals("localhost")) {
                sans.writeBytes(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)));
            }
            for (String ip : List.of("127.0.0.1", "::1")) {
                sans.writeBytes(tlv(0x87, InetAddress.getByName(ip).getAddress()));
            }
            byte[] extensions = tlv(0xa3, seq(
                    seq(oid("2.5.29.17"), tlv(0x04, tlv(0x30, sans.toByteArray()))),
                    seq(oid("2.5.29.19"), tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, seq(tlv(0x01, new byte[] {(byte) 0xff})))),
                    seq(oid("2.5.29.37"), tlv(0x04, seq(oid("1.3.6.1.5.5.7.3.1"))))));
            byte[] serial = new BigInteger(64, new SecureRandom()).setBit(62).toByteArray();
            byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[] {2})), tlv(0x02, serial), sigAlg, name, validityDer, name,
                    kp.getPublic().getEncoded(), extensions);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(kp.getPrivate());
            s.update(tbs);
            byte[] sig = s.sign();
            byte[] bitString = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bitString, 1, sig.length);
            byte[] der = seq(tbs, sigAlg, tlv(0x03, bitString));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
            cert.verify(kp.getPublic());
            return new SelfSignedCertificate(kp, cert);
        } catch (GeneralSecurityException | UnknownHostException e) {
            throw new IllegalStateException("cannot make a loopback server's certificate for " + host + ": " + e, e);
        }
    }

    /** @return the certificate as PEM (RFC 7468 section 5) */
    public String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] time(Instant t) {
        String s = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
        return tlv(0x17, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A DER tag-length-value with the definite length form (X.690 section 8.1.3). */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xff);
            out.write(n & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** An OBJECT IDENTIFIER (X.690 section 8.19). */
    private static byte[] oid(String dotted) {
        String[] p = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
        for (int i = 2; i < p.length; i++) {
            long v = Long.parseLong(p[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
            for (int k = groups - 1; k >= 0; k--) {
                int b = (int) ((v >> (7 * k)) & 0x7f);
                out.write(k > 0 ? b | 0x80 : b);
            }
        }
        return tlv(0x06, out.toByteArray());
    }
}
