package io.github.cm4j.cli;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.schema.Schema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cm4j schema list|show CLASS}: the built-in ConfigMgr schema. */
@Command(name = "schema", description = "Show cm4j's built-in ConfigMgr class schema.",
        subcommands = {SchemaCommand.ListClasses.class, SchemaCommand.Show.class})
final class SchemaCommand {

    /** {@code cm4j schema list}. */
    @Command(name = "list", description = "List the classes of the schema.")
    static final class ListClasses implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (WmiClass c : Schema.builtIn().classes()) {
                if (json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", c.name());
                    row.put("superclass", c.superclassName().orElse(null));
                    row.put("properties", c.properties().size());
                    row.put("methods", c.methods().size());
                    out.println(Json.write(row));
                } else {
                    out.printf("%-36s %-32s %3d properties %2d methods%n", c.name(),
                            c.superclassName().map(s -> ": " + s).orElse(""), c.properties().size(), c.methods().size());
                }
            }
            return 0;
        }
    }

    /** {@code cm4j schema show CLASS}. */
    @Command(name = "show", description = "Show a class as MOF (with its inherited properties listed first), or as JSON.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CLASS", description = "Class name, e.g. SMS_SoftwareUpdate.")
        String className;

        @Option(names = "--json", description = "Print the class as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            WmiClass c = Schema.builtIn().classNamed(className);
            if (json) {
                out.println(Json.write(toJson(c)));
                return 0;
            }
            List<PropertyDefinition> inherited = c.properties().stream()
                    .filter(p -> p.originClass() != null && !p.originClass().equalsIgnoreCase(c.name())).toList();
            if (!inherited.isEmpty()) {
                out.println("// inherited:");
                for (PropertyDefinition p : inherited) {
                    out.println("//   " + p.cimTypeName() + (p.type().isArray() ? "[]" : "") + " " + p.name()
                            + "  (from " + p.originClass() + ")" + (p.qualifiers().isEmpty() ? ""
                            : "  " + io.github.cm4j.cim.mof.MofPrinter.qualifierList(p.qualifiers())));
                }
            }
            out.print(c.toMof());
            return 0;
        }
    }

    static Map<String, Object> toJson(WmiClass c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("superclass", c.superclassName().orElse(null));
        m.put("derivation", c.derivation());
        m.put("qualifiers", qualifiers(c.qualifiers()));
        List<Object> props = new ArrayList<>();
        for (PropertyDefinition p : c.properties()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("type", p.cimTypeName() + (p.type().isArray() ? "[]" : ""));
            pm.put("cimTypeCode", p.type().code());
            pm.put("key", p.isKey());
            pm.put("lazy", p.isLazy());
            pm.put("origin", p.originClass());
            pm.put("default", p.defaultValue() == null ? null : p.defaultValue().toMof());
            pm.put("qualifiers", qualifiers(p.qualifiers()));
            props.add(pm);
        }
        m.put("properties", props);
        List<Object> methods = new ArrayList<>();
        for (MethodDefinition md : c.methods()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("name", md.name());
            mm.put("returnType", md.returnType() == null ? "void" : md.returnType().toString());
            mm.put("static", md.isStatic());
            mm.put("qualifiers", qualifiers(md.qualifiers()));
            List<Object> params = new ArrayList<>();
            for (ParameterDefinition p : md.parameters()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("type", p.type().toString());
                pm.put("in", p.isIn());
                pm.put("out", p.isOut());
                pm.put("qualifiers", qualifiers(p.qualifiers()));
                params.add(pm);
            }
            mm.put("parameters", params);
            methods.add(mm);
        }
        m.put("methods", methods);
        return m;
    }

    private static Map<String, Object> qualifiers(List<Qualifier> qualifiers) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Qualifier q : qualifiers) {
            m.put(q.name(), jsonValue(q.value()));
        }
        return m;
    }

    private static Object jsonValue(CimValue v) {
        if (v.type().isInteger() && !v.isArray()) {
            return v.asBigInteger();
        }
        if (v.isArray()) {
            return v.asList().stream().map(e -> e instanceof Number || e instanceof Boolean ? e : e.toString()).toList();
        }
        Object raw = v.value();
        return raw instanceof Number || raw instanceof Boolean ? raw : raw.toString();
    }
}
