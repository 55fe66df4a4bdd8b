/**
 * A minimal third-party transport, {@code audit:}, written against cm4j's transport SPI
 * ({@link io.github.cm4j.spi}) only: it forwards to another transport and keeps an audit trail of changes. It is
 * found by its scheme through {@code META-INF/services}, and passes the transport contract kit
 * ({@code cm4j-testkit}'s {@code WmiTransportContractTest}; see {@code AuditTransportContractTest}). The example
 * {@link io.github.cm4j.examples.CustomTransport} uses it.
 */
package io.github.cm4j.examples.audit;
