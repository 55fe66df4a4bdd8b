package io.github.cm4j.wmi.wmio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.QualifierFlavor;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Encoder and decoder agree on every CIM type, arrays, embedded objects, defaults, methods and the schema. */
class WmioRoundTripTest {

    /** Sample values of every scalar type, with their edges. */
    static Map<CimType, List<Object>> samples() {
        Map<CimType, List<Object>> m = new LinkedHashMap<>();
        m.put(CimType.SINT8, List.of((byte) -128, (byte) 0, (byte) 127));
        m.put(CimType.UINT8, List.of((short) 0, (short) 255));
        m.put(CimType.SINT16, List.of((short) -32768, (short) 32767));
        m.put(CimType.UINT16, List.of(0, 65535));
        m.put(CimType.SINT32, List.of(Integer.MIN_VALUE, -1, Integer.MAX_VALUE));
        m.put(CimType.UINT32, List.of(0L, 4294967295L));
        m.put(CimType.SINT64, List.of(Long.MIN_VALUE, Long.MAX_VALUE));
        m.put(CimType.UINT64, List.of(0L, Long.MAX_VALUE, new BigInteger("18446744073709551615")));
        m.put(CimType.REAL32, List.of(1.5f, -0.0f, Float.NaN, Float.MAX_VALUE));
        m.put(CimType.REAL64, List.of(Math.PI, Double.NEGATIVE_INFINITY, Double.MIN_VALUE));
        m.put(CimType.BOOLEAN, List.of(true, false));
        m.put(CimType.CHAR16, List.of('A', 'é', '\u20AC', '\uFFFF'));
        m.put(CimType.STRING, List.of("", "plain ASCII", "Latin-1 caf\u00e9 \u00ff", "UTF-16 \u20AC \u4E2D\u6587 \uD83D\uDE00",
                "line\nbreak \"quotes\" \\"));
        m.put(CimType.DATETIME, List.of(CimDateTime.parse("20210608000035.000000+000"),
                CimDateTime.parse("00000001020304.000005:000")));
        m.put(CimType.REFERENCE, List.of("\\\\SERVER\\root\\sms\\site_ABC:SMS_Site.SiteCode=\"ABC\"", "SMS_Site=@"));
        return m;
    }

    static WmiClass embeddedClass() {
        return Schema.builtIn().classNamed("SMS_EmbeddedProperty");
    }

    static WmiObject embedded(String name, long value) {
        return WmiObject.builder(embeddedClass()).set("PropertyName", name).set("Value", value).set("Value1", "v1 " + name)
                .build();
    }

    @Test
    void everyTypeScalarAndArrayRoundTrips() {
        WmiClass.Builder cb = WmiClass.builder("Cm4j_AllTypes").qualifier(Qualifier.flag("dynamic"));
        Map<CimType, List<Object>> samples = samples();
        for (CimType t : samples.keySet()) {
            cb.property("S_" + t.mofName(), t);
            cb.property("A_" + t.mofName(), t.arrayType());
            cb.property("E_" + t.mofName(), t.arrayType());
            cb.property("N_" + t.mofName(), t);
        }
        cb.property(new PropertyDefinition("O", CimType.OBJECT, "SMS_EmbeddedProperty", List.of(), null, null));
        cb.property(new PropertyDefinition("OA", CimType.OBJECT_ARRAY, "SMS_EmbeddedProperty", List.of(), null, null));
        cb.property(new PropertyDefinition("R", CimType.REFERENCE, "SMS_Site", List.of(), null, null));
        WmiClass cls = cb.build();
        WmiObject.Builder ib = WmiObject.builder(cls);
        for (Map.Entry<CimType, List<Object>> e : samples.entrySet()) {
            CimType t = e.getKey();
            List<Object> values = e.getValue();
            ib.set("S_" + t.mofName(), CimValue.of(t, values.get(values.size() - 1)));
            ib.set("A_" + t.mofName(), CimValue.of(t.arrayType(), values));
            ib.set("E_" + t.mofName(), CimValue.of(t.arrayType(), List.of()));
            ib.setNull("N_" + t.mofName(), t);
        }
        ib.set("O", CimValue.object(embedded("One", 1)));
        ib.set("OA", CimValue.objectArray(List.of(embedded("A", 10), embedded("B", 20), embedded("C\u20AC", 4294967295L))));
        ib.set("R", CimValue.of(CimType.REFERENCE, "SMS_Site.SiteCode=\"ABC\""));
        WmiObject original = ib.decoration("SERVER01", "root\\sms\\site_ABC").build();

        byte[] unit = Wmio.encode(original);
        WmioObject decoded = Wmio.decode(unit);
        WmiObject back = decoded.instance();
        assertThat(back).isEqualTo(original);
        assertThat(back.asMap()).isEqualTo(original.asMap());
        assertThat(back.wmiClass()).isEqualTo(cls);
        assertThat(back.server()).contains("SERVER01");
        assertThat(back.namespace()).contains("root\\sms\\site_ABC");
        for (PropertyDefinition p : cls.properties()) {
            assertThat(back.isDefault(p.name())).as(p.name()).isFalse();
        }
        assertThat(back.get("S_uint64").orElseThrow().asBigInteger()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat((Float) back.get("A_real32").orElseThrow().asList().get(2)).isNaN();
        assertThat(back.get("O").orElseThrow().asObject().getLong("Value")).isEqualTo(1);
        assertThat(back.get("OA").orElseThrow().asObjectList()).extracting(o -> o.getString("PropertyName"))
                .containsExactly("A", "B", "C\u20AC");
        assertThat(decoded.paddingBytes()).isZero();
        // canonical: encoding the decoded object gives the same bytes, via the wire form and via the core form
        assertThat(Wmio.encode(decoded)).isEqualTo(unit);
        assertThat(Wmio.encode(back)).isEqualTo(unit);
    }

    @Test
    void stringsUseTheCompressedFormUpToU00ffAndUtf16Beyond() {
        WmiClass cls = WmiClass.builder("Cm4j_Strings").property("A", CimType.STRING).property("B", CimType.STRING).build();
        WmiObject o = WmiObject.builder(cls).set("A", "caf\u00e9").set("B", "\u20AC5").build();
        byte[] unit = Wmio.encode(o);
        // 2.2.78: flag 0 then one octet per character; flag 1 then UTF-16LE, each NUL-terminated
        assertThat(indexOf(unit, new byte[] {0, 'c', 'a', 'f', (byte) 0xE9, 0})).isPositive();
        byte[] utf16 = "\u20AC5".getBytes(StandardCharsets.UTF_16LE);
        byte[] flagged = new byte[utf16.length + 3];
        flagged[0] = 1;
        System.arraycopy(utf16, 0, flagged, 1, utf16.length);
        assertThat(indexOf(unit, flagged)).isPositive();
        assertThat(Wmio.decodeInstance(unit)).isEqualTo(o);
    }

    @Test
    void stringWithNulCannotBeEncoded() {
        WmiClass cls = WmiClass.builder("Cm4j_Strings").property("A", CimType.STRING).build();
        WmiObject o = WmiObject.builder(cls).set("A", "a\u0000b").build();
        assertThatThrownBy(() -> Wmio.encode(o)).isInstanceOf(MappingException.class).hasMessageContaining("U+0000");
    }

    @Test
    void spawnInstanceKeepsClassDefaultsAsDefaultsAndExplicitNullsAsNull() {
        WmiClass cls = WmiClass.builder("Cm4j_Defaults")
                .property(new PropertyDefinition("Key", CimType.STRING, null, List.of(Qualifier.flag("key")), null, null))
                .property(new PropertyDefinition("Count", CimType.UINT32, null, List.of(), CimValue.uint32(7), null))
                .property(new PropertyDefinition("Name", CimType.STRING, null, List.of(), CimValue.string("dflt"), null))
                .property(new PropertyDefinition("Tags", CimType.STRING_ARRAY, null, List.of(),
                        CimValue.stringArray(List.of("a", "b")), null))
                .property("Untouched", CimType.SINT64)
                .build();
        WmiObject o = WmiObject.builder(cls).set("Key", "k1").setNull("Name", CimType.STRING).build();
        WmioObject decoded = Wmio.decode(Wmio.encode(o));
        WmiObject back = decoded.instance();
        assertThat(back).isEqualTo(o);
        assertThat(back.isDefault("Count")).isTrue();
        assertThat(back.getLong("Count")).isEqualTo(7);
        assertThat(back.isDefault("Tags")).isTrue();
        assertThat(back.get("Tags").orElseThrow().asStringList()).containsExactly("a", "b");
        assertThat(back.isDefault("Name")).isFalse();
        assertThat(back.isNull("Name")).isTrue();
        assertThat(back.isDefault("Untouched")).isTrue();
        assertThat(back.isNull("Untouched")).isTrue();
        assertThat(back.isDefault("Key")).isFalse();
        // NdTable of the instance (2.2.27, by declaration order): Key 00, Count 10, Name 01, Tags 10, Untouched 11
        assertThat(decoded.block().instance.nd).containsExactly(0, 2, 1, 2, 3);
        // and of the class: defaults set by the class itself, NULL where none
        assertThat(decoded.block().instanceClass.nd).containsExactly(1, 0, 0, 0, 1);
        assertThat(back.wmiClass().property("Tags").orElseThrow().defaultValue()).isEqualTo(CimValue.stringArray(List.of("a", "b")));
    }

    @Test
    void everySchemaClassRoundTripsAsAClassObject() {
        Schema schema = Schema.builtIn();
        assertThat(schema.classes()).hasSizeGreaterThan(20);
        for (WmiClass c : schema.classes()) {
            WmioObject o = Wmio.decode(Wmio.encode(c, "SRV", "root\\sms\\site_ABC"));
            assertThat(o.wmiClass()).as(c.name()).isEqualTo(c);
            assertThat(o.paddingBytes()).isZero();
            assertThat(o.superclass().map(WmiClass::name)).isEqualTo(c.superclassName());
            if (o.superclass().isPresent()) {
                // the ParentClass part shows the inherited properties
                assertThat(o.superclass().get().properties()).extracting(PropertyDefinition::name).containsExactlyElementsOf(
                        c.properties().stream().filter(p -> !p.originClass().equals(c.name())).map(PropertyDefinition::name).toList());
            }
        }
    }

    @Test
    void softwareUpdateInstanceWithEveryScalarSet() {
        WmiClass cls = Schema.builtIn().classNamed("SMS_SoftwareUpdate");
        WmiObject o = WmioTestObjects.softwareUpdate(cls, 1);
        WmiObject back = Wmio.decodeInstance(Wmio.encode(o));
        assertThat(back).isEqualTo(o);
        assertThat(back.wmiClass()).isEqualTo(stripMethods(cls));
        // the instance's class part carries no methods (2.2.53: CurrentClass is a ClassPart only)
        assertThat(back.wmiClass().methods()).isEmpty();
    }

    private static WmiClass stripMethods(WmiClass c) {
        WmiClass.Builder b = WmiClass.builder(c.name()).derivation(c.derivation());
        c.qualifiers().forEach(b::qualifier);
        c.properties().forEach(b::property);
        return b.build();
    }

    @Test
    void siteControlComponentWithEmbeddedPropsAndPropLists() {
        WmiObject o = WmioTestObjects.sciComponent(Schema.builtIn(), 3);
        WmioObject decoded = Wmio.decode(Wmio.encode(o));
        WmiObject back = decoded.instance();
        assertThat(back).isEqualTo(o);
        List<WmiObject> props = back.get("Props").orElseThrow().asObjectList();
        assertThat(props).hasSize(3);
        assertThat(props.get(0).wmiClass().name()).isEqualTo("SMS_EmbeddedProperty");
        assertThat(props.get(2).getString("Value2")).isEqualTo("value2 #2");
        assertThat(back.get("PropLists").orElseThrow().asObjectList().get(0).get("Values").orElseThrow().asStringList())
                .containsExactly("ABC", "DEF");
        // re-encoding the decoded object reuses the embedded objects' wire forms: same bytes
        assertThat(Wmio.encode(decoded)).isEqualTo(Wmio.encode(o));
    }

    @Test
    void methodsWithInOutInOutAndVoidSignatures() {
        Set<QualifierFlavor> idFlavors = EnumSet.of(QualifierFlavor.TO_INSTANCE, QualifierFlavor.DISABLE_OVERRIDE);
        MethodDefinition m1 = new MethodDefinition("Exchange", CimType.UINT32,
                List.of(Qualifier.flag("implemented"), Qualifier.of("ValueMap", CimValue.stringArray(List.of("0", "1")))),
                List.of(new ParameterDefinition("In1", CimType.STRING, null,
                                List.of(Qualifier.flag("in"), new Qualifier("ID", CimValue.sint32(0), idFlavors))),
                        new ParameterDefinition("Both", CimType.SINT32_ARRAY, null,
                                List.of(Qualifier.flag("in"), Qualifier.flag("out"), new Qualifier("ID", CimValue.sint32(1), idFlavors))),
                        new ParameterDefinition("Obj", CimType.OBJECT, "SMS_EmbeddedProperty",
                                List.of(Qualifier.flag("out"), new Qualifier("ID", CimValue.sint32(2), idFlavors)))));
        MethodDefinition m2 = new MethodDefinition("Poke", null, List.of(Qualifier.flag("static")), List.of());
        MethodDefinition m3 = new MethodDefinition("OnlyOut", CimType.BOOLEAN, List.of(),
                List.of(new ParameterDefinition("Text", CimType.STRING, null, List.of(Qualifier.flag("out")))));
        WmiClass cls = WmiClass.builder("Cm4j_Methods").property("X", CimType.UINT8).method(m1).method(m2).method(m3).build();
        WmioObject o = Wmio.decode(Wmio.encode(cls));
        assertThat(o.wmiClass()).isEqualTo(cls);
        Wire.Method poke = o.block().current.methods.methods.get(1);
        assertThat(poke.in).isSameAs(Wire.Signature.EMPTY);
        assertThat(poke.out).isSameAs(Wire.Signature.EMPTY);
        // the out-signature lists ReturnValue last, as Windows does (Win32_Process.Create: ProcessId 0, ReturnValue 1)
        Wire.ClassPart out = o.block().current.methods.methods.get(0).out.block.current.classPart;
        assertThat(out.declared()).extracting(p -> p.name).containsExactly("Both", "Obj", "ReturnValue");
        assertThat(out.qualifiers).extracting(q -> q.name).containsExactly("abstract");
    }

    @Test
    void instanceNoClassDecodesAgainstTheClassPartOfAnEarlierInstance() {
        Schema schema = Schema.builtIn();
        WmiObject first = WmioTestObjects.softwareUpdate(schema.classNamed("SMS_SoftwareUpdate"), 1);
        WmiObject second = WmioTestObjects.softwareUpdate(schema.classNamed("SMS_SoftwareUpdate"), 2);
        byte[] full = Wmio.encodeObjectBlock(first);
        WmioObject decodedFirst = Wmio.decodeObjectBlock(full, 0, full.length);
        byte[] noClass = Wmio.encodeInstanceNoClass(second);
        assertThat(noClass.length).isLessThan(full.length / 2);
        WmiObject back = Wmio.decodeInstanceNoClass(noClass, 0, noClass.length, decodedFirst.classPart()).instance();
        assertThat(back).isEqualTo(second);
        WmiObject back2 = Wmio.decodeInstanceNoClass(noClass, 0, noClass.length, WmioClassPart.of(second.wmiClass())).instance();
        assertThat(back2).isEqualTo(second);
        // The instance part is the one the full encoding carries after the class part, byte for byte.
        int instanceStart = Wmio.decodeInstanceNoClass(noClass, 0, noClass.length, decodedFirst.classPart()).block()
                .instance.sourceStart;
        byte[] fullSecond = Wmio.encodeObjectBlock(second);
        int tail = noClass.length - instanceStart;
        assertThat(java.util.Arrays.copyOfRange(noClass, instanceStart, noClass.length))
                .isEqualTo(java.util.Arrays.copyOfRange(fullSecond, fullSecond.length - tail, fullSecond.length));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
