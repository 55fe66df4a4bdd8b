package io.github.cm4j.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.MappingException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class CimValueTest {

    @Test
    void arrayTypeCodesAreTheElementCodeWithTheArrayFlag() {
        for (CimType t : CimType.values()) {
            if (t.isArray()) {
                assertThat(t.code()).isEqualTo(t.elementType().code() | 0x2000);
                assertThat(t.elementType().arrayType()).isSameAs(t);
            }
        }
        assertThat(CimType.fromCode(0x2008)).contains(CimType.STRING_ARRAY);
        assertThat(CimType.fromCode(0x4013)).as("the inherited flag is ignored").contains(CimType.UINT32);
        assertThat(CimType.fromCode(0x2065)).contains(CimType.DATETIME_ARRAY);
        assertThat(CimType.fromCode(7)).isEmpty();
        assertThat(CimType.values()).hasSize(32);
    }

    @Test
    void msWmioCodesOfTheScalarTypes() {
        assertThat(CimType.SINT8.code()).isEqualTo(16);
        assertThat(CimType.UINT8.code()).isEqualTo(17);
        assertThat(CimType.SINT16.code()).isEqualTo(2);
        assertThat(CimType.UINT16.code()).isEqualTo(18);
        assertThat(CimType.SINT32.code()).isEqualTo(3);
        assertThat(CimType.UINT32.code()).isEqualTo(19);
        assertThat(CimType.SINT64.code()).isEqualTo(20);
        assertThat(CimType.UINT64.code()).isEqualTo(21);
        assertThat(CimType.REAL32.code()).isEqualTo(4);
        assertThat(CimType.REAL64.code()).isEqualTo(5);
        assertThat(CimType.BOOLEAN.code()).isEqualTo(11);
        assertThat(CimType.STRING.code()).isEqualTo(8);
        assertThat(CimType.DATETIME.code()).isEqualTo(101);
        assertThat(CimType.REFERENCE.code()).isEqualTo(102);
        assertThat(CimType.CHAR16.code()).isEqualTo(103);
        assertThat(CimType.OBJECT.code()).isEqualTo(13);
    }

    @Test
    void unsignedValuesNeverOverflow() {
        assertThat(CimValue.uint32(4_294_967_295L).asLong()).isEqualTo(4_294_967_295L);
        assertThat(CimValue.uint8(255).value()).isEqualTo((short) 255);
        assertThat(CimValue.uint16(65535).asInt()).isEqualTo(65535);
        CimValue max = CimValue.uint64Bits(-1L);
        assertThat(max.asBigInteger()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(max.toString()).isEqualTo("18446744073709551615");
        assertThatThrownBy(max::asLong).isInstanceOf(MappingException.class).hasMessageContaining("asBigInteger");
        assertThat(CimValue.uint64(new BigInteger("18446744073709551615"))).isEqualTo(max);
    }

    @Test
    void outOfRangeIntegersAreRejectedWithTheRange() {
        assertThatThrownBy(() -> CimValue.uint32(-1)).isInstanceOf(MappingException.class).hasMessageContaining("0..4294967295");
        assertThatThrownBy(() -> CimValue.uint8(256)).isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> CimValue.of(CimType.SINT32, 1L << 40)).isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> CimValue.uint64(BigInteger.ONE.shiftLeft(64))).isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> CimValue.uint64(-5)).isInstanceOf(MappingException.class);
    }

    @Test
    void readingAsTheWrongTypeNamesBothTypes() {
        assertThatThrownBy(() -> CimValue.string("x").asLong())
                .isInstanceOf(MappingException.class).hasMessageContaining("integer").hasMessageContaining("string");
        assertThatThrownBy(() -> CimValue.sint32(3).asBoolean()).isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> CimValue.stringArray(List.of("a")).asString()).isInstanceOf(MappingException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void arraysAreImmutableAndRejectNullElements() {
        CimValue v = CimValue.of(CimType.UINT32_ARRAY, new int[] {1, 2, 3});
        assertThat((java.util.List<Object>) v.asList()).containsExactly(1L, 2L, 3L);
        assertThatThrownBy(() -> v.asList().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CimValue.of(CimType.STRING_ARRAY, java.util.Arrays.asList("a", null)))
                .isInstanceOf(MappingException.class).hasMessageContaining("element 1");
        assertThat(v.toMof()).isEqualTo("{1, 2, 3}");
    }

    @Test
    void mofLiteralsEscapeQuotesBackslashesAndControls() {
        assertThat(CimValue.string("a\"b\\c\nd\u0001").toMof()).isEqualTo("\"a\\\"b\\\\c\\nd\\x0001\"");
        assertThat(CimValue.bool(true).toMof()).isEqualTo("TRUE");
        assertThat(CimValue.char16('\'').toMof()).isEqualTo("'\\''");
    }

    @Test
    void equalityIsByTypeAndValue() {
        assertThat(CimValue.sint32(5)).isEqualTo(CimValue.of(CimType.SINT32, 5L));
        assertThat(CimValue.sint32(5)).isNotEqualTo(CimValue.uint32(5));
        assertThat(CimValue.sint32(5).hashCode()).isEqualTo(CimValue.of(CimType.SINT32, (short) 5).hashCode());
    }
}
