package io.github.cm4j.wql;

import io.github.cm4j.ParseException;
import io.github.cm4j.wql.WqlLexer.Kind;
import io.github.cm4j.wql.WqlLexer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Hand-written recursive-descent parser for WQL data queries as the SMS Provider accepts them.
 *
 * <h2>Grammar</h2>
 * <pre>
 * query      = SELECT [DISTINCT] selectList FROM classRef {join} [WHERE condition] [ORDER BY orderKey {, orderKey}]
 * selectList = "*" | COUNT "(" "*" ")" | item {"," item}
 * item       = name "." "*" | property
 * classRef   = name [AS name]
 * join       = [INNER | LEFT [OUTER]] JOIN classRef ON condition
 * condition  = and {OR and}
 * and        = not {AND not}
 * not        = NOT not | "(" condition ")" | predicate
 * predicate  = operand ( compOp operand | [NOT] LIKE string | IS [NOT] NULL | ISA string
 *                      | [NOT] IN "(" ( query | literal {"," literal} ) ")" )
 * compOp     = "=" | "&lt;&gt;" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * operand    = property | literal
 * property   = name ["." name]
 * literal    = string | ["-"] number | TRUE | FALSE | NULL
 * orderKey   = property [ASC | DESC]
 * </pre>
 * Keywords and names are case-insensitive (names keep their spelling in the AST). Strings are single- or
 * double-quoted; inside them a backslash escapes {@code \\}, {@code \'} and {@code \"} (any other escape is an
 * error). Numbers are decimal integers (range -2<sup>63</sup> .. 2<sup>64</sup>-1) or reals ({@code 1.5},
 * {@code 2.5E-3}); hexadecimal is not accepted. An alias needs {@code AS}. {@code ASSOCIATORS OF} and
 * {@code REFERENCES OF} are not supported (no SMS Provider script in the reference data uses them).
 *
 * <h2>Limits</h2>
 * Parsing is linear in the input and never recurses deeper than {@link #MAX_NESTING_DEPTH} levels: every
 * parenthesized condition and every {@code NOT} counts one level, every sub-select {@link #SUBSELECT_DEPTH} levels
 * (a sub-select recurses through that many parser, printer and comparison frames, so 32 nested sub-selects cost
 * what 256 parentheses cost and stay far from a 1 MB thread stack). Numeric literals are at most
 * {@link #MAX_NUMBER_LENGTH} characters. Errors are {@link ParseException}s with {@code what = "WQL"}, naming
 * the offending token and what was expected, positioned at the token's first character.
 *
 * <p>Instances are not needed: use the static methods, which are thread-safe.
 */
public final class WqlParser {
    /** Deepest nesting of parentheses, {@code NOT}s and sub-selects accepted (counted together). */
    public static final int MAX_NESTING_DEPTH = 256;
    /** Nesting levels one sub-select counts for (see the class comment): at most 32 nested sub-selects. */
    public static final int SUBSELECT_DEPTH = 8;
    /** Longest numeric literal accepted, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final int MAX_SHOWN = 40;

    private final WqlLexer lexer;
    private Token token;
    private Token lookahead;
    private int depth;

    private WqlParser(String input) {
        this.lexer = new WqlLexer(Objects.requireNonNull(input, "wql"));
        this.token = lexer.next();
    }

    /**
     * Parses a complete query.
     *
     * @param wql the query text
     * @return the AST
     * @throws ParseException if the text is not a valid query (with line, column and the offending token)
     */
    public static SelectQuery parse(String wql) {
        WqlParser p = new WqlParser(wql);
        SelectQuery q = p.query(false);
        return q;
    }

    /**
     * Parses a condition alone, such as the {@code -Filter} text of {@code Get-WmiObject}
     * ({@code "CI_ID = 5 AND IsExpired = 0"}).
     *
     * @param condition the condition text
     * @return the expression
     * @throws ParseException if the text is not a valid condition
     */
    public static Expression parseCondition(String condition) {
        WqlParser p = new WqlParser(condition);
        Expression e = p.condition();
        if (!p.token.is(Kind.EOF)) {
            throw p.unexpected("AND, OR or end of input");
        }
        return e;
    }

    // ---------------------------------------------------------------------------------------------- query

    private SelectQuery query(boolean nested) {
        if (!token.isKeyword("SELECT")) {
            if (token.isKeyword("ASSOCIATORS") || token.isKeyword("REFERENCES")) {
                throw error(token.text() + " OF queries are not supported", token);
            }
            throw unexpected("SELECT");
        }
        advance();
        boolean distinct = false;
        if (token.isKeyword("DISTINCT")) {
            distinct = true;
            advance();
        }
        List<SelectItem> items = new ArrayList<>();
        boolean single = false;
        if (token.is(Kind.STAR)) {
            items.add(Wildcard.ALL);
            advance();
            single = true;
        } else if (token.is(Kind.IDENTIFIER) && token.text().equalsIgnoreCase("COUNT") && peek().is(Kind.LPAREN)) {
            advance();
            advance();
            expect(Kind.STAR, "'*' (only COUNT(*) is supported)");
            expect(Kind.RPAREN, "')'");
            items.add(CountAll.INSTANCE);
            single = true;
        } else {
            items.add(selectItem());
            while (token.is(Kind.COMMA)) {
                advance();
                items.add(selectItem());
            }
        }
        if (!token.isKeyword("FROM")) {
            throw unexpected(single ? "FROM" : "',' or FROM");
        }
        advance();
        ClassRef from = classRef();
        List<Join> joins = new ArrayList<>();
        while (true) {
            JoinType type;
            if (token.isKeyword("JOIN")) {
                type = JoinType.INNER;
            } else if (token.isKeyword("INNER")) {
                advance();
                if (!token.isKeyword("JOIN")) {
                    throw unexpected("JOIN after INNER");
                }
                type = JoinType.INNER;
            } else if (token.isKeyword("LEFT")) {
                advance();
                if (token.isKeyword("OUTER")) {
                    advance();
                }
                if (!token.isKeyword("JOIN")) {
                    throw unexpected("JOIN after LEFT");
                }
                type = JoinType.LEFT;
            } else {
                break;
            }
            advance(); // JOIN
            ClassRef target = classRef();
            if (!token.isKeyword("ON")) {
                throw unexpected(target.alias().isPresent() ? "ON" : "AS or ON");
            }
            advance();
            joins.add(new Join(type, target, condition()));
        }
        Optional<Expression> where = Optional.empty();
        if (token.isKeyword("WHERE")) {
            advance();
            where = Optional.of(condition());
        }
        List<OrderItem> orderBy = new ArrayList<>();
        if (token.isKeyword("ORDER")) {
            advance();
            if (!token.isKeyword("BY")) {
                throw unexpected("BY after ORDER");
            }
            advance();
            do {
                if (!orderBy.isEmpty()) {
                    advance(); // comma
                }
                PropertyRef key = property("a property name to order by");
                SortDirection dir = SortDirection.ASC;
                if (token.is(Kind.IDENTIFIER) && token.text().equalsIgnoreCase("ASC")) {
                    advance();
                } else if (token.is(Kind.IDENTIFIER) && token.text().equalsIgnoreCase("DESC")) {
                    dir = SortDirection.DESC;
                    advance();
                }
                orderBy.add(new OrderItem(key, dir));
            } while (token.is(Kind.COMMA));
        }
        Token endToken = token;
        boolean atEnd = nested ? token.is(Kind.RPAREN) : token.is(Kind.EOF);
        if (!atEnd) {
            String end = nested ? "')'" : "end of input";
            String expected;
            if (!orderBy.isEmpty()) {
                expected = "',', ASC, DESC or " + end;
            } else if (where.isPresent()) {
                expected = "AND, OR, ORDER BY or " + end;
            } else if (!joins.isEmpty()) {
                expected = "AND, OR, JOIN, WHERE, ORDER BY or " + end;
            } else {
                expected = (from.alias().isEmpty() ? "AS, " : "") + "JOIN, WHERE, ORDER BY or " + end;
            }
            String hint = "";
            if (where.isEmpty() && orderBy.isEmpty() && joins.isEmpty() && from.alias().isEmpty()
                    && token.is(Kind.IDENTIFIER)) {
                hint = " (WQL needs AS before an alias)";
            }
            throw error("expected " + expected + " but found " + describe(endToken) + hint, endToken);
        }
        return new SelectQuery(distinct, items, from, joins, where, orderBy);
    }

    private SelectItem selectItem() {
        Token first = token;
        String name = name("a property name, '*' or COUNT(*)");
        if (token.is(Kind.DOT)) {
            advance();
            if (token.is(Kind.STAR)) {
                advance();
                return Wildcard.of(name);
            }
            return new PropertyRef(Optional.of(name), name("a property name or '*' after '" + name + ".'"));
        }
        if (first.text().equalsIgnoreCase("COUNT") && token.is(Kind.LPAREN)) {
            throw error("COUNT(*) must be the only select item", first);
        }
        return new PropertyRef(Optional.empty(), name);
    }

    private ClassRef classRef() {
        String className = name("a class name");
        if (token.isKeyword("AS")) {
            advance();
            return new ClassRef(className, Optional.of(name("an alias after AS")));
        }
        return new ClassRef(className, Optional.empty());
    }

    // ------------------------------------------------------------------------------------------ conditions

    private Expression condition() {
        Expression first = conjunction();
        if (!token.isKeyword("OR")) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (token.isKeyword("OR")) {
            advance();
            operands.add(conjunction());
        }
        return new Or(operands);
    }

    private Expression conjunction() {
        Expression first = negation();
        if (!token.isKeyword("AND")) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (token.isKeyword("AND")) {
            advance();
            operands.add(negation());
        }
        return new And(operands);
    }

    private Expression negation() {
        if (token.isKeyword("NOT")) {
            enter(token);
            advance();
            Expression e = new Not(negation());
            depth--;
            return e;
        }
        if (token.is(Kind.LPAREN)) {
            enter(token);
            advance();
            Expression e = condition();
            if (!token.is(Kind.RPAREN)) {
                throw unexpected("AND, OR or ')'");
            }
            advance();
            depth--;
            return e;
        }
        return predicate();
    }

    private Expression predicate() {
        Operand left = operand("a property name, a value, NOT or '('");
        Token op = token;
        switch (op.kind()) {
            case EQ:
            case NE:
            case LT:
            case LE:
            case GT:
            case GE:
                advance();
                return new Comparison(left, comparison(op.kind()), operand("a property name or a value after '"
                        + op.text() + "'"));
            default:
                break;
        }
        if (op.isKeyword("LIKE")) {
            advance();
            return like(left, false);
        }
        if (op.isKeyword("NOT")) {
            advance();
            if (token.isKeyword("LIKE")) {
                advance();
                return like(left, true);
            }
            if (token.isKeyword("IN")) {
                advance();
                return in(left, true);
            }
            throw unexpected("LIKE or IN after NOT");
        }
        if (op.isKeyword("IS")) {
            advance();
            boolean negated = false;
            if (token.isKeyword("NOT")) {
                negated = true;
                advance();
            }
            if (!token.isKeyword("NULL")) {
                throw unexpected(negated ? "NULL after IS NOT" : "NULL or NOT after IS");
            }
            advance();
            return new IsNull(left, negated);
        }
        if (op.isKeyword("ISA")) {
            advance();
            if (!token.is(Kind.STRING)) {
                throw unexpected("a quoted class name after ISA");
            }
            String cls = token.text();
            advance();
            return new Isa(left, cls);
        }
        if (op.isKeyword("IN")) {
            advance();
            return in(left, false);
        }
        throw unexpected("an operator (=, <>, !=, <, <=, >, >=, LIKE, NOT LIKE, IS, ISA, IN, NOT IN)");
    }

    private Expression like(Operand left, boolean negated) {
        if (!token.is(Kind.STRING)) {
            throw unexpected("a quoted pattern after LIKE");
        }
        Token pattern = token;
        advance();
        try {
            return new Like(left, pattern.text(), negated);
        } catch (IllegalArgumentException e) {
            throw new ParseException("WQL", e.getMessage(), lexer.input(), pattern.start(), e);
        }
    }

    private Expression in(Operand left, boolean negated) {
        if (!token.is(Kind.LPAREN)) {
            throw unexpected("'(' after IN");
        }
        Token open = token;
        advance();
        if (token.isKeyword("SELECT")) {
            enter(open, SUBSELECT_DEPTH);
            SelectQuery sub = query(true);
            advance(); // ')' checked by query(true)
            depth -= SUBSELECT_DEPTH;
            return new InSubquery(left, sub, negated);
        }
        List<Literal> values = new ArrayList<>();
        values.add(literal("a value or SELECT after IN ("));
        while (token.is(Kind.COMMA)) {
            advance();
            values.add(literal("a value after ','"));
        }
        if (!token.is(Kind.RPAREN)) {
            throw unexpected("',' or ')'");
        }
        advance();
        return new InList(left, values, negated);
    }

    private static ComparisonOperator comparison(Kind kind) {
        switch (kind) {
            case EQ:
                return ComparisonOperator.EQ;
            case NE:
                return ComparisonOperator.NE;
            case LT:
                return ComparisonOperator.LT;
            case LE:
                return ComparisonOperator.LE;
            case GT:
                return ComparisonOperator.GT;
            default:
                return ComparisonOperator.GE;
        }
    }

    // ---------------------------------------------------------------------------------- operands, literals

    private Operand operand(String expected) {
        if (token.is(Kind.IDENTIFIER)) {
            return property(expected);
        }
        if (isLiteralStart()) {
            return literal(expected);
        }
        throw unexpected(expected);
    }

    private boolean isLiteralStart() {
        switch (token.kind()) {
            case STRING:
            case INTEGER:
            case REAL:
            case MINUS:
                return true;
            case KEYWORD:
                return token.text().equals("TRUE") || token.text().equals("FALSE") || token.text().equals("NULL");
            default:
                return false;
        }
    }

    private PropertyRef property(String expected) {
        String first = name(expected);
        if (token.is(Kind.DOT)) {
            advance();
            return new PropertyRef(Optional.of(first), name("a property name after '" + first + ".'"));
        }
        return new PropertyRef(Optional.empty(), first);
    }

    private Literal literal(String expected) {
        Token t = token;
        switch (t.kind()) {
            case STRING:
                advance();
                return new Literal(t.text());
            case INTEGER:
            case REAL:
                advance();
                return number(t, false, t);
            case MINUS:
                advance();
                if (!token.is(Kind.INTEGER) && !token.is(Kind.REAL)) {
                    throw unexpected("a number after '-'");
                }
                Token num = token;
                advance();
                return number(num, true, t);
            case KEYWORD:
                if (t.text().equals("TRUE")) {
                    advance();
                    return Literal.TRUE;
                }
                if (t.text().equals("FALSE")) {
                    advance();
                    return Literal.FALSE;
                }
                if (t.text().equals("NULL")) {
                    advance();
                    return Literal.NULL;
                }
                break;
            default:
                break;
        }
        throw unexpected(expected);
    }

    private Literal number(Token num, boolean negative, Token start) {
        String digits = num.text();
        if (num.is(Kind.REAL)) {
            double d = Double.parseDouble(digits);
            if (Double.isInfinite(d)) {
                throw error("number " + shorten(digits) + " is out of range for a real", start);
            }
            return new Literal(negative ? -d : d);
        }
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        String significant = digits.substring(i);
        if (significant.length() > 20) {
            throw outOfRange(digits, negative, start);
        }
        BigInteger v = new BigInteger(significant);
        if (negative) {
            v = v.negate();
        }
        if (v.compareTo(Literal.LONG_MIN) < 0 || v.compareTo(Literal.UINT64_MAX) > 0) {
            throw outOfRange(digits, negative, start);
        }
        return new Literal(v);
    }

    private ParseException outOfRange(String digits, boolean negative, Token at) {
        return error("integer " + (negative ? "-" : "") + shorten(digits)
                + " is out of range (WQL integers are 64-bit: -9223372036854775808 .. 18446744073709551615)", at);
    }

    private String name(String expected) {
        if (!token.is(Kind.IDENTIFIER)) {
            throw unexpected(expected);
        }
        String n = token.text();
        advance();
        return n;
    }

    // -------------------------------------------------------------------------------------------- plumbing

    private void advance() {
        if (lookahead != null) {
            token = lookahead;
            lookahead = null;
        } else {
            token = lexer.next();
        }
    }

    private Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private void expect(Kind kind, String expected) {
        if (!token.is(kind)) {
            throw unexpected(expected);
        }
        advance();
    }

    private void enter(Token at) {
        enter(at, 1);
    }

    private void enter(Token at, int levels) {
        depth += levels;
        if (depth > MAX_NESTING_DEPTH) {
            throw error("nesting too deep (more than " + MAX_NESTING_DEPTH
                    + " levels of parentheses, NOT and sub-selects)", at);
        }
    }

    private ParseException unexpected(String expected) {
        return error("expected " + expected + " but found " + describe(token), token);
    }

    private ParseException error(String problem, Token at) {
        return new ParseException("WQL", problem, lexer.input(), at.start());
    }

    private String describe(Token t) {
        switch (t.kind()) {
            case EOF:
                return "end of input";
            case STRING:
                return "string " + shorten(lexer.input().substring(t.start(), t.end()));
            case KEYWORD:
            case IDENTIFIER:
            case INTEGER:
            case REAL:
                return "'" + shorten(lexer.input().substring(t.start(), t.end())) + "'";
            default:
                return "'" + t.text() + "'";
        }
    }

    private static String shorten(String s) {
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
    }
}
