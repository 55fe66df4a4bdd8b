package io.github.cm4j.cli;

import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.MethodDefinition;
import io.github.cm4j.cim.ParameterDefinition;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.mof.MofParser;
import io.github.cm4j.model.ModelCheck;
import io.github.cm4j.schema.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code cm4j schema list|show CLASS|check-models}: the built-in ConfigMgr schema. */
@Command(name = "schema", description = "Show cm4j's built-in ConfigMgr class schema.",
        subcommands = {SchemaCommand.ListClasses.class, SchemaCommand.Show.class, SchemaCommand.CheckModels.class})
final class SchemaCommand {

    /** {@code --version 2007|current}: picks the built-in schema of a provider version (a bad value is a usage error). */
    static final class VersionConverter implements picocli.CommandLine.ITypeConverter<io.github.cm4j.SiteVersion> {
        @Override
        public io.github.cm4j.SiteVersion convert(String value) {
            try {
                return io.github.cm4j.SiteVersion.named(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a ConfigMgr version;"
                        + " use 2007, current or a site version such as 5.00.9122.1000");
            }
        }
    }

    static String versionName(io.github.cm4j.SiteVersion v) {
        return v.is2007() || v.major() < 4 ? "2007" : "current";
    }

    /** {@code cm4j schema check-models}: the typed models against the schema. */
    @Command(name = "check-models", description = {
        "Compare the typed models (io.github.cm4j.model) with the schema: every model property exists with a"
            + " compatible CIM type, key and lazy flags agree, every schema property of a modelled class is bound.",
        "Exit 1 on any mismatch."})
    static final class CheckModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "List every property, not only the mismatches.")
        boolean all;

        @Option(names = "--json", description = "One JSON object per property (JSON Lines).")
        boolean json;

        @Option(names = "--mof", paramLabel = "FILE", arity = "1..*",
                description = "Check against these MOF files instead of the built-in schema.")
        List<Path> mofFiles;

        @Option(names = "--version", paramLabel = "VERSION", converter = VersionConverter.class,
                description = "Check against the schema of one provider version only (2007 or current); by default"
                        + " every version is checked, honouring the models' absentOn declarations.")
        io.github.cm4j.SiteVersion version;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (mofFiles != null) {
                return print(out, null, ModelCheck.run(readSchema(mofFiles)));
            }
            Map<String, ModelCheck.Report> reports = new LinkedHashMap<>();
            if (version != null) {
                String name = versionName(version);
                reports.put(name, ModelCheck.run(Schema.forVersion(version), name, io.github.cm4j.model.Models.all()));
            } else {
                reports.putAll(ModelCheck.runAllVersions());
            }
            int exit = 0;
            for (Map.Entry<String, ModelCheck.Report> e : reports.entrySet()) {
                if (!json) {
                    out.println("== provider version " + e.getKey());
                }
                exit = Math.max(exit, print(out, e.getKey(), e.getValue()));
            }
            return exit;
        }

        private int print(PrintWriter out, String versionName, ModelCheck.Report report) {
            if (json) {
                for (ModelCheck.Row r : report.rows()) {
                    if (all || r.isMismatch()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        if (versionName != null) {
                            row.put("version", versionName);
                        }
                        row.putAll(toJson(r));
                        out.println(Json.write(row));
                    }
                }
                return report.isClean() ? 0 : Cm4j.EXIT_FAILED;
            }
            Map<String, List<ModelCheck.Row>> byModel = new LinkedHashMap<>();
            report.rows().forEach(r -> byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r));
            int properties = 0;
            for (Map.Entry<String, List<ModelCheck.Row>> e : byModel.entrySet()) {
                List<ModelCheck.Row> rows = e.getValue();
                long bad = rows.stream().filter(ModelCheck.Row::isMismatch).count();
                long bound = rows.stream().filter(r -> r.accessor() != null).count();
                properties += rows.size();
                boolean classAbsent = rows.size() == 1 && rows.get(0).property().equals("*") && !rows.get(0).isMismatch();
                out.printf("%-28s %-33s %3d properties bound  %s%n", e.getKey(), rows.get(0).wmiClass(), bound,
                        classAbsent ? "ok (no such class on this version, as the model declares)"
                                : bad == 0 ? "ok" : bad + " MISMATCH" + (bad == 1 ? "" : "ES"));
                for (ModelCheck.Row r : rows) {
                    if (all || r.isMismatch()) {
                        out.println(String.format("    %-8s %-34s %-44s %-34s%s", r.isMismatch() ? "MISMATCH" : "ok", r.property(),
                                r.accessor() == null ? "-" : r.accessor() + "(): " + r.javaType(),
                                r.cimType() == null ? "-" : r.cimType() + (r.schemaKey() ? " key" : "") + (r.schemaLazy() ? " lazy" : ""),
                                r.isMismatch() ? "  " + String.join("; ", r.problems()) : "").stripTrailing());
                    }
                }
            }
            int mismatches = report.mismatches().size();
            out.println(byModel.size() + " models, " + properties + " properties: "
                    + (mismatches == 0 ? "no mismatch" : mismatches + " mismatch" + (mismatches == 1 ? "" : "es")));
            return mismatches == 0 ? 0 : Cm4j.EXIT_FAILED;
        }

        private static Schema readSchema(List<Path> files) throws IOException {
            List<WmiClass> classes = new ArrayList<>();
            for (Path f : files) {
                classes.addAll(MofParser.parse(f).classes());
            }
            return Schema.of(classes);
        }

        private static Map<String, Object> toJson(ModelCheck.Row r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("wmiClass", r.wmiClass());
            m.put("property", r.property());
            m.put("accessor", r.accessor());
            m.put("javaType", r.javaType());
            m.put("cimType", r.cimType());
            m.put("schemaKey", r.schemaKey());
            m.put("schemaLazy", r.schemaLazy());
            m.put("modelKey", r.modelKey());
            m.put("modelLazy", r.modelLazy());
            m.put("ok", !r.isMismatch());
            m.put("problems", r.problems());
            return m;
        }
    }

    /** {@code cm4j schema list}. */
    @Command(name = "list", description = "List the classes of the schema.")
    static final class ListClasses implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Option(names = "--version", paramLabel = "VERSION", converter = VersionConverter.class,
                description = "The provider version whose classes to list: 2007 or current (default).")
        io.github.cm4j.SiteVersion version;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (WmiClass c : (version == null ? Schema.builtIn() : Schema.forVersion(version)).classes()) {
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

        @Option(names = "--version", paramLabel = "VERSION", converter = VersionConverter.class,
                description = "The provider version whose class to show: 2007 or current (default).")
        io.github.cm4j.SiteVersion version;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Schema schema = version == null ? Schema.builtIn() : Schema.forVersion(version);
            WmiClass found = schema.find(className).orElse(null);
            if (found == null) {
                String vn = version == null ? "current" : versionName(version);
                if (Schema.builtIn().find(className).isPresent() || Schema.forVersion(io.github.cm4j.SiteVersion.CM2007_SP2)
                        .find(className).isPresent()) {
                    spec.commandLine().getErr().println("cm4j schema show: " + className + " does not exist on provider"
                            + " version " + vn + "; try --version "
                            + (vn.equals("2007") ? "current" : "2007"));
                    return Cm4j.EXIT_FAILED;
                }
                found = schema.classNamed(className);
            }
            WmiClass c = found;
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
            m.put(q.name(), Json.cimValue(q.value(), Object::toString));
        }
        return m;
    }
}
