package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_CI_LocalizedEulas}: which license terms apply to a software update in one language (an element
 * of {@code SMS_SoftwareUpdate.LocalizedEulas}). Generated as {@link LocalizedEula}.
 *
 * <p>Immutable and thread-safe: {@code LocalizedEula.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_CI_LocalizedEulas")
abstract class AbstractLocalizedEula implements WmiModel {
    /** {@return the unique ID of the EULA content ({@code EULAContentUniqueID})} */
    @WmiPropertyName("EULAContentUniqueID")
    public abstract String eulaContentUniqueId();

    /** {@return the language, as a Windows locale ID ({@code LocaleID})} */
    @WmiPropertyName("LocaleID")
    public abstract long localeId();
}
