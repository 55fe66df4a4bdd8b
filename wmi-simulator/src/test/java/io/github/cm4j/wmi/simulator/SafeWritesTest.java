package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.model.LazyWritePolicy;
import io.github.cm4j.model.Severity;
import io.github.cm4j.model.SoftwareUpdate;
import io.github.cm4j.simulator.ProviderVersion;
import io.github.cm4j.simulator.SimulatedClock;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.spi.CallOptions;
import io.github.cm4j.spi.PutMode;
import io.github.cm4j.updates.UpdateQuery;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16's safe writes: writing back a query result (lazy properties NULL) never loses {@code LocalizedEulas}
 * and {@code LocalizedInformation}, on {@code memory:} and over {@code dcom://} against the loopback server, on
 * both provider versions; the typed update writes change only their property.
 */
class SafeWritesTest {

    /** Runs a scenario over memory: and over dcom:// (each on its own hierarchy of that version). */
    private static void overBoth(ProviderVersion version, Consumer<ConfigMgr> scenario) {
        SimulatedProvider memory = SimulatedProvider.builder().version(version).clock(SimulatedClock.standard())
                .catalogSize(200).build();
        try (ConfigMgr cm = ConfigMgr.builder().uri("memory:test?site=" + memory.topSite().code())
                .provider(memory.transportProvider()).connect()) {
            scenario.accept(cm);
        }
        SimulatedProvider served = SimulatedProvider.builder().version(version).clock(SimulatedClock.standard())
                .catalogSize(200).build();
        try (WmiServer server = LoopbackSites.start(served);
             ConfigMgr cm = ConfigMgr.builder().uri(LoopbackSites.uri(server, served.topSite().code(), ""))
                     .credentials(LoopbackSites.ADMIN).connect()) {
            assertThat(cm.toString()).contains("dcom://");
            scenario.accept(cm);
        }
    }

    private static WmiObject queriedUpdateWithEula(ConfigMgr cm) {
        try (Stream<WmiObject> s = cm.query("SELECT * FROM SMS_SoftwareUpdate WHERE EULAExists = TRUE")) {
            WmiObject o = s.findFirst().orElseThrow();
            assertThat(o.isNull("LocalizedEulas")).as("a query leaves lazy properties NULL").isTrue();
            assertThat(o.isNull("LocalizedInformation")).isTrue();
            return o;
        }
    }

    @ParameterizedTest
    @EnumSource(ProviderVersion.class)
    void writingBackAQueryResultIsRefusedOrPartialAndNeverWipesLazyProperties(ProviderVersion version) {
        overBoth(version, cm -> {
            WmiObject queried = queriedUpdateWithEula(cm);
            String path = queried.path().toString();
            WmiObject before = cm.get(path);
            assertThat(before.isNull("LocalizedEulas")).isFalse();
            WmiObject changed = queried.with("CustomSeverity", 8L);

            assertThatThrownBy(() -> cm.put(changed)).isInstanceOf(MappingException.class)
                    .hasMessageContaining("LocalizedEulas").hasMessageContaining("LocalizedInformation")
                    .hasMessageContaining("LazyWritePolicy.LEAVE_UNTOUCHED");
            WmiObject afterRefusal = cm.get(path);
            assertThat(afterRefusal.get("LocalizedEulas")).isEqualTo(before.get("LocalizedEulas"));
            assertThat(afterRefusal.getLong("CustomSeverity")).isEqualTo(before.getLong("CustomSeverity"));

            cm.put(changed, PutMode.UPDATE_ONLY, LazyWritePolicy.LEAVE_UNTOUCHED);
            WmiObject after = cm.get(path);
            assertThat(after.getLong("CustomSeverity")).isEqualTo(8);
            assertThat(after.get("LocalizedEulas")).isEqualTo(before.get("LocalizedEulas"));
            assertThat(after.get("LocalizedInformation")).isEqualTo(before.get("LocalizedInformation"));

            // A loaded object (GetObject) goes back whole without a question.
            cm.put(after.with("CustomSeverity", 6L));
            assertThat(cm.get(path).getLong("CustomSeverity")).isEqualTo(6);
        });
    }

    @ParameterizedTest
    @EnumSource(ProviderVersion.class)
    void theHazardIsRealWithoutTheGuard(ProviderVersion version) {
        overBoth(version, cm -> {
            WmiObject queried = queriedUpdateWithEula(cm);
            cm.transport().put(cm.namespace(), queried.with("CustomSeverity", 8L), PutMode.UPDATE_ONLY,
                    CallOptions.defaults(), WmiContext.empty());
            assertThat(cm.get(queried.path().toString()).isNull("LocalizedEulas"))
                    .as("a whole put of a query result wipes the lazy property: what the guard prevents").isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(ProviderVersion.class)
    void aTypedModelFromAQueryIsRefusedOrWrittenPartially(ProviderVersion version) {
        overBoth(version, cm -> {
            SoftwareUpdate u;
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.all())) {
                u = s.filter(SoftwareUpdate::eulaExists).findFirst().orElseThrow();
            }
            assertThat(u.localizedEulas().isLoaded()).isFalse();
            SoftwareUpdate changed = u.withCustomSeverity(Severity.CRITICAL);
            assertThatThrownBy(() -> cm.put(changed, LazyWritePolicy.REQUIRE_LOADED))
                    .isInstanceOf(MappingException.class).hasMessageContaining("LocalizedEulas");
            cm.put(changed, LazyWritePolicy.LEAVE_UNTOUCHED);
            SoftwareUpdate stored = cm.softwareUpdates().get(u.ciId());
            assertThat(stored.customSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(stored.localizedEulas().get()).isNotEmpty();
            assertThat(stored.localizedInformation().get()).isNotEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(ProviderVersion.class)
    void typedUpdateWritesChangeOnlyTheirPropertyInTheVersionsUnit(ProviderVersion version) {
        overBoth(version, cm -> {
            WmiObject queried = queriedUpdateWithEula(cm);
            SoftwareUpdate u = cm.softwareUpdates().get(queried.getLong("CI_ID"));
            SoftwareUpdate sev = cm.softwareUpdates().setCustomSeverity(u, Severity.IMPORTANT);
            assertThat(sev.customSeverity()).isEqualTo(Severity.IMPORTANT);
            SoftwareUpdate run = cm.softwareUpdates().setMaxExecutionTime(u, Duration.ofMinutes(45));
            assertThat(run.maxExecutionTime()).isEqualTo(version == ProviderVersion.CM2007 ? 45 : 2700);
            assertThat(run.customSeverity()).isEqualTo(Severity.IMPORTANT);
            assertThat(run.localizedEulas().get()).isEqualTo(u.localizedEulas().get());
            assertThat(run.localizedInformation().get()).isEqualTo(u.localizedInformation().get());
            assertThat(run.isLegacyEnabled()).isEqualTo(version == ProviderVersion.CM2007 ? Optional.of(false) : Optional.empty());
            if (version == ProviderVersion.CM2007) {
                assertThatThrownBy(() -> cm.softwareUpdates().setMaxExecutionTime(u, Duration.ofSeconds(90)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minutes");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ProviderVersion.class)
    void theProvidersQualifierRulesAnswerTheSameOverDcomAsInMemory(ProviderVersion version) {
        overBoth(version, cm -> {
            WmiObject u = cm.get(queriedUpdateWithEula(cm).path().toString());
            assertThatThrownBy(() -> cm.put(u.with("ArticleID", "999999")))
                    .isInstanceOfSatisfying(io.github.cm4j.WmiException.class, e -> {
                        assertThat(e.status()).contains(io.github.cm4j.WbemStatus.WBEM_E_READ_ONLY);
                        assertThat(e.operation()).isEqualTo("PutInstance");
                    });
            assertThatThrownBy(() -> cm.put(u.with("SourceSite", "ABCD")))
                    .isInstanceOfSatisfying(io.github.cm4j.WmiException.class,
                            e -> assertThat(e.status()).contains(io.github.cm4j.WbemStatus.WBEM_E_INVALID_PARAMETER));
            assertThatThrownBy(() -> cm.put(u.with("ApplicabilityCondition", null)))
                    .isInstanceOfSatisfying(io.github.cm4j.WmiException.class,
                            e -> assertThat(e.status()).contains(io.github.cm4j.WbemStatus.WBEM_E_ILLEGAL_NULL));
            assertThat(cm.get(u.path().toString())).isEqualTo(u);
        });
    }

    @org.junit.jupiter.api.Test
    void contentDescribedOverDcomDownloadsVerified(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SimulatedProvider served = SimulatedProvider.builder().clock(SimulatedClock.standard()).catalogSize(200)
                .contentServer(true).build();
        try (WmiServer server = LoopbackSites.start(served);
             ConfigMgr cm = ConfigMgr.builder().uri(LoopbackSites.uri(server, served.topSite().code(), ""))
                     .credentials(LoopbackSites.ADMIN).connect()) {
            SoftwareUpdate u;
            try (Stream<SoftwareUpdate> s = cm.softwareUpdates().find(UpdateQuery.builder().titleContains("Office").build())) {
                u = s.filter(x -> cm.softwareUpdates().content(x).size() == 3).findFirst().orElseThrow();
            }
            var files = cm.softwareUpdates().downloadContent(u, dir, java.util.Locale.FRANCE);
            assertThat(files).singleElement().satisfies(f -> {
                assertThat(f.downloaded()).isTrue();
                assertThat(f.path().getFileName().toString()).contains("-fr-fr.");
                assertThat(f.bytes()).isEqualTo(f.file().fileSize());
            });
        } finally {
            served.contentServer().orElseThrow().close();
        }
    }
}
