/** JMH benchmarks of cm4j; run {@code java -jar benchmarks/target/benchmarks.jar -h} for options. */
package io.github.cm4j.benchmarks;
