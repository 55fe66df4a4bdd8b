package io.github.cm4j.simulator.testing;

import io.github.cm4j.simulator.Faults;
import io.github.cm4j.testkit.InjectedFault;
import java.util.Optional;

/**
 * The contract kit's injected faults as the simulator's {@link Faults}: one mapping for every contract test whose
 * transport runs over the simulator (memory:, the loopback DCOM server, forwarding transports).
 */
public final class InjectedFaults {
    private InjectedFaults() {
    }

    /**
     * @param fault a fault the kit asks for
     * @return the simulator faults that produce it, or empty for a kind the simulator cannot inject
     */
    public static Optional<Faults> toFaults(InjectedFault fault) {
        Faults.Builder faults = Faults.builder();
        if (fault instanceof InjectedFault.Latency latency) {
            faults.latency(latency.perCall(), latency.perCall());
        } else if (fault instanceof InjectedFault.FailAlways failure) {
            faults.failAlways(failure.operation().wbemMethod(), failure.status());
        } else if (fault instanceof InjectedFault.DropEnumerationAfter drop) {
            faults.dropEnumerationAfter(drop.objects());
        } else {
            return Optional.empty();
        }
        return Optional.of(faults.build());
    }
}
