package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void toStringNeverShowsTheSecret() {
        Credentials c = Credentials.of("LAB\\admin", "Sup3r$ecret");
        assertThat(c.toString()).isEqualTo("Credentials[LAB\\admin, password=***]").doesNotContain("Sup3r");
        Credentials h = Credentials.ofNtHash("admin@lab.local", "8846F7EAEE8FB117AD06BDD830B7586C");
        assertThat(h.toString()).isEqualTo("Credentials[lab.local\\admin, ntHash=***]").doesNotContain("8846");
    }

    @Test
    void accountFormsAreSplitIntoDomainAndUser() {
        assertThat(Credentials.of("LAB\\admin", "x").domain()).isEqualTo("LAB");
        assertThat(Credentials.of("admin@lab.local", "x").user()).isEqualTo("admin");
        assertThat(Credentials.of("admin", "x").domain()).isEmpty();
        assertThatThrownBy(() -> Credentials.of("LAB\\", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsAreCopiedInAndOut() {
        char[] pw = "secret".toCharArray();
        Credentials c = Credentials.of("u", pw);
        pw[0] = 'X';
        assertThat(c.password().orElseThrow()).containsExactly("secret".toCharArray());
        c.password().orElseThrow()[0] = 'Y';
        assertThat(c.password().orElseThrow()[0]).isEqualTo('s');
    }

    @Test
    void malformedNtHashesAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> Credentials.ofNtHash("u", "zz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("zz");
    }

    @Test
    void kerberosKindsSayWhichMechanismsTheyServe() {
        assertThat(Credentials.of("LAB\\a", "x").mechanisms()).containsExactly(Credentials.Mechanism.NTLM);
        assertThat(Credentials.kerberos().mechanisms()).containsExactly(Credentials.Mechanism.KERBEROS);
        assertThat(Credentials.kerberosKeytab("svc@LAB.TEST", java.nio.file.Path.of("k.keytab")).mechanisms())
                .containsExactly(Credentials.Mechanism.KERBEROS);
        Credentials both = Credentials.kerberosPassword("alice@LAB.TEST", "pw");
        assertThat(both.mechanisms()).containsExactlyInAnyOrder(Credentials.Mechanism.NTLM, Credentials.Mechanism.KERBEROS);
        assertThat(both.domain()).isEqualTo("LAB.TEST");
        assertThat(both.user()).isEqualTo("alice");
        assertThat(Credentials.none().mechanisms()).isEmpty();
        assertThat(Credentials.kerberos().isNone()).isFalse();
    }

    @Test
    void kerberosToStringNamesThePrincipalNeverThePassword() {
        assertThat(Credentials.kerberosPassword("alice@LAB.TEST", "Sup3r$ecret").toString())
                .isEqualTo("Credentials[kerberos+ntlm, principal=alice@LAB.TEST, password=***]");
        assertThat(Credentials.kerberosKeytab("svc@LAB.TEST", java.nio.file.Path.of("/k/svc.keytab")).toString())
                .isEqualTo("Credentials[kerberos, principal=svc@LAB.TEST, keytab=/k/svc.keytab]");
        assertThat(Credentials.kerberos().toString()).isEqualTo("Credentials[kerberos, ticket cache]");
    }

    @Test
    void destroyZeroesTheSecretAndForbidsReadingIt() {
        char[] pw = "secret".toCharArray();
        Credentials c = Credentials.kerberosPassword("alice@LAB.TEST", pw);
        Credentials same = Credentials.kerberosPassword("alice@LAB.TEST", pw);
        assertThat(c).isEqualTo(same).isNotEqualTo(Credentials.kerberosPassword("alice@LAB.TEST", "other"))
                .isNotEqualTo(Credentials.of("alice@LAB.TEST", pw));
        c.destroy();
        assertThat(c.isDestroyed()).isTrue();
        assertThatThrownBy(c::password).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("secret");
        assertThat(c.toString()).contains("destroyed");
        Credentials h = Credentials.ofNtHash("u", "8846F7EAEE8FB117AD06BDD830B7586C");
        h.destroy();
        assertThatThrownBy(h::ntHash).isInstanceOf(IllegalStateException.class);
        assertThat(pw).containsExactly("secret".toCharArray());
    }
}
