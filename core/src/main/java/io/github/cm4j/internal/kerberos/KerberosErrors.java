package io.github.cm4j.internal.kerberos;

import io.github.cm4j.AuthenticationException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Kerberos failures into {@link AuthenticationException}s whose messages say what to do (issue 17 item 5).
 * The JDK reports KDC errors as messages ending in the RFC 4120 7.5.9 error code in parentheses
 * ("Clock skew too great (37)"); its exception classes are not exported, so the code is read off the message.
 * Messages never carry ticket, key or password bytes. Stateless and thread-safe.
 */
public final class KerberosErrors {
    /** RFC 4120 7.5.9 error codes the messages below distinguish. */
    public static final int KDC_ERR_C_PRINCIPAL_UNKNOWN = 6;
    /** Server principal unknown to the KDC: the SPN is wrong or not registered. */
    public static final int KDC_ERR_S_PRINCIPAL_UNKNOWN = 7;
    /** The KDC supports none of the requested encryption types. */
    public static final int KDC_ERR_ETYPE_NOSUPP = 14;
    /** The account is disabled or locked. */
    public static final int KDC_ERR_CLIENT_REVOKED = 18;
    /** The password expired. */
    public static final int KDC_ERR_KEY_EXPIRED = 23;
    /** Pre-authentication failed: wrong password or key. */
    public static final int KDC_ERR_PREAUTH_FAILED = 24;
    /** Integrity check failed: wrong key (e.g. a keytab with an old kvno). */
    public static final int KRB_AP_ERR_BAD_INTEGRITY = 31;
    /** The ticket expired. */
    public static final int KRB_AP_ERR_TKT_EXPIRED = 32;
    /** The authenticator is a replay. */
    public static final int KRB_AP_ERR_REPEAT = 34;
    /** The clocks differ by more than the allowed skew. */
    public static final int KRB_AP_ERR_SKEW = 37;
    /** The server cannot decrypt the ticket: no key for its kvno/enctype. */
    public static final int KRB_AP_ERR_NOKEY = 45;
    /** Generic error (MS-KILE uses it with an NTSTATUS in e-data). */
    public static final int KRB_ERR_GENERIC = 60;

    private static final Pattern CODE = Pattern.compile("\\((\\d{1,3})\\)");

    private KerberosErrors() {
    }

    /**
     * The RFC 3961 8 name of an encryption type.
     *
     * @param enctype the number
     * @return e.g. {@code aes256-cts-hmac-sha1-96(18)}
     */
    public static String enctypeName(int enctype) {
        switch (enctype) {
            case 17: return "aes128-cts-hmac-sha1-96(17)";
            case 18: return "aes256-cts-hmac-sha1-96(18)";
            case 19: return "aes128-cts-hmac-sha256-128(19)";
            case 20: return "aes256-cts-hmac-sha384-192(20)";
            case 23: return "rc4-hmac(23)";
            case 24: return "rc4-hmac-exp(24)";
            case 16: return "des3-cbc-sha1(16)";
            case 1: return "des-cbc-crc(1)";
            case 3: return "des-cbc-md5(3)";
            default: return "enctype(" + enctype + ")";
        }
    }

    /**
     * The RFC 4120 error code of a JDK Kerberos failure, searched along the cause chain.
     *
     * @param t the failure
     * @return the code, when one of the messages carries it
     */
    public static OptionalInt code(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m == null) {
                continue;
            }
            Matcher matcher = CODE.matcher(m);
            int found = -1;
            while (matcher.find()) {
                found = Integer.parseInt(matcher.group(1));
            }
            if (found >= 0 && found < 100) {
                return OptionalInt.of(found);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return OptionalInt.empty();
    }

    private static boolean mentions(Throwable t, String... needles) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            for (String n : needles) {
                if (m.contains(n)) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /**
     * Translates a failure of the initial login (AS exchange, ticket cache or keytab read).
     *
     * @param t the JAAS/JDK failure
     * @param account the principal or "(ticket cache)" as messages show it
     * @param host the target host, or null
     * @return the exception to throw
     */
    public static AuthenticationException login(Throwable t, String account, String host) {
        OptionalInt code = code(t);
        String who = "Kerberos login of " + account;
        if (code.isPresent()) {
            switch (code.getAsInt()) {
                case KRB_AP_ERR_SKEW:
                    return skewAtKdc(who, t, host);
                case KDC_ERR_C_PRINCIPAL_UNKNOWN:
                    return new AuthenticationException(who + " failed: the KDC does not know the principal "
                            + account + " (KDC_ERR_C_PRINCIPAL_UNKNOWN); check the name and realm", host, t);
                case KDC_ERR_PREAUTH_FAILED:
                case KRB_AP_ERR_BAD_INTEGRITY:
                    return new AuthenticationException(who + " failed: wrong password or key (KDC_ERR_PREAUTH_FAILED);"
                            + " check the password, or re-export the keytab if the key version changed", host, t);
                case KDC_ERR_ETYPE_NOSUPP:
                    return noCommonEnctype(who, t, host);
                case KDC_ERR_CLIENT_REVOKED:
                    return new AuthenticationException(who + " failed: the account is disabled or locked out"
                            + " (KDC_ERR_CLIENT_REVOKED)", host, t);
                case KDC_ERR_KEY_EXPIRED:
                    return new AuthenticationException(who + " failed: the password has expired (KDC_ERR_KEY_EXPIRED);"
                            + " change it, then run kinit", host, t);
                default:
                    break;
            }
        }
        if (mentions(t, "unable to obtain principal name", "unable to obtain password", "no ticket", "ticket cache")) {
            return noTicket(account, host, t);
        }
        if (mentions(t, "no supported default etypes", "no supported encryption", "encryption type")) {
            return noCommonEnctype(who, t, host);
        }
        if (mentions(t, "cannot locate default realm", "cannot locate kdc", "krb5.conf")) {
            return new AuthenticationException(who + " failed: no Kerberos configuration (" + firstMessage(t) + "); give"
                    + " a krb5.conf (/etc/krb5.conf, or -Djava.security.krb5.conf=FILE) naming the realm and its KDC",
                    host, t);
        }
        if (mentions(t, "receive timed out", "connection refused", "cannot contact", "unknownhost", "connect timed out")) {
            return new AuthenticationException(who + " failed: cannot reach the KDC (" + firstMessage(t) + "); check"
                    + " the kdc entries of krb5.conf and the network", host, t);
        }
        return new AuthenticationException(who + " failed: " + firstMessage(t), host, t);
    }

    /**
     * Translates a failure to obtain a service ticket (TGS exchange).
     *
     * @param t the JGSS failure
     * @param account the client principal
     * @param spn the service principal asked for
     * @param host the target host, or null
     * @return the exception to throw
     */
    public static AuthenticationException serviceTicket(Throwable t, String account, String spn, String host) {
        OptionalInt code = code(t);
        String what = "Kerberos service ticket for " + spn + " (client " + account + ")";
        if (code.isPresent()) {
            switch (code.getAsInt()) {
                case KDC_ERR_S_PRINCIPAL_UNKNOWN:
                    return unknownSpn(spn, host, t);
                case KRB_AP_ERR_SKEW:
                    return skewAtKdc(what, t, host);
                case KRB_AP_ERR_TKT_EXPIRED:
                    return new AuthenticationException(what + ": the ticket-granting ticket has expired"
                            + " (KRB_AP_ERR_TKT_EXPIRED); run kinit again or give a keytab (--keytab FILE --principal P)",
                            host, t);
                case KDC_ERR_ETYPE_NOSUPP:
                    return noCommonEnctype(what, t, host);
                default:
                    break;
            }
        }
        if (mentions(t, "server not found", "unknown server")) {
            return unknownSpn(spn, host, t);
        }
        if (mentions(t, "failed to find any kerberos tgt", "no kerberos credentials", "tgt has expired",
                "ticket expired")) {
            return noTicket(account, host, t);
        }
        if (mentions(t, "no supported default etypes", "no supported encryption", "unsupported encryption type",
                "encryption type")) {
            return noCommonEnctype(what, t, host);
        }
        return new AuthenticationException(what + " failed: " + rootMessage(t), host, t);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? firstMessage(t) : firstMessage(t) + " (" + firstMessage(c) + ")";
    }

    /**
     * No usable ticket: none in the cache, or only expired ones.
     *
     * @param account the principal or "(ticket cache)"
     * @param host the target host, or null
     * @param cause the underlying failure, or null
     * @return the exception
     */
    public static AuthenticationException noTicket(String account, String host, Throwable cause) {
        return new AuthenticationException("no valid Kerberos ticket for " + account + " (the ticket cache is empty,"
                + " missing or expired): run kinit, or give a keytab (--keytab FILE --principal P)", host, cause);
    }

    /**
     * The KDC does not know the service principal.
     *
     * @param spn the SPN tried
     * @param host the target host, or null
     * @param cause the underlying failure, or null
     * @return the exception
     */
    public static AuthenticationException unknownSpn(String spn, String host, Throwable cause) {
        return new AuthenticationException("the KDC does not know the service principal " + spn
                + " (KDC_ERR_S_PRINCIPAL_UNKNOWN): connect by the server's fully qualified DNS name, check the SPN"
                + " is registered on its account (setspn -L), or give spn=", host, cause);
    }

    /**
     * No encryption type is shared by client, KDC and service.
     *
     * @param what what failed
     * @param cause the underlying failure, or null
     * @param host the target host, or null
     * @return the exception
     */
    public static AuthenticationException noCommonEnctype(String what, Throwable cause, String host) {
        return new AuthenticationException(what + " failed: no common encryption type (KDC_ERR_ETYPE_NOSUPP);"
                + " compare default_tkt_enctypes/permitted_enctypes in krb5.conf with the account's"
                + " msDS-SupportedEncryptionTypes (RC4 needs allow_weak_crypto = true on the JDK)", host, cause);
    }

    private static AuthenticationException skewAtKdc(String what, Throwable cause, String host) {
        return new AuthenticationException(what + " failed: the clock of this machine ("
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ") and the KDC's differ by more than the allowed"
                + " skew (KRB_AP_ERR_SKEW, usually 5 minutes); synchronize both clocks (NTP)", host, cause);
    }

    /**
     * The clocks of client and server differ by more than the allowed skew (RFC 4120 3.2.3).
     *
     * @param what what failed
     * @param clientTime the client's clock (the authenticator's ctime)
     * @param serverTime the server's clock
     * @param allowed the allowed skew
     * @param host the target host, or null
     * @return the exception
     */
    public static AuthenticationException skew(String what, Instant clientTime, Instant serverTime, Duration allowed,
            String host) {
        return new AuthenticationException(what + " failed: clock skew too great (KRB_AP_ERR_SKEW): client clock "
                + clientTime.truncatedTo(ChronoUnit.SECONDS) + ", server clock "
                + serverTime.truncatedTo(ChronoUnit.SECONDS) + ", allowed " + allowed.toSeconds()
                + " s; synchronize both clocks (NTP)", host, null);
    }

    private static String firstMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return t.getClass().getSimpleName();
    }
}
