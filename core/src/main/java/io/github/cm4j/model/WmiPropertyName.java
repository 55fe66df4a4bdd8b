package io.github.cm4j.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a model accessor to a WMI property, for example {@code @WmiPropertyName(value = "CI_ID", key = true)}.
 *
 * <p>The Java type of the accessor decides the mapping (see {@code docs/models.md}): {@code long} takes any
 * integer type, {@code int} the 8-, 16- and 32-bit ones (a {@code uint32} as its bit pattern),
 * {@code boolean}, {@code String}, {@code Instant}/{@code OffsetDateTime} for datetimes, {@code Duration}
 * for intervals, {@code List<...>} for arrays, a {@link WmiEnum} enum for a closed set of integer codes, a
 * model type for an embedded object; {@code Optional<...>} where NULL is a normal value; {@link Lazy} for
 * a lazy property. Accessors without this annotation are not bound.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WmiPropertyName {
    /** {@return the WMI property name, spelled as the class declares it} */
    String value();

    /** {@return whether the property is a key of the class (checked against the schema)} */
    boolean key() default false;
    /**
     * {@return the provider versions whose class lacks this property ({@code "2007"}, {@code "current"}); on
     * those an {@code Optional} accessor reads empty and any other the type's empty value. {@code cm4j schema
     * check-models} checks it against {@code Schema.forVersion}: absent exactly where declared}
     */
    String[] absentOn() default {};
}
