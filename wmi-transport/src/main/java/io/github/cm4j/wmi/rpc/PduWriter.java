package io.github.cm4j.wmi.rpc;

import java.util.Arrays;
import java.util.UUID;

/** A growable little-endian buffer for one PDU fragment; offsets count from the start of the fragment. */
final class PduWriter {
    private byte[] buf;
    private int size;

    PduWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    private void grow(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    PduWriter u8(int v) {
        grow(1);
        buf[size++] = (byte) v;
        return this;
    }

    PduWriter u16(int v) {
        grow(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    PduWriter u32(int v) {
        u16(v);
        return u16(v >>> 16);
    }

    /** A GUID in the MS-DTYP 2.3.4.2 layout (see {@link PduReader#uuid}). */
    PduWriter uuid(UUID u) {
        long msb = u.getMostSignificantBits();
        u32((int) (msb >>> 32));
        u16((int) (msb >>> 16));
        u16((int) msb);
        long lsb = u.getLeastSignificantBits();
        for (int i = 7; i >= 0; i--) {
            u8((int) (lsb >>> (8 * i)));
        }
        return this;
    }

    PduWriter bytes(byte[] b, int off, int len) {
        grow(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    PduWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    PduWriter zeros(int n) {
        grow(n);
        size += n;
        return this;
    }

    /** Pads with zeros to the next multiple of {@code n} from the start of the fragment. */
    PduWriter align(int n) {
        return zeros((n - size % n) % n);
    }

    void patch16(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
