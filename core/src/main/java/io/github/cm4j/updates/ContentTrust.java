package io.github.cm4j.updates;

import io.github.cm4j.internal.tls.Tls;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which TLS server certificates a content download over HTTPS accepts ({@link SoftwareUpdates#withContentTrust}):
 * the JDK trust store (the default, as Microsoft's download servers need nothing else), a PEM file of CA or
 * self-signed certificates, or the SHA-256 fingerprint of the server's certificate — the same three choices, with
 * the same code, as the {@code tls-ca=} and {@code tls-pin=} options of {@code adminservice://}
 * (docs/transport-adminservice.md). Never trust-all; host name verification stays on in every case. A refused
 * certificate is named in the {@link ContentDownloadException} (subject and fingerprint), so it can be checked and
 * trusted on purpose. Immutable; thread-safe.
 *
 * <pre>{@code
 * SoftwareUpdates su = cm.softwareUpdates().withContentTrust(ContentTrust.caFile(Path.of("wsus-ca.pem")));
 * su.downloadContent(update, Path.of("downloads"));
 * }</pre>
 */
public final class ContentTrust {
    private static final ContentTrust JDK = new ContentTrust(Tls.of(null, null), "the JDK trust store");

    private final Tls tls;
    private final String description;

    private ContentTrust(Tls tls, String description) {
        this.tls = tls;
        this.description = description;
    }

    /**
     * The JDK's trust store ({@code cacerts}, or what {@code javax.net.ssl.trustStore} names): the default.
     *
     * @return the default trust
     */
    public static ContentTrust jdk() {
        return JDK;
    }

    /**
     * Trusts the certificates of a PEM file (a CA, or a server's self-signed certificate), as {@code tls-ca=FILE}
     * does; the file is read now.
     *
     * @param pemFile one or more PEM certificates
     * @return the trust
     * @throws IllegalArgumentException when the file cannot be read or holds no certificate
     */
    public static ContentTrust caFile(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        return new ContentTrust(Tls.of(pemFile, null), "the certificates of " + pemFile);
    }

    /**
     * Trusts exactly the server certificate with this SHA-256 fingerprint, as {@code tls-pin=} does (host name
     * verification still applies).
     *
     * @param fingerprint {@code sha256:} and 64 hex digits (colons allowed), as a refusal message prints it
     * @return the trust
     * @throws IllegalArgumentException when the fingerprint is malformed
     */
    public static ContentTrust pin(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Tls tls = Tls.of(null, fingerprint);
        return new ContentTrust(tls, tls.description());
    }

    /** The trust as the download's HTTP client uses it (not API: the internal TLS layer). */
    Tls tls() {
        return tls;
    }

    /**
     * Says what is trusted.
     *
     * @return e.g. {@code ContentTrust[the certificates of wsus-ca.pem]}
     */
    @Override
    public String toString() {
        return "ContentTrust[" + description + "]";
    }
}
