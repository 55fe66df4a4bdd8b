package io.github.cm4j.adminservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The adminservice:// URI: canonical and https forms, options, and what is refused. */
class AdminServiceSettingsTest {

    @Test
    void theCanonicalFormGivesHostPortSiteAndDefaults() {
        AdminServiceSettings s = AdminServiceSettings.parse(URI.create("adminservice://cas.lab.test/cas"));
        assertThat(s.host()).isEqualTo("cas.lab.test");
        assertThat(s.port()).isEqualTo(443);
        assertThat(s.site()).hasValue("CAS");
        assertThat(s.negotiate()).isTrue();
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.serviceRoot()).hasToString("https://cas.lab.test:443/AdminService/");
    }

    @Test
    void theHttpsFormAndOptionsAreRead() {
        AdminServiceSettings s = AdminServiceSettings.parse(URI.create(
                "https://cas.lab.test:8443/AdminService/PS1?tls-ca=/etc/ca.pem&client-filter=on&retries=0"));
        assertThat(s.port()).isEqualTo(8443);
        assertThat(s.site()).hasValue("PS1");
        assertThat(s.caFile()).hasValue(Path.of("/etc/ca.pem"));
        assertThat(s.clientFilter()).isTrue();
        assertThat(s.retries()).isZero();
        assertThat(AdminServiceSettings.parse(URI.create("adminservice://h")).site()).isEmpty();
        assertThat(AdminServiceSettings.parse(URI.create("adminservice://h")).ntlm()).as("NTLM is off unless asked").isFalse();
        assertThat(AdminServiceSettings.parse(URI.create("adminservice://h/CAS?ntlm=on")).ntlm()).isTrue();
        assertThat(AdminServiceSettings.parse(URI.create("adminservice://h/CAS?ntlm=on")).toString()).contains("ntlm=on");
    }

    @Test
    void badUrisAndOptionsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://h/CAS?tls-ca=a&tls-pin=sha256:00")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://h/CAS?auth=basic")))
                .hasMessageContaining("Basic is never used");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://h/CAS?ntlm=maybe")))
                .hasMessageContaining("ntlm=maybe must be on or off");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://h/CAS?ntlm=on&auth=none")))
                .hasMessageContaining("does not go with auth=none");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://h/CAS?trust-all=true")))
                .hasMessageContaining("unknown option").hasMessageContaining("trust-all");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://h/root/sms")))
                .hasMessageContaining("not a site code");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("https://h/wmi/SMS_Site")))
                .hasMessageContaining("https://host[:port]/AdminService");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://user:pw@h/CAS")))
                .hasMessageContaining("no credentials in the URI").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> AdminServiceSettings.parse(URI.create("adminservice://h/CAS?retries=9")))
                .hasMessageContaining("0..5");
    }

    @Test
    void aPinMustBeSha256HexColonsAllowed() {
        String hex = "ab".repeat(32);
        String colons = String.join(":", java.util.Collections.nCopies(32, "AB"));
        assertThat(AdminServiceSettings.parse(URI.create("adminservice://h/CAS?tls-pin=sha256:" + colons)).pin())
                .hasValue("sha256:" + colons);
        assertThat(io.github.cm4j.internal.tls.Tls.of(null, "sha256:" + colons)).isNotNull();
        assertThat(io.github.cm4j.internal.tls.Tls.of(null, "sha256:" + hex).description()).contains(hex);
        assertThatThrownBy(() -> io.github.cm4j.internal.tls.Tls.of(null, "md5:" + hex))
                .hasMessageContaining("sha256:");
        assertThatThrownBy(() -> io.github.cm4j.internal.tls.Tls.of(null, "sha256:abc"))
                .hasMessageContaining("64 hex digits");
    }
}
