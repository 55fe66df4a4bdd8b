package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_CI_LocalizedProperties}: the title, description and information URL of a configuration item
 * in one language (an element of {@code SMS_SoftwareUpdate.LocalizedInformation}). Generated as
 * {@link LocalizedProperties}.
 *
 * <p>Immutable and thread-safe: {@code LocalizedProperties.builder()} builds one, the {@code with...}
 * methods return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_CI_LocalizedProperties")
abstract class AbstractLocalizedProperties implements WmiModel {
    /** {@return the description ({@code Description})} */
    @WmiPropertyName("Description")
    public abstract String description();

    /** {@return the title ({@code DisplayName})} */
    @WmiPropertyName("DisplayName")
    public abstract String displayName();

    /** {@return the "more information" URL ({@code InformativeURL})} */
    @WmiPropertyName("InformativeURL")
    public abstract String informativeUrl();

    /** {@return the language, as a Windows locale ID ({@code LocaleID}, e.g. 1033)} */
    @WmiPropertyName("LocaleID")
    public abstract long localeId();
}
