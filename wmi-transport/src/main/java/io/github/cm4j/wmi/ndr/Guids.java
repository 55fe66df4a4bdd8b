package io.github.cm4j.wmi.ndr;

import java.util.UUID;

/**
 * GUIDs in the little-endian wire layout of MS-DTYP 2.3.4.2 (Data1, Data2, Data3 little-endian; Data4 as is), the
 * layout of every GUID in NDR stub data (as a structure of one long, two shorts and eight bytes), OBJREFs, MS-WMI
 * buffers and DCOM activation properties. Callers check bounds before calling.
 */
public final class Guids {
    private Guids() {
    }

    /**
     * @param b the buffer
     * @param off where the 16 bytes start
     * @return the GUID
     */
    public static UUID read(byte[] b, int off) {
        long data1 = (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
        long data2 = (b[off + 4] & 0xFFL) | (b[off + 5] & 0xFFL) << 8;
        long data3 = (b[off + 6] & 0xFFL) | (b[off + 7] & 0xFFL) << 8;
        long data4 = 0;
        for (int i = 0; i < 8; i++) {
            data4 = data4 << 8 | (b[off + 8 + i] & 0xFFL);
        }
        return new UUID(data1 << 32 | data2 << 16 | data3, data4);
    }

    /**
     * @param g the GUID
     * @param b the buffer
     * @param off where the 16 bytes go
     */
    public static void write(UUID g, byte[] b, int off) {
        long msb = g.getMostSignificantBits();
        long data1 = msb >>> 32;
        long data2 = (msb >>> 16) & 0xFFFF;
        long data3 = msb & 0xFFFF;
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (data1 >>> (8 * i));
        }
        b[off + 4] = (byte) data2;
        b[off + 5] = (byte) (data2 >>> 8);
        b[off + 6] = (byte) data3;
        b[off + 7] = (byte) (data3 >>> 8);
        long lsb = g.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[off + 8 + i] = (byte) (lsb >>> (8 * (7 - i)));
        }
    }

    /**
     * @param g the GUID
     * @return its 16 wire bytes
     */
    public static byte[] bytes(UUID g) {
        byte[] b = new byte[16];
        write(g, b, 0);
        return b;
    }
}
