package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_Category_LocalizedProperties}: the name of a category in one language (an element of
 * {@code SMS_UpdateCategoryInstance.LocalizedInformation}). Generated as {@link CategoryLocalizedProperties}.
 *
 * <p>Immutable and thread-safe: {@code CategoryLocalizedProperties.builder()} builds one, the {@code
 * with...} methods return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_Category_LocalizedProperties")
abstract class AbstractCategoryLocalizedProperties implements WmiModel {
    /** {@return the category name ({@code CategoryInstanceName})} */
    @WmiPropertyName("CategoryInstanceName")
    public abstract String categoryInstanceName();

    /** {@return the language, as a Windows locale ID ({@code LocaleID})} */
    @WmiPropertyName("LocaleID")
    public abstract long localeId();
}
