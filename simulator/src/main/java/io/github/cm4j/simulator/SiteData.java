package io.github.cm4j.simulator;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeds the per-site data of a hierarchy: {@code SMS_Site}, the site control file ({@code
 * SMS_SCI_SiteDefinition} and {@code SMS_SCI_Component} items with the embedded property names public
 * scripts read, see docs/simulator.md) and {@code SMS_SUPSyncStatus}.
 */
final class SiteData {
    /** The components every site has. */
    static final String SYNC_MANAGER = "SMS_WSUS_SYNC_MANAGER";
    static final String CONFIG_MANAGER = "SMS_WSUS_CONFIGURATION_MANAGER";
    /** Discovery components of primary sites (the reference scripts query them). */
    private static final String[] DISCOVERY = {"SMS_AD_SECURITY_GROUP_DISCOVERY_AGENT", "SMS_AD_FOREST_DISCOVERY_MANAGER",
        "SMS_NETWORK_DISCOVERY", "SMS_AD_SYSTEM_DISCOVERY_AGENT", "SMS_AD_USER_DISCOVERY_AGENT"};
    private static final String[] OTHER = {"SMS_SITE_COMPONENT_MANAGER", "SMS_DISTRIBUTION_MANAGER",
        "SMS_HIERARCHY_MANAGER", "SMS_STATUS_MANAGER"};

    private final SimulatedProvider sim;
    private final WmiClass embeddedProperty;
    private final WmiClass embeddedPropertyList;

    SiteData(SimulatedProvider sim) {
        this.sim = sim;
        this.embeddedProperty = sim.store.classNamed("SMS_EmbeddedProperty");
        this.embeddedPropertyList = sim.store.classNamed("SMS_EmbeddedPropertyList");
    }

    void seed(StoredTable sites, StoredTable syncStatus, Catalog catalog) {
        Instant now = sim.clock().instant();
        for (SimulatedSite s : sim.sites()) {
            SimulatedSite parent = s.parent().map(sim::site).orElse(null);
            sites.store(WmiObject.builder(sites.wmiClass())
                    .set("SiteCode", s.code()).set("SiteName", s.name()).set("ServerName", s.serverName())
                    .set("Version", sim.version().siteVersion()).set("BuildNumber", (long) sim.version().buildNumber())
                    .set("Type", siteType(s)).set("Status", 1L).set("Mode", 0L).set("RequestedStatus", 0L)
                    .set("ReportingSiteCode", parent == null ? "" : parent.code())
                    .set("InstallDir", "E:\\Program Files\\Microsoft Configuration Manager")
                    .set("TimeZoneInfo", "000001E0 0000 000B 0000 0001 0002 0000 0000 0000 00000000 0000 0003 0000 0002 0002 0000 0000 0000 FFFFFFC4")
                    .set("Features", "0000000000000000000000000000000000000000000000000000000000000000")
                    .set("SecondarySiteCMUpdateStatus", 0L)
                    .build());
            seedScf(s, parent);
            if (!sim.hasSoftwareUpdatePoint(s.code())) {
                continue; // no software update point: no sync status row (what SyncJob reads as "no active SUP")
            }
            Instant lastSync = now.minus(Duration.ofHours(s.isTop() ? 6 : 5));
            syncStatus.store(WmiObject.builder(syncStatus.wmiClass())
                    .set("SiteCode", s.code()).set("WSUSServerName", sim.softwareUpdatePointServer(s.code()))
                    .set("WSUSSourceServer", parent == null ? "Microsoft Update" : sim.softwareUpdatePointServer(parent.code()))
                    .set("LastSyncState", 6702L).set("LastSyncErrorCode", 0L)
                    .set("LastSyncStateTime", dt(lastSync.plus(Duration.ofMinutes(4))))
                    .set("LastSuccessfulSyncTime", dt(lastSync.plus(Duration.ofMinutes(4))))
                    .set("SyncCatalogVersion", (long) catalog.catalogVersion())
                    .set("ReplicationLinkStatus", 1L)
                    .set("LastReplicationLinkCheckTime", dt(now.minus(Duration.ofMinutes(20))))
                    .build());
        }
    }

    static long siteType(SimulatedSite s) {
        return s.isTop() && s.code().equals("CAS") ? 4 : 2;
    }

    private void seedScf(SimulatedSite s, SimulatedSite parent) {
        WmiClass def = sim.store.classNamed("SMS_SCI_SiteDefinition");
        boolean cas = siteType(s) == 4;
        String domain = s.serverName().substring(s.serverName().indexOf('.') + 1);
        write(WmiObject.builder(def)
                .set("FileType", 2L).set("ItemName", "Site Definition").set("ItemType", "Site Definition")
                .set("SiteCode", s.code()).set("SiteName", s.name()).set("ParentSiteCode", parent == null ? "" : parent.code())
                .set("SiteServerName", s.serverName()).set("SiteServerDomain", domain.toUpperCase(java.util.Locale.ROOT))
                .set("SiteServerPlatform", "X64").set("SiteType", cas ? 4L : 2L)
                .set("InstallDirectory", "E:\\Program Files\\Microsoft Configuration Manager")
                .set("SQLServerName", s.serverName()).set("SQLDatabaseName", "CM_" + s.code())
                .set("Props", CimValue.objectArray(List.of(
                        prop("Comments", 0, "", ""),
                        prop("Site Version", 0, sim.version().siteVersion(), ""),
                        prop("Full Version", 0, sim.version().siteVersion(), ""))))
                .set("PropLists", CimValue.objectArray(List.of(
                        propList("Child Sites", sim.sites().stream().filter(c -> s.code().equals(c.parentCode()))
                                .map(SimulatedSite::code).toList()))))
                .build());

        List<WmiObject> sync = new ArrayList<>();
        sync.add(prop("Sync Now", 0, "", ""));
        sync.add(prop("Sync Schedule", 0, s.isTop() ? "0001200000100038" : "", ""));
        sync.add(prop("Sync ExpressFiles", 0, "", ""));
        if (sim.version() != ProviderVersion.CM2007) {
            sync.add(prop("EnableThirdPartyUpdates", 0, "", ""));
            sync.add(prop("Full Sync Interval (days)", 7, "", ""));
        }
        sync.add(prop("MaxInstallTime-ServicePack", 7200, "", ""));
        sync.add(prop("MaxInstallTime-Windows", 3600, "", ""));
        wsusComponent(s, SYNC_MANAGER, sync, List.of());

        List<WmiObject> cfg = new ArrayList<>();
        cfg.add(prop("Call WSUS Cleanup", 1, "", ""));
        cfg.add(prop("Call WSUS Delete Obselete Updates", 0, "", ""));
        cfg.add(prop("Call WSUS Indexing", 0, "", ""));
        cfg.add(prop("ClientReportingLevel", 0, "", ""));
        cfg.add(prop("DefaultWSUS", 0, "", sim.hasSoftwareUpdatePoint(s.code()) ? sim.softwareUpdatePointServer(s.code()) : ""));
        cfg.add(prop("DefaultUseParentWSUS", s.isTop() ? 0 : 1, "", ""));
        cfg.add(prop("ParentWSUS", 0, "", parent == null ? "" : sim.softwareUpdatePointServer(parent.code())));
        cfg.add(prop("ParentWSUSPort", 8530, "", ""));
        cfg.add(prop("SSLToParentWSUS", 0, "", ""));
        cfg.add(prop("DefaultWSUSIISPort", 8530, "", ""));
        cfg.add(prop("DefaultWSUSIISSSLPort", 8531, "", ""));
        cfg.add(prop("SSLDefaultWSUS", 0, "", ""));
        cfg.add(prop("SupportedTitleLanguages", 0, "", "en"));
        cfg.add(prop("SupportedUpdateLanguages", 0, "", "en"));
        cfg.add(prop("Sync Supersedence Age For Feature", 3, "", ""));
        cfg.add(prop("Sync Supersedence Age For NonFeature", 3, "", ""));
        cfg.add(prop("Sync Supersedence Mode For Feature", 1, "", ""));
        cfg.add(prop("Sync Supersedence Mode For NonFeature", 1, "", ""));
        wsusComponent(s, CONFIG_MANAGER, cfg, List.of(
                propList("Products", Categories.subscribed(Categories.Kind.PRODUCT)),
                propList("UpdateClassifications", Categories.subscribed(Categories.Kind.CLASSIFICATION))));

        if (!cas) {
            for (String d : DISCOVERY) {
                component(s, d, List.of(prop("Enable Incremental Sync", 1, "", ""),
                        prop("Startup Schedule", 0, "000120000010E000", ""),
                        prop("Full Sync Schedule", 0, "0001200000100038", "")), List.of());
            }
        }
        for (String o : OTHER) {
            component(s, o, List.of(prop("Enabled", 1, "", "")), List.of());
        }
    }

    /**
     * A WSUS component. On 2007 it is named after the software update point's server, {@code
     * SMS_WSUS_SYNC_MANAGER|<server>} with {@code Flag} 6 (NAMED_SERVER_INSTALLED) and {@code Name} the server,
     * as the 2007 SDK samples (seeds/how-to-synchronize-with-the-software-update-point-2007.txt) and the SDK
     * pages on the WSUS settings address it; later versions keep {@code |SMS Site Server} (docs/simulator.md
     * says why).
     */
    private void wsusComponent(SimulatedSite s, String name, List<WmiObject> props, List<WmiObject> lists) {
        component(s, name, sim.version() == ProviderVersion.CM2007 ? sim.softwareUpdatePointServer(s.code())
                : "SMS Site Server", props, lists);
    }

    private void component(SimulatedSite s, String name, List<WmiObject> props, List<WmiObject> lists) {
        component(s, name, "SMS Site Server", props, lists);
    }

    private void component(SimulatedSite s, String name, String server, List<WmiObject> props, List<WmiObject> lists) {
        WmiClass comp = sim.store.classNamed("SMS_SCI_Component");
        write(WmiObject.builder(comp)
                .set("FileType", 2L).set("ItemName", name + "|" + server).set("ItemType", "Component")
                .set("SiteCode", s.code()).set("ComponentName", name).set("Name", server).set("Flag", 6L)
                .set("Props", CimValue.objectArray(props)).set("PropLists", CimValue.objectArray(lists))
                .build());
    }

    private void write(WmiObject item) {
        sim.scf.write(ScfSessions.siteOf(item), ScfSessions.itemKey(item.wmiClass(), Keys.of(item)), item, null);
    }

    WmiObject prop(String name, long value, String value1, String value2) {
        return WmiObject.builder(embeddedProperty).set("ItemType", "").set("PropertyName", name).set("Value", value)
                .set("Value1", value1).set("Value2", value2).build();
    }

    WmiObject propList(String name, List<String> values) {
        return WmiObject.builder(embeddedPropertyList).set("ItemType", "").set("PropertyListName", name)
                .set("Values", CimValue.stringArray(values)).build();
    }

    static CimValue dt(Instant t) {
        return CimValue.datetime(CimDateTime.of(t));
    }
}
