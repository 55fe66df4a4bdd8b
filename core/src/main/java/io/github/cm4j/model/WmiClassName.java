package io.github.cm4j.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a model type to the WMI class its instances come from, for example
 * {@code @WmiClassName("SMS_SoftwareUpdate")}.
 *
 * <p>Named {@code WmiClassName} rather than {@code WmiClass} so that it never clashes with
 * {@link io.github.cm4j.cim.WmiClass}, the class definition type, in code that uses both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WmiClassName {
    /** {@return the WMI class name, e.g. {@code SMS_SoftwareUpdate}} */
    String value();

    /**
     * {@return how a caller loads the lazy properties of this class, quoted in the error raised when one that was
     * not loaded is read (e.g. {@code "softwareUpdates().get(ciId)"}); empty for the generic advice (read the
     * object by its path)}
     */
    String loadHint() default "";
    /**
     * {@return the provider versions that lack the class ({@code "2007"}, {@code "current"}); checked like
     * {@link WmiPropertyName#absentOn()}}
     */
    String[] absentOn() default {};
}
