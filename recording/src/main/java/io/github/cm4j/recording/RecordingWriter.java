package io.github.cm4j.recording;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConfigMgrException;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one recording: JSON Lines, one line per event (header, class, call, result, row, end, error, close; see
 * docs/troubleshooting.md), bounded in size: when a file reaches {@code maxBytes} it is rotated ({@code FILE} becomes
 * {@code FILE.1}, the oldest beyond {@code files} parts is deleted) and the new file starts with a header and defines
 * its classes again. Secrets are never written: credentials are not given to the writer, and context values whose
 * names say password, secret, credential or token are written as {@code "secret":true} without a value. Thread-safe:
 * every line is written under one lock, so lines of concurrent calls interleave whole.
 */
final class RecordingWriter implements AutoCloseable {
    /** Context value names that are never written. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(pass|secret|credential|token|pwd|key).*");
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Path file;
    private final long maxBytes;
    private final int files;
    private final Redactor redactor;
    private final Map<String, Object> header;
    private final ClassIds classes = new ClassIds();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
    private OutputStream out;
    private long written;
    private int part = 1;
    private long calls;
    private boolean closed;

    RecordingWriter(Path file, long maxBytes, int files, Redactor redactor, Map<String, Object> header) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        this.redactor = redactor;
        this.header = header;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            open();
        } catch (IOException e) {
            throw new ConfigMgrException("cannot write the recording " + file + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        out = new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
        written = 0;
        classes.clear();
        JsonGenerator g = begin();
        g.writeStringField("type", "header");
        g.writeStringField("format", "cm4j-recording");
        g.writeNumberField("version", 1);
        g.writeNumberField("part", part);
        for (Map.Entry<String, Object> e : header.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Iterable<?> it) {
                g.writeArrayFieldStart(e.getKey());
                for (Object x : it) {
                    g.writeString(String.valueOf(x));
                }
                g.writeEndArray();
            } else {
                g.writeStringField(e.getKey(), redactor.apply(String.valueOf(v)));
            }
        }
        g.writeStringField("started", Instant.now().toString());
        end(g);
    }

    Redactor redactor() {
        return redactor;
    }

    synchronized long nextCall() {
        return ++calls;
    }

    private JsonGenerator begin() throws IOException {
        line.reset();
        JsonGenerator g = JSON.createGenerator(line);
        g.writeStartObject();
        return g;
    }

    private void end(JsonGenerator g) throws IOException {
        g.writeEndObject();
        g.close();
        line.write('\n');
        line.writeTo(out);
        written += line.size();
    }

    /** After a line: rotate when the file is full. */
    private void maybeRotate() throws IOException {
        if (written < maxBytes) {
            return;
        }
        out.close();
        // FILE.(n-1) -> FILE.n, ..., FILE -> FILE.1; the part beyond the bound goes
        Files.deleteIfExists(sibling(files - 1));
        for (int i = files - 2; i >= 1; i--) {
            if (Files.exists(sibling(i))) {
                Files.move(sibling(i), sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (files > 1) {
            Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        }
        part++;
        open();
    }

    private Path sibling(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** Learns from the objects (redaction), then writes the class lines they need. */
    private void prepare(WmiObject o) throws IOException {
        redactor.learn(o);
        for (Map.Entry<Integer, WmiClass> c : classes.missing(o)) {
            classLine(c.getKey(), c.getValue());
        }
    }

    private void classLine(int id, WmiClass c) throws IOException {
        JsonGenerator g = begin();
        g.writeStringField("type", "class");
        g.writeNumberField("id", id);
        g.writeFieldName("class");
        CimJson.wmiClass(g, c, classes);
        end(g);
    }

    private WmiObject textRedacted(WmiObject o) {
        if (!redactor.redactsText()) {
            return o;
        }
        List<PropertyDefinition> props = o.wmiClass().properties();
        WmiObject r = o;
        for (int i = 0; i < props.size(); i++) {
            CimValue v = o.valueAt(i);
            if (v == null || o.isDefaultAt(i)) {
                continue;
            }
            if (v.type() == CimType.STRING && redactor.isText(props.get(i).name())) {
                r = r.with(props.get(i), CimValue.string(redactor.text(v.asString())));
            } else if (v.type() == CimType.OBJECT) {
                r = r.with(props.get(i), CimValue.object(textRedacted(v.asObject())));
            }
        }
        return r;
    }

    private void objectField(JsonGenerator g, String name, WmiObject o) throws IOException {
        g.writeFieldName(name);
        CimJson.object(g, textRedacted(o), classes, redactor::apply);
    }

    /** The call line. {@code fields} are strings (redacted), {@code in} an object argument or null. */
    synchronized void call(long seq, String op, String namespace, Map<String, String> fields, WmiContext context, WmiObject in) {
        if (closed) {
            return;
        }
        try {
            redactor.namespace(namespace);
            if (in != null) {
                prepare(in);
            }
            JsonGenerator g = begin();
            g.writeStringField("type", "call");
            g.writeNumberField("seq", seq);
            g.writeStringField("op", op);
            g.writeStringField("ns", redactor.apply(namespace));
            for (Map.Entry<String, String> f : fields.entrySet()) {
                g.writeStringField(f.getKey(), redactor.apply(f.getValue()));
            }
            if (!context.isEmpty()) {
                g.writeArrayFieldStart("context");
                for (WmiContext.Entry e : context.entries()) {
                    g.writeStartObject();
                    g.writeStringField("n", e.name());
                    if (SECRET.matcher(e.name()).matches()) {
                        g.writeBooleanField("secret", true);
                    } else {
                        g.writeFieldName("v");
                        CimJson.typed(g, e.value(), classes, redactor::apply);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (in != null) {
                objectField(g, "in", in);
            }
            end(g);
            maybeRotate();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** A result line: an object, a class, a path or nothing. */
    synchronized void result(long seq, long nanos, WmiObject object, WmiClass wmiClass, String path) {
        if (closed) {
            return;
        }
        try {
            if (object != null) {
                prepare(object);
            }
            int classId = 0;
            if (wmiClass != null) {
                List<Map.Entry<Integer, WmiClass>> missing = classes.missing(wmiClass);
                for (Map.Entry<Integer, WmiClass> c : missing) {
                    classLine(c.getKey(), c.getValue());
                }
                classId = classes.id(wmiClass);
            }
            JsonGenerator g = begin();
            g.writeStringField("type", "result");
            g.writeNumberField("seq", seq);
            g.writeNumberField("ms", nanos / 1e6);
            if (object != null) {
                objectField(g, "object", object);
            }
            if (wmiClass != null) {
                g.writeNumberField("class", classId);
            }
            if (path != null) {
                g.writeStringField("path", redactor.apply(path));
            }
            end(g);
            maybeRotate();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** A row of a query. */
    synchronized void row(long seq, WmiObject o) {
        if (closed) {
            return;
        }
        try {
            prepare(o);
            JsonGenerator g = begin();
            g.writeStringField("type", "row");
            g.writeNumberField("seq", seq);
            objectField(g, "object", o);
            end(g);
            maybeRotate();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** The end of a query: how many rows, whether the client read them all. */
    synchronized void end(long seq, long nanos, long rows, boolean complete) {
        if (closed) {
            return;
        }
        try {
            JsonGenerator g = begin();
            g.writeStringField("type", "end");
            g.writeNumberField("seq", seq);
            g.writeNumberField("ms", nanos / 1e6);
            g.writeNumberField("rows", rows);
            g.writeBooleanField("complete", complete);
            end(g);
            maybeRotate();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** A call (or a query's batch) failed. */
    synchronized void error(long seq, long nanos, RuntimeException e) {
        if (closed) {
            return;
        }
        try {
            JsonGenerator g = begin();
            g.writeStringField("type", "error");
            g.writeNumberField("seq", seq);
            g.writeNumberField("ms", nanos / 1e6);
            g.writeStringField("exception", e.getClass().getSimpleName());
            if (e instanceof WmiException w) {
                g.writeNumberField("hresult", w.hresult());
                g.writeStringField("status", w.statusName());
            }
            if (e instanceof CallTimeoutException t) {
                g.writeNumberField("timeout", t.timeout().toMillis() / 1000.0);
            }
            g.writeStringField("message", redactor.apply(String.valueOf(e.getMessage())));
            end(g);
            maybeRotate();
        } catch (IOException x) {
            throw failed(x);
        }
    }

    private ConfigMgrException failed(IOException e) {
        return new ConfigMgrException("writing the recording " + file + " failed: " + e.getMessage(), new UncheckedIOException(e));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            JsonGenerator g = begin();
            g.writeStringField("type", "close");
            g.writeNumberField("calls", calls);
            end(g);
            out.close();
        } catch (IOException e) {
            throw failed(e);
        } finally {
            closed = true;
        }
    }

    /** @return the header keys a recording may carry (for the docs and tests) */
    static Set<String> headerKeys() {
        return Set.of("scheme", "target", "account", "namespace", "capabilities", "redact");
    }

    @Override
    public String toString() {
        return "RecordingWriter[" + file + ", part " + part + ", " + redactor + "]";
    }
}
