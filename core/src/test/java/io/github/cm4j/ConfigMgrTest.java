package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigMgrTest {

    @Test
    void picksTheTransportByScheme() {
        try (ConfigMgr cm = ConfigMgr.builder().uri("fake:PS1").batchSize(7).connect()) {
            assertThat(cm.namespace()).isEqualTo("root\\sms\\site_PS1");
            List<WmiObject> rows = cm.query("SELECT * FROM SMS_Site").toList();
            assertThat(rows.get(0).get("Wql")).contains(CimValue.string("SELECT * FROM SMS_Site"));
            assertThat(rows.get(0).get("BatchSize")).contains(CimValue.sint32(7));
        }
    }

    @Test
    void schemesAreCaseInsensitive() {
        try (ConfigMgr cm = ConfigMgr.connect("FAKE:PS2")) {
            assertThat(cm.namespace()).endsWith("PS2");
        }
    }

    @Test
    void aMissingTransportNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> ConfigMgr.connect("memory:demo"))
                .isInstanceOf(TransportNotFoundException.class)
                .hasMessageContaining("io.github.cm4j:cm4j-simulator")
                .hasMessageContaining("fake");
        assertThatThrownBy(() -> ConfigMgr.connect("dcom://host/PS1"))
                .isInstanceOf(TransportNotFoundException.class).hasMessageContaining("cm4j-wmi-transport");
        assertThatThrownBy(() -> ConfigMgr.connect("gopher://x")).isInstanceOf(TransportNotFoundException.class);
    }

    @Test
    void twoTransportsForOneSchemeFailFast() {
        assertThatThrownBy(() -> ConfigMgr.connect("twin:x"))
                .isInstanceOf(ConfigMgrException.class)
                .hasMessageContaining("several cm4j transports claim the scheme 'twin:'")
                .hasMessageContaining("FakeTwinProvider2");
    }

    @Test
    void badUrisAndOptionsAreRejectedClearly() {
        assertThatThrownBy(() -> ConfigMgr.connect("no scheme here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid connection URI");
        assertThatThrownBy(() -> ConfigMgr.connect("PS1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no scheme");
        assertThatThrownBy(() -> ConfigMgr.builder().uri("fake:x").callTimeout(Duration.ZERO).connect())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> ConfigMgr.builder().connect()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringShowsTheAccountButNeverThePassword() {
        try (ConfigMgr cm = ConfigMgr.connect("fake:PS1", Credentials.of("LAB\\admin", "hunter2"))) {
            assertThat(cm.toString()).isEqualTo("ConfigMgr[fake:PS1, root\\sms\\site_PS1, LAB\\admin]");
            assertThat(io.github.cm4j.internal.FakeTransportProvider.class).isNotNull();
        }
    }

    @Test
    void wmiErrorsFromTheTransportCarryTheStatus() {
        try (ConfigMgr cm = ConfigMgr.connect("fake:PS1")) {
            assertThatThrownBy(() -> cm.get("SMS_SoftwareUpdate.CI_ID=1"))
                    .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.is(WbemStatus.WBEM_E_NOT_FOUND)).isTrue())
                    .hasMessageContaining("WBEM_E_NOT_FOUND");
        }
    }
}
