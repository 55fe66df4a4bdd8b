package io.github.cm4j.wmi.dcom;

import io.github.cm4j.wmi.ndr.NdrReader;
import io.github.cm4j.wmi.ndr.NdrWriter;

/**
 * COMVERSION (MS-DCOM 2.2.11): the DCOM protocol version a client or server speaks.
 *
 * @param major MajorVersion (5 for every DCOM in use)
 * @param minor MinorVersion (7 for Windows Server 2003 and later)
 */
public record ComVersion(int major, int minor) {
    /** Version 5.7, what Windows and impacket send. */
    public static final ComVersion V5_7 = new ComVersion(5, 7);

    /** @param w the writer; two unsigned shorts */
    public void write(NdrWriter w) {
        w.u16(major).u16(minor);
    }

    /**
     * @param r the reader
     * @param field the field, for messages
     * @return the version
     */
    public static ComVersion read(NdrReader r, String field) {
        int major = r.u16(field + ".MajorVersion");
        return new ComVersion(major, r.u16(field + ".MinorVersion"));
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
