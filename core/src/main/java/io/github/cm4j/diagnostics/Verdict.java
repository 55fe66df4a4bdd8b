package io.github.cm4j.diagnostics;

/**
 * The outcome of one {@link Check}. Ordered from best to worst for {@link Diagnosis#verdict()}; {@link #SKIPPED}
 * does not count towards the overall verdict (the check's reason says why it could not run).
 */
public enum Verdict {
    /** The check found what it looked for. */
    PASS,
    /** It works, but something will bite later (an IP address instead of a DNS name, a read-only account, ...). */
    WARN,
    /** This is what stops cm4j from working against the site; the check's advice says what to do. */
    FAIL,
    /** The check could not run (an earlier check failed, or the transport cannot tell); the evidence says why. */
    SKIPPED;

    /** @return the lower-case name used in JSON and tables: {@code pass}, {@code warn}, {@code fail}, {@code skipped} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
