package io.github.cm4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.QueryOptions;
import io.github.cm4j.sync.SyncOutcome;
import io.github.cm4j.sync.SyncResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void secondsAreTruncatedAndPrintedWithAUnit() {
        assertThat(Durations.human(Duration.parse("PT7.214537518S"))).isEqualTo("7 s");
        assertThat(Durations.human(Duration.ofSeconds(59, 999_000_000))).isEqualTo("59 s");
    }

    @Test
    void theTwoLargestUnitsAreShown() {
        assertThat(Durations.human(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Durations.human(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(Durations.human(Duration.ofSeconds(3600 + 180 + 9))).isEqualTo("1 h 3 min");
        assertThat(Durations.human(Duration.ofHours(52).plusMinutes(5))).isEqualTo("2 d 4 h");
        assertThat(Durations.human(Duration.ofDays(3))).isEqualTo("3 d");
    }

    @Test
    void belowASecondMillisecondsAreShown() {
        assertThat(Durations.human(Duration.ofMillis(350))).isEqualTo("350 ms");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Durations.human(Duration.ofNanos(5))).isEqualTo("< 1 ms");
    }

    @Test
    void negativeAndHugeDurationsDoNotThrow() {
        assertThat(Durations.human(Duration.ofSeconds(-7))).isEqualTo("-7 s");
        assertThat(Durations.human(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo("106751991167300 d 15 h");
    }

    @Test
    void toStringsThatPrintADurationNeverUseIso8601() {
        SyncResult r = new SyncResult("CAS", SyncOutcome.SUCCEEDED, List.of(), Optional.empty(), 0,
                Duration.parse("PT7.214537518S"), List.of());
        assertThat(r.toString()).contains("after 7 s").doesNotContain("PT");
        assertThat(new QueryOptions(100, Duration.ofSeconds(60)).toString()).contains("timeout=1 min").doesNotContain("PT");
        assertThat(CallOptions.timeout(Duration.ofSeconds(30)).toString()).isEqualTo("CallOptions[timeout=30 s]");
        assertThat(new CallTimeoutException("ExecQuery", Duration.ofSeconds(30), "host", null).getMessage())
                .contains("timed out after 30 s");
    }
}
