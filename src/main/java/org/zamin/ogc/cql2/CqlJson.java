package org.zamin.ogc.cql2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a CQL2 JSON filter (OGC 21-065r2, the cql2-json schema) with Jackson into an {@link Expression}. */
public final class CqlJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "LineString", "Polygon", "MultiPoint",
            "MultiLineString", "MultiPolygon", "GeometryCollection");

    private CqlJson() {}

    public static Expression parse(String text) {
        Literals.checkNesting(text);
        try {
            return expression(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw Literals.invalid("is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    static Expression expression(JsonNode n) {
        if (n != null && n.isBoolean()) {
            return new Expression.Constant(n.booleanValue());
        }
        if (n == null || !n.isObject() || !n.path("op").isTextual() || !n.path("args").isArray()) {
            throw Literals.invalid("has a JSON expression that is not {\"op\": …, \"args\": [ … ]}: " + n);
        }
        String op = n.get("op").asText();
        List<JsonNode> args = new ArrayList<>();
        n.get("args").forEach(args::add);
        switch (op) {
            case "and", "or" -> {
                atLeast(op, args, 2);
                return new Expression.Logical(op.equals("and"), args.stream().map(CqlJson::expression).toList());
            }
            case "not" -> {
                exactly(op, args, 1);
                return new Expression.Not(expression(args.get(0)));
            }
            case "like" -> {
                exactly(op, args, 2);
                return new Expression.Like(term(args.get(0)), term(args.get(1)), false);
            }
            case "between" -> {
                exactly(op, args, 3);
                return new Expression.Between(term(args.get(0)), term(args.get(1)), term(args.get(2)), false);
            }
            case "in" -> {
                exactly(op, args, 2);
                if (!args.get(1).isArray()) {
                    throw Literals.invalid("has an 'in' whose second argument is not a list");
                }
                List<Expression.Term> list = new ArrayList<>();
                args.get(1).forEach(v -> list.add(term(v)));
                return new Expression.In(term(args.get(0)), list, false);
            }
            case "isNull" -> {
                exactly(op, args, 1);
                return new Expression.IsNull(term(args.get(0)), false);
            }
            default -> {
                return function(op, args);
            }
        }
    }

    private static Expression function(String op, List<JsonNode> args) {
        exactly(op, args, 2);
        if (COMPARISONS.contains(op)) {
            return new Expression.Comparison(op, term(args.get(0)), term(args.get(1)));
        }
        String name = op.toUpperCase(Locale.ROOT);
        if (name.startsWith("S_")) {
            return new Expression.Spatial(name, term(args.get(0)), term(args.get(1)));
        }
        if (name.startsWith("T_")) {
            return new Expression.Temporal(name, term(args.get(0)), term(args.get(1)));
        }
        throw Literals.invalid("has an operator this API does not support: '" + op + "'");
    }

    static Expression.Term term(JsonNode n) {
        if (n.isTextual()) {
            return new Expression.Text(n.asText());
        }
        if (n.isNumber()) {
            return new Expression.Number(n.decimalValue());
        }
        if (n.isBoolean()) {
            return new Expression.Bool(n.booleanValue());
        }
        if (n.isObject()) {
            if (n.path("op").asText().equals("casei") && n.path("args").isArray() && n.get("args").size() == 1) {
                return new Expression.CaseInsensitive(term(n.get("args").get(0)));
            }
            if (n.path("property").isTextual()) {
                return new Expression.Property(n.get("property").asText());
            }
            if (n.path("date").isTextual()) {
                return Literals.date(n.get("date").asText());
            }
            if (n.path("timestamp").isTextual()) {
                return Literals.timestamp(n.get("timestamp").asText());
            }
            if (n.path("interval").isArray() && n.get("interval").size() == 2) {
                return Literals.interval(end(n.get("interval").get(0)), end(n.get("interval").get(1)));
            }
            if (n.path("bbox").isArray()) {
                List<Double> v = new ArrayList<>();
                n.get("bbox").forEach(x -> {
                    if (!x.isNumber()) {
                        throw Literals.invalid("has a bbox with a value that is not a number");
                    }
                    v.add(x.asDouble());
                });
                return Literals.bbox(v);
            }
            if (GEOMETRY_TYPES.contains(n.path("type").asText())) {
                return Literals.geometry(wkt(n));
            }
        }
        throw Literals.invalid("has an argument this API cannot read: " + n);
    }

    /** An interval end: a date or timestamp string, {@code ".."}, or a {"date"}/{"timestamp"} object. */
    private static String end(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        for (String key : List.of("date", "timestamp")) {
            if (n.path(key).isTextual()) {
                return n.get(key).asText();
            }
        }
        throw Literals.invalid("has an interval end that is not a date, a timestamp or \"..\": " + n);
    }

    /** A GeoJSON geometry as WKT, for {@link Literals#geometry} to check; the structure is checked here. */
    static String wkt(JsonNode g) {
        String type = g.path("type").asText();
        if (type.equals("GeometryCollection")) {
            List<String> parts = new ArrayList<>();
            g.path("geometries").forEach(p -> parts.add(wkt(p)));
            return "GEOMETRYCOLLECTION (" + String.join(", ", parts) + ")";
        }
        int depth = switch (type) {
            case "Point" -> 0;
            case "LineString", "MultiPoint" -> 1;
            case "Polygon", "MultiLineString" -> 2;
            case "MultiPolygon" -> 3;
            default -> throw Literals.invalid("has a geometry of unknown type '" + type + "'");
        };
        String body = coordinates(g.path("coordinates"), depth);
        return type.toUpperCase(Locale.ROOT) + " " + (depth == 0 ? "(" + body + ")" : body);
    }

    private static String coordinates(JsonNode c, int depth) {
        if (!c.isArray() || c.isEmpty()) {
            throw Literals.invalid("has a geometry whose coordinates are not a non-empty list");
        }
        if (depth == 0) {
            List<String> numbers = new ArrayList<>();
            c.forEach(x -> {
                if (!x.isNumber()) {
                    throw Literals.invalid("has a coordinate that is not a number: " + x);
                }
                numbers.add(x.asText());
            });
            if (numbers.size() < 2 || numbers.size() > 3) {
                throw Literals.invalid("has a position with " + numbers.size() + " numbers (2 or 3 expected)");
            }
            return String.join(" ", numbers);
        }
        List<String> parts = new ArrayList<>();
        c.forEach(x -> parts.add(coordinates(x, depth - 1)));
        return "(" + String.join(", ", parts) + ")";
    }

    private static void exactly(String op, List<JsonNode> args, int count) {
        if (args.size() != count) {
            throw Literals.invalid("has '" + op + "' with " + args.size() + " arguments (" + count + " expected)");
        }
    }

    private static void atLeast(String op, List<JsonNode> args, int count) {
        if (args.size() < count) {
            throw Literals.invalid("has '" + op + "' with " + args.size() + " arguments (at least " + count + ")");
        }
    }

}
