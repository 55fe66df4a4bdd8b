package io.github.cm4j.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The properties every configuration item has ({@code SMS_ConfigurationItemBaseClass}), shared by
 * {@link SoftwareUpdate} and {@link AuthorizationList}. {@code IsDigest} is declared by each model itself,
 * because both classes make it lazy.
 *
 * <p>Implemented by immutable models; thread-safe.
 */
public interface ConfigurationItem extends WmiModel {
    /** {@return the applicability rule, XML ({@code ApplicabilityCondition})} */
    @WmiPropertyName("ApplicabilityCondition")
    String applicabilityCondition();

    /** {@return the unique IDs of the categories (products, classifications ...) ({@code CategoryInstance_UniqueIDs})} */
    @WmiPropertyName("CategoryInstance_UniqueIDs")
    List<String> categoryInstanceUniqueIds();

    /** {@return the configuration item ID, the key ({@code CI_ID})} */
    @WmiPropertyName(value = "CI_ID", key = true)
    long ciId();

    /** {@return the unique ID of the configuration item ({@code CI_UniqueID})} */
    @WmiPropertyName("CI_UniqueID")
    String ciUniqueId();

    /** {@return the configuration item type ID ({@code CIType_ID}; 8 software update, 9 update list ...)} */
    @WmiPropertyName("CIType_ID")
    long ciTypeId();

    /** {@return the version of the configuration item ({@code CIVersion})} */
    @WmiPropertyName("CIVersion")
    long ciVersion();

    /** {@return the configuration flags, the uint64 bit pattern ({@code ConfigurationFlags})} */
    @WmiPropertyName(value = "ConfigurationFlags", absentOn = "2007")
    long configurationFlags();

    /** {@return who created the item ({@code CreatedBy})} */
    @WmiPropertyName("CreatedBy")
    String createdBy();

    /** {@return when the item was created ({@code DateCreated})} */
    @WmiPropertyName("DateCreated")
    Instant dateCreated();

    /** {@return when the item was last changed ({@code DateLastModified})} */
    @WmiPropertyName("DateLastModified")
    Optional<Instant> dateLastModified();

    /** {@return when the item takes effect ({@code EffectiveDate})} */
    @WmiPropertyName("EffectiveDate")
    Optional<Instant> effectiveDate();

    /** {@return whether the license terms were accepted, declined or not decided yet ({@code EULAAccepted})} */
    @WmiPropertyName("EULAAccepted")
    EulaAcceptance eulaAccepted();

    /** {@return whether the item has license terms ({@code EULAExists})} */
    @WmiPropertyName("EULAExists")
    boolean eulaExists();

    /** {@return when the license terms were accepted ({@code EULASignoffDate})} */
    @WmiPropertyName("EULASignoffDate")
    Optional<Instant> eulaSignoffDate();

    /** {@return who accepted the license terms ({@code EULASignoffUser})} */
    @WmiPropertyName("EULASignoffUser")
    Optional<String> eulaSignoffUser();

    /** {@return the execution context code ({@code ExecutionContext})} */
    @WmiPropertyName(value = "ExecutionContext", absentOn = "2007")
    long executionContext();

    /** {@return whether the item is a bundle of other items ({@code IsBundle})} */
    @WmiPropertyName("IsBundle")
    boolean isBundle();

    /** {@return whether the item is enabled ({@code IsEnabled})} */
    @WmiPropertyName("IsEnabled")
    boolean isEnabled();

    /** {@return whether the item is expired ({@code IsExpired})} */
    @WmiPropertyName("IsExpired")
    boolean isExpired();

    /** {@return whether the item is hidden from the console ({@code IsHidden})} */
    @WmiPropertyName("IsHidden")
    boolean isHidden();

    /** {@return whether this is the latest version of the item ({@code IsLatest})} */
    @WmiPropertyName(value = "IsLatest", absentOn = "2007")
    boolean isLatest();

    /** {@return whether the item is quarantined ({@code IsQuarantined})} */
    @WmiPropertyName("IsQuarantined")
    boolean isQuarantined();

    /** {@return whether a newer item supersedes this one ({@code IsSuperseded})} */
    @WmiPropertyName("IsSuperseded")
    boolean isSuperseded();

    /** {@return whether an administrator created the item ({@code IsUserDefined})} */
    @WmiPropertyName("IsUserDefined")
    boolean isUserDefined();

    /** {@return who last changed the item ({@code LastModifiedBy})} */
    @WmiPropertyName("LastModifiedBy")
    String lastModifiedBy();

    /** {@return the category names in the provider's locale ({@code LocalizedCategoryInstanceNames})} */
    @WmiPropertyName("LocalizedCategoryInstanceNames")
    List<String> localizedCategoryInstanceNames();

    /** {@return the description in the provider's locale ({@code LocalizedDescription})} */
    @WmiPropertyName("LocalizedDescription")
    String localizedDescription();

    /** {@return the title in the provider's locale ({@code LocalizedDisplayName})} */
    @WmiPropertyName("LocalizedDisplayName")
    String localizedDisplayName();

    /** {@return the "more information" URL ({@code LocalizedInformativeURL})} */
    @WmiPropertyName("LocalizedInformativeURL")
    String localizedInformativeUrl();

    /** {@return the locale of the localized properties ({@code LocalizedPropertyLocaleID})} */
    @WmiPropertyName("LocalizedPropertyLocaleID")
    long localizedPropertyLocaleId();

    /** {@return the model ID ({@code ModelID})} */
    @WmiPropertyName(value = "ModelID", absentOn = "2007")
    long modelId();

    /** {@return the model name, unique across versions ({@code ModelName})} */
    @WmiPropertyName("ModelName")
    String modelName();

    /** {@return the permitted uses code ({@code PermittedUses})} */
    @WmiPropertyName("PermittedUses")
    long permittedUses();

    /** {@return the unique IDs of the platform categories ({@code PlatformCategoryInstance_UniqueIDs})} */
    @WmiPropertyName(value = "PlatformCategoryInstance_UniqueIDs", absentOn = "2007")
    List<String> platformCategoryInstanceUniqueIds();

    /** {@return the platform type bits ({@code PlatformType})} */
    @WmiPropertyName(value = "PlatformType", absentOn = "2007")
    long platformType();

    /** {@return the localized SDM package data; lazy ({@code SDMPackageLocalizedData})} */
    @WmiPropertyName("SDMPackageLocalizedData")
    Lazy<List<SdmPackageLocalizedData>> sdmPackageLocalizedData();

    /** {@return the SDM package version ({@code SDMPackageVersion})} */
    @WmiPropertyName("SDMPackageVersion")
    long sdmPackageVersion();

    /** {@return the SDM package, XML; lazy ({@code SDMPackageXML})} */
    @WmiPropertyName("SDMPackageXML")
    Lazy<String> sdmPackageXml();

    /** {@return the security scopes of the item ({@code SecuredScopeNames})} */
    @WmiPropertyName(value = "SecuredScopeNames", absentOn = "2007")
    List<String> securedScopeNames();

    /** {@return the SEDO (serialized editing of distributed objects) version ({@code SedoObjectVersion})} */
    @WmiPropertyName(value = "SedoObjectVersion", absentOn = "2007")
    String sedoObjectVersion();

    /** {@return the site that owns the item ({@code SourceSite})} */
    @WmiPropertyName("SourceSite")
    String sourceSite();
}
