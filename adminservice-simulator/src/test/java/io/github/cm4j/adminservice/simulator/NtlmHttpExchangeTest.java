package io.github.cm4j.adminservice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.internal.NtlmHttp;
import io.github.cm4j.internal.tls.Tls;
import io.github.cm4j.simulator.internal.SelfSignedCertificate;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;

/**
 * {@link NtlmHttp} against scripted HTTPS peers, for what the loopback service never does: a server that offers only
 * {@code Negotiate} gets the NTLM messages inside {@code Negotiate} (RFC 4559 section 4) on the same connection; a
 * chunked answer is read; a server that closes the connection after its CHALLENGE, endless headers and a bad chunk
 * size fail with messages that say so; a deadline passes as a {@link java.net.SocketTimeoutException}.
 */
class NtlmHttpExchangeTest {
    private static final Credentials ACCOUNT = Credentials.of("LAB\\alice", "Scripted-1");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One scripted connection: reads requests, writes answers. */
    interface Script {
        void run(InputStream in, OutputStream out) throws Exception;
    }

    /** An HTTPS listener on loopback that runs the script on each connection and counts them. */
    private static final class Peer implements AutoCloseable {
        final SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", Duration.ofDays(1));
        final SSLServerSocket listener;
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Thread thread;

        Peer(Script script) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "x".toCharArray();
            ks.setKeyEntry("k", cert.keyPair().getPrivate(), pw, new java.security.cert.Certificate[] {cert.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            listener = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        connections.incrementAndGet();
                        script.run(s.getInputStream(), s.getOutputStream());
                    } catch (Exception e) {
                        // the next connection, or closed
                    }
                }
            }, "scripted-https");
            thread.setDaemon(true);
            thread.start();
        }

        NtlmHttp client() {
            SSLContext ssl = Tls.of(null, Tls.fingerprint(cert.certificate())).context();
            return new NtlmHttp(ssl, NtlmClient.of(ACCOUNT), "localhost", listener.getLocalPort(), TIMEOUT);
        }

        URI uri() {
            return URI.create("https://localhost:" + listener.getLocalPort() + "/AdminService/wmi/SMS_Site");
        }

        /** Reads one request's head (and records its Authorization); bodies are not sent by these GETs. */
        String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                b.write(c);
                String s = b.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r\n\r\n")) {
                    String auth = s.lines().filter(l -> l.startsWith("Authorization: ")).findFirst().orElse("");
                    requests.add(auth);
                    return auth.isEmpty() ? "" : auth.substring("Authorization: ".length());
                }
            }
            throw new IOException("closed");
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String body(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aServerOfferingOnlyNegotiateGetsRawNtlmInsideNegotiateOnTheSameConnection() throws Exception {
        NtlmServer verifier = NtlmServer.builder().account(ACCOUNT).sessionSecurityRequired(false).build();
        List<String> outcome = new ArrayList<>();
        Peer[] holder = new Peer[1];
        Script script = (in, out) -> {
            Peer p = holder[0];
            String first = p.readRequest(in);
            assertThat(first).startsWith("NTLM ");
            write(out, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nContent-Length: 0\r\n\r\n");
            String negotiate = p.readRequest(in);
            NtlmServer.Context ctx = verifier.newContext();
            byte[] challenge = ctx.challenge(Base64.getDecoder().decode(negotiate.substring("Negotiate ".length())));
            write(out, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate "
                    + Base64.getEncoder().encodeToString(challenge) + "\r\nContent-Length: 5\r\n\r\nagain");
            String authenticate = p.readRequest(in);
            outcome.add(ctx.authenticate(Base64.getDecoder().decode(authenticate.substring("Negotiate ".length())))
                    .principal().toString());
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"val\r\n7;ext=1\r\nue\":[]}\r\n0\r\nX-Trailer: t\r\n\r\n");
        };
        try (Peer peer = new Peer(script)) {
            holder[0] = peer;
            NtlmHttp.Answer a = peer.client().send("GET", peer.uri(), Map.of("Accept", "application/json"), new byte[0], TIMEOUT);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.leg()).isEqualTo(NtlmHttp.Leg.AUTHENTICATE);
            assertThat(body(a.body())).isEqualTo("{\"value\":[]}");
            assertThat(outcome).containsExactly("LAB\\alice");
            assertThat(peer.connections.get()).as("all three requests on one connection").isEqualTo(1);
            assertThat(peer.requests).hasSize(3);
        }
    }

    @Test
    void aServerThatClosesAfterItsChallengeIsReported() throws Exception {
        NtlmServer verifier = NtlmServer.builder().account(ACCOUNT).sessionSecurityRequired(false).build();
        Peer[] holder = new Peer[1];
        Script script = (in, out) -> {
            String negotiate = holder[0].readRequest(in);
            byte[] challenge = verifier.newContext().challenge(Base64.getDecoder().decode(negotiate.substring(5)));
            write(out, "HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nWWW-Authenticate: NTLM "
                    + Base64.getEncoder().encodeToString(challenge) + "\r\nContent-Length: 0\r\n\r\n");
        };
        try (Peer peer = new Peer(script)) {
            holder[0] = peer;
            assertThatThrownBy(() -> peer.client().send("GET", peer.uri(), Map.of(), new byte[0], TIMEOUT))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("closed the connection after the NTLM CHALLENGE");
        }
    }

    @Test
    void endlessHeadersAndBadChunkSizesAreRefused() throws Exception {
        Peer[] holder = new Peer[1];
        AtomicInteger round = new AtomicInteger();
        Script script = (in, out) -> {
            holder[0].readRequest(in);
            if (round.getAndIncrement() == 0) {
                write(out, "HTTP/1.1 200 OK\r\n");
                String header = "X-Padding: " + "a".repeat(1000) + "\r\n";
                for (int i = 0; i < 100; i++) {
                    write(out, header);
                }
            } else {
                write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n");
            }
        };
        try (Peer peer = new Peer(script)) {
            holder[0] = peer;
            assertThatThrownBy(() -> peer.client().send("GET", peer.uri(), Map.of(), new byte[0], TIMEOUT))
                    .isInstanceOf(IOException.class).hasMessageContaining("pass " + NtlmHttp.MAX_HEADERS + " bytes");
            NtlmHttp.Answer a = peer.client().send("GET", peer.uri(), Map.of(), new byte[0], TIMEOUT);
            assertThat(a.leg()).as("a 200 to the NEGOTIATE: the server asked for nothing").isEqualTo(NtlmHttp.Leg.NEGOTIATE);
            assertThatThrownBy(() -> body(a.body())).isInstanceOf(IOException.class).hasMessageContaining("invalid chunk size");
        }
    }

    @Test
    void aServerThatNeverAnswersRunsIntoTheDeadline() throws Exception {
        Peer[] holder = new Peer[1];
        Script script = (in, out) -> {
            holder[0].readRequest(in);
            Thread.sleep(5_000);
        };
        try (Peer peer = new Peer(script)) {
            holder[0] = peer;
            long start = System.nanoTime();
            assertThatThrownBy(() -> peer.client().send("GET", peer.uri(), Map.of(), new byte[0], Duration.ofMillis(600)))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }
}
