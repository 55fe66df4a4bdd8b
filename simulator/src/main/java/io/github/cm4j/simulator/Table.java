package io.github.cm4j.simulator;

import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.stream.Stream;

/**
 * The instances of one concrete class. Implementations are thread-safe; scans are weakly consistent
 * (a scan running while another thread writes sees each instance either before or after the write).
 */
interface Table {

    /** @return the class */
    WmiClass wmiClass();

    /**
     * @param ctx the call's view
     * @return the instances the call sees, in key order
     */
    Stream<Row> scan(Ctx ctx);

    /**
     * @param key a normalised key ({@link Keys})
     * @param ctx the call's view
     * @return the instance, or null
     */
    Row get(String key, Ctx ctx);

    /**
     * An index lookup: the instances whose property equals a value, when the table can find them without a
     * scan.
     *
     * @param propertyIndex the property position
     * @param norm the comparable form of the value ({@link Coerce#norm})
     * @param ctx the call's view
     * @return the matching instances, or null when the table has no index on that property
     */
    default Stream<Row> lookup(int propertyIndex, Object norm, Ctx ctx) {
        return null;
    }

    /**
     * Writes an instance.
     *
     * @param object the complete instance (its class is this table's class)
     * @param key its normalised key
     * @param ctx the call's view
     * @return the instance before the write, or null when it did not exist
     */
    WmiObject put(WmiObject object, String key, Ctx ctx);

    /**
     * @param key the normalised key
     * @param ctx the call's view
     * @return whether an instance was deleted
     */
    boolean delete(String key, Ctx ctx);

    /** @return whether clients may write this class (classes with the {@code Read} qualifier may not) */
    default boolean writable() {
        return !wmiClass().hasFlag("Read");
    }
}
