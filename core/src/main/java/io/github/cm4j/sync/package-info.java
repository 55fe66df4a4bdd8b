/**
 * Software update point synchronization: site-server log parsing ({@link io.github.cm4j.sync.LogParser}) and,
 * with the operations, {@code synchronize()} and its status.
 */
package io.github.cm4j.sync;
