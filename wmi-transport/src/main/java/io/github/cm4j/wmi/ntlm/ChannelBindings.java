package io.github.cm4j.wmi.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;

/**
 * The MsvAvChannelBindings value of NTLM over TLS (MS-NLMP 2.2.2.1: the MD5 hash of a
 * {@code gss_channel_bindings_struct}), built from the RFC 5929 {@code tls-server-end-point} binding as Windows'
 * Extended Protection for Authentication expects it over HTTPS. Both ends compute it from the server's certificate:
 * the client from the certificate the TLS handshake showed it, the server from its own; a relay that terminates TLS
 * with another certificate therefore produces a different hash. Stateless and thread-safe.
 */
public final class ChannelBindings {
    private static final String PREFIX = "tls-server-end-point:";

    private ChannelBindings() {
    }

    /**
     * The MsvAvChannelBindings hash for the {@code tls-server-end-point} binding of a server certificate.
     *
     * <p>RFC 5929 section 4.1: the certificate is hashed with the hash of its signature algorithm, SHA-256 when that
     * is MD5 or SHA-1. The struct (RFC 2744 section 3.11, flattened as Windows hashes it: each field a little-endian
     * 32-bit integer, each buffer its 32-bit length and bytes) has no addresses (type 0, empty) and the application
     * data {@code "tls-server-end-point:" || hash}.
     *
     * @param certificate the server's (leaf) certificate
     * @return the 16-byte hash, or empty when the signature algorithm names no single hash (e.g. RSASSA-PSS, whose
     *     hash is in its parameters: RFC 5929 leaves that undefined, and the caller then sends no bindings)
     */
    public static Optional<byte[]> tlsServerEndPoint(X509Certificate certificate) {
        Optional<String> hash = certificateHash(certificate.getSigAlgName());
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance(hash.get()).digest(certificate.getEncoded());
            byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
            byte[] application = new byte[prefix.length + digest.length];
            System.arraycopy(prefix, 0, application, 0, prefix.length);
            System.arraycopy(digest, 0, application, prefix.length, digest.length);
            ByteArrayOutputStream struct = new ByteArrayOutputStream(20 + application.length);
            for (int i = 0; i < 4; i++) {
                u32(struct, 0); // initiator_addrtype, initiator_address.length, acceptor_addrtype, acceptor_address.length
            }
            u32(struct, application.length);
            struct.writeBytes(application);
            return Optional.of(MessageDigest.getInstance("MD5").digest(struct.toByteArray()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the tls-server-end-point binding: " + e.getMessage(), e);
        }
    }

    /** RFC 5929 section 4.1: the signature's hash, MD5 and SHA-1 raised to SHA-256; empty when it names none. */
    static Optional<String> certificateHash(String sigAlgName) {
        String n = sigAlgName.toUpperCase(Locale.ROOT).replace("-", "");
        int with = n.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty();
        }
        String h = n.substring(0, with);
        return switch (h) {
            case "MD5", "SHA1", "SHA224", "SHA256" -> Optional.of(h.equals("SHA224") ? "SHA-224" : "SHA-256");
            case "SHA384" -> Optional.of("SHA-384");
            case "SHA512" -> Optional.of("SHA-512");
            default -> Optional.empty();
        };
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
