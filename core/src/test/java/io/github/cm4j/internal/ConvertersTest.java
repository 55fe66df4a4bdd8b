package io.github.cm4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.cim.CimDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvertersTest {

    @Test
    void theFastInstantConversionAgreesWithCimDateTimeToInstant() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int year = random.nextInt(10_000);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
            int offset = random.nextInt(1_999) - 999;
            String text = String.format("%04d%02d%02d%02d%02d%02d.%06d%c%03d", year, month, day, random.nextInt(24),
                    random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000), offset < 0 ? '-' : '+', Math.abs(offset));
            CimDateTime dt = CimDateTime.parse(text);
            assertThat(Converters.toInstant(dt)).as(text).isEqualTo(dt.toInstant());
        }
    }

    @Test
    void wildcardsAndTheZeroDateFallBackToTheMessagesOfCimDateTime() {
        CimDateTime wildcard = CimDateTime.parse("2024****180000.000000+000");
        assertThatThrownBy(() -> Converters.toInstant(wildcard)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> Converters.toInstant(CimDateTime.parse("00000000000000.000000+000")))
                .hasMessageContaining("all-zero date");
        assertThat(Converters.INSTANT.read(CimDateTime.parse("00000000000000.000000+000"), io.github.cm4j.cim.CimType.DATETIME))
                .as("the zero date reads as no value").isNull();
    }
}
