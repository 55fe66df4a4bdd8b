package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.invoke;
import static io.github.cm4j.simulator.Sims.ns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schedule.ScheduleToken;
import io.github.cm4j.schedule.ScheduleTokens;
import io.github.cm4j.spi.WmiTransport;
import io.github.cm4j.testing.ReferenceData;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code SMS_ScheduleMethods.ReadFromString / WriteToString} answer as the codec of core does. */
class ScheduleMethodsTest {
    private static final String CAS = ns("CAS");

    @Test
    void readFromStringGivesTheSmsStInstancesOfEveryReferenceTokenAndWriteToStringGivesTheDigitsBack() throws Exception {
        List<String> lines = Files.readAllLines(ReferenceData.require("schedule/tokens-public.tsv"));
        SimulatedProvider sim = SimulatedProvider.demo();
        int checked = 0;
        try (WmiTransport t = sim.openTransport()) {
            for (String line : lines.subList(1, lines.size())) {
                String digits = line.split("\t")[0].trim();
                List<ScheduleToken> expected = ScheduleTokens.parseAll(digits);
                if (expected.stream().anyMatch(x -> x.typeCode() == 6)) {
                    assertThatThrownBy(() -> invoke(t, CAS, "SMS_ScheduleMethods", "ReadFromString", Map.of("StringData", digits)))
                            .isInstanceOfSatisfying(WmiException.class, e -> assertThat(e.is(WbemStatus.WBEM_E_INVALID_PARAMETER)).isTrue())
                            .hasMessageContaining("type 6");
                    continue;
                }
                WmiObject out = invoke(t, CAS, "SMS_ScheduleMethods", "ReadFromString", Map.of("StringData", digits));
                assertThat(out.getLong("ReturnValue")).isZero();
                List<WmiObject> tokens = out.get("TokenData").orElseThrow().asObjectList();
                assertThat(tokens).hasSameSizeAs(expected);
                for (int i = 0; i < tokens.size(); i++) {
                    ScheduleToken e = expected.get(i);
                    WmiObject o = tokens.get(i);
                    assertThat(o.className()).isEqualTo(e.className());
                    assertThat(o.getLong("HourDuration")).isEqualTo(e.timing().hourDuration());
                    e.fields().forEach((k, v) -> assertThat(o.getLong(k)).as("%s %s", digits, k).isEqualTo(((Integer) v).longValue()));
                }
                WmiObject back = invoke(t, CAS, "SMS_ScheduleMethods", "WriteToString",
                        Map.of("TokenData", CimValue.objectArray(tokens)));
                String written = back.getString("StringData");
                // Bits the layout leaves unused are not properties of SMS_ST_*, so WriteToString cannot keep them.
                long reserved = expected.stream().mapToLong(x -> x.timing().reservedBits()).sum();
                if (reserved == 0) {
                    assertThat(written).as("round trip of %s", digits).isEqualTo(digits);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void readFromStringRefusesAMalformedStringWithTheCodecsMessage() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            assertThatThrownBy(() -> invoke(t, CAS, "SMS_ScheduleMethods", "ReadFromString", Map.of("StringData", "every day")))
                    .isInstanceOf(WmiException.class).hasMessageContaining("is not a hex digit");
        }
    }
}
