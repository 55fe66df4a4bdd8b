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
}
