package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The provider methods: {@code SMS_SiteControlFile} (GetSessionHandle, RefreshSCF, CommitSCF,
 * ReleaseSessionHandle; on 2007 also the instance methods Refresh and Commit) and {@code SMS_SoftwareUpdate} (AcceptEULA, GetEULA, SetEnforcement, SyncNow,
 * ResendObjectToAllSites). Out-parameters are instances of the method's
 * {@link MethodDefinition#outParametersClass()}; a method of the other provider version fails with
 * {@code WBEM_E_METHOD_NOT_IMPLEMENTED}. Failures the method pages describe as "non-zero to indicate
 * failure" are reported as a non-zero {@code ReturnValue} (see docs/simulator.md for the values).
 */
final class Methods {
    /** ReturnValue of AcceptEULA / GetEULA for an update without license terms: ERROR_NOT_FOUND (1168). */
    static final int NO_EULA = 1168;

    private final SimulatedProvider sim;

    Methods(SimulatedProvider sim) {
        this.sim = sim;
    }

    WmiObject invoke(SimulatedSite site, Ctx ctx, ObjectPath target, String methodName, WmiObject in) {
        WmiClass cls = sim.store.classNamed(target.className());
        MethodDefinition m = cls.method(methodName).orElseThrow(() -> new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD,
                "class " + cls.name() + " has no method " + methodName + " on " + sim.version().displayName()));
        if (!m.isStatic() && target.isClassPath()) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, cls.name() + "." + m.name()
                    + " is an instance method; call it on an instance path such as " + cls.name() + "."
                    + cls.keys().get(0).name() + "=...");
        }
        Map<String, CimValue> args = arguments(cls, m, in);
        String key = cls.name() + "." + m.name();
        switch (key.toLowerCase(Locale.ROOT)) {
            case "sms_sitecontrolfile.getsessionhandle":
                return out(m, 0, Map.of("SessionHandle", CimValue.string(sim.scf.open().handle())));
            case "sms_sitecontrolfile.refreshscf":
                sim.scf.refresh(requireSession(ctx, m), requireSite(ctx, args, m));
                return out(m, 0, Map.of());
            case "sms_sitecontrolfile.commitscf": {
                ScfSessions.Session s = requireSession(ctx, m);
                String siteCode = requireSite(ctx, args, m);
                sim.scf.commit(s, siteCode);
                sim.sync.afterCommit(siteCode);
                return out(m, 0, Map.of());
            }
            case "sms_sitecontrolfile.releasesessionhandle": {
                CimValue h = args.get("sessionhandle");
                if (h == null) {
                    throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, "ReleaseSessionHandle needs SessionHandle");
                }
                sim.scf.release(h.asString());
                return out(m, 0, Map.of());
            }
            case "sms_sitecontrolfile.refresh":
            case "sms_sitecontrolfile.commit":
                return scfInstanceMethod(ctx, target, m);
            case "sms_softwareupdate.accepteula":
                return acceptEula(ctx, target, m, args);
            case "sms_softwareupdate.geteula":
                return getEula(ctx, target, m);
            case "sms_softwareupdate.setenforcement":
                return setEnforcement(ctx, target, m, args);
            case "sms_softwareupdate.syncnow":
                requireVersion(sim.version().hasSyncNow(), m);
                CimValue full = args.get("fullsync");
                sim.sync.requestManual(full != null && full.asBoolean(), site);
                return out(m, 0, Map.of());
            case "sms_softwareupdate.resendobjecttoallsites":
                requireVersion(sim.version().hasResendObjectToAllSites(), m);
                int i = update(ctx, target);
                sim.updates.set(i, Map.of("DateLastModified", CimValue.datetime(CimDateTime.of(sim.clock().instant()))));
                return out(m, 0, Map.of());
            default:
                throw new SimulatedFault(WbemStatus.WBEM_E_METHOD_NOT_IMPLEMENTED, "the simulator does not implement "
                        + key);
        }
    }

    private void requireVersion(boolean available, MethodDefinition m) {
        if (!available) {
            throw new SimulatedFault(WbemStatus.WBEM_E_METHOD_NOT_IMPLEMENTED, "SMS_SoftwareUpdate." + m.name()
                    + " is not implemented by a " + sim.version().displayName() + " provider (site version "
                    + sim.version().siteVersion() + ")"
                    + (m.name().equalsIgnoreCase("SyncNow") ? "; on 2007 set the Sync Now embedded property of"
                    + " SMS_WSUS_SYNC_MANAGER instead" : "; it exists on Configuration Manager 2007 only"));
        }
    }

    private WmiObject acceptEula(Ctx ctx, ObjectPath target, MethodDefinition m, Map<String, CimValue> args) {
        int i = update(ctx, target);
        Catalog.Spec s = sim.catalog.spec(i);
        if (!eulaExists(i, s)) {
            return out(m, NO_EULA, Map.of());
        }
        CimValue accepted = args.get("accepted");
        boolean yes = accepted == null || accepted.asBoolean();
        Map<String, CimValue> set = new HashMap<>();
        set.put("EULAAccepted", CimValue.uint32(yes ? 1 : 2));
        set.put("EULASignoffDate", CimValue.datetime(CimDateTime.of(sim.clock().instant())));
        set.put("EULASignoffUser", CimValue.string("CONTOSO\\cmadmin"));
        sim.updates.set(i, set);
        return out(m, 0, Map.of());
    }

    private boolean eulaExists(int i, Catalog.Spec s) {
        CimValue v = sim.updates.row(i).value(sim.updates.wmiClass().indexOf("EULAExists"));
        return v != null && v.asBoolean();
    }

    private WmiObject getEula(Ctx ctx, ObjectPath target, MethodDefinition m) {
        int i = update(ctx, target);
        Catalog.Spec s = sim.catalog.spec(i);
        if (!eulaExists(i, s)) {
            return out(m, NO_EULA, Map.of());
        }
        return out(m, 0, Map.of("EULA", CimValue.string(s.title() + "\r\n\r\n" + CatalogTables.EULA_TEXT)));
    }

    private WmiObject setEnforcement(Ctx ctx, ObjectPath target, MethodDefinition m, Map<String, CimValue> args) {
        int i = update(ctx, target);
        CimValue enforced = args.get("enforced");
        if (enforced == null) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, "SetEnforcement needs Enforced");
        }
        CimValue when = args.get("effectivedate");
        Instant at = when == null ? sim.clock().instant() : when.asDateTime().toInstant();
        Map<String, CimValue> set = new HashMap<>();
        set.put("EffectiveDate", enforced.asBoolean() ? CimValue.datetime(CimDateTime.of(at)) : null);
        set.put("IsEnabled", CimValue.bool(true));
        sim.updates.set(i, set);
        return out(m, 0, Map.of());
    }

    /** @return the catalog index of the update an instance path names */
    private int update(Ctx ctx, ObjectPath target) {
        if (target.isClassPath()) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, "this method runs on an update: "
                    + "SMS_SoftwareUpdate.CI_ID=<id>");
        }
        WmiClass cls = sim.updates.wmiClass();
        Row r = sim.updates.get(Keys.of(cls, target), ctx);
        if (r == null) {
            throw new SimulatedFault(WbemStatus.WBEM_E_NOT_FOUND, "no software update " + target);
        }
        return ((GeneratedTable.SpecRow) r).spec.i;
    }

    /**
     * The obsolete 2007 instance methods {@code Refresh} and {@code Commit}: RefreshSCF / CommitSCF of the site
     * the instance path names ({@code SMS_SiteControlFile.Filetype=1,Sitecode="CEN"} in the 2007 sync sample),
     * with the session handle of the call's context. {@code FileType} (deprecated) and a missing
     * {@code SerialNumber} key are accepted as the real provider accepts the sample's path.
     *
     * @throws SimulatedFault {@code WBEM_E_INVALID_METHOD} on versions after 2007;
     *     {@code WBEM_E_NOT_FOUND} when the path names no site of this namespace's view (no such instance);
     *     {@code WBEM_E_INVALID_CONTEXT} without a session handle
     */
    private WmiObject scfInstanceMethod(Ctx ctx, ObjectPath target, MethodDefinition m) {
        if (sim.version() != ProviderVersion.CM2007) {
            // As before these methods were declared: the current-branch class has no such method (the schema
            // is shared by both versions until it is per version; then only 2007 declares them).
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD, "SMS_SiteControlFile." + m.name()
                    + " is an obsolete ConfigMgr 2007 method; a " + sim.version().displayName() + " provider has no"
                    + " such method: call the static " + m.name() + "SCF(SiteCode) with the session context instead");
        }
        Object code = target.key("SiteCode").orElse(null);
        String site = code == null ? null : code.toString().toUpperCase(Locale.ROOT);
        if (site == null || !ctx.sees(site)) {
            throw new SimulatedFault(WbemStatus.WBEM_E_NOT_FOUND, "no instance " + target + " in " + ctx.site().namespace()
                    + ": site " + code + " is not site " + ctx.site().code() + " or a site below it");
        }
        ScfSessions.Session s = requireSession(ctx, m);
        if (m.name().equalsIgnoreCase("Refresh")) {
            sim.scf.refresh(s, site);
        } else {
            sim.scf.commit(s, site);
            sim.sync.afterCommit(site);
        }
        return out(m, 0, Map.of());
    }

    private ScfSessions.Session requireSession(Ctx ctx, MethodDefinition m) {
        if (ctx.session() == null) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_CONTEXT, "SMS_SiteControlFile." + m.name()
                    + " needs the SessionHandle context value from GetSessionHandle");
        }
        return ctx.session();
    }

    private String requireSite(Ctx ctx, Map<String, CimValue> args, MethodDefinition m) {
        CimValue v = args.get("sitecode");
        if (v == null) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, m.name() + " needs SiteCode");
        }
        String code = v.asString().toUpperCase(Locale.ROOT);
        if (!ctx.sees(code)) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, "site " + v.asString() + " is not site "
                    + ctx.site().code() + " or a site below it");
        }
        return code;
    }

    /** Checks the in-parameters against the method's signature. */
    private static Map<String, CimValue> arguments(WmiClass cls, MethodDefinition m, WmiObject in) {
        Map<String, CimValue> args = new LinkedHashMap<>();
        if (in == null) {
            return args;
        }
        for (PropertyDefinition p : in.wmiClass().properties()) {
            Optional<ParameterDefinition> d = m.parameter(p.name()).filter(ParameterDefinition::isIn);
            if (d.isEmpty()) {
                throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, cls.name() + "." + m.name()
                        + " has no in-parameter " + p.name());
            }
            CimValue v = in.get(p.name()).orElse(null);
            if (v != null && v.type() != d.get().type()) {
                throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, cls.name() + "." + m.name()
                        + " parameter " + p.name() + " is " + d.get().type() + ", not " + v.type());
            }
            if (v != null) {
                args.put(p.name().toLowerCase(Locale.ROOT), v);
            }
        }
        return args;
    }

    private static WmiObject out(MethodDefinition m, int returnValue, Map<String, CimValue> values) {
        WmiObject.Builder b = WmiObject.builder(m.outParametersClass());
        if (m.returnType() != null) {
            b.set(MethodDefinition.RETURN_VALUE, CimValue.of(m.returnType(), returnValue));
        }
        for (ParameterDefinition p : m.outParameters()) {
            CimValue v = values.get(p.name());
            if (v == null) {
                b.setNull(p.name(), p.type());
            } else {
                b.set(p.name(), v);
            }
        }
        return b.build();
    }

}
