/**
 * Software updates and what is done with them: {@link io.github.cm4j.updates.SoftwareUpdates} (find by
 * {@link io.github.cm4j.updates.UpdateQuery} criteria, read with lazy properties, license terms, enforcement,
 * resend, content files), {@link io.github.cm4j.updates.UpdateGroups} (software update groups) and
 * {@link io.github.cm4j.updates.Deployments} (their deployments).
 *
 * <p>Obtain them from a connection ({@link io.github.cm4j.ConfigMgr#softwareUpdates()},
 * {@link io.github.cm4j.ConfigMgr#updateGroups()}, {@link io.github.cm4j.ConfigMgr#deployments()}). They are
 * thread-safe views over the connection; each method is one or two provider calls, named in its comment.
 * Queries stream their results: close the streams you do not consume fully. See {@code docs/operations.md}.
 */
package io.github.cm4j.updates;
