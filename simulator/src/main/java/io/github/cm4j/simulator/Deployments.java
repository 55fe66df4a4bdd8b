package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.SiteData.dt;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seeds what administrators created on top of the catalog: deployment packages
 * ({@code SMS_SoftwareUpdatesPackage}), update groups ({@code SMS_AuthorizationList}, one per month of
 * deployed updates, with their {@code SMS_CIRelation} membership rows) and their deployments
 * ({@code SMS_UpdateGroupAssignment}; on ConfigMgr 2007 {@code SMS_UpdatesAssignment} over the update list's
 * updates, since 2007 has no update group deployments).
 */
final class Deployments {
    /** CI_ID of the first update group. */
    static final int FIRST_GROUP_CI_ID = 16_700_001;
    static final int FIRST_ASSIGNMENT_ID = 16_777_300;

    private Deployments() {
    }

    /** @return the package holding an update's content: Windows, Office, or other updates */
    static String packageOf(String topSite, Catalog.Spec s) {
        int family = s.line.product().parent();
        int n = family == Categories.WINDOWS.id() ? 6 : family == Categories.OFFICE.id() ? 7 : 8;
        return String.format(Locale.ROOT, "%s%05X", topSite, n);
    }

    static void seed(SimulatedProvider sim, Catalog catalog, StoredTable packages, StoredTable groups,
                     StoredTable assignments, StoredTable membership) {
        String top = sim.topSite().code();
        Instant now = sim.clock().instant();
        String[][] pk = {{"6", "Windows Updates", "Cumulative and security updates for Windows"},
            {"7", "Office Updates", "Updates for Office and Microsoft 365 Apps"},
            {"8", "Other Updates", ".NET, SQL Server and other updates"}};
        for (String[] p : pk) {
            String id = String.format(Locale.ROOT, "%s%05X", top, Integer.parseInt(p[0]));
            packages.store(WmiObject.builder(packages.wmiClass())
                    .set("PackageID", id).set("Name", p[1]).set("Description", p[2]).set("Manufacturer", "")
                    .set("Language", "").set("Version", "").set("PackageType", 5L).set("PkgSourceFlag", 2L)
                    .set("PkgSourcePath", "\\\\" + sim.topSite().serverName() + "\\Sources\\Updates\\" + p[1].replace(' ', '_'))
                    .set("SourceSite", top).set("SourceVersion", 12L).set("StoredPkgVersion", 12L)
                    .set("SourceDate", dt(now.minus(Duration.ofDays(3)))).set("LastRefreshTime", dt(now.minus(Duration.ofDays(3))))
                    .set("Priority", 2L).set("ShareType", 1L).set("ActionInProgress", 0L).set("PkgFlags", 0L)
                    .set("SecuredScopeNames", CimValue.stringArray(List.of("Default")))
                    .build());
        }
        // Update groups: the deployed updates of each month (only the newest updates can be deployed).
        Map<String, List<Long>> byMonth = new TreeMap<>();
        Instant cutoff = now.minus(Duration.ofDays(200));
        for (int i = catalog.size() - 1; i >= 0; i--) {
            Catalog.Spec s = catalog.spec(i);
            if (s.posted.isBefore(cutoff) && i < catalog.size() - 3 * Catalog.LINE_COUNT) {
                break;
            }
            if (s.deployed()) {
                String month = s.posted.atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
                byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(0, (long) s.ciId());
            }
        }
        int n = 0;
        for (Map.Entry<String, List<Long>> e : byMonth.entrySet()) {
            long ciId = FIRST_GROUP_CI_ID + n;
            String name = "Patch Tuesday " + e.getKey();
            Instant created = Instant.parse(e.getKey() + "-15T09:00:00Z");
            groups.store(group(groups.wmiClass(), sim, catalog, ciId, name, e.getValue(), created));
            for (long member : e.getValue()) {
                membership.store(WmiObject.builder(membership.wmiClass())
                        .set("FromCIID", ciId).set("ToCIID", member).set("IsBroken", false)
                        .set("IsVersionSpecific", false).set("Priority", 0L).set("RelationType", 1L).build());
            }
            assignments.store(assignment(assignments.wmiClass(), sim, FIRST_ASSIGNMENT_ID + n, ciId, name,
                    e.getValue(), created));
            n++;
        }
    }

    /**
     * A builder that skips the properties the class of the version played lacks (the seeded objects are
     * written once for both versions; e.g. {@code ModelID} and {@code IsLatest} do not exist on 2007).
     */
    static final class Fit {
        private final WmiObject.Builder b;
        private final WmiClass cls;

        Fit(WmiClass cls) {
            this.cls = cls;
            this.b = WmiObject.builder(cls);
        }

        Fit set(String name, Object value) {
            if (cls.indexOf(name) >= 0) {
                b.set(name, value);
            }
            return this;
        }

        WmiObject build() {
            return b.build();
        }
    }

    private static WmiObject group(WmiClass cls, SimulatedProvider sim, Catalog catalog, long ciId, String name,
                                   List<Long> members, Instant created) {
        String unique = Catalog.uuid(ciId, 0xA11);
        return new Fit(cls)
                .set("CI_ID", ciId).set("CI_UniqueID", "ScopeId_" + catalog.hierarchyId() + "/AuthList_" + unique)
                .set("CIType_ID", 9L).set("CIVersion", 1L).set("CreatedBy", "CONTOSO\\cmadmin")
                .set("LastModifiedBy", "CONTOSO\\cmadmin").set("DateCreated", dt(created)).set("DateLastModified", dt(created))
                .set("LocalizedDisplayName", name).set("LocalizedDescription", "Updates released " + name.substring(14))
                .set("LocalizedPropertyLocaleID", 1033L).set("ModelName", "ScopeId_" + catalog.hierarchyId() + "/AuthList_" + unique)
                .set("ModelID", ciId - 1000).set("ApplicabilityCondition", "").set("IsBundle", false)
                .set("IsEnabled", true).set("IsExpired", false).set("IsHidden", false).set("IsUserDefined", true)
                .set("IsSuperseded", false).set("IsLatest", true).set("IsDigest", false).set("PermittedUses", 0L)
                .set("SDMPackageVersion", 1L).set("SourceSite", sim.topSite().code())
                .set("EULAExists", false).set("EULAAccepted", 0L)
                .set("IsDeployed", true).set("IsProvisioned", true).set("ContainsExpiredUpdates", false)
                .set("ContainsSupersededUpdates", false).set("NumberOfUpdates", (long) members.size())
                .set("NumberOfExpiredUpdates", 0L).set("NumberOfCollectionsDeployed", 1L)
                .set("NumTotal", 250L).set("NumCompliant", 180L).set("NumNonCompliant", 60L).set("NumUnknown", 10L)
                .set("PercentCompliant", 72L).set("LastStatusTime", dt(sim.clock().instant().minus(Duration.ofHours(2))))
                .set("SecuredScopeNames", CimValue.stringArray(List.of("Default")))
                .set("Updates", CimValue.of(io.github.cm4j.cim.CimType.UINT32_ARRAY, members))
                .build();
    }

    private static WmiObject assignment(WmiClass cls, SimulatedProvider sim, long id, long groupCiId, String name,
                                        List<Long> members, Instant created) {
        boolean group = cls.indexOf("AssignedUpdateGroup") >= 0;
        return new Fit(cls)
                .set("AssignmentID", id).set("AssignmentName", name + " - All Workstations")
                .set("AssignmentUniqueID", "{" + Catalog.uuid(id, 0xA55).toUpperCase(Locale.ROOT) + "}")
                .set("AssignedUpdateGroup", group ? groupCiId : null)
                .set("AssignedCIs", CimValue.of(io.github.cm4j.cim.CimType.SINT32_ARRAY, members))
                .set("AssignmentAction", 2L).set("AssignmentType", 5L).set("DesiredConfigType", 1L)
                .set("ApplyToSubTargets", false).set("ContainsExpiredUpdates", false)
                .set("CreationTime", dt(created)).set("LastModificationTime", dt(created))
                .set("StartTime", dt(created)).set("EnforcementDeadline", dt(created.plus(Duration.ofDays(7))))
                .set("DPLocality", 80L).set("Enabled", true).set("LocaleID", 1033L).set("LogComplianceToWinEvent", false)
                .set("NotifyUser", true).set("SendDetailedNonComplianceStatus", false).set("SourceSite", sim.topSite().code())
                .set("SuppressReboot", 0L).set("TargetCollectionID", "SMS00001").set("UseGMTTimes", false)
                .set("LimitStateMessageVerbosity", true).set("StateMessageVerbosity", 5L).set("UseBranchCache", true)
                .set("UserUIExperience", true).set("RandomizationEnabled", false)
                .build();
    }
}
