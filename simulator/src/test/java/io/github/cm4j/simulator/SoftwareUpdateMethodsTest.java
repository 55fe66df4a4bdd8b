package io.github.cm4j.simulator;

import static io.github.cm4j.simulator.Sims.CALL;
import static io.github.cm4j.simulator.Sims.invoke;
import static io.github.cm4j.simulator.Sims.ns;
import static io.github.cm4j.simulator.Sims.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.spi.WmiTransport;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SoftwareUpdateMethodsTest {
    static final String CAS = ns("CAS");

    private static void assertStatus(ThrowingCallable call, WbemStatus status, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WmiException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).contains(status);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    static String eulaUpdate(WmiTransport t, String ns) {
        return query(t, ns, "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE EULAExists = TRUE").get(0).path().toString();
    }

    static String plainUpdate(WmiTransport t, String ns) {
        return query(t, ns, "SELECT CI_ID FROM SMS_SoftwareUpdate WHERE EULAExists = FALSE").get(0).path().toString();
    }

    @Test
    void acceptEulaRecordsTheDecisionAndOutParametersFollowTheMethodDefinition() {
        SimulatedProvider sim = SimulatedProvider.demo();
        try (WmiTransport t = sim.openTransport()) {
            String path = eulaUpdate(t, CAS);
            WmiObject out = invoke(t, CAS, path, "AcceptEULA", Map.of("Accepted", true));
            MethodDefinition m = t.getClass(CAS, "SMS_SoftwareUpdate", CALL, WmiContext.empty()).method("AcceptEULA").orElseThrow();
            assertThat(out.wmiClass()).isEqualTo(m.outParametersClass());
            assertThat(out.get("ReturnValue")).contains(CimValue.sint32(0));
            WmiObject u = t.get(CAS, ObjectPath.parse(path), CALL, WmiContext.empty());
            assertThat(u.getLong("EULAAccepted")).isEqualTo(1);
            assertThat(u.get("EULASignoffDate").orElseThrow().asDateTime().toInstant()).isEqualTo(sim.clock().instant());
            assertThat(u.getString("EULASignoffUser")).isNotBlank();
            // the hierarchy-wide catalog shows it in every namespace, in queries too
            assertThat(query(t, ns("PS2"), "SELECT * FROM SMS_SoftwareUpdate WHERE EULAAccepted = 1")).hasSize(1);

            invoke(t, CAS, path, "AcceptEULA", Map.of("Accepted", false));
            assertThat(t.get(CAS, ObjectPath.parse(path), CALL, WmiContext.empty()).getLong("EULAAccepted")).isEqualTo(2);
        }
    }

    @Test
    void getEulaReturnsTheLicenseText() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            WmiObject out = invoke(t, CAS, eulaUpdate(t, CAS), "GetEULA", Map.of());
            assertThat(out.getLong("ReturnValue")).isZero();
            assertThat(out.getString("EULA")).contains("MICROSOFT SOFTWARE LICENSE TERMS");
        }
    }

    @Test
    void eulaMethodsOnAnUpdateWithoutLicenseTermsFailWithANonZeroReturnValue() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            String path = plainUpdate(t, CAS);
            WmiObject accept = invoke(t, CAS, path, "AcceptEULA", Map.of("Accepted", true));
            assertThat(accept.getLong("ReturnValue")).isEqualTo(1168);
            WmiObject get = invoke(t, CAS, path, "GetEULA", Map.of());
            assertThat(get.getLong("ReturnValue")).isEqualTo(1168);
            assertThat(get.isNull("EULA")).isTrue();
            assertThat(t.get(CAS, ObjectPath.parse(path), CALL, WmiContext.empty()).getLong("EULAAccepted")).isZero();
        }
    }

    @Test
    void instanceMethodsNeedAnExistingUpdate() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            assertStatus(() -> invoke(t, CAS, "SMS_SoftwareUpdate.CI_ID=42", "AcceptEULA", Map.of("Accepted", true)),
                    WbemStatus.WBEM_E_NOT_FOUND, "CI_ID=42");
            assertStatus(() -> invoke(t, CAS, "SMS_SoftwareUpdate", "GetEULA", Map.of()),
                    WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, "instance method");
            WmiObject wrongType = WmiObject.builder("__PARAMETERS").set("Accepted", CimValue.string("yes")).build();
            assertStatus(() -> t.invoke(CAS, ObjectPath.parse(plainUpdate(t, CAS)), "AcceptEULA", wrongType, CALL, WmiContext.empty()),
                    WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, "Accepted");
            WmiObject unknown = WmiObject.builder("__PARAMETERS").set("Force", CimValue.bool(true)).build();
            assertStatus(() -> t.invoke(CAS, ObjectPath.parse(plainUpdate(t, CAS)), "AcceptEULA", unknown, CALL, WmiContext.empty()),
                    WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, "Force");
            assertStatus(() -> t.invoke(CAS, ObjectPath.parse(plainUpdate(t, CAS)), "Explode", null, CALL, WmiContext.empty()),
                    WbemStatus.WBEM_E_INVALID_METHOD, "Explode");
        }
    }

    @Test
    void setEnforcementSetsTheEffectiveDate() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            String path = plainUpdate(t, CAS);
            CimDateTime when = CimDateTime.of(Instant.parse("2024-07-01T00:00:00Z"));
            WmiObject out = invoke(t, CAS, path, "SetEnforcement", Map.of("Enforced", true, "EffectiveDate", CimValue.datetime(when)));
            assertThat(out.getLong("ReturnValue")).isZero();
            assertThat(t.get(CAS, ObjectPath.parse(path), CALL, WmiContext.empty()).get("EffectiveDate"))
                    .contains(CimValue.datetime(when));
            invoke(t, CAS, path, "SetEnforcement", Map.of("Enforced", false));
            assertThat(t.get(CAS, ObjectPath.parse(path), CALL, WmiContext.empty()).isNull("EffectiveDate")).isTrue();
            assertStatus(() -> invoke(t, CAS, path, "SetEnforcement", Map.of()), WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS,
                    "Enforced");
        }
    }

    @Test
    void syncNowRunsOnCurrentBranchAndIsNoMethodOfThe2007Class() {
        SimulatedProvider cb = SimulatedProvider.demo();
        try (WmiTransport t = cb.openTransport()) {
            WmiObject out = invoke(t, CAS, "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", false));
            assertThat(out.getLong("ReturnValue")).isZero();
            assertThat(cb.sync().isRunning()).isTrue();
        }
        try (WmiTransport t = SimulatedProvider.demo2007().openTransport()) {
            // The 2007 class does not declare SyncNow (it arrived in 2012 SP1): WMI answers as for any unknown method.
            assertThat(t.getClass(ns("CEN"), "SMS_SoftwareUpdate", Sims.CALL, WmiContext.empty()).method("SyncNow")).isEmpty();
            assertStatus(() -> t.invoke(ns("CEN"), io.github.cm4j.cim.ObjectPath.ofClass("SMS_SoftwareUpdate"), "SyncNow", null,
                    Sims.CALL, WmiContext.empty()), WbemStatus.WBEM_E_INVALID_METHOD, "Configuration Manager 2007 SP2");
        }
    }

    @Test
    void syncNowIsRefusedAtAChildSite() {
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            assertStatus(() -> invoke(t, ns("PS1"), "SMS_SoftwareUpdate", "SyncNow", Map.of("fullSync", true)),
                    WbemStatus.WBEM_E_NOT_SUPPORTED, "only possible at the top site CAS");
        }
    }

    @Test
    void resendObjectToAllSitesRunsOn2007AndIsNotImplementedOnCurrentBranch() {
        SimulatedProvider old = SimulatedProvider.demo2007();
        try (WmiTransport t = old.openTransport()) {
            String path = plainUpdate(t, ns("CEN"));
            WmiObject out = invoke(t, ns("CEN"), path, "ResendObjectToAllSites", Map.of());
            assertThat(out.getLong("ReturnValue")).isZero();
            assertThat(out.propertyNames()).containsExactly("ReturnValue");
            assertThat(t.get(ns("CEN"), ObjectPath.parse(path), CALL, WmiContext.empty()).get("DateLastModified")
                    .orElseThrow().asDateTime().toInstant()).isEqualTo(old.clock().instant());
        }
        try (WmiTransport t = SimulatedProvider.demo().openTransport()) {
            assertStatus(() -> invoke(t, CAS, plainUpdate(t, CAS), "ResendObjectToAllSites", Map.of()),
                    WbemStatus.WBEM_E_METHOD_NOT_IMPLEMENTED, "current branch");
        }
    }
}
