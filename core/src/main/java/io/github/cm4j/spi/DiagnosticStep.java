package io.github.cm4j.spi;

import io.github.cm4j.diagnostics.Check;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One transport-level check of {@code ConfigMgr.diagnose()}, contributed by a transport provider through
 * {@link WmiTransportProvider#diagnostics(TransportConfig)} (name resolution, TCP reachability, activation,
 * authentication for {@code dcom://}; HTTP, TLS and Negotiate for an HTTP transport).
 *
 * <p>Contract: the steps of one list run in order, each on its own thread, under a deadline given to
 * {@link #run}; a step that overruns it is abandoned (its thread interrupted) and reported as failed, so a step
 * must make every blocking call with at most that deadline and give up when interrupted. Steps of one list may
 * share state (a later step skips itself when an earlier one failed: return {@link Check#skipped}). A step is
 * read-only: it never changes the site. It returns a {@link Check} rather than throwing; an exception is reported
 * as a failed check with the exception's message. Evidence and advice never carry a secret.
 */
public interface DiagnosticStep {

    /** @return the stable id of the check this step produces, e.g. {@code dns} */
    String id();

    /** @return what the step checks, for people, e.g. {@code Name resolution and FQDN} */
    String title();

    /**
     * Runs the check.
     *
     * @param deadline the time this step may take
     * @return the result; its id and title should be this step's
     */
    Check run(Duration deadline);

    /**
     * A step made of its id, title and body, for transports whose checks are methods of one diagnosis object.
     *
     * @param id the stable id, e.g. {@code dns}
     * @param title what it checks, for people
     * @param body the check, given the step's deadline
     * @return the step; its {@code toString} is {@code DiagnosticStep[id]}
     */
    static DiagnosticStep of(String id, String title, Function<Duration, Check> body) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        return new DiagnosticStep() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public Check run(Duration deadline) {
                return body.apply(deadline);
            }

            @Override
            public String toString() {
                return "DiagnosticStep[" + id + "]";
            }
        };
    }
}
