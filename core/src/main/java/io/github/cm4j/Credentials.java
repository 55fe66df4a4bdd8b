package io.github.cm4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Destroyable;

/**
 * Credentials for a remote provider: NTLMv2 (domain, user and a password or the NT hash) or Kerberos (the
 * JDK's default ticket cache, a keytab, or a principal and password). {@link #mechanisms()} says which
 * authentication mechanisms a value can serve: a principal with its password serves both.
 *
 * <p>{@link #toString()} never shows the secret; exceptions and logs name only {@code DOMAIN\\user} or the
 * principal. The secret is copied in and out, so callers may clear their own arrays; {@link #destroy()} zeroes
 * the copy held here, after which the secret can no longer be read ({@link IllegalStateException}).
 *
 * <p>Instances are thread-safe and, apart from {@link #destroy()}, immutable. Kerberos tickets are not held
 * here: transports obtain them through the JDK's JAAS/JGSS (krb5.conf as the JDK finds it) when they connect.
 */
public final class Credentials implements Destroyable {

    /** The authentication mechanisms a credential can serve. */
    public enum Mechanism {
        /** NTLMv2 (MS-NLMP): needs a password or an NT hash. */
        NTLM,
        /** Kerberos V5 (RFC 4120, MS-KILE): a ticket cache, a keytab or a password. */
        KERBEROS
    }

    /** Where the secret comes from. */
    private enum Kind { NONE, PASSWORD, NT_HASH, KERBEROS_CACHE, KERBEROS_KEYTAB, KERBEROS_PASSWORD }

    private static final Credentials NONE = new Credentials(Kind.NONE, "", "", null, null, null, null);

    private final Kind kind;
    private final String domain;
    private final String user;
    private final String principal;
    /** The keytab, or the ticket cache file of KERBEROS_CACHE credentials (null for the default cache). */
    private final Path keytab;
    private final char[] password;
    private final byte[] ntHash;
    private volatile boolean destroyed;

    private Credentials(Kind kind, String domain, String user, String principal, Path keytab, char[] password,
            byte[] ntHash) {
        this.kind = kind;
        this.domain = domain;
        this.user = user;
        this.principal = principal;
        this.keytab = keytab;
        this.password = password;
        this.ntHash = ntHash;
    }

    /**
     * Returns the empty credentials.
     *
     * @return no credentials (for the embedded simulator, or a transport using the ambient identity)
     */
    public static Credentials none() {
        return NONE;
    }

    /**
     * Password credentials for NTLM. The password is copied: the caller may clear its array afterwards.
     *
     * @param account {@code DOMAIN\\user}, {@code user@domain} or {@code user}
     * @param password the password
     * @return password credentials
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the account names no user
     */
    public static Credentials of(String account, char[] password) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
        String[] du = splitAccount(account);
        return new Credentials(Kind.PASSWORD, du[0], du[1], null, null, password.clone(), null);
    }

    /**
     * Password credentials from a string (convenient in JShell; prefer {@link #of(String, char[])} where the
     * password should not linger in an immutable string).
     *
     * @param account {@code DOMAIN\\user}, {@code user@domain} or {@code user}
     * @param password the password
     * @return password credentials
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the account names no user
     */
    public static Credentials of(String account, String password) {
        return of(account, Objects.requireNonNull(password, "password").toCharArray());
    }

    /**
     * Pass-the-hash credentials: the NT hash (MD4 of the UTF-16LE password, MS-NLMP 3.3.1) instead of the
     * password.
     *
     * @param account {@code DOMAIN\\user}, {@code user@domain} or {@code user}
     * @param ntHashHex 32 hex digits
     * @return hash credentials
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException when the hash is not 16 bytes of hex, or the account names no user
     */
    public static Credentials ofNtHash(String account, String ntHashHex) {
        String[] du = splitAccount(Objects.requireNonNull(account, "account"));
        String hex = Objects.requireNonNull(ntHashHex, "ntHashHex").trim();
        if (!hex.matches("(?i)[0-9a-f]{32}")) {
            throw new IllegalArgumentException("an NT hash is 32 hex digits (16 bytes); got " + hex.length() + " characters");
        }
        byte[] hash = new byte[16];
        for (int i = 0; i < 16; i++) {
            hash[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new Credentials(Kind.NT_HASH, du[0], du[1], null, null, null, hash);
    }

    /**
     * Kerberos from the JDK's default ticket cache (what {@code kinit} filled; the JDK honours
     * {@code KRB5CCNAME}). The principal is the cache's; tickets are read when a transport connects.
     *
     * @return ticket-cache credentials (Kerberos only)
     */
    public static Credentials kerberos() {
        return new Credentials(Kind.KERBEROS_CACHE, "", "", null, null, null, null);
    }

    /**
     * Kerberos from a given ticket cache file (as {@code KRB5CCNAME=FILE:path}), for processes that keep several
     * caches.
     *
     * @param ticketCache the credential cache file
     * @return ticket-cache credentials (Kerberos only)
     * @throws NullPointerException if the path is null
     */
    public static Credentials kerberosTicketCache(Path ticketCache) {
        Objects.requireNonNull(ticketCache, "ticketCache");
        return new Credentials(Kind.KERBEROS_CACHE, "", "", null, ticketCache, null, null);
    }

    /**
     * Kerberos with the long-term key of {@code principal} read from a keytab file (as {@code kinit -k -t}).
     * The file is read when a transport connects, not here.
     *
     * @param principal {@code user@REALM} or {@code service/host@REALM}; without a realm the krb5.conf
     *        {@code default_realm} applies
     * @param keytab the keytab file
     * @return keytab credentials (Kerberos only)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the principal is empty
     */
    public static Credentials kerberosKeytab(String principal, Path keytab) {
        String p = requirePrincipal(principal);
        Objects.requireNonNull(keytab, "keytab");
        return new Credentials(Kind.KERBEROS_KEYTAB, realmOf(p), nameOf(p), p, keytab, null, null);
    }

    /**
     * Kerberos with a principal and its password (the JDK asks the KDC for a ticket-granting ticket when a
     * transport connects). The same value also serves NTLM, with the realm as the domain: negotiation falls
     * back to NTLM when Kerberos is not possible and fallback is allowed.
     *
     * @param principal {@code user@REALM} (or {@code user}, with the krb5.conf default realm)
     * @param password the password, copied: the caller may clear its array afterwards
     * @return password credentials usable for Kerberos and NTLM
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the principal is empty
     */
    public static Credentials kerberosPassword(String principal, char[] password) {
        String p = requirePrincipal(principal);
        Objects.requireNonNull(password, "password");
        return new Credentials(Kind.KERBEROS_PASSWORD, realmOf(p), nameOf(p), p, null, password.clone(), null);
    }

    /**
     * Kerberos with a principal and its password given as a string (JShell); prefer
     * {@link #kerberosPassword(String, char[])}.
     *
     * @param principal {@code user@REALM}
     * @param password the password
     * @return password credentials usable for Kerberos and NTLM
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the principal is empty
     */
    public static Credentials kerberosPassword(String principal, String password) {
        return kerberosPassword(principal, Objects.requireNonNull(password, "password").toCharArray());
    }

    private static String requirePrincipal(String principal) {
        String p = Objects.requireNonNull(principal, "principal").trim();
        if (p.isEmpty() || p.startsWith("@")) {
            throw new IllegalArgumentException("the Kerberos principal names nobody");
        }
        return p;
    }

    private static String realmOf(String principal) {
        int at = principal.lastIndexOf('@');
        return at < 0 ? "" : principal.substring(at + 1);
    }

    private static String nameOf(String principal) {
        int at = principal.lastIndexOf('@');
        return at < 0 ? principal : principal.substring(0, at);
    }

    private static String[] splitAccount(String account) {
        int backslash = account.indexOf('\\');
        if (backslash >= 0) {
            return new String[] {account.substring(0, backslash), requireUser(account.substring(backslash + 1))};
        }
        int at = account.lastIndexOf('@');
        if (at >= 0) {
            return new String[] {account.substring(at + 1), requireUser(account.substring(0, at))};
        }
        return new String[] {"", requireUser(account)};
    }

    private static String requireUser(String user) {
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the account names no user");
        }
        return user;
    }

    /**
     * The domain part of the account (the realm, for Kerberos principals).
     *
     * @return the domain, empty when none was given
     */
    public String domain() {
        return domain;
    }

    /**
     * The user part of the account (the principal without its realm, for Kerberos).
     *
     * @return the user name (empty for {@link #none()} and {@link #kerberos()})
     */
    public String user() {
        return user;
    }

    /**
     * Whether these credentials name nobody.
     *
     * @return whether these are the {@link #none()} credentials
     */
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /**
     * The mechanisms these credentials can serve.
     *
     * @return NTLM for password and hash credentials, Kerberos for the ticket cache and keytab, both for a
     *         Kerberos principal with its password; empty for {@link #none()}
     */
    public Set<Mechanism> mechanisms() {
        switch (kind) {
            case PASSWORD:
            case NT_HASH:
                return Collections.unmodifiableSet(EnumSet.of(Mechanism.NTLM));
            case KERBEROS_CACHE:
            case KERBEROS_KEYTAB:
                return Collections.unmodifiableSet(EnumSet.of(Mechanism.KERBEROS));
            case KERBEROS_PASSWORD:
                return Collections.unmodifiableSet(EnumSet.of(Mechanism.NTLM, Mechanism.KERBEROS));
            default:
                return Collections.emptySet();
        }
    }

    /**
     * Whether these credentials can serve {@code mechanism}.
     *
     * @param mechanism the mechanism
     * @return whether {@link #mechanisms()} contains it
     */
    public boolean supports(Mechanism mechanism) {
        return mechanisms().contains(mechanism);
    }

    /**
     * The Kerberos principal as given.
     *
     * @return the principal of keytab and Kerberos-password credentials; empty for the ticket cache (its
     *         principal is the cache's) and for NTLM credentials
     */
    public Optional<String> principal() {
        return Optional.ofNullable(principal);
    }

    /**
     * The keytab file.
     *
     * @return the keytab of {@link #kerberosKeytab(String, Path)} credentials
     */
    public Optional<Path> keytab() {
        return kind == Kind.KERBEROS_KEYTAB ? Optional.of(keytab) : Optional.empty();
    }

    /**
     * The ticket cache file given to {@link #kerberosTicketCache(Path)}.
     *
     * @return the file; empty for the default cache and for every other kind
     */
    public Optional<Path> ticketCache() {
        return kind == Kind.KERBEROS_CACHE ? Optional.ofNullable(keytab) : Optional.empty();
    }

    /**
     * Whether tickets come from a ticket cache ({@link #kerberos()} or {@link #kerberosTicketCache(Path)}).
     *
     * @return whether these are ticket-cache credentials
     */
    public boolean usesTicketCache() {
        return kind == Kind.KERBEROS_CACHE;
    }

    /**
     * The password; each call returns a fresh copy the caller should clear after use.
     *
     * @return a copy of the password, when these are password credentials
     * @throws IllegalStateException after {@link #destroy()}
     */
    public Optional<char[]> password() {
        checkNotDestroyed();
        return password == null ? Optional.empty() : Optional.of(password.clone());
    }

    /**
     * The NT hash; each call returns a fresh copy.
     *
     * @return a copy of the NT hash, when these are hash credentials
     * @throws IllegalStateException after {@link #destroy()}
     */
    public Optional<byte[]> ntHash() {
        checkNotDestroyed();
        return ntHash == null ? Optional.empty() : Optional.of(ntHash.clone());
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("these credentials were destroyed: " + this);
        }
    }

    /**
     * The account as logs and messages show it.
     *
     * @return {@code DOMAIN\\user}, {@code user} without a domain, the principal for Kerberos, or
     *         {@code (ticket cache)} for {@link #kerberos()}
     */
    public String account() {
        if (principal != null) {
            return principal;
        }
        if (kind == Kind.KERBEROS_CACHE) {
            return "(ticket cache)";
        }
        return domain.isEmpty() ? user : domain + "\\" + user;
    }

    /**
     * Zeroes the password or NT hash held here. The ticket cache and keytab files are left alone. Idempotent;
     * {@link #none()} cannot be destroyed (it holds nothing).
     */
    @Override
    public void destroy() {
        if (kind == Kind.NONE) {
            return;
        }
        synchronized (this) {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (ntHash != null) {
                Arrays.fill(ntHash, (byte) 0);
            }
            destroyed = true;
        }
    }

    /**
     * Whether {@link #destroy()} was called.
     *
     * @return whether the secret was zeroed
     */
    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /**
     * Describes the credentials without the secret.
     *
     * @return the account and the kind of secret, never the secret: {@code Credentials[LAB\\admin, password=***]},
     *         {@code Credentials[kerberos, keytab=/etc/cm4j.keytab, principal=svc@LAB.TEST]}
     */
    @Override
    public String toString() {
        String d = destroyed ? ", destroyed" : "";
        switch (kind) {
            case NONE:
                return "Credentials[none]";
            case KERBEROS_CACHE:
                return "Credentials[kerberos, ticket cache" + (keytab == null ? "" : " " + keytab) + "]";
            case KERBEROS_KEYTAB:
                return "Credentials[kerberos, principal=" + principal + ", keytab=" + keytab + "]";
            case KERBEROS_PASSWORD:
                return "Credentials[kerberos+ntlm, principal=" + principal + ", password=***" + d + "]";
            case NT_HASH:
                return "Credentials[" + account() + ", ntHash=***" + d + "]";
            default:
                return "Credentials[" + account() + ", password=***" + d + "]";
        }
    }

    // Equal when kind, account (case-insensitive), keytab and secret agree; secrets are compared in time
    // independent of where they differ.
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Credentials)) {
            return false;
        }
        Credentials c = (Credentials) o;
        return kind == c.kind
                && domain.toLowerCase(Locale.ROOT).equals(c.domain.toLowerCase(Locale.ROOT))
                && user.toLowerCase(Locale.ROOT).equals(c.user.toLowerCase(Locale.ROOT))
                && Objects.equals(keytab, c.keytab)
                && constantTimeEquals(password, c.password) && java.security.MessageDigest.isEqual(ntHash, c.ntHash)
                && destroyed == c.destroyed;
    }

    private static boolean constantTimeEquals(char[] a, char[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        int diff = a.length ^ b.length;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            diff |= a[i] ^ b[i];
        }
        return diff == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, domain.toLowerCase(Locale.ROOT), user.toLowerCase(Locale.ROOT));
    }
}
