/**
 * WQL as the ConfigMgr SMS Provider accepts it: an AST of records and sealed interfaces, a hand-written parser,
 * a canonical printer and an injection-safe builder.
 *
 * <ul>
 *   <li>{@link io.github.cm4j.wql.Wql} — entry point: {@code parse}, {@code parseCondition} and the builder
 *       ({@code Wql.select(...).from(...).where(...)}), with conditions from {@link io.github.cm4j.wql.Criteria}.</li>
 *   <li>{@link io.github.cm4j.wql.SelectQuery} — the query AST; conditions are
 *       {@link io.github.cm4j.wql.Expression}s over {@link io.github.cm4j.wql.Operand}s
 *       ({@link io.github.cm4j.wql.PropertyRef}, typed {@link io.github.cm4j.wql.Literal}).</li>
 *   <li>{@link io.github.cm4j.wql.WqlParser} — grammar and limits (nesting depth
 *       {@value io.github.cm4j.wql.WqlParser#MAX_NESTING_DEPTH}); errors are
 *       {@link io.github.cm4j.ParseException}s with line and column.</li>
 *   <li>{@link io.github.cm4j.wql.WqlPrinter} — canonical text; {@code parse(print(q)).equals(q)}.</li>
 *   <li>{@link io.github.cm4j.wql.LikePattern} — compiled, case-insensitive {@code LIKE} matching, for
 *       evaluators such as the simulator.</li>
 * </ul>
 *
 * <p>Semantic checks (do the classes and properties exist, do the types fit) are not done here; every
 * {@link io.github.cm4j.wql.PropertyRef} keeps its qualifier and {@link io.github.cm4j.wql.SelectQuery#resolve}
 * finds the class it designates, so a schema-aware check can be layered on top.
 */
package io.github.cm4j.wql;
