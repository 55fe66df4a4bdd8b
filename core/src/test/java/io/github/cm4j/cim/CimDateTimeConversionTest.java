package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CimDateTimeConversionTest {

    @Test
    void convertsRealTimestampsToTheHandCheckedInstants() {
        // 21:05 at UTC-3 is 00:05 UTC the next day.
        assertThat(CimDateTime.parse("20140410210500.000000-180").toInstant())
                .isEqualTo(Instant.parse("2014-04-11T00:05:00Z"));
        // UTC-2:30 (Newfoundland daylight time): 21:05:01 + 2:30 = 23:35:01 UTC.
        assertThat(CimDateTime.parse("20140410210501.000000-150").toInstant())
                .isEqualTo(Instant.parse("2014-04-10T23:35:01Z"));
        // CMPivot status message time, already UTC, with milliseconds.
        assertThat(CimDateTime.parse("20180703184447.673000+000").toInstant())
                .isEqualTo(Instant.parse("2018-07-03T18:44:47.673Z"));
        // aiowmi test value: 09:49:49.5 at UTC+1 is 08:49:49.5 UTC.
        assertThat(CimDateTime.parse("20220207094949.500000+060").toInstant())
                .isEqualTo(Instant.parse("2022-02-07T08:49:49.500Z"));
        // JWbem sample: 16:45:52 at UTC-5 is 21:45:52 UTC.
        assertThat(CimDateTime.parse("20090603164552.000000-300").toInstant())
                .isEqualTo(Instant.parse("2009-06-03T21:45:52Z"));
        // Year 1 at UTC+1 is still year 0 (1 BC) in UTC.
        assertThat(CimDateTime.parse("00010101000000.000000+060").toInstant())
                .isEqualTo(Instant.parse("0000-12-31T23:00:00Z"));
    }

    @Test
    void keepsTheWrittenOffsetInTheOffsetDateTime() {
        OffsetDateTime t = CimDateTime.parse("20140417210505.000000+480").toOffsetDateTime();

        assertThat(t).isEqualTo(OffsetDateTime.of(2014, 4, 17, 21, 5, 5, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void convertsACompleteIntervalToADuration() {
        assertThat(CimDateTime.parse("00000001120032.000000:000").toDuration())
                .isEqualTo(Duration.ofDays(1).plusHours(12).plusSeconds(32));
        assertThat(CimDateTime.parse("99999999235959.999999:000").toDuration())
                .isEqualTo(Duration.ofDays(100_000_000).minusNanos(1_000));
    }

    @Test
    void formatsAnOffsetDateTimeWithMicrosecondsAndMinuteOffset() {
        OffsetDateTime nepal = OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789,
                ZoneOffset.ofHoursMinutes(5, 45));

        CimDateTime t = CimDateTime.of(nepal);

        // Nanoseconds below the microsecond are truncated, not rounded.
        assertThat(t.toString()).isEqualTo("20240229235959.123456+345");
        assertThat(t.toOffsetDateTime()).isEqualTo(nepal.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void writesZeroAndNegativeOffsetsWithTheirSign() {
        assertThat(CimDateTime.of(OffsetDateTime.of(2014, 4, 13, 17, 5, 0, 0, ZoneOffset.UTC)).toString())
                .isEqualTo("20140413170500.000000+000");
        assertThat(CimDateTime.of(OffsetDateTime.of(2014, 4, 10, 21, 5, 1, 0, ZoneOffset.ofHoursMinutes(-2, -30)))
                .toString()).isEqualTo("20140410210501.000000-150");
    }

    @Test
    void formatsAnInstantInUtc() {
        assertThat(CimDateTime.of(Instant.EPOCH).toString()).isEqualTo("19700101000000.000000+000");
        assertThat(CimDateTime.of(Instant.parse("9999-12-31T23:59:59.999999999Z")).toString())
                .isEqualTo("99991231235959.999999+000");
        assertThat(CimDateTime.of(Instant.parse("0000-01-01T00:00:00Z")).toString())
                .isEqualTo("00000101000000.000000+000");
    }

    @Test
    void formatsADurationAsAnInterval() {
        assertThat(CimDateTime.ofInterval(Duration.ZERO).toString()).isEqualTo("00000000000000.000000:000");
        assertThat(CimDateTime.ofInterval(Duration.ofDays(1).plusHours(12).plusSeconds(32).plusNanos(1_999))
                .toString()).isEqualTo("00000001120032.000001:000");
        assertThat(CimDateTime.ofInterval(Duration.ofDays(100_000_000).minusNanos(1)).toString())
                .isEqualTo("99999999235959.999999:000");
    }

    @Test
    void rejectsValuesTheFormatCannotHold() {
        assertThatThrownBy(() -> CimDateTime.of(OffsetDateTime.of(2014, 1, 1, 0, 0, 0, 0,
                ZoneOffset.ofTotalSeconds(30))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of minutes");
        assertThatThrownBy(() -> CimDateTime.of(OffsetDateTime.of(2014, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(17))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 999 minutes");
        assertThatThrownBy(() -> CimDateTime.of(OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year 10000");
        assertThatThrownBy(() -> CimDateTime.of(OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year -1");
        assertThatThrownBy(() -> CimDateTime.of(Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0000..9999");
        assertThatThrownBy(() -> CimDateTime.of(Instant.parse("-0001-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CimDateTime.ofInterval(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> CimDateTime.ofInterval(Duration.ofDays(100_000_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 99999999 days");
    }

    @Test
    void namesTheWildcardFieldThatPreventsConversion() {
        assertThatThrownBy(() -> CimDateTime.parse("19700201000000.000000+***").toInstant())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CIM datetime 19700201000000.000000+*** cannot be converted to an OffsetDateTime:"
                        + " UTC offset is a wildcard ('*')");
        assertThatThrownBy(() -> CimDateTime.parse("2014**10210500.000000+000").toOffsetDateTime())
                .hasMessageContaining("month is a wildcard");
        assertThatThrownBy(() -> CimDateTime.parse("20140410210500.123***+000").toInstant())
                .hasMessageContaining("microseconds (3 of 6 digits) is a wildcard");
        assertThatThrownBy(() -> CimDateTime.parse("********000000.000000:000").toDuration())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("days is a wildcard");
    }

    @Test
    void refusesToConvertAcrossKinds() {
        assertThatThrownBy(() -> CimDateTime.parse("00000001120032.000000:000").toInstant())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is an interval");
        assertThatThrownBy(() -> CimDateTime.parse("20140410210500.000000-180").toDuration())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is a timestamp");
    }

    @Test
    void refusesToConvertTheAllZeroDate() {
        assertThatThrownBy(() -> CimDateTime.parse("00000000000000.000000+000").toOffsetDateTime())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("all-zero date");
    }

    @Test
    void roundTripsRandomDateTimesThroughTheTextForm() {
        Random random = new Random(20_140_410L);
        for (int n = 0; n < 20_000; n++) {
            long second = Math.floorMod(random.nextLong(), 315_569_520_000L) - 62_167_219_200L; // 0000..9999
            int offsetMinutes = random.nextInt(2 * 999 + 1) - 999;
            OffsetDateTime value = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000))
                    .atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            if (value.getYear() < 0 || value.getYear() > 9999) {
                continue;
            }

            CimDateTime cim = CimDateTime.of(value);
            CimDateTime reparsed = CimDateTime.parse(cim.toString());

            assertThat(reparsed).isEqualTo(cim);
            assertThat(reparsed.toOffsetDateTime()).isEqualTo(value.truncatedTo(ChronoUnit.MICROS));
            assertThat(CimDateTime.parse(CimDateTime.of(value.toInstant()).toString()).toInstant())
                    .isEqualTo(value.toInstant().truncatedTo(ChronoUnit.MICROS));
        }
    }

    @Test
    void roundTripsRandomDurationsThroughTheTextForm() {
        Random random = new Random(99_999_999L);
        for (int n = 0; n < 20_000; n++) {
            Duration value = Duration.ofSeconds(Math.floorMod(random.nextLong(), 8_640_000_000_000L),
                    random.nextInt(1_000_000_000));

            CimDateTime cim = CimDateTime.ofInterval(value);

            assertThat(CimDateTime.parse(cim.toString())).isEqualTo(cim);
            assertThat(CimDateTime.parse(cim.toString()).toDuration())
                    .isEqualTo(value.truncatedTo(ChronoUnit.MICROS));
        }
    }
}
