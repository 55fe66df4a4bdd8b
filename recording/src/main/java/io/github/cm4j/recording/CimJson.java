package io.github.cm4j.recording;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The JSON form of CIM values, class definitions and instances in a recording (docs/troubleshooting.md, "Recording
 * format"). Full CIM types: every value carries its CIM type (enum name of {@link CimType}), class definitions carry
 * qualifiers with their flavors (so {@code key}, {@code lazy}, {@code read} survive), property defaults, origins and
 * methods; instances refer to their class by id and list one value per class property, with the defaulted ones named
 * (NULL and "class default" stay distinct, MS-WMIO 2.2.28). uint64 travels as its 64 bits in a signed number, as
 * {@link CimValue} keeps it; reals that are not finite as strings. Stateless.
 */
final class CimJson {
    private CimJson() {
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Writes {@code {"t":TYPE,"v":value}}. */
    static void typed(JsonGenerator g, CimValue v, ClassIds ids, UnaryOperator<String> text) throws IOException {
        g.writeStartObject();
        g.writeStringField("t", v.type().name());
        g.writeFieldName("v");
        raw(g, v.type(), v.value(), ids, text);
        g.writeEndObject();
    }

    /** Writes a value without its type (the type is known from the class). */
    static void raw(JsonGenerator g, CimType type, Object value, ClassIds ids, UnaryOperator<String> text) throws IOException {
        if (type.isArray()) {
            g.writeStartArray();
            for (Object e : (List<?>) value) {
                scalar(g, type.elementType(), e, ids, text);
            }
            g.writeEndArray();
        } else {
            scalar(g, type, value, ids, text);
        }
    }

    private static void scalar(JsonGenerator g, CimType type, Object v, ClassIds ids, UnaryOperator<String> text) throws IOException {
        switch (type) {
            case SINT8 -> g.writeNumber((Byte) v);
            case UINT8, SINT16 -> g.writeNumber((Short) v);
            case UINT16, SINT32 -> g.writeNumber((Integer) v);
            case UINT32, SINT64, UINT64 -> g.writeNumber((Long) v);
            case REAL32 -> {
                float f = (Float) v;
                if (Float.isFinite(f)) {
                    g.writeNumber(f);
                } else {
                    g.writeString(Float.toString(f));
                }
            }
            case REAL64 -> {
                double d = (Double) v;
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeString(Double.toString(d));
                }
            }
            case BOOLEAN -> g.writeBoolean((Boolean) v);
            case CHAR16 -> g.writeString(String.valueOf((char) (Character) v));
            case STRING, REFERENCE -> g.writeString(text.apply((String) v));
            case DATETIME -> g.writeString(v.toString());
            case OBJECT -> object(g, (WmiObject) v, ids, text);
            default -> throw new IllegalStateException("unexpected CIM type " + type);
        }
    }

    /** Writes {@code {"c":classId,"v":[...],"d":[indexes]}}; the class must have been written already. */
    static void object(JsonGenerator g, WmiObject o, ClassIds ids, UnaryOperator<String> text) throws IOException {
        WmiClass c = o.wmiClass();
        g.writeStartObject();
        g.writeNumberField("c", ids.id(c));
        if (o.server().isPresent()) {
            g.writeStringField("srv", text.apply(o.server().get()));
        }
        if (o.namespace().isPresent()) {
            g.writeStringField("ns", text.apply(o.namespace().get()));
        }
        List<PropertyDefinition> props = c.properties();
        g.writeArrayFieldStart("v");
        List<Integer> defaulted = null;
        for (int i = 0; i < props.size(); i++) {
            if (o.isDefaultAt(i)) {
                if (defaulted == null) {
                    defaulted = new ArrayList<>();
                }
                defaulted.add(i);
                g.writeNull();
                continue;
            }
            CimValue v = o.valueAt(i);
            if (v == null) {
                g.writeNull();
            } else if (v.type() != props.get(i).type()) {
                typed(g, v, ids, text);
            } else {
                raw(g, v.type(), v.value(), ids, text);
            }
        }
        g.writeEndArray();
        if (defaulted != null) {
            g.writeArrayFieldStart("d");
            for (int i : defaulted) {
                g.writeNumber(i);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Writes a class definition (its embedded-object defaults must have their classes written already). */
    static void wmiClass(JsonGenerator g, WmiClass c, ClassIds ids) throws IOException {
        UnaryOperator<String> same = UnaryOperator.identity();
        g.writeStartObject();
        g.writeStringField("name", c.name());
        if (c.superclassName().isPresent()) {
            g.writeStringField("super", c.superclassName().get());
        }
        g.writeArrayFieldStart("derivation");
        for (String d : c.derivation()) {
            g.writeString(d);
        }
        g.writeEndArray();
        qualifiers(g, c.qualifiers(), ids);
        g.writeArrayFieldStart("props");
        for (PropertyDefinition p : c.properties()) {
            g.writeStartObject();
            g.writeStringField("n", p.name());
            g.writeStringField("t", p.type().name());
            if (p.refClassName() != null) {
                g.writeStringField("ref", p.refClassName());
            }
            qualifiers(g, p.qualifiers(), ids);
            if (p.defaultValue() != null) {
                g.writeFieldName("def");
                typed(g, p.defaultValue(), ids, same);
            }
            if (p.originClass() != null) {
                g.writeStringField("origin", p.originClass());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("methods");
        for (MethodDefinition m : c.methods()) {
            g.writeStartObject();
            g.writeStringField("n", m.name());
            if (m.returnType() != null) {
                g.writeStringField("ret", m.returnType().name());
            }
            qualifiers(g, m.qualifiers(), ids);
            g.writeArrayFieldStart("params");
            for (ParameterDefinition p : m.parameters()) {
                g.writeStartObject();
                g.writeStringField("n", p.name());
                g.writeStringField("t", p.type().name());
                if (p.refClassName() != null) {
                    g.writeStringField("ref", p.refClassName());
                }
                qualifiers(g, p.qualifiers(), ids);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void qualifiers(JsonGenerator g, List<Qualifier> qs, ClassIds ids) throws IOException {
        if (qs.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("q");
        for (Qualifier q : qs) {
            g.writeStartObject();
            g.writeStringField("n", q.name());
            g.writeFieldName("v");
            typed(g, q.value(), ids, UnaryOperator.identity());
            g.writeNumberField("f", QualifierFlavor.toBits(q.flavors()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Reads {@code {"t":TYPE,"v":value}}. */
    static CimValue typed(JsonNode n, Map<Integer, WmiClass> classes) {
        CimType t = CimType.valueOf(n.get("t").asText());
        return raw(t, n.get("v"), classes);
    }

    /** Reads a value of a known type; null for JSON null. */
    static CimValue raw(CimType type, JsonNode v, Map<Integer, WmiClass> classes) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (type.isArray()) {
            List<Object> items = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                items.add(scalar(type.elementType(), e, classes));
            }
            return CimValue.of(type, items);
        }
        return CimValue.of(type, scalar(type, v, classes));
    }

    private static Object scalar(CimType type, JsonNode v, Map<Integer, WmiClass> classes) {
        return switch (type) {
            case SINT8, UINT8, SINT16, UINT16, SINT32 -> v.asInt();
            case UINT32, SINT64 -> v.asLong();
            // written as the 64 bits in a signed number: values above 2^63-1 come back negative
            case UINT64 -> new java.math.BigInteger(Long.toUnsignedString(v.asLong()));
            case REAL32 -> v.isTextual() ? Float.parseFloat(v.asText()) : (float) v.asDouble();
            case REAL64 -> v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
            case BOOLEAN -> v.asBoolean();
            case CHAR16 -> v.asText().charAt(0);
            case STRING, REFERENCE -> v.asText();
            case DATETIME -> CimDateTime.parse(v.asText());
            case OBJECT -> object(v, classes);
            default -> throw new IllegalStateException("unexpected CIM type " + type);
        };
    }

    /** Reads an instance. */
    static WmiObject object(JsonNode n, Map<Integer, WmiClass> classes) {
        int id = n.get("c").asInt();
        WmiClass c = classes.get(id);
        if (c == null) {
            throw new IllegalArgumentException("the recording names class #" + id + " before defining it");
        }
        WmiObject.Builder b = WmiObject.builder(c);
        JsonNode values = n.get("v");
        List<PropertyDefinition> props = c.properties();
        if (values.size() != props.size()) {
            throw new IllegalArgumentException("an instance of " + c.name() + " has " + values.size() + " values for "
                    + props.size() + " properties");
        }
        java.util.Set<Integer> defaulted = new java.util.HashSet<>();
        if (n.has("d")) {
            for (JsonNode d : n.get("d")) {
                defaulted.add(d.asInt());
            }
        }
        for (int i = 0; i < props.size(); i++) {
            if (defaulted.contains(i)) {
                continue;
            }
            JsonNode v = values.get(i);
            CimValue value = v.isObject() && v.has("t") && !(props.get(i).type() == CimType.OBJECT && v.has("c"))
                    ? typed(v, classes) : raw(props.get(i).type(), v, classes);
            if (value == null) {
                b.setNull(props.get(i).name(), props.get(i).type());
            } else {
                b.setAt(i, value);
            }
        }
        if (n.has("srv") || n.has("ns")) {
            b.decoration(n.has("srv") ? n.get("srv").asText() : null, n.has("ns") ? n.get("ns").asText() : null);
        }
        return b.build();
    }

    /** Reads a class definition. */
    static WmiClass wmiClass(JsonNode n, Map<Integer, WmiClass> classes) {
        WmiClass.Builder b = WmiClass.builder(n.get("name").asText());
        if (n.has("super")) {
            b.superclass(n.get("super").asText());
        }
        List<String> derivation = new ArrayList<>();
        for (JsonNode d : n.get("derivation")) {
            derivation.add(d.asText());
        }
        if (!derivation.isEmpty()) {
            b.derivation(derivation);
        }
        for (Qualifier q : qualifiers(n, classes)) {
            b.qualifier(q);
        }
        for (JsonNode p : n.get("props")) {
            b.property(new PropertyDefinition(p.get("n").asText(), CimType.valueOf(p.get("t").asText()),
                    p.has("ref") ? p.get("ref").asText() : null, qualifiers(p, classes),
                    p.has("def") ? typed(p.get("def"), classes) : null, p.has("origin") ? p.get("origin").asText() : null));
        }
        for (JsonNode m : n.get("methods")) {
            List<ParameterDefinition> params = new ArrayList<>();
            for (JsonNode p : m.get("params")) {
                params.add(new ParameterDefinition(p.get("n").asText(), CimType.valueOf(p.get("t").asText()),
                        p.has("ref") ? p.get("ref").asText() : null, qualifiers(p, classes)));
            }
            b.method(new MethodDefinition(m.get("n").asText(), m.has("ret") ? CimType.valueOf(m.get("ret").asText()) : null,
                    qualifiers(m, classes), params));
        }
        return b.build();
    }

    private static List<Qualifier> qualifiers(JsonNode n, Map<Integer, WmiClass> classes) {
        List<Qualifier> out = new ArrayList<>();
        if (n.has("q")) {
            for (JsonNode q : n.get("q")) {
                out.add(new Qualifier(q.get("n").asText(), typed(q.get("v"), classes), QualifierFlavor.fromBits(q.get("f").asInt())));
            }
        }
        return out;
    }
}
