package io.github.cm4j.model;

import io.github.cm4j.PropertyNotLoadedException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The value of a lazy WMI property: either loaded (with a value) or not loaded. The SMS Provider leaves lazy
 * properties NULL in query results and fills them only when an object is read by its path (GetObject); a
 * {@code Lazy} keeps "not loaded" apart from "loaded and empty", so that neither reading nor writing back
 * mistakes one for the other.
 *
 * <pre>{@code
 * update.localizedEulas().isLoaded();          // false for a query result
 * update.localizedEulas().get();               // throws PropertyNotLoadedException, saying how to load it
 * update.localizedEulas().orElse(List.of());   // a fallback instead
 * }</pre>
 *
 * Immutable and thread-safe. Two not-loaded values are equal whatever object they came from.
 *
 * @param <T> the type of the value
 */
public final class Lazy<T> {
    private static final Lazy<?> NOT_LOADED = new Lazy<>(null, false, null);

    private final T value;
    private final boolean loaded;
    private final Supplier<String> notLoadedMessage;

    private Lazy(T value, boolean loaded, Supplier<String> notLoadedMessage) {
        this.value = value;
        this.loaded = loaded;
        this.notLoadedMessage = notLoadedMessage;
    }

    /**
     * {@return a loaded value}
     *
     * @param value the loaded value, not null
     * @param <T> the type of the value
     */
    public static <T> Lazy<T> of(T value) {
        return new Lazy<>(Objects.requireNonNull(value, "a loaded Lazy value cannot be null"), true, null);
    }

    /**
     * {@return a value that was not loaded, with a generic message when read}
     *
     * @param <T> the type of the value
     */
    @SuppressWarnings("unchecked")
    public static <T> Lazy<T> notLoaded() {
        return (Lazy<T>) NOT_LOADED;
    }

    /**
     * {@return a value that was not loaded}
     *
     * @param message supplies the error message for reading it: which property of which object, and how to
     *                load it (called only on failure)
     * @param <T> the type of the value
     */
    public static <T> Lazy<T> notLoaded(Supplier<String> message) {
        return new Lazy<>(null, false, Objects.requireNonNull(message, "message"));
    }

    /** {@return whether the value was loaded} */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * {@return the loaded value}
     *
     * @throws PropertyNotLoadedException when it was not loaded; the message says how to load it
     */
    public T get() {
        if (!loaded) {
            throw new PropertyNotLoadedException(notLoadedMessage != null ? notLoadedMessage.get()
                    : "the lazy property was not loaded: query results leave lazy properties NULL;"
                    + " read the object by its path (a GetObject) to load them");
        }
        return value;
    }

    /** {@return the value when loaded, else empty} */
    public Optional<T> toOptional() {
        return loaded ? Optional.of(value) : Optional.empty();
    }

    /**
     * {@return the value when loaded, else {@code other}}
     *
     * @param other the fallback
     */
    public T orElse(T other) {
        return loaded ? value : other;
    }

    /**
     * {@return the converted value when loaded; this not-loaded value (with its message) otherwise}
     *
     * @param mapper converts a loaded value
     * @param <U> the type of the result
     */
    @SuppressWarnings("unchecked")
    public <U> Lazy<U> map(Function<? super T, ? extends U> mapper) {
        return loaded ? Lazy.of(mapper.apply(value)) : (Lazy<U>) this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lazy && ((Lazy<?>) o).loaded == loaded && Objects.equals(((Lazy<?>) o).value, value);
    }

    @Override
    public int hashCode() {
        return loaded ? Objects.hashCode(value) : -1;
    }

    /** {@return the value's text when loaded, {@code <not loaded>} otherwise} */
    @Override
    public String toString() {
        return loaded ? String.valueOf(value) : "<not loaded>";
    }
}
