/**
 * What {@code ConfigMgr.diagnose()} and {@code cm4j doctor} report: an ordered list of {@link
 * io.github.cm4j.diagnostics.Check}s, each pass / warn / fail / skipped with one line of evidence and one line of
 * advice. Transport-level checks come from the transport provider
 * ({@link io.github.cm4j.spi.WmiTransportProvider#diagnostics}); ConfigMgr-level checks from core. See
 * {@code docs/troubleshooting.md}.
 */
package io.github.cm4j.diagnostics;
