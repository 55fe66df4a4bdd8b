package io.github.cm4j.wmi.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds one NTLM message: a fixed part of known size (signature, type, Fields triples, flags, ...) followed by
 * the payload, which {@link #field} appends while writing the triple that points to it (MS-NLMP 2.2).
 */
final class NtlmWriter {
    private final byte[] fixed;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    NtlmWriter(int messageType, int fixedLength) {
        fixed = new byte[fixedLength];
        byte[] signature = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(signature, 0, fixed, 0, signature.length);
        u32(8, messageType);
    }

    void u16(int at, int value) {
        fixed[at] = (byte) value;
        fixed[at + 1] = (byte) (value >>> 8);
    }

    void u32(int at, int value) {
        u16(at, value);
        u16(at + 2, value >>> 16);
    }

    void bytes(int at, byte[] value) {
        System.arraycopy(value, 0, fixed, at, value.length);
    }

    /** Writes the Fields triple at {@code at} and appends {@code value} to the payload. */
    void field(int at, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("an NTLM field holds at most 65535 bytes, got " + value.length);
        }
        u16(at, value.length);
        u16(at + 2, value.length);
        u32(at + 4, fixed.length + payload.size());
        payload.writeBytes(value);
    }

    byte[] toByteArray() {
        byte[] tail = payload.toByteArray();
        byte[] out = new byte[fixed.length + tail.length];
        System.arraycopy(fixed, 0, out, 0, fixed.length);
        System.arraycopy(tail, 0, out, fixed.length, tail.length);
        return out;
    }
}
