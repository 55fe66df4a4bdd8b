package io.github.cm4j.wmi.transport;

import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;

/**
 * The {@code dcom://} transport: WMI over DCOM (MS-WMI on MS-DCOM and MS-RPCE) to a ConfigMgr SMS Provider, at
 * packet privacy (default) or packet integrity with NTLMv2, as the DCOM hardening (KB5004442) requires.
 *
 * <pre>{@code
 * dcom://sccm01/PS1                                  site PS1: namespace root\sms\site_PS1, resolver on port 135
 * dcom://sccm01:135/root/sms/site_PS1                the namespace spelled out
 * dcom://sccm01/PS1?auth=integrity&batch=500&smartenum=true
 * }</pre>
 *
 * <p>Options (query parameters): {@code auth=privacy|integrity} (lower levels are refused), {@code batch=N} (objects
 * per enumeration round trip, 1..100000; default the config's batch size), {@code smartenum=true|false} (read
 * queries through the smart enumerator, classes sent once; default false). Deadlines and credentials come from the
 * {@link TransportConfig} ({@code ConfigMgr.builder().connectTimeout(..).callTimeout(..).credentials(..)}).
 * Found through {@link java.util.ServiceLoader}; see {@code docs/transport-dcom.md}.
 */
public final class DcomTransportProvider implements WmiTransportProvider {
    /** Creates the provider (cheap: nothing connects until {@link #open}). */
    public DcomTransportProvider() {
    }

    @Override
    public String scheme() {
        return "dcom";
    }

    /**
     * Activates WMI on the host and logs on to the namespace of the URI, within the config's connect deadline.
     *
     * @param config the URI, credentials, deadlines and batch size
     * @return the open transport
     * @throws IllegalArgumentException when the URI or an option is not valid (the message says why)
     * @throws io.github.cm4j.AuthenticationException when the credentials or the Windows permissions refuse the
     *     session (the message explains what to check)
     * @throws io.github.cm4j.ConnectionException when the host cannot be reached
     * @throws io.github.cm4j.CallTimeoutException when the connect deadline passes
     */
    @Override
    public WmiTransport open(TransportConfig config) {
        DcomSettings settings = DcomSettings.parse(config);
        return new DcomTransport(settings, DcomConnection.open(settings, DcomConnection.PING_PERIOD));
    }

    /**
     * The {@code dcom://} checks of {@code cm4j doctor}: name resolution and FQDN, TCP to the object resolver, NTLM
     * offered (and the server's clock from its challenge), a Kerberos ticket for {@code host/<fqdn>} when the
     * credentials can do Kerberos, activation at the requested level (the DCOM hardening explained for
     * {@code auth=connect} and other levels below integrity), TCP to the exporter port the server names.
     *
     * @param config the URI, credentials and deadlines
     * @return the steps, in order
     */
    @Override
    public java.util.List<io.github.cm4j.spi.DiagnosticStep> diagnostics(TransportConfig config) {
        return new DcomDiagnostics(config).steps();
    }

    @Override
    public String toString() {
        return "DcomTransportProvider[dcom://]";
    }
}
