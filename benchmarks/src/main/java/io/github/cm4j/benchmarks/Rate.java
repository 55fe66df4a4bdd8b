package io.github.cm4j.benchmarks;

/**
 * A timed loop: how many objects were decoded in how much wall-clock time and how much CPU time of the whole
 * process (JIT compiler and garbage collector threads included). On a machine shared with other work the
 * CPU-time rate is the steadier one: it does not count the time the process waited for a core.
 *
 * @param iterations the objects decoded
 * @param seconds the wall-clock time of the loop
 * @param cpuSeconds the CPU time the process used during the loop
 */
record Rate(long iterations, double seconds, double cpuSeconds) {

    /** @return objects per wall-clock second */
    double objectsPerSecond() {
        return iterations / seconds;
    }

    /** @return objects per second of process CPU time */
    double objectsPerCpuSecond() {
        return iterations / cpuSeconds;
    }
}
