package io.github.cm4j.internal.kerberos;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A service ticket and its session key, as the KDC issued them (RFC 4120 5.3 Ticket, DER; the session key of
 * EncKDCRepPart). Immutable apart from {@link #destroy()}; thread-safe. {@link #toString()} names principals,
 * enctype and times, never the ticket or key bytes.
 */
public final class ServiceTicket implements Destroyable {
    private final byte[] ticket;
    private final byte[] sessionKey;
    private final int enctype;
    private final String client;
    private final String server;
    private final Instant authTime;
    private final Instant startTime;
    private final Instant endTime;
    private volatile boolean destroyed;

    /**
     * Creates a service ticket value (the arrays are copied).
     *
     * @param ticket the DER encoding of the Ticket
     * @param sessionKey the session key bytes
     * @param enctype the session key's encryption type (RFC 3961 8, e.g. 18 aes256-cts-hmac-sha1-96, 23 rc4-hmac)
     * @param client the client principal
     * @param server the server principal
     * @param authTime when the client authenticated initially
     * @param startTime when the ticket becomes valid
     * @param endTime when it expires
     */
    public ServiceTicket(byte[] ticket, byte[] sessionKey, int enctype, String client, String server, Instant authTime,
            Instant startTime, Instant endTime) {
        this.ticket = ticket.clone();
        this.sessionKey = sessionKey.clone();
        this.enctype = enctype;
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
        this.authTime = authTime;
        this.startTime = startTime;
        this.endTime = endTime;
    }

    /** @return a copy of the DER-encoded Ticket (RFC 4120 5.3) */
    public byte[] ticket() {
        check();
        return ticket.clone();
    }

    /** @return a copy of the session key bytes */
    public byte[] sessionKey() {
        check();
        return sessionKey.clone();
    }

    /** @return the session key's encryption type number (RFC 3961 8) */
    public int enctype() {
        return enctype;
    }

    /** @return the client principal, {@code user@REALM} */
    public String client() {
        return client;
    }

    /** @return the server principal, {@code host/fqdn@REALM} */
    public String server() {
        return server;
    }

    /** @return when the client first authenticated (may be null when the KDC did not say) */
    public Instant authTime() {
        return authTime;
    }

    /** @return when the ticket becomes valid */
    public Instant startTime() {
        return startTime;
    }

    /** @return when the ticket expires */
    public Instant endTime() {
        return endTime;
    }

    private void check() {
        if (destroyed) {
            throw new IllegalStateException("the service ticket for " + server + " was destroyed");
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(sessionKey, (byte) 0);
        Arrays.fill(ticket, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "ServiceTicket[" + client + " -> " + server + ", " + KerberosErrors.enctypeName(enctype) + ", valid "
                + startTime + ".." + endTime + (destroyed ? ", destroyed" : "") + "]";
    }
}
