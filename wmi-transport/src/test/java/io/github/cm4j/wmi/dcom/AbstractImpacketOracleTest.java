package io.github.cm4j.wmi.dcom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two directions every impacket oracle test checks, over the scenarios a subclass registers: what impacket
 * sends or answers, cm4j reads as impacket does; what cm4j encodes, impacket reads as cm4j holds it. The harness runs
 * once per class; the class is skipped, saying why, without /usr/bin/python3 and impacket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractImpacketOracleTest {
    private OracleScenarios scenarios;

    /** @return the scenarios, registered */
    protected abstract OracleScenarios scenarios();

    /** @return the fewest values each direction must compare (guards against a harness that reads nothing) */
    protected abstract int minimumCompared();

    @BeforeAll
    void runImpacket(@TempDir Path dir) throws Exception {
        ImpacketOracle.assumeAvailable();
        scenarios = scenarios();
        scenarios.run(dir);
    }

    /** @return the scenarios after the harness ran */
    protected OracleScenarios ran() {
        return scenarios;
    }

    @Test
    void cm4jReadsWhatImpacketSendsAndWhatAServerBuiltWithImpacketAnswers() {
        assertThat(scenarios.assertInbound()).isGreaterThan(minimumCompared());
    }

    @Test
    void impacketReadsWhatCm4jEncodes() {
        assertThat(scenarios.assertOutbound()).isGreaterThan(minimumCompared());
    }
}
