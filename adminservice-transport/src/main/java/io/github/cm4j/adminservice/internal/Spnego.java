package io.github.cm4j.adminservice.internal;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * HTTP Negotiate (RFC 4559) with Kerberos through JGSS, one security context per request: the first token goes
 * in {@code Authorization: Negotiate <base64>}, the server's answer token ({@code WWW-Authenticate: Negotiate
 * <base64>} on the 2xx) completes the context, and mutual authentication must then hold (RFC 4559 section 5:
 * the client SHOULD check it; we require it). The service principal is {@code HTTP/<fqdn>} (GSS host-based service
 * name {@code HTTP@fqdn}, RFC 2743 section 4.1). The credentials are the Kerberos tickets of the {@link Subject}
 * given (a JAAS login), or with none the JDK's default login (the ticket cache). Never NTLM: the mechanism is
 * SPNEGO restricted to Kerberos V5. One instance per request; not thread-safe.
 */
public final class Spnego {
    /** SPNEGO, RFC 4178. */
    public static final Oid SPNEGO;
    /** Kerberos V5, RFC 1964. */
    public static final Oid KRB5;

    static {
        try {
            SPNEGO = new Oid("1.3.6.1.5.5.2");
            KRB5 = new Oid("1.2.840.113554.1.2.2");
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Subject subject;
    private final GSSContext context;

    private Spnego(Subject subject, GSSContext context) {
        this.subject = subject;
        this.context = context;
    }

    /**
     * Starts a context for a host.
     *
     * @param subject the JAAS subject with Kerberos tickets, or null for the JDK's default login
     * @param host the server's fully qualified name (the SPN is {@code HTTP/host})
     * @return the started context
     * @throws GSSException when JGSS cannot (no ticket, unknown principal, KDC unreachable)
     */
    public static Spnego start(Subject subject, String host) throws GSSException {
        GSSContext ctx = run(subject, () -> {
            GSSManager m = GSSManager.getInstance();
            GSSName server = m.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
            GSSContext c = m.createContext(server, SPNEGO, null, GSSContext.DEFAULT_LIFETIME);
            c.requestMutualAuth(true);
            c.requestCredDeleg(false);
            c.requestInteg(true);
            return c;
        });
        return new Spnego(subject, ctx);
    }

    /**
     * @return the value of the {@code Authorization} header: {@code Negotiate <base64 of the first token>}
     * @throws GSSException when JGSS cannot make the token
     */
    public String firstHeader() throws GSSException {
        byte[] token = run(subject, () -> context.initSecContext(new byte[0], 0, 0));
        return "Negotiate " + Base64.getEncoder().encodeToString(token);
    }

    /**
     * Completes the context with the server's answer and checks mutual authentication.
     *
     * @param wwwAuthenticate the {@code WWW-Authenticate} value of the successful response, or null
     * @throws GSSException when the answer does not authenticate the server
     */
    public void finish(String wwwAuthenticate) throws GSSException {
        if (wwwAuthenticate == null || !wwwAuthenticate.regionMatches(true, 0, "Negotiate ", 0, 10)) {
            throw new GSSException(GSSException.FAILURE, 0, "the server answered without a Negotiate token, so it did "
                    + "not prove its identity (mutual authentication)");
        }
        byte[] token = Base64.getDecoder().decode(wwwAuthenticate.substring(10).trim());
        run(subject, () -> {
            context.initSecContext(token, 0, token.length);
            return null;
        });
        if (!context.isEstablished() || !context.getMutualAuthState()) {
            throw new GSSException(GSSException.FAILURE, 0, "the server's Negotiate token did not complete mutual "
                    + "authentication");
        }
    }

    /** Releases the context. */
    public void dispose() {
        try {
            context.dispose();
        } catch (GSSException ignored) {
            // nothing held that outlives the JVM
        }
    }

    @SuppressWarnings("removal")
    private static <T> T run(Subject subject, PrivilegedExceptionAction<T> action) throws GSSException {
        try {
            return subject == null ? action.run() : Subject.doAs(subject, action);
        } catch (PrivilegedActionException e) {
            if (e.getException() instanceof GSSException g) {
                throw g;
            }
            throw new GSSException(GSSException.FAILURE, 0, String.valueOf(e.getException()));
        } catch (GSSException e) {
            throw e;
        } catch (Exception e) {
            throw new GSSException(GSSException.FAILURE, 0, String.valueOf(e));
        }
    }

    /**
     * The subject of the calling thread's access control context ({@code Subject.doAs}), if any.
     *
     * @return the subject, or null
     */
    @SuppressWarnings("removal")
    public static Subject current() {
        try {
            return Subject.getSubject(java.security.AccessController.getContext());
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
