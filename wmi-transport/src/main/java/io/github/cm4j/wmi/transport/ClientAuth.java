package io.github.cm4j.wmi.transport;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.internal.kerberos.KerberosIdentity;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.wmi.kerberos.KerberosSecurityContext;
import io.github.cm4j.wmi.ntlm.NtlmClient;
import io.github.cm4j.wmi.rpc.RpcClientConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@code dcom://} connection authenticates, from the URI's {@code authn=negotiate|kerberos|ntlm},
 * {@code ntlm=off} and {@code spn=}, and the credentials: Kerberos (SPNEGO, auth_type 9, for negotiate; bare
 * Kerberos, 16, for kerberos) when the credentials can do Kerberos, else NTLM with the SPN as MsvAvTargetName.
 * With negotiate and credentials that serve both, a Kerberos failure before the bind (no ticket, unknown SPN, KDC
 * unreachable) falls back to NTLM unless {@code ntlm=off}. The Kerberos login happens once per connection to the
 * provider and is shared by its RPC connections (resolver and exporter). Thread-safe.
 */
final class ClientAuth {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientAuth.class);
    /** The mechanism the URI asks for. */
    enum Authn { NEGOTIATE, KERBEROS, NTLM }

    private final Authn authn;
    private final boolean ntlmAllowed;
    private final String spn;
    private final Credentials credentials;
    private final Duration loginTimeout;
    private final String host;
    private KerberosIdentity identity;
    private volatile boolean fellBack;

    ClientAuth(Authn authn, boolean ntlmAllowed, String spn, Credentials credentials, Duration loginTimeout, String host) {
        this.authn = Objects.requireNonNull(authn, "authn");
        this.ntlmAllowed = ntlmAllowed;
        this.spn = Objects.requireNonNull(spn, "spn");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.loginTimeout = loginTimeout;
        this.host = host;
    }

    static Authn parseAuthn(String value, String shown) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "negotiate":
                return Authn.NEGOTIATE;
            case "kerberos":
                return Authn.KERBEROS;
            case "ntlm":
                return Authn.NTLM;
            default:
                throw new IllegalArgumentException(shown + ": authn=" + value + " is not a mechanism; use authn=negotiate"
                        + " (default), authn=kerberos or authn=ntlm");
        }
    }

    /** @return whether Kerberos will be tried first */
    boolean usesKerberos() {
        return authn != Authn.NTLM && credentials.supports(Credentials.Mechanism.KERBEROS);
    }

    /** @return the SPN (Kerberos service principal, and NTLM's MsvAvTargetName) */
    String spn() {
        return spn;
    }

    /** Sets the mechanism on a connection builder. */
    RpcClientConnection.Builder configure(RpcClientConnection.Builder b) {
        if (usesKerberos() && !fellBack) {
            KerberosIdentity id;
            try {
                id = identity();
                // obtain the ticket now, so that a negotiate fallback happens before any bind
                id.serviceTicket(spn, host).destroy();
            } catch (AuthenticationException e) {
                if (authn == Authn.NEGOTIATE && ntlmAllowed && credentials.supports(Credentials.Mechanism.NTLM)) {
                    LOG.info("Kerberos to {} is not possible ({}); negotiate falls back to NTLM (ntlm=off forbids this)",
                            host, e.getMessage());
                    fellBack = true;
                    return ntlm(b);
                }
                throw e;
            }
            boolean spnego = authn == Authn.NEGOTIATE;
            return b.security(level -> KerberosSecurityContext.client(() -> id.serviceTicket(spn, host), spnego, level, host,
                    Clock.systemUTC(), new SecureRandom()), id.principal().getName());
        }
        return ntlm(b);
    }

    private RpcClientConnection.Builder ntlm(RpcClientConnection.Builder b) {
        if (!ntlmAllowed) {
            throw new AuthenticationException("NTLM is switched off (ntlm=off) and Kerberos is not possible with "
                    + credentials + ": give Kerberos credentials (kinit, or --keytab FILE --principal P)", host, null);
        }
        if (!credentials.supports(Credentials.Mechanism.NTLM)) {
            throw new AuthenticationException("authn=ntlm needs a password or NT hash; " + credentials
                    + " serves Kerberos only", host, null);
        }
        return b.ntlm(NtlmClient.of(credentials).withTargetName(spn));
    }

    private synchronized KerberosIdentity identity() {
        if (identity == null) {
            identity = KerberosLogin.login(credentials, loginTimeout, host);
        }
        return identity;
    }

    @Override
    public String toString() {
        return authn.name().toLowerCase(Locale.ROOT) + (ntlmAllowed ? "" : ", ntlm=off") + ", spn=" + spn
                + (fellBack ? ", fell back to NTLM" : "");
    }
}
