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
    private static final Map<String, String> MIRRORED = Map.of("T_AFTER", "T_BEFORE", "T_BEFORE", "T_AFTER");

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

    /** Instants and intervals: the property's instant against the other side's [from, to]. */
    private String temporal(Expression.Temporal t) {
        String function = t.function();
        Expression.Term left = t.left();
        Expression.Term right = t.right();
        if (!(left instanceof Expression.Property) && right instanceof Expression.Property) {
            left = t.right();
            right = t.left();
            function = MIRRORED.getOrDefault(function, function);
        }
        if (!(left instanceof Expression.Property p) || kind(p) != Kind.INSTANT) {
            throw Literals.invalid("has " + t.function() + " without a date-time property");
        }
        String value = property(p).column();
        if (right instanceof Expression.Property other) {
            if (kind(other) != Kind.INSTANT) {
                throw Literals.invalid("has " + t.function() + " with a property that is not a date-time");
            }
            return instantVersus(function, value, property(other).column());
        }
        Optional<Instant> from;
        Optional<Instant> to;
        if (right instanceof Expression.Timestamp ts) {
            from = Optional.of(ts.value());
            to = from;
        } else if (right instanceof Expression.Date d) {
            Instant start = d.value().atStartOfDay(ZoneOffset.UTC).toInstant();
            from = Optional.of(start);
            to = Optional.of(start.plusSeconds(86_399));
        } else if (right instanceof Expression.Interval i) {
            from = i.from();
            to = i.to();
        } else {
            throw Literals.invalid("has " + t.function() + " with an argument that is not a time: " + describe(right));
        }
        if (from.equals(to) && from.isPresent()) {
            return instantVersus(function, value, bind(from.get().atOffset(ZoneOffset.UTC), "timestamptz"));
        }
        return instantVersusInterval(function, value, from, to);
    }

    private static String instantVersus(String function, String value, String other) {
        return switch (function) {
            case "T_AFTER" -> "(" + value + " > " + other + ")";
            case "T_BEFORE" -> "(" + value + " < " + other + ")";
            case "T_EQUALS", "T_INTERSECTS" -> "(" + value + " = " + other + ")";
            case "T_DISJOINT" -> "(" + value + " <> " + other + ")";
            default -> throw Literals.invalid("has an unknown temporal function '" + function + "'");
        };
    }

    private String instantVersusInterval(String function, String value, Optional<Instant> from, Optional<Instant> to) {
        Optional<String> start = from.map(i -> bind(i.atOffset(ZoneOffset.UTC), "timestamptz"));
        Optional<String> end = to.map(i -> bind(i.atOffset(ZoneOffset.UTC), "timestamptz"));
        String inside = "(" + start.map(s -> value + " >= " + s).orElse(value + " IS NOT NULL") + " AND "
                + end.map(s -> value + " <= " + s).orElse("TRUE") + ")";
        return switch (function) {
            case "T_AFTER" -> end.map(s -> "(" + value + " > " + s + ")").orElse("FALSE");
            case "T_BEFORE" -> start.map(s -> "(" + value + " < " + s + ")").orElse("FALSE");
            case "T_INTERSECTS" -> inside;
            case "T_DISJOINT" -> "(NOT " + inside + ")";
            case "T_EQUALS" -> "FALSE";
            default -> throw Literals.invalid("has an unknown temporal function '" + function + "'");
        };
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
        return t instanceof Expression.Text ? "a text" : t instanceof Expression.Number ? "a number"
                : t instanceof Expression.Bool ? "a boolean" : t instanceof Expression.Date ? "a DATE"
                : t instanceof Expression.Timestamp ? "a TIMESTAMP" : t instanceof Expression.Interval ? "an INTERVAL"
                : "a geometry";
    }
}
