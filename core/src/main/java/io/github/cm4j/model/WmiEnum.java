package io.github.cm4j.model;

/**
 * An enum whose constants stand for the integer codes of a WMI property (for example {@link Severity}).
 * The binder maps a code to the constant with that {@link #code()}; a code no constant has is a
 * {@link io.github.cm4j.MappingException}, unless the enum has a constant whose {@link #isUnrecognized()}
 * is true, which then stands for every other code (reading it back from the source object keeps the
 * original code).
 *
 * <p>Implemented by enums, which are immutable and thread-safe.
 */
public interface WmiEnum {
    /** {@return the integer code of this constant in WMI} */
    long code();

    /** {@return a short human text for the constant} */
    String text();

    /** {@return whether this constant stands for codes the enum does not know (at most one constant)} */
    default boolean isUnrecognized() {
        return false;
    }
}
