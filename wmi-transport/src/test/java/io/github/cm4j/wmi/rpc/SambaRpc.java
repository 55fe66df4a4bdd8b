package io.github.cm4j.wmi.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The few NDR messages the Samba interop test sends: the endpoint mapper's {@code ept_lookup} and {@code ept_map}
 * (C706 Appendix O, MS-RPCE 2.2.1.2.5) and samr's {@code SamrConnect2}/{@code SamrConnect5},
 * {@code SamrEnumerateDomainsInSamServer} and {@code SamrCloseHandle} (MS-SAMR 3.1.5). Written from the IDL by
 * hand for these calls only (little-endian NDR 2.0, no general marshaller); every length read is checked against
 * the stub by {@link ByteBuffer}'s own bounds.
 */
final class SambaRpc {

    static final SyntaxId EPMAPPER = SyntaxId.of("e1af8308-5d1f-11c9-91a4-08002b14a0fa", 3, 0);
    static final SyntaxId SAMR = SyntaxId.of("12345778-1234-abcd-ef00-0123456789ac", 1, 0);
    static final int EPT_LOOKUP = 2;
    static final int EPT_MAP = 3;
    static final int SAMR_CLOSE_HANDLE = 1;
    static final int SAMR_ENUMERATE_DOMAINS = 6;
    static final int SAMR_CONNECT2 = 57;
    static final int SAMR_CONNECT5 = 64;
    /** MS-SAMR 2.2.1.3: SAM_SERVER_CONNECT | SAM_SERVER_ENUMERATE_DOMAINS | SAM_SERVER_LOOKUP_DOMAIN. */
    static final int SAM_SERVER_ACCESS = 0x1 | 0x10 | 0x20;
    /** C706 Appendix L: protocol identifiers of tower floors. */
    private static final int FLOOR_UUID = 0x0d;
    private static final int FLOOR_RPC_CO = 0x0b;
    private static final int FLOOR_TCP = 0x07;
    private static final int FLOOR_IP = 0x09;

    private SambaRpc() {
    }

    /** One entry of an ept_lookup answer: the interface of its tower, the TCP port if any, the annotation. */
    record Endpoint(UUID object, SyntaxId iface, int tcpPort, String annotation) {
    }

    /** The answer of one ept_lookup call. */
    record LookupPage(byte[] handle, List<Endpoint> entries, int status) {
    }

    // ---- endpoint mapper ----

    /** ept_lookup(RPC_C_EP_ALL_ELTS, object NULL, interface NULL, RPC_C_VERS_ALL, entry_handle, max_ents). */
    static byte[] eptLookup(byte[] handle, int maxEntries) {
        Out o = new Out();
        o.u32(0);             // inquiry_type: RPC_C_EP_ALL_ELTS
        o.u32(0);             // object: NULL full pointer
        o.u32(0);             // interface_id: NULL full pointer
        o.u32(1);             // vers_option: RPC_C_VERS_ALL
        o.bytes(handle);      // entry_handle (context handle, 20 octets)
        o.u32(maxEntries);
        return o.bytes();
    }

    static LookupPage eptLookupResponse(byte[] stub) {
        In in = new In(stub);
        byte[] handle = in.bytes(20);
        int num = in.u32();
        int max = in.u32();
        int offset = in.u32();
        int actual = in.u32();
        check(actual == num && offset == 0 && actual <= max, "ept_lookup entries: num " + num + ", max " + max
                + ", offset " + offset + ", actual " + actual);
        List<UUID> objects = new ArrayList<>();
        List<Integer> towerRefs = new ArrayList<>();
        List<String> annotations = new ArrayList<>();
        for (int i = 0; i < actual; i++) {
            in.align(4);
            objects.add(in.guid());
            towerRefs.add(in.u32());
            int annOffset = in.u32();
            int annCount = in.u32();
            check(annOffset == 0 && annCount <= 64, "annotation offset " + annOffset + " count " + annCount);
            byte[] ann = in.bytes(annCount);
            annotations.add(new String(ann, StandardCharsets.US_ASCII).replace("\0", ""));
        }
        List<Endpoint> entries = new ArrayList<>();
        for (int i = 0; i < actual; i++) {
            Tower t = towerRefs.get(i) == 0 ? new Tower(null, -1) : Tower.decode(in.twr());
            entries.add(new Endpoint(objects.get(i), t.iface(), t.tcpPort(), annotations.get(i)));
        }
        in.align(4);
        int status = in.u32();
        return new LookupPage(handle, entries, status);
    }

    /** ept_map(object nil UUID, map_tower for iface over ncacn_ip_tcp, entry_handle zero, max_towers). */
    static byte[] eptMap(SyntaxId iface, int maxTowers) {
        Out o = new Out();
        // object: a full pointer to the nil UUID ("any object"), as Windows and impacket send it; Samba's NDR
        // refuses a NULL here with rpc_x_bad_stub_data.
        o.u32(0x00020000);
        o.raw(new byte[16]);
        byte[] tower = Tower.encode(iface);
        o.u32(0x00020004);                // map_tower: full pointer referent
        o.u32(tower.length);              // twr_t conformance (tower_length)
        o.u32(tower.length);              // tower_length
        o.raw(tower);
        o.align(4);
        o.bytes(new byte[20]);            // entry_handle
        o.u32(maxTowers);
        return o.bytes();
    }

    /** @return the TCP ports of the towers ept_map answered, or throws with the status it answered */
    static List<Integer> eptMapResponse(byte[] stub, SyntaxId expected) {
        In in = new In(stub);
        in.bytes(20);                     // entry_handle
        int num = in.u32();
        int max = in.u32();
        int offset = in.u32();
        int actual = in.u32();
        check(actual == num && offset == 0 && actual <= max, "ept_map towers: num " + num + ", actual " + actual);
        List<Integer> refs = new ArrayList<>();
        for (int i = 0; i < actual; i++) {
            refs.add(in.u32());
        }
        List<Integer> ports = new ArrayList<>();
        for (int ref : refs) {
            if (ref != 0) {
                Tower t = Tower.decode(in.twr());
                check(expected.equals(t.iface()), "ept_map answered a tower of " + t.iface() + ", not " + expected);
                ports.add(t.tcpPort());
            }
        }
        in.align(4);
        int status = in.u32();
        check(status == 0, String.format("ept_map status 0x%08x", status));
        return ports;
    }

    /** A protocol tower (C706 Appendix L): interface, transfer syntax, RPC CO, TCP port, IP address floors. */
    record Tower(SyntaxId iface, int tcpPort) {
        static byte[] encode(SyntaxId iface) {
            Out o = new Out();
            o.le16(5);
            uuidFloor(o, iface);
            uuidFloor(o, SyntaxId.NDR20);
            floor(o, new byte[] {FLOOR_RPC_CO}, new byte[] {0, 0});
            floor(o, new byte[] {FLOOR_TCP}, new byte[] {0, 0});            // port 0: "which port?"
            floor(o, new byte[] {FLOOR_IP}, new byte[] {0, 0, 0, 0});
            return o.bytes();
        }

        private static void uuidFloor(Out o, SyntaxId s) {
            Out lhs = new Out();
            lhs.u8(FLOOR_UUID);
            lhs.guidRaw(s.uuid());
            lhs.le16(s.major());
            Out rhs = new Out();
            rhs.le16(s.minor());
            floor(o, lhs.bytes(), rhs.bytes());
        }

        private static void floor(Out o, byte[] lhs, byte[] rhs) {
            o.le16(lhs.length);
            o.raw(lhs);
            o.le16(rhs.length);
            o.raw(rhs);
        }

        static Tower decode(byte[] tower) {
            ByteBuffer b = ByteBuffer.wrap(tower).order(ByteOrder.LITTLE_ENDIAN);
            int floors = b.getShort() & 0xFFFF;
            SyntaxId iface = null;
            int port = -1;
            for (int i = 0; i < floors; i++) {
                byte[] lhs = new byte[b.getShort() & 0xFFFF];
                b.get(lhs);
                byte[] rhs = new byte[b.getShort() & 0xFFFF];
                b.get(rhs);
                if (lhs.length == 19 && lhs[0] == FLOOR_UUID && i == 0) {
                    ByteBuffer l = ByteBuffer.wrap(lhs, 1, 18).order(ByteOrder.LITTLE_ENDIAN);
                    UUID u = readGuid(l);
                    int major = l.getShort() & 0xFFFF;
                    int minor = rhs.length >= 2 ? ByteBuffer.wrap(rhs).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF : 0;
                    iface = new SyntaxId(u, major, minor);
                } else if (lhs.length == 1 && lhs[0] == FLOOR_TCP && rhs.length == 2) {
                    port = ((rhs[0] & 0xFF) << 8) | (rhs[1] & 0xFF);  // the port floor is big-endian (C706 L.2)
                }
            }
            return new Tower(iface, port);
        }
    }

    // ---- samr ----

    /** SamrConnect2(ServerName, DesiredAccess). */
    static byte[] samrConnect2(String serverName, int access) {
        Out o = new Out();
        o.uniqueWideString(serverName);
        o.u32(access);
        return o.bytes();
    }

    /** SamrConnect5(ServerName, DesiredAccess, InVersion 1, SAMPR_REVISION_INFO_V1 {Revision 3, 0}). */
    static byte[] samrConnect5(String serverName, int access) {
        Out o = new Out();
        o.uniqueWideString(serverName);
        o.u32(access);
        o.u32(1);            // InVersion
        o.u32(1);            // union discriminant
        o.u32(3);            // Revision (MS-SAMR 2.2.7.15)
        o.u32(0);            // SupportedFeatures
        return o.bytes();
    }

    /** @return the server handle of a SamrConnect2 answer, after checking its NTSTATUS */
    static byte[] samrConnect2Response(byte[] stub) {
        In in = new In(stub);
        byte[] handle = in.bytes(20);
        ntStatus(in.u32(), "SamrConnect2");
        return handle;
    }

    /** @return the server handle of a SamrConnect5 answer, after checking its NTSTATUS */
    static byte[] samrConnect5Response(byte[] stub) {
        In in = new In(stub);
        int outVersion = in.u32();
        int discriminant = in.u32();
        check(outVersion == 1 && discriminant == 1, "SamrConnect5 OutVersion " + outVersion);
        in.u32();            // Revision
        in.u32();            // SupportedFeatures
        byte[] handle = in.bytes(20);
        ntStatus(in.u32(), "SamrConnect5");
        return handle;
    }

    static byte[] samrEnumerateDomains(byte[] handle) {
        Out o = new Out();
        o.bytes(handle);
        o.u32(0);            // EnumerationContext
        o.u32(0xFFFF);       // PreferedMaximumLength
        return o.bytes();
    }

    /** @return the domain names (RID enumeration names) of a SamrEnumerateDomainsInSamServer answer */
    static List<String> samrEnumerateDomainsResponse(byte[] stub) {
        In in = new In(stub);
        in.u32();                              // EnumerationContext
        int bufferRef = in.u32();
        List<String> names = new ArrayList<>();
        if (bufferRef != 0) {
            int entries = in.u32();
            int arrayRef = in.u32();
            if (arrayRef != 0) {
                int max = in.u32();
                check(max == entries && entries < 1000, "SAMPR_ENUMERATION_BUFFER: " + entries + " entries, max " + max);
                int[] lengths = new int[entries];
                int[] refs = new int[entries];
                for (int i = 0; i < entries; i++) {
                    in.u32();                  // RelativeId
                    lengths[i] = in.u16();
                    in.u16();                  // MaximumLength
                    refs[i] = in.u32();
                }
                for (int i = 0; i < entries; i++) {
                    if (refs[i] != 0) {
                        in.align(4);
                        in.u32();              // maximum count
                        int off = in.u32();
                        int actual = in.u32();
                        check(off == 0 && actual * 2 == lengths[i], "RPC_UNICODE_STRING counts " + actual + "/" + lengths[i]);
                        names.add(new String(in.bytes(actual * 2), StandardCharsets.UTF_16LE));
                    }
                }
            }
        }
        in.align(4);
        int count = in.u32();
        ntStatus(in.u32(), "SamrEnumerateDomainsInSamServer");
        check(count == names.size(), "CountReturned " + count + " for " + names.size() + " names");
        return names;
    }

    static byte[] samrCloseHandle(byte[] handle) {
        return new Out().bytes(handle).bytes();
    }

    static void samrCloseHandleResponse(byte[] stub) {
        In in = new In(stub);
        byte[] handle = in.bytes(20);
        check(java.util.Arrays.equals(handle, new byte[20]), "SamrCloseHandle left a non-zero handle");
        ntStatus(in.u32(), "SamrCloseHandle");
    }

    private static void ntStatus(int status, String call) {
        check(status == 0, String.format("%s returned NTSTATUS 0x%08x", call, status));
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(problem);
        }
    }

    private static UUID readGuid(ByteBuffer b) {
        long d1 = b.getInt() & 0xFFFFFFFFL;
        long d2 = b.getShort() & 0xFFFF;
        long d3 = b.getShort() & 0xFFFF;
        long high = (d1 << 32) | (d2 << 16) | d3;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            low = (low << 8) | (b.get() & 0xFF);
        }
        return new UUID(high, low);
    }

    /** Little-endian NDR output with alignment relative to the stub's start. */
    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out align(int n) {
            while (out.size() % n != 0) {
                out.write(0);
            }
            return this;
        }

        Out u8(int v) {
            out.write(v);
            return this;
        }

        Out u16(int v) {
            align(2);
            out.write(v);
            out.write(v >>> 8);
            return this;
        }

        Out u32(int v) {
            align(4);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            return this;
        }

        /** An unaligned little-endian 16-bit value: tower octets are packed, not NDR-aligned (C706 L.1). */
        Out le16(int v) {
            out.write(v);
            out.write(v >>> 8);
            return this;
        }

        Out raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Out bytes(byte[] b) {
            return raw(b);
        }

        Out guidRaw(UUID u) {
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            long high = u.getMostSignificantBits();
            b.putInt((int) (high >>> 32)).putShort((short) (high >>> 16)).putShort((short) high);
            b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
            return raw(b.array());
        }

        /** [unique, string] wchar_t*: referent, then max count, offset, actual count, the characters and a NUL. */
        Out uniqueWideString(String s) {
            u32(0x00020000);
            int n = s.length() + 1;
            u32(n);
            u32(0);
            u32(n);
            raw((s + "\0").getBytes(StandardCharsets.UTF_16LE));
            return align(4);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Little-endian NDR input; ByteBuffer's bounds refuse any read past the stub. */
    private static final class In {
        private final ByteBuffer b;

        In(byte[] stub) {
            b = ByteBuffer.wrap(stub).order(ByteOrder.LITTLE_ENDIAN);
        }

        void align(int n) {
            b.position(Math.min(b.limit(), (b.position() + n - 1) / n * n));
        }

        int u16() {
            align(2);
            return b.getShort() & 0xFFFF;
        }

        int u32() {
            align(4);
            return b.getInt();
        }

        UUID guid() {
            align(4);
            return readGuid(b);
        }

        byte[] bytes(int n) {
            check(n >= 0 && n <= b.remaining(), n + " bytes wanted, " + b.remaining() + " left");
            byte[] r = new byte[n];
            b.get(r);
            return r;
        }

        /** twr_t: conformance, tower_length, the octets. */
        byte[] twr() {
            int max = u32();
            int length = u32();
            check(max == length, "twr_t conformance " + max + " for length " + length);
            return bytes(length);
        }
    }
}
