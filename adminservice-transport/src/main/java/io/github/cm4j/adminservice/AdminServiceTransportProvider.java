package io.github.cm4j.adminservice;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.adminservice.internal.Spnego;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.spi.WmiTransportProvider;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import java.net.URI;
import java.util.Objects;
import javax.security.auth.Subject;

/**
 * The {@code adminservice} scheme: the ConfigMgr administration service (REST/OData over HTTPS) as a
 * {@link WmiTransport}, found through {@link java.util.ServiceLoader}. URI and options: {@link AdminServiceSettings}.
 *
 * <p>Kerberos: Kerberos credentials ({@link Credentials#kerberos()}, {@link Credentials#kerberosKeytab},
 * {@link Credentials#kerberosPassword}) are logged in through core's shared JAAS login; with
 * {@link Credentials#none()}, the JAAS {@link Subject} of the thread that opens the transport (inside
 * {@code Subject.doAs}), else the JDK's default Kerberos login (the ticket cache of {@code kinit}).
 * {@link #open(URI, Subject)} names the subject explicitly. NTLM-only credentials ({@link Credentials#of},
 * {@link Credentials#ofNtHash}) are refused: the service refuses NTLM since ConfigMgr 2509 — unless the URI says
 * {@code ntlm=on} (sites before 2509), when they authenticate with NTLM over HTTP. Kerberos is preferred whenever it
 * is possible: with {@code ntlm=on}, credentials that can do both ({@link Credentials#kerberosPassword}) log in with
 * Kerberos, and NTLM is used only if that login fails. Thread-safe and stateless.
 */
public final class AdminServiceTransportProvider implements WmiTransportProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdminServiceTransportProvider.class);

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
        if (!settings.negotiate() || c.isNone()) {
            return new AdminServiceTransport(settings, config, Spnego.current());
        }
        boolean ntlmPossible = settings.ntlm() && c.supports(Credentials.Mechanism.NTLM);
        if (!c.supports(Credentials.Mechanism.KERBEROS)) {
            if (ntlmPossible) {
                return new AdminServiceTransport(settings, config, null, NtlmClient.of(c));
            }
            throw new AuthenticationException("adminservice://" + settings.host() + ": the credentials of " + c.account()
                    + " are NTLM's: this AdminService refuses NTLM (ConfigMgr 2509 and later): use Kerberos "
                    + "(Credentials.kerberos(), kerberosKeytab(...), kerberosPassword(...)); for a site before 2509 "
                    + "that still accepts NTLM, add ntlm=on to the URI", settings.host(), null);
        }
        Subject subject;
        try {
            subject = KerberosLogin.login(c, config.connectTimeout(), settings.host()).subject();
        } catch (AuthenticationException e) {
            if (!ntlmPossible) {
                throw e;
            }
            LOG.info("adminservice://{}: Kerberos login of {} failed ({}); ntlm=on: authenticating with NTLM",
                    settings.host(), c.account(), e.getMessage());
            return new AdminServiceTransport(settings, config, null, NtlmClient.of(c));
        }
        return new AdminServiceTransport(settings, config, subject);
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

    /**
     * The checks of {@code cm4j doctor} for this transport: name resolution and FQDN, TCP to the HTTPS port, TLS (the
     * certificate's subject and fingerprint, trusted or not), the authentication schemes the service offers, and a
     * Kerberos ticket for {@code HTTP/<fqdn>}. Read-only; no request carries credentials.
     *
     * @param config the URI and credentials doctor was given
     * @return the steps, in order
     */
    @Override
    public java.util.List<io.github.cm4j.spi.DiagnosticStep> diagnostics(TransportConfig config) {
        return new AdminServiceDiagnostics(Objects.requireNonNull(config, "config")).steps();
    }

    @Override
    public String toString() {
        return "AdminServiceTransportProvider[adminservice://]";
    }
}
