package io.github.cm4j.wmi.wmio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: every length is checked before it is used, work stays linear, nesting is bounded, and the
 * only exception is {@link WmioFormatException}, naming the structure and the offset. Runs with the module's
 * 512 MiB test heap, so an allocation driven by a length read off the wire would show.
 */
class WmioBoundsTest {

    private static byte[] validUnit() {
        return Wmio.encode(WmioTestObjects.sciComponent(Schema.builtIn(), 2));
    }

    private static void put32(byte[] b, int off, int v) {
        WmioGoldenTest.ByteBufferLe.put32(b, off, v);
    }

    @Test
    void wrongSignature() {
        byte[] b = validUnit();
        b[0] = 0x79;
        assertThatThrownBy(() -> Wmio.decode(b)).isInstanceOf(WmioFormatException.class)
                .hasMessage("malformed EncodingUnit at offset 0: Signature 0x12345679 is not 0x12345678 (2.2.77)");
    }

    @Test
    void objectEncodingLengthBeyondTheInputAllocatesNothing() {
        byte[] b = validUnit();
        put32(b, 4, 0x7FFFFFF0);
        assertThatThrownBy(() -> Wmio.decode(b)).isInstanceOfSatisfying(WmioFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(4);
            assertThat(e.problem()).contains("ObjectEncodingLength 2147483632 exceeds");
        });
    }

    @Test
    void tooShortForTheHeader() {
        assertThatThrownBy(() -> Wmio.decode(new byte[] {0x78, 0x56})).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("Signature needs 4 bytes but 2 remain");
        assertThatThrownBy(() -> Wmio.decode(new byte[0])).isInstanceOf(WmioFormatException.class);
    }

    @Test
    void propertyCountLargerThanItsPartNamesStructureAndOffset() {
        WmiObject o = WmioTestObjects.sciComponent(Schema.builtIn(), 1);
        byte[] b = Wmio.encode(o.withDecoration(null, null));
        // Layout: signature 4, length 4, ObjectFlags 1, ClassPart: EncodingLength 4, Reserved 1, ClassNameRef 4,
        // NdTableValueTableLength 4, DerivationList (EncodingLength d), ClassQualifierSet (EncodingLength q), PropertyCount
        int classPart = 9;
        int derivation = classPart + 13;
        int qualifiers = derivation + WmioGoldenTest.ByteBufferLe.u32(b, derivation);
        int count = qualifiers + WmioGoldenTest.ByteBufferLe.u32(b, qualifiers);
        assertThat(WmioGoldenTest.ByteBufferLe.u32(b, count)).isEqualTo(9);
        put32(b, count, 0x10000000);
        assertThatThrownBy(() -> Wmio.decode(b)).isInstanceOfSatisfying(WmioFormatException.class, e -> {
            assertThat(e.structure()).isEqualTo("EncodingUnit/ObjectBlock/InstanceType/CurrentClass/ClassPart");
            assertThat(e.offset()).isEqualTo(count + 4);
            assertThat(e.problem()).startsWith("PropertyCount 268435456 needs 2147483648 bytes of PropertyLookup but");
        });
    }

    @Test
    void everyTruncationFailsCleanly() {
        byte[] b = validUnit();
        for (int n = 0; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            if (n >= 8) {
                put32(cut, 4, n - 8); // a consistent outer length, so the inner lengths are what fails
            }
            int len = n;
            assertThatThrownBy(() -> Wmio.decode(cut)).as("truncated to " + len).isInstanceOf(WmioFormatException.class);
        }
    }

    @Test
    void paddingInsideTheDeclaredLengthAndBytesAfterItAreTolerated() {
        WmiObject o = WmioTestObjects.sciComponent(Schema.builtIn(), 2);
        byte[] b = Wmio.encode(o);
        byte[] padded = Arrays.copyOf(b, b.length + 24);
        put32(padded, 4, b.length - 8 + 16); // 16 bytes of padding inside, 8 after
        WmioObject d = Wmio.decode(padded);
        assertThat(d.instance()).isEqualTo(o);
        assertThat(d.paddingBytes()).isEqualTo(16);
        assertThat(Wmio.encode(d)).isEqualTo(b);
    }

    @Test
    void invalidObjectFlags() {
        byte[] b = validUnit();
        for (int flags : new int[] {0x00, 0x03, 0x06 | 0x80, 0x0A}) {
            byte[] c = b.clone();
            c[8] = (byte) flags;
            assertThatThrownBy(() -> Wmio.decode(c)).as("flags " + flags).isInstanceOfSatisfying(WmioFormatException.class,
                    e -> assertThat(e.offset()).isEqualTo(9));
        }
    }

    @Test
    void unknownCimTypeAndDictionaryReference() {
        WmiClass cls = WmiClass.builder("Cm4j_T").property("P", CimType.UINT32).build();
        byte[] b = Wmio.encode(WmiObject.builder(cls).set("P", 5L).build());
        // the PropertyInfo is in the ClassHeap after the class name "Cm4j_T" and the property name "P"
        int info = RoundTrip.indexOf(b, new byte[] {0, 'P', 0}) + 3;
        assertThat(WmioGoldenTest.ByteBufferLe.u32(b, info)).isEqualTo(19);
        byte[] badType = b.clone();
        put32(badType, info, 0x77);
        assertThatThrownBy(() -> Wmio.decode(badType)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("PropertyType 0x77 is not a CIM type (2.2.82)");
        // the CIMTYPE qualifier name is DictionaryReference 10 (0x8000000A); make it 11
        int cimtype = RoundTrip.indexOf(b, new byte[] {10, 0, 0, (byte) 0x80});
        byte[] badDictionary = b.clone();
        badDictionary[cimtype] = 11;
        assertThatThrownBy(() -> Wmio.decode(badDictionary)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("DictionaryReference 11 is not one of the 11 known strings");
    }

    @Test
    void arrayCountBeyondTheHeapAllocatesNothing() {
        WmiClass cls = WmiClass.builder("Cm4j_T").property("A", CimType.UINT64_ARRAY).build();
        byte[] b = Wmio.encode(WmiObject.builder(cls).set("A", List.of(1L, 2L)).build());
        int count = RoundTrip.indexOf(b, new byte[] {2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2});
        put32(b, count, 0x7FFFFFFF);
        assertThatThrownBy(() -> Wmio.decode(b)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("uint64[] of 2147483647 elements needs 17179869176 bytes");
    }

    @Test
    void repeatedReferencesToOneLargeStringExhaustTheLinearBudget() {
        // An instance whose string[] has 200,000 references, all to one 100,000-character string: 800 KB of input
        // that would decode to 20 G characters. The decoder stops after a few MB of work.
        WmiClass cls = WmiClass.builder("Cm4j_T").property("S", CimType.STRING_ARRAY).build();
        int n = 200_000;
        int len = 100_000;
        WmioEncoder.Out heap = new WmioEncoder.Out();
        WmioEncoder.encodedString(heap, "Cm4j_T");
        int array = heap.size();
        heap.u32(n);
        int firstRef = heap.reserve(4 * n);
        int string = heap.size();
        heap.u8(0).bytes("x".repeat(len).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).u8(0);
        for (int i = 0; i < n; i++) {
            heap.patch32(firstRef + 4 * i, string);
        }
        byte[] unit = RoundTrip.instanceWithHandMadePart(cls, new byte[] {0}, int32(array), heap);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Wmio.decode(unit)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("decoding work exceeds");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void heapReferenceOutsideTheHeap() {
        WmiClass cls = WmiClass.builder("Cm4j_T").property("S", CimType.STRING).build();
        WmioEncoder.Out heap = new WmioEncoder.Out();
        WmioEncoder.encodedString(heap, "Cm4j_T");
        byte[] unit = RoundTrip.instanceWithHandMadePart(cls, new byte[] {0}, int32(5000), heap);
        assertThatThrownBy(() -> Wmio.decode(unit)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("string reference 0x1388 is outside the 8-byte heap");
    }

    @Test
    void unterminatedStrings() {
        WmiClass cls = WmiClass.builder("Cm4j_T").property("S", CimType.STRING).build();
        WmioEncoder.Out heap = new WmioEncoder.Out();
        WmioEncoder.encodedString(heap, "Cm4j_T");
        int s = heap.size();
        heap.u8(1).u16('a').u16('b'); // UTF-16 without 0x0000
        byte[] unit = RoundTrip.instanceWithHandMadePart(cls, new byte[] {0}, int32(s), heap);
        assertThatThrownBy(() -> Wmio.decode(unit)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("UTF-16 string has no terminating 0x0000");
        WmioEncoder.Out heap2 = new WmioEncoder.Out();
        WmioEncoder.encodedString(heap2, "Cm4j_T");
        heap2.u8(7).u8('a').u8(0);
        byte[] unit2 = RoundTrip.instanceWithHandMadePart(cls, new byte[] {0}, int32(s), heap2);
        assertThatThrownBy(() -> Wmio.decode(unit2)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("Encoded-String-Flag 0x7 is neither 0 (compressed) nor 1 (UTF-16)");
    }

    @Test
    void embeddedObjectsNestAtMostMaxDepthLevels() {
        WmiClass cls = WmiClass.builder("Cm4j_Node").property(new PropertyDefinition("Child", CimType.OBJECT, "Cm4j_Node",
                List.of(), null, null)).property("Level", CimType.UINT32).build();
        WmiObject node = WmiObject.builder(cls).set("Level", 0L).build();
        for (int i = 1; i <= Wmio.MAX_DEPTH; i++) {
            node = WmiObject.builder(cls).set("Level", (long) i).set("Child", CimValue.object(node)).build();
        }
        WmiObject deepest = node;
        assertThat(Wmio.decodeInstance(Wmio.encode(deepest))).isEqualTo(deepest);
        WmiObject tooDeep = WmiObject.builder(cls).set("Child", CimValue.object(deepest)).build();
        assertThatThrownBy(() -> Wmio.decode(Wmio.encode(tooDeep))).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("objects nest deeper than 32 levels");
    }

    @Test
    void duplicatePropertyNamesAreRejected() {
        WmiClass cls = WmiClass.builder("Cm4j_T").property("Ab", CimType.UINT8).property("Cd", CimType.UINT8).build();
        byte[] b = Wmio.encode(WmiObject.builder(cls).set("Ab", 1).set("Cd", 2).build());
        int cd = RoundTrip.indexOf(b, new byte[] {0, 'C', 'd', 0});
        b[cd + 1] = 'a';
        b[cd + 2] = 'B';
        assertThatThrownBy(() -> Wmio.decode(b)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("property aB appears twice");
    }

    @Test
    void decodeOnlyThrowsWmioFormatExceptionForEveryByteOfTheGoldenWin32ProcessFlipped() {
        // a lighter sibling of WmioFuzzTest: every single byte of a real capture set to 0xFF, one at a time
        byte[] original;
        try {
            original = WmioGoldenTest.read("go-msrpc_wmio_win32_process_startup.encoding_unit.bin");
        } catch (RuntimeException e) {
            throw e;
        }
        for (int i = 0; i < original.length; i++) {
            byte[] b = original.clone();
            b[i] = (byte) ~b[i];
            try {
                Wmio.decode(b);
            } catch (WmioFormatException expected) {
                // fine
            }
        }
    }

    private static byte[] int32(int v) {
        byte[] b = new byte[4];
        put32(b, 0, v);
        return b;
    }

    /** Builders of hand-made encodings. */
    static final class RoundTrip {
        private RoundTrip() {
        }

        static int indexOf(byte[] hay, byte[] needle) {
            return WmioRoundTripTest.indexOf(hay, needle);
        }

        /**
         * An EncodingUnit of an instance of {@code cls}: the canonical class part, then an instance part with the
         * given NdTable and value table bytes and heap (the class name must be at heap offset 0).
         */
        static byte[] instanceWithHandMadePart(WmiClass cls, byte[] nd, byte[] valueTable, WmioEncoder.Out heap) {
            WmioEncoder.Out block = new WmioEncoder.Out();
            block.u8(Wmio.FLAG_INSTANCE);
            new WmioEncoder(null).classPart(block, WireConverter.classPart(cls));
            WmioEncoder.Out inst = new WmioEncoder.Out();
            inst.u8(0).u32(0).bytes(nd).bytes(valueTable).u32(4).u8(1).u32(heap.size() | 0x80000000).append(heap);
            block.u32(inst.size() + 4).append(inst);
            WmioEncoder.Out unit = new WmioEncoder.Out();
            unit.u32(Wmio.SIGNATURE).u32(block.size()).append(block);
            return unit.toByteArray();
        }
    }
}
