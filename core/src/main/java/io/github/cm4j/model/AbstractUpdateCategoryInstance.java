package io.github.cm4j.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * {@code SMS_UpdateCategoryInstance}: a software update category (company, product family, product,
 * update classification), with the properties of {@code SMS_CategoryInstanceBase}. Generated as
 * {@link UpdateCategoryInstance}.
 *
 * <p>Immutable and thread-safe: {@code UpdateCategoryInstance.builder()} builds one, the {@code with...}
 * methods return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_UpdateCategoryInstance")
abstract class AbstractUpdateCategoryInstance implements WmiModel {
    /** {@return whether the category can be subscribed to for synchronization ({@code AllowSubscription})} */
    @WmiPropertyName("AllowSubscription")
    public abstract boolean allowSubscription();

    /** {@return the unique ID, e.g. {@code Product:...} ({@code CategoryInstance_UniqueID})} */
    @WmiPropertyName("CategoryInstance_UniqueID")
    public abstract String categoryInstanceUniqueId();

    /** {@return the ID, the key ({@code CategoryInstanceID})} */
    @WmiPropertyName(value = "CategoryInstanceID", key = true)
    public abstract long categoryInstanceId();

    /** {@return the category type, e.g. {@code Product}, {@code UpdateClassification} ({@code CategoryTypeName})} */
    @WmiPropertyName("CategoryTypeName")
    public abstract String categoryTypeName();

    /** {@return whether the category is synchronized ({@code IsSubscribed})} */
    @WmiPropertyName("IsSubscribed")
    public abstract boolean isSubscribed();

    /** {@return the name in the provider's locale ({@code LocalizedCategoryInstanceName})} */
    @WmiPropertyName("LocalizedCategoryInstanceName")
    public abstract String localizedCategoryInstanceName();

    /** {@return the names per language; lazy ({@code LocalizedInformation})} */
    @WmiPropertyName("LocalizedInformation")
    public abstract Lazy<List<CategoryLocalizedProperties>> localizedInformation();

    /** {@return the locale of the localized name ({@code LocalizedPropertyLocaleID})} */
    @WmiPropertyName("LocalizedPropertyLocaleID")
    public abstract long localizedPropertyLocaleId();

    /** {@return the parent category's ID, 0 for none ({@code ParentCategoryInstanceID})} */
    @WmiPropertyName("ParentCategoryInstanceID")
    public abstract long parentCategoryInstanceId();

    /** {@return the site that owns the category ({@code SourceSite})} */
    @WmiPropertyName("SourceSite")
    public abstract String sourceSite();
}
