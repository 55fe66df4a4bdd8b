package io.github.cm4j.wmi.wbem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.testing.ReferenceData;
import io.github.cm4j.wmi.ndr.Guids;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioFormatException;
import io.github.cm4j.wmi.wmio.WmioObject;
import io.github.cm4j.wmi.wmio.WmioTestObjects;
import io.github.cm4j.wmi.wmio.WmioTestObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The smart enumerator's ObjectArray (MS-WMI 2.2.14) with its class cache across calls. */
class WbemObjectArrayTest {

    private static UUID id(int n) {
        return new UUID(0x1111_2222_3333_4444L, n);
    }

    private static WbemObjectArray.ClassCache serverCache() {
        AtomicInteger n = new AtomicInteger();
        return new WbemObjectArray.ClassCache(() -> id(n.incrementAndGet()));
    }

    private static List<WmiObject> updates(int from, int count) {
        WmiClass su = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
        List<WmiObject> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(WmioTestObjects.softwareUpdate(su, i));
        }
        return out;
    }

    @Test
    void instancesSendTheirClassOnceThenGoWithoutItAcrossCalls() {
        WbemObjectArray.ClassCache server = serverCache();
        WbemObjectArray.ClassCache client = new WbemObjectArray.ClassCache();
        List<Object> first = new ArrayList<>(updates(1, 3));
        first.add(WmioTestObjects.sciComponent(Schema.builtIn(), 2));
        first.add(Schema.builtIn().classNamed("SMS_Site"));
        first.add(WmioTestObjects.sciComponent(Schema.builtIn(), 1));
        byte[] call1 = WbemObjectArray.encode(first, WbemObjectArray.PACKET_SMART_ENUM_NEXT, server);
        assertThat(packetTypes(call1)).containsExactly(2, 3, 3, 2, 1, 3);
        List<WmioObject> decoded1 = WbemObjectArray.decode(call1, client);
        assertThat(decoded1).hasSize(6);
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i) instanceof WmiObject) {
                assertThat(decoded1.get(i).instance()).isEqualTo(first.get(i));
            } else {
                assertThat(decoded1.get(i).wmiClass()).isEqualTo(first.get(i));
            }
        }
        assertThat(client.size()).isEqualTo(2);
        // the next Next call of the same enumeration: only instance parts, decoded with the cached classes
        List<WmiObject> second = updates(10, 4);
        byte[] call2 = WbemObjectArray.encode(second, WbemObjectArray.PACKET_SMART_ENUM_NEXT, server);
        assertThat(packetTypes(call2)).containsExactly(3, 3, 3, 3);
        assertThat(call2.length).isLessThan(call1.length);
        List<WmioObject> decoded2 = WbemObjectArray.decode(call2, client);
        assertThat(decoded2).extracting(WmioObject::instance).containsExactlyElementsOf(second);
        // a fresh enumeration (new cache) cannot decode them
        assertThatThrownBy(() -> WbemObjectArray.decode(call2, new WbemObjectArray.ClassCache()))
                .isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("WBEMOBJECT_INSTANCE_NOCLASS refers to class 11112222-3333-4444-0000-000000000001");
    }

    @Test
    void headersFollowTheSpecification() {
        byte[] b = WbemObjectArray.encode(updates(1, 2), WbemObjectArray.PACKET_SMART_ENUM_NEXT, serverCache());
        String hex = HexFormat.of().formatHex(b, 0, 46);
        int total = b.length;
        assertThat(hex).isEqualTo("00000000" + HexFormat.of().formatHex("WBEMDATA".getBytes(StandardCharsets.US_ASCII))
                + "1a000000" + le(total - 26) + "00000000" + "01" + "01"
                + "08000000" + le(total - 34) + "0c000000" + le(total - 46) + "02000000");
        // first object: WBEM_DATAPACKET_OBJECT header 9, size, type 2; WBEMOBJECT_INSTANCE header 0x18, size, classID
        String object = HexFormat.of().formatHex(b, 46, 46 + 9 + 8 + 16);
        assertThat(object.substring(0, 8)).isEqualTo("09000000");
        assertThat(object.substring(16, 18)).isEqualTo("02");
        assertThat(object.substring(18, 26)).isEqualTo("18000000");
        assertThat(object.substring(34)).isEqualTo(HexFormat.of().formatHex(Guids.bytes(id(1))));
    }

    @Test
    void instanceNoClassAgainstAWindowsClassPart() throws IOException {
        // The Windows 7 Win32_UTCTime capture: its object block as a WBEMOBJECT_INSTANCE, and its instance part
        // alone as a WBEMOBJECT_INSTANCE_NOCLASS of the same classID.
        byte[] objref = Files.readAllBytes(ReferenceData.require("wmio/impacket_win7_win32_utctime_instance.objref.bin"));
        byte[] unit = ObjRefCustom.decode(objref).objectData();
        WmioObject full = Wmio.decode(unit);
        byte[] block = Arrays.copyOfRange(unit, 8, unit.length);
        // ObjectFlags 0x06 + Decoration, then CurrentClass (ClassPart EncodingLength at its first 4 bytes)
        int decoration = 1 + "\0SEVENX64\0".length() + "\0root\\cimv2\0".length();
        int classLength = WmioTestObjects.u32(block, decoration);
        ByteArrayOutputStream noClass = new ByteArrayOutputStream();
        noClass.writeBytes(Arrays.copyOfRange(block, 0, decoration));
        noClass.writeBytes(Arrays.copyOfRange(block, decoration + classLength, block.length));
        UUID classId = UUID.randomUUID();
        byte[] array = handMade(List.of(packet(2, classId, block), packet(3, classId, noClass.toByteArray())));
        List<WmioObject> objects = WbemObjectArray.decode(array, new WbemObjectArray.ClassCache());
        assertThat(objects.get(0).instance()).isEqualTo(full.instance());
        assertThat(objects.get(1).instance()).isEqualTo(full.instance());
        assertThat(objects.get(1).instance().getLong("Year")).isEqualTo(2021);
    }

    @Test
    void malformedArraysFailWithOffsets() {
        byte[] good = WbemObjectArray.encode(updates(1, 1), WbemObjectArray.PACKET_SMART_ENUM_NEXT, serverCache());
        byte[] badSignature = good.clone();
        badSignature[4] = 'X';
        assertThatThrownBy(() -> WbemObjectArray.decode(badSignature, new WbemObjectArray.ClassCache()))
                .isInstanceOf(WmioFormatException.class).hasMessageContaining("abSignature is not WBEMDATA");
        byte[] badCount = good.clone();
        WmioTestObjects.put32(badCount, 42, 1_000_000);
        assertThatThrownBy(() -> WbemObjectArray.decode(badCount, new WbemObjectArray.ClassCache()))
                .isInstanceOf(WmioFormatException.class).hasMessageContaining("dwNumObjects 1000000 needs at least 9000000 bytes");
        byte[] badInner = good.clone();
        int flags = 46 + 9 + 8 + 16;
        badInner[flags] = 0x03;
        assertThatThrownBy(() -> WbemObjectArray.decode(badInner, new WbemObjectArray.ClassCache()))
                .isInstanceOfSatisfying(WmioFormatException.class, e -> {
                    assertThat(e.structure()).startsWith("ObjectArray/data/data/wbemObjects/WBEM_DATAPACKET_OBJECT[0]/ObjectData/ObjectBlock");
                    assertThat(e.offset()).isEqualTo(flags + 1);
                });
    }

    @Test
    void mutatedArraysOnlyFailWithWmioFormatException() {
        List<Object> objects = new ArrayList<>(updates(1, 2));
        objects.add(WmioTestObjects.sciComponent(Schema.builtIn(), 2));
        byte[] seed = WbemObjectArray.encode(objects, WbemObjectArray.PACKET_SMART_ENUM_NEXT, serverCache());
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            byte[] b = seed.clone();
            for (int m = 0; m < 1 + r.nextInt(3); m++) {
                int at = r.nextInt(b.length);
                if (r.nextBoolean() && at + 4 <= b.length) {
                    WmioTestObjects.put32(b, at, r.nextInt(b.length + 8));
                } else {
                    b[at] = (byte) r.nextInt(256);
                }
            }
            try {
                WbemObjectArray.decode(b, new WbemObjectArray.ClassCache());
            } catch (WmioFormatException expected) {
                // fine
            }
        }
    }

    private static String le(int v) {
        return HexFormat.of().formatHex(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    private static List<Integer> packetTypes(byte[] array) {
        List<Integer> types = new ArrayList<>();
        int count = WmioTestObjects.u32(array, 42);
        int pos = 46;
        for (int i = 0; i < count; i++) {
            int size = WmioTestObjects.u32(array, pos + 4);
            types.add(array[pos + 8] & 0xFF);
            pos += 9 + size;
        }
        return types;
    }

    private static byte[] packet(int type, UUID classId, byte[] data) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(le32(0x18));
        body.writeBytes(le32(data.length));
        body.writeBytes(Guids.bytes(classId));
        body.writeBytes(data);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(le32(9));
        p.writeBytes(le32(body.size()));
        p.write(type);
        p.writeBytes(body.toByteArray());
        return p.toByteArray();
    }

    private static byte[] handMade(List<byte[]> packets) {
        ByteArrayOutputStream objects = new ByteArrayOutputStream();
        packets.forEach(objects::writeBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le32(0));
        out.writeBytes("WBEMDATA".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(0x1A));
        out.writeBytes(le32(20 + objects.size()));
        out.writeBytes(le32(0));
        out.write(1);
        out.write(1);
        out.writeBytes(le32(8));
        out.writeBytes(le32(12 + objects.size()));
        out.writeBytes(le32(12));
        out.writeBytes(le32(objects.size()));
        out.writeBytes(le32(packets.size()));
        out.writeBytes(objects.toByteArray());
        return out.toByteArray();
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
