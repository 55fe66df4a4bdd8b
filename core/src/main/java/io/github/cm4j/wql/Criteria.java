package io.github.cm4j.wql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Static factories for injection-safe WQL conditions, meant to be statically imported:
 *
 * <pre>{@code
 * import static io.github.cm4j.wql.Criteria.*;
 *
 * Wql.select().from("SMS_SoftwareUpdate")
 *     .where(eq("ArticleID", "832880").and(eq("IsExpired", false)).and(likeContains("LocalizedDisplayName", title)));
 * }</pre>
 *
 * <p>Property names may be qualified ({@code "SU.CI_ID"}) and are validated: letters, digits and underscore,
 * not starting with a digit, not a WQL keyword; anything else is an {@link IllegalArgumentException}, so a name
 * can never carry syntax. Values become typed {@link Literal}s ({@link Literal#of(Object)}: strings, numbers,
 * booleans, {@code Instant}/{@code OffsetDateTime}/{@code ZonedDateTime} as CIM datetime strings) that the
 * printer always escapes; a value that is already an {@link Operand} (for example {@link #property(String)}) is
 * used as is, which compares two properties.
 *
 * <p>Static methods only; thread-safe. The conditions they return are immutable.
 */
public final class Criteria {
    private Criteria() {
    }

    /**
     * A property reference, for comparing two properties: {@code eq("SU.CI_ID", property("CIR.ToCIID"))}.
     *
     * @param name a possibly qualified property name
     * @return the reference
     */
    public static PropertyRef property(String name) {
        return PropertyRef.of(name);
    }

    /**
     * A literal value.
     *
     * @param value the value (see {@link Literal#of(Object)})
     * @return the literal
     */
    public static Literal value(Object value) {
        return Literal.of(value);
    }

    /**
     * {@code property = value}; a {@code null} value gives {@code property IS NULL}.
     *
     * @param property a possibly qualified property name
     * @param value the value, an {@link Operand}, or {@code null}
     * @return the condition
     */
    public static Expression eq(String property, Object value) {
        if (value == null) {
            return isNull(property);
        }
        return compare(property, ComparisonOperator.EQ, value);
    }

    /**
     * {@code property <> value}; a {@code null} value gives {@code property IS NOT NULL}.
     *
     * @param property a possibly qualified property name
     * @param value the value, an {@link Operand}, or {@code null}
     * @return the condition
     */
    public static Expression ne(String property, Object value) {
        if (value == null) {
            return isNotNull(property);
        }
        return compare(property, ComparisonOperator.NE, value);
    }

    /**
     * {@code property < value}.
     *
     * @param property a possibly qualified property name
     * @param value the value or an {@link Operand}; not {@code null}
     * @return the condition
     */
    public static Expression lt(String property, Object value) {
        return compare(property, ComparisonOperator.LT, value);
    }

    /**
     * {@code property <= value}.
     *
     * @param property a possibly qualified property name
     * @param value the value or an {@link Operand}; not {@code null}
     * @return the condition
     */
    public static Expression le(String property, Object value) {
        return compare(property, ComparisonOperator.LE, value);
    }

    /**
     * {@code property > value}.
     *
     * @param property a possibly qualified property name
     * @param value the value or an {@link Operand}; not {@code null}
     * @return the condition
     */
    public static Expression gt(String property, Object value) {
        return compare(property, ComparisonOperator.GT, value);
    }

    /**
     * {@code property >= value}.
     *
     * @param property a possibly qualified property name
     * @param value the value or an {@link Operand}; not {@code null}
     * @return the condition
     */
    public static Expression ge(String property, Object value) {
        return compare(property, ComparisonOperator.GE, value);
    }

    private static Expression compare(String property, ComparisonOperator op, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("cannot compare " + property + " " + op.symbol()
                    + " NULL; use isNull/isNotNull");
        }
        return new Comparison(PropertyRef.of(property), op, operand(value));
    }

    private static Operand operand(Object value) {
        return value instanceof Operand ? (Operand) value : Literal.of(value);
    }

    /**
     * {@code property LIKE pattern} with a pattern written by the caller: its {@code %}, {@code _} and
     * {@code [...]} are wildcards. To match user text literally use {@link #likeContains},
     * {@link #likeStartsWith}, {@link #likeEndsWith} or {@link LikePattern#escape(String)}.
     *
     * @param property a possibly qualified property name
     * @param pattern the LIKE pattern
     * @return the condition
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public static Expression like(String property, String pattern) {
        return new Like(PropertyRef.of(property), pattern, false);
    }

    /**
     * {@code property NOT LIKE pattern}, the pattern being written by the caller (see {@link #like}).
     *
     * @param property a possibly qualified property name
     * @param pattern the LIKE pattern
     * @return the condition
     */
    public static Expression notLike(String property, String pattern) {
        return new Like(PropertyRef.of(property), pattern, true);
    }

    /**
     * {@code property LIKE '%text%'} where {@code text} matches literally (its {@code %}, {@code _}, {@code [}
     * are escaped as {@code [%]}, {@code [_]}, {@code [[]}).
     *
     * @param property a possibly qualified property name
     * @param text the literal text to find
     * @return the condition
     */
    public static Expression likeContains(String property, String text) {
        return like(property, "%" + LikePattern.escape(text) + "%");
    }

    /**
     * {@code property LIKE 'text%'} where {@code text} matches literally.
     *
     * @param property a possibly qualified property name
     * @param text the literal prefix
     * @return the condition
     */
    public static Expression likeStartsWith(String property, String text) {
        return like(property, LikePattern.escape(text) + "%");
    }

    /**
     * {@code property LIKE '%text'} where {@code text} matches literally.
     *
     * @param property a possibly qualified property name
     * @param text the literal suffix
     * @return the condition
     */
    public static Expression likeEndsWith(String property, String text) {
        return like(property, "%" + LikePattern.escape(text));
    }

    /**
     * {@code property IS NULL}.
     *
     * @param property a possibly qualified property name
     * @return the condition
     */
    public static Expression isNull(String property) {
        return new IsNull(PropertyRef.of(property), false);
    }

    /**
     * {@code property IS NOT NULL}.
     *
     * @param property a possibly qualified property name
     * @return the condition
     */
    public static Expression isNotNull(String property) {
        return new IsNull(PropertyRef.of(property), true);
    }

    /**
     * {@code property ISA "className"}.
     *
     * @param property a possibly qualified property name (an embedded object, or {@code __this})
     * @param className the class name
     * @return the condition
     */
    public static Expression isa(String property, String className) {
        return new Isa(PropertyRef.of(property), Names.requireIdentifier(className, "class name"));
    }

    /**
     * {@code property IN (v1, v2, ...)}.
     *
     * @param property a possibly qualified property name
     * @param values one or more values
     * @return the condition
     * @throws IllegalArgumentException if there is no value
     */
    public static Expression in(String property, Object... values) {
        return new InList(PropertyRef.of(property), literals(Arrays.asList(values)), false);
    }

    /**
     * {@code property IN (values...)}.
     *
     * @param property a possibly qualified property name
     * @param values one or more values
     * @return the condition
     * @throws IllegalArgumentException if there is no value
     */
    public static Expression in(String property, Collection<?> values) {
        return new InList(PropertyRef.of(property), literals(values), false);
    }

    /**
     * {@code property IN (SELECT ...)}.
     *
     * @param property a possibly qualified property name
     * @param subquery the sub-select
     * @return the condition
     */
    public static Expression in(String property, SelectQuery subquery) {
        return new InSubquery(PropertyRef.of(property), subquery, false);
    }

    /**
     * {@code property IN (SELECT ...)} from a builder.
     *
     * @param property a possibly qualified property name
     * @param subquery the sub-select builder
     * @return the condition
     */
    public static Expression in(String property, Wql.QueryBuilder subquery) {
        return in(property, subquery.build());
    }

    /**
     * {@code property NOT IN (v1, v2, ...)}.
     *
     * @param property a possibly qualified property name
     * @param values one or more values
     * @return the condition
     */
    public static Expression notIn(String property, Object... values) {
        return new InList(PropertyRef.of(property), literals(Arrays.asList(values)), true);
    }

    /**
     * {@code property NOT IN (values...)}.
     *
     * @param property a possibly qualified property name
     * @param values one or more values
     * @return the condition
     */
    public static Expression notIn(String property, Collection<?> values) {
        return new InList(PropertyRef.of(property), literals(values), true);
    }

    /**
     * {@code property NOT IN (SELECT ...)}.
     *
     * @param property a possibly qualified property name
     * @param subquery the sub-select
     * @return the condition
     */
    public static Expression notIn(String property, SelectQuery subquery) {
        return new InSubquery(PropertyRef.of(property), subquery, true);
    }

    /**
     * {@code property NOT IN (SELECT ...)} from a builder.
     *
     * @param property a possibly qualified property name
     * @param subquery the sub-select builder
     * @return the condition
     */
    public static Expression notIn(String property, Wql.QueryBuilder subquery) {
        return notIn(property, subquery.build());
    }

    private static List<Literal> literals(Collection<?> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("IN needs at least one value");
        }
        List<Literal> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(Literal.of(v));
        }
        return out;
    }

    /**
     * {@code NOT condition}.
     *
     * @param condition the condition
     * @return the negation
     */
    public static Expression not(Expression condition) {
        return new Not(condition);
    }

    /**
     * {@code c1 AND c2 AND ...}, flattening nested conjunctions; one condition is returned as is.
     *
     * @param first the first condition
     * @param more further conditions
     * @return the conjunction
     */
    public static Expression and(Expression first, Expression... more) {
        Expression[] all = new Expression[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return And.of(all);
    }

    /**
     * {@code c1 OR c2 OR ...}, flattening nested disjunctions; one condition is returned as is.
     *
     * @param first the first condition
     * @param more further conditions
     * @return the disjunction
     */
    public static Expression or(Expression first, Expression... more) {
        Expression[] all = new Expression[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return Or.of(all);
    }
}
