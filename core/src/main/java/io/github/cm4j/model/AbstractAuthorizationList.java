package io.github.cm4j.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code SMS_AuthorizationList}: a software update group (update list), with the 42 properties of
 * {@link ConfigurationItem} and its own 16. {@code Updates} (the CI_IDs of the member updates),
 * {@code LocalizedInformation} and {@code IsDigest} are lazy. Generated as {@link AuthorizationList}.
 *
 * <p>Immutable and thread-safe: {@code AuthorizationList.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName(value = "SMS_AuthorizationList", loadHint = "a GetObject of SMS_AuthorizationList.CI_ID=<ciId>")
abstract class AbstractAuthorizationList implements ConfigurationItem {
    /** {@return the automatic deployment rule that maintains the group, 0 for none ({@code AssociatedAutoRuleID})} */
    @WmiPropertyName("AssociatedAutoRuleID")
    public abstract long associatedAutoRuleId();

    /** {@return whether the group contains expired updates ({@code ContainsExpiredUpdates})} */
    @WmiPropertyName("ContainsExpiredUpdates")
    public abstract boolean containsExpiredUpdates();

    /** {@return whether the group contains superseded updates ({@code ContainsSupersededUpdates})} */
    @WmiPropertyName("ContainsSupersededUpdates")
    public abstract boolean containsSupersededUpdates();

    /** {@return whether the group is deployed ({@code IsDeployed})} */
    @WmiPropertyName("IsDeployed")
    public abstract boolean isDeployed();

    /** {@return whether the metadata is a digest; lazy ({@code IsDigest})} */
    @WmiPropertyName("IsDigest")
    public abstract Lazy<Boolean> isDigest();

    /** {@return whether the group's content is provisioned ({@code IsProvisioned})} */
    @WmiPropertyName("IsProvisioned")
    public abstract boolean isProvisioned();

    /** {@return when the compliance summary was last updated ({@code LastStatusTime})} */
    @WmiPropertyName("LastStatusTime")
    public abstract Optional<Instant> lastStatusTime();

    /** {@return name and description per language; lazy ({@code LocalizedInformation})} */
    @WmiPropertyName("LocalizedInformation")
    public abstract Lazy<List<LocalizedProperties>> localizedInformation();

    /** {@return the number of collections the group is deployed to ({@code NumberOfCollectionsDeployed})} */
    @WmiPropertyName("NumberOfCollectionsDeployed")
    public abstract long numberOfCollectionsDeployed();

    /** {@return the number of expired updates in the group ({@code NumberOfExpiredUpdates})} */
    @WmiPropertyName("NumberOfExpiredUpdates")
    public abstract long numberOfExpiredUpdates();

    /** {@return the number of updates in the group ({@code NumberOfUpdates})} */
    @WmiPropertyName("NumberOfUpdates")
    public abstract long numberOfUpdates();

    /** {@return the number of compliant clients ({@code NumCompliant})} */
    @WmiPropertyName("NumCompliant")
    public abstract long numCompliant();

    /** {@return the number of non-compliant clients ({@code NumNonCompliant})} */
    @WmiPropertyName("NumNonCompliant")
    public abstract long numNonCompliant();

    /** {@return the number of clients ({@code NumTotal})} */
    @WmiPropertyName("NumTotal")
    public abstract long numTotal();

    /** {@return the number of clients with unknown state ({@code NumUnknown})} */
    @WmiPropertyName("NumUnknown")
    public abstract long numUnknown();

    /** {@return the compliance percentage ({@code PercentCompliant})} */
    @WmiPropertyName("PercentCompliant")
    public abstract long percentCompliant();

    /** {@return the CI_IDs of the updates in the group; lazy ({@code Updates})} */
    @WmiPropertyName("Updates")
    public abstract Lazy<List<Long>> updates();

    /** {@return one line: {@code AuthorizationList{ciId=16777400, "Patch Tuesday 2024-01", 42 updates, deployed}}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AuthorizationList{ciId=").append(ciId());
        if (!localizedDisplayName().isEmpty()) {
            sb.append(", \"").append(localizedDisplayName()).append('"');
        }
        sb.append(", ").append(numberOfUpdates()).append(" updates");
        if (isDeployed()) {
            sb.append(", deployed");
        }
        if (containsExpiredUpdates()) {
            sb.append(", contains expired");
        }
        return sb.append(", ciUniqueId=").append(ciUniqueId()).append('}').toString();
    }
}
