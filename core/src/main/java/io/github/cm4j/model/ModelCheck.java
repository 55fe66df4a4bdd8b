package io.github.cm4j.model;

import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.internal.ModelBinder;
import io.github.cm4j.internal.ModelBinder.BoundProperty;
import io.github.cm4j.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the typed models with a schema (architecture rule 2: one schema source, checked against every
 * model). For every model: its WMI class exists; each bound property exists in the class with a CIM type
 * the model's Java type takes, and agrees on key and lazy; every property of the class is bound by the
 * model (no silent gaps).
 *
 * <pre>{@code
 * ModelCheck.Report r = ModelCheck.run(Schema.builtIn());
 * r.isClean();        // true when nothing disagrees
 * r.mismatches();     // the rows that disagree, each with its problems
 * }</pre>
 *
 * <p>Static methods only; thread-safe. A {@link Report} is immutable.
 */
public final class ModelCheck {
    private ModelCheck() {
    }

    /**
     * One property of one model: how the model binds it and how the schema declares it.
     *
     * @param model the model type's simple name, e.g. {@code SoftwareUpdate}
     * @param wmiClass the WMI class the model binds
     * @param property the WMI property name ({@code *} for a problem of the whole class)
     * @param accessor the model accessor, or null when the model does not bind the property
     * @param javaType the model's Java type, or null
     * @param cimType the schema's CIM type (e.g. {@code object:SMS_CI_LocalizedEulas[]}), or null when the
     *                schema lacks the property
     * @param schemaKey whether the schema marks it {@code key}
     * @param schemaLazy whether the schema marks it {@code lazy}
     * @param modelKey whether the model marks it as a key
     * @param modelLazy whether the model holds it as {@link Lazy}
     * @param problems what disagrees; empty when the row is fine
     */
    public record Row(String model, String wmiClass, String property, String accessor, String javaType,
                      String cimType, boolean schemaKey, boolean schemaLazy, boolean modelKey, boolean modelLazy,
                      List<String> problems) {
        /**
         * Copies the problems.
         *
         * @param model the model's simple name
         * @param wmiClass the WMI class
         * @param property the WMI property
         * @param accessor the accessor, or null
         * @param javaType the Java type, or null
         * @param cimType the schema's CIM type, or null
         * @param schemaKey the schema's key flag
         * @param schemaLazy the schema's lazy flag
         * @param modelKey the model's key flag
         * @param modelLazy whether the model holds a Lazy
         * @param problems what disagrees
         */
        public Row {
            problems = List.copyOf(problems);
        }

        /** {@return whether anything disagrees} */
        public boolean isMismatch() {
            return !problems.isEmpty();
        }
    }

    /**
     * The outcome of a check.
     *
     * @param rows one row per property of every model and class, models in {@link Models#all()} order,
     *             properties by name
     */
    public record Report(List<Row> rows) {
        /**
         * Copies the rows.
         *
         * @param rows the rows
         */
        public Report {
            rows = List.copyOf(rows);
        }

        /** {@return the rows that disagree} */
        public List<Row> mismatches() {
            return rows.stream().filter(Row::isMismatch).toList();
        }

        /** {@return whether every model agrees with the schema} */
        public boolean isClean() {
            return rows.stream().noneMatch(Row::isMismatch);
        }

        /**
         * {@return its rows}
         *
         * @param model a model's simple name, e.g. {@code SoftwareUpdate}
         */
        public List<Row> rowsOf(String model) {
            return rows.stream().filter(r -> r.model().equals(model)).toList();
        }
    }

    /**
     * Checks every model cm4j ships.
     *
     * @param schema the schema, normally {@link Schema#builtIn()}
     * @return the report
     */
    public static Report run(Schema schema) {
        return run(schema, Models.all());
    }

    /**
     * Checks the given models. A built-in schema ({@link Schema#builtIn()}, {@link Schema#forVersion}) is checked
     * as its version (see {@link #run(Schema, String, List)}); any other schema ignores the models' {@code absentOn}.
     *
     * @param schema the schema
     * @param models the model types
     * @return the report
     */
    public static Report run(Schema schema, List<Class<? extends WmiModel>> models) {
        // A built-in schema is checked as its version, honouring the models' absentOn declarations.
        String version = schema == Schema.builtIn() ? "current"
                : schema == Schema.forVersion(io.github.cm4j.SiteVersion.CM2007_SP2) ? "2007" : null;
        return run(schema, version, models);
    }

    /**
     * Checks every model against the built-in schema of every provider version cm4j knows
     * ({@link Schema#forVersion}: {@code 2007} and {@code current}). On a version, a class or property the
     * schema lacks is a mismatch unless the model declares it absent there ({@link WmiClassName#absentOn()},
     * {@link WmiPropertyName#absentOn()}); one declared absent but present is a mismatch too.
     *
     * @return the report of each version, keyed {@code 2007} and {@code current}, in that order
     */
    public static java.util.Map<String, Report> runAllVersions() {
        java.util.Map<String, Report> reports = new java.util.LinkedHashMap<>();
        for (String version : VERSIONS) {
            reports.put(version, run(Schema.forVersion(io.github.cm4j.SiteVersion.named(version)), version, Models.all()));
        }
        return reports;
    }

    /** The provider version names that {@link WmiPropertyName#absentOn()} and {@link #runAllVersions()} use. */
    public static final List<String> VERSIONS = List.of("2007", "current");

    /**
     * Checks the given models against the schema of one provider version, honouring the models' {@code absentOn}
     * declarations (see {@link #runAllVersions()}).
     *
     * @param schema the schema of that version
     * @param version {@code 2007} or {@code current}; null to ignore the declarations (as {@link #run(Schema, List)})
     * @param models the model types
     * @return the report
     */
    public static Report run(Schema schema, String version, List<Class<? extends WmiModel>> models) {
        List<Row> rows = new ArrayList<>();
        for (Class<? extends WmiModel> type : models) {
            ModelBinder<?> binder = ModelBinder.of(type);
            String model = binder.modelType().getSimpleName();
            String className = binder.wmiClassName();
            Optional<WmiClass> cls = schema.find(className);
            boolean classAbsentDeclared = version != null && binder.absentOn().contains(version);
            if (classAbsentDeclared) {
                rows.add(new Row(model, className, "*", null, null, null, false, false, false, false,
                        cls.isEmpty() ? List.of() : List.of("the model declares " + className + " absent on " + version
                                + " but the schema of that version has it")));
                continue;
            }
            if (cls.isEmpty()) {
                rows.add(new Row(model, className, "*", null, null, null, false, false, false, false,
                        List.of("the schema has no class " + className)));
                continue;
            }
            Set<String> bound = new HashSet<>();
            for (BoundProperty p : binder.properties()) {
                bound.add(p.wmiName().toLowerCase(Locale.ROOT));
                Optional<PropertyDefinition> def = cls.get().property(p.wmiName());
                List<String> problems = new ArrayList<>();
                boolean absentDeclared = version != null && p.absentOn().contains(version);
                if (absentDeclared) {
                    if (def.isPresent()) {
                        problems.add("the model declares " + p.wmiName() + " absent on " + version
                                + " but the schema of that version has it");
                    }
                    rows.add(new Row(model, className, p.wmiName(), p.accessorName(), p.javaType(), null, false, false,
                            p.isKey(), p.isLazy(), problems));
                    continue;
                }
                if (def.isEmpty()) {
                    problems.add("the schema class " + className + " has no property " + p.wmiName());
                    rows.add(new Row(model, className, p.wmiName(), p.accessorName(), p.javaType(), null, false, false,
                            p.isKey(), p.isLazy(), problems));
                    continue;
                }
                PropertyDefinition d = def.get();
                String cimType = d.cimTypeName() + (d.type().isArray() ? "[]" : "");
                if (!d.name().equals(p.wmiName())) {
                    problems.add("spelled " + p.wmiName() + " in the model but " + d.name() + " in the schema");
                }
                if (!p.accepts(d)) {
                    problems.add("the model's " + p.javaType() + " takes " + p.expectedCimType() + ", not " + cimType);
                }
                if (p.isKey() != d.isKey()) {
                    problems.add(d.isKey() ? "a key in the schema but not in the model" : "a key in the model but not in the schema");
                }
                if (p.isLazy() != d.isLazy()) {
                    problems.add(d.isLazy() ? "lazy in the schema but not a Lazy in the model" : "a Lazy in the model but not lazy in the schema");
                }
                rows.add(new Row(model, className, d.name(), p.accessorName(), p.javaType(), cimType, d.isKey(), d.isLazy(),
                        p.isKey(), p.isLazy(), problems));
            }
            for (PropertyDefinition d : cls.get().properties()) {
                if (!bound.contains(d.name().toLowerCase(Locale.ROOT))) {
                    rows.add(new Row(model, className, d.name(), null, null, d.cimTypeName() + (d.type().isArray() ? "[]" : ""),
                            d.isKey(), d.isLazy(), false, false,
                            List.of("not bound by the model: " + model + " has no accessor for it")));
                }
            }
        }
        return new Report(rows);
    }
}
