package io.github.cm4j.spi;

/** Optional abilities a transport may have; core checks them before relying on one. */
public enum Capability {
    /** Carries {@link io.github.cm4j.cim.WmiContext} values to the provider (needed for site control file sessions). */
    CONTEXT,
    /** Returns class definitions from {@link WmiTransport#getClass}. */
    CLASS_DEFINITIONS,
    /** Can put only selected properties of an instance (leaving lazy properties untouched). */
    PARTIAL_PUT,
    /** Connects to a remote host over the network (as opposed to an in-process simulator). */
    REMOTE
}
