package io.github.cm4j.spi;

import java.util.Map;
import java.util.Set;

/**
 * Wraps every transport a {@code ConfigMgr} opens when the connection asks for it through a URI option (e.g.
 * {@code dcom://host/PS1?record=site.jsonl&redact=hosts,users}) or the builder ({@code ConfigMgr.builder().record(..)}),
 * whatever the transport: recording is the first use ({@code cm4j-recording}). Found with
 * {@link java.util.ServiceLoader}; core strips the decorator's options from the URI before the transport sees it, so
 * transports need not know them. When an option is given and no decorator on the class path claims it,
 * {@code connect} fails with a message naming the artifact to add. Implementations are thread-safe and cheap to
 * construct.
 */
public interface TransportDecorator {

    /**
     * The URI option that switches this decorator on; compared case-insensitively.
     *
     * @return e.g. {@code record}
     */
    String option();

    /**
     * Further options this decorator reads (they are only valid together with {@link #option()}).
     *
     * @return e.g. {@code redact}, {@code recordmax}, {@code recordfiles}; lower case
     */
    Set<String> relatedOptions();

    /**
     * Checks this decorator's options before the transport is opened, so that a bad value fails without any call to
     * the provider (no connection is made only to be closed again). The default accepts everything.
     *
     * @param options this decorator's options as {@link #decorate} would get them
     * @throws IllegalArgumentException when an option value is invalid (the message names the option)
     */
    default void validate(Map<String, String> options) {
    }

    /**
     * Wraps an open transport.
     *
     * @param transport the open transport; the result closes it when closed
     * @param config the configuration it was opened with (its URI without the decorator options)
     * @param options this decorator's options as given, keys lower case, values URL-decoded ({@link #option()}
     *                present)
     * @return the wrapped transport
     * @throws IllegalArgumentException when an option value is invalid (the message names the option)
     */
    WmiTransport decorate(WmiTransport transport, TransportConfig config, Map<String, String> options);
}
