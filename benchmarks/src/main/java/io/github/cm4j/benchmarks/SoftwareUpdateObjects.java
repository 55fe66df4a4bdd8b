package io.github.cm4j.benchmarks;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code SMS_SoftwareUpdate} instances as a query returns them: one class object shared by all, all 69
 * properties present (the lazy ones and the EULA sign-off, which an update without accepted license terms
 * lacks, NULL), the decoration a provider adds ({@code __SERVER}, {@code __NAMESPACE}), identifying values
 * unique per object and the rest shared (as a decoder that interns repeated values would), so that 100,000
 * objects fit a small heap.
 */
public final class SoftwareUpdateObjects {
    private static final WmiClass CLASS = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
    private static final WmiClass EULA = Schema.builtIn().classNamed("SMS_CI_LocalizedEulas");
    private static final WmiClass INFO = Schema.builtIn().classNamed("SMS_CI_LocalizedProperties");
    /** {@code __SERVER} of every object. */
    public static final String SERVER = "CM01";
    /** {@code __NAMESPACE} of every object. */
    public static final String NAMESPACE = "root\\sms\\site_CAS";

    private SoftwareUpdateObjects() {
    }

    /**
     * @param count how many objects
     * @param lazyLoaded whether the lazy properties are set (as a GetObject returns them) or NULL (as a query does)
     * @return the objects
     */
    public static WmiObject[] create(int count, boolean lazyLoaded) {
        WmiObject template = template(lazyLoaded);
        WmiObject[] objects = new WmiObject[count];
        for (int i = 0; i < count; i++) {
            long ciId = 16_777_216L + i;
            objects[i] = template.with("CI_ID", ciId)
                    .with("CI_UniqueID", "Site_9C1D2E3F/SUM_" + Long.toHexString(0x1000_0000_0000L + i))
                    .with("ArticleID", Integer.toString(5_000_000 + i))
                    .with("LocalizedDisplayName", "2024-01 Cumulative Update for Windows 11 Version 23H2 (KB"
                            + (5_000_000 + i) + ")")
                    .with("DatePosted", CimValue.datetime(CimDateTime.of(Instant.parse("2020-01-01T17:00:00Z")
                            .plus(i % 1500, ChronoUnit.DAYS))));
        }
        return objects;
    }

    private static WmiObject template(boolean lazyLoaded) {
        CimDateTime created = CimDateTime.parse("20240109180512.000000+000");
        WmiObject.Builder b = WmiObject.builder(CLASS)
                .set("ApplicabilityCondition", "")
                .set("CategoryInstance_UniqueIDs", List.of("Product:a105a108-7c9b-4518-bbbe-73f0fe30012b",
                        "UpdateClassification:0fa1201d-4330-4fa8-8ae9-b877473b6441", "Company:56309036-4c77-4dd9-951a-99ee9c246a94"))
                .set("CI_ID", 16_777_216L)
                .set("CI_UniqueID", "Site_9C1D2E3F/SUM_0")
                .set("CIType_ID", 8L)
                .set("CIVersion", 200L)
                .set("ConfigurationFlags", 0L)
                .set("CreatedBy", "NT AUTHORITY\\SYSTEM")
                .set("DateCreated", created)
                .set("DateLastModified", created)
                .set("EffectiveDate", created)
                .set("EULAAccepted", 0L)
                .set("EULAExists", false)
                .set("ExecutionContext", 0L)
                .set("IsBundle", true)
                .set("IsEnabled", true)
                .set("IsExpired", false)
                .set("IsHidden", false)
                .set("IsLatest", true)
                .set("IsQuarantined", false)
                .set("IsSuperseded", false)
                .set("IsUserDefined", false)
                .set("LastModifiedBy", "NT AUTHORITY\\SYSTEM")
                .set("LocalizedCategoryInstanceNames", List.of("Windows 11", "Security Updates", "Microsoft"))
                .set("LocalizedDescription", "Install this update to resolve issues in Windows.")
                .set("LocalizedDisplayName", "update")
                .set("LocalizedInformativeURL", "https://support.microsoft.com/help/5034123")
                .set("LocalizedPropertyLocaleID", 1033L)
                .set("ModelID", 16_800_000L)
                .set("ModelName", "Site_9C1D2E3F/SUM_0")
                .set("PermittedUses", 0L)
                .set("PlatformCategoryInstance_UniqueIDs", List.of("Platform:a3c2375d-0c8a-42f9-bce0-28333e198407"))
                .set("PlatformType", 1L)
                .set("SDMPackageVersion", 200L)
                .set("SecuredScopeNames", List.of("Default"))
                .set("SedoObjectVersion", "8C8C5BB9-4F5C-4C45-8B64-1A6E2F8A0A11")
                .set("SourceSite", "CAS")
                .set("ArticleID", "5034123")
                .set("BulletinID", "")
                .set("CustomSeverity", 0L)
                .set("CustomSeverityName", "")
                .set("DatePosted", created)
                .set("DateRevised", created)
                .set("IsContentProvisioned", true)
                .set("IsDeployable", true)
                .set("IsDeployed", true)
                .set("IsMetadataOnlyUpdate", false)
                .set("IsOfflineServiceable", true)
                .set("LastStatusTime", created)
                .set("MaxExecutionTime", 600L)
                .set("NumMissing", 12L)
                .set("NumNotApplicable", 340L)
                .set("NumPresent", 88L)
                .set("NumTotal", 440L)
                .set("NumUnknown", 0L)
                .set("PercentCompliant", 97L)
                .set("RequiresExclusiveHandling", false)
                .set("RevisionNumber", 201L)
                .set("Severity", 10L)
                .set("SeverityName", "Critical")
                .set("Size", 652_301_312L)
                .set("UpdateLocales", List.of("", "English"));
        for (String unset : List.of("EULASignoffDate", "EULASignoffUser", "IsDigest", "LocalizedEulas", "LocalizedInformation",
                "SDMPackageLocalizedData", "SDMPackageXML")) {
            b.setNull(unset, CLASS.property(unset).orElseThrow().type());
        }
        b.decoration(SERVER, NAMESPACE);
        if (lazyLoaded) {
            b.set("IsDigest", false)
                    .set("LocalizedEulas", CimValue.objectArray(List.of(WmiObject.builder(EULA)
                            .set("EULAContentUniqueID", "8a1c4f2e-55a1-4b8e-9f3e-8f1d2c3b4a5e").set("LocaleID", 1033L).build())))
                    .set("LocalizedInformation", CimValue.objectArray(List.of(WmiObject.builder(INFO)
                            .set("Description", "Install this update to resolve issues in Windows.")
                            .set("DisplayName", "2024-01 Cumulative Update for Windows 11").set("InformativeURL", "")
                            .set("LocaleID", 1033L).build())))
                    .set("SDMPackageLocalizedData", CimValue.objectArray(List.of()))
                    .set("SDMPackageXML", "<DesiredConfigurationDigest xmlns=\"http://schemas.microsoft.com/SystemsCenterConfigurationManager/2009/07/10/DesiredConfiguration\"/>");
        }
        return b.build();
    }
}
