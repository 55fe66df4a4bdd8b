package io.github.cm4j.cli;

import static io.github.cm4j.cli.QueryCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.cli.QueryCommandTest.Result;
import org.junit.jupiter.api.Test;

/** Issue 20: durations for people in text, seconds as numbers in JSON. */
class HumanDurationsCliTest {

    @Test
    void anIntervalPrintsForPeopleAndAsSecondsInJson() {
        Result text = run("datetime", "00000001020304.000000:000");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("duration +1 d 2 h \\(PT26H3M4S\\)");
        Result json = run("datetime", "00000001020304.000000:000", "--json");
        assertThat(json.out()).contains("\"duration\":93784").doesNotContain("PT26H");
    }
}
