package org.zamin.ogc.cql2;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.zamin.ogc.crs.Crs;

/**
 * Turns a CQL2 {@link Expression} into a SQL condition: properties become the fixed column expressions of the
 * collection's {@link Queryable}s (any other name is refused), every literal a bound parameter ({@code :cql0},
 * {@code :cql1} …), operators and functions come from fixed tables. Geometry literals are read in the filter CRS and
 * transformed to the storage CRS by PostGIS ({@code ogc_crs_input}, R__ogc_crs.sql).
 */
public final class SqlTranslator {

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
    private static final Map<String, String> SPATIAL = Map.of("S_INTERSECTS", "ST_Intersects", "S_EQUALS", "ST_Equals",
            "S_DISJOINT", "ST_Disjoint", "S_TOUCHES", "ST_Touches", "S_WITHIN", "ST_Within", "S_OVERLAPS",
            "ST_Overlaps", "S_CROSSES", "ST_Crosses", "S_CONTAINS", "ST_Contains");

    /** What a term's value is, for checking that both sides of an operator can be compared. */
    private enum Kind { TEXT, NUMBER, BOOLEAN, DATE, INSTANT, GEOMETRY }

    private final Map<String, Queryable> queryables;
    private final Crs filterCrs;
    private final Map<String, Object> bindings = new LinkedHashMap<>();

    private SqlTranslator(List<Queryable> queryables, Crs filterCrs) {
        this.queryables = queryables.stream().collect(Collectors.toMap(Queryable::name, q -> q));
        this.filterCrs = filterCrs;
    }

    /** The condition for {@code filter} over these queryables, geometry literals read in {@code filterCrs}. */
    public static SqlFilter translate(Expression filter, List<Queryable> queryables, Crs filterCrs) {
        var t = new SqlTranslator(queryables, filterCrs);
        String sql = t.condition(filter);
        return new SqlFilter(sql, Map.copyOf(t.bindings));
    }

    private String condition(Expression e) {
        if (e instanceof Expression.Logical l) {
            return l.operands().stream().map(this::condition)
                    .collect(Collectors.joining(l.and() ? " AND " : " OR ", "(", ")"));
        }
        if (e instanceof Expression.Not n) {
            return "(NOT " + condition(n.operand()) + ")";
        }
        if (e instanceof Expression.Constant c) {
            return c.value() ? "TRUE" : "FALSE";
        }
        if (e instanceof Expression.Comparison c) {
            return comparison(c);
        }
        if (e instanceof Expression.Like l) {
            return like(l);
        }
        if (e instanceof Expression.Between b) {
            return between(b);
        }
        if (e instanceof Expression.In in) {
            return in(in);
        }
        if (e instanceof Expression.IsNull n) {
            return "(" + scalar(n.value(), kind(n.value())) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
        }
        if (e instanceof Expression.Spatial s) {
            return spatial(s);
        }
        return temporal((Expression.Temporal) e);
    }

    private String comparison(Expression.Comparison c) {
        if (!COMPARISONS.contains(c.operator())) {
            throw Literals.invalid("has an unknown comparison operator '" + c.operator() + "'");
        }
        Kind kind = common(c.operator(), c.left(), c.right());
        return "(" + scalar(c.left(), kind) + " " + c.operator() + " " + scalar(c.right(), kind) + ")";
    }

    private String like(Expression.Like l) {
        if (kind(l.value()) != Kind.TEXT || kind(l.pattern()) != Kind.TEXT) {
            throw Literals.invalid("has LIKE on something that is not text");
        }
        return "(" + scalar(l.value(), Kind.TEXT) + (l.negated() ? " NOT LIKE " : " LIKE ")
                + scalar(l.pattern(), Kind.TEXT) + ")";
    }

    private String between(Expression.Between b) {
        Kind kind = common("BETWEEN", b.value(), b.low());
        common("BETWEEN", b.value(), b.high());
        if (kind != Kind.NUMBER) {
            throw Literals.invalid("has BETWEEN on something that is not a number");
        }
        return "(" + scalar(b.value(), kind) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + scalar(b.low(), kind)
                + " AND " + scalar(b.high(), kind) + ")";
    }

    private String in(Expression.In in) {
        if (in.list().isEmpty()) {
            throw Literals.invalid("has IN with an empty list");
        }
        Kind kind = kind(in.value());
        List<String> items = new ArrayList<>();
        for (Expression.Term t : in.list()) {
            kind = common("IN", in.value(), t);
        }
        for (Expression.Term t : in.list()) {
            items.add(scalar(t, kind));
        }
        return "(" + scalar(in.value(), kind) + (in.negated() ? " NOT IN (" : " IN (") + String.join(", ", items) + "))";
    }

    private String spatial(Expression.Spatial s) {
        String function = SPATIAL.get(s.function());
        if (function == null) {
            throw Literals.invalid("has an unknown spatial function '" + s.function() + "'");
        }
        return function + "(" + geometry(s.left()) + ", " + geometry(s.right()) + ")";
    }

    private String geometry(Expression.Term t) {
        if (t instanceof Expression.Geometry g) {
            return "ogc_crs_input(ST_GeomFromText(" + bind(g.wkt(), "text") + "), " + bind(filterCrs.srid(), "int")
                    + ", " + bind(filterCrs.latitudeFirst(), "boolean") + ")";
        }
        if (kind(t) != Kind.GEOMETRY) {
            throw Literals.invalid("has a spatial function with an argument that is not a geometry: " + describe(t));
        }
        return property((Expression.Property) t).column();
    }

    /**
     * The temporal functions as Allen's relations between two [start, end] spans: an instant (a date-time property, a
     * TIMESTAMP) spans [t, t], a DATE its whole UTC day, an INTERVAL its ends ({@code ..} is ±infinity).
     */
    private String temporal(Expression.Temporal t) {
        String[] a = span(t.left(), t.function());
        String[] b = span(t.right(), t.function());
        String s1 = a[0];
        String e1 = a[1];
        String s2 = b[0];
        String e2 = b[1];
        String relation = switch (t.function()) {
            case "T_AFTER" -> s1 + " > " + e2;
            case "T_BEFORE" -> e1 + " < " + s2;
            case "T_CONTAINS" -> s1 + " < " + s2 + " AND " + e1 + " > " + e2;
            case "T_DISJOINT" -> "NOT (" + s1 + " <= " + e2 + " AND " + e1 + " >= " + s2 + ")";
            case "T_DURING" -> s1 + " > " + s2 + " AND " + e1 + " < " + e2;
            case "T_EQUALS" -> s1 + " = " + s2 + " AND " + e1 + " = " + e2;
            case "T_FINISHEDBY" -> s1 + " < " + s2 + " AND " + e1 + " = " + e2;
            case "T_FINISHES" -> s1 + " > " + s2 + " AND " + e1 + " = " + e2;
            case "T_INTERSECTS" -> s1 + " <= " + e2 + " AND " + e1 + " >= " + s2;
            case "T_MEETS" -> e1 + " = " + s2;
            case "T_METBY" -> s1 + " = " + e2;
            case "T_OVERLAPPEDBY" -> s1 + " > " + s2 + " AND " + s1 + " < " + e2 + " AND " + e1 + " > " + e2;
            case "T_OVERLAPS" -> s1 + " < " + s2 + " AND " + e1 + " > " + s2 + " AND " + e1 + " < " + e2;
            case "T_STARTEDBY" -> s1 + " = " + s2 + " AND " + e1 + " > " + e2;
            case "T_STARTS" -> s1 + " = " + s2 + " AND " + e1 + " < " + e2;
            default -> throw Literals.invalid("has an unknown temporal function '" + t.function() + "'");
        };
        return "(" + relation + ")";
    }

    /** A temporal operand's start and end as SQL. */
    private String[] span(Expression.Term t, String function) {
        if (t instanceof Expression.Property p) {
            if (kind(p) != Kind.INSTANT) {
                throw Literals.invalid("has " + function + " with " + describe(p) + ", which is not a date-time");
            }
            String column = property(p).column();
            return new String[] {column, column};
        }
        if (t instanceof Expression.Timestamp ts) {
            String at = instant(Optional.of(ts.value()), "");
            return new String[] {at, at};
        }
        if (t instanceof Expression.Date d) {
            Instant start = d.value().atStartOfDay(ZoneOffset.UTC).toInstant();
            return new String[] {instant(Optional.of(start), ""), instant(Optional.of(start.plusSeconds(86_399)), "")};
        }
        if (t instanceof Expression.Interval i) {
            return new String[] {instant(i.from(), "-infinity"), instant(i.to(), "infinity")};
        }
        throw Literals.invalid("has " + function + " with an argument that is not a time: " + describe(t));
    }

    /** A bound instant, or the open end PostgreSQL writes as {@code -infinity}/{@code infinity}. */
    private String instant(Optional<Instant> at, String open) {
        return bind(at.map(Instant::toString).orElse(open), "timestamptz");
    }

    /** The kind both sides share (numbers with numbers, dates with date-times …); anything else is refused. */
    private Kind common(String operator, Expression.Term left, Expression.Term right) {
        Kind a = kind(left);
        Kind b = kind(right);
        if (a == Kind.GEOMETRY || b == Kind.GEOMETRY) {
            throw Literals.invalid("compares a geometry with " + operator + "; use a spatial function");
        }
        if (a == b) {
            return a;
        }
        if ((a == Kind.DATE && b == Kind.INSTANT) || (a == Kind.INSTANT && b == Kind.DATE)) {
            return Kind.DATE;
        }
        throw Literals.invalid("cannot compare " + describe(left) + " with " + describe(right) + " (" + operator + ")");
    }

    private Kind kind(Expression.Term t) {
        if (t instanceof Expression.Property p) {
            return switch (property(p).type()) {
                case STRING -> Kind.TEXT;
                case INTEGER, NUMBER -> Kind.NUMBER;
                case DATE_TIME -> Kind.INSTANT;
                case GEOMETRY -> Kind.GEOMETRY;
            };
        }
        if (t instanceof Expression.Interval) {
            throw Literals.invalid("has an INTERVAL outside a temporal function");
        }
        if (t instanceof Expression.CaseInsensitive c) {
            if (kind(c.value()) != Kind.TEXT) {
                throw Literals.invalid("has CASEI of " + describe(c.value()) + ", which is not text");
            }
            return Kind.TEXT;
        }
        return t instanceof Expression.Text ? Kind.TEXT : t instanceof Expression.Number ? Kind.NUMBER
                : t instanceof Expression.Bool ? Kind.BOOLEAN : t instanceof Expression.Date ? Kind.DATE
                : t instanceof Expression.Timestamp ? Kind.INSTANT : Kind.GEOMETRY;
    }

    /** A scalar term as SQL of the given kind: a date-time property compared with a date is cut to its UTC day. */
    private String scalar(Expression.Term t, Kind kind) {
        if (t instanceof Expression.Property p) {
            return kind == Kind.DATE && kind(p) == Kind.INSTANT
                    ? "CAST(timezone('UTC', " + property(p).column() + ") AS date)" : property(p).column();
        }
        if (t instanceof Expression.CaseInsensitive c) {
            return "lower(" + scalar(c.value(), Kind.TEXT) + ")";
        }
        if (t instanceof Expression.Text x) {
            return bind(x.value(), "text");
        }
        if (t instanceof Expression.Number x) {
            return bind(x.value(), "numeric");
        }
        if (t instanceof Expression.Bool x) {
            return bind(x.value(), "boolean");
        }
        if (t instanceof Expression.Date x) {
            return bind(x.value(), "date");
        }
        if (t instanceof Expression.Timestamp x) {
            String instant = bind(x.value().atOffset(ZoneOffset.UTC), "timestamptz");
            return kind == Kind.DATE ? "CAST(timezone('UTC', " + instant + ") AS date)" : instant;
        }
        throw Literals.invalid("has " + describe(t) + " where a value is expected");
    }

    private Queryable property(Expression.Property p) {
        Queryable q = queryables.get(p.name());
        if (q == null) {
            throw Literals.invalid("names a property that is not queryable: '" + p.name() + "'; queryables: "
                    + String.join(", ", queryables.keySet().stream().sorted().toList()));
        }
        return q;
    }

    /** A placeholder for the value, typed by a cast so that PostgreSQL never guesses. */
    private String bind(Object value, String type) {
        String name = "cql" + bindings.size();
        bindings.put(name, value);
        return "CAST(:" + name + " AS " + type + ")";
    }

    private static String describe(Expression.Term t) {
        if (t instanceof Expression.Property p) {
            return "property '" + p.name() + "'";
        }
        if (t instanceof Expression.CaseInsensitive) {
            return "CASEI(…)";
        }
        return t instanceof Expression.Text ? "a text" : t instanceof Expression.Number ? "a number"
                : t instanceof Expression.Bool ? "a boolean" : t instanceof Expression.Date ? "a DATE"
                : t instanceof Expression.Timestamp ? "a TIMESTAMP" : t instanceof Expression.Interval ? "an INTERVAL"
                : "a geometry";
    }
}
