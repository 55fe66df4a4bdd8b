package io.github.cm4j.wmi.ntlm;

/**
 * The VERSION structure (MS-NLMP 2.2.2.10): product version and NTLM revision, "used for debugging purposes only".
 *
 * @param major ProductMajorVersion
 * @param minor ProductMinorVersion
 * @param build ProductBuild
 * @param revision NTLMRevisionCurrent (15 = NTLMSSP_REVISION_W2K3)
 */
public record NtlmVersion(int major, int minor, int build, int revision) {
    /** What cm4j sends: 10.0, build 0, revision 15 (cm4j claims no Windows build). */
    public static final NtlmVersion CM4J = new NtlmVersion(10, 0, 0, 15);
    /** Length on the wire. */
    static final int LENGTH = 8;

    static NtlmVersion read(NtlmReader r, int at) {
        return new NtlmVersion(r.u8("Version", at), r.u8("Version", at + 1), r.u16("Version", at + 2), r.u8("Version", at + 7));
    }

    void write(NtlmWriter w, int at) {
        w.bytes(at, new byte[] {(byte) major, (byte) minor, (byte) build, (byte) (build >>> 8), 0, 0, 0, (byte) revision});
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + " rev " + revision;
    }
}
