package io.github.cm4j.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of an HTTPS client of cm4j — an {@code adminservice://} connection, a content download
 * ({@link io.github.cm4j.updates.ContentTrust}) — never trust-all. The JDK trust store by default; a PEM
 * file of CA (or self-signed) certificates ({@code tls-ca=FILE}); or the SHA-256 fingerprint of the server's
 * certificate ({@code tls-pin=sha256:HEX}) for the site's self-signed certificate. Host name verification stays on
 * in every case: the JDK's HTTP client sets the endpoint identification algorithm {@code HTTPS} (RFC 2818 section
 * 3.1), which the trust managers here keep (the pinning one is a plain {@link X509TrustManager}, which the JDK wraps
 * with the host name check). The certificate last refused is remembered, so the error can name its subject and
 * fingerprint. Thread-safe.
 */
public final class Tls {
    private final SSLContext context;
    private final AtomicReference<X509Certificate> refused = new AtomicReference<>();
    private final String description;

    private Tls(SSLContext context, String description) {
        this.context = context;
        this.description = description;
    }

    /**
     * @param caFile a PEM file of trusted certificates, or null
     * @param pin {@code sha256:HEX} (colons allowed), or null
     * @return the trust: pin if given, else the CA file, else the JDK trust store
     * @throws IllegalArgumentException when the file or pin is unusable
     */
    public static Tls of(Path caFile, String pin) {
        try {
            if (pin != null) {
                byte[] expected = parsePin(pin);
                Tls tls = new Tls(SSLContext.getInstance("TLS"), "pinned certificate sha256:" + HexFormat.of().formatHex(expected));
                tls.context.init(null, new TrustManager[] {tls.new Pinned(expected)}, null);
                return tls;
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            String description;
            if (caFile != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                Collection<? extends java.security.cert.Certificate> certs;
                try (InputStream in = Files.newInputStream(caFile)) {
                    certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certs.isEmpty()) {
                    throw new IllegalArgumentException("tls-ca=" + caFile + " holds no PEM certificate");
                }
                int i = 0;
                for (java.security.cert.Certificate c : certs) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
                tmf.init(ks);
                description = "the certificates of " + caFile;
            } else {
                tmf.init((KeyStore) null);
                description = "the JDK trust store";
            }
            X509ExtendedTrustManager delegate = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    delegate = x;
                }
            }
            if (delegate == null) {
                throw new IllegalStateException("the JDK gave no X509ExtendedTrustManager");
            }
            Tls tls = new Tls(SSLContext.getInstance("TLS"), description);
            tls.context.init(null, new TrustManager[] {tls.new Remembering(delegate)}, null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS trust (" + (caFile != null ? "tls-ca=" + caFile : "tls-pin")
                    + "): " + e.getMessage(), e);
        }
    }

    /** @return the SSL context for the HTTP client */
    public SSLContext context() {
        return context;
    }

    /** @return what is trusted, for messages */
    public String description() {
        return description;
    }

    /** @return the certificate last refused, for the error message, or null */
    public X509Certificate lastRefused() {
        return refused.get();
    }

    /**
     * @param cert a certificate
     * @return its SHA-256 fingerprint as {@code sha256:} and lower-case hex, the form {@code tls-pin=} takes
     */
    public static String fingerprint(X509Certificate cert) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] parsePin(String pin) {
        String p = pin.trim();
        if (!p.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
            throw new IllegalArgumentException("tls-pin must be sha256:<64 hex digits>, not " + (p.length() <= 60 ? p : p.substring(0, 57) + "..."));
        }
        String hex = p.substring(7).replace(":", "");
        if (!hex.matches("(?i)[0-9a-f]{64}")) {
            throw new IllegalArgumentException("tls-pin must be sha256:<64 hex digits> (colons allowed), got "
                    + hex.length() + " characters after sha256:");
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }

    private CertificateException refuse(X509Certificate[] chain, String why, Exception cause) {
        if (chain != null && chain.length > 0) {
            refused.set(chain[0]);
        }
        CertificateException e = new CertificateException(why);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Accepts exactly the certificate whose SHA-256 matches; the JDK adds the host name check around it. */
    private final class Pinned implements X509TrustManager {
        private final byte[] expected;

        Pinned(byte[] expected) {
            this.expected = expected;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw refuse(chain, "the server sent no certificate", null);
            }
            byte[] actual;
            try {
                actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            } catch (NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
            if (!MessageDigest.isEqual(actual, expected)) {
                throw refuse(chain, "the server's certificate is not the pinned one", null);
            }
            chain[0].checkValidity();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client's certificate is never trusted here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The JDK's PKIX trust (with the host name check), remembering what it refused. */
    private final class Remembering extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        Remembering(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw refuse(chain, e.getMessage(), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw refuse(chain, e.getMessage(), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw refuse(chain, e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client's certificate is never trusted here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client's certificate is never trusted here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client's certificate is never trusted here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    @Override
    public String toString() {
        return "Tls[" + description + "]";
    }
}
