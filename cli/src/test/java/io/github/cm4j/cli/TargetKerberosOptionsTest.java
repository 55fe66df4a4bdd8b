package io.github.cm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.Credentials;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How --authn, --keytab/--principal and the ticket-cache default map to credentials and the URI (CLI.md). */
class TargetKerberosOptionsTest {

    private static Target target(String uri) {
        Target t = new Target();
        t.uri = uri;
        return t;
    }

    @Test
    void aDcomTargetWithoutUserOrKeytabUsesTheTicketCache() {
        assertThat(target("dcom://cas.lab.test/CAS").credentials()).contains(Credentials.kerberos());
        assertThat(target("memory:demo").credentials()).isEmpty();
    }

    @Test
    void keytabAndPrincipalGoTogetherAndMakeKeytabCredentials() {
        Target t = target("dcom://cas.lab.test/CAS");
        t.keytab = Path.of("/etc/cm4j.keytab");
        assertThatThrownBy(t::credentials).hasMessageContaining("--keytab and --principal go together");
        t.principal = "svc@LAB.TEST";
        assertThat(t.credentials()).contains(Credentials.kerberosKeytab("svc@LAB.TEST", Path.of("/etc/cm4j.keytab")));
        t.authn = "ntlm";
        assertThatThrownBy(t::credentials).hasMessageContaining("--authn ntlm cannot use a keytab");
    }

    @Test
    void authnTravelsInTheDcomUriOnlyAndOnce() {
        Target t = target("dcom://cas.lab.test/CAS");
        t.authn = "Kerberos";
        assertThat(t.withAuthn("dcom://cas.lab.test/CAS")).isEqualTo("dcom://cas.lab.test/CAS?authn=kerberos");
        assertThat(t.withAuthn("dcom://cas.lab.test/CAS?auth=integrity")).endsWith("?auth=integrity&authn=kerberos");
        Target memory = target("memory:demo");
        memory.authn = "kerberos";
        assertThatThrownBy(memory::builder).hasMessageContaining("--authn applies to dcom://");
        Target twice = target("dcom://cas.lab.test/CAS?authn=ntlm");
        twice.authn = "kerberos";
        assertThatThrownBy(twice::builder).hasMessageContaining("give the mechanism once");
        Target bad = target("dcom://cas.lab.test/CAS");
        bad.authn = "basic";
        assertThatThrownBy(bad::builder).hasMessageContaining("negotiate, kerberos or ntlm");
        Target ntlmNoUser = target("dcom://cas.lab.test/CAS");
        ntlmNoUser.authn = "ntlm";
        assertThatThrownBy(ntlmNoUser::credentials).hasMessageContaining("--authn ntlm needs --user");
    }
}
