package io.github.cm4j.internal.kerberos;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.Credentials;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs in to Kerberos with the JDK's {@code com.sun.security.auth.module.Krb5LoginModule} under a programmatic
 * {@link Configuration}, so users write no JAAS file; krb5.conf is found as the JDK finds it
 * ({@code java.security.krb5.conf}, then {@code /etc/krb5.conf}), the ticket cache as the JDK finds it
 * ({@code KRB5CCNAME}, then {@code /tmp/krb5cc_UID}). Stateless and thread-safe.
 */
public final class KerberosLogin {
    private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";
    private static final String ENTRY = "cm4j-kerberos";

    private KerberosLogin() {
    }

    /**
     * Obtains a Kerberos identity, naming no host in messages.
     *
     * @param credentials Kerberos credentials
     * @param timeout the deadline for the exchange with the KDC
     * @return the identity
     * @see #login(Credentials, Duration, String)
     */
    public static KerberosIdentity login(Credentials credentials, Duration timeout) {
        return login(credentials, timeout, null);
    }

    /**
     * Obtains a Kerberos identity (a Subject holding a ticket-granting ticket, or the keytab's keys).
     *
     * @param credentials Kerberos credentials ({@link Credentials#supports} KERBEROS)
     * @param timeout the deadline for the exchange with the KDC
     * @param host the target host for messages, or null
     * @return the identity
     * @throws AuthenticationException when the login fails (the message says what to do)
     * @throws CallTimeoutException when the KDC does not answer in time
     * @throws IllegalArgumentException when the credentials cannot do Kerberos
     */
    public static KerberosIdentity login(Credentials credentials, Duration timeout, String host) {
        if (!credentials.supports(Credentials.Mechanism.KERBEROS)) {
            throw new IllegalArgumentException("these credentials cannot do Kerberos: " + credentials);
        }
        String account = credentials.account();
        if (credentials.keytab().isPresent() && !Files.isReadable(credentials.keytab().get())) {
            throw new AuthenticationException("Kerberos login of " + account + " failed: the keytab "
                    + credentials.keytab().get() + " does not exist or is not readable", host, null);
        }
        CompletableFuture<KerberosIdentity> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(loginNow(credentials, host));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "cm4j-kerberos-login");
        t.setDaemon(true);
        t.start();
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new CallTimeoutException("Kerberos login of " + account + " (check the kdc entries of krb5.conf)",
                    timeout, host, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationException("Kerberos login of " + account + " was interrupted", host, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw KerberosErrors.login(c, account, host);
        }
    }

    private static KerberosIdentity loginNow(Credentials credentials, String host) throws LoginException {
        Map<String, String> options = new HashMap<>();
        options.put("isInitiator", "true");
        CallbackHandler handler = callbacks -> {
            throw new UnsupportedCallbackException(callbacks[0], "no prompt");
        };
        String principal = credentials.principal().orElse(null);
        if (credentials.keytab().isPresent()) {
            options.put("useKeyTab", "true");
            options.put("keyTab", credentials.keytab().get().toAbsolutePath().toString());
            options.put("principal", principal);
            options.put("storeKey", "true");
            options.put("doNotPrompt", "true");
        } else if (credentials.password().isPresent()) {
            options.put("principal", principal);
            handler = new PasswordHandler(principal, credentials);
        } else {
            options.put("useTicketCache", "true");
            options.put("doNotPrompt", "true");
            credentials.ticketCache().ifPresent(p -> options.put("ticketCache", p.toAbsolutePath().toString()));
        }
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(MODULE,
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        Subject subject = new Subject();
        LoginContext lc = new LoginContext(ENTRY, subject, handler, config);
        try {
            lc.login();
        } catch (LoginException e) {
            if (credentials.usesTicketCache()) {
                // Krb5LoginModule ignores an expired TGT in the cache and then finds no principal (JDK behaviour):
                // either way the user must obtain a fresh ticket.
                if (KerberosErrors.code(e).isEmpty()) {
                    throw KerberosErrors.noTicket(credentials.account(), host, e);
                }
            }
            throw e;
        }
        Set<KerberosPrincipal> principals = subject.getPrincipals(KerberosPrincipal.class);
        if (principals.isEmpty()) {
            throw KerberosErrors.noTicket(credentials.account(), host, null);
        }
        KerberosPrincipal me = principals.iterator().next();
        if (!credentials.keytab().isPresent()) {
            boolean valid = subject.getPrivateCredentials(KerberosTicket.class).stream()
                    .anyMatch(KerberosTicket::isCurrent);
            if (!valid) {
                throw KerberosErrors.noTicket(me.getName(), host, null);
            }
        }
        return new KerberosIdentity(subject, me, credentials.keytab().isPresent());
    }

    /** Answers the login module's name and password callbacks from the credentials, clearing its copy. */
    private static final class PasswordHandler implements CallbackHandler {
        private final String principal;
        private final Credentials credentials;

        PasswordHandler(String principal, Credentials credentials) {
            this.principal = principal;
            this.credentials = credentials;
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback cb : callbacks) {
                if (cb instanceof NameCallback) {
                    ((NameCallback) cb).setName(principal);
                } else if (cb instanceof PasswordCallback) {
                    char[] pw = credentials.password().orElse(new char[0]);
                    ((PasswordCallback) cb).setPassword(pw); // PasswordCallback copies it
                    Arrays.fill(pw, '\0');
                } else {
                    throw new UnsupportedCallbackException(cb, "no prompt");
                }
            }
        }

        @Override
        public String toString() {
            return "PasswordHandler[" + principal + "]";
        }
    }
}
