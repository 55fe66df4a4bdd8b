package io.github.cm4j.adminservice.internal;

import io.github.cm4j.wmi.ntlm.ChannelBindings;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * NTLM over HTTP (MS-NLMP through {@code WWW-Authenticate: NTLM}, or {@code Negotiate} carrying raw NTLM as RFC 4559
 * section 4 allows) on a dedicated HTTP/1.1 connection per request.
 *
 * <p>Why not {@code java.net.http}: NTLM authenticates the TCP connection, not the request — the server keeps the
 * CHALLENGE it sent for the connection that carried it, so the NEGOTIATE and AUTHENTICATE legs must travel on one
 * connection. The JDK client pools connections and promises no such thing (a concurrent request may take the pooled
 * connection, or a new one may be opened), which is how an earlier attempt failed. Here each request opens its own
 * {@link SSLSocket} (the transport's trust, host name verification {@code HTTPS} of RFC 2818 section 3.1, SNI),
 * sends the request with the NEGOTIATE_MESSAGE, reads the 401 with the CHALLENGE_MESSAGE, and sends it again with
 * the AUTHENTICATE_MESSAGE on the same socket (RFC 7230 section 6.3 persistence; a server that closes between the
 * legs is reported). The answer's body streams from that socket, and closing it closes the connection: no
 * authenticated connection is ever reused by another request.
 *
 * <p>Channel binding: the AUTHENTICATE_MESSAGE carries MsvAvChannelBindings for the certificate this socket
 * verified (RFC 5929 {@code tls-server-end-point}; {@link ChannelBindings}), as Windows' Extended Protection for
 * Authentication expects over HTTPS, and MsvAvTargetName {@code HTTP/host}.
 *
 * <p>Bounds: the status line and headers at most {@link #MAX_HEADERS} bytes, chunk sizes checked, a 401's body read
 * at most {@link #MAX_ERROR_BODY} bytes. Deadlines: the connect, the TLS handshake and every read until the final
 * answer's headers share the request's deadline; each read of the body waits at most the call timeout.
 * Thread-safe: every call has its own socket and NTLM context.
 */
public final class NtlmHttp {
    /** The most bytes of status line and headers read per answer. */
    public static final int MAX_HEADERS = 64 * 1024;
    /** The most bytes of an intermediate 401's body read (and discarded). */
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private final SSLContext ssl;
    private final NtlmClient ntlm;
    private final String host;
    private final int port;
    private final Duration connectTimeout;

    /**
     * @param ssl the TLS context of the transport's trust
     * @param ntlm the NTLM client (credentials)
     * @param host the server's host name (TLS SNI, host name verification, {@code Host}, SPN {@code HTTP/host})
     * @param port the HTTPS port
     * @param connectTimeout the TCP connect timeout
     */
    public NtlmHttp(SSLContext ssl, NtlmClient ntlm, String host, int port, Duration connectTimeout) {
        this.ssl = ssl;
        this.ntlm = ntlm.withTargetName("HTTP/" + host);
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
    }

    /** How far the handshake came when the answer was read. */
    public enum Leg {
        /** The answer to the NEGOTIATE_MESSAGE: the server sent no CHALLENGE (it refuses NTLM, or needs none). */
        NEGOTIATE,
        /** The answer to the AUTHENTICATE_MESSAGE. */
        AUTHENTICATE
    }

    /**
     * An answer: status, headers and the body to read and close (closing it closes the connection).
     *
     * @param status the HTTP status
     * @param headers the headers (names case-insensitive)
     * @param body the body
     * @param leg the leg the answer came to
     */
    public record Answer(int status, HttpHeaders headers, InputStream body, Leg leg) {
    }

    /**
     * Sends one request, authenticating it with NTLM.
     *
     * @param method the method
     * @param uri the absolute {@code https} URI (on this host and port)
     * @param headers request headers (no {@code Authorization}, {@code Host}, {@code Content-Length})
     * @param body the body, or an empty array
     * @param timeout the deadline until the final answer's headers; also the longest wait of each body read
     * @return the final answer
     * @throws SocketTimeoutException when the deadline passes
     * @throws IOException when connecting, TLS (an {@link javax.net.ssl.SSLHandshakeException}), or the exchange fails
     * @throws io.github.cm4j.wmi.ntlm.NtlmAuthenticationException when the CHALLENGE does not offer what NTLMv2 needs
     */
    public Answer send(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SSLSocket socket = connect(deadline);
        boolean handedOver = false;
        try {
            Optional<byte[]> bindings = bindings(socket);
            NtlmClient client = bindings.map(ntlm::withChannelBindings).orElse(ntlm);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            NtlmClient.Context context = client.newContext();
            byte[] negotiate = context.negotiate();
            // RFC 4559 allows raw NTLM in Negotiate; the dedicated NTLM scheme is what IIS offers as well
            String scheme = "NTLM";
            Head head = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                write(out, method, uri, headers, body, scheme + " " + Base64.getEncoder().encodeToString(negotiate));
                head = readHead(socket, in, deadline, method);
                if (head.status != 401 || challenge(head.headers, scheme).isPresent()) {
                    break;
                }
                // a server that offers Negotiate and not NTLM: the same NEGOTIATE_MESSAGE inside Negotiate, once
                boolean retry = scheme.equals("NTLM") && offers(head.headers, "Negotiate") && !offers(head.headers, "NTLM")
                        && head.keepAlive;
                if (!retry) {
                    break;
                }
                drain(head, in);
                scheme = "Negotiate";
            }
            Optional<byte[]> challenge = head.status == 401 ? challenge(head.headers, scheme) : Optional.empty();
            if (challenge.isEmpty()) {
                handedOver = true;
                return new Answer(head.status, head.headers, body(head, in, socket, timeout), Leg.NEGOTIATE);
            }
            drain(head, in);
            if (!head.keepAlive) {
                throw new IOException(host + " closed the connection after the NTLM CHALLENGE (Connection: close), so "
                        + "the AUTHENTICATE_MESSAGE cannot follow on it: NTLM authenticates one connection");
            }
            byte[] authenticate = context.authenticate(challenge.get());
            write(out, method, uri, headers, body, scheme + " " + Base64.getEncoder().encodeToString(authenticate));
            Head last = readHead(socket, in, deadline, method);
            handedOver = true;
            return new Answer(last.status, last.headers, body(last, in, socket, timeout), Leg.AUTHENTICATE);
        } finally {
            if (!handedOver) {
                socket.close();
            }
        }
    }

    private SSLSocket connect(long deadline) throws IOException {
        java.net.Socket plain = SocketFactory.getDefault().createSocket();
        try {
            int connectMillis = (int) Math.max(1, Math.min(connectTimeout.toMillis(), remainingMillis(deadline)));
            plain.connect(new InetSocketAddress(host, port), connectMillis);
            plain.setTcpNoDelay(true);
            SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!host.contains(":") && !host.matches("[0-9.]+")) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            s.setSSLParameters(p);
            s.setSoTimeout(remainingMillis(deadline));
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static Optional<byte[]> bindings(SSLSocket socket) throws IOException {
        Certificate[] chain = socket.getSession().getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return ChannelBindings.tlsServerEndPoint(leaf);
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("the deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private void write(OutputStream out, String method, URI uri, Map<String, String> headers, byte[] body,
                       String authorization) throws IOException {
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("the header " + h.getKey() + " holds a line break");
            }
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        sb.append("Authorization: ").append(authorization).append("\r\n");
        sb.append("Connection: keep-alive\r\n");
        if (body.length > 0 || !method.equals("GET") && !method.equals("DELETE")) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Status and headers of one answer, and how its body is framed (RFC 7230 section 3.3.3). */
    private record Head(int status, HttpHeaders headers, long contentLength, boolean chunked, boolean keepAlive,
                        boolean noBody) {
    }

    private static Head readHead(SSLSocket socket, InputStream in, long deadline, String method) throws IOException {
        socket.setSoTimeout(remainingMillis(deadline));
        int[] budget = {MAX_HEADERS};
        String statusLine = line(in, budget);
        // a 1xx interim answer (100 Continue) is skipped: the final one follows
        while (statusLine.matches("HTTP/1\\.[01] 1\\d\\d.*")) {
            while (!line(in, budget).isEmpty()) {
                // headers of the interim answer
            }
            statusLine = line(in, budget);
        }
        if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
            throw new IOException("not an HTTP/1.1 status line: " + printable(statusLine));
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String l;
        while (!(l = line(in, budget)).isEmpty()) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IOException("a malformed header line: " + printable(l));
            }
            map.computeIfAbsent(l.substring(0, colon).trim(), k -> new ArrayList<>()).add(l.substring(colon + 1).trim());
        }
        HttpHeaders headers = HttpHeaders.of(map, (a, b) -> true);
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        String connection = headers.firstValue("Connection").orElse("").toLowerCase(Locale.ROOT);
        boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        boolean chunked = headers.allValues("Transfer-Encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        long length = -1;
        Optional<String> cl = headers.firstValue("Content-Length");
        if (!chunked && cl.isPresent()) {
            try {
                length = Long.parseLong(cl.get().trim());
            } catch (NumberFormatException e) {
                length = -2;
            }
            if (length < 0) {
                throw new IOException("an invalid Content-Length: " + printable(cl.get()));
            }
        }
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
        if (!noBody && !chunked && length < 0) {
            keepAlive = false; // the body runs to the end of the connection
        }
        return new Head(status, headers, length, chunked, keepAlive, noBody);
    }

    private static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(80);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("the server closed the connection in the middle of an answer's headers");
            }
            if (--budget[0] < 0) {
                throw new IOException("the answer's status line and headers pass " + MAX_HEADERS + " bytes");
            }
            b.write(c);
        }
        budget[0]--;
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String printable(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static boolean offers(HttpHeaders headers, String scheme) {
        return headers.allValues("WWW-Authenticate").stream()
                .anyMatch(v -> v.regionMatches(true, 0, scheme, 0, scheme.length())
                        && (v.length() == scheme.length() || v.charAt(scheme.length()) == ' '));
    }

    /** The CHALLENGE_MESSAGE in {@code WWW-Authenticate: <scheme> <base64>}, if the answer carries one. */
    private static Optional<byte[]> challenge(HttpHeaders headers, String scheme) throws IOException {
        for (String v : headers.allValues("WWW-Authenticate")) {
            if (v.length() > scheme.length() + 1 && v.regionMatches(true, 0, scheme + " ", 0, scheme.length() + 1)) {
                byte[] token;
                try {
                    token = Base64.getDecoder().decode(v.substring(scheme.length() + 1).trim());
                } catch (IllegalArgumentException e) {
                    throw new IOException("the " + scheme + " token of the 401 is not base64");
                }
                if (token.length < 8 || !new String(token, 0, 7, StandardCharsets.US_ASCII).equals("NTLMSSP")) {
                    throw new IOException("the " + scheme + " token of the 401 is not an NTLM CHALLENGE_MESSAGE (a "
                            + "server that wraps NTLM in SPNEGO is not supported: use Kerberos)");
                }
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    /** Reads away an intermediate answer's body so that the next leg can follow on the connection. */
    private static void drain(Head head, InputStream in) throws IOException {
        if (head.noBody) {
            return;
        }
        if (!head.chunked && head.contentLength < 0) {
            return; // unframed: the connection ends with it (keepAlive is false)
        }
        try (InputStream b = framed(head, in)) {
            byte[] sink = new byte[4096];
            long total = 0;
            int n;
            while ((n = b.read(sink)) >= 0) {
                total += n;
                if (total > MAX_ERROR_BODY) {
                    throw new IOException("the body of the 401 passes " + MAX_ERROR_BODY + " bytes");
                }
            }
        }
    }

    private static InputStream framed(Head head, InputStream in) {
        if (head.noBody) {
            return InputStream.nullInputStream();
        }
        if (head.chunked) {
            return new Chunked(in);
        }
        if (head.contentLength >= 0) {
            return new Bounded(in, head.contentLength);
        }
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the socket is closed by the body wrapper
            }
        };
    }

    private static InputStream body(Head head, InputStream in, SSLSocket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        InputStream b = framed(head, in);
        return new FilterInputStream(b) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    socket.close();
                }
            }
        };
    }

    /** A body of Content-Length bytes. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended " + left + " bytes before the end of the body");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            // the socket is closed by the body wrapper
        }
    }

    /** A chunked body (RFC 7230 section 4.1): chunk sizes are checked; trailers are read and dropped. */
    static final class Chunked extends FilterInputStream {
        private long left;
        private boolean end;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (end) {
                return -1;
            }
            if (left == 0) {
                int[] budget = {MAX_HEADERS};
                String sizeLine = line(in, budget);
                int semi = sizeLine.indexOf(';');
                String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
                if (hex.isEmpty() || hex.length() > 15 || !hex.matches("[0-9A-Fa-f]+")) {
                    throw new IOException("an invalid chunk size: " + printable(sizeLine));
                }
                left = Long.parseLong(hex, 16);
                if (left == 0) {
                    while (!line(in, budget).isEmpty()) {
                        // trailers
                    }
                    end = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                int[] budget = {2};
                if (!line(in, budget).isEmpty()) {
                    throw new IOException("a chunk does not end with CRLF");
                }
            }
            return n;
        }

        @Override
        public void close() {
            // the socket is closed by the body wrapper
        }
    }

    /** @return the account, never the secret */
    public String account() {
        return ntlm.account();
    }

    @Override
    public String toString() {
        return "NtlmHttp[" + host + ":" + port + ", " + ntlm.account() + "]";
    }
}
