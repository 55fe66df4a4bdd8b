package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The instances of one site control item class ({@code SMS_SCI_Component}, {@code SMS_SCI_SiteDefinition},
 * ...), read from and written to the site control file through {@link ScfSessions}: with a session handle
 * the call sees and edits the session's copy, without one the global copy.
 */
final class ScfTable implements Table {
    private final WmiClass cls;
    private final String classKey;
    private final ScfSessions scf;
    private final java.util.function.Function<String, Boolean> siteExists;

    ScfTable(WmiClass cls, ScfSessions scf, java.util.function.Function<String, Boolean> siteExists) {
        this.cls = cls;
        this.classKey = cls.name().toLowerCase(Locale.ROOT);
        this.scf = scf;
        this.siteExists = siteExists;
    }

    @Override
    public WmiClass wmiClass() {
        return cls;
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public Stream<Row> scan(Ctx ctx) {
        return ctx.visibleSites().stream().sorted()
                .flatMap(site -> scf.items(site, classKey, ctx.session())).map(Row::of);
    }

    @Override
    public Row get(String key, Ctx ctx) {
        for (String site : ctx.visibleSites()) {
            WmiObject o = scf.item(site, ScfSessions.itemKey(cls, key), ctx.session());
            if (o != null) {
                return Row.of(o);
            }
        }
        return null;
    }

    @Override
    public WmiObject put(WmiObject object, String key, Ctx ctx) {
        object = withItemTypes(object);
        String site = requireSite(object, ctx);
        String itemKey = ScfSessions.itemKey(cls, key);
        WmiObject previous = scf.item(site, itemKey, ctx.session());
        scf.write(site, itemKey, object, ctx.session());
        return previous;
    }

    @Override
    public boolean delete(String key, Ctx ctx) {
        Row r = get(key, ctx);
        if (r == null) {
            return false;
        }
        WmiObject o = r.toObject(true);
        scf.write(requireSite(o, ctx), ScfSessions.itemKey(cls, key), null, ctx.session());
        return true;
    }

    /**
     * The provider sets the read-only key {@code ItemType} of embedded properties and property lists; clients
     * that build them with SpawnInstance leave it NULL. (Its real value is not documented; the simulator uses
     * the empty string.)
     */
    private static WmiObject withItemTypes(WmiObject item) {
        for (String p : new String[] {"Props", "PropLists"}) {
            if (!item.has(p) || item.isNull(p)) {
                continue;
            }
            io.github.cm4j.cim.CimValue v = item.get(p).get();
            if (!v.isArray() || v.type().elementType() != io.github.cm4j.cim.CimType.OBJECT) {
                continue;
            }
            java.util.List<WmiObject> fixed = new java.util.ArrayList<>();
            boolean changed = false;
            for (WmiObject e : v.asObjectList()) {
                if (e.has("ItemType") && e.isNull("ItemType")) {
                    e = e.with("ItemType", "");
                    changed = true;
                }
                fixed.add(e);
            }
            if (changed) {
                item = item.with(p, io.github.cm4j.cim.CimValue.objectArray(fixed));
            }
        }
        return item;
    }

    private String requireSite(WmiObject object, Ctx ctx) {
        String site = ScfSessions.siteOf(object);
        if (site == null || !siteExists.apply(site)) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, "SiteCode " + site
                    + " of the site control item is not a site of this hierarchy");
        }
        if (!ctx.sees(site)) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_PARAMETER, "site " + site + " is not below site "
                    + ctx.site().code() + "; edit its site control file through a provider of " + site + " or above");
        }
        return site;
    }
}
