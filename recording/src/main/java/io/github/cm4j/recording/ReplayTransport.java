package io.github.cm4j.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.TransportException;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.spi.WmiTransport;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Answers calls from a recording (see {@link ReplayTransportProvider} for the matching rules). The whole recording is
 * read when the transport opens: answers are decoded into objects then, so replay is as fast as memory. Thread-safe:
 * taking a recorded answer is synchronized.
 */
final class ReplayTransport implements WmiTransport {
    /** The longest line a recording may hold; longer is not a cm4j recording (bounded before allocation). */
    private static final int MAX_LINE = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded call and what it answered. */
    static final class Recorded {
        final long seq;
        final String key;
        final String shown;
        final List<WmiObject> rows = new ArrayList<>();
        WmiObject object;
        WmiClass wmiClass;
        String path;
        boolean done;
        boolean complete;
        JsonNode error;

        Recorded(long seq, String key, String shown) {
            this.seq = seq;
            this.key = key;
            this.shown = shown;
        }
    }

    private final Path file;
    private final String namespace;
    private final Set<Capability> capabilities;
    private final Map<String, Deque<Recorded>> pending;
    private final Map<String, Integer> recordedCounts;
    private volatile boolean closed;

    private ReplayTransport(Path file, String namespace, Set<Capability> capabilities, Map<String, Deque<Recorded>> pending) {
        this.file = file;
        this.namespace = namespace;
        this.capabilities = capabilities;
        this.pending = pending;
        this.recordedCounts = new HashMap<>();
        pending.forEach((k, v) -> recordedCounts.put(k, v.size()));
    }

    /**
     * What a put is matched on: the instance's path, or its class name when a key is still NULL (a new instance whose
     * key the provider assigns, e.g. SMS_AuthorizationList.CI_ID).
     */
    static String putTarget(WmiObject instance) {
        try {
            return instance.path().toString();
        } catch (io.github.cm4j.MappingException e) {
            return instance.className();
        }
    }

    static String key(String op, String ns, String text) {
        return op + "|" + ns.toLowerCase(Locale.ROOT).replace('/', '\\') + "|" + text;
    }

    static ReplayTransport read(Path file) {
        List<Path> parts = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            Path p = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(p)) {
                parts.add(p);
            }
        }
        parts.add(file);
        String ns = null;
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        Map<Long, Recorded> bySeq = new LinkedHashMap<>();
        for (Path part : parts) {
            Map<Integer, WmiClass> classes = new HashMap<>();
            int lineNo = 0;
            try (BufferedReader r = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.length() > MAX_LINE) {
                        throw new ConfigMgrException(part + " line " + lineNo + " is longer than " + MAX_LINE + " characters");
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(line);
                    String type = n.path("type").asText();
                    switch (type) {
                        case "header" -> {
                            if (!"cm4j-recording".equals(n.path("format").asText())) {
                                throw new ConfigMgrException(part + " is not a cm4j recording (no cm4j-recording header)");
                            }
                            if (ns == null) {
                                ns = n.path("namespace").asText();
                                for (JsonNode c : n.path("capabilities")) {
                                    try {
                                        caps.add(Capability.valueOf(c.asText()));
                                    } catch (IllegalArgumentException e) {
                                        // a capability this cm4j does not know: not offered on replay
                                    }
                                }
                            }
                        }
                        case "class" -> classes.put(n.get("id").asInt(), CimJson.wmiClass(n.get("class"), classes));
                        case "call" -> {
                            String op = n.get("op").asText();
                            String text = switch (op) {
                                case "query" -> n.get("wql").asText();
                                case "get", "put", "delete" -> n.get("path").asText();
                                case "getClass" -> n.get("class").asText();
                                case "invoke" -> n.get("target").asText() + "." + n.get("method").asText();
                                default -> throw new ConfigMgrException(part + " line " + lineNo + ": unknown operation " + op);
                            };
                            long seq = n.get("seq").asLong();
                            bySeq.put(seq, new Recorded(seq, key(op, n.get("ns").asText(), text), op + " " + text));
                        }
                        case "row" -> call(bySeq, n, part, lineNo).rows.add(CimJson.object(n.get("object"), classes));
                        case "result" -> {
                            Recorded c = call(bySeq, n, part, lineNo);
                            if (n.has("object")) {
                                c.object = CimJson.object(n.get("object"), classes);
                            }
                            if (n.has("class")) {
                                c.wmiClass = classes.get(n.get("class").asInt());
                            }
                            if (n.has("path")) {
                                c.path = n.get("path").asText();
                            }
                            c.done = true;
                            c.complete = true;
                        }
                        case "end" -> {
                            Recorded c = call(bySeq, n, part, lineNo);
                            c.done = true;
                            c.complete = n.path("complete").asBoolean();
                        }
                        case "error" -> {
                            Recorded c = call(bySeq, n, part, lineNo);
                            c.error = n;
                            c.done = true;
                        }
                        case "close" -> {
                            // the end of a connection's recording
                        }
                        default -> throw new ConfigMgrException(part + " line " + lineNo + ": unknown line type '" + type + "'");
                    }
                }
            } catch (IOException e) {
                throw new ConfigMgrException("cannot read the recording " + part + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (e instanceof ConfigMgrException) {
                    throw e;
                }
                throw new ConfigMgrException("the recording " + part + " is malformed at line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        if (ns == null) {
            throw new ConfigMgrException(file + " holds no cm4j recording header");
        }
        Map<String, Deque<Recorded>> pending = new HashMap<>();
        for (Recorded c : bySeq.values()) {
            pending.computeIfAbsent(c.key, k -> new ArrayDeque<>()).add(c);
        }
        return new ReplayTransport(file, ns, caps, pending);
    }

    private static Recorded call(Map<Long, Recorded> bySeq, JsonNode n, Path part, int lineNo) {
        Recorded c = bySeq.get(n.get("seq").asLong());
        if (c == null) {
            // the call line went with a rotated part that is gone: its answer cannot be matched
            Recorded orphan = new Recorded(n.get("seq").asLong(), "orphan|" + n.get("seq").asLong(), "a call of a lost part");
            bySeq.put(orphan.seq, orphan);
            return orphan;
        }
        return c;
    }

    private Recorded take(String op, String ns, String text) {
        if (closed) {
            throw new TransportException("replay of " + file + " is closed", null, null);
        }
        String k = key(op, ns, text);
        Recorded r;
        synchronized (pending) {
            Deque<Recorded> q = pending.get(k);
            r = q == null ? null : q.poll();
        }
        if (r == null) {
            int n = recordedCounts.getOrDefault(k, 0);
            throw new TransportException("replay of " + file + ": no recorded answer for " + op + " '" + text + "' in " + ns
                    + (n == 0 ? " (the recording never made this call; replay matches the exact text)"
                    : " (the recording made it " + n + " time(s), all replayed)"), null, null);
        }
        if (!r.done) {
            throw new TransportException("replay of " + file + ": the recording ends before the answer to " + r.shown, null, null);
        }
        return r;
    }

    private static RuntimeException error(JsonNode e, String op, String target) {
        String type = e.path("exception").asText();
        String message = e.path("message").asText();
        return switch (type) {
            case "WmiException" -> new WmiException(e.path("hresult").asInt(), op, target, null, null);
            case "AuthenticationException" -> new AuthenticationException(message, null, null);
            case "CallTimeoutException" -> new CallTimeoutException(op + " " + target,
                    Duration.ofMillis((long) (e.path("timeout").asDouble(0) * 1000)), null, null);
            case "ConnectionException" -> new ConnectionException(message, null, null);
            default -> type.endsWith("TransportException") || type.endsWith("Exception") && message.contains("[host")
                    ? new TransportException(message, null, null) : new ConfigMgrException(message);
        };
    }

    @Override
    public String defaultNamespace() {
        return namespace;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Stream<WmiObject> query(String ns, String wql, QueryOptions options, WmiContext context) {
        Recorded r = take("query", ns, wql);
        if (r.error != null && r.rows.isEmpty()) {
            throw error(r.error, "ExecQuery", wql);
        }
        Stream<WmiObject> rows = r.rows.stream();
        if (r.error != null) {
            return Stream.concat(rows, Stream.<WmiObject>of((WmiObject) null).map(x -> {
                throw error(r.error, "ExecQuery", wql);
            }));
        }
        if (!r.complete) {
            return Stream.concat(rows, Stream.<WmiObject>of((WmiObject) null).map(x -> {
                throw new TransportException("replay of " + file + ": the recorded client read only " + r.rows.size()
                        + " row(s) of '" + wql + "'", null, null);
            }));
        }
        return rows;
    }

    @Override
    public WmiObject get(String ns, ObjectPath path, CallOptions options, WmiContext context) {
        Recorded r = take("get", ns, path.toString());
        if (r.error != null) {
            throw error(r.error, "GetObject", path.toString());
        }
        return r.object;
    }

    @Override
    public WmiClass getClass(String ns, String className, CallOptions options, WmiContext context) {
        Recorded r = take("getClass", ns, className);
        if (r.error != null) {
            throw error(r.error, "GetObject", className);
        }
        return r.wmiClass;
    }

    @Override
    public ObjectPath put(String ns, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        String path = putTarget(instance);
        Recorded r = take("put", ns, path);
        if (r.error != null) {
            throw error(r.error, "PutInstance", path);
        }
        return ObjectPath.parse(r.path);
    }

    @Override
    public WmiObject invoke(String ns, ObjectPath target, String method, WmiObject inParameters, CallOptions options,
                            WmiContext context) {
        Recorded r = take("invoke", ns, target + "." + method);
        if (r.error != null) {
            throw error(r.error, "ExecMethod", target + "." + method);
        }
        return r.object;
    }

    @Override
    public void delete(String ns, ObjectPath path, CallOptions options, WmiContext context) {
        Recorded r = take("delete", ns, path.toString());
        if (r.error != null) {
            throw error(r.error, "DeleteInstance", path.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "ReplayTransport[" + file + ", " + namespace + "]";
    }
}
