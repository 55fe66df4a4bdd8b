package io.github.cm4j.wql;

/**
 * An entry of the select list: a property ({@code SU.CI_ID}), a wildcard ({@code *} or {@code SU.*}) or
 * {@code COUNT(*)}.
 *
 * <p>All implementations are immutable records, safe to share between threads.
 */
public sealed interface SelectItem permits PropertyRef, Wildcard, CountAll {
}
