package io.github.cm4j.benchmarks;

/**
 * A timed loop: how many objects were decoded in how many seconds.
 *
 * @param iterations the objects decoded
 * @param seconds the wall-clock time of the loop
 */
record Rate(long iterations, double seconds) {

    /** @return objects per second */
    double objectsPerSecond() {
        return iterations / seconds;
    }

    /**
     * @param bytesPerObject the size of each decoded input
     * @return MB (10^6 bytes) of input per second
     */
    double megabytesPerSecond(int bytesPerObject) {
        return objectsPerSecond() * bytesPerObject / 1e6;
    }
}
