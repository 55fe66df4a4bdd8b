package io.github.cm4j.simulator;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A read-only table whose rows are computed from the catalog: each update yields up to
 * {@link #rowsPerUpdate()} rows, computed when read. Lookups by the properties that identify an update
 * (its CI_ID or ContentID) take constant time.
 */
abstract class GeneratedTable implements Table {
    /** Computes one property of a row. */
    @FunctionalInterface
    interface Column {
        /** @return the value, or null for NULL */
        CimValue value(Catalog.Spec spec, int slot);
    }

    final WmiClass cls;
    final Catalog catalog;
    private final Column[] columns;

    GeneratedTable(WmiClass cls, Catalog catalog, Map<String, Column> columnsByName) {
        this.cls = cls;
        this.catalog = catalog;
        Map<String, Column> lower = new HashMap<>();
        columnsByName.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        List<PropertyDefinition> props = cls.properties();
        this.columns = new Column[props.size()];
        for (int i = 0; i < props.size(); i++) {
            columns[i] = lower.get(props.get(i).name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public WmiClass wmiClass() {
        return cls;
    }

    @Override
    public boolean writable() {
        return false;
    }

    /** @return the most rows one update yields */
    abstract int rowsPerUpdate();

    /** @return whether update {@code spec} has a row in slot {@code slot} */
    boolean hasRow(Catalog.Spec spec, int slot) {
        return true;
    }

    /** @return the index of the property a lookup by update (CI_ID or ContentID) uses, or -1 */
    int updateKeyIndex() {
        return -1;
    }

    /** @return the update index a value of the update-key property names, or -1 */
    int updateOf(Object norm) {
        return -1;
    }

    Stream<Row> rows(int i) {
        if (!catalog.exists(i)) {
            return Stream.empty();
        }
        Catalog.Spec spec = catalog.spec(i);
        if (rowsPerUpdate() == 1) {
            return hasRow(spec, 0) ? Stream.of(new SpecRow(spec, 0)) : Stream.empty();
        }
        return IntStream.range(0, rowsPerUpdate()).filter(s -> hasRow(spec, s)).mapToObj(s -> new SpecRow(spec, s));
    }

    @Override
    public Stream<Row> scan(Ctx ctx) {
        return IntStream.range(0, catalog.size()).boxed().flatMap(this::rows);
    }

    @Override
    public Stream<Row> lookup(int propertyIndex, Object norm, Ctx ctx) {
        if (propertyIndex != updateKeyIndex() || updateKeyIndex() < 0) {
            return null;
        }
        int i = updateOf(norm);
        if (i < 0) {
            return Stream.empty();
        }
        int keyIndex = propertyIndex;
        return rows(i).filter(r -> {
            CimValue v = r.value(keyIndex);
            Integer c = v == null ? null : Coerce.compare(Coerce.norm(v), norm);
            return c != null && c == 0;
        });
    }

    @Override
    public Row get(String key, Ctx ctx) {
        Stream<Row> candidates = scan(ctx);
        int k = updateKeyIndex();
        if (k >= 0 && cls.properties().get(k).isKey()) {
            String part = key.split("\u0001")[cls.keys().indexOf(cls.properties().get(k))];
            Object n = Coerce.parseNumber(part.substring(1));
            if (n != null) {
                candidates = lookup(k, part.charAt(0) == '-' ? -((Long) n) : n, ctx);
            }
        }
        return candidates.filter(r -> Keys.of(r.toObject(true)).equals(key)).findFirst().orElse(null);
    }

    @Override
    public WmiObject put(WmiObject object, String key, Ctx ctx) {
        throw new UnsupportedOperationException(cls.name() + " is read-only");
    }

    @Override
    public boolean delete(String key, Ctx ctx) {
        throw new UnsupportedOperationException(cls.name() + " is read-only");
    }

    /** A value that may be overridden (SMS_SoftwareUpdate); null when not overridden. */
    Optional<CimValue> override(Catalog.Spec spec, int propertyIndex) {
        return null;
    }

    /** A row computed from an update's spec; values are computed once, when first read. */
    final class SpecRow implements Row {
        final Catalog.Spec spec;
        final int slot;
        private final CimValue[] cache = new CimValue[columns.length];
        private final boolean[] done = new boolean[columns.length];

        SpecRow(Catalog.Spec spec, int slot) {
            this.spec = spec;
            this.slot = slot;
        }

        @Override
        public WmiClass wmiClass() {
            return cls;
        }

        @Override
        public CimValue value(int index) {
            if (!done[index]) {
                Optional<CimValue> o = override(spec, index);
                if (o != null) {
                    cache[index] = o.orElse(null);
                } else {
                    Column c = columns[index];
                    cache[index] = c == null ? null : c.value(spec, slot);
                }
                done[index] = true;
            }
            return cache[index];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SpecRow && ((SpecRow) o).spec.i == spec.i && ((SpecRow) o).slot == slot
                    && ((SpecRow) o).wmiClass() == cls;
        }

        @Override
        public int hashCode() {
            return Objects.hash(spec.i, slot, cls.name());
        }
    }
}
