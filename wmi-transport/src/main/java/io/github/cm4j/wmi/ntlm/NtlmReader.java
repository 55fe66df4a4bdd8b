package io.github.cm4j.wmi.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Random-access little-endian reads from one NTLM message, each checked against the message length before it
 * touches the array. Payload fields are read through their MS-NLMP 2.2 "Fields" triple (Len, MaxLen,
 * BufferOffset). Errors name the structure and the offset.
 */
final class NtlmReader {
    private final byte[] message;
    private final String structure;

    NtlmReader(byte[] message, String structure) {
        this.message = message;
        this.structure = structure;
    }

    int length() {
        return message.length;
    }

    byte[] message() {
        return message;
    }

    NtlmFormatException fail(String part, long offset, String problem) {
        return new NtlmFormatException(part.isEmpty() ? structure : structure + "/" + part, offset, problem);
    }

    private void need(String part, int offset, int count) {
        if (offset < 0 || count < 0 || (long) offset + count > message.length) {
            throw fail(part, offset, "needs " + count + " bytes but the message has " + Math.max(0, message.length - Math.max(offset, 0))
                    + " from here (message length " + message.length + ")");
        }
    }

    int u8(String part, int offset) {
        need(part, offset, 1);
        return message[offset] & 0xFF;
    }

    int u16(String part, int offset) {
        need(part, offset, 2);
        return (message[offset] & 0xFF) | (message[offset + 1] & 0xFF) << 8;
    }

    int u32(String part, int offset) {
        need(part, offset, 4);
        return (message[offset] & 0xFF) | (message[offset + 1] & 0xFF) << 8 | (message[offset + 2] & 0xFF) << 16
                | (message[offset + 3] & 0xFF) << 24;
    }

    long u64(String part, int offset) {
        return (u32(part, offset) & 0xFFFFFFFFL) | (long) u32(part, offset + 4) << 32;
    }

    byte[] bytes(String part, int offset, int count) {
        need(part, offset, count);
        return Arrays.copyOfRange(message, offset, offset + count);
    }

    /** Checks the 8-byte signature {@code "NTLMSSP\0"} and the MessageType (MS-NLMP 2.2.1). */
    void header(int messageType) {
        need("Signature", 0, 12);
        byte[] expected = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < expected.length; i++) {
            if (message[i] != expected[i]) {
                throw fail("Signature", i, "not the NTLMSSP signature");
            }
        }
        int type = u32("MessageType", 8);
        if (type != messageType) {
            throw fail("MessageType", 8, "message type " + type + ", expected " + messageType);
        }
    }

    /** @return the offset where the payload of a Fields triple at {@code at} begins (for layout detection) */
    int fieldOffset(String part, int at) {
        return u32(part, at + 4);
    }

    /** @return the length of a Fields triple at {@code at} */
    int fieldLength(String part, int at) {
        return u16(part, at);
    }

    /** @return the payload a Fields triple (Len u16, MaxLen u16, BufferOffset u32) at {@code at} points to */
    byte[] field(String part, int at) {
        int len = u16(part, at);
        long offset = u32(part, at + 4) & 0xFFFFFFFFL;
        if (len == 0) {
            return new byte[0];
        }
        if (offset + len > message.length) {
            throw fail(part, at, "BufferOffset " + offset + " + Len " + len + " passes the end of the " + message.length
                    + "-byte message");
        }
        return Arrays.copyOfRange(message, (int) offset, (int) offset + len);
    }

    /** @return a Fields payload decoded as UTF-16LE (MS-NLMP 2.2: Unicode when NTLMSSP_NEGOTIATE_UNICODE is set) */
    String unicodeField(String part, int at) {
        byte[] raw = field(part, at);
        if (raw.length % 2 != 0) {
            throw fail(part, at, "a UTF-16 string of odd length " + raw.length);
        }
        return new String(raw, StandardCharsets.UTF_16LE);
    }
}
