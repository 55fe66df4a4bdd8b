package io.github.cm4j.cli;

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
import io.github.cm4j.wmi.wbem.WbemClassObjects;
import io.github.cm4j.wmi.wmio.Wmio;
import io.github.cm4j.wmi.wmio.WmioObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j wmio dump FILE [--json]}: decode an MS-WMIO encoded WMI object and show it. */
@Command(name = "wmio", description = "Work with MS-WMIO encoded WMI objects (IWbemClassObject by value).",
        subcommands = WmioCommand.Dump.class)
final class WmioCommand {
    /** The largest file {@code dump} reads. */
    static final long MAX_FILE_BYTES = 64L << 20;

    /** {@code cm4j wmio dump}. */
    @Command(name = "dump", description = {
        "Decode an EncodingUnit (signature 0x12345678) or an OBJREF_CUSTOM of an IWbemClassObject (MEOW), given as raw"
            + " bytes or as hex text, and print it as MOF (class: its superclass and the class with methods; instance:"
            + " its class and the instance).",
        "Exit 1 with offset and structure when the bytes are malformed."})
    static final class Dump implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The encoded object: raw bytes, or hex digits (whitespace allowed).")
        Path file;

        @Option(names = "--json", description = "Print one JSON object: kind, className, superclass, properties, methods.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("cm4j: " + file + ": no such file");
                return Cm4j.EXIT_FAILED;
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                err.println("cm4j: " + file + ": larger than " + MAX_FILE_BYTES + " bytes");
                return Cm4j.EXIT_FAILED;
            }
            byte[] bytes = bytesOrHex(Files.readAllBytes(file));
            WmioObject o = decode(bytes);
            if (json) {
                out.println(Json.write(toJson(o)));
            } else {
                o.server().ifPresent(s -> out.println("// server: " + s));
                o.namespace().ifPresent(s -> out.println("// namespace: " + s));
                if (o.paddingBytes() > 0) {
                    out.println("// padding: " + o.paddingBytes() + " bytes skipped");
                }
                out.print(o.toMof());
            }
            return 0;
        }
    }

    /** @return the bytes themselves, or the bytes the hex text spells when the file is only hex digits and whitespace */
    static byte[] bytesOrHex(byte[] content) {
        StringBuilder hex = new StringBuilder(content.length);
        for (byte b : content) {
            char c = (char) (b & 0xFF);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                return content;
            }
            hex.append(c);
        }
        if (hex.length() == 0 || hex.length() % 2 != 0) {
            return content;
        }
        return HexFormat.of().parseHex(hex);
    }

    static WmioObject decode(byte[] bytes) {
        if (bytes.length >= 4 && bytes[0] == 'M' && bytes[1] == 'E' && bytes[2] == 'O' && bytes[3] == 'W') {
            return WbemClassObjects.unmarshal(bytes);
        }
        return Wmio.decode(bytes);
    }

    static Map<String, Object> toJson(WmioObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        WmiClass c = o.wmiClass();
        m.put("kind", o.isClass() ? "class" : "instance");
        m.put("className", c.name());
        m.put("superclass", c.superclassName().orElse(null));
        m.put("derivation", c.derivation());
        m.put("server", o.server().orElse(null));
        m.put("namespace", o.namespace().orElse(null));
        m.put("qualifiers", qualifiers(c.qualifiers()));
        m.put("properties", properties(c, o.asInstance().orElse(null)));
        List<Object> methods = new ArrayList<>();
        for (MethodDefinition md : c.methods()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("name", md.name());
            mm.put("returnType", md.returnType() == null ? "void" : md.returnType().toString());
            mm.put("qualifiers", qualifiers(md.qualifiers()));
            List<Object> params = new ArrayList<>();
            for (ParameterDefinition p : md.parameters()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("type", p.cimTypeName() + (p.type().isArray() ? "[]" : ""));
                pm.put("in", p.isIn());
                pm.put("out", p.isOut());
                pm.put("qualifiers", qualifiers(p.qualifiers()));
                params.add(pm);
            }
            mm.put("parameters", params);
            methods.add(mm);
        }
        m.put("methods", methods);
        m.put("paddingBytes", o.paddingBytes());
        return m;
    }

    /** Properties with their value (an instance's value, or a class's default), origin and qualifiers. */
    private static List<Object> properties(WmiClass c, WmiObject instance) {
        List<Object> props = new ArrayList<>();
        for (int i = 0; i < c.properties().size(); i++) {
            PropertyDefinition p = c.properties().get(i);
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("type", p.cimTypeName() + (p.type().isArray() ? "[]" : ""));
            CimValue v = instance == null ? p.defaultValue() : instance.valueAt(i);
            pm.put("value", v == null ? null : value(v));
            if (instance != null) {
                pm.put("default", instance.isDefaultAt(i));
            }
            pm.put("origin", p.originClass());
            pm.put("qualifiers", qualifiers(p.qualifiers()));
            props.add(pm);
        }
        return props;
    }

    private static List<Object> qualifiers(List<Qualifier> qualifiers) {
        List<Object> out = new ArrayList<>();
        for (Qualifier q : qualifiers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", q.name());
            m.put("value", value(q.value()));
            if (!q.flavors().isEmpty()) {
                m.put("flavors", q.flavors().stream().map(QualifierFlavor::mofName).toList());
            }
            out.add(m);
        }
        return out;
    }

    private static Object value(CimValue v) {
        return Json.cimValue(v, o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("className", o.className());
            m.put("properties", properties(o.wmiClass(), o));
            return m;
        });
    }

    private WmioCommand() {
    }
}
