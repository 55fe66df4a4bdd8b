package io.github.cm4j.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * {@code SMS_CIToContent}: links a configuration item to one of its content items (files to download).
 * Keys: {@code CI_ID}, {@code ContentID}, {@code SDMMethodType}. Generated as {@link CiToContent}.
 *
 * <p>Immutable and thread-safe: {@code CiToContent.builder()} builds one, the {@code with...} methods return
 * changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_CIToContent")
abstract class AbstractCiToContent implements WmiModel {
    /** {@return the configuration item ({@code CI_ID}, key)} */
    @WmiPropertyName(value = "CI_ID", key = true)
    public abstract long ciId();

    /** {@return the configuration item's unique ID ({@code CI_UniqueID})} */
    @WmiPropertyName("CI_UniqueID")
    public abstract String ciUniqueId();

    /** {@return the content description ({@code ContentDescription})} */
    @WmiPropertyName("ContentDescription")
    public abstract String contentDescription();

    /** {@return whether the content was downloaded ({@code ContentDownloaded})} */
    @WmiPropertyName("ContentDownloaded")
    public abstract boolean contentDownloaded();

    /** {@return the content hash ({@code ContentHash})} */
    @WmiPropertyName("ContentHash")
    public abstract String contentHash();

    /** {@return the hash algorithm version ({@code ContentHashVersion})} */
    @WmiPropertyName("ContentHashVersion")
    public abstract int contentHashVersion();

    /** {@return the content ID ({@code ContentID}, key)} */
    @WmiPropertyName(value = "ContentID", key = true)
    public abstract int contentId();

    /** {@return the locales of the content ({@code ContentLocales})} */
    @WmiPropertyName("ContentLocales")
    public abstract List<String> contentLocales();

    /** {@return the content's unique ID ({@code ContentUniqueID})} */
    @WmiPropertyName("ContentUniqueID")
    public abstract String contentUniqueId();

    /** {@return the content version ({@code ContentVersion})} */
    @WmiPropertyName("ContentVersion")
    public abstract int contentVersion();

    /** {@return the model name ({@code ModelName})} */
    @WmiPropertyName("ModelName")
    public abstract String modelName();

    /** {@return the object type ID ({@code ObjectTypeID})} */
    @WmiPropertyName("ObjectTypeID")
    public abstract long objectTypeId();

    /** {@return the SDM method type ({@code SDMMethodType}, key)} */
    @WmiPropertyName(value = "SDMMethodType", key = true)
    public abstract String sdmMethodType();

    /** {@return the secured model name ({@code SecuredModelName})} */
    @WmiPropertyName("SecuredModelName")
    public abstract String securedModelName();
}
