package io.github.cm4j.model;

/**
 * The keys every site control item has ({@code SMS_SiteControlItem}), shared by {@link SciComponent} and
 * {@link SciSiteDefinition}.
 *
 * <p>Implemented by immutable models; thread-safe.
 */
public interface SiteControlItem extends WmiModel {
    /** {@return the file type code; deprecated ({@code FileType}, key)} */
    @WmiPropertyName(value = "FileType", key = true)
    long fileType();

    /** {@return the item name, e.g. {@code SMS_WSUS_SYNC_MANAGER|SERVER} ({@code ItemName}, key)} */
    @WmiPropertyName(value = "ItemName", key = true)
    String itemName();

    /** {@return the item type, e.g. {@code Component} ({@code ItemType}, key)} */
    @WmiPropertyName(value = "ItemType", key = true)
    String itemType();

    /** {@return the site code ({@code SiteCode}, key)} */
    @WmiPropertyName(value = "SiteCode", key = true)
    String siteCode();
}
