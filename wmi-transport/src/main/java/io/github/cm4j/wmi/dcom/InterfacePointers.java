package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import java.util.function.Function;

/**
 * Interface pointers in NDR (MS-DCOM 2.2.14 MInterfacePointer, 2.2.15/2.2.16 PMInterfacePointer): an interface
 * pointer parameter {@code IFoo*} is a {@code [unique]} pointer to the conformant structure
 * {@code MInterfacePointer {ulCntData; byte abData[ulCntData]}} whose abData is an {@link ObjRef}. An
 * {@code [in, out, unique] IFoo**} is a unique pointer to such a pointer; an {@code [out] IFoo**} is a reference
 * pointer (no representation) to one.
 *
 * <p>On receipt the conformance must equal ulCntData, and an OBJREF that does not decode is an
 * {@link io.github.cm4j.wmi.ndr.NdrFormatException} whose offset points into the stub data.
 */
public final class InterfacePointers {
    /** The largest OBJREF cm4j reads (an IWbemClassObject by value can be large; 64 MiB). */
    public static final int MAX_OBJREF_BYTES = 64 << 20;

    private InterfacePointers() {
    }

    /**
     * Writes the MInterfacePointer referent: conformance, ulCntData, abData.
     *
     * @param w the writer
     * @param ref the OBJREF
     */
    public static void write(NdrWriter w, ObjRef ref) {
        byte[] objref = ref.encode();
        w.u32(objref.length).u32(objref.length).bytes(objref);
    }

    /**
     * Reads the MInterfacePointer referent.
     *
     * @param r the reader
     * @param field the field, for messages
     * @return the OBJREF
     */
    public static ObjRef read(NdrReader r, String field) {
        return read(r, field, ObjRef::decode);
    }

    /**
     * Reads the MInterfacePointer referent and decodes its OBJREF; a {@link WmioFormatException} of the decoder
     * (offsets relative to the OBJREF) becomes an {@link io.github.cm4j.wmi.ndr.NdrFormatException} whose offset
     * points into the stub data.
     *
     * @param r the reader
     * @param field the field, for messages
     * @param decoder decodes the OBJREF bytes
     * @param <T> the decoded type
     * @return the decoded value
     */
    public static <T> T read(NdrReader r, String field, Function<byte[], T> decoder) {
        long max = Integer.toUnsignedLong(r.u32(field + ".abData MaximumCount"));
        long count = Integer.toUnsignedLong(r.u32(field + ".ulCntData"));
        if (max != count) {
            throw r.fail(field + ".ulCntData", "ulCntData " + count + " differs from the conformance " + max);
        }
        int n = r.count(count, 1, MAX_OBJREF_BYTES, field + ".abData");
        int at = r.position();
        byte[] objref = r.bytes(n, field + ".abData");
        try {
            return decoder.apply(objref);
        } catch (WmioFormatException e) {
            throw r.nested(field + ".abData", at, e);
        }
    }

    /**
     * @param field the field, for messages
     * @return a decoder of the MInterfacePointer referent
     */
    public static NdrReader.Decoder<ObjRef> decoder(String field) {
        return NdrReader.Decoder.of(r -> read(r, field));
    }

    /**
     * An {@code [in] IFoo*} or {@code [out] IFoo**} parameter: a unique pointer to the MInterfacePointer.
     *
     * @param w the writer
     * @param ref the reference, or null for a NULL interface pointer
     */
    public static void writeParameter(NdrWriter w, ObjRef ref) {
        w.topLevelUnique(ref, InterfacePointers::write);
    }

    /**
     * @param r the reader
     * @param field the field, for messages
     * @return the reference, or null for a NULL interface pointer
     */
    public static ObjRef readParameter(NdrReader r, String field) {
        return r.topLevelUnique(field, decoder(field));
    }

    /**
     * An {@code [in, out, unique] IFoo**} parameter as a request sends it: NULL when the caller does not want the
     * result, else a pointer to a NULL interface pointer (MS-WMI: "MUST be set to NULL on input").
     *
     * @param w the writer
     * @param wanted whether the caller asks for the result
     */
    public static void writeInOutRequest(NdrWriter w, boolean wanted) {
        w.topLevelUnique(wanted ? Boolean.TRUE : null, (x, yes) -> x.u32(0));
    }

    /**
     * Reads an {@code [in, out, unique] IFoo**} of a request.
     *
     * @param r the reader
     * @param field the field, for messages
     * @return whether the caller asks for the result (the outer pointer is not NULL); an interface pointer sent in
     *         is read and dropped
     */
    public static boolean readInOutRequest(NdrReader r, String field) {
        if (r.referentId(field) == 0) {
            return false;
        }
        readParameter(r, field);
        return true;
    }

    /**
     * An {@code [in, out, unique] IFoo**} of a response: NULL when the request's outer pointer was NULL, else a
     * pointer to the (possibly NULL) interface pointer.
     *
     * @param w the writer
     * @param wanted whether the request's outer pointer was not NULL
     * @param ref the result, or null
     */
    public static void writeInOutResponse(NdrWriter w, boolean wanted, ObjRef ref) {
        if (!wanted) {
            if (ref != null) {
                throw new IllegalArgumentException("a result cannot be returned through a NULL [in, out] pointer");
            }
            w.u32(0);
            return;
        }
        w.topLevelUnique(Boolean.TRUE, (x, yes) -> writeParameter(x, ref));
    }

    /**
     * @param r the reader
     * @param field the field, for messages
     * @return the result, or null when either pointer is NULL
     */
    public static ObjRef readInOutResponse(NdrReader r, String field) {
        return r.referentId(field) == 0 ? null : readParameter(r, field);
    }
}
