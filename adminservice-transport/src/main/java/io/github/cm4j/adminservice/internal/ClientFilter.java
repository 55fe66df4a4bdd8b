package io.github.cm4j.adminservice.internal;

import io.github.cm4j.cim.CimDateTime;
import io.github.cm4j.cim.CimType;
import io.github.cm4j.cim.CimValue;
import io.github.cm4j.cim.WmiObject;
import io.github.cm4j.wql.And;
import io.github.cm4j.wql.Comparison;
import io.github.cm4j.wql.ComparisonOperator;
import io.github.cm4j.wql.Expression;
import io.github.cm4j.wql.InList;
import io.github.cm4j.wql.IsNull;
import io.github.cm4j.wql.Isa;
import io.github.cm4j.wql.Like;
import io.github.cm4j.wql.Literal;
import io.github.cm4j.wql.Not;
import io.github.cm4j.wql.Operand;
import io.github.cm4j.wql.Or;
import io.github.cm4j.wql.PropertyRef;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a WQL condition on an instance, for {@code client-filter=on}: what OData cannot express is applied to
 * each streamed entity. WQL semantics as the provider's: comparisons with NULL are false, strings compare without
 * case, {@code LIKE} through core's {@link io.github.cm4j.wql.LikePattern}. Stateless, thread-safe.
 */
public final class ClientFilter {
    private ClientFilter() {
    }

    /**
     * @param e the condition (no sub-selects)
     * @param o the instance
     * @return whether it holds
     */
    public static boolean test(Expression e, WmiObject o) {
        if (e instanceof And a) {
            return a.operands().stream().allMatch(x -> test(x, o));
        } else if (e instanceof Or or) {
            return or.operands().stream().anyMatch(x -> test(x, o));
        } else if (e instanceof Not n) {
            return !test(n.operand(), o);
        } else if (e instanceof IsNull n) {
            return value(n.operand(), o).isEmpty() != n.negated();
        } else if (e instanceof Like l) {
            Optional<Object> v = value(l.operand(), o);
            return v.isPresent() && l.likePattern().matches(String.valueOf(v.get())) != l.negated();
        } else if (e instanceof InList in) {
            Optional<Object> v = value(in.operand(), o);
            boolean found = v.isPresent() && in.values().stream().anyMatch(x -> x.value() != null
                    && compare(v.get(), x.value()) == 0);
            return v.isPresent() && found != in.negated();
        } else if (e instanceof Isa isa) {
            return o.wmiClass().isA(isa.className());
        } else if (e instanceof Comparison c) {
            Optional<Object> l = value(c.left(), o);
            Optional<Object> r = value(c.right(), o);
            if (l.isEmpty() || r.isEmpty()) {
                return false;
            }
            int cmp = compare(l.get(), r.get());
            ComparisonOperator op = c.operator();
            return switch (op) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
        throw new IllegalArgumentException("cannot evaluate " + e.getClass().getSimpleName() + " on the client");
    }

    private static Optional<Object> value(Operand operand, WmiObject o) {
        if (operand instanceof Literal l) {
            return Optional.ofNullable(l.value());
        }
        PropertyRef p = (PropertyRef) operand;
        Optional<CimValue> v = o.has(p.name()) ? o.get(p.name()) : Optional.empty();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        CimValue cv = v.get();
        if (cv.type() == CimType.UINT64) {
            return Optional.of(cv.asBigInteger());
        }
        if (cv.type().isInteger()) {
            return Optional.of(BigInteger.valueOf(cv.asLong()));
        }
        if (cv.type() == CimType.BOOLEAN) {
            return Optional.of(cv.asBoolean());
        }
        if (cv.type() == CimType.REAL32 || cv.type() == CimType.REAL64) {
            return Optional.of(cv.asDouble());
        }
        if (cv.type() == CimType.DATETIME) {
            return Optional.of(cv.asDateTime());
        }
        return Optional.of(cv.isArray() ? cv.asList().toString() : cv.asString());
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Boolean x) {
            return Boolean.compare(x, truth(b));
        }
        if (b instanceof Boolean y) {
            return Boolean.compare(truth(a), y);
        }
        if (a instanceof CimDateTime d) {
            CimDateTime other = b instanceof CimDateTime bd ? bd : CimDateTime.parse(String.valueOf(b));
            return d.toInstant().compareTo(other.toInstant());
        }
        if (a instanceof Number || b instanceof Number) {
            try {
                return new java.math.BigDecimal(String.valueOf(a)).compareTo(new java.math.BigDecimal(String.valueOf(b)));
            } catch (NumberFormatException e) {
                return String.valueOf(a).compareToIgnoreCase(String.valueOf(b));
            }
        }
        return String.valueOf(a).toLowerCase(Locale.ROOT).compareTo(String.valueOf(b).toLowerCase(Locale.ROOT));
    }

    private static boolean truth(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return Boolean.parseBoolean(String.valueOf(v));
    }
}
