package io.github.cm4j.wql;

import static io.github.cm4j.wql.Criteria.eq;
import static io.github.cm4j.wql.Criteria.in;
import static io.github.cm4j.wql.Criteria.likeContains;
import static io.github.cm4j.wql.Criteria.likeEndsWith;
import static io.github.cm4j.wql.Criteria.likeStartsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-based checks of the builder's escaping with a fixed seed: for random strings full of WQL and LIKE
 * metacharacters, Unicode (surrogate pairs included) and control characters,
 * <ul>
 *   <li>a builder-made equality query parses back to exactly that literal value, and</li>
 *   <li>a builder-made {@code likeContains}/{@code likeStartsWith}/{@code likeEndsWith} pattern matches exactly
 *       the strings that contain / start with / end with the text (case-insensitively, by code point).</li>
 * </ul>
 */
class WqlBuilderPropertyTest {
    private static final long SEED = 0x5EED_C0DE_2024L;
    private static final int ITERATIONS = 3_000;

    /** Characters that stress quoting, escaping and LIKE, plus case-mapping and multi-unit characters. */
    private static final int[] ALPHABET = ("'\"\\%_[]^-*(),= aAbBzZ09\u00e9\u00c9\u00df\u0130\u0131\u03a3\u03c3\u03c2"
            + "\u4e2d\u00a0\u2028\ufeff\u0000\t\n\r\u0007\u007f\u0085").codePoints().toArray();
    private static final int[] SUPPLEMENTARY = {0x1F600, 0x10400, 0x10428, 0x1D518, 0x20000};

    private final Random random = new Random(SEED);

    private int randomCodePoint() {
        int r = random.nextInt(10);
        if (r < 7) {
            return ALPHABET[random.nextInt(ALPHABET.length)];
        }
        if (r < 9) {
            return SUPPLEMENTARY[random.nextInt(SUPPLEMENTARY.length)];
        }
        int cp;
        do {
            cp = random.nextInt(Character.MAX_CODE_POINT + 1);
        } while (Character.getType(cp) == Character.SURROGATE);
        return cp;
    }

    private String randomString(int maxLength) {
        int n = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(randomCodePoint());
        }
        return sb.toString();
    }

    /** {@code s} with one code point replaced by another that differs even ignoring case. */
    private String mutate(String s) {
        int[] cps = s.codePoints().toArray();
        int at = random.nextInt(cps.length);
        int replacement;
        do {
            replacement = randomCodePoint();
        } while (LikePattern.fold(replacement) == LikePattern.fold(cps[at]));
        cps[at] = replacement;
        return new String(cps, 0, cps.length);
    }

    private static int[] folded(String s) {
        return s.codePoints().map(LikePattern::fold).toArray();
    }

    private static int indexOf(int[] haystack, int[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean oracleContains(String haystack, String needle) {
        return indexOf(folded(haystack), folded(needle), 0) >= 0;
    }

    static boolean oracleStartsWith(String haystack, String prefix) {
        int[] h = folded(haystack);
        int[] p = folded(prefix);
        return h.length >= p.length && indexOf(java.util.Arrays.copyOf(h, p.length), p, 0) == 0;
    }

    static boolean oracleEndsWith(String haystack, String suffix) {
        int[] h = folded(haystack);
        int[] s = folded(suffix);
        return h.length >= s.length && indexOf(h, s, h.length - s.length) == h.length - s.length;
    }

    @Test
    void equalityQueryParsesBackToExactlyTheValue() {
        int checked = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String s = randomString(24);
            Wql.QueryBuilder q = Wql.select("CI_ID").from("SMS_SoftwareUpdate").where(eq("LocalizedDisplayName", s));
            SelectQuery parsed = Wql.parse(q.toString());
            Comparison c = (Comparison) parsed.where().orElseThrow();
            assertThat(((Literal) c.right()).value()).as("value of %s", q).isEqualTo(s);
            assertThat(parsed).isEqualTo(q.build());

            String other = randomString(8);
            Expression list = Wql.parseCondition(WqlPrinter.print(in("Title", s, other, 7L)));
            assertThat(((InList) list).values()).containsExactly(new Literal(s), new Literal(other), new Literal(7L));
            checked++;
        }
        assertThat(checked).isEqualTo(ITERATIONS);
    }

    @Test
    void likeContainsMatchesExactlyTheStringsContainingTheText() {
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String s = randomString(12);
            Wql.QueryBuilder q = Wql.select().from("SMS_SoftwareUpdate").where(likeContains("LocalizedDisplayName", s));
            Like like = (Like) Wql.parse(q.toString()).where().orElseThrow();
            assertThat(like).isEqualTo(q.build().where().orElseThrow());
            LikePattern p = like.likePattern();

            String prefix = randomString(6);
            String suffix = randomString(6);
            assertThat(p.matches(s)).as("%s matches itself", like).isTrue();
            assertThat(p.matches(prefix + s + suffix)).as("%s in %s", like, prefix + s + suffix).isTrue();
            positives += 2;
            List<String> haystacks = new java.util.ArrayList<>(List.of(randomString(20), randomString(3)));
            if (!s.isEmpty()) {
                String m = mutate(s);
                assertThat(p.matches(m)).as("%s must not match mutated %s", like, m).isFalse();
                negatives++;
                haystacks.add(prefix + m + suffix);
            }
            for (String h : haystacks) {
                boolean expected = oracleContains(h, s);
                assertThat(p.matches(h)).as("%s on %s", like, h).isEqualTo(expected);
                if (expected) {
                    positives++;
                } else {
                    negatives++;
                }
            }
        }
        assertThat(positives).isGreaterThan(2 * ITERATIONS);
        assertThat(negatives).isGreaterThan(ITERATIONS);
    }

    @Test
    void likeStartsWithAndEndsWithMatchExactlyThePrefixesAndSuffixes() {
        for (int i = 0; i < ITERATIONS; i++) {
            String s = randomString(10);
            Like starts = (Like) Wql.parseCondition(WqlPrinter.print(likeStartsWith("Title", s)));
            Like ends = (Like) Wql.parseCondition(WqlPrinter.print(likeEndsWith("Title", s)));
            String rest = randomString(6);
            assertThat(starts.likePattern().matches(s + rest)).isTrue();
            assertThat(ends.likePattern().matches(rest + s)).isTrue();
            List<String> haystacks = new java.util.ArrayList<>(List.of(rest + s, s + rest, randomString(12)));
            if (!s.isEmpty()) {
                String m = mutate(s);
                haystacks.add(m + rest);
                haystacks.add(rest + m);
            }
            for (String h : haystacks) {
                assertThat(starts.likePattern().matches(h)).as("%s on %s", starts, h).isEqualTo(oracleStartsWith(h, s));
                assertThat(ends.likePattern().matches(h)).as("%s on %s", ends, h).isEqualTo(oracleEndsWith(h, s));
            }
        }
    }
}
