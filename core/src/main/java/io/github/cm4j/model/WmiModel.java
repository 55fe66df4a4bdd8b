package io.github.cm4j.model;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.internal.ModelBinder;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What every typed model has: the WMI object it was bound from, kept so that writing the model back loses
 * nothing the model does not know (properties a newer provider added, NULLs, class defaults).
 *
 * <p>Implemented by immutable models; thread-safe.
 */
public interface WmiModel {

    /**
     * {@return the WMI object this model was bound from; empty for a model built in code. Not part of
     * {@code equals}, {@code hashCode} or {@code toString}.}
     */
    @Value.Auxiliary
    Optional<WmiObject> sourceObject();

    /**
     * {@return the non-NULL values of the source object's properties that this model does not bind (for example
     * ones a newer provider added), by property name; empty without a source object}
     */
    default Map<String, CimValue> unknownProperties() {
        return ModelBinder.unknownProperties(this);
    }

    /**
     * Binds this model back to a WMI object: the source object with the changed values applied (so unknown
     * properties, NULLs and defaults survive), or, for a model built in code, a new instance of the class
     * in the built-in schema. Lazy properties that were not loaded keep the source object's value. For a
     * put, use the operations of cm4j, which refuse to write unloaded lazy properties back.
     *
     * @return the WMI object
     */
    default WmiObject toWmiObject() {
        return ModelBinder.toWmiObjectOf(this);
    }
}
