package io.github.cm4j.cli;

import static io.github.cm4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cli.CliTest.Result;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.simulator.SyncFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code cm4j sync --wait} on a registered simulator whose state the test prepares: not started, failed, hierarchy. */
class SyncWaitCommandTest {
    private static final String NAME = "sync-wait-cli";

    @AfterEach
    void unregister() {
        SimulatedProvider.unregister(NAME);
    }

    private static SimulatedProvider sim() {
        return SimulatedProvider.builder().clock(SimulatedClock.running(SimulatedClock.DEFAULT_START, 600)).build().register(NAME);
    }

    @Test
    void aRequestNeverPickedUpExitsOneWithTheReasonAfterTheGracePeriodNotTheTimeout() {
        sim().sync().componentRunning(false);
        long t0 = System.nanoTime();
        Result r = run("sync", "--uri", "memory:" + NAME, "--wait", "--grace", "2s", "--timeout", "10m", "--progress");
        assertThat(r.code()).isEqualTo(1);
        assertThat(System.nanoTime() - t0).as("ends at the grace period").isLessThan(60_000_000_000L);
        assertThat(r.out()).contains("CAS: not started after ").contains("not picked up");
        assertThat(r.err()).contains("cm4j: no 6701 (started)");
    }

    @Test
    void aFailureExitsOneAndPrintsTheDiagnosis() {
        sim().sync().failNext("CAS", SyncFailure.PROXY_AUTHENTICATION);
        Result r = run("sync", "--uri", "memory:" + NAME, "--wait", "--json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("\"outcome\":\"FAILED\"").contains("\"cause\":\"PROXY_AUTHENTICATION\"")
                .contains("\"check\":\"the proxy requires authentication");
        sim().sync().failNext("CAS", SyncFailure.TLS);
        Result human = run("sync", "--uri", "memory:" + NAME, "--wait");
        assertThat(human.out()).contains("diagnosis: TLS (6703 with error 0x80072F8F)")
                .containsPattern("CAS: failed after [0-9a-z ]+: error 0x80072F8F \\(see diagnosis\\)")
                .doesNotContain("SyncResult[");
    }

    @Test
    void hierarchyPrintsOneResultPerSiteIncludingAChildsRetry() {
        sim().sync().failNext("PS2", SyncFailure.UPSTREAM_UNREACHABLE);
        Result r = run("sync", "--uri", "memory:" + NAME, "--wait", "--hierarchy", "--json", "--timeout", "5m");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out()).contains("\"site\":\"PS2\"").contains("1 failed attempt, then succeeded");
    }
}
