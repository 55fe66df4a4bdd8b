package io.github.cm4j.benchmarks;

/**
 * A timed loop: how many objects were decoded in how much wall-clock time and how much CPU time of the
 * decoding thread. On a machine shared with other work the CPU-time rate is the steadier one: it does not count
 * the time the thread waited for a core. It leaves out the JVM's JIT compiler and garbage collector threads
 * (a young collection of the decoder's short-lived garbage is cheap; compilation is over after the warm-up).
 *
 * @param iterations the objects decoded
 * @param seconds the wall-clock time of the loop
 * @param cpuSeconds the CPU time the decoding thread used during the loop
 */
record Rate(long iterations, double seconds, double cpuSeconds) {

    /** @return objects per wall-clock second */
    double objectsPerSecond() {
        return iterations / seconds;
    }

    /** @return objects per second of the decoding thread's CPU time */
    double objectsPerCpuSecond() {
        return iterations / cpuSeconds;
    }
}
