package io.github.cm4j.wmi.kerberos;

import io.github.cm4j.internal.kerberos.KerberosErrors;
import io.github.cm4j.wmi.rpc.RpcSecurityContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.kerberos.KerberosKey;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessageType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of Kerberos for a DCE/RPC server: the service principal's long-term keys from a keytab (read
 * through {@link KeyTab}, so only the enctypes the JDK permits are used), AP-REQ verification (RFC 4120 3.2.3:
 * ticket decrypted with the service key, authenticator with the session key, client names agree, authenticator
 * time within the clock-skew limit, ticket valid, not a replay), and a replay cache of the authenticators seen
 * within the skew window. Makes the server ends of new contexts ({@link #newContext(boolean)}).
 *
 * <p>Thread-safe: the replay cache is synchronized; keys are read once.
 */
public final class KerberosAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(KerberosAcceptor.class);
    /** RFC 4120 3.2.3 / 5.2.1: the usual limit. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);
    private static final int REPLAY_CACHE_LIMIT = 100_000;

    private final String principal;
    private final List<KerberosKey> keys;
    private final Duration skew;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final boolean allowRc4;
    private final Map<String, Instant> replayCache = new LinkedHashMap<>();

    private KerberosAcceptor(String principal, List<KerberosKey> keys, Duration skew, Clock clock, boolean allowRc4) {
        this.principal = principal;
        this.keys = keys;
        this.skew = skew;
        this.clock = clock;
        this.allowRc4 = allowRc4;
    }

    /**
     * Reads the service keys of {@code principal} from a keytab.
     *
     * @param principal the service principal, {@code host/fqdn@REALM}
     * @param keytab the keytab file
     * @param clock the server's clock
     * @param skew the allowed clock skew
     * @param allowRc4 whether rc4-hmac tickets are accepted (Windows servers increasingly refuse them)
     * @return the acceptor
     * @throws IllegalArgumentException when the keytab is unreadable or holds no usable key of the principal
     */
    public static KerberosAcceptor fromKeytab(String principal, Path keytab, Clock clock, Duration skew, boolean allowRc4) {
        Objects.requireNonNull(principal, "principal");
        if (!Files.isReadable(keytab)) {
            throw new IllegalArgumentException("the keytab " + keytab + " does not exist or is not readable");
        }
        KerberosPrincipal p = new KerberosPrincipal(principal);
        KerberosKey[] found = KeyTab.getInstance(p, new File(keytab.toString())).getKeys(p);
        List<KerberosKey> usable = new ArrayList<>();
        for (KerberosKey k : found) {
            if (GssTokens.isSupported(k.getKeyType())) {
                usable.add(k);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("the keytab " + keytab + " holds no AES or RC4 key of " + p.getName() + " that the JDK permits (" + found.length + " keys of that principal;"
                    + " list them with klist -k -e)");
        }
        return new KerberosAcceptor(p.getName(), List.copyOf(usable), skew, clock, allowRc4);
    }

    /** @return the service principal */
    public String principal() {
        return principal;
    }

    Clock clock() {
        return clock;
    }

    SecureRandom random() {
        return random;
    }

    /**
     * @param spnego whether the context speaks SPNEGO (auth_type 9) rather than bare Kerberos (16)
     * @return the server end of a new security context
     */
    public RpcSecurityContext newContext(boolean spnego) {
        return KerberosSecurityContext.server(this, spnego);
    }

    /** The outcome of an AP-REQ: the context's material, or a KRB-ERROR to send back. */
    record Accepted(EncryptionKey sessionKey, int sequence, String client, KerberosTime ctime, int cusec, byte[] error,
                    String reason) {
    }

    Accepted accept(byte[] apReqBytes) throws KrbException, java.io.IOException {
        ApReq req = new ApReq();
        req.decode(apReqBytes);
        Instant now = clock.instant();
        EncryptedData encTicket = req.getTicket().getEncryptedEncPart();
        int etype = encTicket.getEType().getValue();
        if (etype == 23 && !allowRc4) {
            return error(KrbErrorCode.KDC_ERR_ETYPE_NOSUPP, now, null, "the ticket is encrypted with rc4-hmac, which this"
                    + " server refuses");
        }
        KerberosKey key = null;
        for (KerberosKey k : keys) {
            if (k.getKeyType() == etype && (encTicket.getKvno() <= 0 || k.getVersionNumber() == encTicket.getKvno())) {
                key = k;
                break;
            }
        }
        if (key == null) {
            return error(KrbErrorCode.KRB_AP_ERR_NOKEY, now, null, "no key of " + principal + " for "
                    + KerberosErrors.enctypeName(etype) + " kvno " + encTicket.getKvno()
                    );
        }
        EncTicketPart ticket = new EncTicketPart();
        try {
            ticket.decode(EncryptionHandler.decrypt(encTicket, new EncryptionKey(etype, key.getEncoded()), KeyUsage.KDC_REP_TICKET));
        } catch (KrbException e) {
            return error(KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY, now, null, "the ticket does not decrypt with the key of " + principal);
        }
        EncryptionKey sessionKey = ticket.getKey();
        if (!allowRc4 && sessionKey.getKeyType().getValue() == 23) {
            return error(KrbErrorCode.KDC_ERR_ETYPE_NOSUPP, now, null, "the session key is rc4-hmac, which this server refuses");
        }
        Authenticator a = new Authenticator();
        try {
            a.decode(EncryptionHandler.decrypt(req.getEncryptedAuthenticator(), sessionKey, KeyUsage.AP_REQ_AUTH));
        } catch (KrbException e) {
            return error(KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY, now, null, "the authenticator does not decrypt with the session key");
        }
        String client = a.getCname().getName() + "@" + a.getCrealm();
        String ticketClient = ticket.getCname().getName() + "@" + ticket.getCrealm();
        if (!client.equals(ticketClient)) {
            return error(KrbErrorCode.KRB_AP_ERR_BADMATCH, now, a, "the authenticator names " + client + ", the ticket " + ticketClient);
        }
        Instant ctime = Instant.ofEpochMilli(a.getCtime().getTime()).plusNanos(a.getCusec() % 1000 * 1000L);
        if (Duration.between(ctime, now).abs().compareTo(skew) > 0) {
            return error(KrbErrorCode.KRB_AP_ERR_SKEW, now, a, "clock skew: client " + ctime + ", server " + now);
        }
        Instant end = Instant.ofEpochMilli(ticket.getEndTime().getTime());
        Instant start = ticket.getStartTime() == null ? Instant.ofEpochMilli(ticket.getAuthTime().getTime())
                : Instant.ofEpochMilli(ticket.getStartTime().getTime());
        if (now.minus(skew).isAfter(end)) {
            return error(KrbErrorCode.KRB_AP_ERR_TKT_EXPIRED, now, a, "the ticket of " + client + " expired at " + end);
        }
        if (now.plus(skew).isBefore(start)) {
            return error(KrbErrorCode.KRB_AP_ERR_TKT_NYV, now, a, "the ticket of " + client + " is valid from " + start);
        }
        String replayKey = client + "|" + a.getCtime().getTime() + "|" + a.getCusec();
        synchronized (replayCache) {
            for (Iterator<Instant> it = replayCache.values().iterator(); it.hasNext();) {
                if (it.next().isBefore(now.minus(skew.multipliedBy(2)))) {
                    it.remove();
                } else {
                    break;
                }
            }
            if (replayCache.containsKey(replayKey)) {
                return error(KrbErrorCode.KRB_AP_ERR_REPEAT, now, a, "replayed authenticator of " + client);
            }
            if (replayCache.size() >= REPLAY_CACHE_LIMIT) {
                return error(KrbErrorCode.KRB_ERR_GENERIC, now, a, "replay cache full");
            }
            replayCache.put(replayKey, now);
        }
        LOG.debug("Kerberos AP-REQ of {} for {} accepted ({})", client, principal, KerberosErrors.enctypeName(
                sessionKey.getKeyType().getValue()));
        return new Accepted(sessionKey, a.getSeqNumber(), client, a.getCtime(), a.getCusec(), null, null);
    }

    /** RFC 4120 5.9.1 KRB-ERROR, with the server's time (and the client's, when known) for skew diagnosis. */
    private Accepted error(KrbErrorCode code, Instant now, Authenticator a, String reason) throws KrbException, java.io.IOException {
        LOG.info("Kerberos AP-REQ for {} refused: {} ({})", principal, code, reason);
        KrbError e = new KrbError();
        e.setMsgType(KrbMessageType.KRB_ERROR);
        e.setStime(new KerberosTime(now.toEpochMilli() / 1000 * 1000));
        e.setSusec((int) (now.toEpochMilli() % 1000 * 1000));
        e.setErrorCode(code);
        if (a != null) {
            e.setCtime(a.getCtime());
            e.setCusec(a.getCusec());
        }
        e.setRealm(PrincipalName.extractRealm(principal));
        e.setSname(new PrincipalName(PrincipalName.extractName(principal)));
        return new Accepted(null, 0, null, null, 0, e.encode(), code + ": " + reason);
    }

    @Override
    public String toString() {
        return "KerberosAcceptor[" + principal + ", " + keys.size() + " keys, skew " + skew + (allowRc4 ? "" : ", no RC4") + "]";
    }
}
