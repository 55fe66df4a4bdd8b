package io.github.cm4j.simulator;

import io.github.cm4j.ParseException;
import io.github.cm4j.WbemStatus;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.PropertyDefinition;
import io.github.cm4j.cim.Qualifier;
import io.github.cm4j.cim.WmiClass;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.wql.And;
import io.github.cm4j.wql.ClassRef;
import io.github.cm4j.wql.Comparison;
import io.github.cm4j.wql.ComparisonOperator;
import io.github.cm4j.wql.CountAll;
import io.github.cm4j.wql.Expression;
import io.github.cm4j.wql.InList;
import io.github.cm4j.wql.InSubquery;
import io.github.cm4j.wql.IsNull;
import io.github.cm4j.wql.Isa;
import io.github.cm4j.wql.Join;
import io.github.cm4j.wql.JoinType;
import io.github.cm4j.wql.Like;
import io.github.cm4j.wql.LikePattern;
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
import io.github.cm4j.wql.Wql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Evaluates the SMS Provider's extended WQL over a {@link Store}, on the AST of the core parser.
 *
 * <p>Semantics (documented in docs/simulator.md): three-valued logic as in the provider's SQL (a
 * comparison with NULL is unknown; {@code Prop = NULL} means {@code IS NULL}); strings compare
 * case-insensitively; literals are converted to the family of the property they meet ({@link Coerce});
 * an array property satisfies a predicate when one of its elements does; {@code FROM} a class includes
 * its subclasses; lazy properties are NULL in results. A simple {@code SELECT ... WHERE} streams: nothing
 * is materialised except for {@code ORDER BY}, {@code DISTINCT} (the set of rows seen), the joined side of a
 * join without an index and the values of an {@code IN} sub-select.
 */
final class QueryEngine {
    /** The class of join results and COUNT(*) results. */
    static final String GENERIC = "__GENERIC";
    private static final Map<String, Projection> PROJECTIONS = new ConcurrentHashMap<>();

    private final Store store;
    private final Ctx ctx;
    private final String server;
    private final String namespace;

    QueryEngine(Store store, Ctx ctx, String server, String namespace) {
        this.store = store;
        this.ctx = ctx;
        this.server = server;
        this.namespace = namespace;
    }

    /**
     * Parses and plans a query; the returned stream evaluates it lazily.
     *
     * @param wql the query
     * @param batchSize objects taken from the source per batch
     * @param onBatch told the size of every batch taken (the objects an enumerator's Next hands out)
     * @return the results
     * @throws SimulatedFault {@code WBEM_E_INVALID_QUERY} (syntax, unknown property, bad constant) or
     *     {@code WBEM_E_INVALID_CLASS} (unknown class), before any result is produced
     */
    Stream<WmiObject> execute(String wql, int batchSize, LongConsumer onBatch) {
        SelectQuery q;
        try {
            q = Wql.parse(wql);
        } catch (ParseException e) {
            throw new SimulatedFault(WbemStatus.WBEM_E_INVALID_QUERY, e.getMessage());
        }
        Stream<WmiObject> results = plan(q).run();
        return batched(results, batchSize, onBatch);
    }

    Plan plan(SelectQuery q) {
        return new Plan(q);
    }

    // ------------------------------------------------------------------------------------------ plan

    private record Slot(ClassRef ref, WmiClass cls) {
    }

    /** A value read from a tuple: a property of a slot, a system property, or nothing. */
    private record Val(int slot, int index, CimType type, String system, String display) {
        boolean isSystem() {
            return system != null;
        }
    }

    @FunctionalInterface
    private interface Cond {
        /** @return TRUE, FALSE or null (unknown) */
        Boolean test(Row[] tuple);
    }

    final class Plan {
        private final SelectQuery query;
        private final List<Slot> slots = new ArrayList<>();

        Plan(SelectQuery query) {
            this.query = query;
            Set<String> names = new HashSet<>();
            for (ClassRef ref : query.classes()) {
                WmiClass cls = store.classNamed(ref.className());
                if (!names.add(ref.referenceName().toLowerCase(Locale.ROOT))) {
                    throw invalid("the class or alias " + ref.referenceName() + " appears twice; give each an alias");
                }
                slots.add(new Slot(ref, cls));
            }
        }

        Stream<WmiObject> run() {
            Cond where = query.where().map(this::compile).orElse(null);
            Projector projector = projector();
            Comparator<Row[]> order = query.orderBy().isEmpty() ? null : comparator(query.orderBy());
            Stream<Row[]> tuples = tuples(where);
            if (projector == null) {
                return Stream.of(0).map(x -> countObject(tuples.count()));
            }
            Stream<Row[]> sorted = order == null ? tuples : tuples.sorted(order);
            Stream<WmiObject> out = sorted.map(projector::project);
            return query.distinct() ? out.distinct() : out;
        }

        // -------------------------------------------------------------------------------- sources

        private Stream<Row> source(Cond where) {
            WmiClass cls = slots.get(0).cls();
            if (slots.size() == 1 && query.where().isPresent()) {
                Stream<Row> indexed = indexedSource(query.where().get(), cls);
                if (indexed != null) {
                    return indexed;
                }
            }
            return store.scan(cls, ctx);
        }

        /** Uses a table index for a top-level {@code Prop = constant} conjunct, when every table has one. */
        private Stream<Row> indexedSource(Expression where, WmiClass cls) {
            List<Expression> conjuncts = where instanceof And ? ((And) where).operands() : List.of(where);
            for (Expression e : conjuncts) {
                if (!(e instanceof Comparison) || ((Comparison) e).operator() != ComparisonOperator.EQ) {
                    continue;
                }
                Comparison c = (Comparison) e;
                Operand p = c.left() instanceof PropertyRef ? c.left() : c.right();
                Operand l = c.left() instanceof PropertyRef ? c.right() : c.left();
                if (!(p instanceof PropertyRef) || !(l instanceof Literal) || ((Literal) l).isNull()) {
                    continue;
                }
                Val v = resolve((PropertyRef) p);
                if (v.isSystem() || v.type().isArray()) {
                    continue;
                }
                Object norm;
                try {
                    norm = Coerce.literal(Coerce.family(v.type()), ((Literal) l).value());
                } catch (IllegalArgumentException bad) {
                    continue; // compile() reports it
                }
                if (norm instanceof Number) {
                    norm = Coerce.memberKey(norm);
                }
                List<Stream<Row>> parts = new ArrayList<>();
                for (Table t : store.tablesFor(cls)) {
                    Stream<Row> s = t.lookup(v.index(), norm, ctx);
                    if (s == null) {
                        return null;
                    }
                    parts.add(s);
                }
                return parts.stream().flatMap(s -> s);
            }
            return null;
        }

        private Stream<Row[]> join(Stream<Row[]> left, int k, Join join, Cond on) {
            WmiClass cls = slots.get(k).cls();
            boolean outer = join.type() == JoinType.LEFT;
            Val[] equi = equiJoin(join.on(), k);
            Supplier<Map<Object, List<Row>>> hashed = null;
            Supplier<List<Row>> all = null;
            boolean indexed = false;
            if (equi != null) {
                Val mine = equi[0];
                indexed = store.tablesFor(cls).stream().allMatch(t -> t.lookup(mine.index(), 0L, ctx) != null)
                        && Coerce.family(mine.type()) == Coerce.Family.NUMBER;
                if (!indexed) {
                    hashed = memo(() -> {
                        Map<Object, List<Row>> m = new HashMap<>();
                        store.scan(cls, ctx).forEach(r -> {
                            CimValue v = r.value(mine.index());
                            if (v != null) {
                                for (Object o : Coerce.normAll(v)) {
                                    m.computeIfAbsent(Coerce.memberKey(o), x -> new ArrayList<>()).add(r);
                                }
                            }
                        });
                        return m;
                    });
                }
            } else {
                all = memo(() -> store.scan(cls, ctx).toList());
            }
            Supplier<Map<Object, List<Row>>> hashedF = hashed;
            Supplier<List<Row>> allF = all;
            boolean indexedF = indexed;
            return left.flatMap(t -> {
                Stream<Row> candidates;
                if (equi != null) {
                    CimValue other = read(equi[1], t);
                    if (other == null || other.isArray()) {
                        candidates = other == null ? Stream.empty() : store.scan(cls, ctx);
                    } else if (indexedF) {
                        Object norm = Coerce.norm(other);
                        Object asNumber = norm instanceof String ? Coerce.parseNumber((String) norm) : norm;
                        candidates = asNumber == null ? Stream.empty()
                                : store.tablesFor(cls).stream().flatMap(tb -> tb.lookup(equi[0].index(), asNumber, ctx));
                    } else {
                        candidates = hashedF.get().getOrDefault(Coerce.memberKey(Coerce.norm(other)), List.of()).stream();
                    }
                } else {
                    candidates = allF.get().stream();
                }
                List<Row[]> matched = new ArrayList<>();
                candidates.forEach(r -> {
                    Row[] ext = t.clone();
                    ext[k] = r;
                    if (Boolean.TRUE.equals(on.test(ext))) {
                        matched.add(ext);
                    }
                });
                if (matched.isEmpty() && outer) {
                    return Stream.<Row[]>of(t.clone());
                }
                return matched.stream();
            });
        }

        /** @return {value on slot k, value on an earlier slot} when ON is {@code a = b} between them */
        private Val[] equiJoin(Expression on, int k) {
            List<Expression> conjuncts = on instanceof And ? ((And) on).operands() : List.of(on);
            for (Expression e : conjuncts) {
                if (e instanceof Comparison && ((Comparison) e).operator() == ComparisonOperator.EQ
                        && ((Comparison) e).left() instanceof PropertyRef && ((Comparison) e).right() instanceof PropertyRef) {
                    Val a = resolve((PropertyRef) ((Comparison) e).left());
                    Val b = resolve((PropertyRef) ((Comparison) e).right());
                    if (a.isSystem() || b.isSystem()) {
                        continue;
                    }
                    if (a.slot() == k && b.slot() < k) {
                        return new Val[] {a, b};
                    }
                    if (b.slot() == k && a.slot() < k) {
                        return new Val[] {b, a};
                    }
                }
            }
            return null;
        }

        // ------------------------------------------------------------------------------- resolving

        Val resolve(PropertyRef p) {
            String name = p.name();
            int slot;
            if (p.qualifier().isPresent()) {
                slot = -1;
                for (int i = 0; i < slots.size(); i++) {
                    if (slots.get(i).ref().answersTo(p.qualifier().get())) {
                        slot = i;
                        break;
                    }
                }
                if (slot < 0) {
                    throw invalid("the query has no class or alias " + p.qualifier().get() + " (in " + p + ")");
                }
            } else if (name.startsWith("__")) {
                slot = 0;
            } else {
                slot = -1;
                for (int i = 0; i < slots.size(); i++) {
                    if (slots.get(i).cls().indexOf(name) >= 0) {
                        if (slot >= 0) {
                            throw invalid("property " + name + " is ambiguous: both " + slots.get(slot).ref().referenceName()
                                    + " and " + slots.get(i).ref().referenceName() + " have it; qualify it");
                        }
                        slot = i;
                    }
                }
                if (slot < 0) {
                    throw invalid(slots.size() == 1 ? "class " + slots.get(0).cls().name() + " has no property " + name
                            : "no class of the query has a property " + name);
                }
            }
            if (name.startsWith("__")) {
                String sys = name.toUpperCase(Locale.ROOT);
                CimType type = systemType(sys);
                if (type == null && !sys.equals("__THIS")) {
                    throw invalid("unknown system property " + name);
                }
                return new Val(slot, -1, type == null ? CimType.OBJECT : type, sys, p.toString());
            }
            WmiClass cls = slots.get(slot).cls();
            int idx = cls.indexOf(name);
            if (idx < 0) {
                throw invalid("class " + cls.name() + " has no property " + name);
            }
            return new Val(slot, idx, cls.properties().get(idx).type(), null, p.toString());
        }

        private CimValue read(Val v, Row[] t) {
            Row r = t[v.slot()];
            if (r == null) {
                return null;
            }
            if (!v.isSystem()) {
                return r.value(v.index());
            }
            return systemValue(v.system(), r);
        }

        // ------------------------------------------------------------------------------- compiling

        Cond compile(Expression e) {
            if (e instanceof And) {
                List<Cond> cs = ((And) e).operands().stream().map(this::compile).toList();
                return t -> {
                    boolean unknown = false;
                    for (Cond c : cs) {
                        Boolean b = c.test(t);
                        if (b == null) {
                            unknown = true;
                        } else if (!b) {
                            return Boolean.FALSE;
                        }
                    }
                    return unknown ? null : Boolean.TRUE;
                };
            }
            if (e instanceof Or) {
                List<Cond> cs = ((Or) e).operands().stream().map(this::compile).toList();
                return t -> {
                    boolean unknown = false;
                    for (Cond c : cs) {
                        Boolean b = c.test(t);
                        if (b == null) {
                            unknown = true;
                        } else if (b) {
                            return Boolean.TRUE;
                        }
                    }
                    return unknown ? null : Boolean.FALSE;
                };
            }
            if (e instanceof Not) {
                Cond c = compile(((Not) e).operand());
                return t -> {
                    Boolean b = c.test(t);
                    return b == null ? null : !b;
                };
            }
            if (e instanceof Comparison) {
                return comparison((Comparison) e);
            }
            if (e instanceof Like) {
                return like((Like) e);
            }
            if (e instanceof IsNull) {
                IsNull in = (IsNull) e;
                if (in.operand() instanceof Literal) {
                    boolean isNull = ((Literal) in.operand()).isNull();
                    return t -> isNull != in.negated();
                }
                Val v = resolve((PropertyRef) in.operand());
                return t -> (read(v, t) == null) != in.negated();
            }
            if (e instanceof Isa) {
                return isa((Isa) e);
            }
            if (e instanceof InList) {
                return inList((InList) e);
            }
            if (e instanceof InSubquery) {
                return inSubquery((InSubquery) e);
            }
            throw invalid("unsupported condition " + e);
        }

        private Cond comparison(Comparison c) {
            Operand l = c.left();
            Operand r = c.right();
            ComparisonOperator op = c.operator();
            if (l instanceof Literal && r instanceof Literal) {
                Integer cmp = Coerce.compare(((Literal) l).value(), ((Literal) r).value());
                Boolean result = cmp == null ? null : apply(op, cmp);
                return t -> result;
            }
            if (l instanceof Literal) {
                return propertyVsLiteral(resolve((PropertyRef) r), op.mirrored(), (Literal) l);
            }
            if (r instanceof Literal) {
                return propertyVsLiteral(resolve((PropertyRef) l), op, (Literal) r);
            }
            Val a = resolve((PropertyRef) l);
            Val b = resolve((PropertyRef) r);
            requireComparable(a);
            requireComparable(b);
            return t -> {
                CimValue va = read(a, t);
                CimValue vb = read(b, t);
                if (va == null || vb == null) {
                    return null;
                }
                boolean unknown = false;
                for (Object x : Coerce.normAll(va)) {
                    for (Object y : Coerce.normAll(vb)) {
                        Integer cmp = Coerce.compare(x, y);
                        if (cmp == null) {
                            unknown = true;
                        } else if (apply(op, cmp)) {
                            return Boolean.TRUE;
                        }
                    }
                }
                return unknown ? null : Boolean.FALSE;
            };
        }

        private void requireComparable(Val v) {
            if (Coerce.family(v.type()) == Coerce.Family.OBJECT) {
                throw invalid(v.display() + " is an embedded object; only IS NULL and ISA apply to it");
            }
        }

        private Cond propertyVsLiteral(Val v, ComparisonOperator op, Literal lit) {
            if (lit.isNull()) {
                if (op == ComparisonOperator.EQ || op == ComparisonOperator.NE) {
                    boolean eq = op == ComparisonOperator.EQ;
                    return t -> (read(v, t) == null) == eq;
                }
                return t -> null;
            }
            requireComparable(v);
            Object constant = literalFor(v, lit.value());
            return t -> {
                CimValue x = read(v, t);
                if (x == null) {
                    return null;
                }
                if (!x.isArray()) {
                    Integer cmp = Coerce.compare(Coerce.norm(x), constant);
                    return cmp == null ? null : apply(op, cmp);
                }
                boolean unknown = false;
                for (Object o : Coerce.normAll(x)) {
                    Integer cmp = Coerce.compare(o, constant);
                    if (cmp == null) {
                        unknown = true;
                    } else if (apply(op, cmp)) {
                        return Boolean.TRUE;
                    }
                }
                return unknown ? null : Boolean.FALSE;
            };
        }

        private Object literalFor(Val v, Object literal) {
            try {
                return Coerce.literal(Coerce.family(v.type()), literal);
            } catch (IllegalArgumentException e) {
                throw invalid(v.display() + " is " + v.type() + ": " + e.getMessage());
            }
        }

        private Cond like(Like like) {
            LikePattern pattern = like.likePattern();
            if (like.operand() instanceof Literal) {
                Object value = ((Literal) like.operand()).value();
                Boolean result = value == null ? null : pattern.matches(value.toString()) != like.negated();
                return t -> result;
            }
            Val v = resolve((PropertyRef) like.operand());
            requireComparable(v);
            return t -> {
                CimValue x = read(v, t);
                if (x == null) {
                    return null;
                }
                boolean any = false;
                for (Object o : Coerce.normAll(x)) {
                    if (pattern.matches(Coerce.text(o))) {
                        any = true;
                        break;
                    }
                }
                return any != like.negated();
            };
        }

        private Cond isa(Isa isa) {
            if (!(isa.operand() instanceof PropertyRef)) {
                throw invalid("ISA needs a property or __this on its left, not " + isa.operand());
            }
            String target = isa.className();
            Val v = resolve((PropertyRef) isa.operand());
            if (v.isSystem() && (v.system().equals("__THIS") || v.system().equals("__CLASS"))) {
                return t -> t[v.slot()] == null ? null : t[v.slot()].wmiClass().isA(target);
            }
            if (v.type().elementType() != CimType.OBJECT) {
                throw invalid("ISA applies to embedded objects and __this, not to " + v.display() + " (" + v.type() + ")");
            }
            return t -> {
                CimValue x = read(v, t);
                if (x == null) {
                    return null;
                }
                List<?> objects = x.isArray() ? x.asList() : List.of(x.value());
                for (Object o : objects) {
                    WmiObject w = (WmiObject) o;
                    boolean is = store.schema().find(w.className()).map(c -> c.isA(target))
                            .orElse(w.className().equalsIgnoreCase(target));
                    if (is) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            };
        }

        private Cond inList(InList in) {
            Val v = resolve((PropertyRef) requireProperty(in.operand(), "IN"));
            requireComparable(v);
            List<Object> constants = new ArrayList<>();
            for (Literal l : in.values()) {
                if (!l.isNull()) {
                    constants.add(literalFor(v, l.value()));
                }
            }
            return membership(v, in.negated(), x -> {
                for (Object c : constants) {
                    Integer cmp = Coerce.compare(x, c);
                    if (cmp != null && cmp == 0) {
                        return true;
                    }
                }
                return false;
            });
        }

        private Cond inSubquery(InSubquery in) {
            Val v = resolve((PropertyRef) requireProperty(in.operand(), "IN"));
            requireComparable(v);
            SelectQuery sub = in.subquery();
            if (sub.items().size() != 1 || !(sub.items().get(0) instanceof PropertyRef)) {
                throw invalid("a sub-select must select exactly one property: " + sub);
            }
            Plan subPlan = new Plan(sub);
            Val subVal = subPlan.resolve((PropertyRef) sub.items().get(0));
            Cond subWhere = sub.where().map(subPlan::compile).orElse(null);
            Coerce.Family family = Coerce.family(v.type());
            Supplier<Set<Object>> members = memo(() -> {
                Set<Object> set = new HashSet<>();
                subPlan.tuples(subWhere).forEach(t -> {
                    CimValue x = subPlan.read(subVal, t);
                    if (x != null) {
                        for (Object o : Coerce.normAll(x)) {
                            Object conv = toFamily(family, o);
                            if (conv != null) {
                                set.add(Coerce.memberKey(conv));
                            }
                        }
                    }
                });
                return set;
            });
            return membership(v, in.negated(), x -> members.get().contains(Coerce.memberKey(x)));
        }

        /** The tuples of this plan that pass a condition (for sub-selects: joins included, no projection). */
        Stream<Row[]> tuples(Cond where) {
            int n = slots.size();
            Stream<Row[]> tuples = source(where).map(r -> {
                Row[] t = new Row[n];
                t[0] = r;
                return t;
            });
            for (int k = 1; k < n; k++) {
                Join j = query.joins().get(k - 1);
                tuples = join(tuples, k, j, compile(j.on()));
            }
            return where == null ? tuples : tuples.filter(t -> Boolean.TRUE.equals(where.test(t)));
        }

        private Cond membership(Val v, boolean negated, java.util.function.Predicate<Object> contains) {
            return t -> {
                CimValue x = read(v, t);
                if (x == null) {
                    return null;
                }
                boolean any = false;
                for (Object o : Coerce.normAll(x)) {
                    if (contains.test(o)) {
                        any = true;
                        break;
                    }
                }
                return any != negated;
            };
        }

        private Operand requireProperty(Operand o, String what) {
            if (!(o instanceof PropertyRef)) {
                throw invalid(what + " needs a property on its left, not " + o);
            }
            return o;
        }

        // ------------------------------------------------------------------------------ ordering

        private Comparator<Row[]> comparator(List<OrderItem> items) {
            List<Val> vals = items.stream().map(i -> resolve(i.property())).toList();
            return (a, b) -> {
                for (int i = 0; i < vals.size(); i++) {
                    Object x = sortKey(read(vals.get(i), a));
                    Object y = sortKey(read(vals.get(i), b));
                    int c;
                    if (x == null || y == null) {
                        c = x == null ? (y == null ? 0 : -1) : 1; // NULLs first, as SQL Server sorts them
                    } else {
                        Integer cmp = Coerce.compare(x, y);
                        c = cmp == null ? 0 : cmp;
                    }
                    if (c != 0) {
                        return items.get(i).direction() == SortDirection.DESC ? -c : c;
                    }
                }
                return 0;
            };
        }

        private Object sortKey(CimValue v) {
            if (v == null) {
                return null;
            }
            List<Object> all = Coerce.normAll(v);
            return all.isEmpty() ? null : all.get(0);
        }

        // ---------------------------------------------------------------------------- projection

        /** @return the projector, or null for COUNT(*) */
        private Projector projector() {
            List<SelectItem> items = query.items();
            if (items.size() == 1 && items.get(0) instanceof CountAll) {
                return null;
            }
            // For each slot: null = not selected, empty set = all properties (wildcard), else the names.
            List<Set<String>> selection = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                selection.add(null);
            }
            for (SelectItem item : items) {
                if (item instanceof Wildcard) {
                    Wildcard w = (Wildcard) item;
                    if (w.qualifier().isEmpty()) {
                        for (int i = 0; i < slots.size(); i++) {
                            selection.set(i, ALL);
                        }
                    } else {
                        int slot = slotOf(w.qualifier().get());
                        selection.set(slot, ALL);
                    }
                } else {
                    Val v = resolve((PropertyRef) item);
                    Set<String> s = selection.get(v.slot());
                    if (s == null) {
                        s = new LinkedHashSet<>();
                        selection.set(v.slot(), s);
                    }
                    if (s != ALL && !v.isSystem()) {
                        s.add(slots.get(v.slot()).cls().properties().get(v.index()).name());
                    }
                }
            }
            List<Integer> involved = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                if (selection.get(i) != null) {
                    involved.add(i);
                }
            }
            if (involved.size() == 1) {
                int slot = involved.get(0);
                Set<String> s = selection.get(slot);
                return t -> t[slot] == null ? generic(List.of(), t) : project(t[slot], s, !query.distinct());
            }
            return t -> {
                List<Object[]> parts = new ArrayList<>();
                for (int i : involved) {
                    parts.add(new Object[] {i, selection.get(i)});
                }
                return generic(parts, t);
            };
        }

        private int slotOf(String qualifier) {
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i).ref().answersTo(qualifier)) {
                    return i;
                }
            }
            throw invalid("the query has no class or alias " + qualifier);
        }

        @SuppressWarnings("unchecked")
        private WmiObject generic(List<Object[]> parts, Row[] t) {
            WmiClass.Builder cb = WmiClass.builder(GENERIC);
            Map<String, WmiObject> values = new LinkedHashMap<>();
            for (Object[] part : parts) {
                int slot = (Integer) part[0];
                Slot s = slots.get(slot);
                String name = duplicateClass(slot) ? s.ref().referenceName() : s.cls().name();
                cb.property(new PropertyDefinition(name, CimType.OBJECT, s.cls().name(), List.of(), null, GENERIC));
                values.put(name, t[slot] == null ? null : project(t[slot], (Set<String>) part[1], !query.distinct()));
            }
            WmiObject.Builder b = WmiObject.builder(cb.build());
            values.forEach((k, v) -> {
                if (v == null) {
                    b.setNull(k, CimType.OBJECT);
                } else {
                    b.set(k, CimValue.object(v));
                }
            });
            return b.decoration(server, namespace).build();
        }

        private boolean duplicateClass(int slot) {
            String name = slots.get(slot).cls().name();
            return slots.stream().filter(s -> s.cls().name().equalsIgnoreCase(name)).count() > 1;
        }
    }

    private WmiObject countObject(long count) {
        WmiClass c = WmiClass.builder(GENERIC).property("Count", CimType.UINT32).build();
        return WmiObject.builder(c).set("Count", CimValue.uint32(Math.min(count, 0xFFFF_FFFFL)))
                .decoration(server, namespace).build();
    }

    /** Marks a slot whose every property is selected ({@code *} or {@code X.*}). */
    private static final Set<String> ALL = java.util.Collections.unmodifiableSet(new HashSet<>());

    @FunctionalInterface
    private interface Projector {
        WmiObject project(Row[] tuple);
    }

    /** A projected class and where its values come from in the rows of one class. */
    private record Projection(WmiClass projected, int[] source) {
    }

    WmiObject project(Row r, Set<String> selected, boolean withKeys) {
        if (selected == ALL) {
            return r.toObject(false).withDecoration(server, namespace);
        }
        WmiClass cls = r.wmiClass();
        if (PROJECTIONS.size() > 4096) {
            PROJECTIONS.clear(); // a cache, bounded: arbitrary select lists must not grow it without limit
        }
        Projection p = PROJECTIONS.computeIfAbsent(cls.name() + "|" + cls.properties().size() + "|" + withKeys + "|"
                + String.join(",", selected).toLowerCase(Locale.ROOT), k -> projection(cls, selected, withKeys));
        WmiObject.Builder b = WmiObject.builder(p.projected());
        List<PropertyDefinition> props = p.projected().properties();
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition d = props.get(i);
            CimValue v = d.isLazy() ? null : r.value(p.source()[i]);
            if (v == null) {
                b.setNull(d.name(), d.type());
            } else {
                b.set(d.name(), v);
            }
        }
        return b.decoration(server, namespace).build();
    }

    private static Projection projection(WmiClass cls, Set<String> selected, boolean withKeys) {
        Set<String> wanted = new HashSet<>();
        selected.forEach(s -> wanted.add(s.toLowerCase(Locale.ROOT)));
        WmiClass.Builder b = WmiClass.builder(cls.name()).derivation(cls.derivation());
        for (Qualifier q : cls.qualifiers()) {
            b.qualifier(q);
        }
        List<Integer> source = new ArrayList<>();
        List<PropertyDefinition> props = cls.properties();
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition d = props.get(i);
            if ((withKeys && d.isKey()) || wanted.contains(d.name().toLowerCase(Locale.ROOT))) {
                b.property(d);
                source.add(i);
            }
        }
        return new Projection(b.build(), source.stream().mapToInt(Integer::intValue).toArray());
    }

    // ----------------------------------------------------------------------------------- helpers

    private static CimType systemType(String sys) {
        switch (sys) {
            case "__CLASS": case "__SUPERCLASS": case "__DYNASTY": case "__RELPATH": case "__PATH":
            case "__NAMESPACE": case "__SERVER":
                return CimType.STRING;
            case "__GENUS": case "__PROPERTY_COUNT":
                return CimType.SINT32;
            case "__DERIVATION":
                return CimType.STRING_ARRAY;
            default:
                return null;
        }
    }

    private CimValue systemValue(String sys, Row r) {
        WmiClass c = r.wmiClass();
        switch (sys) {
            case "__CLASS":
                return CimValue.string(c.name());
            case "__SUPERCLASS":
                return c.superclassName().map(CimValue::string).orElse(null);
            case "__DYNASTY":
                return CimValue.string(c.derivation().isEmpty() ? c.name() : c.derivation().get(c.derivation().size() - 1));
            case "__RELPATH":
                return CimValue.string(r.toObject(false).path().toString());
            case "__PATH":
                return CimValue.string("\\\\" + server + "\\" + namespace + ":" + r.toObject(false).path());
            case "__NAMESPACE":
                return CimValue.string(namespace);
            case "__SERVER":
                return CimValue.string(server);
            case "__GENUS":
                return CimValue.sint32(2);
            case "__PROPERTY_COUNT":
                return CimValue.sint32(c.properties().size());
            case "__DERIVATION":
                return CimValue.stringArray(c.derivation());
            default:
                return null;
        }
    }

    private static Object toFamily(Coerce.Family family, Object norm) {
        switch (family) {
            case NUMBER:
                return norm instanceof Number ? norm : norm instanceof String ? Coerce.parseNumber((String) norm)
                        : norm instanceof Boolean ? ((Boolean) norm ? 1L : 0L) : null;
            case STRING:
                return norm instanceof String ? norm : Coerce.text(norm);
            case BOOLEAN:
                return norm instanceof Boolean ? norm : norm instanceof Number ? ((Number) norm).doubleValue() != 0
                        : norm instanceof String ? Coerce.parseBoolean((String) norm) : null;
            case TIME:
                return norm instanceof String ? Coerce.parseTime((String) norm) : norm;
            default:
                return null;
        }
    }

    private static boolean apply(ComparisonOperator op, int c) {
        switch (op) {
            case EQ: return c == 0;
            case NE: return c != 0;
            case LT: return c < 0;
            case LE: return c <= 0;
            case GT: return c > 0;
            default: return c >= 0;
        }
    }

    private static SimulatedFault invalid(String detail) {
        return new SimulatedFault(WbemStatus.WBEM_E_INVALID_QUERY, detail);
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = s.get();
                    done = true;
                }
                return value;
            }
        };
    }

    /**
     * Pulls results from the source a batch at a time, as an enumerator does (IEnumWbemClassObject::Next
     * with a count): at most {@code batchSize} objects are held between pulls; {@code onBatch} is told the size
     * of each batch taken.
     */
    static <T> Stream<T> batched(Stream<T> source, int batchSize, LongConsumer onBatch) {
        Iterator<T> it = source.iterator();
        Iterator<T> batches = new Iterator<>() {
            private final ArrayList<T> buffer = new ArrayList<>(Math.min(batchSize, 1024));
            private int next;

            @Override
            public boolean hasNext() {
                if (next < buffer.size()) {
                    return true;
                }
                buffer.clear();
                next = 0;
                while (buffer.size() < batchSize && it.hasNext()) {
                    buffer.add(it.next());
                }
                if (!buffer.isEmpty()) {
                    onBatch.accept(buffer.size());
                }
                return !buffer.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches, Spliterator.ORDERED), false)
                .onClose(source::close);
    }
}
