/**
 * The {@code dcom://} transport ({@link io.github.cm4j.wmi.transport.DcomTransportProvider}): MS-WMI over DCOM to a
 * ConfigMgr SMS Provider, found through {@link java.util.ServiceLoader} by {@code io.github.cm4j.ConfigMgr}. The
 * provider is the only public type; the session (activation, exporter connections, reference counting, pinging), the
 * MS-WMI calls and the error mapping are package-private. URI, options, Windows-side set-up and errors:
 * {@code docs/transport-dcom.md}.
 */
package io.github.cm4j.wmi.transport;
