/**
 * The transport SPI. A transport carries untyped {@link io.github.cm4j.cim.WmiObject}s to and from an SMS
 * Provider; it adds no ConfigMgr logic. Transports are found with {@link java.util.ServiceLoader} by the
 * scheme of the connection URI ({@code memory:}, {@code dcom://}, ...): implement
 * {@link io.github.cm4j.spi.WmiTransportProvider}, list it in
 * {@code META-INF/services/io.github.cm4j.spi.WmiTransportProvider}, and run the contract suite of
 * {@code cm4j-testkit} against it.
 */
package io.github.cm4j.spi;
