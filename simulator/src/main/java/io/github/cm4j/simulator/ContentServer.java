package io.github.cm4j.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback HTTP server behind the simulator's content URLs ({@code SMS_CIContentFiles.SourceURL}) when a
 * provider is built with {@link SimulatedProvider.Builder#contentServer(boolean)} (or {@code memory:demo?content=loopback}):
 * started on 127.0.0.1 on first need, it serves seeded bytes whose SHA-1 and length are the catalog's
 * {@code FileHash} and {@code FileSize}, so that a download can be verified for real. Faults for tests:
 * {@link #corrupt(long)} (one byte flipped: the hash no longer matches) and {@link #dropAfter(long, int)} (the
 * connection closes mid-file). Thread-safe; {@link #close()} stops it.
 */
public final class ContentServer implements AutoCloseable {
    private final long seed;
    private final Map<Long, byte[]> cache = new ConcurrentHashMap<>();
    private final Map<Long, String> hashes = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> corrupted = new ConcurrentHashMap<>();
    private final Map<Long, Integer> drops = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile HttpServer server;
    private volatile ExecutorService executor;

    /** The certificate of the HTTPS variant, made at construction; null for plain HTTP. */
    private final io.github.cm4j.simulator.internal.SelfSignedCertificate certificate;

    ContentServer(long seed) {
        this(seed, false);
    }

    ContentServer(long seed, boolean https) {
        this.seed = seed;
        this.certificate = https ? io.github.cm4j.simulator.internal.SelfSignedCertificate.generate("localhost",
                java.time.Duration.ofDays(30)) : null;
    }

    /**
     * The HTTPS server's certificate (self-signed, CN=localhost, DNS localhost and IP 127.0.0.1, ::1), to trust on
     * purpose in a test ({@code ContentTrust.caFile} of {@link #certificatePem()}, or {@code ContentTrust.pin}).
     *
     * @return the certificate; empty when the server speaks plain HTTP
     */
    public Optional<java.security.cert.X509Certificate> certificate() {
        return Optional.ofNullable(certificate).map(io.github.cm4j.simulator.internal.SelfSignedCertificate::certificate);
    }

    /** @return the HTTPS certificate as PEM; empty for plain HTTP */
    public Optional<String> certificatePem() {
        return Optional.ofNullable(certificate).map(io.github.cm4j.simulator.internal.SelfSignedCertificate::pem);
    }

    private HttpServer create() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (certificate == null) {
            return HttpServer.create(loopback, 16);
        }
        try {
            char[] pw = "content".toCharArray();
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("content", certificate.keyPair().getPrivate(), pw,
                    new java.security.cert.Certificate[] {certificate.certificate()});
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            com.sun.net.httpserver.HttpsServer s = com.sun.net.httpserver.HttpsServer.create(loopback, 16);
            s.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ssl));
            return s;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the content server: " + e.getMessage(), e);
        }
    }

    /**
     * The base URL of the files ({@code http://127.0.0.1:PORT/content/}), starting the server on the first call.
     *
     * @return the base URL
     * @throws IllegalStateException when the server cannot start
     */
    public synchronized String baseUrl() {
        if (server == null) {
            try {
                HttpServer s = create();
                s.createContext("/content/", this::serve);
                executor = Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "cm4j-content-server");
                    t.setDaemon(true);
                    return t;
                });
                s.setExecutor(executor);
                // The server's dispatcher thread takes the daemon status of the thread that starts it: start it from a
                // daemon thread, so that a simulator's content server never keeps a JVM alive.
                Thread starter = new Thread(s::start, "cm4j-content-server-start");
                starter.setDaemon(true);
                starter.start();
                try {
                    starter.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    s.stop(0);
                    throw new IllegalStateException("interrupted while starting the content server", e);
                }
                server = s;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the simulator's loopback content server: " + e.getMessage(), e);
            }
        }
        return (certificate == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort() + "/content/";
    }

    /** @return the URL of one file */
    String url(long contentId, String fileName) {
        return baseUrl() + contentId + "/" + fileName;
    }

    byte[] bytes(long contentId, String fileName) {
        return cache.computeIfAbsent(contentId, id -> Content.bytes(seed, id, fileName));
    }

    /** @return {@code SHA1:<HEX>} of the file's bytes, as {@code FileHash} gives it */
    String fileHash(long contentId, String fileName) {
        return hashes.computeIfAbsent(contentId, id -> {
            try {
                return "SHA1:" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(bytes(id, fileName)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Serves the file with one byte changed from now on: its hash no longer matches the catalog's.
     *
     * @param contentId the file's ContentID
     */
    public void corrupt(long contentId) {
        corrupted.put(contentId, Boolean.TRUE);
    }

    /**
     * Closes the connection after this many bytes of the file (the Content-Length announces the whole file), from
     * now on.
     *
     * @param contentId the file's ContentID
     * @param bytes how many bytes to send before dropping
     */
    public void dropAfter(long contentId, int bytes) {
        drops.put(contentId, bytes);
    }

    /** Serves every file whole and intact again. */
    public void heal() {
        corrupted.clear();
        drops.clear();
    }

    /** @return the number of requests served */
    public int requests() {
        return requests.get();
    }

    private void serve(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String[] parts = ex.getRequestURI().getPath().substring("/content/".length()).split("/", 2);
            long contentId;
            try {
                contentId = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = cache.get(contentId);
            if (body == null || parts.length < 2 || !"GET".equals(ex.getRequestMethod().toUpperCase(Locale.ROOT))) {
                ex.sendResponseHeaders(body == null ? 404 : 405, -1);
                return;
            }
            if (corrupted.containsKey(contentId)) {
                body = body.clone();
                body[body.length / 2] ^= 0x5A;
            }
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            Integer drop = drops.get(contentId);
            if (drop != null && drop < body.length) {
                out.write(body, 0, drop);
                out.flush();
                // Ending the exchange short of the announced length makes the server close the connection.
                return;
            }
            out.write(body);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public String toString() {
        HttpServer s = server;
        return "ContentServer[" + (s == null ? "not started" : (certificate == null ? "http" : "https") + "://127.0.0.1:"
                + s.getAddress().getPort()) + "]";
    }
}
