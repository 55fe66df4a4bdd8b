package io.github.cm4j.spi;

import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An open connection to an SMS Provider that exchanges untyped WMI objects. Implementations are
 * thread-safe: one transport serves concurrent calls. Every call has a deadline (from its options) and
 * fails with a {@link io.github.cm4j.ConfigMgrException} subtype: {@link io.github.cm4j.WmiException} for
 * WBEM errors (carrying the WBEMSTATUS), {@link io.github.cm4j.TransportException} subtypes for transport
 * failures and deadlines.
 *
 * <p>Namespaces are WMI namespace paths such as {@code root\sms\site_PS1}.
 */
public interface WmiTransport extends AutoCloseable {

    /**
     * The namespace the connection URI names, used by {@code ConfigMgr} for all its calls.
     *
     * @return the namespace, e.g. {@code root\sms\site_PS1}
     */
    String defaultNamespace();

    /**
     * The optional abilities of this transport; core checks them before relying on one.
     *
     * @return the capabilities, fixed for the life of the transport
     */
    Set<Capability> capabilities();

    /**
     * Runs a WQL query and streams the results in batches (forward-only). The stream must be closed
     * (try-with-resources) to release the enumerator early; it is also released when fully consumed.
     * Lazy properties are NULL in the results, as the provider returns them.
     *
     * @param namespace the namespace
     * @param wql the query text
     * @param options batch size and per-round-trip deadline
     * @param context context values sent with the call
     * @return the results, lazily fetched
     * @throws io.github.cm4j.WmiException if the provider rejects the query ({@code WBEM_E_INVALID_QUERY},
     *     {@code WBEM_E_INVALID_CLASS}, ...), when the call is made or while fetching a batch
     */
    Stream<WmiObject> query(String namespace, String wql, QueryOptions options, WmiContext context);

    /**
     * Reads one instance, lazy properties included (IWbemServices::GetObject).
     *
     * @param namespace the namespace
     * @param path the instance path (relative)
     * @param options the deadline
     * @param context context values
     * @return the instance
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such instance
     */
    WmiObject get(String namespace, ObjectPath path, CallOptions options, WmiContext context);

    /**
     * Reads a class definition.
     *
     * @param namespace the namespace
     * @param className the class
     * @param options the deadline
     * @param context context values
     * @return the resolved class (inherited properties included)
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} or {@code WBEM_E_INVALID_CLASS}
     */
    WmiClass getClass(String namespace, String className, CallOptions options, WmiContext context);

    /**
     * Writes an instance (IWbemServices::PutInstance).
     *
     * @param namespace the namespace
     * @param instance the instance
     * @param mode create/update semantics
     * @param options the deadline
     * @param context context values (e.g. the site control file {@code SessionHandle})
     * @return the path of the written instance
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} or {@code WBEM_E_ALREADY_EXISTS} when the
     *     mode forbids the write, or another WBEM error the provider answers with
     */
    ObjectPath put(String namespace, WmiObject instance, PutMode mode, CallOptions options, WmiContext context);

    /**
     * Runs a method (IWbemServices::ExecMethod): on a class path for static methods, on an instance path
     * otherwise.
     *
     * @param namespace the namespace
     * @param target the class or instance path
     * @param method the method name
     * @param inParameters the in-parameters (an instance of the method's {@code __PARAMETERS} class), or
     *                     null when the method takes none
     * @param options the deadline
     * @param context context values
     * @return the out-parameters ({@code ReturnValue} and out parameters); an empty {@code __PARAMETERS}
     *         instance for a void method without out parameters. A non-zero {@code ReturnValue} is returned,
     *         not thrown: core turns it into a {@link io.github.cm4j.MethodFailedException}
     * @throws io.github.cm4j.WmiException if the provider refuses to run the method (e.g.
     *     {@code WBEM_E_INVALID_METHOD}, {@code WBEM_E_INVALID_PARAMETER})
     */
    WmiObject invoke(String namespace, ObjectPath target, String method, WmiObject inParameters,
                     CallOptions options, WmiContext context);

    /**
     * Deletes an instance (IWbemServices::DeleteInstance).
     *
     * @param namespace the namespace
     * @param path the instance path
     * @param options the deadline
     * @param context context values
     * @throws io.github.cm4j.WmiException {@code WBEM_E_NOT_FOUND} when there is no such instance
     */
    void delete(String namespace, ObjectPath path, CallOptions options, WmiContext context);

    /**
     * Releases the connection and everything it holds; idempotent; throws nothing checked. Every call made
     * after it fails with a {@link io.github.cm4j.TransportException} saying the transport is closed.
     */
    @Override
    void close();
}
