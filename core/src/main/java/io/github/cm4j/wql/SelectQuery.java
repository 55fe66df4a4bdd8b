package io.github.cm4j.wql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WQL data query as the SMS Provider accepts it:
 * {@code SELECT [DISTINCT] items FROM Class [AS Alias] {join} [WHERE condition] [ORDER BY key [ASC|DESC], ...]}.
 *
 * <p>Obtain one from {@link Wql#parse(String)}, from the {@link Wql#select(String...) builder}, or construct
 * it directly. {@link #toWql()} (and {@link #toString()}) give canonical WQL text that parses back to an equal
 * query.
 *
 * <p>Immutable and thread-safe.
 *
 * @param distinct whether {@code DISTINCT} was given
 * @param items the select list, never empty; {@code *} and {@code COUNT(*)} stand alone
 * @param from the class of {@code FROM}
 * @param joins the joins, in source order (possibly empty)
 * @param where the {@code WHERE} condition, if any
 * @param orderBy the sort keys, in source order (possibly empty)
 */
public record SelectQuery(boolean distinct, List<SelectItem> items, ClassRef from, List<Join> joins,
        Optional<Expression> where, List<OrderItem> orderBy) {

    /**
     * Copies the lists and checks the select list.
     *
     * @param distinct whether {@code DISTINCT} was given
     * @param items the select list, never empty; {@code *} and {@code COUNT(*)} stand alone
     * @param from the class of {@code FROM}
     * @param joins the joins, in source order (possibly empty)
     * @param where the {@code WHERE} condition, if any
     * @param orderBy the sort keys, in source order (possibly empty)
     * @throws IllegalArgumentException if the select list is empty or combines {@code *} or {@code COUNT(*)}
     *         with other items
     */
    public SelectQuery {
        items = List.copyOf(items);
        Objects.requireNonNull(from, "from");
        joins = List.copyOf(joins);
        Objects.requireNonNull(where, "where");
        orderBy = List.copyOf(orderBy);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("the select list is empty");
        }
        if (items.size() > 1) {
            for (SelectItem item : items) {
                if (item instanceof CountAll || item.equals(Wildcard.ALL)) {
                    throw new IllegalArgumentException(item + " must be the only select item");
                }
            }
        }
    }

    /**
     * {@code SELECT * FROM className}.
     *
     * @param className the class
     * @return the query
     */
    public static SelectQuery selectAll(String className) {
        return new SelectQuery(false, List.of(Wildcard.ALL), ClassRef.of(className), List.of(), Optional.empty(),
                List.of());
    }

    /**
     * A copy with another {@code WHERE} condition.
     *
     * @param condition the new condition, or {@code null} for none
     * @return the new query
     */
    public SelectQuery withWhere(Expression condition) {
        return new SelectQuery(distinct, items, from, joins, Optional.ofNullable(condition), orderBy);
    }

    /** {@return the {@code FROM} class followed by the joined classes, in source order} */
    public List<ClassRef> classes() {
        if (joins.isEmpty()) {
            return List.of(from);
        }
        List<ClassRef> all = new ArrayList<>(joins.size() + 1);
        all.add(from);
        for (Join j : joins) {
            all.add(j.target());
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Finds the class that a qualifier ({@code SU} in {@code SU.CI_ID}) designates: the class whose alias, or
     * whose name when it has no alias, equals the qualifier ignoring case.
     *
     * @param qualifier a qualifier
     * @return the class, or empty if none answers to it
     */
    public Optional<ClassRef> resolve(String qualifier) {
        for (ClassRef c : classes()) {
            if (c.answersTo(qualifier)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** {@return the canonical WQL text (keywords upper-case, strings double-quoted)} */
    public String toWql() {
        return WqlPrinter.print(this);
    }

    /** {@return {@link #toWql()}} */
    @Override
    public String toString() {
        return toWql();
    }
}
