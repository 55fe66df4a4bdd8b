package io.github.cm4j.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import io.github.cm4j.ParseException;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Hostile input fails fast with a {@link ParseException}, never a {@link StackOverflowError} or an
 * {@link OutOfMemoryError} (surefire runs with {@code -Xss1m -Xmx512m}).
 */
class WqlHostileInputTest {
    private static final int MB = 1 << 20;
    private static final Duration FAST = Duration.ofSeconds(5);

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejectedFast(String wql) {
        Throwable[] thrown = new Throwable[1];
        assertTimeout(FAST, () -> {
            try {
                Wql.parse(wql);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        return assertThat(thrown[0]).isInstanceOf(ParseException.class);
    }

    @Test
    void oneMegabyteOfOpeningParenthesesHitsTheDepthLimit() {
        String wql = "SELECT * FROM X WHERE " + "(".repeat(MB);
        assertRejectedFast(wql).hasMessageContaining("nesting too deep (more than 256 levels")
                .satisfies(t -> assertThat(((ParseException) t).offset()).isEqualTo(22 + 256));
    }

    @Test
    void oneMegabyteOfNotHitsTheDepthLimit() {
        assertRejectedFast("SELECT * FROM X WHERE " + "NOT ".repeat(MB / 4) + "A = 1")
                .hasMessageContaining("nesting too deep");
    }

    @Test
    void deeplyNestedSubselectsHitTheDepthLimit() {
        String wql = "SELECT * FROM X WHERE A IN (SELECT A FROM X WHERE A IN (".repeat(200) + "1" + "))".repeat(200);
        assertRejectedFast(wql).hasMessageContaining("nesting too deep");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        int limit = WqlParser.MAX_NESTING_DEPTH;
        assertThat(Wql.parse("SELECT * FROM X WHERE " + "(".repeat(limit) + "A = 1" + ")".repeat(limit)).where())
                .contains(Wql.parseCondition("A = 1"));
        assertThatThrownBy(() -> Wql.parse("SELECT * FROM X WHERE " + "(".repeat(limit + 1) + "A = 1"
                + ")".repeat(limit + 1))).isInstanceOf(ParseException.class).hasMessageContaining("nesting too deep");
    }

    @Test
    void subselectsNestedUpToTheLimitParsePrintAndCompare() {
        int limit = WqlParser.MAX_NESTING_DEPTH / WqlParser.SUBSELECT_DEPTH; // 32 nested sub-selects
        String wql = "SELECT * FROM X WHERE " + "A IN (SELECT A FROM X WHERE ".repeat(limit) + "A = 1" + ")".repeat(limit);
        SelectQuery q = Wql.parse(wql);
        assertThat(Wql.parse(q.toWql())).isEqualTo(q).hasSameHashCodeAs(q);
        assertThatThrownBy(() -> Wql.parse("SELECT * FROM X WHERE " + "A IN (SELECT A FROM X WHERE ".repeat(limit + 1)
                + "A = 1" + ")".repeat(limit + 1))).isInstanceOf(ParseException.class)
                .hasMessageContaining("nesting too deep");
    }

    @Test
    void unterminatedMegabyteStringIsReportedAtItsOpeningQuote() {
        String wql = "SELECT * FROM X WHERE A = '" + "x".repeat(MB);
        assertRejectedFast(wql).hasMessageContaining("unterminated string")
                .satisfies(t -> assertThat(((ParseException) t).column()).isEqualTo(27));
    }

    @Test
    void unterminatedStringEndingInABackslashIsRejected() {
        assertRejectedFast("SELECT * FROM X WHERE A = \"abc\\").hasMessageContaining("unterminated string");
    }

    @Test
    void megabyteNumberIsRejected() {
        assertRejectedFast("SELECT * FROM X WHERE A = " + "9".repeat(MB)).hasMessageContaining("number too long");
        assertRejectedFast("SELECT * FROM X WHERE A = 1." + "5".repeat(MB)).hasMessageContaining("number too long");
    }

    @Test
    void integersOutsideSixtyFourBitsAreRejected() {
        assertRejectedFast("SELECT * FROM X WHERE A = 18446744073709551616").hasMessageContaining("out of range");
        assertRejectedFast("SELECT * FROM X WHERE A = -9223372036854775809").hasMessageContaining("out of range");
        assertRejectedFast("SELECT * FROM X WHERE A = 1e400").hasMessageContaining("out of range");
        assertRejectedFast("SELECT * FROM X WHERE A = " + "0".repeat(70) + "123456789012345678901")
                .hasMessageContaining("out of range");
        assertThat(Wql.parseCondition("A = " + "0".repeat(90) + "12")).isEqualTo(Wql.parseCondition("A = 12"));
    }

    @Test
    void megabyteOfGarbageFailsAtTheFirstBadCharacter() {
        assertRejectedFast("SELECT * FROM X WHERE A = 1 " + "\u0000".repeat(MB)).hasMessageContaining("U+0000");
        assertRejectedFast("SELECT * FROM X WHERE A LIKE '" + "[".repeat(MB) + "'")
                .hasMessageContaining("unterminated '['");
    }

    @Test
    void longFlatChainsParseWithoutDeepRecursion() {
        int n = 50_000;
        String chain = "A = 1" + " OR A = 1".repeat(n - 1);
        Expression[] parsed = new Expression[1];
        assertTimeout(FAST, () -> parsed[0] = Wql.parseCondition(chain));
        assertThat(((Or) parsed[0]).operands()).hasSize(n);
        assertThat(Wql.parseCondition(WqlPrinter.print(parsed[0]))).isEqualTo(parsed[0]);
        String list = "A IN (1" + ", 1".repeat(n) + ")";
        assertThat(((InList) Wql.parseCondition(list)).values()).hasSize(n + 1);
    }

    @Test
    void pathologicalLikePatternMatchesInPolynomialTime() {
        LikePattern p = LikePattern.compile("%a".repeat(50) + "%b");
        String text = "a".repeat(20_000);
        boolean[] result = new boolean[1];
        assertTimeout(FAST, () -> result[0] = p.matches(text));
        assertThat(result[0]).isFalse();
    }

    @Test
    void nullInputIsANullPointerException() {
        assertThatThrownBy(() -> Wql.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
