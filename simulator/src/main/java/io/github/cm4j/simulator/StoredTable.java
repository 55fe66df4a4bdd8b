package io.github.cm4j.simulator;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Instances held as {@link WmiObject}s in a sorted concurrent map. When the class has a {@code SiteCode}
 * property and is site-scoped, a namespace sees the instances of its own site and the sites below it.
 */
class StoredTable implements Table {
    private final WmiClass cls;
    private final ConcurrentSkipListMap<String, WmiObject> rows = new ConcurrentSkipListMap<>();
    private final int siteIndex;
    private final boolean writable;

    StoredTable(WmiClass cls, boolean siteScoped) {
        this(cls, siteScoped, !cls.hasFlag("Read"));
    }

    StoredTable(WmiClass cls, boolean siteScoped, boolean writable) {
        this.cls = cls;
        this.siteIndex = siteScoped ? cls.indexOf("SiteCode") : -1;
        this.writable = writable;
    }

    @Override
    public WmiClass wmiClass() {
        return cls;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    boolean visible(WmiObject o, Ctx ctx) {
        if (siteIndex < 0) {
            return true;
        }
        CimValue site = o.valueAt(siteIndex);
        return site == null || ctx.sees(site.asString());
    }

    @Override
    public Stream<Row> scan(Ctx ctx) {
        return rows.values().stream().filter(o -> visible(o, ctx)).map(Row::of);
    }

    @Override
    public Row get(String key, Ctx ctx) {
        WmiObject o = rows.get(key);
        return o != null && visible(o, ctx) ? Row.of(o) : null;
    }

    @Override
    public WmiObject put(WmiObject object, String key, Ctx ctx) {
        return rows.put(key, object);
    }

    @Override
    public boolean delete(String key, Ctx ctx) {
        WmiObject o = rows.get(key);
        return o != null && visible(o, ctx) && rows.remove(key, o);
    }

    /** Writes without any check (seeding and engines). */
    void store(WmiObject object) {
        rows.put(Keys.of(object), object);
    }

    /** @return the number of instances, all sites */
    int size() {
        return rows.size();
    }
}
