package io.github.cm4j.wql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry point to WQL: parsing, and an injection-safe query builder.
 *
 * <pre>{@code
 * import static io.github.cm4j.wql.Criteria.*;
 *
 * SelectQuery q = Wql.parse("SELECT * FROM SMS_SoftwareUpdate WHERE ArticleID = '832880'");
 *
 * String wql = Wql.select("CI_ID", "LocalizedDisplayName")
 *         .from("SMS_SoftwareUpdate")
 *         .where(eq("IsExpired", false).and(likeContains("LocalizedDisplayName", userText)))
 *         .orderBy("DateRevised", SortDirection.DESC)
 *         .toString();
 *
 * SelectQuery joined = Wql.selectDistinct("SU.*")
 *         .from("SMS_SoftwareUpdate", "SU")
 *         .join("SMS_CIToContent", "CTC").on("SU.CI_ID", "CTC.CI_ID")
 *         .where(eq("SU.IsContentProvisioned", true))
 *         .build();
 * }</pre>
 *
 * <p>Class names, aliases and property names given to the builder are validated (letters, digits and
 * underscore, not starting with a digit, not a WQL keyword) and values always become escaped literals, so no
 * argument can change the structure of the query. Builders are mutable and not thread-safe; the
 * {@link SelectQuery} they build is immutable.
 */
public final class Wql {
    private Wql() {
    }

    /**
     * Parses a query (see {@link WqlParser} for the grammar and limits).
     *
     * @param wql the query text
     * @return the AST
     * @throws io.github.cm4j.ParseException if the text is not a valid query
     */
    public static SelectQuery parse(String wql) {
        return WqlParser.parse(wql);
    }

    /**
     * Parses a condition alone (a {@code WHERE} clause without the keyword, such as a {@code -Filter} string).
     *
     * @param condition the condition text
     * @return the expression
     * @throws io.github.cm4j.ParseException if the text is not a valid condition
     */
    public static Expression parseCondition(String condition) {
        return WqlParser.parseCondition(condition);
    }

    /**
     * Starts {@code SELECT items}; with no argument, {@code SELECT *}. An item is a property name
     * ({@code "CI_ID"}, {@code "SU.CI_ID"}), {@code "*"} or a qualified wildcard ({@code "SU.*"}).
     *
     * @param items the select list, or nothing for {@code *}
     * @return the builder
     * @throws IllegalArgumentException if an item is not a valid name
     */
    public static SelectBuilder select(String... items) {
        return new SelectBuilder(false, selectItems(items));
    }

    /**
     * Starts {@code SELECT DISTINCT items}; with no argument, {@code SELECT DISTINCT *}.
     *
     * @param items the select list, or nothing for {@code *}
     * @return the builder
     */
    public static SelectBuilder selectDistinct(String... items) {
        return new SelectBuilder(true, selectItems(items));
    }

    /**
     * Starts {@code SELECT COUNT(*)}.
     *
     * @return the builder
     */
    public static SelectBuilder selectCount() {
        return new SelectBuilder(false, List.of(CountAll.INSTANCE));
    }

    private static List<SelectItem> selectItems(String... items) {
        if (items.length == 0) {
            return List.of(Wildcard.ALL);
        }
        List<SelectItem> out = new ArrayList<>(items.length);
        for (String item : items) {
            Objects.requireNonNull(item, "select item");
            if (item.equals("*")) {
                out.add(Wildcard.ALL);
            } else if (item.endsWith(".*")) {
                out.add(Wildcard.of(item.substring(0, item.length() - 2)));
            } else {
                out.add(PropertyRef.of(item));
            }
        }
        return out;
    }

    /** The {@code SELECT} part of a query under construction; continue with {@link #from(String)}. */
    public static final class SelectBuilder {
        private boolean distinct;
        private final List<SelectItem> items;

        private SelectBuilder(boolean distinct, List<SelectItem> items) {
            this.distinct = distinct;
            this.items = items;
        }

        /**
         * Adds {@code DISTINCT}.
         *
         * @return this builder
         */
        public SelectBuilder distinct() {
            distinct = true;
            return this;
        }

        /**
         * {@code FROM className}.
         *
         * @param className the class
         * @return the query builder
         * @throws IllegalArgumentException if the name is not a valid identifier
         */
        public QueryBuilder from(String className) {
            return new QueryBuilder(distinct, items, ClassRef.of(className));
        }

        /**
         * {@code FROM className AS alias}.
         *
         * @param className the class
         * @param alias the alias that qualifies its properties
         * @return the query builder
         * @throws IllegalArgumentException if a name is not a valid identifier
         */
        public QueryBuilder from(String className, String alias) {
            return new QueryBuilder(distinct, items, ClassRef.of(className, alias));
        }
    }

    /**
     * A query under construction. {@link #build()} gives the AST, {@link #toString()} the WQL text.
     */
    public static final class QueryBuilder {
        private final boolean distinct;
        private final List<SelectItem> items;
        private final ClassRef from;
        private final List<Join> joins = new ArrayList<>();
        private Expression where;
        private final List<OrderItem> orderBy = new ArrayList<>();

        private QueryBuilder(boolean distinct, List<SelectItem> items, ClassRef from) {
            this.distinct = distinct;
            this.items = items;
            this.from = from;
        }

        /**
         * Starts an inner join: {@code JOIN className AS alias}; finish it with {@code on(...)}.
         *
         * @param className the joined class
         * @param alias its alias
         * @return the join builder
         */
        public JoinBuilder join(String className, String alias) {
            return new JoinBuilder(this, JoinType.INNER, ClassRef.of(className, alias));
        }

        /**
         * Starts an inner join without alias: {@code JOIN className} (qualify its properties with the class
         * name).
         *
         * @param className the joined class
         * @return the join builder
         */
        public JoinBuilder join(String className) {
            return new JoinBuilder(this, JoinType.INNER, ClassRef.of(className));
        }

        /**
         * Starts a left outer join: {@code LEFT JOIN className AS alias}.
         *
         * @param className the joined class
         * @param alias its alias
         * @return the join builder
         */
        public JoinBuilder leftJoin(String className, String alias) {
            return new JoinBuilder(this, JoinType.LEFT, ClassRef.of(className, alias));
        }

        /**
         * Sets the {@code WHERE} condition; calling it again combines the conditions with {@code AND}.
         *
         * @param condition the condition (see {@link Criteria})
         * @return this builder
         */
        public QueryBuilder where(Expression condition) {
            Objects.requireNonNull(condition, "condition");
            where = where == null ? condition : where.and(condition);
            return this;
        }

        /**
         * Adds an ascending sort key.
         *
         * @param property a possibly qualified property name
         * @return this builder
         */
        public QueryBuilder orderBy(String property) {
            return orderBy(property, SortDirection.ASC);
        }

        /**
         * Adds a sort key.
         *
         * @param property a possibly qualified property name
         * @param direction ascending or descending
         * @return this builder
         */
        public QueryBuilder orderBy(String property, SortDirection direction) {
            orderBy.add(new OrderItem(PropertyRef.of(property), direction));
            return this;
        }

        /**
         * Adds a descending sort key.
         *
         * @param property a possibly qualified property name
         * @return this builder
         */
        public QueryBuilder orderByDescending(String property) {
            return orderBy(property, SortDirection.DESC);
        }

        /**
         * Builds the immutable AST.
         *
         * @return the query
         */
        public SelectQuery build() {
            return new SelectQuery(distinct, items, from, joins, Optional.ofNullable(where), orderBy);
        }

        /** {@return the canonical WQL text of {@link #build()}} */
        public String toWql() {
            return build().toWql();
        }

        /** {@return the canonical WQL text of {@link #build()}} */
        @Override
        public String toString() {
            return toWql();
        }
    }

    /** A join under construction; {@code on(...)} completes it and returns to the query. */
    public static final class JoinBuilder {
        private final QueryBuilder query;
        private final JoinType type;
        private final ClassRef target;

        private JoinBuilder(QueryBuilder query, JoinType type, ClassRef target) {
            this.query = query;
            this.type = type;
            this.target = target;
        }

        /**
         * {@code ON left = right}, the usual equi-join of two properties.
         *
         * @param leftProperty a qualified property, e.g. {@code "SU.CI_ID"}
         * @param rightProperty a qualified property, e.g. {@code "CTC.CI_ID"}
         * @return the query builder
         */
        public QueryBuilder on(String leftProperty, String rightProperty) {
            return on(new Comparison(PropertyRef.of(leftProperty), ComparisonOperator.EQ,
                    PropertyRef.of(rightProperty)));
        }

        /**
         * {@code ON condition}.
         *
         * @param condition the join condition
         * @return the query builder
         */
        public QueryBuilder on(Expression condition) {
            query.joins.add(new Join(type, target, condition));
            return query;
        }
    }
}
