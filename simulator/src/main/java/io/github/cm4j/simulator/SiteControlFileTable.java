package io.github.cm4j.simulator;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code SMS_SiteControlFile}: one read-only instance per visible site, the actual site control file
 * ({@code FileType = 2}), whose {@code SerialNumber} counts the writes to the global copy and whose lazy
 * {@code SCFData} renders the items in the site control file text format.
 */
final class SiteControlFileTable implements Table {
    private final WmiClass cls;
    private final ScfSessions scf;
    private final ProviderVersion version;
    private final List<WmiClass> itemClasses;

    SiteControlFileTable(WmiClass cls, ScfSessions scf, ProviderVersion version, List<WmiClass> itemClasses) {
        this.cls = cls;
        this.scf = scf;
        this.version = version;
        this.itemClasses = itemClasses;
    }

    @Override
    public WmiClass wmiClass() {
        return cls;
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public Stream<Row> scan(Ctx ctx) {
        return ctx.visibleSites().stream().sorted().map(site -> row(site, ctx));
    }

    private Row row(String site, Ctx ctx) {
        WmiObject o = WmiObject.builder(cls)
                .set("FileType", CimValue.uint32(2))
                .set("SiteCode", CimValue.string(site))
                .set("SerialNumber", CimValue.uint32(scf.serial(site)))
                .set("BuildNumber", CimValue.string(Integer.toString(version.buildNumber())))
                .set("FormatVersion", CimValue.string("1.0"))
                .set("SCFData", CimValue.string(render(site, ctx)))
                .build();
        return Row.of(o);
    }

    @Override
    public Row get(String key, Ctx ctx) {
        return scan(ctx).filter(r -> Keys.of(r.toObject(true)).equals(key)).findFirst().orElse(null);
    }

    @Override
    public WmiObject put(WmiObject object, String key, Ctx ctx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(String key, Ctx ctx) {
        throw new UnsupportedOperationException();
    }

    /** Renders a site's items roughly as the site control file text (Sitectrl.ct0) shows them. */
    private String render(String site, Ctx ctx) {
        StringBuilder sb = new StringBuilder();
        for (WmiClass c : itemClasses) {
            scf.items(site, c.name().toLowerCase(Locale.ROOT), ctx.session()).forEach(item -> {
                String kind = c.name().replace("SMS_SCI_", "").toUpperCase(Locale.ROOT);
                sb.append("BEGIN_").append(kind).append('\n');
                sb.append("    <").append(item.getString("ItemName")).append(">\n");
                for (PropertyDefinition p : c.properties()) {
                    if (p.type().elementType() == CimType.OBJECT || p.isKey()) {
                        continue;
                    }
                    item.get(p.name()).ifPresent(v -> sb.append("    ").append(p.name()).append(" <").append(
                            v.isArray() ? String.join("><", v.asList().stream().map(String::valueOf).toList()) : v.value())
                            .append(">\n"));
                }
                item.get("Props").ifPresent(props -> {
                    for (WmiObject p : props.asObjectList()) {
                        sb.append("    PROPERTY <").append(p.getString("PropertyName")).append("><")
                                .append(p.getString("Value1") != null && !p.getString("Value1").isEmpty() ? "REG_SZ" : "REG_DWORD")
                                .append("><").append(nz(p.getString("Value1"))).append("><").append(p.getLong("Value") == null ? 0 : p.getLong("Value"))
                                .append(">\n");
                    }
                });
                item.get("PropLists").ifPresent(lists -> {
                    for (WmiObject l : lists.asObjectList()) {
                        sb.append("    BEGIN_PROPERTY_LIST\n        <").append(l.getString("PropertyListName")).append(">\n");
                        l.get("Values").ifPresent(vs -> vs.asStringList().forEach(v -> sb.append("        <").append(v).append(">\n")));
                        sb.append("    END_PROPERTY_LIST\n");
                    }
                });
                sb.append("END_").append(kind).append('\n');
            });
        }
        return sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
