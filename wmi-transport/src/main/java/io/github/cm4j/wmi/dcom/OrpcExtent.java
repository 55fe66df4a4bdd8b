package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * ORPC_EXTENT (MS-DCOM 2.2.13.1): one extension of an ORPCTHIS or ORPCTHAT, an identifying GUID and opaque data.
 * cm4j carries extensions (error information 2.2.21.1, context 2.2.21.4, ...) without interpreting them.
 *
 * @param id the extension GUID
 * @param data the extension data (as many bytes as the {@code size} field says, without the padding to 8)
 */
public record OrpcExtent(UUID id, byte[] data) {
    /** The most extensions cm4j reads from one ORPC_EXTENT_ARRAY. */
    public static final int MAX_EXTENTS = 64;

    /** Copies the data. */
    public OrpcExtent {
        Objects.requireNonNull(id, "id");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The ORPC_EXTENT referent: conformance (size rounded up to 8), id, size, data padded with zeros. */
    private void write(NdrWriter w) {
        int rounded = (data.length + 7) & ~7;
        w.u32(rounded).guid(id).u32(data.length).bytes(data).bytes(new byte[rounded - data.length]);
    }

    private static OrpcExtent read(NdrReader r) {
        long max = Integer.toUnsignedLong(r.u32("ORPC_EXTENT.data MaximumCount"));
        UUID id = r.guid("ORPC_EXTENT.id");
        long size = Integer.toUnsignedLong(r.u32("ORPC_EXTENT.size"));
        if (max != ((size + 7) & ~7L)) {
            throw r.fail("ORPC_EXTENT.data", "conformance " + max + " is not size " + size + " rounded up to 8 (MS-DCOM 2.2.13.1)");
        }
        int n = r.count(max, 1, Integer.MAX_VALUE, "ORPC_EXTENT.data");
        byte[] padded = r.bytes(n, "ORPC_EXTENT.data");
        return new OrpcExtent(id, Arrays.copyOf(padded, (int) size));
    }

    /**
     * Writes the {@code [unique] ORPC_EXTENT_ARRAY *extensions} field of ORPCTHIS/ORPCTHAT (MS-DCOM 2.2.13.2):
     * NULL when there are none, else {size, reserved, extent} with an array of (size+1)&~1 extent pointers, the
     * last one NULL when size is odd. Must be called inside a construct.
     *
     * @param w the writer
     * @param extents the extensions
     */
    static void writeArrayPointer(NdrWriter w, List<OrpcExtent> extents) {
        w.unique(extents.isEmpty() ? null : extents, (x, list) -> {
            x.u32(list.size()).u32(0);
            x.unique(list, (y, l) -> {
                List<OrpcExtent> slots = new ArrayList<>(l);
                if (slots.size() % 2 == 1) {
                    slots.add(null);
                }
                y.conformantArray(slots, (z, e) -> z.unique(e, (v, ext) -> ext.write(v)));
            });
        });
    }

    /**
     * Reads the {@code extensions} field; NULL entries of the array are skipped.
     *
     * @param r the reader, inside a construct
     * @param field the field, for messages
     * @return the extensions, available once the construct is read
     */
    static NdrReader.Deferred<List<OrpcExtent>> readArrayPointer(NdrReader r, String field) {
        return r.unique(field, x -> {
            long size = Integer.toUnsignedLong(x.u32(field + ".size"));
            x.u32(field + ".reserved");
            NdrReader.Deferred<List<OrpcExtent>> extents = x.unique(field + ".extent", y -> {
                long max = Integer.toUnsignedLong(y.u32(field + ".extent MaximumCount"));
                if (max != ((size + 1) & ~1L)) {
                    throw y.fail(field + ".extent", "conformance " + max + " is not size " + size
                            + " rounded up to even (MS-DCOM 2.2.13.2)");
                }
                int n = y.count(max, 4, MAX_EXTENTS, field + ".extent");
                List<NdrReader.Deferred<OrpcExtent>> slots = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    slots.add(y.unique(field + ".extent[" + i + "]", NdrReader.Decoder.of(OrpcExtent::read)));
                }
                return present(slots);
            });
            return () -> extents.get() == null ? List.of() : extents.get();
        });
    }

    private static Supplier<List<OrpcExtent>> present(List<NdrReader.Deferred<OrpcExtent>> slots) {
        return () -> slots.stream().map(NdrReader.Deferred::get).filter(Objects::nonNull).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrpcExtent e && e.id.equals(id) && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "OrpcExtent[" + id + ", " + data.length + " bytes]";
    }
}
