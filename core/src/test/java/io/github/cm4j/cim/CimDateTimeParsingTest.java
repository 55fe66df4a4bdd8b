package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CimDateTimeParsingTest {

    @Test
    void readsEveryFieldOfATimestamp() {
        CimDateTime t = CimDateTime.parse("20140410210501.000000-150");

        assertThat(t.isInterval()).isFalse();
        assertThat(t.isComplete()).isTrue();
        assertThat(t.year()).hasValue(2014);
        assertThat(t.month()).hasValue(4);
        assertThat(t.day()).hasValue(10);
        assertThat(t.hour()).hasValue(21);
        assertThat(t.minute()).hasValue(5);
        assertThat(t.second()).hasValue(1);
        assertThat(t.microseconds()).hasValue(0);
        assertThat(t.microsecondPrecision()).isEqualTo(6);
        assertThat(t.utcOffsetMinutes()).hasValue(-150);
        assertThat(t.days()).isEmpty();
    }

    @Test
    void readsEveryFieldOfAnInterval() {
        // The WMI "Interval Format" page's example: 1 day, 12 hours, 0 minutes, 32 seconds.
        CimDateTime i = CimDateTime.parse("00000001120032.000000:000");

        assertThat(i.isInterval()).isTrue();
        assertThat(i.isComplete()).isTrue();
        assertThat(i.days()).hasValue(1);
        assertThat(i.hour()).hasValue(12);
        assertThat(i.minute()).hasValue(0);
        assertThat(i.second()).hasValue(32);
        assertThat(i.microseconds()).hasValue(0);
        assertThat(i.year()).isEmpty();
        assertThat(i.month()).isEmpty();
        assertThat(i.day()).isEmpty();
        assertThat(i.utcOffsetMinutes()).isEmpty();
    }

    @Test
    void readsTheLargestInterval() {
        CimDateTime i = CimDateTime.parse("99999999235959.999999:000");

        assertThat(i.days()).hasValue(CimDateTime.MAX_INTERVAL_DAYS);
        assertThat(i.microseconds()).hasValue(999_999);
    }

    @Test
    void modelsAWildcardOffsetAsAnEmptyField() {
        // ConfigMgr schedule tokens default to this value (SDK: "How to Create a Schedule Token").
        CimDateTime t = CimDateTime.parse("19700201000000.000000+***");

        assertThat(t.isComplete()).isFalse();
        assertThat(t.year()).hasValue(1970);
        assertThat(t.month()).hasValue(2);
        assertThat(t.utcOffsetMinutes()).isEmpty();
        assertThat(t.toString()).isEqualTo("19700201000000.000000+***");
    }

    @Test
    void modelsWildcardTimeFieldsAsEmptyFields() {
        // The WMI "CIM_DATETIME" page lists this as a legal use of asterisks.
        CimDateTime t = CimDateTime.parse("19980416******.000000+***");

        assertThat(t.day()).hasValue(16);
        assertThat(t.hour()).isEmpty();
        assertThat(t.minute()).isEmpty();
        assertThat(t.second()).isEmpty();
        assertThat(t.microseconds()).hasValue(0);
        assertThat(t.microsecondPrecision()).isEqualTo(6);
    }

    @Test
    void acceptsWildcardsInTheMostSignificantFieldsAsWmiSchedulesDo() {
        // Win32_ScheduledJob.StartTime: "********123000.000000-420" (date must be asterisks).
        CimDateTime t = CimDateTime.parse("********123000.000000-420");

        assertThat(t.year()).isEmpty();
        assertThat(t.month()).isEmpty();
        assertThat(t.day()).isEmpty();
        assertThat(t.hour()).hasValue(12);
        assertThat(t.minute()).hasValue(30);
        assertThat(t.utcOffsetMinutes()).hasValue(-420);
    }

    @Test
    void countsOnlyTheLeadingMicrosecondDigitsAsSignificant() {
        CimDateTime partial = CimDateTime.parse("20051003123000.123***+000");
        CimDateTime none = CimDateTime.parse("20051003123000.******+000");

        assertThat(partial.microseconds()).hasValue(123_000);
        assertThat(partial.microsecondPrecision()).isEqualTo(3);
        assertThat(partial.isComplete()).isFalse();
        assertThat(none.microseconds()).isEmpty();
        assertThat(none.microsecondPrecision()).isZero();
    }

    @Test
    void acceptsTheAllZeroDateConfigMgrUsesAsZeroTime() {
        // SDK "How to Track Operating System Deployment Migrations": zeroTime = "00000000000000.000000+***".
        CimDateTime zero = CimDateTime.parse("00000000000000.000000+***");

        assertThat(zero.year()).hasValue(0);
        assertThat(zero.month()).hasValue(0);
        assertThat(zero.day()).hasValue(0);
        assertThat(zero.toString()).isEqualTo("00000000000000.000000+***");
    }

    @Test
    void acceptsWildcardFieldsInIntervalsAsDsp0004Does() {
        CimDateTime i = CimDateTime.parse("********0000**.******:000");

        assertThat(i.isInterval()).isTrue();
        assertThat(i.days()).isEmpty();
        assertThat(i.hour()).hasValue(0);
        assertThat(i.second()).isEmpty();
        assertThat(i.microseconds()).isEmpty();
    }

    @Test
    void acceptsFebruaryTheTwentyNinthOnlyInLeapYearsOrWithAWildcardYear() {
        assertThat(CimDateTime.parse("20240229000000.000000+000").day()).hasValue(29);
        assertThat(CimDateTime.parse("20000229000000.000000+000").day()).hasValue(29);
        assertThat(CimDateTime.parse("****0229000000.000000+000").day()).hasValue(29);
        assertThat(CimDateTime.parse("2023**31000000.000000+000").day()).hasValue(31);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "20140413170500.000000-000",
        "20140413170500.000000+000",
        "19700201000000.000000-***",
        "00010101000000.000000+060",
        "99991231235959.999999-999",
        "00000000000000.000000:000",
        "20051003123000.1*****+000",
        "**************.******+***",
        "**************.******:000",
    })
    void formatsBackExactlyWhatItParsed(String text) {
        assertThat(CimDateTime.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void keepsTheSignOfAZeroOffsetAndComparesByText() {
        CimDateTime minus = CimDateTime.parse("20140413170500.000000-000");
        CimDateTime plus = CimDateTime.parse("20140413170500.000000+000");

        assertThat(minus.utcOffsetMinutes()).hasValue(0);
        assertThat(plus.utcOffsetMinutes()).hasValue(0);
        assertThat(minus).isNotEqualTo(plus);
        assertThat(minus.toInstant()).isEqualTo(plus.toInstant());
        assertThat(minus).isEqualTo(CimDateTime.parse("20140413170500.000000-000"));
        assertThat(minus).hasSameHashCodeAs(CimDateTime.parse("20140413170500.000000-000"));
    }

    @Test
    void treatsTheSameInstantWithDifferentOffsetsAsDifferentValues() {
        CimDateTime utc = CimDateTime.parse("20140411000500.000000+000");
        CimDateTime brasilia = CimDateTime.parse("20140410210500.000000-180");

        assertThat(utc.toInstant()).isEqualTo(brasilia.toInstant());
        assertThat(utc).isNotEqualTo(brasilia);
        assertThat(utc).isNotEqualTo("20140411000500.000000+000");
    }

    @Test
    void returnsEmptyOptionalsRatherThanSentinelsForWildcards() {
        CimDateTime t = CimDateTime.parse("**************.******+***");

        assertThat(t.year()).isEqualTo(OptionalInt.empty());
        assertThat(t.utcOffsetMinutes()).isEqualTo(OptionalInt.empty());
    }
}
