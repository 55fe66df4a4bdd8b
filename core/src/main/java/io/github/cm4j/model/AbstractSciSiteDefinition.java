package io.github.cm4j.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * {@code SMS_SCI_SiteDefinition}: a site's definition in the site control file (parent, server, database,
 * accounts) and its embedded properties. The passwords and the exchange key are redacted in
 * {@code toString}. Generated as {@link SciSiteDefinition}; lookups and changes of embedded properties are
 * in {@link EmbeddedPropertyHolder}.
 *
 * <p>Immutable and thread-safe: {@code SciSiteDefinition.builder()} builds one, the {@code with...} methods
 * return changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_SCI_SiteDefinition")
abstract class AbstractSciSiteDefinition implements SiteControlItem, EmbeddedPropertyHolder<SciSiteDefinition> {
    /** {@return the address public key ({@code AddressPublicKey})} */
    @WmiPropertyName("AddressPublicKey")
    public abstract String addressPublicKey();

    /** {@return the installation directory ({@code InstallDirectory})} */
    @WmiPropertyName("InstallDirectory")
    public abstract String installDirectory();

    /** {@return the parent site's code; empty for the top site ({@code ParentSiteCode})} */
    @WmiPropertyName("ParentSiteCode")
    public abstract String parentSiteCode();

    @WmiPropertyName("PropLists")
    @Override
    public abstract List<EmbeddedPropertyList> propLists();

    @WmiPropertyName("Props")
    @Override
    public abstract List<EmbeddedProperty> props();

    /** {@return the service account ({@code ServiceAccount})} */
    @WmiPropertyName("ServiceAccount")
    public abstract String serviceAccount();

    /** {@return the service account's domain ({@code ServiceAccountDomain})} */
    @WmiPropertyName("ServiceAccountDomain")
    public abstract String serviceAccountDomain();

    /** {@return the service account's password; redacted in {@code toString} ({@code ServiceAccountPassword})} */
    @WmiPropertyName("ServiceAccountPassword")
    @Value.Redacted
    public abstract String serviceAccountPassword();

    /** {@return the service exchange key; redacted in {@code toString} ({@code ServiceExchangeKey})} */
    @WmiPropertyName("ServiceExchangeKey")
    @Value.Redacted
    public abstract String serviceExchangeKey();

    /** {@return the service plaintext account ({@code ServicePlaintextAccount})} */
    @WmiPropertyName("ServicePlaintextAccount")
    public abstract String servicePlaintextAccount();

    /** {@return the service public key ({@code ServicePublicKey})} */
    @WmiPropertyName("ServicePublicKey")
    public abstract String servicePublicKey();

    /** {@return the site name ({@code SiteName})} */
    @WmiPropertyName("SiteName")
    public abstract String siteName();

    /** {@return the site server's domain ({@code SiteServerDomain})} */
    @WmiPropertyName("SiteServerDomain")
    public abstract String siteServerDomain();

    /** {@return the site server ({@code SiteServerName})} */
    @WmiPropertyName("SiteServerName")
    public abstract String siteServerName();

    /** {@return the site server's platform ({@code SiteServerPlatform})} */
    @WmiPropertyName("SiteServerPlatform")
    public abstract String siteServerPlatform();

    /** {@return the site type code ({@code SiteType})} */
    @WmiPropertyName("SiteType")
    public abstract long siteType();

    /** {@return the SQL Server account ({@code SQLAccount})} */
    @WmiPropertyName("SQLAccount")
    public abstract String sqlAccount();

    /** {@return the SQL Server account's password; redacted in {@code toString} ({@code SQLAccountPassword})} */
    @WmiPropertyName("SQLAccountPassword")
    @Value.Redacted
    public abstract String sqlAccountPassword();

    /** {@return the site database name ({@code SQLDatabaseName})} */
    @WmiPropertyName("SQLDatabaseName")
    public abstract String sqlDatabaseName();

    /** {@return the SQL public key ({@code SQLPublicKey})} */
    @WmiPropertyName("SQLPublicKey")
    public abstract String sqlPublicKey();

    /** {@return the SQL Server ({@code SQLServerName})} */
    @WmiPropertyName("SQLServerName")
    public abstract String sqlServerName();
}
