package io.github.cm4j.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@code ConfigMgr.diagnose()}: the ordered checks (transport first, then ConfigMgr) and how long
 * the run took. Immutable and thread-safe.
 *
 * @param target the connection URI as given (it never holds a secret: cm4j refuses credentials in URIs)
 * @param account the account the checks ran as, or empty
 * @param checks the checks in the order they ran
 * @param elapsed how long the whole run took
 */
public record Diagnosis(String target, String account, List<Check> checks, Duration elapsed) {

    /**
     * Copies the list.
     *
     * @param target the connection URI
     * @param account the account, or empty
     * @param checks the checks in order
     * @param elapsed how long the run took
     */
    public Diagnosis {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(account, "account");
        checks = List.copyOf(checks);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * The overall verdict: the worst of the checks that ran ({@link Verdict#FAIL} over {@link Verdict#WARN} over
     * {@link Verdict#PASS}); skipped checks do not count; {@link Verdict#SKIPPED} when nothing ran.
     *
     * @return the overall verdict
     */
    public Verdict verdict() {
        Verdict worst = null;
        for (Check c : checks) {
            if (c.verdict() != Verdict.SKIPPED && (worst == null || c.verdict().compareTo(worst) > 0)) {
                worst = c.verdict();
            }
        }
        return worst == null ? Verdict.SKIPPED : worst;
    }

    /**
     * @param id a check id, e.g. {@code dns}
     * @return that check, if it is part of this diagnosis
     */
    public Optional<Check> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * @param verdict a verdict
     * @return the checks whose verdict is {@code verdict}, in order
     */
    public List<Check> checks(Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).toList();
    }

    /** @return one line per check after a header line */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Diagnosis[" + target + (account.isEmpty() ? "" : " as " + account) + ": "
                + verdict().label() + " in " + io.github.cm4j.Durations.human(elapsed) + "]");
        for (Check c : checks) {
            b.append(System.lineSeparator()).append("  ").append(c);
        }
        return b.toString();
    }
}
