package io.github.cm4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.testkit.Operation;
import io.github.cm4j.testkit.RecordedCall;
import io.github.cm4j.testkit.RecordingTransport;
import org.junit.jupiter.api.Test;

/** The round-trip counting of docs/testing.md, on the simulator through ConfigMgr. */
class RecordedRoundTripsTest {

    @Test
    void aRecordingProviderCountsTheCallsConfigMgrMakes() {
        SimulatedProvider sim = SimulatedProvider.demo();
        RecordingTransport.Provider recording = RecordingTransport.provider(sim.transportProvider());
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:demo").provider(recording).connect()) {
            recording.log().reset();
            cm.get("SMS_SoftwareUpdate.CI_ID=16777300");
            assertThat(cm.query("SELECT * FROM SMS_Site").toList()).hasSize(3);
            assertThat(recording.log().count(Operation.GET)).isEqualTo(1);
            assertThat(recording.log().count(Operation.QUERY)).isEqualTo(1);
            assertThat(recording.log().calls()).allSatisfy(c -> {
                assertThat(c.namespace()).isEqualTo("root\\sms\\site_CAS");
                assertThat(c.outcome()).isEqualTo(RecordedCall.Outcome.SUCCEEDED);
            });
            assertThat(recording.log().calls(Operation.QUERY).get(0).objects()).hasValue(3);
            assertThat(recording.log().toString()).startsWith("2 calls: QUERY 1, GET 1")
                    .contains(" GET root\\sms\\site_CAS SMS_SoftwareUpdate.CI_ID=16777300 ");
        }
    }
}
