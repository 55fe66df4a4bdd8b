package io.github.cm4j.wmi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.Credentials;
import io.github.cm4j.spi.TransportConfig;
import io.github.cm4j.wmi.rpc.AuthLevel;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DcomSettingsTest {
    private static final Credentials ALICE = Credentials.of("LAB\\alice", "S3cret!pw");

    private static DcomSettings parse(String uri) {
        return DcomSettings.parse(new TransportConfig(URI.create(uri), ALICE, Duration.ofSeconds(7), Duration.ofSeconds(11), 250));
    }

    @Test
    void aSiteCodeNamesTheSiteNamespaceOnTheResolverPort() {
        DcomSettings s = parse("dcom://sccm01.lab.local/ps1");
        assertThat(s.host()).isEqualTo("sccm01.lab.local");
        assertThat(s.port()).isEqualTo(135);
        assertThat(s.namespace()).isEqualTo("root\\sms\\site_PS1");
    }

    @Test
    void aPathIsTheNamespaceAsItStands() {
        DcomSettings s = parse("dcom://10.0.0.5:1135/root/sms/site_CAS");
        assertThat(s.port()).isEqualTo(1135);
        assertThat(s.namespace()).isEqualTo("root\\sms\\site_CAS");
        assertThat(parse("dcom://h/root/cimv2").namespace()).isEqualTo("root\\cimv2");
    }

    @Test
    void defaultsArePrivacyThePlainEnumeratorAndTheConfigsDeadlinesAndBatch() {
        DcomSettings s = parse("dcom://h/PS1");
        assertThat(s.authLevel()).isEqualTo(AuthLevel.PKT_PRIVACY);
        assertThat(s.smartEnum()).isFalse();
        assertThat(s.batchSize()).isEqualTo(250);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(11));
    }

    @Test
    void optionsSetIntegrityBatchAndSmartEnumeration() {
        DcomSettings s = parse("dcom://h/PS1?auth=integrity&batch=37&smartenum=true");
        assertThat(s.authLevel()).isEqualTo(AuthLevel.PKT_INTEGRITY);
        assertThat(s.batchSize()).isEqualTo(37);
        assertThat(s.smartEnum()).isTrue();
        assertThat(parse("dcom://h/PS1?auth=PRIVACY&smartenum=false").smartEnum()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "connect", "call", "pkt"})
    void levelsBelowIntegrityAreRefusedNamingTheHardening(String level) {
        assertThatThrownBy(() -> parse("dcom://h/PS1?auth=" + level))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth=" + level).hasMessageContaining("KB5004442").hasMessageContaining("integrity");
    }

    @Test
    void badUrisSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("dcom://h/")).hasMessageContaining("names no site");
        assertThatThrownBy(() -> parse("dcom:/PS1")).hasMessageContaining("names a host");
        assertThatThrownBy(() -> parse("memory:demo")).hasMessageContaining("not a dcom:// URI");
        assertThatThrownBy(() -> parse("dcom://h/PS1?timeout=5")).hasMessageContaining("unknown option 'timeout'");
        assertThatThrownBy(() -> parse("dcom://h/PS1?batch=0")).hasMessageContaining("batch=0");
        assertThatThrownBy(() -> parse("dcom://h/PS1?batch=abc")).hasMessageContaining("batch=abc");
        assertThatThrownBy(() -> parse("dcom://h/PS1?smartenum=yes")).hasMessageContaining("smartenum=yes");
        assertThatThrownBy(() -> parse("dcom://h/PS1?auth=integrity&auth=privacy")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> parse("dcom://h/root/sms/site-PS1")).hasMessageContaining("'site-PS1'");
    }

    @Test
    void credentialsAreRequiredAndNeverInTheUriOrInMessages() {
        assertThatThrownBy(() -> DcomSettings.parse(TransportConfig.of(URI.create("dcom://h/PS1"), Credentials.none())))
                .hasMessageContaining("needs credentials");
        assertThatThrownBy(() -> parse("dcom://alice:S3cret!pw@h/PS1"))
                .hasMessageContaining("credentials do not belong in the URI")
                .hasMessageNotContaining("S3cret");
        assertThat(parse("dcom://h/PS1").toString()).contains("LAB\\alice").doesNotContain("S3cret");
    }

    private static DcomSettings parse(String uri, Credentials c) {
        return DcomSettings.parse(new TransportConfig(URI.create(uri), c, Duration.ofSeconds(7), Duration.ofSeconds(11), 250));
    }

    @Test
    void negotiateUsesKerberosWhenTheCredentialsCanWithTheHostSpn() {
        DcomSettings k = parse("dcom://CAS.lab.test/PS1", Credentials.kerberos());
        assertThat(k.auth().usesKerberos()).isTrue();
        assertThat(k.auth().spn()).isEqualTo("host/cas.lab.test");
        assertThat(parse("dcom://cas.lab.test/PS1").auth().usesKerberos()).as("NTLM-only credentials").isFalse();
        assertThat(parse("dcom://cas.lab.test/PS1?authn=ntlm", Credentials.kerberosPassword("a@LAB.TEST", "pw")).auth()
                .usesKerberos()).isFalse();
        assertThat(parse("dcom://cas.lab.test/PS1?spn=HOST/cas.lab.test@LAB.TEST", Credentials.kerberos()).auth().spn())
                .isEqualTo("HOST/cas.lab.test@LAB.TEST");
        assertThat(parse("dcom://cas.lab.test/PS1", Credentials.kerberos()).toString()).contains("negotiate", "spn=host/cas.lab.test");
    }

    @Test
    void anIpLiteralWithKerberosAsksForTheDnsName() {
        for (String host : new String[] {"10.0.0.5", "[::1]"}) {
            assertThatThrownBy(() -> parse("dcom://" + host + "/PS1", Credentials.kerberos()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DNS name")
                    .hasMessageContaining(host);
        }
        assertThat(parse("dcom://10.0.0.5/PS1?spn=host/cas.lab.test", Credentials.kerberos()).auth().spn())
                .isEqualTo("host/cas.lab.test");
        assertThat(parse("dcom://10.0.0.5/PS1").auth().usesKerberos()).isFalse();
    }

    @Test
    void contradictoryOrUnknownMechanismOptionsAreRefused() {
        assertThatThrownBy(() -> parse("dcom://h/PS1?authn=basic")).hasMessageContaining("authn=basic");
        assertThatThrownBy(() -> parse("dcom://h/PS1?authn=ntlm&ntlm=off")).hasMessageContaining("contradict");
        assertThatThrownBy(() -> parse("dcom://h/PS1?authn=kerberos")).hasMessageContaining("needs Kerberos credentials");
        assertThatThrownBy(() -> parse("dcom://h/PS1?ntlm=maybe")).hasMessageContaining("ntlm=maybe");
    }
}
