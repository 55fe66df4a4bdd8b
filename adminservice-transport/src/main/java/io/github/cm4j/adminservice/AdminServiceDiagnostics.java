package io.github.cm4j.adminservice;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.internal.tls.Tls;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.internal.Doctor;
import io.github.cm4j.internal.kerberos.KerberosIdentity;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.internal.kerberos.ServiceTicket;
import io.github.cm4j.spi.DiagnosticStep;
import io.github.cm4j.spi.TransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The transport-level checks of {@code cm4j doctor} over {@code adminservice://} (issue 21: "over adminservice:// the
 * HTTP, TLS and Negotiate checks instead"): name resolution and FQDN, TCP to the HTTPS port, the TLS handshake with the
 * certificate's subject and fingerprint and whether the configured trust accepts it, the service's answer without
 * credentials (which authentication schemes its {@code WWW-Authenticate} offers: Negotiate, or NTLM only as before
 * 2509), and a Kerberos ticket for {@code HTTP/<fqdn>}. Read-only: no request carries credentials, nothing is changed.
 * One instance per diagnosis; steps share what earlier ones found.
 */
final class AdminServiceDiagnostics {
    private final TransportConfig config;
    private final AdminServiceSettings settings;
    private final IllegalArgumentException invalid;
    private volatile boolean resolved;
    private volatile boolean reachable;
    private volatile boolean trusted;
    private volatile String fqdn;

    AdminServiceDiagnostics(TransportConfig config) {
        this.config = config;
        AdminServiceSettings s = null;
        IllegalArgumentException bad = null;
        try {
            s = AdminServiceSettings.parse(config.uri());
        } catch (IllegalArgumentException e) {
            bad = e;
        }
        this.settings = s;
        this.invalid = bad;
    }

    /** @return the steps, in order */
    List<DiagnosticStep> steps() {
        List<DiagnosticStep> steps = new ArrayList<>();
        steps.add(DiagnosticStep.of("dns", "Name resolution and FQDN", this::dns));
        steps.add(DiagnosticStep.of("tcp-https", "TCP to the AdminService's HTTPS port", this::tcp));
        steps.add(DiagnosticStep.of("tls", "TLS: the certificate and whether it is trusted", this::tls));
        steps.add(DiagnosticStep.of("http-auth", "HTTP authentication offered (Negotiate; NTLM refused since 2509)", this::httpAuth));
        steps.add(DiagnosticStep.of("kerberos", "Kerberos ticket for HTTP/<fqdn>, encryption type", this::kerberos));
        return steps;
    }


    private Check dns(Duration deadline) {
        String id = "dns";
        String title = "Name resolution and FQDN";
        if (invalid != null) {
            return Check.fail(id, title, invalid.getMessage(), "correct --uri: adminservice://provider.corp.example[/SITE]");
        }
        String host = settings.host();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Check.fail(id, title, "'" + host + "' does not resolve", "use the SMS Provider's DNS name (FQDN)");
        }
        resolved = true;
        String list = Arrays.stream(addresses).map(InetAddress::getHostAddress).toList().toString();
        if (host.matches("[0-9.]+|.*:.*")) {
            return Check.warn(id, title, host + " is an address, " + list, "Kerberos (Negotiate) needs the provider's DNS name"
                    + " for the SPN HTTP/<fqdn> and TLS checks the name in the certificate: use the FQDN in --uri");
        }
        fqdn = host;
        if (!host.contains(".") && !host.equalsIgnoreCase("localhost")) {
            return Check.warn(id, title, host + " resolves to " + list + " but is not fully qualified",
                    "use the FQDN (e.g. " + host + ".corp.example): the SPN is HTTP/<fqdn> and the certificate names the FQDN");
        }
        return Check.pass(id, title, host + " resolves to " + list);
    }

    private Check tcp(Duration deadline) {
        String id = "tcp-https";
        String title = "TCP to the AdminService's HTTPS port";
        if (!resolved) {
            return Check.skipped(id, title, "the host did not resolve (see check dns)");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(settings.host(), settings.port()), (int) Math.max(1, deadline.toMillis()));
            reachable = true;
            return Check.pass(id, title, settings.host() + ":" + settings.port() + " accepts connections");
        } catch (IOException e) {
            return Check.fail(id, title, settings.host() + ":" + settings.port() + " " + Doctor.evidence(e),
                    "the AdminService listens on HTTPS (443 by default) of the SMS Provider: check the port in --uri, the"
                            + " firewall, and that the SMS Provider role runs (IIS is not needed; SMS_REST_PROVIDER is)");
        }
    }

    private Check tls(Duration deadline) {
        String id = "tls";
        String title = "TLS: the certificate and whether it is trusted";
        if (!reachable) {
            return Check.skipped(id, title, "the HTTPS port is not reachable (see check tcp-https)");
        }
        Tls tls;
        try {
            tls = Tls.of(settings.caFile().orElse(null), settings.pin().orElse(null));
        } catch (IllegalArgumentException e) {
            return Check.fail(id, title, e.getMessage(), "correct tls-ca= or tls-pin= in --uri");
        }
        try (SSLSocket s = (SSLSocket) tls.context().getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(settings.host(), settings.port()), (int) Math.max(1, deadline.toMillis()));
            s.setSoTimeout((int) Math.max(1, deadline.toMillis()));
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the host name is checked, as the transport does
            if (fqdn != null) {
                p.setServerNames(List.of(new SNIHostName(fqdn)));
            }
            s.setSSLParameters(p);
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            trusted = true;
            return Check.pass(id, title, s.getSession().getProtocol() + ", certificate " + cert.getSubjectX500Principal().getName()
                    + " " + Tls.fingerprint(cert) + ", trusted by " + tls.description());
        } catch (SSLException e) {
            X509Certificate refused = tls.lastRefused();
            if (refused != null) {
                String fp = Tls.fingerprint(refused);
                return Check.fail(id, title, "certificate " + refused.getSubjectX500Principal().getName() + " " + fp
                        + " is not trusted by " + tls.description() + " (" + Doctor.evidence(e) + ")",
                        "if this is the site's certificate (often self-signed), trust it: add tls-pin=" + fp
                                + " to --uri, or tls-ca=FILE with its PEM; never turn verification off");
            }
            return Check.fail(id, title, "the TLS handshake failed: " + Doctor.evidence(e),
                    "check that the port speaks HTTPS and that the certificate names " + settings.host());
        } catch (IOException e) {
            return Check.fail(id, title, "the TLS handshake failed: " + Doctor.evidence(e), "check the port and the network");
        }
    }

    private Check httpAuth(Duration deadline) {
        String id = "http-auth";
        String title = "HTTP authentication offered (Negotiate; NTLM refused since 2509)";
        if (!trusted) {
            return Check.skipped(id, title, "no trusted TLS connection (see check tls)");
        }
        Tls tls = Tls.of(settings.caFile().orElse(null), settings.pin().orElse(null));
        HttpClient http = HttpClient.newBuilder().sslContext(tls.context()).connectTimeout(deadline)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI probe = settings.serviceRoot().resolve("wmi/SMS_Site");
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(probe).timeout(deadline).GET()
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.discarding());
            List<String> offers = r.headers().allValues("WWW-Authenticate").stream()
                    .map(v -> v.trim().split("\\s+", 2)[0]).distinct().toList();
            if (r.statusCode() == 401) {
                boolean negotiate = offers.stream().anyMatch("Negotiate"::equalsIgnoreCase);
                boolean kerberos = offers.stream().anyMatch("Kerberos"::equalsIgnoreCase);
                boolean ntlm = offers.stream().anyMatch("NTLM"::equalsIgnoreCase);
                if (negotiate || kerberos) {
                    return Check.pass(id, title, "GET " + probe.getPath() + " without credentials: 401, offers " + offers);
                }
                if (ntlm && settings.ntlm()) {
                    return Check.warn(id, title, "GET " + probe.getPath() + ": 401, offers " + offers + " (no Negotiate)",
                            "ntlm=on: cm4j will use NTLM, which only sites before ConfigMgr 2509 accept; prefer Kerberos");
                }
                return Check.fail(id, title, "GET " + probe.getPath() + ": 401, offers " + offers + " (no Negotiate)",
                        ntlm ? "the service offers only NTLM: ConfigMgr 2509 and later refuse it and use Negotiate (Kerberos);"
                                        + " for a site before 2509 add ntlm=on to the URI (with --user DOMAIN\\user), else check"
                                        + " the site's version and IIS/HTTP.sys authentication"
                                : "cm4j authenticates with Negotiate (Kerberos), or NTLM with ntlm=on; never Basic");
            }
            if (r.statusCode() / 100 == 2) {
                return Check.warn(id, title, "GET " + probe.getPath() + " answered " + r.statusCode() + " without credentials",
                        "the service asks for no authentication: is this the SMS Provider's AdminService?");
            }
            return Check.fail(id, title, "GET " + probe.getPath() + " answered " + r.statusCode(),
                    r.statusCode() == 404 ? "no AdminService at " + settings.serviceRoot() + ": check host and port (the SMS"
                            + " Provider's server), and that the site is current branch (the AdminService came in 1810)"
                            : "check the service's AdminService.log on the SMS Provider");
        } catch (IOException e) {
            return Check.fail(id, title, "GET " + probe.getPath() + ": " + Doctor.evidence(e), "check the network and the port");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(id, title, "interrupted", "run doctor again");
        }
    }

    private Check kerberos(Duration deadline) {
        String id = "kerberos";
        String title = "Kerberos ticket for HTTP/<fqdn>, encryption type";
        if (invalid != null) {
            return Check.skipped(id, title, "the URI is invalid (see check dns)");
        }
        if (!settings.negotiate()) {
            return Check.skipped(id, title, "--uri says auth=none");
        }
        Credentials c = config.credentials();
        if (!c.isNone() && !c.supports(Credentials.Mechanism.KERBEROS) && settings.ntlm()) {
            return Check.skipped(id, title, "ntlm=on with the NTLM credentials of " + c.account() + ": no Kerberos (only "
                    + "sites before ConfigMgr 2509 accept NTLM)");
        }
        if (!c.isNone() && !c.supports(Credentials.Mechanism.KERBEROS)) {
            return Check.fail(id, title, "the credentials of " + c.account() + " are NTLM only",
                    "the AdminService refuses NTLM (ConfigMgr 2509 and later): give user@REALM, --keytab FILE --principal P,"
                            + " or run kinit and give no --user");
        }
        if (fqdn == null) {
            return Check.skipped(id, title, "no DNS name for the SPN (see check dns)");
        }
        String spn = "HTTP/" + fqdn.toLowerCase(Locale.ROOT);
        try {
            KerberosIdentity who = KerberosLogin.login(c.isNone() ? Credentials.kerberos() : c, deadline, fqdn);
            ServiceTicket t = who.serviceTicket(spn, fqdn);
            return Check.pass(id, title, who.principal() + " holds a ticket for " + spn + " (" + t + ")");
        } catch (AuthenticationException e) {
            return Check.fail(id, title, "no ticket for " + spn + ": " + Doctor.evidence(e), Doctor.advice(e));
        } catch (RuntimeException e) {
            return Check.fail(id, title, "no ticket for " + spn + ": " + Doctor.evidence(e), "run kinit, or give --keytab");
        }
    }
}
