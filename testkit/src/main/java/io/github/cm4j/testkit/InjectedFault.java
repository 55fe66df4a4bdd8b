package io.github.cm4j.testkit;

import io.github.cm4j.WbemStatus;
import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the contract tests ask the target to show, to check deadlines and the mapping of failures
 * to cm4j exceptions. A subclass of {@link WmiTransportContractTest} that can make its target misbehave (the
 * simulator's {@code Faults}, a loopback server backed by it) opens a transport to such a target in
 * {@link WmiTransportContractTest#openTransport(InjectedFault)}; one that cannot returns empty, and the tests
 * needing that fault are skipped.
 */
public sealed interface InjectedFault {

    /**
     * Every call takes at least this long on the server (a real wait).
     *
     * @param perCall the wait of every call, positive
     */
    record Latency(Duration perCall) implements InjectedFault {
        /** Validates the components. */
        public Latency {
            Objects.requireNonNull(perCall, "perCall");
            if (perCall.isNegative() || perCall.isZero()) {
                throw new IllegalArgumentException("latency must be positive, got " + perCall);
            }
        }
    }

    /**
     * Every call of one operation fails on the server with a WBEM status.
     *
     * @param operation the operation that fails
     * @param status the status it fails with
     */
    record FailAlways(Operation operation, WbemStatus status) implements InjectedFault {
        /** Validates the components. */
        public FailAlways {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The connection breaks while a query's results are read, after this many objects.
     *
     * @param objects the objects delivered before the break, at least 1
     */
    record DropEnumerationAfter(int objects) implements InjectedFault {
        /** Validates the components. */
        public DropEnumerationAfter {
            if (objects < 1) {
                throw new IllegalArgumentException("objects must be at least 1, got " + objects);
            }
        }
    }

    /**
     * @param perCall the wait of every call
     * @return the fault
     */
    static InjectedFault latency(Duration perCall) {
        return new Latency(perCall);
    }

    /**
     * @param operation the operation that fails
     * @param status the status it fails with
     * @return the fault
     */
    static InjectedFault failAlways(Operation operation, WbemStatus status) {
        return new FailAlways(operation, status);
    }

    /**
     * @param objects the objects delivered before the connection breaks
     * @return the fault
     */
    static InjectedFault dropEnumerationAfter(int objects) {
        return new DropEnumerationAfter(objects);
    }
}
