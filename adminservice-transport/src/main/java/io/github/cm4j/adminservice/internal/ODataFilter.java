package io.github.cm4j.adminservice.internal;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.wql.And;
import io.github.cm4j.wql.Comparison;
import io.github.cm4j.wql.ComparisonOperator;
import io.github.cm4j.wql.Expression;
import io.github.cm4j.wql.InList;
import io.github.cm4j.wql.IsNull;
import io.github.cm4j.wql.Like;
import io.github.cm4j.wql.LikePattern;
import io.github.cm4j.wql.Literal;
import io.github.cm4j.wql.Not;
import io.github.cm4j.wql.Or;
import io.github.cm4j.wql.PropertyRef;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of OData {@code $filter} (URL Conventions 4.01 section 5.1.1) the loopback service understands, as a
 * WQL condition: {@code and or not ( )}, {@code eq ne lt le gt ge} between a property and a literal (strings,
 * integers, decimals, {@code true false null}, unquoted date-times), {@code in (...)}, and
 * {@code startswith/endswith/contains(Property,'text')} (optionally {@code eq true|false}) as {@code LIKE}.
 * Anything else is a 400 with {@code WBEM_E_INVALID_QUERY}. Input length is bounded by the HTTP server's URL limit;
 * nesting by {@link #MAX_DEPTH}. Not thread-safe per instance; {@link #parse} makes one per call.
 */
public final class ODataFilter {
    /** The deepest nesting of parentheses and {@code not} accepted. */
    public static final int MAX_DEPTH = 64;
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<dt>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2}))"
                    + "|(?<num>-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)|(?<str>'(?:[^']|'')*')"
                    + "|(?<id>[A-Za-z_][A-Za-z0-9_]*)|(?<p>[(),]))");

    private final String text;
    private final List<String> tokens = new ArrayList<>();
    private final List<Character> kinds = new ArrayList<>();
    private int pos;
    private int depth;

    private ODataFilter(String text) {
        this.text = text;
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw bad("unexpected text at offset " + at + ": '" + ODataJson.abbreviate(text.substring(at)) + "'");
            }
            char kind = m.group("dt") != null ? 'd' : m.group("num") != null ? 'n' : m.group("str") != null ? 's'
                    : m.group("id") != null ? 'i' : 'p';
            String tok = m.group(kind == 'd' ? "dt" : kind == 'n' ? "num" : kind == 's' ? "str" : kind == 'i' ? "id" : "p");
            tokens.add(tok);
            kinds.add(kind);
            at = m.end();
        }
    }

    /**
     * Parses a {@code $filter}.
     *
     * @param filter the percent-decoded filter text
     * @return the WQL condition
     * @throws ODataException (400, {@code WBEM_E_INVALID_QUERY}) when it is not in the subset
     */
    public static Expression parse(String filter) {
        ODataFilter p = new ODataFilter(filter);
        Expression e = p.or();
        if (p.pos != p.tokens.size()) {
            throw p.bad("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return e;
    }

    private Expression or() {
        List<Expression> parts = new ArrayList<>();
        parts.add(and());
        while (isWord("or")) {
            pos++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    private Expression and() {
        List<Expression> parts = new ArrayList<>();
        parts.add(unary());
        while (isWord("and")) {
            pos++;
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    private Expression unary() {
        if (++depth > MAX_DEPTH) {
            throw bad("nested deeper than " + MAX_DEPTH);
        }
        try {
            if (isWord("not")) {
                pos++;
                return new Not(unary());
            }
            if (isPunct("(")) {
                pos++;
                Expression e = or();
                expect(")");
                return e;
            }
            String id = peek();
            if (id != null && kinds.get(pos) == 'i' && pos + 1 < tokens.size() && "(".equals(tokens.get(pos + 1))) {
                return function();
            }
            return comparison();
        } finally {
            depth--;
        }
    }

    private Expression function() {
        String fn = tokens.get(pos).toLowerCase(Locale.ROOT);
        pos += 2;
        PropertyRef prop = property();
        expect(",");
        if (pos >= tokens.size() || kinds.get(pos) != 's') {
            throw bad(fn + " needs a quoted string as its second argument");
        }
        String arg = unquote(tokens.get(pos++));
        expect(")");
        String escaped = LikePattern.escape(arg);
        String pattern = switch (fn) {
            case "startswith" -> escaped + "%";
            case "endswith" -> "%" + escaped;
            case "contains" -> "%" + escaped + "%";
            default -> throw bad("the function " + fn + " is not supported (startswith, endswith, contains are)");
        };
        boolean negated = false;
        if (isWord("eq") || isWord("ne")) {
            boolean ne = isWord("ne");
            pos++;
            String b = peek();
            if (!"true".equals(b) && !"false".equals(b)) {
                throw bad(fn + "(...) compares with true or false only");
            }
            pos++;
            negated = ne == "true".equals(b);
        }
        return new Like(prop, pattern, negated);
    }

    private Expression comparison() {
        PropertyRef prop = property();
        String op = peek();
        if (op == null) {
            throw bad("a comparison operator is missing after " + prop.name());
        }
        pos++;
        if (op.equals("in")) {
            expect("(");
            List<Literal> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (isPunct(",") && pos++ >= 0);
            expect(")");
            return new InList(prop, values, false);
        }
        ComparisonOperator cmp = switch (op) {
            case "eq" -> ComparisonOperator.EQ;
            case "ne" -> ComparisonOperator.NE;
            case "lt" -> ComparisonOperator.LT;
            case "le" -> ComparisonOperator.LE;
            case "gt" -> ComparisonOperator.GT;
            case "ge" -> ComparisonOperator.GE;
            default -> throw bad("'" + op + "' is not a supported operator (eq ne lt le gt ge in)");
        };
        Literal value = literal();
        if (value.isNull()) {
            if (cmp == ComparisonOperator.EQ || cmp == ComparisonOperator.NE) {
                return new IsNull(prop, cmp == ComparisonOperator.NE);
            }
            throw bad("null compares with eq or ne only");
        }
        return new Comparison(prop, cmp, value);
    }

    private PropertyRef property() {
        if (pos >= tokens.size() || kinds.get(pos) != 'i') {
            throw bad("a property name is expected" + (pos < tokens.size() ? " at '" + tokens.get(pos) + "'" : " at the end"));
        }
        return PropertyRef.of(tokens.get(pos++));
    }

    private Literal literal() {
        if (pos >= tokens.size()) {
            throw bad("a value is missing at the end");
        }
        String t = tokens.get(pos);
        char k = kinds.get(pos++);
        switch (k) {
            case 's':
                return Literal.of(unquote(t));
            case 'n':
                if (t.contains(".") || t.contains("e") || t.contains("E")) {
                    return Literal.of(Double.parseDouble(t));
                }
                BigInteger b = new BigInteger(t);
                return Literal.of(b.bitLength() < 64 ? (Object) b.longValue() : b);
            case 'd':
                return Literal.of(OffsetDateTime.parse(t));
            case 'i':
                if (t.equals("true")) {
                    return Literal.TRUE;
                } else if (t.equals("false")) {
                    return Literal.FALSE;
                } else if (t.equals("null")) {
                    return Literal.NULL;
                }
                break;
            default:
                break;
        }
        throw bad("'" + t + "' is not a value (a quoted string, a number, true, false, null or a date-time)");
    }

    private static String unquote(String s) {
        return s.substring(1, s.length() - 1).replace("''", "'");
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean isWord(String w) {
        return pos < tokens.size() && kinds.get(pos) == 'i' && tokens.get(pos).equals(w);
    }

    private boolean isPunct(String p) {
        return pos < tokens.size() && kinds.get(pos) == 'p' && tokens.get(pos).equals(p);
    }

    private void expect(String p) {
        if (!isPunct(p)) {
            throw bad("'" + p + "' expected" + (pos < tokens.size() ? " at '" + tokens.get(pos) + "'" : " at the end"));
        }
        pos++;
    }

    private ODataException bad(String why) {
        return new ODataException(400, WbemStatus.WBEM_E_INVALID_QUERY, "$filter " + ODataJson.abbreviate(text) + ": " + why);
    }

}
