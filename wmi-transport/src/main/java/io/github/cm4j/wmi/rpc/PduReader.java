package io.github.cm4j.wmi.rpc;

import java.util.UUID;

/**
 * A sequential little-endian cursor over part of one PDU fragment. Every read checks what is left before it
 * touches the array; errors name the structure and the offset from the start of the fragment.
 */
final class PduReader {
    private final byte[] buf;
    private final int end;
    private final String structure;
    private int pos;

    PduReader(byte[] buf, int start, int end, String structure) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.structure = structure;
    }

    RpcFormatException fail(String part, long offset, String problem) {
        return new RpcFormatException(part.isEmpty() ? structure : structure + "/" + part, offset, problem);
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(String part, int n) {
        if (n < 0 || n > end - pos) {
            throw fail(part, pos, "needs " + n + " bytes but " + (end - pos) + " remain");
        }
    }

    int u8(String part) {
        need(part, 1);
        return buf[pos++] & 0xFF;
    }

    int u16(String part) {
        need(part, 2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int u32(String part) {
        need(part, 4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A GUID in the MS-DTYP 2.3.4.2 layout: Data1, Data2, Data3 little-endian, Data4 as 8 bytes in order. */
    UUID uuid(String part) {
        need(part, 16);
        long data1 = u32(part) & 0xFFFFFFFFL;
        long data2 = u16(part);
        long data3 = u16(part);
        long data4 = 0;
        for (int i = 0; i < 8; i++) {
            data4 = data4 << 8 | (buf[pos++] & 0xFF);
        }
        return new UUID(data1 << 32 | data2 << 16 | data3, data4);
    }

    byte[] bytes(String part, int n) {
        need(part, n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    void skip(String part, int n) {
        need(part, n);
        pos += n;
    }

    /** Skips to the next multiple of {@code n} counted from the start of the fragment (C706 chapter 12 alignment). */
    void align(String part, int n) {
        int pad = (n - pos % n) % n;
        skip(part, pad);
    }
}
