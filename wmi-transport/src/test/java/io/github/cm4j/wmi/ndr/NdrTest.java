package io.github.cm4j.wmi.ndr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * NDR 2.0 encoding rules (C706 chapter 14), byte by byte: alignment, pointers and the order of deferred referents,
 * arrays, strings and BSTRs, and the bounds of the reader.
 */
class NdrTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(NdrWriter w) {
        return HEX.formatHex(w.toByteArray());
    }

    @Test
    void primitivesAreLittleEndianAndAlignedToTheirSize() {
        NdrWriter w = new NdrWriter().u8(1).u16(0x0203).u8(4).u32(0x05060708).u64(0x090A0B0C0D0E0F10L);
        assertThat(hex(w)).isEqualTo("01" + "00" + "0302" + "04" + "000000" + "08070605" + "00000000" + "100f0e0d0c0b0a09");
        NdrReader r = new NdrReader(w.toByteArray(), "t");
        assertThat(r.u8("a")).isEqualTo(1);
        assertThat(r.u16("b")).isEqualTo(0x0203);
        assertThat(r.u8("c")).isEqualTo(4);
        assertThat(r.u32("d")).isEqualTo(0x05060708);
        assertThat(r.u64("e")).isEqualTo(0x090A0B0C0D0E0F10L);
        assertThat(r.remaining()).isZero();
    }

    @Test
    void guidUsesTheMsDtypLayout() {
        UUID g = UUID.fromString("00000131-0000-0000-c000-000000000046");
        NdrWriter w = new NdrWriter().u8(7).guid(g);
        assertThat(hex(w)).isEqualTo("07000000" + "31010000" + "0000" + "0000" + "c000000000000046");
        NdrReader r = new NdrReader(w.toByteArray(), "t");
        r.u8("x");
        assertThat(r.guid("g")).isEqualTo(g);
    }

    @Test
    void topLevelPointerReferentFollowsAtOnceAndReferentIdsCountLikeWindows() {
        NdrWriter w = new NdrWriter();
        w.topLevelUnique(0x11111111, NdrWriter::u32);
        w.topLevelUnique(null, NdrWriter::u32);
        w.topLevelUnique(0x22222222, NdrWriter::u32);
        assertThat(hex(w)).isEqualTo("00000200" + "11111111" + "00000000" + "04000200" + "22222222");
        NdrReader r = new NdrReader(w.toByteArray(), "t");
        assertThat(r.<Integer>topLevelUnique("a", NdrReader.Decoder.of(x -> x.u32("v")))).isEqualTo(0x11111111);
        assertThat(r.<Integer>topLevelUnique("b", NdrReader.Decoder.of(x -> x.u32("v")))).isNull();
        assertThat(r.<Integer>topLevelUnique("c", NdrReader.Decoder.of(x -> x.u32("v")))).isEqualTo(0x22222222);
    }

    /** struct Outer { Inner* p1; long* p2; } struct Inner { long v; long* q; } with referents after the flat parts. */
    record Inner(int v, Integer q) {
        static void write(NdrWriter w, Inner in) {
            w.u32(in.v).unique(in.q, NdrWriter::u32);
        }

        static Supplier<Inner> read(NdrReader r) {
            int v = r.u32("v");
            NdrReader.Deferred<Integer> q = r.unique("q", NdrReader.Decoder.of(x -> x.u32("*q")));
            return () -> new Inner(v, q.get());
        }
    }

    record Outer(Inner p1, Integer p2) {
        static void write(NdrWriter w, Outer o) {
            w.unique(o.p1, Inner::write).unique(o.p2, NdrWriter::u32);
        }

        static Supplier<Outer> read(NdrReader r) {
            NdrReader.Deferred<Inner> p1 = r.unique("p1", Inner::read);
            NdrReader.Deferred<Integer> p2 = r.unique("p2", NdrReader.Decoder.of(x -> x.u32("*p2")));
            return () -> new Outer(p1.get(), p2.get());
        }
    }

    @Test
    void embeddedReferentsFollowTheirConstructDepthFirst() {
        Outer o = new Outer(new Inner(0xAA, 0xBB), 0xCC);
        NdrWriter w = new NdrWriter().construct(x -> Outer.write(x, o)).u32(0xDD);
        // flat Outer (two referent IDs), then *p1 (Inner: v, q's ID), then *q (Inner's own deferred referent), then
        // *p2, and only then the next parameter
        assertThat(hex(w)).isEqualTo("00000200" + "04000200" + "aa000000" + "08000200" + "bb000000" + "cc000000" + "dd000000");
        NdrReader r = new NdrReader(w.toByteArray(), "t");
        assertThat(r.construct(Outer::read)).isEqualTo(o);
        assertThat(r.u32("next")).isEqualTo(0xDD);
    }

    @Test
    void nullEmbeddedPointersHaveNoReferent() {
        Outer o = new Outer(new Inner(1, null), null);
        NdrWriter w = new NdrWriter().construct(x -> Outer.write(x, o));
        assertThat(hex(w)).isEqualTo("00000200" + "00000000" + "01000000" + "00000000");
        assertThat(new NdrReader(w.toByteArray(), "t").construct(Outer::read)).isEqualTo(o);
    }

    @Test
    void fullPointersToOneObjectShareAReferentWrittenOnce() {
        int[] shared = {42};
        NdrWriter w = new NdrWriter().construct(x -> x.full(shared, (y, a) -> y.u32(a[0])).full(shared, (y, a) -> y.u32(a[0]))
                .full(null, (y, a) -> y.u32(0)));
        assertThat(hex(w)).isEqualTo("00000200" + "00000200" + "00000000" + "2a000000");
        NdrReader r = new NdrReader(w.toByteArray(), "t");
        List<Integer> read = r.construct(x -> {
            NdrReader.Deferred<Integer> a = x.full("a", NdrReader.Decoder.of(y -> y.u32("*a")));
            NdrReader.Deferred<Integer> b = x.full("b", NdrReader.Decoder.of(y -> y.u32("*b")));
            NdrReader.Deferred<Integer> c = x.full("c", NdrReader.Decoder.of(y -> y.u32("*c")));
            return () -> Arrays.asList(a.get(), b.get(), c.get());
        });
        assertThat(read).containsExactly(42, 42, null);
        assertThat(r.remaining()).isZero();
    }

    @Test
    void embeddedPointerOutsideAConstructIsAProgrammingError() {
        assertThatThrownBy(() -> new NdrWriter().unique(1, NdrWriter::u32)).isInstanceOf(IllegalStateException.class);
        NdrReader r = new NdrReader(new byte[4], "t");
        assertThatThrownBy(() -> r.unique("p", NdrReader.Decoder.of(x -> 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void referentReadBeforeItsConstructEndsIsAProgrammingError() {
        byte[] b = new NdrWriter().construct(x -> x.unique(5, NdrWriter::u32)).toByteArray();
        assertThatThrownBy(() -> new NdrReader(b, "t").construct(r -> {
            NdrReader.Deferred<Integer> d = r.unique("p", NdrReader.Decoder.of(x -> x.u32("v")));
            Integer early = d.get();
            return () -> early;
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void referenceEmbeddedPointerMustNotBeNull() {
        assertThatThrownBy(() -> new NdrWriter().construct(w -> w.embeddedRef(null, NdrWriter::u32)))
                .isInstanceOf(NullPointerException.class);
        NdrReader r = new NdrReader(new byte[4], "msg");
        assertThatThrownBy(() -> r.construct(x -> {
            x.embeddedRef("p", NdrReader.Decoder.of(y -> 1));
            return () -> 0;
        })).isInstanceOfSatisfying(NdrFormatException.class, e -> {
            assertThat(e.structure()).isEqualTo("msg/p");
            assertThat(e.problem()).isEqualTo("a reference pointer is NULL");
        });
    }

    @Test
    void arraysCarryTheirCounts() {
        NdrWriter w = new NdrWriter();
        w.conformantArray(List.of(1, 2), NdrWriter::u16);
        w.varyingArray(List.of(3), NdrWriter::u16);
        w.conformantVaryingArray(4, List.of(5, 6), NdrWriter::u16);
        w.conformantVaryingBytes(16, new byte[] {9});
        assertThat(hex(w)).isEqualTo("02000000" + "0100" + "0200" + "00000000" + "01000000" + "0300" + "0000"
                + "04000000" + "00000000" + "02000000" + "0500" + "0600" + "10000000" + "00000000" + "01000000" + "09");
        NdrReader r = new NdrReader(w.toByteArray(), "t");
        assertThat(r.conformantArray("a", 2, 10, x -> x.u16("e"))).containsExactly(1, 2);
        assertThat(r.varyingArray("b", 1, 2, x -> x.u16("e"))).containsExactly(3);
        assertThat(r.conformantVaryingArray("c", 2, 10, x -> x.u16("e"))).containsExactly(5, 6);
        assertThat(r.conformantVaryingBytes("d", 16)).containsExactly(9);
    }

    @Test
    void wideStringIncludesItsNul() {
        NdrWriter w = new NdrWriter().wideString("WQL");
        assertThat(hex(w)).isEqualTo("04000000" + "00000000" + "04000000" + "5700" + "5100" + "4c00" + "0000");
        assertThat(new NdrReader(w.toByteArray(), "t").wideString("s")).isEqualTo("WQL");
    }

    @Test
    void bstrIsAFlaggedWordBlobBehindTheUserMarker() {
        NdrWriter w = new NdrWriter().bstr("ab").bstr("").bstr(null);
        assertThat(hex(w)).isEqualTo("55736572" + "02000000" + "04000000" + "02000000" + "61006200"
                + "55736572" + "00000000" + "00000000" + "00000000"
                + "55736572" + "00000000" + "ffffffff" + "00000000");
        NdrReader r = new NdrReader(w.toByteArray(), "t");
        assertThat(r.bstr("a")).isEqualTo("ab");
        assertThat(r.bstr("b")).isEmpty();
        assertThat(r.bstr("c")).isNull();
        assertThat(r.remaining()).isZero();
    }

    @Test
    void bstrWithAnOddByteCountKeepsTheWholeCharacters() {
        byte[] b = HEX.parseHex("01000000" + "02000000" + "03000000" + "02000000" + "61006200");
        assertThat(new NdrReader(b, "t").bstr("s")).isEqualTo("a");
    }

    @Test
    void typeSerializationHasBothHeadersAndPadsToEight() {
        byte[] b = NdrTypeSerialization.encode(w -> w.u32(7).unique(9, NdrWriter::u32).u8(1));
        assertThat(HEX.formatHex(b)).isEqualTo("01100800cccccccc" + "1000000000000000" + "07000000" + "00000200" + "01000000"
                + "09000000");
        int v = NdrTypeSerialization.decode(b, 0, b.length, "T", r -> {
            int a = r.u32("a");
            NdrReader.Deferred<Integer> p = r.unique("p", NdrReader.Decoder.of(x -> x.u32("*p")));
            r.u8("c");
            return () -> a * 100 + p.get();
        });
        assertThat(v).isEqualTo(709);
    }

    @Test
    void typeSerializationReadsImpacketsFillerAndUnpaddedLength() {
        // impacket 0.10 writes 0xCCCCCCCC as the private filler and the length without the padding
        byte[] b = HEX.parseHex("01100800cccccccc" + "04000000cccccccc" + "2a000000" + "fafafafa");
        assertThat((int) NdrTypeSerialization.decode(b, 0, b.length, "T", NdrReader.Decoder.of(r -> r.u32("v")))).isEqualTo(42);
    }

    @Test
    void typeSerializationRejectsWhatItCannotRead() {
        byte[] bigEndian = HEX.parseHex("01000800cccccccc" + "0800000000000000" + "0000002a00000000");
        assertThatThrownBy(() -> NdrTypeSerialization.decode(bigEndian, 0, bigEndian.length, "T", NdrReader.Decoder.of(r -> 1)))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("not little-endian");
        byte[] tooLong = HEX.parseHex("01100800cccccccc" + "0001000000000000" + "0000002a00000000");
        assertThatThrownBy(() -> NdrTypeSerialization.decode(tooLong, 0, tooLong.length, "T", NdrReader.Decoder.of(r -> 1)))
                .isInstanceOfSatisfying(NdrFormatException.class, e -> {
                    assertThat(e.structure()).isEqualTo("T/PrivateHeader.ObjectBufferLength");
                    assertThat(e.offset()).isEqualTo(16);
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // bounds

    @Test
    void truncationNamesTheFieldAndOffset() {
        byte[] b = new NdrWriter().u32(1).u16(2).toByteArray();
        NdrReader r = new NdrReader(Arrays.copyOf(b, 5), "IFoo::Bar request");
        r.u32("first");
        assertThatThrownBy(() -> r.u16("second")).isInstanceOfSatisfying(NdrFormatException.class, e -> {
            assertThat(e.structure()).isEqualTo("IFoo::Bar request/second");
            assertThat(e.offset()).isEqualTo(4);
            assertThat(e.getMessage()).isEqualTo("malformed IFoo::Bar request/second at offset 4: needs 2 bytes but 1 remain");
        });
    }

    @Test
    void hugeCountsFailBeforeAnyAllocation() {
        byte[] b = HEX.parseHex("ffffff7f" + "00000000");
        assertThatThrownBy(() -> new NdrReader(b, "t").conformantArray("a", 16, Integer.MAX_VALUE, r -> r.guid("g")))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("count 2147483647 needs at least 34359738352 bytes");
        byte[] s = HEX.parseHex("ffffffff" + "00000000" + "ffffffff");
        assertThatThrownBy(() -> new NdrReader(s, "t").wideString("s")).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("count 4294967295 needs at least 8589934590 bytes");
        byte[] blob = HEX.parseHex("fffffff0" + "e0ffffff" + "fffffff0");
        assertThatThrownBy(() -> new NdrReader(blob, "t").flaggedWordBlob("s")).isInstanceOf(NdrFormatException.class);
    }

    @Test
    void countsAboveTheIdlLimitAreRefused() {
        byte[] b = new NdrWriter().conformantArray(List.of(1, 2, 3), NdrWriter::u8).toByteArray();
        assertThatThrownBy(() -> new NdrReader(b, "t").conformantArray("a", 1, 2, r -> r.u8("e")))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("count 3 exceeds the limit of 2");
    }

    @Test
    void inconsistentVaryingArraysAreRefused() {
        byte[] offset = HEX.parseHex("02000000" + "01000000" + "01000000" + "0000");
        assertThatThrownBy(() -> new NdrReader(offset, "t").conformantVaryingArray("a", 2, 10, r -> r.u16("e")))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("offset 1 is not 0");
        byte[] actual = HEX.parseHex("01000000" + "00000000" + "02000000" + "00000000");
        assertThatThrownBy(() -> new NdrReader(actual, "t").conformantVaryingArray("a", 2, 10, r -> r.u16("e")))
                .isInstanceOf(NdrFormatException.class).hasMessageContaining("actual count 2 exceeds the maximum count 1");
        byte[] noNul = HEX.parseHex("01000000" + "00000000" + "01000000" + "4100");
        assertThatThrownBy(() -> new NdrReader(noNul, "t").wideString("s")).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("is not NUL");
        byte[] blob = HEX.parseHex("02000000" + "04000000" + "01000000" + "41004200");
        assertThatThrownBy(() -> new NdrReader(blob, "t").flaggedWordBlob("s")).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("clSize 1 differs from the maximum count 2");
        byte[] nullBlob = HEX.parseHex("01000000" + "ffffffff" + "01000000" + "4100");
        assertThatThrownBy(() -> new NdrReader(nullBlob, "t").flaggedWordBlob("s")).isInstanceOf(NdrFormatException.class)
                .hasMessageContaining("NULL BSTR");
    }

    @Test
    void everyTruncationOfANestedConstructFailsCleanly() {
        Outer o = new Outer(new Inner(0xAA, 0xBB), 0xCC);
        byte[] b = new NdrWriter().construct(x -> Outer.write(x, o)).toByteArray();
        for (int n = 0; n < b.length; n++) {
            byte[] cut = Arrays.copyOf(b, n);
            assertThatThrownBy(() -> new NdrReader(cut, "t").construct(Outer::read)).as("length " + n)
                    .isInstanceOf(NdrFormatException.class);
        }
    }
}
