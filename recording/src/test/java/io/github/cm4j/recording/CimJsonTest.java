package io.github.cm4j.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The recording's JSON form of classes and instances round-trips every CIM type and the NULL/default distinction. */
class CimJsonTest {
    private static final WmiClass EMBEDDED = WmiClass.builder("CM4J_Embedded")
            .property("Name", CimType.STRING)
            .property("Values", CimType.UINT32_ARRAY)
            .build();
    private static final WmiClass ALL = WmiClass.builder("CM4J_All")
            .qualifier(Qualifier.flag("dynamic"))
            .property(new PropertyDefinition("Id", CimType.UINT32, null, List.of(Qualifier.flag("key")), null, null))
            .property(new PropertyDefinition("Big", CimType.UINT64, null, List.of(), null, null))
            .property("S8", CimType.SINT8).property("U8", CimType.UINT8).property("S16", CimType.SINT16)
            .property("U16", CimType.UINT16).property("S64", CimType.SINT64)
            .property("R32", CimType.REAL32).property("R64", CimType.REAL64).property("Flag", CimType.BOOLEAN)
            .property("C", CimType.CHAR16).property("When", CimType.DATETIME).property("Span", CimType.DATETIME)
            .property(new PropertyDefinition("Ref", CimType.REFERENCE, "CM4J_All", List.of(), null, null))
            .property(new PropertyDefinition("Lazy", CimType.STRING, null, List.of(Qualifier.flag("lazy")), null, null))
            .property(new PropertyDefinition("Defaulted", CimType.STRING, null, List.of(), CimValue.string("the default"), null))
            .property("Nothing", CimType.STRING)
            .property("Bytes", CimType.UINT8_ARRAY).property("Empty", CimType.STRING_ARRAY)
            .property(new PropertyDefinition("One", CimType.OBJECT, "CM4J_Embedded", List.of(), null, null))
            .property(new PropertyDefinition("Many", CimType.OBJECT_ARRAY, "CM4J_Embedded", List.of(), null, null))
            .method(new MethodDefinition("Run", CimType.UINT32, List.of(Qualifier.flag("static")),
                    List.of(new ParameterDefinition("Input", CimType.STRING, null, List.of(Qualifier.flag("in"))))))
            .build();

    private static String write(WmiObject o, ClassIds ids) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("classes");
            for (Map.Entry<Integer, WmiClass> c : ids.missing(o)) {
                g.writeStartObject();
                g.writeNumberField("id", c.getKey());
                g.writeFieldName("class");
                CimJson.wmiClass(g, c.getValue(), ids);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("object");
            CimJson.object(g, o, ids, UnaryOperator.identity());
            g.writeEndObject();
        }
        return out.toString();
    }

    @Test
    void everyCimTypeNullAndDefaultSurviveTheRoundTrip() throws Exception {
        WmiObject inner = WmiObject.builder(EMBEDDED).set("Name", "a \"quoted\" \u00e9 name").set("Values", List.of(0L, 4294967295L)).build();
        WmiObject o = WmiObject.builder(ALL)
                .set("Id", CimValue.uint32(4294967295L))
                .set("Big", CimValue.uint64(new BigInteger("18446744073709551615")))
                .set("S8", CimValue.sint8((byte) -128)).set("U8", CimValue.uint8(255)).set("S16", CimValue.sint16((short) -32768))
                .set("U16", CimValue.uint16(65535)).set("S64", CimValue.sint64(Long.MIN_VALUE))
                .set("R32", CimValue.real32(Float.NaN)).set("R64", CimValue.real64(-0.125))
                .set("Flag", CimValue.bool(true)).set("C", CimValue.char16('\u20ac'))
                .set("When", CimValue.datetime(CimDateTime.parse("20240305101530.123456+060")))
                .set("Span", CimValue.datetime(CimDateTime.parse("00000001020304.000005:000")))
                .set("Ref", CimValue.reference(ObjectPath.parse("CM4J_All.Id=1")))
                .setNull("Nothing", CimType.STRING)
                .set("Bytes", CimValue.of(CimType.UINT8_ARRAY, List.of(0, 255)))
                .set("Empty", CimValue.stringArray(List.of()))
                .set("One", CimValue.object(inner))
                .set("Many", CimValue.objectArray(List.of(inner, inner)))
                .build();
        String json = write(o, new ClassIds());
        var tree = new ObjectMapper().readTree(json);
        Map<Integer, WmiClass> classes = new HashMap<>();
        for (var c : tree.get("classes")) {
            classes.put(c.get("id").asInt(), CimJson.wmiClass(c.get("class"), classes));
        }
        WmiObject back = CimJson.object(tree.get("object"), classes);
        assertThat(back).isEqualTo(o);
        assertThat(back.wmiClass()).isEqualTo(ALL);
        assertThat(back.wmiClass().lazyProperties()).extracting(PropertyDefinition::name).containsExactly("Lazy");
        assertThat(back.isDefault("Defaulted")).isTrue();
        assertThat(back.isDefault("Nothing")).isFalse();
        assertThat(back.get("Nothing")).isEmpty();
        assertThat(back.get("Big").orElseThrow().asBigInteger()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(Float.isNaN((Float) back.get("R32").orElseThrow().value())).isTrue();
        assertThat(back.wmiClass().method("Run").orElseThrow().isStatic()).isTrue();
    }
}
