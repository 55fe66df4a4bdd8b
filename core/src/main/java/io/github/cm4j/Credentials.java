package io.github.cm4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * NTLMv2 credentials for a remote provider: domain, user and either a password or the NT hash.
 * {@link #toString()} never shows the secret; exceptions and logs name only {@code DOMAIN\\user}.
 *
 * <p>The secret is copied in and out, so callers may clear their own arrays. Instances are immutable
 * and thread-safe.
 */
public final class Credentials {
    private static final Credentials NONE = new Credentials("", "", new char[0], null);

    private final String domain;
    private final String user;
    private final char[] password;
    private final byte[] ntHash;

    private Credentials(String domain, String user, char[] password, byte[] ntHash) {
        this.domain = domain;
        this.user = user;
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
     * Password credentials. The password is copied: the caller may clear its array afterwards.
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
        return new Credentials(du[0], du[1], password.clone(), null);
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
        return new Credentials(du[0], du[1], null, hash);
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
     * The domain part of the account.
     *
     * @return the domain, empty when none was given
     */
    public String domain() {
        return domain;
    }

    /**
     * The user part of the account.
     *
     * @return the user name (empty for {@link #none()})
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
        return this == NONE || user.isEmpty();
    }

    /**
     * The password; each call returns a fresh copy the caller should clear after use.
     *
     * @return a copy of the password, when these are password credentials
     */
    public Optional<char[]> password() {
        return password == null ? Optional.empty() : Optional.of(password.clone());
    }

    /**
     * The NT hash; each call returns a fresh copy.
     *
     * @return a copy of the NT hash, when these are hash credentials
     */
    public Optional<byte[]> ntHash() {
        return ntHash == null ? Optional.empty() : Optional.of(ntHash.clone());
    }

    /**
     * The account as logs and messages show it.
     *
     * @return {@code DOMAIN\\user}, or {@code user} without a domain
     */
    public String account() {
        return domain.isEmpty() ? user : domain + "\\" + user;
    }

    /**
     * Describes the credentials without the secret.
     *
     * @return the account and the kind of secret, never the secret: {@code Credentials[LAB\\admin, password=***]}
     */
    @Override
    public String toString() {
        if (isNone()) {
            return "Credentials[none]";
        }
        return "Credentials[" + account() + ", " + (ntHash != null ? "ntHash" : "password") + "=***]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Credentials)) {
            return false;
        }
        Credentials c = (Credentials) o;
        return domain.toLowerCase(Locale.ROOT).equals(c.domain.toLowerCase(Locale.ROOT))
                && user.toLowerCase(Locale.ROOT).equals(c.user.toLowerCase(Locale.ROOT))
                && Arrays.equals(password, c.password) && Arrays.equals(ntHash, c.ntHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain.toLowerCase(Locale.ROOT), user.toLowerCase(Locale.ROOT));
    }
}
