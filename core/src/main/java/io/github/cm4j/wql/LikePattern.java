package io.github.cm4j.wql;

import java.util.Arrays;
import java.util.Objects;

/**
 * A compiled WQL {@code LIKE} pattern, matched case-insensitively as WMI does.
 *
 * <p>Pattern syntax (WMI "LIKE Operator"):
 * <ul>
 *   <li>{@code %} any sequence of zero or more characters;</li>
 *   <li>{@code _} any one character;</li>
 *   <li>{@code [abc]}, {@code [a-f]} any one character of the set or range; {@code [^...]} any one character
 *       not in it. A {@code ]} right after {@code [} or {@code [^} is a member; a {@code -} first or last is a
 *       member;</li>
 *   <li>every other character, including {@code ]} and {@code ^} outside brackets, matches itself. A literal
 *       {@code %}, {@code _} or {@code [} is written {@code [%]}, {@code [_]}, {@code [[]} (see
 *       {@link #escape(String)}).</li>
 * </ul>
 * The backslash has no meaning in a pattern (MS-WMI 2.2.1: backslash is not an escape within LIKE); it only
 * escapes quotes and backslashes in the string literal that carries the pattern.
 *
 * <p>Matching works on Unicode code points (a surrogate pair is one character) and compares characters by simple
 * case folding ({@code toLowerCase(toUpperCase(c))}); a range matches a character if the character or its upper-
 * or lower-case form lies in it. Matching is iterative, O(pattern x text) in the worst case, never exponential.
 *
 * <p>Immutable and thread-safe: compile a pattern once and match it from any thread.
 */
public final class LikePattern {
    private static final byte LITERAL = 0;
    private static final byte ANY_ONE = 1;
    private static final byte ANY_SEQUENCE = 2;
    private static final byte SET = 3;

    private final String pattern;
    private final byte[] kinds;
    /** For LITERAL: the folded code point. */
    private final int[] chars;
    /** For SET: folded single members. */
    private final int[][] members;
    /** For SET: inclusive ranges as pairs (lo, hi). */
    private final int[][] ranges;
    private final boolean[] negated;

    private LikePattern(String pattern, byte[] kinds, int[] chars, int[][] members, int[][] ranges,
            boolean[] negated) {
        this.pattern = pattern;
        this.kinds = kinds;
        this.chars = chars;
        this.members = members;
        this.ranges = ranges;
        this.negated = negated;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the pattern text (the value of the string literal after {@code LIKE})
     * @return the compiled pattern
     * @throws IllegalArgumentException if a {@code [} is not closed or a range is reversed ({@code [z-a]})
     */
    public static LikePattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        int[] cps = pattern.codePoints().toArray();
        int n = cps.length;
        byte[] kinds = new byte[n];
        int[] chars = new int[n];
        int[][] members = new int[n][];
        int[][] ranges = new int[n][];
        boolean[] negated = new boolean[n];
        int count = 0;
        int i = 0;
        while (i < n) {
            int c = cps[i];
            if (c == '%') {
                if (count == 0 || kinds[count - 1] != ANY_SEQUENCE) {
                    kinds[count++] = ANY_SEQUENCE;
                }
                i++;
            } else if (c == '_') {
                kinds[count++] = ANY_ONE;
                i++;
            } else if (c == '[') {
                int open = i;
                i++;
                boolean neg = false;
                if (i < n && cps[i] == '^') {
                    neg = true;
                    i++;
                }
                int[] single = new int[4];
                int singles = 0;
                int[] rangeList = new int[4];
                int rangeInts = 0;
                boolean first = true;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("LIKE pattern has an unterminated '[' at character "
                                + pattern.offsetByCodePoints(0, open) + ": " + shorten(pattern));
                    }
                    int m = cps[i];
                    if (m == ']' && !first) {
                        i++;
                        break;
                    }
                    first = false;
                    if (i + 2 < n && cps[i + 1] == '-' && cps[i + 2] != ']') {
                        int hi = cps[i + 2];
                        if (hi < m) {
                            throw new IllegalArgumentException("LIKE pattern has a reversed range '"
                                    + new String(cps, i, 3) + "': " + shorten(pattern));
                        }
                        if (rangeInts + 2 > rangeList.length) {
                            rangeList = Arrays.copyOf(rangeList, rangeList.length * 2);
                        }
                        rangeList[rangeInts++] = m;
                        rangeList[rangeInts++] = hi;
                        i += 3;
                    } else {
                        if (singles == single.length) {
                            single = Arrays.copyOf(single, single.length * 2);
                        }
                        single[singles++] = fold(m);
                        i++;
                    }
                }
                kinds[count] = SET;
                members[count] = Arrays.copyOf(single, singles);
                ranges[count] = Arrays.copyOf(rangeList, rangeInts);
                negated[count] = neg;
                count++;
            } else {
                kinds[count] = LITERAL;
                chars[count] = fold(c);
                count++;
                i++;
            }
        }
        return new LikePattern(pattern, Arrays.copyOf(kinds, count), Arrays.copyOf(chars, count),
                Arrays.copyOf(members, count), Arrays.copyOf(ranges, count), Arrays.copyOf(negated, count));
    }

    /**
     * Escapes text so that, used as (part of) a pattern, it matches itself literally: {@code %} becomes
     * {@code [%]}, {@code _} becomes {@code [_]} and {@code [} becomes {@code [[]}; everything else is kept.
     *
     * @param text literal text
     * @return the pattern fragment
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == '[') {
                sb.append('[').append(c).append(']');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Tests a value against the pattern, ignoring case.
     *
     * @param text the value; {@code null} (a NULL property) never matches
     * @return whether the whole value matches
     */
    public boolean matches(CharSequence text) {
        if (text == null) {
            return false;
        }
        int[] t = text.codePoints().toArray();
        int n = kinds.length;
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < t.length) {
            if (p < n && kinds[p] == ANY_SEQUENCE) {
                starP = p++;
                starS = s;
            } else if (p < n && matchesOne(p, t[s])) {
                p++;
                s++;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < n && kinds[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == n;
    }

    private boolean matchesOne(int p, int c) {
        switch (kinds[p]) {
            case ANY_ONE:
                return true;
            case LITERAL:
                return chars[p] == fold(c);
            case SET:
                return inSet(p, c) != negated[p];
            default:
                return false;
        }
    }

    private boolean inSet(int p, int c) {
        int f = fold(c);
        for (int m : members[p]) {
            if (m == f) {
                return true;
            }
        }
        int[] r = ranges[p];
        int lower = Character.toLowerCase(c);
        int upper = Character.toUpperCase(c);
        for (int k = 0; k < r.length; k += 2) {
            int lo = r[k];
            int hi = r[k + 1];
            if ((c >= lo && c <= hi) || (lower >= lo && lower <= hi) || (upper >= lo && upper <= hi)
                    || (f >= lo && f <= hi)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Simple case folding of one code point, as used by this class.
     *
     * @param codePoint a code point
     * @return {@code toLowerCase(toUpperCase(codePoint))}
     */
    static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** {@return the pattern text this was compiled from} */
    public String pattern() {
        return pattern;
    }

    /** Two patterns are equal when their texts are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LikePattern && ((LikePattern) o).pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** {@return the pattern text} */
    @Override
    public String toString() {
        return pattern;
    }
}
