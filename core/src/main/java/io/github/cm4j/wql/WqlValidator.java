package io.github.cm4j.wql;

import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.schema.Schema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The optional semantic check of a parsed query against a schema: unknown classes, unknown or ambiguous
 * properties, and literals whose type cannot match the property they are compared with. Parsing never
 * needs a schema; this is a separate step for tools and tests ({@code Wql.parse(text)} first).
 *
 * <pre>{@code
 * List<WqlValidator.Problem> problems = WqlValidator.validate(Wql.parse(text), Schema.builtIn());
 * }</pre>
 *
 * WMI coerces some literals (a numeric string for a number, {@code 1}/{@code 0} for a boolean); those are
 * accepted. Stateless and thread-safe.
 */
public final class WqlValidator {

    /**
     * One problem found.
     *
     * @param kind what is wrong
     * @param message a sentence naming the class, property and types involved
     */
    public record Problem(Kind kind, String message) {
        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }

    /** The kinds of problems. */
    public enum Kind {
        /** The schema has no such class. */
        UNKNOWN_CLASS,
        /** No class of the query has such a property, or the qualifier names no class of the query. */
        UNKNOWN_PROPERTY,
        /** An unqualified property exists in several joined classes. */
        AMBIGUOUS_PROPERTY,
        /** A literal or operation cannot apply to the property's CIM type. */
        TYPE_MISMATCH
    }

    private WqlValidator() {
    }

    /**
     * {@return the problems, in query order; empty when the query fits the schema}
     *
     * @param query a parsed query
     * @param schema the schema to check against
     */
    public static List<Problem> validate(SelectQuery query, Schema schema) {
        List<Problem> problems = new ArrayList<>();
        new Check(query, schema, problems).run();
        return problems;
    }

    private static final class Check {
        private final SelectQuery query;
        private final Schema schema;
        private final List<Problem> problems;

        Check(SelectQuery query, Schema schema, List<Problem> problems) {
            this.query = query;
            this.schema = schema;
            this.problems = problems;
        }

        void run() {
            for (ClassRef c : query.classes()) {
                if (schema.find(c.className()).isEmpty()) {
                    problems.add(new Problem(Kind.UNKNOWN_CLASS, "the schema has no class " + c.className()));
                }
            }
            for (SelectItem item : query.items()) {
                if (item instanceof PropertyRef p) {
                    property(p);
                }
            }
            query.joins().forEach(j -> expression(j.on()));
            query.where().ifPresent(this::expression);
            query.orderBy().forEach(o -> property(o.property()));
        }

        private void expression(Expression e) {
            if (e instanceof And a) {
                a.operands().forEach(this::expression);
            } else if (e instanceof Or o) {
                o.operands().forEach(this::expression);
            } else if (e instanceof Not n) {
                expression(n.operand());
            } else if (e instanceof Comparison c) {
                Optional<PropertyDefinition> left = operand(c.left());
                Optional<PropertyDefinition> right = operand(c.right());
                if (c.right() instanceof Literal l) {
                    left.ifPresent(p -> literal(p, l));
                }
                if (c.left() instanceof Literal l) {
                    right.ifPresent(p -> literal(p, l));
                }
            } else if (e instanceof Like l) {
                operand(l.operand()).ifPresent(p -> {
                    CimType t = p.type().elementType();
                    if (t != CimType.STRING && t != CimType.DATETIME && t != CimType.REFERENCE) {
                        mismatch(p, "LIKE applies to strings, not " + p.type());
                    }
                });
            } else if (e instanceof IsNull n) {
                operand(n.operand());
            } else if (e instanceof Isa i) {
                operand(i.operand());
                if (schema.find(i.className()).isEmpty()) {
                    problems.add(new Problem(Kind.UNKNOWN_CLASS, "ISA names " + i.className() + ", which the schema does not have"));
                }
            } else if (e instanceof InList in) {
                operand(in.operand()).ifPresent(p -> in.values().forEach(v -> literal(p, v)));
            } else if (e instanceof InSubquery sub) {
                operand(sub.operand());
                new Check(sub.subquery(), schema, problems).run();
            }
        }

        private Optional<PropertyDefinition> operand(Operand o) {
            return o instanceof PropertyRef p ? property(p) : Optional.empty();
        }

        private Optional<PropertyDefinition> property(PropertyRef ref) {
            if (ref.qualifier().isPresent()) {
                Optional<ClassRef> owner = query.resolve(ref.qualifier().get());
                if (owner.isEmpty()) {
                    problems.add(new Problem(Kind.UNKNOWN_PROPERTY, ref.qualifier().get() + "." + ref.name()
                            + ": no class of the query is named or aliased " + ref.qualifier().get()));
                    return Optional.empty();
                }
                return propertyOf(owner.get().className(), ref.name());
            }
            List<PropertyDefinition> found = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            boolean anyUnknownClass = false;
            for (ClassRef c : query.classes()) {
                Optional<WmiClass> wmiClass = schema.find(c.className());
                if (wmiClass.isEmpty()) {
                    anyUnknownClass = true;
                    continue;
                }
                wmiClass.get().property(ref.name()).ifPresent(p -> {
                    found.add(p);
                    owners.add(c.className());
                });
            }
            if (found.size() > 1) {
                problems.add(new Problem(Kind.AMBIGUOUS_PROPERTY, "property " + ref.name() + " exists in "
                        + String.join(" and ", owners) + "; qualify it with the class alias"));
                return Optional.empty();
            }
            if (found.isEmpty()) {
                if (!anyUnknownClass) {
                    problems.add(new Problem(Kind.UNKNOWN_PROPERTY, "no class of the query has a property " + ref.name()));
                }
                return Optional.empty();
            }
            return Optional.of(found.get(0));
        }

        private Optional<PropertyDefinition> propertyOf(String className, String propertyName) {
            Optional<WmiClass> c = schema.find(className);
            if (c.isEmpty()) {
                return Optional.empty(); // already reported as an unknown class
            }
            Optional<PropertyDefinition> p = c.get().property(propertyName);
            if (p.isEmpty()) {
                problems.add(new Problem(Kind.UNKNOWN_PROPERTY, "class " + c.get().name() + " has no property " + propertyName));
            }
            return p;
        }

        private void literal(PropertyDefinition p, Literal literal) {
            Object v = literal.value();
            if (v == null) {
                return;
            }
            CimType t = p.type().elementType();
            boolean ok;
            if (t.isInteger() || t == CimType.REAL32 || t == CimType.REAL64) {
                ok = v instanceof Long || v instanceof BigInteger || v instanceof Double
                        || (v instanceof String s && isNumber(s)) || v instanceof Boolean;
            } else if (t == CimType.BOOLEAN) {
                ok = v instanceof Boolean || (v instanceof Long l && (l == 0 || l == 1))
                        || (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")));
            } else if (t == CimType.STRING || t == CimType.REFERENCE || t == CimType.CHAR16) {
                ok = v instanceof String;
            } else if (t == CimType.DATETIME) {
                ok = v instanceof String;
            } else {
                ok = false;
            }
            if (!ok) {
                mismatch(p, "compared with " + WqlPrinter.literal(literal) + ", which cannot be a " + p.type());
            }
        }

        private static boolean isNumber(String s) {
            return s.strip().matches("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
        }

        private void mismatch(PropertyDefinition p, String what) {
            problems.add(new Problem(Kind.TYPE_MISMATCH, p.originClass() + "." + p.name() + " (" + p.type() + ") " + what));
        }
    }
}
