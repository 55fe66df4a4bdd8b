package io.github.cm4j.examples.audit;

import io.github.cm4j.ConfigMgrException;
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
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A transport that forwards every call to another transport and reports each change — PutInstance,
 * DeleteInstance, ExecMethod — as one line of an audit trail: the operation, namespace, target, the names of the
 * context values (never their values: a session handle is a credential of sorts) and the outcome. Reads are not
 * reported.
 *
 * <pre>
 * ExecMethod root\sms\site_CAS SMS_SoftwareUpdate.CI_ID=16777295 AcceptEULA: ok
 * PutInstance root\sms\site_CAS SMS_SCI_Component.FileType=2,... [SessionHandle]: ok
 * PutInstance root\sms\site_CAS SMS_AuthorizationList: failed, WBEM_E_ACCESS_DENIED
 * </pre>
 *
 * <p>Everything else is the wrapped transport's: results, exceptions (passed through unchanged), deadlines,
 * capabilities. Thread-safe when the wrapped transport is; the trail is called on the calling thread.
 */
public final class AuditTransport implements WmiTransport {
    private final WmiTransport target;
    private final Consumer<String> trail;
    private volatile boolean closed;

    /**
     * @param target the transport that carries the calls; closed with this one
     * @param trail receives one line per change
     */
    public AuditTransport(WmiTransport target, Consumer<String> trail) {
        this.target = Objects.requireNonNull(target, "target");
        this.trail = Objects.requireNonNull(trail, "trail");
    }

    @Override
    public String defaultNamespace() {
        return target.defaultNamespace();
    }

    @Override
    public Set<Capability> capabilities() {
        return target.capabilities();
    }

    @Override
    public Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context) {
        checkOpen();
        return target.query(namespace, wql, options, context);
    }

    @Override
    public WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        checkOpen();
        return target.get(namespace, path, options, context);
    }

    @Override
    public WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context) {
        checkOpen();
        return target.getClass(namespace, className, options, context);
    }

    @Override
    public ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context) {
        checkOpen();
        // A new instance may have no path yet (the provider assigns its key): then the class names it.
        String what = instance.className();
        try {
            what = instance.path().toString();
        } catch (ConfigMgrException noKeyYet) {
            // keep the class name
        }
        return audited("PutInstance " + namespace + " " + what + " " + mode, context,
                () -> target.put(namespace, instance, mode, options, context));
    }

    @Override
    public WmiObject invoke(String namespace, ObjectPath targetPath, String method, WmiObject inParameters,
                            CallOptions options, WmiContext context) {
        checkOpen();
        return audited("ExecMethod " + namespace + " " + targetPath + " " + method, context,
                () -> target.invoke(namespace, targetPath, method, inParameters, options, context));
    }

    @Override
    public void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context) {
        checkOpen();
        audited("DeleteInstance " + namespace + " " + path, context, () -> {
            target.delete(namespace, path, options, context);
            return null;
        });
    }

    private <T> T audited(String what, WmiContext context, Supplier<T> call) {
        String line = what + (context.isEmpty() ? "" : " " + context.entries().stream().map(WmiContext.Entry::name)
                .collect(Collectors.joining(", ", "[", "]")));
        try {
            T result = call.get();
            trail.accept(line + ": ok");
            return result;
        } catch (WmiException e) {
            trail.accept(line + ": failed, " + e.statusName());
            throw e;
        } catch (RuntimeException e) {
            trail.accept(line + ": failed, " + e.getClass().getSimpleName());
            throw e;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new TransportException("the audit: transport is closed; connect again", null, null);
        }
    }

    /** Closes the wrapped transport; idempotent. */
    @Override
    public void close() {
        closed = true;
        target.close();
    }

    @Override
    public String toString() {
        return "AuditTransport[" + target + "]";
    }
}
