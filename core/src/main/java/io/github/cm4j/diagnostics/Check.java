package io.github.cm4j.diagnostics;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one diagnostic check: a verdict, one line of evidence (what was seen) and one line of advice (what
 * to do; empty when there is nothing to do). Immutable and thread-safe. Evidence and advice never carry a secret.
 *
 * @param id a stable identifier, e.g. {@code dns}, {@code tcp-resolver}, {@code read}; scripts key on it
 * @param title what was checked, for people
 * @param verdict the outcome
 * @param evidence one line: what was seen
 * @param advice one line: what to do, or empty
 * @param elapsed how long the check took
 */
public record Check(String id, String title, Verdict verdict, String evidence, String advice, Duration elapsed) {

    /**
     * Validates and normalises: line breaks in evidence and advice become spaces (each is one line).
     *
     * @param id a stable identifier
     * @param title what was checked
     * @param verdict the outcome
     * @param evidence what was seen
     * @param advice what to do, or empty
     * @param elapsed how long the check took
     * @throws NullPointerException if a component is null
     */
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(verdict, "verdict");
        evidence = oneLine(Objects.requireNonNull(evidence, "evidence"));
        advice = oneLine(Objects.requireNonNull(advice, "advice"));
        Objects.requireNonNull(elapsed, "elapsed");
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * A passed check.
     *
     * @param id the check id
     * @param title what was checked
     * @param evidence what was seen
     * @return the check (elapsed zero until the runner measures it)
     */
    public static Check pass(String id, String title, String evidence) {
        return new Check(id, title, Verdict.PASS, evidence, "", Duration.ZERO);
    }

    /**
     * A warning.
     *
     * @param id the check id
     * @param title what was checked
     * @param evidence what was seen
     * @param advice what to do
     * @return the check
     */
    public static Check warn(String id, String title, String evidence, String advice) {
        return new Check(id, title, Verdict.WARN, evidence, advice, Duration.ZERO);
    }

    /**
     * A failure.
     *
     * @param id the check id
     * @param title what was checked
     * @param evidence what was seen
     * @param advice what to do
     * @return the check
     */
    public static Check fail(String id, String title, String evidence, String advice) {
        return new Check(id, title, Verdict.FAIL, evidence, advice, Duration.ZERO);
    }

    /**
     * A check that could not run.
     *
     * @param id the check id
     * @param title what was checked
     * @param reason why it could not run
     * @return the check
     */
    public static Check skipped(String id, String title, String reason) {
        return new Check(id, title, Verdict.SKIPPED, reason, "", Duration.ZERO);
    }

    /**
     * @param value how long the check took
     * @return a copy with that duration
     */
    public Check withElapsed(Duration value) {
        return new Check(id, title, verdict, evidence, advice, value);
    }

    /** @return {@code [fail] dns  Name resolution: evidence -> advice} */
    @Override
    public String toString() {
        return "[" + verdict.label() + "] " + id + " " + title + ": " + evidence + (advice.isEmpty() ? "" : " -> " + advice);
    }
}
