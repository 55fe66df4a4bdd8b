package io.github.cm4j.wmi.ndr;

import java.util.function.Consumer;

/**
 * NDR type serialization version 1 (MS-RPCE 2.2.6), the encoding of each DCOM activation property (MS-DCOM 2.2.22):
 * a common type header (2.2.6.1: Version 1, Endianness 0x10, CommonHeaderLength 8, Filler 0xCCCCCCCC), a private
 * header (2.2.6.2: ObjectBufferLength, Filler 0), then one top-level constructed type marshaled like a parameter
 * (its deferred referents included) and padded with zeros to a multiple of 8.
 *
 * <p>Choices on receipt: only the little-endian representation (0x10) is accepted; the fillers are ignored, as
 * 2.2.6.1 and 2.2.6.2 ask; ObjectBufferLength must fit the bytes given and bounds the type, and need not include
 * the padding (impacket writes it without). The type is decoded with alignment relative to its first byte
 * (16 bytes after the header, so 8-byte alignment is the same either way).
 */
public final class NdrTypeSerialization {
    /** Bytes of the common and private headers. */
    public static final int HEADER_LENGTH = 16;
    private static final int ENDIANNESS_LITTLE = 0x10;

    private NdrTypeSerialization() {
    }

    /**
     * @param type writes the top-level type's flat part (embedded pointers deferred to after it)
     * @return the serialized type with both headers, a multiple of 8 bytes long
     */
    public static byte[] encode(Consumer<NdrWriter> type) {
        NdrWriter body = new NdrWriter();
        body.construct(type);
        body.align(8);
        byte[] data = body.toByteArray();
        NdrWriter out = new NdrWriter();
        out.u8(1).u8(ENDIANNESS_LITTLE).u16(8).u32(0xCCCCCCCC); // 2.2.6.1
        out.u32(data.length).u32(0); // 2.2.6.2
        out.bytes(data);
        return out.toByteArray();
    }

    /**
     * @param buf the buffer
     * @param from where the common header starts
     * @param to where the serialized bytes end (exclusive)
     * @param what the type being read, for messages
     * @param decoder reads the top-level type
     * @param <T> the type
     * @return the decoded value
     * @throws NdrFormatException when the headers or the type are malformed
     */
    public static <T> T decode(byte[] buf, int from, int to, String what, NdrReader.Decoder<T> decoder) {
        NdrReader header = new NdrReader(buf, from, to, what, 0);
        int version = header.u8("CommonHeader.Version");
        if (version != 1) {
            throw header.fail("CommonHeader.Version", "version " + version + " is not 1 (MS-RPCE 2.2.6.1)");
        }
        int endianness = header.u8("CommonHeader.Endianness");
        if (endianness != ENDIANNESS_LITTLE) {
            throw header.fail("CommonHeader.Endianness", "endianness 0x" + Integer.toHexString(endianness)
                    + " is not little-endian (0x10); cm4j does not read big-endian types");
        }
        int length = header.u16("CommonHeader.CommonHeaderLength");
        if (length != 8) {
            throw header.fail("CommonHeader.CommonHeaderLength", "CommonHeaderLength " + length + " is not 8");
        }
        header.u32("CommonHeader.Filler");
        long objectLength = Integer.toUnsignedLong(header.u32("PrivateHeader.ObjectBufferLength"));
        header.u32("PrivateHeader.Filler");
        if (objectLength > header.remaining()) {
            throw header.fail("PrivateHeader.ObjectBufferLength", "ObjectBufferLength " + objectLength + " exceeds the "
                    + header.remaining() + " bytes after the headers");
        }
        int start = from + HEADER_LENGTH;
        return new NdrReader(buf, start, start + (int) objectLength, what, 0).construct(decoder);
    }
}
