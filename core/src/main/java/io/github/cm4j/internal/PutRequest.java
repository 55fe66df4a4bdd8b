package io.github.cm4j.internal;

import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import java.util.List;

/**
 * A model bound for a put: the instance, the context to send with it and the lazy properties left
 * untouched on the server.
 *
 * @param instance the instance to put
 * @param context the partial-put context ({@code __PUT_EXTENSIONS}, {@code __PUT_EXT_PROPERTIES}) when lazy
 *                properties are left untouched; empty otherwise (merge the caller's own values into it)
 * @param untouchedLazyProperties the lazy properties not written (not loaded); empty for a full put
 */
public record PutRequest(WmiObject instance, WmiContext context, List<String> untouchedLazyProperties) {
    /**
     * Copies the list.
     *
     * @param instance the instance to put
     * @param context the context to put it with
     * @param untouchedLazyProperties the lazy properties not written
     */
    public PutRequest {
        untouchedLazyProperties = List.copyOf(untouchedLazyProperties);
    }

    /** @return whether this is a partial put (some lazy properties left untouched) */
    public boolean isPartial() {
        return !untouchedLazyProperties.isEmpty();
    }
}
