package io.github.cm4j.internal.kerberos;

import io.github.cm4j.AuthenticationException;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.Objects;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * A logged-in Kerberos client: the JAAS {@link Subject} (TGT or keytab keys) and its principal. HTTP transports
 * hand {@link #subject()} to JGSS SPNEGO; {@code dcom://} asks {@link #serviceTicket(String, String)} for the
 * ticket and session key to build its own DCE-style AP-REQ (MS-KILE 3.4.5), which JGSS cannot produce.
 *
 * <p>Thread-safe: the Subject's credential sets are synchronized, and ticket requests are serialized per
 * identity.
 */
public final class KerberosIdentity {
    /** The Kerberos V5 GSS-API mechanism (RFC 1964 1). */
    static final String KRB5_MECH = "1.2.840.113554.1.2.2";
    /** GSS_KRB5_NT_PRINCIPAL_NAME (RFC 1964 2.1.1): a principal name string, "service/host@REALM". */
    static final String KRB5_NT_PRINCIPAL = "1.2.840.113554.1.2.2.1";

    private final Subject subject;
    private final KerberosPrincipal principal;
    private final boolean fromKeytab;

    KerberosIdentity(Subject subject, KerberosPrincipal principal, boolean fromKeytab) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.fromKeytab = fromKeytab;
    }

    /** @return the JAAS subject holding the tickets (for {@code Subject.doAs} with JGSS) */
    public Subject subject() {
        return subject;
    }

    /** @return the client principal */
    public KerberosPrincipal principal() {
        return principal;
    }

    /**
     * Returns the service principal an SPN names, with the realm the JDK maps its host to (krb5.conf
     * {@code [domain_realm]}, else the default realm) when it names none.
     *
     * @param spn {@code host/fqdn} or {@code host/fqdn@REALM}
     * @return the full principal name
     */
    public static String qualify(String spn) {
        if (spn.indexOf('@') >= 0) {
            return spn;
        }
        return new KerberosPrincipal(spn, KerberosPrincipal.KRB_NT_SRV_HST).getName();
    }

    /**
     * Obtains a service ticket for {@code spn} (from the Subject when a current one is there, else from the KDC
     * through JGSS: {@code initSecContext} inside {@code Subject.doAs} stores the new ticket in the Subject) and
     * reads it through the public {@link KerberosTicket} API.
     *
     * @param spn {@code host/fqdn} or {@code host/fqdn@REALM}
     * @param host the target host for messages, or null
     * @return the ticket, its session key and times
     * @throws AuthenticationException when the KDC refuses (unknown SPN, skew, expired TGT, no common enctype)
     */
    public synchronized ServiceTicket serviceTicket(String spn, String host) {
        String server;
        try {
            server = qualify(spn);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("Kerberos: cannot determine the realm of the service principal " + spn
                    + " (" + e.getMessage() + "); give it as host/fqdn@REALM or set default_realm in krb5.conf", host, e);
        }
        KerberosTicket t = find(server);
        if (t == null) {
            try {
                Subject.doAs(subject, (PrivilegedExceptionAction<Void>) () -> {
                    GSSManager manager = GSSManager.getInstance();
                    Oid mech = new Oid(KRB5_MECH);
                    GSSName name = manager.createName(server, new Oid(KRB5_NT_PRINCIPAL));
                    GSSContext ctx = manager.createContext(name, mech, null, GSSContext.DEFAULT_LIFETIME);
                    try {
                        ctx.requestMutualAuth(true);
                        ctx.initSecContext(new byte[0], 0, 0); // the AP-REQ is discarded: only the ticket is wanted
                    } finally {
                        ctx.dispose();
                    }
                    return null;
                });
            } catch (java.security.PrivilegedActionException e) {
                Throwable c = e.getCause();
                throw KerberosErrors.serviceTicket(c, principal.getName(), server, host);
            } catch (SecurityException e) {
                throw KerberosErrors.serviceTicket(e, principal.getName(), server, host);
            }
            t = find(server);
            if (t == null) {
                throw new AuthenticationException("Kerberos: the JDK obtained no service ticket for " + server
                        + " into the login subject", host, null);
            }
        }
        byte[] key = t.getSessionKey().getEncoded();
        try {
            return new ServiceTicket(t.getEncoded(), key, t.getSessionKeyType(), t.getClient().getName(),
                    t.getServer().getName(), instant(t.getAuthTime()), instant(t.getStartTime()),
                    instant(t.getEndTime()));
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    private KerberosTicket find(String server) {
        synchronized (subject.getPrivateCredentials()) {
            for (KerberosTicket t : subject.getPrivateCredentials(KerberosTicket.class)) {
                if (t.getServer().getName().equalsIgnoreCase(server) && t.isCurrent() && !t.isDestroyed()
                        && (t.getEndTime() == null || t.getEndTime().toInstant().isAfter(Instant.now().plusSeconds(30)))) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Instant instant(java.util.Date d) {
        return d == null ? null : d.toInstant();
    }


    /**
     * Names the principal and where its keys came from, never a ticket or key.
     *
     * @return e.g. {@code KerberosIdentity[alice@LAB.TEST, ticket]}
     */
    @Override
    public String toString() {
        return "KerberosIdentity[" + principal.getName() + ", " + (fromKeytab ? "keytab" : "ticket") + "]";
    }
}
