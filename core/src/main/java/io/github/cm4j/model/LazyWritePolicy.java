package io.github.cm4j.model;

/**
 * What writing a model back to the provider (a put) does about lazy properties that were never loaded.
 *
 * <p>ConfigMgr leaves lazy properties NULL in query results. Writing such an object back as a whole puts
 * those NULLs too and can wipe data (for example the localized EULAs of an update), so cm4j refuses by
 * default.
 */
public enum LazyWritePolicy {
    /** Refuse the put when any lazy property was not loaded (the default; load them with a GetObject first). */
    REQUIRE_LOADED,
    /**
     * Write only the properties that are known and leave the unloaded lazy ones untouched on the server.
     * Needs a transport with {@link io.github.cm4j.spi.Capability#PARTIAL_PUT}: the put carries the WMI
     * partial-instance context ({@code __PUT_EXTENSIONS}, {@code __PUT_EXT_PROPERTIES}).
     */
    LEAVE_UNTOUCHED
}
