package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.ConnectionException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.Capability;
import io.github.cm4j.spi.WmiTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTransportUriTest {

    @Test
    void demoIsACentralAdministrationSiteWithTwoPrimaries() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo")) {
            assertThat(cm.namespace()).isEqualTo("root\\sms\\site_CAS");
            List<WmiObject> sites = cm.query("SELECT * FROM SMS_Site ORDER BY SiteCode").toList();
            assertThat(sites).extracting(s -> s.getString("SiteCode")).containsExactly("CAS", "PS1", "PS2");
            assertThat(sites).extracting(s -> s.getString("Version")).containsOnly("5.00.9122.1000");
            assertThat(sites.get(0).getLong("Type")).isEqualTo(4);
            assertThat(sites.get(1).getString("ReportingSiteCode")).isEqualTo("CAS");
            assertThat(cm.query("SELECT * FROM SMS_SoftwareUpdate").count()).isEqualTo(5000);
        }
    }

    @Test
    void version2007IsATopPrimaryCenWithChildPs1() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo?version=2007")) {
            assertThat(cm.namespace()).isEqualTo("root\\sms\\site_CEN");
            assertThat(cm.query("SELECT SiteCode, Version, BuildNumber FROM SMS_Site").toList())
                    .extracting(s -> s.getString("SiteCode") + " " + s.getString("Version") + " " + s.getLong("BuildNumber"))
                    .containsExactlyInAnyOrder("CEN 4.00.6487.2000 6487", "PS1 4.00.6487.2000 6487");
        }
    }

    @Test
    void emptyHasOnePrimaryAndNoUpdates() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:empty")) {
            assertThat(cm.namespace()).isEqualTo("root\\sms\\site_PS1");
            assertThat(cm.query("SELECT * FROM SMS_SoftwareUpdate").count()).isZero();
            assertThat(cm.query("SELECT * FROM SMS_SCI_Component WHERE ComponentName = 'SMS_WSUS_SYNC_MANAGER'").count()).isOne();
        }
    }

    @Test
    void siteParameterPicksTheDefaultNamespaceAndAChildSeesOnlyItsBranch() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo?site=ps1")) {
            assertThat(cm.namespace()).isEqualTo("root\\sms\\site_PS1");
            assertThat(cm.query("SELECT * FROM SMS_Site").map(s -> s.getString("SiteCode")).toList()).containsExactly("PS1");
            assertThat(cm.query("SELECT * FROM SMS_SCI_SiteDefinition").map(s -> s.getString("SiteCode")).toList())
                    .containsExactly("PS1");
            // hierarchy-wide data is the same everywhere
            assertThat(cm.query("SELECT * FROM SMS_SoftwareUpdate").count()).isEqualTo(5000);
        }
    }

    @Test
    void aCallToAnotherSitesNamespaceWorksAndResultsNameIt() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            List<WmiObject> r = query(t, ns("PS2"), "SELECT * FROM SMS_SCI_SiteDefinition");
            assertThat(r).hasSize(1);
            assertThat(r.get(0).getString("SiteCode")).isEqualTo("PS2");
            assertThat(r.get(0).namespace()).contains("root\\sms\\site_PS2");
            assertThat(r.get(0).server()).contains("ps2site.contoso.com");
            assertThat(query(t, "ROOT\\SMS\\SITE_ps1", "SELECT * FROM SMS_Site")).hasSize(1);
        }
    }

    @Test
    void nosupBuildsSitesWithoutASoftwareUpdatePointAndAnUnknownSiteIsRefused() {
        try (ConfigMgr cm = ConfigMgr.connect("memory:demo?nosup=CAS,PS2&speed=0")) {
            assertThat(cm.softwareUpdatePoint().statuses()).extracting(s -> s.siteCode()).containsExactly("PS1");
        }
        assertThatThrownBy(() -> ConfigMgr.connect("memory:demo?nosup=XYZ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory:demo?nosup=XYZ").hasMessageContaining("XYZ is not in the hierarchy");
    }

    @Test
    void theSiteServersRootCimv2AnswersWin32OperatingSystemWithTheSimulatedClockAndNothingElse() {
        SimulatedClock clock = SimulatedClock.at(java.time.Instant.parse("2024-06-11T10:00:00Z"));
        try (WmiTransport t = SimulatedProvider.builder().clock(clock).catalogSize(10).build().openTransport()) {
            clock.advance(java.time.Duration.ofMinutes(7));
            WmiObject os = query(t, "root\\cimv2", "SELECT LocalDateTime FROM Win32_OperatingSystem").get(0);
            assertThat(os.get("LocalDateTime").orElseThrow().asDateTime().toInstant()).isEqualTo("2024-06-11T10:07:00Z");
            assertThat(os.getString("CSName")).isEqualTo("CASSITE");
            for (String other : new String[] {"SELECT * FROM Win32_UTCTime", "SELECT * FROM SMS_Site"}) {
                assertThatThrownBy(() -> query(t, "//./root/CIMV2", other)).isInstanceOfSatisfying(WmiException.class,
                        e -> assertThat(e.is(WbemStatus.WBEM_E_INVALID_CLASS)).isTrue());
            }
        }
    }

    @Test
    void anUnknownNamespaceIsInvalidNamespace() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            for (String bad : new String[] {"root\\sms\\site_XYZ", "root\\cimv3", "root\\sms"}) {
                assertThatThrownBy(() -> query(t, bad, "SELECT * FROM SMS_Site"))
                        .isInstanceOfSatisfying(WmiException.class, e -> {
                            assertThat(e.is(WbemStatus.WBEM_E_INVALID_NAMESPACE)).isTrue();
                            assertThat(e.getMessage()).contains("ExecQuery").contains(bad);
                        });
            }
            assertThatThrownBy(() -> t.get("root\\sms\\site_NOP", ObjectPath.parse("SMS_Site.SiteCode='CAS'"), CALL,
                    WmiContext.empty())).isInstanceOfSatisfying(WmiException.class,
                            e -> assertThat(e.status()).contains(WbemStatus.WBEM_E_INVALID_NAMESPACE));
        }
    }

    @Test
    void badUrisAreRejectedWithAReason() {
        assertThatThrownBy(() -> ConfigMgr.connect("memory:nothing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown simulated hierarchy 'nothing'").hasMessageContaining("memory:demo");
        assertThatThrownBy(() -> ConfigMgr.connect("memory:demo?version=1999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown ConfigMgr version '1999'");
        assertThatThrownBy(() -> ConfigMgr.connect("memory:demo?colour=red")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'colour'");
        assertThatThrownBy(() -> ConfigMgr.connect("memory:demo?site=XYZ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no site 'XYZ'").hasMessageContaining("CAS, PS1, PS2");
        assertThatThrownBy(() -> ConfigMgr.connect("memory://demo")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write memory:demo");
        assertThatThrownBy(() -> ConfigMgr.connect("memory:demo?updates=many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("updates must be a whole number");
        assertThatThrownBy(() -> ConfigMgr.connect("memory:demo?site")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not name=value");
    }

    @Test
    void uriParametersSizeAndSeedTheCatalog() {
        try (ConfigMgr a = ConfigMgr.connect("memory:demo?updates=300&seed=7");
             ConfigMgr b = ConfigMgr.connect("memory:demo?updates=300&seed=7");
             ConfigMgr c = ConfigMgr.connect("memory:demo?updates=300&seed=8")) {
            List<WmiObject> x = a.query("SELECT * FROM SMS_SoftwareUpdate").toList();
            assertThat(x).hasSize(300);
            assertThat(b.query("SELECT * FROM SMS_SoftwareUpdate").toList()).isEqualTo(x);
            assertThat(c.query("SELECT * FROM SMS_SoftwareUpdate").toList()).isNotEqualTo(x);
        }
    }

    @Test
    void aBuiltHierarchyIsReachableByItsProviderOrByARegisteredName() {
        SimulatedProvider sim = SimulatedProvider.builder().topSite("HQ1", "Head Office")
                .childSite("EU1", "Europe", "HQ1").childSite("EU2", "Europe Branch", "EU1")
                .catalogSize(100).seed(3).domain("lab.local").build();
        assertThat(sim.sites()).extracting(SimulatedSite::code).containsExactly("HQ1", "EU1", "EU2");
        assertThat(sim.site("eu2").serverName()).isEqualTo("eu2site.lab.local");
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:lab?site=EU1").provider(sim.transportProvider()).connect()) {
            assertThat(cm.namespace()).isEqualTo("root\\sms\\site_EU1");
            assertThat(cm.query("SELECT * FROM SMS_Site").map(s -> s.getString("SiteCode")).toList())
                    .containsExactlyInAnyOrder("EU1", "EU2");
        }
        sim.register("lab-test");
        try (ConfigMgr one = ConfigMgr.connect("memory:lab-test"); ConfigMgr two = ConfigMgr.connect("memory:LAB-TEST?site=EU2")) {
            assertThat(one.query("SELECT * FROM SMS_SoftwareUpdate").count()).isEqualTo(100);
            assertThat(two.namespace()).isEqualTo("root\\sms\\site_EU2");
        } finally {
            assertThat(SimulatedProvider.unregister("lab-test")).isTrue();
        }
        assertThatThrownBy(() -> ConfigMgr.connect("memory:lab-test")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.register("demo")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRejectsImpossibleHierarchies() {
        assertThatThrownBy(() -> SimulatedProvider.builder().topSite("TOOLONG", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("three letters or digits");
        assertThatThrownBy(() -> SimulatedProvider.builder().topSite("AAA", "x").childSite("BBB", "y", "ZZZ"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent site ZZZ");
        assertThatThrownBy(() -> SimulatedProvider.builder().catalogSize(1_000_001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedTransportRefusesCalls() {
        WmiTransport t = SimulatedProvider.demo().openTransport();
        assertThat(t.capabilities()).contains(Capability.CONTEXT, Capability.CLASS_DEFINITIONS);
        t.close();
        t.close();
        assertThatThrownBy(() -> query(t, ns("CAS"), "SELECT * FROM SMS_Site")).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("closed");
    }
}
