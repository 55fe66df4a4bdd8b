package io.github.cm4j.adminservice;

import io.github.cm4j.Credentials;
import io.github.cm4j.adminservice.internal.Spnego;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import java.net.URI;
import java.util.Objects;
import javax.security.auth.Subject;

/**
 * The {@code adminservice} scheme: the ConfigMgr administration service (REST/OData over HTTPS) as a
 * {@link WmiTransport}, found through {@link java.util.ServiceLoader}. URI and options: {@link AdminServiceSettings}.
 *
 * <p>Kerberos: the tickets of the JAAS {@link Subject} of the thread that opens the transport (inside
 * {@code Subject.doAs}), else the JDK's default Kerberos login (the ticket cache of {@code kinit}).
 * {@link #open(URI, Subject)} names the subject explicitly. Password credentials ({@link Credentials#of}) are
 * NTLM's and are refused: the service refuses NTLM since ConfigMgr 2509. Thread-safe and stateless.
 */
public final class AdminServiceTransportProvider implements WmiTransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public AdminServiceTransportProvider() {
        // stateless
    }

    @Override
    public String scheme() {
        return AdminServiceSettings.SCHEME;
    }

    @Override
    public WmiTransport open(TransportConfig config) {
        Objects.requireNonNull(config, "config");
        AdminServiceSettings settings = AdminServiceSettings.parse(config.uri());
        Credentials c = config.credentials();
        if (settings.negotiate() && !c.user().isEmpty()) {
            throw new IllegalArgumentException(config.uri().getScheme() + "://" + settings.host() + ": password (NTLM) "
                    + "credentials cannot be used: this AdminService refuses NTLM (ConfigMgr 2509 and later): use "
                    + "Kerberos (kinit, or a JAAS subject)");
        }
        return new AdminServiceTransport(settings, config, Spnego.current());
    }

    /**
     * Opens a transport that authenticates with the Kerberos tickets of a subject.
     *
     * @param uri {@code adminservice://host[:port][/SITE][?options]}
     * @param subject a JAAS subject holding Kerberos credentials (e.g. from {@code Krb5LoginModule})
     * @return the transport
     * @throws IllegalArgumentException when the URI is invalid
     */
    public static WmiTransport open(URI uri, Subject subject) {
        Objects.requireNonNull(subject, "subject");
        return new AdminServiceTransport(AdminServiceSettings.parse(uri), TransportConfig.of(uri, Credentials.none()), subject);
    }

    @Override
    public String toString() {
        return "AdminServiceTransportProvider[adminservice://]";
    }
}
