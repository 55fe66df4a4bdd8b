package io.github.cm4j.operations;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.simulator.Faults;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;

/**
 * Simulated hierarchies for the operations tests: a clock that stands still, and clients whose waits move
 * it (so {@code SyncJob.await} is instant and deterministic).
 */
final class Hierarchies {
    final SimulatedClock clock = SimulatedClock.standard();
    final SimulatedProvider sim;

    private Hierarchies(ProviderVersion version, Faults faults, int updates, String... withoutSup) {
        SimulatedProvider.Builder b = SimulatedProvider.builder().version(version).clock(clock).faults(faults)
                .catalogSize(updates);
        for (String site : withoutSup) {
            b.withoutSoftwareUpdatePoint(site);
        }
        this.sim = b.build();
    }

    /** @param version the version @param sites sites without a software update point @return the demo hierarchy so */
    static Hierarchies withoutSoftwareUpdatePoint(ProviderVersion version, String... sites) {
        return new Hierarchies(version, Faults.none(), 2_000, sites);
    }

    /** @return CAS with children PS1, PS2, current branch */
    static Hierarchies currentBranch() {
        return new Hierarchies(ProviderVersion.CURRENT_BRANCH, Faults.none(), 2_000);
    }

    /** @return CEN with child PS1, ConfigMgr 2007 */
    static Hierarchies cm2007() {
        return new Hierarchies(ProviderVersion.CM2007, Faults.none(), 2_000);
    }

    /** @param faults the faults @return current branch with faults */
    static Hierarchies currentBranch(Faults faults) {
        return new Hierarchies(ProviderVersion.CURRENT_BRANCH, faults, 2_000);
    }

    /** @return a client of the top site */
    ConfigMgr connect() {
        return connect(sim.topSite().code());
    }

    /** @param site a site code @return a client of that site's namespace */
    ConfigMgr connect(String site) {
        return ConfigMgr.builder().uri("memory:test?site=" + site).provider(sim.transportProvider())
                .clock(clock).sleeper(clock::advance).connect();
    }
}
