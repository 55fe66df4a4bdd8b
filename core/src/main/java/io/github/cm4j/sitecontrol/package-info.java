/**
 * The site control file: {@link io.github.cm4j.sitecontrol.SiteControl} reads the committed copy and opens
 * edit {@link io.github.cm4j.sitecontrol.SiteControlSession sessions} the way the SMS Provider requires them
 * ({@code GetSessionHandle}, {@code RefreshSCF}, puts carrying the {@code SessionHandle} context value,
 * {@code CommitSCF}, {@code ReleaseSessionHandle}).
 *
 * <p>A session shows what a commit will change ({@link io.github.cm4j.sitecontrol.ScfChange}) and refuses to
 * overwrite a concurrent change ({@link io.github.cm4j.sitecontrol.ScfConflictException} with the
 * {@link io.github.cm4j.sitecontrol.ScfConflict}s: loaded, ours, theirs). Close sessions with
 * try-with-resources; the handle is released also when the body throws. See {@code docs/operations.md}.
 */
package io.github.cm4j.sitecontrol;
