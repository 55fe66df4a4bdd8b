package io.github.cm4j.internal.kerberos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.Credentials;
import io.github.cm4j.testing.TestKdc;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.security.auth.kerberos.KerberosTicket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logs in against a real (in-process Kerby) KDC and asks it for service tickets. */
class KerberosLoginTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static TestKdc kdc;

    @BeforeAll
    static void kdc() {
        kdc = TestKdc.shared();
    }

    @Test
    void passwordLoginYieldsATgtAndAServiceTicketReadableThroughThePublicApi() {
        KerberosIdentity id = KerberosLogin.login(Credentials.kerberosPassword(TestKdc.ALICE, TestKdc.ALICE_PASSWORD), T, null);
        assertThat(id.principal().getName()).isEqualTo(TestKdc.ALICE);
        assertThat(id.subject().getPrivateCredentials(KerberosTicket.class))
                .anyMatch(t -> t.getServer().getName().equals("krbtgt/LAB.TEST@LAB.TEST"));

        ServiceTicket st = id.serviceTicket("host/cas.lab.test", null);
        assertThat(st.server()).isEqualTo(TestKdc.SERVICE);
        assertThat(st.client()).isEqualTo(TestKdc.ALICE);
        assertThat(st.enctype()).isEqualTo(18);
        assertThat(st.sessionKey()).hasSize(32);
        assertThat(st.ticket()[0]).as("DER Ticket is [APPLICATION 1]").isEqualTo((byte) 0x61);
        assertThat(st.endTime()).isAfter(Instant.now());
        assertThat(st.toString()).contains("aes256-cts-hmac-sha1-96(18)", TestKdc.SERVICE)
                .doesNotContain(HexFormat.of().formatHex(st.sessionKey()));
        // asked again: served from the subject, the same ticket
        assertThat(id.serviceTicket("host/cas.lab.test@LAB.TEST", null).ticket()).isEqualTo(st.ticket());
    }

    @Test
    void keytabLoginWorksWithoutAPassword() {
        KerberosIdentity id = KerberosLogin.login(Credentials.kerberosKeytab(TestKdc.SERVICE, kdc.serviceKeytab()), T, null);
        assertThat(id.principal().getName()).isEqualTo(TestKdc.SERVICE);
        assertThat(id.serviceTicket(TestKdc.AES_ONLY_SERVICE, null).server()).isEqualTo(TestKdc.AES_ONLY_SERVICE);
    }

    @Test
    void ticketCacheLoginReadsWhatKinitWrote() {
        Path cache = kdc.kinit(TestKdc.ALICE, TestKdc.ALICE_PASSWORD, 3600);
        KerberosIdentity id = KerberosLogin.login(Credentials.kerberosTicketCache(cache), T, null);
        assertThat(id.principal().getName()).isEqualTo(TestKdc.ALICE);
        assertThat(id.serviceTicket("host/cas.lab.test", null).client()).isEqualTo(TestKdc.ALICE);
    }

    @Test
    void anExpiredTicketCacheAsksForKinitOrAKeytab() throws Exception {
        Path cache = kdc.kinit(TestKdc.ALICE, TestKdc.ALICE_PASSWORD, 3);
        Thread.sleep(3600);
        assertThatThrownBy(() -> KerberosLogin.login(Credentials.kerberosTicketCache(cache), T, "cas.lab.test"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("no valid Kerberos ticket").hasMessageContaining("run kinit")
                .hasMessageContaining("--keytab");
    }

    @Test
    void aMissingTicketCacheAsksForKinitOrAKeytab() {
        assertThatThrownBy(() -> KerberosLogin.login(Credentials.kerberosTicketCache(kdc.workDir().toPath()
                .resolve("no-such-cache")), T, null))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("run kinit");
    }

    @Test
    void anUnknownSpnIsNamedAndTheFqdnSuggested() {
        KerberosIdentity id = KerberosLogin.login(Credentials.kerberosPassword(TestKdc.ALICE, TestKdc.ALICE_PASSWORD), T, null);
        assertThatThrownBy(() -> id.serviceTicket("host/nosuch.lab.test", "nosuch.lab.test"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("host/nosuch.lab.test@LAB.TEST")
                .hasMessageContaining("KDC_ERR_S_PRINCIPAL_UNKNOWN")
                .hasMessageContaining("fully qualified DNS name");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        assertThatThrownBy(() -> KerberosLogin.login(Credentials.kerberosPassword(TestKdc.ALICE, "wrong-Pa55"), T, null))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("wrong password")
                .hasMessageNotContaining("wrong-Pa55");
    }

    @Test
    void anUnknownClientIsNamed() {
        assertThatThrownBy(() -> KerberosLogin.login(Credentials.kerberosPassword("mallory@LAB.TEST", "x"), T, null))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("mallory@LAB.TEST").hasMessageContaining("KDC_ERR_C_PRINCIPAL_UNKNOWN");
    }

    @Test
    void aMissingKeytabIsNamed() {
        Path missing = kdc.workDir().toPath().resolve("none.keytab");
        assertThatThrownBy(() -> KerberosLogin.login(Credentials.kerberosKeytab(TestKdc.SERVICE, missing), T, null))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void ntlmOnlyCredentialsAreRefused() {
        assertThatThrownBy(() -> KerberosLogin.login(Credentials.of("LAB\\alice", "x"), T, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("x]");
    }
}
