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
