package io.github.cm4j.internal;

import io.github.cm4j.AuthenticationException;
import io.github.cm4j.CallTimeoutException;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.TransportException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.diagnostics.Check;
import io.github.cm4j.diagnostics.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs diagnostic checks one after another, each on its own daemon thread under a deadline (the smaller of the
 * per-check deadline and what is left of the run's budget), so that a check that hangs cannot hold the run: it is
 * reported as failed and its thread interrupted. Once the budget is spent the remaining checks are skipped. Not
 * thread-safe: one runner per diagnosis.
 */
public final class Doctor {
    /** Default deadline of one check. */
    public static final Duration DEFAULT_CHECK_DEADLINE = Duration.ofSeconds(15);
    /** Default bound of a whole run. */
    public static final Duration DEFAULT_TOTAL = Duration.ofSeconds(90);
    /** Evidence lines are cut here: one line each, readable on a terminal. */
    private static final int MAX_EVIDENCE = 400;

    private final Duration perCheck;
    private final long start = System.nanoTime();
    private final long end;
    private final List<Check> results = new ArrayList<>();

    /**
     * @param perCheck the deadline of one check; positive
     * @param total the bound of the whole run; positive
     */
    public Doctor(Duration perCheck, Duration total) {
        if (perCheck.isNegative() || perCheck.isZero() || total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("diagnosis deadlines must be positive, got " + perCheck + " and " + total);
        }
        this.perCheck = perCheck;
        this.end = start + total.toNanos();
    }

    /** @return the deadline of one check */
    public Duration perCheck() {
        return perCheck;
    }

    /** @return the time left of the run's budget (zero when spent) */
    public Duration left() {
        return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
    }

    /** @return how long the run has taken so far */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Runs one check and records its result.
     *
     * @param id the check id
     * @param title the check title
     * @param body the check, given its deadline
     * @return the recorded result
     */
    public Check run(String id, String title, Function<Duration, Check> body) {
        return run(id, title, body, null);
    }

    /**
     * Runs one check; when it is abandoned (deadline passed) and later produces a value, {@code orphan} receives
     * what the body left behind through {@code body}'s own means (e.g. a connection to close).
     *
     * @param id the check id
     * @param title the check title
     * @param body the check, given its deadline
     * @param onAbandon called (on the check's thread) if the check finishes after it was abandoned, or null
     * @return the recorded result
     */
    public Check run(String id, String title, Function<Duration, Check> body, Consumer<Check> onAbandon) {
        Duration left = left();
        if (left.toMillis() < 50) {
            return record(Check.skipped(id, title, "the run's time budget is spent; run doctor again with a larger --timeout"));
        }
        Duration deadline = left.compareTo(perCheck) < 0 ? left : perCheck;
        long t0 = System.nanoTime();
        CompletableFuture<Check> f = new CompletableFuture<>();
        Object lock = new Object();
        boolean[] abandoned = new boolean[1];
        Thread t = new Thread(() -> {
            Check c;
            try {
                c = body.apply(deadline);
            } catch (RuntimeException | Error e) {
                c = failure(id, title, e);
            }
            synchronized (lock) {
                if (abandoned[0] && onAbandon != null) {
                    onAbandon.accept(c);
                }
                f.complete(c);
            }
        }, "cm4j-doctor " + id);
        t.setDaemon(true);
        t.start();
        Check result;
        try {
            result = f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (lock) {
                if (f.isDone()) {
                    result = f.join();
                } else {
                    abandoned[0] = true;
                    t.interrupt();
                    result = Check.fail(id, title, "no answer within " + seconds(deadline) + " (the check's deadline)",
                            "the peer is slow or a firewall drops packets silently; check the network path, or run doctor with"
                                    + " a larger --timeout");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.interrupt();
            result = Check.skipped(id, title, "interrupted");
        } catch (ExecutionException e) {
            result = failure(id, title, e.getCause());
        }
        if (!result.id().equals(id) || !result.title().equals(title)) {
            // the runner's id and title are the ones the caller listed; a body may leave them empty
            result = new Check(id, title, result.verdict(), result.evidence(), result.advice(), result.elapsed());
        }
        return record(result.withElapsed(Duration.ofNanos(System.nanoTime() - t0)));
    }

    /**
     * Records a check without running anything (e.g. a skipped one).
     *
     * @param check the result
     * @return {@code check}
     */
    public Check record(Check check) {
        results.add(check);
        return check;
    }

    /** @return the results so far, in order */
    public List<Check> results() {
        return List.copyOf(results);
    }

    /**
     * @param id a check id
     * @return whether that check ran and did not fail (pass or warn)
     */
    public boolean passed(String id) {
        return results.stream().anyMatch(c -> c.id().equals(id) && (c.verdict() == Verdict.PASS || c.verdict() == Verdict.WARN));
    }

    /**
     * A failed check for an exception, with the advice its type calls for.
     *
     * @param id the check id
     * @param title the check title
     * @param e what the check threw
     * @return the failed check
     */
    public static Check failure(String id, String title, Throwable e) {
        return Check.fail(id, title, evidence(e), advice(e));
    }

    /**
     * @param e an exception
     * @return its message on one line, cut to a readable length
     */
    public static String evidence(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > MAX_EVIDENCE ? m.substring(0, MAX_EVIDENCE - 3) + "..." : m;
    }

    /**
     * @param e an exception from a connection or a call
     * @return what a user does about it, in terms of doctor's options
     */
    public static String advice(Throwable e) {
        if (e instanceof AuthenticationException) {
            return "check --user and the password (CM4J_PASSWORD); the account needs DCOM Remote Activation and WMI Remote"
                    + " Enable on the namespace (a member of SMS Admins on the site server has them)";
        }
        if (e instanceof CallTimeoutException) {
            return "the provider did not answer in time: check the network path and the provider's load, or raise --timeout";
        }
        if (e instanceof ConnectionException) {
            return "check the host name, that the site server is up, and that firewalls pass TCP 135 and the dynamic RPC range"
                    + " (49152-65535)";
        }
        if (e instanceof WmiException w) {
            WbemStatus s = w.status().orElse(null);
            if (s == WbemStatus.WBEM_E_ACCESS_DENIED) {
                return "the account lacks the ConfigMgr role for this (e.g. Read-only Analyst cannot write); ask a ConfigMgr"
                        + " administrator for a role with the needed permissions";
            }
            if (s == WbemStatus.WBEM_E_INVALID_NAMESPACE) {
                return "check the site code in --uri (dcom://host/SITE): the provider has no such namespace";
            }
            return "see the WBEM status " + w.statusName() + " in docs/errors.md";
        }
        if (e instanceof TransportException) {
            return "see docs/troubleshooting.md for this transport failure";
        }
        if (e instanceof IllegalArgumentException) {
            return "correct --uri or the options named in the message";
        }
        return "run with --verbose and report it with a recording (docs/troubleshooting.md)";
    }

    /**
     * @param d a duration
     * @return e.g. {@code 1.5 s}
     */
    public static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
