package io.github.cm4j.model;

import org.immutables.value.Value;

/**
 * {@code SMS_Site}: a site of the hierarchy. The codes of {@code Mode}, {@code RequestedStatus},
 * {@code Status} and {@code Type} are kept as numbers (the current SDK page gives no values).
 * Generated as {@link Site}.
 *
 * <p>Immutable and thread-safe: {@code Site.builder()} builds one, the {@code with...} methods return
 * changed copies.
 */
@Value.Immutable
@WmiClassName("SMS_Site")
abstract class AbstractSite implements WmiModel {
    /** {@return the build number, e.g. 9122 ({@code BuildNumber})} */
    @WmiPropertyName("BuildNumber")
    public abstract long buildNumber();

    /** {@return the feature flags ({@code Features})} */
    @WmiPropertyName("Features")
    public abstract String features();

    /** {@return the installation directory ({@code InstallDir})} */
    @WmiPropertyName("InstallDir")
    public abstract String installDir();

    /** {@return the mode code ({@code Mode})} */
    @WmiPropertyName("Mode")
    public abstract long mode();

    /** {@return the parent site's code; empty for the top site ({@code ReportingSiteCode})} */
    @WmiPropertyName("ReportingSiteCode")
    public abstract String reportingSiteCode();

    /** {@return the requested status code ({@code RequestedStatus})} */
    @WmiPropertyName("RequestedStatus")
    public abstract long requestedStatus();

    /** {@return the secondary site update status code ({@code SecondarySiteCMUpdateStatus})} */
    @WmiPropertyName("SecondarySiteCMUpdateStatus")
    public abstract long secondarySiteCmUpdateStatus();

    /** {@return the site server ({@code ServerName})} */
    @WmiPropertyName("ServerName")
    public abstract String serverName();

    /** {@return the three-character site code, the key ({@code SiteCode})} */
    @WmiPropertyName(value = "SiteCode", key = true)
    public abstract String siteCode();

    /** {@return the site name ({@code SiteName})} */
    @WmiPropertyName("SiteName")
    public abstract String siteName();

    /** {@return the status code ({@code Status})} */
    @WmiPropertyName("Status")
    public abstract long status();

    /** {@return the site server's time zone, a TIME_ZONE_INFORMATION text ({@code TimeZoneInfo})} */
    @WmiPropertyName("TimeZoneInfo")
    public abstract String timeZoneInfo();

    /** {@return the site type code ({@code Type})} */
    @WmiPropertyName("Type")
    public abstract long type();

    /** {@return the version, e.g. {@code 5.00.9122.1000} ({@code Version})} */
    @WmiPropertyName("Version")
    public abstract String version();

    /** {@return whether the site has no parent ({@code ReportingSiteCode} empty)} */
    public boolean isTopLevel() {
        return reportingSiteCode().isEmpty();
    }

    /** {@return one line: {@code Site{PS1 "Primary Site", server=CM01, version=5.00.9122.1000, parent=CAS}}} */
    @Override
    public String toString() {
        return "Site{" + siteCode() + " \"" + siteName() + "\", server=" + serverName() + ", version=" + version()
                + (isTopLevel() ? "" : ", parent=" + reportingSiteCode()) + ", type=" + type() + ", status=" + status() + "}";
    }
}
