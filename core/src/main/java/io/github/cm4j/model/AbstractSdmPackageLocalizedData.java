package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_SDMPackageLocalizedData}: the localized SDM package XML of a configuration item in one language
 * (an element of the lazy {@code SDMPackageLocalizedData}). Generated as {@link SdmPackageLocalizedData}.
 *
 * <p>Immutable and thread-safe: {@code SdmPackageLocalizedData.builder()} builds one, the {@code with...}
 * methods return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_SDMPackageLocalizedData")
abstract class AbstractSdmPackageLocalizedData implements WmiModel {
    /** {@return the language, as a Windows locale ID ({@code LocaleID})} */
    @WmiPropertyName("LocaleID")
    public abstract long localeId();

    /** {@return the localized data, XML ({@code LocalizedData})} */
    @WmiPropertyName("LocalizedData")
    public abstract String localizedData();

    /** {@return {@code SdmPackageLocalizedData{localeId=1033, 1234 chars}}: the XML is long} */
    @Override
    public String toString() {
        return "SdmPackageLocalizedData{localeId=" + localeId() + ", " + localizedData().length() + " chars}";
    }
}
