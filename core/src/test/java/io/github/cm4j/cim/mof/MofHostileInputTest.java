package io.github.cm4j.cim.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.cm4j.ParseException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input fails fast with a {@link ParseException}: never a StackOverflowError, an
 * OutOfMemoryError or another runtime exception.
 */
class MofHostileInputTest {
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final Duration FAST = Duration.ofSeconds(10);

    private static ParseException parseFails(String mof) {
        Throwable t = assertTimeoutPreemptively(FAST, () -> catchThrowable(() -> MofParser.parse("hostile.mof", mof)));
        assertThat(t).isInstanceOf(ParseException.class);
        return (ParseException) t;
    }

    private static String nestedInstances(int levels) {
        StringBuilder sb = new StringBuilder("instance of A { P = ");
        for (int i = 0; i < levels; i++) {
            sb.append("instance of A { P = ");
        }
        sb.append('1');
        for (int i = 0; i < levels; i++) {
            sb.append("; }");
        }
        return sb.append("; };").toString();
    }

    @Test
    void nestedInstanceValuesUpToTheLimitParse() {
        MofDocument doc = MofParser.parse("deep.mof", nestedInstances(MofParser.MAX_DEPTH - 1));

        WmiObject o = doc.instances().get(0);
        for (int i = 0; i < MofParser.MAX_DEPTH - 1; i++) {
            o = o.get("P").orElseThrow().asObject();
        }
        assertThat(o.get("P")).contains(CimValue.sint64(1));
    }

    @Test
    void nestingBeyondTheLimitIsAParseException() {
        ParseException e = parseFails(nestedInstances(MofParser.MAX_DEPTH));
        assertThat(e.problem()).isEqualTo("values nested deeper than 64 levels");
        assertThat(e.column()).isEqualTo(1 + "instance of A { P = ".length() * MofParser.MAX_DEPTH);

        ParseException deeper = parseFails(nestedInstances(200_000));
        assertThat(deeper.problem()).isEqualTo("values nested deeper than 64 levels");
    }

    @Test
    void nestedArraysOfInstancesCountTowardsTheLimit() {
        String level = "instance of A { P = {";
        String mof = level.repeat(40) + "1" + "}; }".repeat(40) + ";";
        assertThat(parseFails(mof).problem()).isEqualTo("values nested deeper than 64 levels");
    }

    @Test
    void deeplyNestedBracketsAndParenthesesFailAtTheSecondOne() {
        assertThat(parseFails("[Q" + "{".repeat(TEN_MB)).problem())
                .isEqualTo("expected an array element but found '{' (MOF arrays cannot be nested)");
        assertThat(parseFails("[Q" + "(".repeat(TEN_MB)).column()).isEqualTo(4);
        assertThat(parseFails("[".repeat(TEN_MB)).column()).isEqualTo(2);
        assertThat(parseFails("{".repeat(TEN_MB)).column()).isEqualTo(1);
        assertThat(parseFails("instance of A { X = " + "{".repeat(TEN_MB)).column()).isEqualTo(22);
    }

    @Test
    void hugeNumbersAreRejectedWithoutReadingThemWhole() {
        ParseException e = parseFails("instance of A { X = " + "9".repeat(TEN_MB) + "; };");
        assertThat(e.problem()).isEqualTo("numeric literal longer than 100 characters");
        assertThat(e.column()).isEqualTo(21);
        assertThat(parseFails("[Q(" + "1".repeat(101) + ")] class A {};").problem())
                .isEqualTo("numeric literal longer than 100 characters");
        assertThat(parseFails("class A { uint64 X = 0x1" + "0".repeat(16) + "; };").problem())
                .isEqualTo("value 0x10000000000000000 of the default of property X is out of the uint64 range"
                        + " 0..18446744073709551615");
        assertThat(parseFails("class A { uint8 X[99999999999]; };").problem())
                .isEqualTo("array size '99999999999' of X must be 1..2147483647");
    }

    @Test
    void unterminatedStringsAndCommentsOfTenMegabytesFailFast() {
        assertThat(parseFails("class A { string X = \"" + "a".repeat(TEN_MB)).problem())
                .isEqualTo("unterminated string literal");
        assertThat(parseFails("/*" + "*".repeat(TEN_MB)).problem()).isEqualTo("unterminated comment: '/*' without '*/'");
        assertThat(parseFails("class A {" + "//".repeat(TEN_MB / 2)).problem())
                .isEqualTo("expected a property or method declaration or '}' in class A but found end of input");
    }

    @Test
    void tenMegabytesOfGarbageFailFast() {
        Random random = new Random(20240101L);
        char[] binary = new char[TEN_MB];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (char) random.nextInt(0x10000);
        }
        parseFails(new String(binary));

        char[] printable = new char[TEN_MB];
        String alphabet = "{}[]();,:=\"'$#/*-+.0123456789abcxyz_ \n\tinstance class of ref qualifier";
        for (int i = 0; i < printable.length; i++) {
            printable[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        parseFails(new String(printable));

        ParseException late = parseFails("class A { string X; };\n".repeat(50_000) + "\u0000");
        assertThat(late.line()).isEqualTo(50_001);
    }

    @Test
    void longSuperclassChainsAndCyclesResolveWithinBoundedWork() {
        StringBuilder sb = new StringBuilder("class C0 { string P0; };\n");
        int n = 20_000;
        for (int i = 1; i < n; i++) {
            sb.append("class C").append(i).append(" : C").append(i - 1).append(" { string P").append(i).append("; };\n");
        }
        sb.append("class X : Y { string Q; };\nclass Y : X { string R; };\n");
        sb.append("instance of C").append(n - 1).append(" { P0 = \"deep\"; };\n");
        sb.append("instance of X { Q = \"q\"; R = \"r\"; };\n");

        MofDocument doc = assertTimeoutPreemptively(FAST, () -> MofParser.parse("chain.mof", sb.toString()));

        assertThat(doc.classes()).hasSize(n + 2);
        // the chain is followed 64 levels: C0 is out of reach, so P0 is taken as an unknown property
        assertThat(doc.instances().get(0).getString("P0")).isEqualTo("deep");
        assertThat(doc.resolvedClass("C" + (n - 1))).isEmpty();
        assertThat(doc.resolvedClass("C10").orElseThrow().properties()).hasSize(11);
        assertThat(doc.resolvedClass("X")).isEmpty();
        assertThat(doc.instances().get(1).getString("R")).isEqualTo("r");
    }

    @Test
    void randomMutationsOfValidMofOnlyEverFailWithParseException() {
        String valid = """
                #pragma namespace("\\\\\\\\.\\\\root\\\\SMS")
                qualifier Weight : uint32 = 7, scope(property), flavor(ToSubclass);
                [abstract, Description("base" " class") : Amended] class Base { [key] string Id; };
                class SMS_EmbeddedProperty { string PropertyName; uint32 Value; };
                class C : Base {
                    [MaxLen(256), ValueMap{"0", "1"}] string Name = "n\\t\\x41";
                    uint8 Data[4] = {1, 0x2, 03, 101b};
                    real32 R = -1.5E+2;
                    char16 Ch = '\\'';
                    SMS_EmbeddedProperty Props[];
                    Base ref Parent;
                    [static] uint32 Sync([in] boolean full, [out] string Handles[]);
                };
                instance of C as $c { Id = "1"; Props = {instance of SMS_EmbeddedProperty { Value = 2; }}; };
                instance of Other { Target = $c; When = NULL; };
                """;
        assertThat(MofParser.parse("valid.mof", valid).instances()).hasSize(2);
        String alphabet = "{}[]();,:=\"'$#/*\\-+.0x1b9eE aZ_\n";
        Random random = new Random(42);
        int failures = 0;
        for (int round = 0; round < 5_000; round++) {
            StringBuilder sb = new StringBuilder(valid);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String mutated = sb.toString();
            try {
                MofParser.parse("mutated.mof", mutated);
            } catch (ParseException expected) {
                failures++;
                assertThat(expected.offset()).isBetween(0, mutated.length());
                // a cause means the CIM layer refused something the parser let through: a parser bug
                assertThat(expected.getCause()).as(mutated).isNull();
            } catch (RuntimeException | StackOverflowError unexpected) {
                throw new AssertionError("unexpected " + unexpected + " for:\n" + mutated, unexpected);
            }
        }
        assertThat(failures).isGreaterThan(1_000);
    }
}
