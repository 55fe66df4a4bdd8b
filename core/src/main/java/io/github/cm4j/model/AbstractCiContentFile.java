package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_CIContentFiles}: one file of a content item. Keys: {@code ContentID}, {@code FileName}.
 * Generated as {@link CiContentFile}.
 *
 * <p>Immutable and thread-safe: {@code CiContentFile.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_CIContentFiles")
abstract class AbstractCiContentFile implements WmiModel {
    /** {@return the configuration item's unique ID ({@code CI_UniqueID})} */
    @WmiPropertyName("CI_UniqueID")
    public abstract String ciUniqueId();

    /** {@return the content ID ({@code ContentID}, key)} */
    @WmiPropertyName(value = "ContentID", key = true)
    public abstract long contentId();

    /** {@return the file hash ({@code FileHash})} */
    @WmiPropertyName("FileHash")
    public abstract String fileHash();

    /** {@return the file name ({@code FileName}, key)} */
    @WmiPropertyName(value = "FileName", key = true)
    public abstract String fileName();

    /** {@return the file size in bytes ({@code FileSize})} */
    @WmiPropertyName("FileSize")
    public abstract long fileSize();

    /** {@return the file version ({@code FileVersion})} */
    @WmiPropertyName("FileVersion")
    public abstract String fileVersion();

    /** {@return the path the file was imported from ({@code ImportPath})} */
    @WmiPropertyName("ImportPath")
    public abstract String importPath();

    /** {@return whether the file is signed ({@code IsSigned})} */
    @WmiPropertyName("IsSigned")
    public abstract boolean isSigned();

    /** {@return the language ID ({@code LanguageID})} */
    @WmiPropertyName("LanguageID")
    public abstract long languageId();

    /** {@return the model name ({@code ModelName})} */
    @WmiPropertyName("ModelName")
    public abstract String modelName();

    /** {@return the object type ID ({@code ObjectTypeID})} */
    @WmiPropertyName("ObjectTypeID")
    public abstract long objectTypeId();

    /** {@return the download URL ({@code SourceURL})} */
    @WmiPropertyName("SourceURL")
    public abstract String sourceUrl();
}
