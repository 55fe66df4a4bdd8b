package io.github.cm4j.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** WQL LIKE semantics as documented for WMI, matched case-insensitively. */
class WqlLikePatternTest {

    private static boolean like(String text, String pattern) {
        return LikePattern.compile(pattern).matches(text);
    }

    @Test
    void percentMatchesAnySequenceAndUnderscoreOneCharacter() {
        assertThat(like("2024-01 Cumulative Update for Windows 11", "%Cumulative%")).isTrue();
        assertThat(like("", "%")).isTrue();
        assertThat(like("", "_")).isFalse();
        assertThat(like("ab", "a_")).isTrue();
        assertThat(like("abc", "a_")).isFalse();
        assertThat(like("abc", "a%c")).isTrue();
        assertThat(like("abcd", "a%c")).isFalse();
        assertThat(like("KB5034441", "KB%1")).isTrue();
        assertThat(like("x", "%%%x%%")).isTrue();
    }

    @Test
    void matchesIgnoringCase() {
        assertThat(like("Security Update", "SECURITY%")).isTrue();
        assertThat(like("STRASSE", "strasse")).isTrue();
        assertThat(like("\u00c9t\u00e9", "\u00e9T\u00c9")).isTrue();
        assertThat(like("Q", "[a-z]")).isTrue();
        assertThat(like("q", "[A-Z]")).isTrue();
        assertThat(like("\ud801\udc00", "\ud801\udc28")).isTrue(); // Deseret capital/small long I
    }

    @Test
    void bracketsMatchSetsRangesAndNegations() {
        assertThat(like("b", "[abc]")).isTrue();
        assertThat(like("d", "[abc]")).isFalse();
        assertThat(like("d", "[^abc]")).isTrue();
        assertThat(like("b", "[^abc]")).isFalse();
        assertThat(like("7", "[0-9]")).isTrue();
        assertThat(like("x", "[0-9a-f]")).isFalse();
        assertThat(like("-", "[a-]")).isTrue();
        assertThat(like("-", "[-a]")).isTrue();
        assertThat(like("]", "[]]")).isTrue();
        assertThat(like("]", "[^]]")).isFalse();
        assertThat(like("^", "[x^]")).isTrue();
        assertThat(like("^", "^")).isTrue();
        assertThat(like("]", "]")).isTrue();
    }

    @Test
    void escapedWildcardsMatchLiterally() {
        assertThat(LikePattern.escape("100%_[x]^\\")).isEqualTo("100[%][_][[]x]^\\");
        assertThat(like("100%", "100[%]")).isTrue();
        assertThat(like("1000", "100[%]")).isFalse();
        assertThat(like("a_b", "a[_]b")).isTrue();
        assertThat(like("axb", "a[_]b")).isFalse();
        assertThat(like("[x]", "[[]x]")).isTrue();
        assertThat(like("C:\\Windows", "C:\\%")).isTrue();
    }

    @Test
    void countsSurrogatePairsAsOneCharacter() {
        assertThat(like("\ud83d\ude00", "_")).isTrue();
        assertThat(like("a\ud83d\ude00b", "a_b")).isTrue();
        assertThat(like("\ud83d\ude00", "[\ud83d\ude00]")).isTrue();
    }

    @Test
    void nullNeverMatches() {
        assertThat(LikePattern.compile("%").matches(null)).isFalse();
    }

    @Test
    void rejectsMalformedPatterns() {
        assertThatThrownBy(() -> LikePattern.compile("[abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated '[' at character 0");
        assertThatThrownBy(() -> LikePattern.compile("x[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LikePattern.compile("[z-a]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reversed range 'z-a'");
    }

    @Test
    void equalityFollowsThePatternText() {
        assertThat(LikePattern.compile("a%")).isEqualTo(LikePattern.compile("a%"))
                .hasSameHashCodeAs(LikePattern.compile("a%")).hasToString("a%");
        assertThat(new Like(PropertyRef.of("A"), "a%", false).likePattern()).isEqualTo(LikePattern.compile("a%"));
    }
}
