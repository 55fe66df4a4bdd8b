package io.github.cm4j.wql;

import java.math.BigInteger;
import java.util.List;

/**
 * Prints the AST as canonical WQL: keywords upper-case, single spaces, strings double-quoted with {@code \"} and
 * {@code \\} escaped (nothing else is escaped), {@code !=} as {@code <>}, plain {@code JOIN} as
 * {@code INNER JOIN}, {@code ASC} omitted, and parentheses exactly where the tree needs them. For every AST
 * {@code q} within the parser's limits, {@code WqlParser.parse(print(q)).equals(q)}.
 *
 * <p>Static methods only; thread-safe.
 */
public final class WqlPrinter {
    private WqlPrinter() {
    }

    /**
     * Prints a query.
     *
     * @param query the query
     * @return its canonical WQL text
     * @throws IllegalArgumentException if the query nests deeper than {@link WqlParser#MAX_NESTING_DEPTH}
     *         (the parser would reject the text)
     */
    public static String print(SelectQuery query) {
        StringBuilder sb = new StringBuilder(128);
        new Writer(sb).query(query);
        return sb.toString();
    }

    /**
     * Prints a condition.
     *
     * @param condition the condition
     * @return its canonical WQL text
     * @throws IllegalArgumentException if the condition nests deeper than {@link WqlParser#MAX_NESTING_DEPTH}
     */
    public static String print(Expression condition) {
        StringBuilder sb = new StringBuilder(64);
        new Writer(sb).condition(condition, 0);
        return sb.toString();
    }

    /**
     * Prints a literal: a double-quoted string, a decimal number, {@code TRUE}, {@code FALSE} or {@code NULL}.
     *
     * @param literal the literal
     * @return its WQL text
     */
    public static String literal(Literal literal) {
        StringBuilder sb = new StringBuilder();
        appendLiteral(sb, literal);
        return sb.toString();
    }

    /**
     * Quotes text as a WQL string literal: surrounds it with double quotes and escapes {@code "} and {@code \}
     * with a backslash. Every other character (single quotes, control characters, any Unicode) is kept.
     *
     * @param text the text
     * @return the literal, e.g. {@code "O'Brien \"x\""}
     */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2);
        appendQuoted(sb, text);
        return sb.toString();
    }

    private static void appendQuoted(StringBuilder sb, String text) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static void appendLiteral(StringBuilder sb, Literal literal) {
        Object v = literal.value();
        if (v == null) {
            sb.append("NULL");
        } else if (v instanceof String) {
            appendQuoted(sb, (String) v);
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "TRUE" : "FALSE");
        } else if (v instanceof Long || v instanceof BigInteger) {
            sb.append(v);
        } else {
            // Double: Java's shortest round-tripping form, e.g. 1.5, 1.0E10, -0.0; the lexer reads all of them.
            sb.append(Double.toString((Double) v));
        }
    }

    /** Precedence of a condition: 1 OR, 2 AND, 3 NOT, 4 predicate. */
    private static int precedence(Expression e) {
        if (e instanceof Or) {
            return 1;
        }
        if (e instanceof And) {
            return 2;
        }
        if (e instanceof Not) {
            return 3;
        }
        return 4;
    }

    private static final class Writer {
        private final StringBuilder sb;

        Writer(StringBuilder sb) {
            this.sb = sb;
        }

        void query(SelectQuery q) {
            query(q, 0);
        }

        private void query(SelectQuery q, int depth) {
            sb.append("SELECT ");
            if (q.distinct()) {
                sb.append("DISTINCT ");
            }
            List<SelectItem> items = q.items();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(items.get(i));
            }
            sb.append(" FROM ").append(q.from());
            for (Join j : q.joins()) {
                sb.append(' ').append(j.type().keywords()).append(' ').append(j.target()).append(" ON ");
                condition(j.on(), depth);
            }
            q.where().ifPresent(w -> {
                sb.append(" WHERE ");
                condition(w, depth);
            });
            List<OrderItem> order = q.orderBy();
            for (int i = 0; i < order.size(); i++) {
                sb.append(i == 0 ? " ORDER BY " : ", ").append(order.get(i));
            }
        }

        /** Prints {@code e}; {@code depth} is the parser nesting level the text is at. */
        void condition(Expression e, int depth) {
            if (e instanceof Or) {
                junction(((Or) e).operands(), " OR ", 1, depth);
            } else if (e instanceof And) {
                junction(((And) e).operands(), " AND ", 2, depth);
            } else if (e instanceof Not) {
                int inner = enter(depth);
                sb.append("NOT ");
                Expression operand = ((Not) e).operand();
                if (precedence(operand) < 3) {
                    parenthesized(operand, inner);
                } else {
                    condition(operand, inner);
                }
            } else {
                predicate(e, depth);
            }
        }

        private void junction(List<Expression> operands, String keyword, int level, int depth) {
            for (int i = 0; i < operands.size(); i++) {
                if (i > 0) {
                    sb.append(keyword);
                }
                Expression operand = operands.get(i);
                // A nested junction of the same kind keeps its parentheses so the tree shape round-trips.
                if (precedence(operand) <= level) {
                    parenthesized(operand, depth);
                } else {
                    condition(operand, depth);
                }
            }
        }

        private void parenthesized(Expression e, int depth) {
            int inner = enter(depth);
            sb.append('(');
            condition(e, inner);
            sb.append(')');
        }

        private int enter(int depth) {
            if (depth + 1 > WqlParser.MAX_NESTING_DEPTH) {
                throw new IllegalArgumentException("condition nests deeper than " + WqlParser.MAX_NESTING_DEPTH
                        + " levels; WqlParser would reject the printed text");
            }
            return depth + 1;
        }

        private void predicate(Expression e, int depth) {
            if (e instanceof Comparison) {
                Comparison c = (Comparison) e;
                operand(c.left());
                sb.append(' ').append(c.operator().symbol()).append(' ');
                operand(c.right());
            } else if (e instanceof Like) {
                Like l = (Like) e;
                operand(l.operand());
                sb.append(l.negated() ? " NOT LIKE " : " LIKE ");
                appendQuoted(sb, l.pattern());
            } else if (e instanceof IsNull) {
                IsNull n = (IsNull) e;
                operand(n.operand());
                sb.append(n.negated() ? " IS NOT NULL" : " IS NULL");
            } else if (e instanceof Isa) {
                Isa i = (Isa) e;
                operand(i.operand());
                sb.append(" ISA ");
                appendQuoted(sb, i.className());
            } else if (e instanceof InList) {
                InList in = (InList) e;
                operand(in.operand());
                sb.append(in.negated() ? " NOT IN (" : " IN (");
                List<Literal> values = in.values();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    appendLiteral(sb, values.get(i));
                }
                sb.append(')');
            } else {
                InSubquery in = (InSubquery) e;
                operand(in.operand());
                sb.append(in.negated() ? " NOT IN (" : " IN (");
                query(in.subquery(), enter(depth));
                sb.append(')');
            }
        }

        private void operand(Operand o) {
            if (o instanceof Literal) {
                appendLiteral(sb, (Literal) o);
            } else {
                sb.append(o);
            }
        }
    }
}
