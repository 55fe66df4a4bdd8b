package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;

/**
 * An {@code [in, out, unique] IFoo**} out-parameter of a response (MS-WMI uses them for results a caller may or may
 * not ask for: ppObject, ppOutParams, ppCallResult, ppWorkingNamespace). When the request sent a NULL outer pointer
 * the response sends NULL too ({@link #ABSENT}); otherwise it sends a pointer to the interface pointer, which may
 * itself be NULL.
 *
 * @param present whether the outer pointer is not NULL (the caller asked for the result)
 * @param value the interface pointer, or null
 */
public record InOutPointer(boolean present, ObjRef value) {
    /** The caller did not ask: a NULL outer pointer. */
    public static final InOutPointer ABSENT = new InOutPointer(false, null);
    /** The caller asked, and nothing is returned: a pointer to a NULL interface pointer. */
    public static final InOutPointer EMPTY = new InOutPointer(true, null);

    /** Validates. */
    public InOutPointer {
        if (!present && value != null) {
            throw new IllegalArgumentException("a result cannot be returned through a NULL [in, out] pointer");
        }
    }

    /**
     * @param value the interface pointer to return
     * @return a present pointer to it
     */
    public static InOutPointer of(ObjRef value) {
        return new InOutPointer(true, value);
    }

    /**
     * @param asked whether the request's outer pointer was not NULL
     * @param value the result, or null
     * @return what the response sends
     */
    public static InOutPointer answer(boolean asked, ObjRef value) {
        return asked ? of(value) : ABSENT;
    }

    /** @param w the writer; the parameter as a top-level unique pointer to the interface pointer */
    public void write(NdrWriter w) {
        InterfacePointers.writeInOutResponse(w, present, value);
    }

    /**
     * @param r the reader
     * @param field the field, for messages
     * @return the parameter
     */
    public static InOutPointer read(NdrReader r, String field) {
        if (r.referentId(field) == 0) {
            return ABSENT;
        }
        return new InOutPointer(true, InterfacePointers.readParameter(r, field + ".*"));
    }
}
