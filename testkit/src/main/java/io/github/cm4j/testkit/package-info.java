/**
 * The transport contract kit: {@link io.github.cm4j.testkit.WmiTransportContractTest}, the JUnit 5 test class
 * every {@link io.github.cm4j.spi.WmiTransport}'s tests extend (with a {@link io.github.cm4j.testkit.ContractFixture}
 * and, optionally, {@link io.github.cm4j.testkit.InjectedFault}s and an
 * {@link io.github.cm4j.testkit.EnumerationProbe}), and {@link io.github.cm4j.testkit.RecordingTransport}, a
 * decorator that records every call into a {@link io.github.cm4j.testkit.CallLog} and counts round trips per
 * {@link io.github.cm4j.testkit.Operation}. A test library: JUnit 5 and AssertJ are dependencies of its main
 * classes. See docs/testing.md.
 */
package io.github.cm4j.testkit;
