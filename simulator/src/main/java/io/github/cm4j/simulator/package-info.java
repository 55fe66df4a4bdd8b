/**
 * The embedded simulated SMS Provider behind {@code memory:} URIs: a whole ConfigMgr hierarchy in memory.
 *
 * <p>{@link io.github.cm4j.simulator.SimulatedProvider} is the simulator (built-in hierarchies
 * {@code demo}, {@code demo?version=2007}, {@code empty}, or a custom one from its builder);
 * {@link io.github.cm4j.simulator.MemoryTransportProvider} makes it reachable through
 * {@code ConfigMgr.connect("memory:demo")}; {@link io.github.cm4j.simulator.SyncEngine} runs software update
 * point synchronizations on a {@link io.github.cm4j.simulator.SimulatedClock};
 * {@link io.github.cm4j.simulator.Faults} injects seeded faults and latency. Classes come from
 * {@link io.github.cm4j.schema.Schema#builtIn()}; queries are evaluated on the core WQL AST. See
 * docs/simulator.md for the semantics, the error codes and what is not simulated.
 */
package io.github.cm4j.simulator;
