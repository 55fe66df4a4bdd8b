package io.github.cm4j.simulator;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.List;

/**
 * One stored or generated instance as the query engine sees it: values are read by property position
 * (positions of a class's inherited properties equal those of its superclass, so a position resolved
 * against the FROM class holds for rows of its subclasses). Generated rows compute values on demand.
 */
interface Row {

    /** @return the class of the instance */
    WmiClass wmiClass();

    /**
     * @param index a position in {@code wmiClass().properties()}
     * @return the value there (lazy properties included), or null for NULL
     */
    CimValue value(int index);

    /**
     * Builds the instance.
     *
     * @param withLazy whether lazy properties carry their values (GetObject) or are NULL (query results)
     * @return the instance
     */
    default WmiObject toObject(boolean withLazy) {
        WmiClass cls = wmiClass();
        List<PropertyDefinition> props = cls.properties();
        WmiObject.Builder b = WmiObject.builder(cls);
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition p = props.get(i);
            CimValue v = (!withLazy && p.isLazy()) ? null : value(i);
            if (v == null) {
                b.setNull(p.name(), p.type());
            } else {
                b.set(p.name(), v);
            }
        }
        return b.build();
    }

    /**
     * @param object a stored instance
     * @return a row reading it
     */
    static Row of(WmiObject object) {
        return new ObjectRow(object);
    }

    /** A row over a stored {@link WmiObject}. */
    record ObjectRow(WmiObject object) implements Row {
        @Override
        public WmiClass wmiClass() {
            return object.wmiClass();
        }

        @Override
        public CimValue value(int index) {
            return object.valueAt(index);
        }

        @Override
        public WmiObject toObject(boolean withLazy) {
            if (withLazy || object.wmiClass().lazyProperties().isEmpty()) {
                return object;
            }
            WmiObject o = object;
            for (PropertyDefinition p : object.wmiClass().lazyProperties()) {
                o = o.with(p.name(), null);
            }
            return o;
        }
    }
}
