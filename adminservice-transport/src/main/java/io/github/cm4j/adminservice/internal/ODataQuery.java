package io.github.cm4j.adminservice.internal;

import io.github.cm4j.ParseException;
import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.schema.Schema;
import io.github.cm4j.wql.And;
import io.github.cm4j.wql.Comparison;
import io.github.cm4j.wql.ComparisonOperator;
import io.github.cm4j.wql.CountAll;
import io.github.cm4j.wql.Expression;
import io.github.cm4j.wql.InList;
import io.github.cm4j.wql.InSubquery;
import io.github.cm4j.wql.IsNull;
import io.github.cm4j.wql.Isa;
import io.github.cm4j.wql.Like;
import io.github.cm4j.wql.Literal;
import io.github.cm4j.wql.Not;
import io.github.cm4j.wql.Operand;
import io.github.cm4j.wql.Or;
import io.github.cm4j.wql.OrderItem;
import io.github.cm4j.wql.PropertyRef;
import io.github.cm4j.wql.SelectItem;
import io.github.cm4j.wql.SelectQuery;
import io.github.cm4j.wql.SortDirection;
import io.github.cm4j.wql.Wildcard;
import io.github.cm4j.wql.WqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A WQL query as an administration service request: {@code wmi/<Class>?$select=...&$filter=...&$orderby=...}
 * (usage.md: {@code $filter=startswith(Name,'All') eq true}; OData URL Conventions 4.01 sections 5.1.1, 5.1.3,
 * 5.1.4). What OData cannot say is refused before any call, naming the construct: joins, sub-selects,
 * {@code ISA}, {@code DISTINCT}, {@code COUNT(*)}, and {@code LIKE} patterns other than {@code 'x%'},
 * {@code '%x'}, {@code '%x%'} and plain text. With client-side filtering allowed, a {@code WHERE} that OData
 * cannot say is evaluated on our side instead (the whole class is read, streamed), joins and sub-selects still
 * refused.
 *
 * @param className the class of {@code FROM}
 * @param select the properties of {@code $select}, empty for all
 * @param filter the {@code $filter} text, if any
 * @param orderBy the {@code $orderby} text, if any
 * @param clientFilter the condition to evaluate on our side, if any
 */
public record ODataQuery(String className, List<String> select, Optional<String> filter, Optional<String> orderBy,
                         Optional<Expression> clientFilter) {

    /**
     * Translates WQL.
     *
     * @param wql the query
     * @param schema the class schema (types of the compared properties: datetimes, booleans)
     * @param allowClientFilter whether a {@code WHERE} OData cannot say may be evaluated on our side
     * @return the request parts
     * @throws ParseException when the WQL is malformed
     * @throws UnsupportedQueryException when OData cannot say it (and client-side filtering does not apply)
     */
    public static ODataQuery translate(String wql, Schema schema, boolean allowClientFilter) {
        SelectQuery q = WqlParser.parse(wql);
        if (!q.joins().isEmpty()) {
            throw new UnsupportedQueryException("a JOIN", wql);
        }
        if (q.distinct()) {
            throw new UnsupportedQueryException("SELECT DISTINCT", wql);
        }
        String className = q.from().className();
        Optional<WmiClass> c = schema.find(className);
        List<String> select = new ArrayList<>();
        for (SelectItem item : q.items()) {
            if (item instanceof CountAll) {
                throw new UnsupportedQueryException("COUNT(*)", wql);
            } else if (item instanceof Wildcard) {
                select.clear();
                break;
            } else if (item instanceof PropertyRef p) {
                select.add(p.name());
            }
        }
        Optional<String> filter = Optional.empty();
        Optional<Expression> client = Optional.empty();
        if (q.where().isPresent()) {
            Expression where = q.where().get();
            checkNoSubquery(where, wql);
            try {
                filter = Optional.of(new Printer(c, wql).print(where));
            } catch (UnsupportedQueryException e) {
                if (!allowClientFilter) {
                    throw e;
                }
                client = Optional.of(where);
                select = List.of();
            }
        }
        Optional<String> orderBy = Optional.empty();
        if (!q.orderBy().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (OrderItem o : q.orderBy()) {
                parts.add(o.property().name() + (o.direction() == SortDirection.DESC ? " desc" : ""));
            }
            orderBy = Optional.of(String.join(",", parts));
        }
        return new ODataQuery(className, List.copyOf(select), filter, orderBy, client);
    }

    private static void checkNoSubquery(Expression e, String wql) {
        if (e instanceof InSubquery) {
            throw new UnsupportedQueryException("a sub-select (IN (SELECT ...))", wql);
        } else if (e instanceof And a) {
            a.operands().forEach(o -> checkNoSubquery(o, wql));
        } else if (e instanceof Or o) {
            o.operands().forEach(x -> checkNoSubquery(x, wql));
        } else if (e instanceof Not n) {
            checkNoSubquery(n.operand(), wql);
        }
    }

    /** Prints a WQL condition as an OData {@code $filter}. */
    private record Printer(Optional<WmiClass> c, String wql) {
        String print(Expression e) {
            if (e instanceof And a) {
                return join(a.operands(), " and ");
            } else if (e instanceof Or o) {
                return join(o.operands(), " or ");
            } else if (e instanceof Not n) {
                return "not (" + print(n.operand()) + ")";
            } else if (e instanceof IsNull n) {
                return operand(n.operand(), Optional.empty()) + (n.negated() ? " ne null" : " eq null");
            } else if (e instanceof Comparison cmp) {
                Operand l = cmp.left();
                Operand r = cmp.right();
                ComparisonOperator op = cmp.operator();
                if (l instanceof Literal && r instanceof PropertyRef) {
                    Operand t = l;
                    l = r;
                    r = t;
                    op = op.mirrored();
                }
                Optional<PropertyDefinition> type = l instanceof PropertyRef p ? property(p) : Optional.empty();
                return operand(l, type) + " " + op(op) + " " + operand(r, type);
            } else if (e instanceof InList in) {
                Optional<PropertyDefinition> type = in.operand() instanceof PropertyRef p ? property(p) : Optional.empty();
                List<String> parts = new ArrayList<>();
                for (Literal v : in.values()) {
                    parts.add(operand(in.operand(), type) + " eq " + operand(v, type));
                }
                String or = parts.isEmpty() ? "false" : "(" + String.join(" or ", parts) + ")";
                return in.negated() ? "not " + or : or;
            } else if (e instanceof Like like) {
                return like(like);
            } else if (e instanceof Isa) {
                throw new UnsupportedQueryException("ISA", wql);
            }
            throw new UnsupportedQueryException(e.getClass().getSimpleName(), wql);
        }

        private String like(Like like) {
            String p = like.pattern();
            String prop = operand(like.operand(), Optional.empty());
            String fn;
            String text;
            boolean lead = p.startsWith("%");
            boolean trail = p.endsWith("%") && p.length() > (lead ? 1 : 0);
            text = p.substring(lead ? 1 : 0, trail ? p.length() - 1 : p.length());
            if (text.contains("%") || text.contains("_") || text.contains("[")) {
                throw new UnsupportedQueryException("the LIKE pattern '" + p + "' (OData has startswith, endswith and "
                        + "contains only)", wql);
            }
            if (lead && trail) {
                fn = "contains";
            } else if (lead) {
                fn = "endswith";
            } else if (trail) {
                fn = "startswith";
            } else {
                String eq = prop + " eq " + ODataUrls.literal(text);
                return like.negated() ? "not (" + eq + ")" : eq;
            }
            String call = fn + "(" + prop + "," + ODataUrls.literal(text) + ")";
            return like.negated() ? "not " + call : call;
        }

        private Optional<PropertyDefinition> property(PropertyRef p) {
            return c.flatMap(k -> k.property(p.name()));
        }

        private String join(List<Expression> parts, String op) {
            List<String> out = new ArrayList<>();
            for (Expression x : parts) {
                String s = print(x);
                out.add(x instanceof And || x instanceof Or ? "(" + s + ")" : s);
            }
            return String.join(op, out);
        }

        private String operand(Operand o, Optional<PropertyDefinition> type) {
            if (o instanceof PropertyRef p) {
                if (p.qualifier().isPresent()) {
                    throw new UnsupportedQueryException("the qualified property " + p.qualifier().get() + "." + p.name(), wql);
                }
                return p.name();
            }
            Object v = ((Literal) o).value();
            CimType t = type.map(PropertyDefinition::type).orElse(null);
            if (v == null) {
                return "null";
            }
            if (t == CimType.BOOLEAN && v instanceof Number n) {
                return n.longValue() != 0 ? "true" : "false";
            }
            if (t == CimType.DATETIME && v instanceof String s) {
                // OData writes DateTimeOffset literals unquoted (URL Conventions 4.01 section 5.1.1.6.1)
                try {
                    CimDateTime d = CimDateTime.parse(s);
                    if (!d.isInterval() && d.isComplete()) {
                        return ODataJson.formatDateTime(d);
                    }
                } catch (RuntimeException ignored) {
                    // not a DMTF datetime: compare as text
                }
            }
            return ODataUrls.literal(v);
        }

        private static String op(ComparisonOperator op) {
            return switch (op) {
                case EQ -> "eq";
                case NE -> "ne";
                case LT -> "lt";
                case LE -> "le";
                case GT -> "gt";
                case GE -> "ge";
            };
        }
    }
}
