package io.github.cm4j.adminservice.simulator;

import io.github.cm4j.Credentials;
import io.github.cm4j.internal.kerberos.KerberosLogin;
import io.github.cm4j.testing.TestKdc;
import java.nio.file.Path;
import java.time.Duration;
import javax.security.auth.Subject;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Kerberos side of these tests, over core's shared in-process KDC ({@link TestKdc}: Apache Kerby on loopback,
 * realm {@code LAB.TEST}, one per JVM since the JDK reads krb5.conf once): the service {@code HTTP/localhost} with
 * its keytab, a principal whose keytab no ticket for {@code HTTP/localhost} opens (the "wrong key" server), and
 * alice, logged in through core's {@link KerberosLogin}. MIT tools use the same krb5.conf through
 * {@code KRB5_CONFIG}.
 */
final class Kdc {
    static final String REALM = TestKdc.REALM;
    static final String HOST = "localhost";
    static final String USER = TestKdc.ALICE;
    static final String PASSWORD = TestKdc.ALICE_PASSWORD;
    private static Kdc shared;

    private final TestKdc kdc;
    private final Path serviceKeytab;
    private final Path otherKeytab;
    private Subject user;

    private Kdc() {
        kdc = TestKdc.shared();
        serviceKeytab = kdc.createService(servicePrincipal());
        otherKeytab = kdc.createService(otherPrincipal());
    }

    /** @return the KDC of this JVM, started on first use */
    static synchronized Kdc shared() {
        if (shared == null) {
            shared = new Kdc();
        }
        return shared;
    }

    String servicePrincipal() {
        return "HTTP/" + HOST + "@" + REALM;
    }

    /** @return a service principal other than HTTP/localhost (tickets for HTTP/localhost do not open its keytab) */
    String otherPrincipal() {
        return "HTTP/other.lab.test@" + REALM;
    }

    Path serviceKeytab() {
        return serviceKeytab;
    }

    Path otherKeytab() {
        return otherKeytab;
    }

    Path krb5conf() {
        return kdc.krb5conf();
    }

    /** @return a ticket cache of alice's, written by the KDC's own client (Kerby), for MIT tools */
    Path userTicketCache() {
        return kdc.kinit(USER, PASSWORD, 3600);
    }

    /** @return alice, logged in with her password through core's shared login */
    synchronized Subject userSubject() {
        if (user == null) {
            user = KerberosLogin.login(Credentials.kerberosPassword(USER, PASSWORD), Duration.ofSeconds(30), HOST).subject();
        }
        return user;
    }

    /** Starts the shared KDC before a test class that uses Kerberos. */
    static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            shared();
        }
    }
}
