package io.github.cm4j.internal;

import io.github.cm4j.model.CiContentFile;
import io.github.cm4j.updates.ContentDownloadException;
import io.github.cm4j.updates.DownloadListener;
import io.github.cm4j.updates.DownloadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Downloads content files over HTTP(S) with the JDK {@link HttpClient} (TLS verification on through the given trust,
 * by default the JDK trust store, proxies from {@link ProxySelector#getDefault()}, redirects that never downgrade HTTPS), verifying
 * the documented hash ({@code FileHash}: {@code SHA1:hex}, {@code SHA256:hex}, or a bare 40/64-digit hex) and
 * size. A file is written to a temporary file beside its final name and moved into place only when both match;
 * on any failure the temporary file is deleted, so a partial or unverified file never sits under the final
 * name. Nothing is resumed: a new attempt starts from the first byte. Not API. Thread-safe (each call is
 * independent).
 */
public final class ContentDownloader {
    private static final int BUFFER = 64 * 1024;
    /** The slowest transfer rate the per-file deadline allows for, on top of the call timeout. */
    private static final long MIN_BYTES_PER_SECOND = 64 * 1024;

    private final HttpClient http;
    private final Duration callTimeout;
    private final io.github.cm4j.internal.tls.Tls tls;

    /**
     * @param connectTimeout the TCP/TLS connect deadline
     * @param callTimeout the deadline for the response headers; a file's whole transfer gets this plus its size at
     *                    64 KiB/s
     */
    public ContentDownloader(Duration connectTimeout, Duration callTimeout) {
        this(connectTimeout, callTimeout, io.github.cm4j.internal.tls.Tls.of(null, null));
    }

    /**
     * @param connectTimeout the TCP/TLS connect deadline
     * @param callTimeout the deadline for the response headers; a file's whole transfer gets this plus its size at
     *                    64 KiB/s
     * @param tls the server certificates HTTPS accepts (the JDK store, a CA file or a pin; never trust-all)
     */
    public ContentDownloader(Duration connectTimeout, Duration callTimeout, io.github.cm4j.internal.tls.Tls tls) {
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault() == null ? HttpClient.Builder.NO_PROXY : ProxySelector.getDefault())
                .sslContext(tls.context()).build();
    }

    /**
     * Downloads one file into a directory, or confirms the one already there.
     *
     * @param file the content file
     * @param directory the target directory (must exist)
     * @param listener progress
     * @return the verified file
     * @throws ContentDownloadException when it cannot be fetched and verified (nothing left under its name)
     */
    public DownloadedFile download(CiContentFile file, Path directory, DownloadListener listener) {
        String name = safeName(file.fileName());
        Expected expected = expected(file);
        Path target = directory.resolve(name);
        if (Files.isRegularFile(target)) {
            try {
                if (expected.matches(hashOf(target, expected.algorithm)) && Files.size(target) == file.fileSize()) {
                    DownloadedFile done = new DownloadedFile(file, target, false, file.fileSize());
                    listener.done(done);
                    return done;
                }
            } catch (IOException e) {
                throw fail(file, "cannot read the existing " + target + ": " + e.getMessage(), e);
            }
        }
        URI uri;
        try {
            uri = URI.create(file.sourceUrl());
        } catch (IllegalArgumentException e) {
            throw fail(file, "its SourceURL is not a URI", e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw fail(file, "its SourceURL is not http(s): " + uri.getScheme());
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, "." + name + ".", ".part");
            long received = fetch(file, uri, temp, expected, listener);
            DownloadedFile done = new DownloadedFile(file, target, true, received);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            listener.done(done);
            return done;
        } catch (javax.net.ssl.SSLHandshakeException e) {
            // Name the certificate, so that it can be checked and trusted on purpose (ContentTrust), never blindly.
            java.security.cert.X509Certificate refused = tls.lastRefused();
            throw fail(file, "from " + uri.getHost() + ": the TLS handshake failed (" + e.getMessage() + ")"
                    + (refused == null ? "" : "; the server's certificate " + refused.getSubjectX500Principal().getName()
                    + " (" + io.github.cm4j.internal.tls.Tls.fingerprint(refused) + ") is not trusted by " + tls.description()
                    + ": trust its CA with ContentTrust.caFile(FILE) or pin it with ContentTrust.pin(\""
                    + io.github.cm4j.internal.tls.Tls.fingerprint(refused) + "\")"), e);
        } catch (IOException e) {
            throw fail(file, "from " + uri.getHost() + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary name never is the final one
                }
            }
        }
    }

    @SuppressWarnings("try") // the deadline watchdog closes the body stream early, on purpose, to end a blocked read
    private long fetch(CiContentFile file, URI uri, Path temp, Expected expected, DownloadListener listener) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(callTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(file, "interrupted", e);
        }
        long size = file.fileSize();
        Duration deadline = callTimeout.plusSeconds(Math.max(1, size / MIN_BYTES_PER_SECOND));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cm4j-download-deadline");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean expired = new AtomicBoolean();
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(temp)) {
            // The deadline closes the stream, which ends a blocked read.
            ScheduledFuture<?> timer = watchdog.schedule(() -> {
                expired.set(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is all we can do
                }
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw fail(file, "from " + uri.getHost() + ": HTTP status " + response.statusCode());
            }
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced >= 0 && size > 0 && announced != size) {
                throw fail(file, "from " + uri.getHost() + ": the server announces " + announced + " bytes, the catalog "
                        + size + " (FileSize)");
            }
            MessageDigest digest = expected.newDigest();
            byte[] buf = new byte[BUFFER];
            long total = 0;
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (size > 0 && total > size) {
                        throw fail(file, "from " + uri.getHost() + ": more than the " + size + " bytes of FileSize");
                    }
                    digest.update(buf, 0, n);
                    out.write(buf, 0, n);
                    listener.progress(file, total, size);
                }
            } catch (IOException e) {
                if (expired.get()) {
                    throw fail(file, "from " + uri.getHost() + ": the deadline of " + deadline.toSeconds() + " s passed after "
                            + total + " of " + size + " bytes", e);
                }
                throw fail(file, "from " + uri.getHost() + ": the transfer broke after " + total + " of " + size
                        + " bytes (" + e.getMessage() + "); nothing was kept", e);
            }
            timer.cancel(false);
            if (expired.get()) {
                throw fail(file, "from " + uri.getHost() + ": the deadline of " + deadline.toSeconds() + " s passed");
            }
            if (size > 0 && total != size) {
                throw fail(file, "from " + uri.getHost() + ": the transfer ended after " + total + " of " + size
                        + " bytes; nothing was kept");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!expected.matches(actual)) {
                throw fail(file, "from " + uri.getHost() + ": " + expected.algorithm + " mismatch: the catalog documents "
                        + expected.hex + ", the bytes received hash to " + actual.toUpperCase(Locale.ROOT)
                        + "; the file was refused and nothing was kept");
            }
            return total;
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** A file name as the catalog gives it, refused when it could leave the directory. */
    static String safeName(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".")
                || name.equals("..") || name.indexOf('\0') >= 0 || name.contains(":")) {
            throw new ContentDownloadException(String.valueOf(name), "refusing the content file name '" + name
                    + "': it is not a plain file name", null);
        }
        return name;
    }

    private record Expected(String algorithm, String hex) {
        boolean matches(String actualHex) {
            return hex.equalsIgnoreCase(actualHex);
        }

        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code FileHash}: {@code SHA1:hex} / {@code SHA256:hex} (any case), or bare hex of 40 (SHA-1) or 64 (SHA-256) digits. */
    private static Expected expected(CiContentFile file) {
        String h = file.fileHash() == null ? "" : file.fileHash().trim();
        String alg = null;
        String hex = h;
        int colon = h.indexOf(':');
        if (colon > 0) {
            String prefix = h.substring(0, colon).toUpperCase(Locale.ROOT).replace("-", "");
            hex = h.substring(colon + 1);
            alg = prefix.equals("SHA1") ? "SHA-1" : prefix.equals("SHA256") ? "SHA-256" : null;
        } else if (h.length() == 40) {
            alg = "SHA-1";
        } else if (h.length() == 64) {
            alg = "SHA-256";
        }
        if (alg == null || !hex.matches("[0-9A-Fa-f]+") || hex.length() != (alg.equals("SHA-1") ? 40 : 64)) {
            throw new ContentDownloadException(file.fileName(), "cannot verify " + file.fileName() + ": its FileHash '" + h
                    + "' is not SHA1:hex or SHA256:hex; cm4j downloads nothing it cannot verify", null);
        }
        return new Expected(alg, hex);
    }

    private static String hashOf(Path path, String algorithm) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static ContentDownloadException fail(CiContentFile file, String reason) {
        return fail(file, reason, null);
    }

    private static ContentDownloadException fail(CiContentFile file, String reason, Throwable cause) {
        if (cause instanceof ContentDownloadException c) {
            return c;
        }
        return new ContentDownloadException(file.fileName(), "download of content file " + file.fileName() + " (ContentID "
                + file.contentId() + ") failed: " + reason, cause);
    }
}
