package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.github.cm4j.ParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CimDateTimeRejectsInvalidInputTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> offset {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                          | 0  | unexpected end of input in year (a CIM datetime has 25 characters, this input has 0)",
        "2014041021050               | 13 | unexpected end of input in second",
        "20140410210500.000000       | 21 | unexpected end of input in UTC offset sign",
        "20140410210500.000000+00    | 24 | unexpected end of input in UTC offset",
        "20141310210500.000000+000   | 4  | month 13 out of range 01..12",
        "20140010210500.000000+000   | 4  | month 00 out of range 01..12",
        "00000100210500.000000+000   | 6  | day 00 out of range 01..31 for 0000-01",
        "20140432210500.000000+000   | 6  | day 32 out of range 01..30 for 2014-04",
        "20230229000000.000000+000   | 6  | day 29 out of range 01..28 for 2023-02",
        "19000229000000.000000+000   | 6  | day 29 out of range 01..28 for 1900-02",
        "****0230000000.000000+000   | 6  | day 30 out of range 01..29 for month 02",
        "2014**32000000.000000+000   | 6  | day 32 out of range 01..31",
        "20140410240000.000000+000   | 8  | hour 24 out of range 00..23",
        "20140410216000.000000+000   | 10 | minute 60 out of range 00..59",
        "20140410210560.000000+000   | 12 | second 60 out of range 00..59 (leap seconds are not supported)",
        "00000001250000.000000:000   | 8  | hour 25 out of range 00..23",
        "20140410210500,000000+000   | 14 | expected '.' after the seconds but found ','",
        "20140410210500.000000*000   | 21 | expected '+', '-' or ':' but found '*'",
        "20140410210500.000000 000   | 21 | expected '+', '-' or ':' but found ' '",
        "20140410210500.000000+0a0   | 23 | expected a digit or '*' in UTC offset but found 'a'",
        "20140410210500.000000+*00   | 23 | UTC offset mixes '*' and '0'; a wildcard field is all asterisks",
        "2014041021050*.000000+000   | 13 | second mixes digits and '*'; a wildcard field is all asterisks",
        "20140410210500.12*4**+000   | 18 | microsecond digit '4' after '*'",
        "20140410210500.12a456+000   | 17 | expected a digit or '*' in microseconds but found 'a'",
        "20140410210500.000000+0000  | 25 | unexpected text after the 25-character datetime (input has 26 characters)",
        "00000000000000.000000:001   | 24 | an interval must end with ':000' but found '1'",
        "00000000000000.000000:***   | 22 | an interval must end with ':000' but found '*'",
        "` 20140410210500.000000+00` | 0  | expected a digit or '*' in year but found ' '",
        "2014-04-10 21:05:00         | 4  | expected a digit or '*' in month but found '-'",
        "20140410T210500.000000+000  | 8  | expected a digit or '*' in hour but found 'T'",
    })
    void reportsTheProblemAtTheOffendingCharacter(String input, int offset, String problem) {
        ParseException e = catchThrowableOfType(ParseException.class, () -> CimDateTime.parse(input));

        assertThat(e).as("ParseException for \"%s\"", input).isNotNull();
        assertThat(e.what()).isEqualTo("CIM datetime");
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.column()).isEqualTo(offset + 1);
        assertThat(e.problem()).startsWith(problem);
    }

    @Test
    void rejectsNonAsciiDigitsThatCharacterIsDigitWouldAccept() {
        // U+0662 ARABIC-INDIC DIGIT TWO and U+FF12 FULLWIDTH DIGIT TWO are digits to Character.isDigit.
        ParseException arabic = catchThrowableOfType(ParseException.class,
                () -> CimDateTime.parse("\u0662014" + "0410210500.000000+000"));
        ParseException fullwidth = catchThrowableOfType(ParseException.class,
                () -> CimDateTime.parse("2014041021050\uFF12.000000+000"));

        assertThat(arabic.problem()).isEqualTo("expected a digit or '*' in year but found U+0662");
        assertThat(fullwidth.offset()).isEqualTo(13);
    }

    @Test
    void reportsNullInputAsAParseException() {
        ParseException e = catchThrowableOfType(ParseException.class, () -> CimDateTime.parse(null));

        assertThat(e.problem()).isEqualTo("input is null");
        assertThat(e.offset()).isZero();
    }

    @Test
    void failsFastOnHugeInput() {
        String huge = "20140410210500.000000+000" + "0".repeat(5_000_000);

        long start = System.nanoTime();
        ParseException e = catchThrowableOfType(ParseException.class, () -> CimDateTime.parse(huge));

        assertThat(e.offset()).isEqualTo(25);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void neverLetsAnythingButParseExceptionEscapeOnRandomInput() {
        Random random = new Random(0x5EED_DA7EL);
        String[] seeds = {
            "20140410210500.000000-180", "19700201000000.000000+***", "00000001120032.000000:000",
            "********123000.000000-420", "20051003123000.123***+000", "00000000000000.000000+***",
        };
        char[] alphabet = "0123456789*.+-: x\u0000\n\uFFFF\u0662\uD83D\uDE00".toCharArray();
        int parsed = 0;
        int rejected = 0;
        for (int n = 0; n < 200_000; n++) {
            String input;
            if (random.nextBoolean()) {
                StringBuilder b = new StringBuilder(seeds[random.nextInt(seeds.length)]);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(b.length() + 1);
                    char c = alphabet[random.nextInt(alphabet.length)];
                    switch (random.nextInt(3)) {
                        case 0:
                            if (at < b.length()) {
                                b.setCharAt(at, c);
                            }
                            break;
                        case 1:
                            b.insert(at, c);
                            break;
                        default:
                            if (at < b.length()) {
                                b.deleteCharAt(at);
                            }
                    }
                }
                input = b.toString();
            } else {
                int length = random.nextInt(32);
                StringBuilder b = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    b.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000)
                            : alphabet[random.nextInt(alphabet.length)]);
                }
                input = b.toString();
            }
            try {
                CimDateTime value = CimDateTime.parse(input);
                // Whatever is accepted must format back byte for byte.
                assertThat(value.toString()).isEqualTo(input);
                parsed++;
            } catch (ParseException e) {
                assertThat(e.offset()).isBetween(0, input.length());
                assertThat(e.what()).isEqualTo("CIM datetime");
                rejected++;
            } catch (Throwable t) {
                fail("parse(\"" + input + "\") threw " + t, t);
            }
        }
        // Both outcomes must actually occur, or the generator is broken.
        assertThat(parsed).isGreaterThan(1_000);
        assertThat(rejected).isGreaterThan(100_000);
    }
}
