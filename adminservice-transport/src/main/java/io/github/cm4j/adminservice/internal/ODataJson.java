package io.github.cm4j.adminservice.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cm4j.MappingException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.ObjectPath;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.schema.Schema;
import java.io.IOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * CIM values to and from the OData JSON of the ConfigMgr administration service, through the class schema.
 *
 * <p>What the real responses show (shared/reference/adminservice: the {@code SMS_PackageStatus} document and the
 * {@code SMS_Collection} output): an entity is a JSON object of its properties by name, integers as JSON
 * numbers, datetimes as ISO-8601 in UTC ({@code "2024-08-30T20:55:06Z"}), arrays as JSON arrays, NULL as
 * {@code null}, the lazy properties named in {@code __LAZYPROPERTIES} and left {@code null} in query results,
 * and the WMI system properties ({@code __CLASS}, {@code __RELPATH}, {@code __SERVER}, {@code __NAMESPACE} ...)
 * beside them; {@code @odata.*} annotations are metadata. Embedded objects carry {@code @odata.type}
 * ({@code #AdminService.<Class>}, OData JSON Format 4.01 section 4.5.3). What the documents do not show and is
 * our choice, listed in docs/transport-adminservice.md as not yet confirmed: a datetime that is an interval or has
 * wildcards travels as its DMTF text; 64-bit integers above 2<sup>53</sup> are JSON numbers (read exactly) or
 * strings (read as well, as OData's IEEE754Compatible form writes them).
 *
 * <p>Properties the schema does not declare (a real site has more than the built-in schema) are kept, typed
 * from their JSON. Thread-safe: stateless but for a cache of inferred classes.
 */
public final class ODataJson {
    /** The OData namespace of the entity types, as the real {@code @odata.type} values would name it. */
    public static final String TYPE_NAMESPACE = "AdminService";
    private static final Pattern DMTF = Pattern.compile("[0-9*]{14}\\.[0-9*]{6}[+\\-:][0-9*]{3}");
    private static final Pattern ISO_DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** One factory: the read limits of Jackson (string length, nesting) bound what one document may allocate. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(64 * 1024 * 1024).maxNumberLength(100).build())
            .build();
    /** Reads JSON trees with {@link #FACTORY}'s limits. */
    public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private final Schema schema;
    private final Map<String, WmiClass> inferred = new ConcurrentHashMap<>();

    /**
     * @param schema the class schema the values are typed by
     */
    public ODataJson(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** @return the schema values are typed by */
    public Schema schema() {
        return schema;
    }

    // ------------------------------------------------------------------------------------------------ decode

    /**
     * Decodes one entity.
     *
     * @param node the JSON object
     * @param fallbackClass the class when the object names none ({@code __CLASS}, {@code @odata.type}), or null
     * @return the instance
     * @throws MappingException when a value does not fit its property's type
     */
    public WmiObject decode(JsonNode node, String fallbackClass) {
        if (!(node instanceof ObjectNode)) {
            throw new MappingException("an OData entity is a JSON object, not " + node.getNodeType());
        }
        String className = className(node).orElse(fallbackClass);
        if (className == null || className.isEmpty()) {
            throw new MappingException("an OData entity without __CLASS or @odata.type, and no class to assume");
        }
        return decode(node, classFor(className, node));
    }

    /**
     * Decodes one entity as an instance of a given class (method out-parameters: {@code __PARAMETERS}); properties
     * the class does not declare are added, typed from their JSON.
     *
     * @param node the JSON object
     * @param declared the class
     * @return the instance
     * @throws MappingException when a value does not fit its property's type
     */
    public WmiObject decodeAs(JsonNode node, WmiClass declared) {
        if (!(node instanceof ObjectNode)) {
            throw new MappingException("an OData entity is a JSON object, not " + node.getNodeType());
        }
        WmiClass.Builder extra = null;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.startsWith("@") && !n.startsWith("__") && !n.contains("@") && declared.property(n).isEmpty()) {
                if (extra == null) {
                    extra = declared.toBuilder();
                }
                extra.property(PropertyDefinition.of(n, inferType(node.get(n))));
            }
        }
        return decode(node, extra == null ? declared : extra.build());
    }

    private WmiObject decode(JsonNode node, WmiClass wmiClass) {
        String className = wmiClass.name();
        WmiObject.Builder b = WmiObject.builder(wmiClass);
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String name = f.getKey();
            if (name.startsWith("@") || name.startsWith("__") || name.contains("@")) {
                continue;
            }
            PropertyDefinition def = wmiClass.property(name).orElse(null);
            if (def == null) {
                continue;
            }
            JsonNode v = f.getValue();
            if (v == null || v.isNull()) {
                b.setNull(def.name(), def.type());
            } else {
                b.set(def.name(), value(v, def.type(), def.referencedClass().orElse(null), className + "." + def.name()));
            }
        }
        WmiObject o = b.build();
        String server = text(node.get("__SERVER"));
        String namespace = text(node.get("__NAMESPACE"));
        if (server != null && namespace != null) {
            o = o.withDecoration(server, namespace);
        }
        return o;
    }

    /**
     * The class an entity names: {@code __CLASS}, else the type of {@code @odata.type}.
     *
     * @param node the entity
     * @return the class name, if named
     */
    public static Optional<String> className(JsonNode node) {
        String c = text(node.get("__CLASS"));
        if (c != null && !c.isEmpty()) {
            return Optional.of(c);
        }
        String t = text(node.get("@odata.type"));
        if (t != null && !t.isEmpty()) {
            String s = t.startsWith("#") ? t.substring(1) : t;
            return Optional.of(s.substring(s.lastIndexOf('.') + 1));
        }
        return Optional.empty();
    }

    private WmiClass classFor(String className, JsonNode node) {
        Optional<WmiClass> known = schema.find(className);
        List<String> extra = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (!n.startsWith("@") && !n.startsWith("__") && !n.contains("@")
                    && known.flatMap(k -> k.property(n)).isEmpty()) {
                extra.add(n);
            }
        });
        if (extra.isEmpty() && known.isPresent()) {
            return known.get();
        }
        String cacheKey = className.toLowerCase(Locale.ROOT) + "|" + String.join(",", extra);
        WmiClass cached = inferred.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        WmiClass.Builder b = known.map(WmiClass::toBuilder).orElseGet(() -> WmiClass.builder(className));
        for (String n : extra) {
            b.property(PropertyDefinition.of(n, inferType(node.get(n))));
        }
        WmiClass built = b.build();
        if (inferred.size() < 10_000) {
            inferred.put(cacheKey, built);
        }
        return built;
    }

    /** The CIM type a JSON value suggests, for properties the schema does not declare. */
    static CimType inferType(JsonNode v) {
        if (v != null && v.isTextual() && ISO_DATETIME.matcher(v.textValue()).matches()) {
            // an Edm.DateTimeOffset as the service writes them ("2024-08-30T20:55:06Z")
            return CimType.DATETIME;
        }
        if (v == null || v.isNull() || v.isTextual()) {
            return CimType.STRING;
        }
        if (v.isBoolean()) {
            return CimType.BOOLEAN;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? CimType.SINT64 : CimType.UINT64;
        }
        if (v.isNumber()) {
            return CimType.REAL64;
        }
        if (v.isObject()) {
            return CimType.OBJECT;
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isNull()) {
                    return inferType(e).arrayType();
                }
            }
            return CimType.STRING_ARRAY;
        }
        return CimType.STRING;
    }

    private Object value(JsonNode v, CimType type, String refClass, String where) {
        if (type.isArray()) {
            if (!v.isArray()) {
                throw new MappingException(where + ": a " + type + " is a JSON array, not " + v.getNodeType());
            }
            List<Object> out = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                if (e.isNull()) {
                    throw new MappingException(where + ": a CIM array holds no null");
                }
                out.add(value(e, type.elementType(), refClass, where));
            }
            return CimValue.of(type, out);
        }
        try {
            switch (type) {
                case BOOLEAN:
                    if (v.isBoolean()) {
                        return v.booleanValue();
                    }
                    if (v.isTextual() && ("true".equalsIgnoreCase(v.textValue()) || "false".equalsIgnoreCase(v.textValue()))) {
                        return Boolean.parseBoolean(v.textValue());
                    }
                    if (v.isIntegralNumber()) {
                        return v.longValue() != 0;
                    }
                    break;
                case SINT8: case UINT8: case SINT16: case UINT16: case SINT32: case UINT32: case SINT64: case UINT64:
                    if (v.isIntegralNumber()) {
                        return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
                    }
                    if (v.isTextual()) {
                        return new BigInteger(v.textValue().trim());
                    }
                    break;
                case REAL32: case REAL64:
                    if (v.isNumber()) {
                        return v.doubleValue();
                    }
                    if (v.isTextual()) {
                        return Double.parseDouble(v.textValue());
                    }
                    break;
                case STRING:
                    if (v.isTextual()) {
                        return v.textValue();
                    }
                    if (v.isValueNode()) {
                        return v.asText();
                    }
                    break;
                case CHAR16:
                    if (v.isTextual()) {
                        return v.textValue();
                    }
                    if (v.isIntegralNumber()) {
                        return (char) v.intValue();
                    }
                    break;
                case DATETIME:
                    if (v.isTextual()) {
                        return parseDateTime(v.textValue());
                    }
                    break;
                case REFERENCE:
                    if (v.isTextual()) {
                        return ObjectPath.parse(v.textValue());
                    }
                    break;
                case OBJECT:
                    if (v.isObject()) {
                        return decode(v, refClass);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new MappingException(where + ": '" + abbreviate(v.asText()) + "' is not a " + type, e);
        }
        throw new MappingException(where + ": a JSON " + v.getNodeType() + " is not a " + type);
    }

    /**
     * A datetime of the wire: ISO-8601 with an offset ({@code 2024-08-30T20:55:06Z}, as the service writes them),
     * or the 25-character DMTF text for intervals and wildcards.
     *
     * @param text the text
     * @return the CIM datetime
     */
    public static CimDateTime parseDateTime(String text) {
        if (text.length() == CimDateTime.LENGTH && DMTF.matcher(text).matches()) {
            return CimDateTime.parse(text);
        }
        return CimDateTime.of(OffsetDateTime.parse(text));
    }

    /**
     * A datetime for the wire: ISO-8601 in UTC when complete, else its DMTF text.
     *
     * @param d the datetime
     * @return the text
     */
    public static String formatDateTime(CimDateTime d) {
        if (!d.isInterval() && d.isComplete()) {
            OffsetDateTime t = d.toInstant().atOffset(ZoneOffset.UTC);
            return t.getNano() == 0 ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)
                    : DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").format(t);
        }
        return d.toString();
    }

    // ------------------------------------------------------------------------------------------------ encode

    /**
     * Writes an instance as a JSON object: the properties that are set (NULL as {@code null}); with
     * {@code system}, also {@code __CLASS}, {@code __GENUS}, {@code __RELPATH} and the other system properties
     * a real response carries, and {@code __LAZYPROPERTIES}.
     *
     * @param o the instance
     * @param g where to write
     * @param system whether to write the system properties (responses) or not (request bodies)
     * @param lazyNulled the lazy properties left out of a query result (written as {@code null}), or empty
     * @param server the server name for {@code __SERVER}/{@code __PATH}, or null
     * @param namespace the namespace for {@code __NAMESPACE}/{@code __PATH}, or null
     * @throws IOException when writing fails
     */
    public void encode(WmiObject o, JsonGenerator g, boolean system, List<String> lazyNulled, String server,
                       String namespace) throws IOException {
        g.writeStartObject();
        WmiClass c = o.wmiClass();
        if (system) {
            ObjectPath path = safePath(o);
            if (path != null) {
                g.writeStringField("@odata.etag", etag(path));
            }
            g.writeArrayFieldStart("__LAZYPROPERTIES");
            for (PropertyDefinition p : c.lazyProperties()) {
                g.writeString(p.name());
            }
            g.writeEndArray();
        }
        for (String name : o.propertyNames()) {
            if (!system && o.isDefault(name)) {
                continue;
            }
            PropertyDefinition def = c.property(name).orElse(null);
            boolean nulled = lazyNulled.stream().anyMatch(l -> l.equalsIgnoreCase(name));
            Optional<CimValue> v = nulled ? Optional.empty() : o.get(name);
            if (v.isEmpty()) {
                if (system || !o.isDefault(name)) {
                    g.writeNullField(def == null ? name : def.name());
                }
                continue;
            }
            g.writeFieldName(def == null ? name : def.name());
            writeValue(v.get(), g);
        }
        if (system) {
            g.writeNumberField("__GENUS", 2);
            g.writeStringField("__CLASS", c.name());
            if (c.superclassName().isPresent()) {
                g.writeStringField("__SUPERCLASS", c.superclassName().get());
                List<String> derivation = c.derivation();
                g.writeStringField("__DYNASTY", derivation.isEmpty() ? c.superclassName().get() : derivation.get(derivation.size() - 1));
            }
            ObjectPath path = safePath(o);
            if (path != null) {
                g.writeStringField("__RELPATH", path.relative().toString());
            }
            g.writeNumberField("__PROPERTY_COUNT", c.properties().size());
            g.writeArrayFieldStart("__DERIVATION");
            for (String d : c.derivation()) {
                g.writeString(d);
            }
            g.writeEndArray();
            if (server != null && namespace != null) {
                g.writeStringField("__SERVER", server);
                g.writeStringField("__NAMESPACE", namespace);
                if (path != null) {
                    g.writeStringField("__PATH", "\\\\" + server + "\\" + namespace + ":" + path.relative());
                }
            }
        }
        g.writeEndObject();
    }

    private static ObjectPath safePath(WmiObject o) {
        try {
            return o.wmiClass().keys().isEmpty() ? null : o.path();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code @odata.etag} the real service writes: the key values joined by {@code ;}. */
    private static String etag(ObjectPath path) {
        List<String> parts = new ArrayList<>();
        path.keys().values().forEach(v -> parts.add(String.valueOf(v)));
        return String.join(";", parts);
    }

    /**
     * Writes one CIM value (not NULL).
     *
     * @param v the value
     * @param g where to write
     * @throws IOException when writing fails
     */
    public void writeValue(CimValue v, JsonGenerator g) throws IOException {
        if (v.isArray()) {
            g.writeStartArray();
            CimType et = v.type().elementType();
            for (Object e : v.asList()) {
                writeScalar(CimValue.of(et, e), g);
            }
            g.writeEndArray();
        } else {
            writeScalar(v, g);
        }
    }

    private void writeScalar(CimValue v, JsonGenerator g) throws IOException {
        switch (v.type()) {
            case BOOLEAN -> g.writeBoolean(v.asBoolean());
            case SINT8, UINT8, SINT16, UINT16, SINT32, UINT32, SINT64 -> g.writeNumber(v.asLong());
            case UINT64 -> {
                BigInteger b = v.asBigInteger();
                if (b.bitLength() < 63) {
                    g.writeNumber(b.longValue());
                } else {
                    g.writeNumber(b);
                }
            }
            case REAL32, REAL64 -> g.writeNumber(v.asDouble());
            case DATETIME -> g.writeString(formatDateTime(v.asDateTime()));
            case REFERENCE -> g.writeString(v.asObjectPath().toString());
            case OBJECT -> {
                WmiObject o = v.asObject();
                g.writeStartObject();
                g.writeStringField("@odata.type", "#" + TYPE_NAMESPACE + "." + o.className());
                for (String name : o.propertyNames()) {
                    if (o.isDefault(name)) {
                        continue;
                    }
                    Optional<CimValue> pv = o.get(name);
                    if (pv.isEmpty()) {
                        g.writeNullField(name);
                    } else {
                        g.writeFieldName(name);
                        writeValue(pv.get(), g);
                    }
                }
                g.writeEndObject();
            }
            default -> g.writeString(v.asString());
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** @return 2<sup>64</sup>-1 */
    static BigInteger uint64Max() {
        return UINT64_MAX;
    }
}
