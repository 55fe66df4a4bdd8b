package io.github.cm4j.testkit.peers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies the keys of a keytab under more principal names. The MIT keytab file format (version 0x0502, big
 * endian): a 2-byte version, then records of {int32 length; uint16 component count; counted realm; counted
 * components; uint32 name type; uint32 timestamp; uint8 kvno; uint16 enctype; counted key; [uint32 kvno]}, every
 * "counted" string an uint16 length and its bytes. Only what the fixture's own keytabs need; not a general parser.
 */
final class Keytabs {

    private static final int KRB5_NT_SRV_HST = 3;

    private Keytabs() {
    }

    /**
     * @param keytab a keytab holding the keys of one account
     * @param realm the realm of the new names
     * @param aliases service principal names without realm ({@code host/cas.lab.test})
     * @return a keytab with the original entries plus, for every entry, one per alias with the same key and kvno
     */
    static byte[] withAliases(byte[] keytab, String realm, List<String> aliases) {
        ByteBuffer in = ByteBuffer.wrap(keytab);
        if (in.remaining() < 2 || in.getShort() != 0x0502) {
            throw new IllegalArgumentException("not a version 0x0502 keytab");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x05);
        out.write(0x02);
        List<byte[]> extra = new ArrayList<>();
        while (in.remaining() >= 4) {
            int length = in.getInt();
            if (length <= 0 || length > in.remaining()) {
                break;   // a hole (negative length) or the end
            }
            byte[] record = new byte[length];
            in.get(record);
            writeRecord(out, record);
            ByteBuffer r = ByteBuffer.wrap(record);
            int components = r.getShort() & 0xFFFF;
            skipCounted(r);                       // realm
            for (int i = 0; i < components; i++) {
                skipCounted(r);
            }
            r.getInt();                           // name type
            byte[] tail = new byte[r.remaining()]; // timestamp, kvno8, keyblock, kvno32
            r.get(tail);
            for (String alias : aliases) {
                extra.add(record(realm, alias.split("/"), tail));
            }
        }
        for (byte[] e : extra) {
            writeRecord(out, e);
        }
        return out.toByteArray();
    }

    private static byte[] record(String realm, String[] components, byte[] tail) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        putShort(r, components.length);
        putCounted(r, realm);
        for (String c : components) {
            putCounted(r, c);
        }
        byte[] type = ByteBuffer.allocate(4).putInt(KRB5_NT_SRV_HST).array();
        r.writeBytes(type);
        r.writeBytes(tail);
        return r.toByteArray();
    }

    private static void writeRecord(ByteArrayOutputStream out, byte[] record) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(record.length).array());
        out.writeBytes(record);
    }

    private static void skipCounted(ByteBuffer b) {
        int n = b.getShort() & 0xFFFF;
        b.position(b.position() + n);
    }

    private static void putCounted(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putShort(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void putShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
