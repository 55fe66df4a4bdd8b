package io.github.cm4j.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code SMS_SoftwareUpdate}: one software update in the ConfigMgr catalog, with all 69 properties of the
 * current SDK page (42 inherited from {@code SMS_ConfigurationItemBaseClass}, see {@link ConfigurationItem}).
 * Generated as {@link SoftwareUpdate}.
 *
 * <p>Lazy properties ({@code IsDigest}, {@code LocalizedEulas}, {@code LocalizedInformation},
 * {@code SDMPackageLocalizedData}, {@code SDMPackageXML}) are {@link Lazy}: not loaded in query results,
 * loaded when the update is read by its path.
 *
 * <p>Immutable and thread-safe: {@code SoftwareUpdate.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName(value = "SMS_SoftwareUpdate", loadHint = "softwareUpdates().get(ciId) or loadLazy(update)")
abstract class AbstractSoftwareUpdate implements ConfigurationItem {
    /** {@return the Knowledge Base article ID, without "KB" ({@code ArticleID})} */
    @WmiPropertyName("ArticleID")
    public abstract String articleId();

    /** {@return the security bulletin ID, e.g. {@code MS16-001}; often empty ({@code BulletinID})} */
    @WmiPropertyName("BulletinID")
    public abstract String bulletinId();

    /** {@return the severity an administrator set ({@code CustomSeverity})} */
    @WmiPropertyName("CustomSeverity")
    public abstract Severity customSeverity();

    /** {@return the text of the custom severity ({@code CustomSeverityName})} */
    @WmiPropertyName("CustomSeverityName")
    public abstract String customSeverityName();

    /** {@return when the update was published ({@code DatePosted})} */
    @WmiPropertyName("DatePosted")
    public abstract Optional<Instant> datePosted();

    /** {@return when the update was last revised ({@code DateRevised})} */
    @WmiPropertyName("DateRevised")
    public abstract Optional<Instant> dateRevised();

    /** {@return whether the content is provisioned ({@code IsContentProvisioned})} */
    @WmiPropertyName("IsContentProvisioned")
    public abstract boolean isContentProvisioned();

    /** {@return whether the update can be deployed ({@code IsDeployable})} */
    @WmiPropertyName("IsDeployable")
    public abstract boolean isDeployable();

    /** {@return whether the update is deployed ({@code IsDeployed})} */
    @WmiPropertyName("IsDeployed")
    public abstract boolean isDeployed();

    /** {@return whether the update's metadata is a digest; lazy ({@code IsDigest})} */
    @WmiPropertyName("IsDigest")
    public abstract Lazy<Boolean> isDigest();

    /**
     * {@return whether the update is associated with a legacy update source ({@code IsLegacyEnabled}); a
     * ConfigMgr 2007 property: empty on current branch, whose class no longer has it}
     */
    @WmiPropertyName(value = "IsLegacyEnabled", absentOn = "current")
    public abstract Optional<Boolean> isLegacyEnabled();

    /** {@return whether the update has metadata only, no content ({@code IsMetadataOnlyUpdate})} */
    @WmiPropertyName("IsMetadataOnlyUpdate")
    public abstract boolean isMetadataOnlyUpdate();

    /** {@return whether the update can be applied to an offline image ({@code IsOfflineServiceable})} */
    @WmiPropertyName(value = "IsOfflineServiceable", absentOn = "2007")
    public abstract boolean isOfflineServiceable();

    /** {@return when the compliance summary was last updated ({@code LastStatusTime})} */
    @WmiPropertyName(value = "LastStatusTime", absentOn = "2007")
    public abstract Optional<Instant> lastStatusTime();

    /** {@return the license terms per language; lazy ({@code LocalizedEulas})} */
    @WmiPropertyName("LocalizedEulas")
    public abstract Lazy<List<LocalizedEula>> localizedEulas();

    /** {@return title, description and URL per language; lazy ({@code LocalizedInformation})} */
    @WmiPropertyName("LocalizedInformation")
    public abstract Lazy<List<LocalizedProperties>> localizedInformation();

    /**
     * {@return the maximum run time ({@code MaxExecutionTime}); the SDK page gives no unit (only "the default
     * value is 30")}
     */
    @WmiPropertyName("MaxExecutionTime")
    public abstract long maxExecutionTime();

    /** {@return the number of clients that need the update ({@code NumMissing})} */
    @WmiPropertyName("NumMissing")
    public abstract long numMissing();

    /** {@return the number of clients the update does not apply to ({@code NumNotApplicable})} */
    @WmiPropertyName("NumNotApplicable")
    public abstract long numNotApplicable();

    /** {@return the number of clients that have the update ({@code NumPresent})} */
    @WmiPropertyName("NumPresent")
    public abstract long numPresent();

    /** {@return the number of clients ({@code NumTotal})} */
    @WmiPropertyName("NumTotal")
    public abstract long numTotal();

    /** {@return the number of clients with unknown state ({@code NumUnknown})} */
    @WmiPropertyName("NumUnknown")
    public abstract long numUnknown();

    /** {@return the compliance percentage ({@code PercentCompliant})} */
    @WmiPropertyName(value = "PercentCompliant", absentOn = "2007")
    public abstract long percentCompliant();

    /** {@return whether the update must be installed on its own ({@code RequiresExclusiveHandling})} */
    @WmiPropertyName("RequiresExclusiveHandling")
    public abstract boolean requiresExclusiveHandling();

    /** {@return the revision number ({@code RevisionNumber})} */
    @WmiPropertyName("RevisionNumber")
    public abstract long revisionNumber();

    /** {@return the MSRC severity ({@code Severity})} */
    @WmiPropertyName("Severity")
    public abstract Severity severity();

    /** {@return the text of the severity ({@code SeverityName})} */
    @WmiPropertyName("SeverityName")
    public abstract String severityName();

    /** {@return the size in bytes ({@code Size})} */
    @WmiPropertyName("Size")
    public abstract long size();

    /** {@return the locales the update applies to ({@code UpdateLocales})} */
    @WmiPropertyName("UpdateLocales")
    public abstract List<String> updateLocales();

    /**
     * {@return one line, identifying fields first:
     * {@code SoftwareUpdate{ciId=16777345, KB5034441, MS24-001, "2024-01 Cumulative Update ...", severity=CRITICAL, posted=2024-01-09, flags=[deployed, superseded], ciUniqueId=...}}}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SoftwareUpdate{ciId=").append(ciId());
        if (!articleId().isEmpty()) {
            sb.append(", KB").append(articleId());
        }
        if (!bulletinId().isEmpty()) {
            sb.append(", ").append(bulletinId());
        }
        String title = localizedDisplayName();
        if (!title.isEmpty()) {
            sb.append(", \"").append(title.length() > 80 ? title.substring(0, 77) + "..." : title).append('"');
        }
        sb.append(", severity=").append(severity());
        datePosted().ifPresent(d -> sb.append(", posted=").append(d.atOffset(ZoneOffset.UTC).toLocalDate()));
        StringBuilder flags = new StringBuilder();
        flag(flags, isDeployed(), "deployed");
        flag(flags, isSuperseded(), "superseded");
        flag(flags, isExpired(), "expired");
        flag(flags, !isEnabled(), "disabled");
        flag(flags, isHidden(), "hidden");
        flag(flags, eulaExists(), "eula");
        if (flags.length() > 0) {
            sb.append(", flags=[").append(flags).append(']');
        }
        return sb.append(", ciUniqueId=").append(ciUniqueId()).append('}').toString();
    }

    private static void flag(StringBuilder flags, boolean on, String name) {
        if (on) {
            flags.append(flags.length() == 0 ? "" : ", ").append(name);
        }
    }
}
