package io.github.cm4j.wmi.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.Credentials;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.diagnostics.Diagnosis;
import io.github.cm4j.diagnostics.Verdict;
import io.github.cm4j.testing.TestKdc;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Doctor's {@code kerberos} check against an independent KDC (Apache Kerby, in process, core's {@link TestKdc}):
 * a ticket for {@code host/<fqdn>} with its encryption type, an unknown SPN and a wrong password named as such. The
 * names do not resolve, so the network checks fail or are skipped; the Kerberos check needs only the name.
 */
class DoctorKerberosTest {

    @BeforeAll
    static void kdc() {
        TestKdc.shared();
    }

    private static Check kerberos(String host, Credentials credentials) {
        Diagnosis d = ConfigMgr.builder().uri("dcom://" + host + "/CAS").credentials(credentials)
                .provider(new DcomTransportProvider()).diagnose(Duration.ofSeconds(15), Duration.ofSeconds(60));
        assertThat(d.check("dns")).map(Check::verdict).contains(Verdict.FAIL);
        assertThat(d.check("tcp-resolver")).map(Check::verdict).contains(Verdict.SKIPPED);
        return d.check("kerberos").orElseThrow();
    }

    @Test
    void aTicketForTheSpnIsObtainedAndItsEncryptionTypeNamed() {
        Check k = kerberos("cas.lab.test", Credentials.kerberosPassword(TestKdc.ALICE, TestKdc.ALICE_PASSWORD));
        assertThat(k.verdict()).as(k.toString()).isEqualTo(Verdict.PASS);
        assertThat(k.evidence()).contains("ticket for " + TestKdc.SERVICE).contains("as " + TestKdc.ALICE)
                .contains("aes256-cts-hmac-sha1-96 (18)");
        assertThat(k.toString()).doesNotContain(TestKdc.ALICE_PASSWORD);
    }

    @Test
    void anSpnTheKdcDoesNotKnowFailsWithSetspnAsTheWayOut() {
        Check k = kerberos("nosuch.lab.test", Credentials.kerberosPassword(TestKdc.ALICE, TestKdc.ALICE_PASSWORD));
        assertThat(k.verdict()).as(k.toString()).isEqualTo(Verdict.FAIL);
        assertThat(k.evidence()).contains("host/nosuch.lab.test");
        assertThat(k.advice()).contains("setspn");
    }

    @Test
    void aWrongPasswordFailsTheLogin() {
        Check k = kerberos("cas.lab.test", Credentials.kerberosPassword(TestKdc.ALICE, "not-the-password"));
        assertThat(k.verdict()).as(k.toString()).isEqualTo(Verdict.FAIL);
        assertThat(k.evidence()).contains("Kerberos login of " + TestKdc.ALICE + " failed");
        assertThat(k.toString()).doesNotContain("not-the-password");
    }

    @Test
    void ntlmOnlyCredentialsSkipTheCheckWithTheReason() {
        Check k = kerberos("cas.lab.test", Credentials.of("LAB\\admin", "x"));
        assertThat(k.verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(k.evidence()).contains("NTLM only");
    }
}
