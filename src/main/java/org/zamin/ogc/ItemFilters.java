package org.zamin.ogc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.zamin.domain.Malformed;
import org.zamin.ogc.cql2.CqlJson;
import org.zamin.ogc.cql2.CqlText;
import org.zamin.ogc.cql2.Expression;
import org.zamin.ogc.cql2.Queryable;
import org.zamin.ogc.cql2.Queryable.Type;
import org.zamin.ogc.cql2.SqlFilter;
import org.zamin.ogc.cql2.SqlTranslator;
import org.zamin.ogc.crs.Crs;
import org.zamin.parcel.Vocabulary;

/**
 * Parts 2 and 3 of OGC API – Features for the two collections: their queryables (and the JSON Schema that lists
 * them), the SQL condition of a request's {@code filter} and of a {@code bbox} given in another CRS, and the
 * conformance classes this serves.
 */
public final class ItemFilters {

    /** The conformance classes of Part 2 (CRS), Part 3 (filtering) and CQL2 that the tests prove. */
    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison");

    /** The query parameters of Parts 2 and 3 that the items route accepts. */
    public static final Set<String> ITEMS_PARAMETERS = Set.of("crs", "bbox-crs", "filter", "filter-lang", "filter-crs");

    /** {@code filter-lang} values: the two of CQL2, and {@code cql-text}, the draft's name GDAL 3.6 still sends. */
    public static final List<String> LANGUAGES = List.of("cql2-text", "cql2-json", "cql-text");

    private ItemFilters() {}

    /** The properties a filter may name in a collection, in the order of its features' properties. */
    public static List<Queryable> queryables(Collection c, Vocabulary vocabulary) {
        List<Queryable> q = new ArrayList<>();
        if (c == Collection.PARCELS) {
            q.add(new Queryable("id", "v.id", Type.INTEGER, List.of(), "The plot's number in Zamin"));
            q.add(new Queryable("plotNumber", "v.plot_number", Type.STRING, List.of(), "The plot's number in its estate"));
            q.add(new Queryable("estate", "v.estate", Type.STRING, List.of(), "The estate's code"));
            q.add(new Queryable("estateName", "v.estate_name", Type.STRING, List.of(), "The estate's name"));
            q.add(new Queryable("estateNameFa", "v.estate_name_fa", Type.STRING, List.of(), "The estate's name in Persian"));
            q.add(new Queryable("areaM2", "v.area_m2_rounded", Type.NUMBER, List.of(), "Area in square metres"));
            q.add(new Queryable("landUse", "v.land_use", Type.STRING, List.copyOf(vocabulary.landUses()), "Land use"));
            q.add(new Queryable("pricePerM2", "v.price_per_m2", Type.INTEGER, List.of(), "Price per square metre (IRR)"));
            q.add(new Queryable("price", "v.price", Type.INTEGER, List.of(), "Price of the plot (IRR)"));
            q.add(new Queryable("status", "v.status", Type.STRING, List.copyOf(vocabulary.plotStatuses()), "Public status"));
            q.add(new Queryable("updatedAt", "v.updated_at", Type.DATE_TIME, List.of(), "Last change"));
            q.add(new Queryable("geometry", "v.geom", Type.GEOMETRY, List.of(), "The plot's boundary"));
        } else if (c == Collection.IDLE_REGISTER) {
            q.addAll(IdleRegisterQueryables.LIST);
        } else {
            q.add(new Queryable("code", "e.code", Type.STRING, List.of(), "The estate's code"));
            q.add(new Queryable("name", "e.name", Type.STRING, List.of(), "Name"));
            q.add(new Queryable("nameFa", "e.name_fa", Type.STRING, List.of(), "Name in Persian"));
            q.add(new Queryable("kind", "e.kind", Type.STRING, List.copyOf(vocabulary.estateKinds()), "Kind of estate"));
            q.add(new Queryable("province", "pr.code", Type.STRING, List.of(), "The province's code"));
            q.add(new Queryable("operator", "e.operator", Type.STRING, List.of(), "Operator"));
            q.add(new Queryable("landPricePerM2", "e.land_price_per_m2", Type.INTEGER, List.of(),
                    "Land price per square metre (IRR)"));
            q.add(new Queryable("areaM2", "round(CAST(e.area_m2 AS numeric))", Type.NUMBER, List.of(),
                    "Area in square metres"));
            q.add(new Queryable("createdAt", "e.created_at", Type.DATE_TIME, List.of(), "When it was recorded"));
            q.add(new Queryable("geometry", "e.boundary", Type.GEOMETRY, List.of(), "The estate's boundary"));
        }
        return List.copyOf(q);
    }

    /** The queryables as the JSON Schema Part 3 asks for ({@code /req/queryables/get-queryables-response}). */
    public static ObjectNode schema(Collection c, Vocabulary vocabulary, String id) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        o.put("$id", id);
        o.put("type", "object");
        o.put("title", c.title);
        ObjectNode properties = o.putObject("properties");
        for (Queryable q : queryables(c, vocabulary)) {
            ObjectNode p = properties.putObject(q.name());
            p.put("title", q.description());
            switch (q.type()) {
                case STRING -> p.put("type", "string");
                case INTEGER -> p.put("type", "integer");
                case NUMBER -> p.put("type", "number");
                case DATE_TIME -> p.put("type", "string").put("format", "date-time");
                case GEOMETRY -> p.put("format", "geometry-polygon").put("x-ogc-role", "primary-geometry");
            }
            if (!q.values().isEmpty()) {
                q.values().forEach(p.putArray("enum")::add);
            }
        }
        o.put("additionalProperties", false);
        return o;
    }

    /** A request's Part 2 and 3 parameters, as text (absent when not given). */
    public record Request(Optional<String> filter, Optional<String> language, Optional<String> filterCrs,
                          Optional<String> bbox, Crs bboxCrs) {}

    /**
     * The SQL condition of the request's filter and, when {@code bbox-crs} is not CRS84, of its bbox (a CRS84 bbox
     * stays with the items query's own parameters); {@link SqlFilter#NONE} when there is neither.
     */
    public static SqlFilter condition(Collection c, Vocabulary vocabulary, Request r) {
        List<Queryable> queryables = queryables(c, vocabulary);
        List<SqlFilter> parts = new ArrayList<>();
        r.filter().ifPresent(text -> {
            Crs filterCrs = Crs.parameter("filter-crs", r.filterCrs());
            parts.add(SqlTranslator.translate(parse(text, language(r.language())), queryables, filterCrs));
        });
        if (r.filter().isEmpty() && (r.language().isPresent() || r.filterCrs().isPresent())) {
            language(r.language());
            Crs.parameter("filter-crs", r.filterCrs());
        }
        if (r.bboxCrs() != Crs.CRS84 && r.bbox().isPresent()) {
            String geometry = queryables.stream().filter(q -> q.type() == Type.GEOMETRY).findFirst().orElseThrow().column();
            parts.add(box(geometry, numbers(r.bbox().get()), r.bboxCrs()));
        }
        if (parts.isEmpty()) {
            return SqlFilter.NONE;
        }
        Map<String, Object> bindings = new LinkedHashMap<>();
        List<String> sql = new ArrayList<>();
        for (SqlFilter part : parts) {
            sql.add(part.sql());
            bindings.putAll(part.bindings());
        }
        return new SqlFilter(String.join(" AND ", sql), bindings);
    }

    /** The language a {@code filter-lang} value names, {@code cql2-text} by default. */
    public static String language(Optional<String> value) {
        String language = value.orElse("cql2-text");
        if (!LANGUAGES.contains(language)) {
            throw Malformed.parameter("filter-lang", "must be one of " + String.join(", ", LANGUAGES) + ", got '"
                    + language + "'");
        }
        return language;
    }

    private static Expression parse(String text, String language) {
        return language.equals("cql2-json") ? CqlJson.parse(text) : CqlText.parse(text);
    }

    /** A bbox in another CRS: its numbers in that CRS's axis order, 4 or 6 of them. */
    private static double[] numbers(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4 && parts.length != 6) {
            throw Malformed.parameter("bbox", "must be four (or six) numbers");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw Malformed.parameter("bbox", "has a value that is not a number: " + parts[i].trim());
            }
            if (!Double.isFinite(v[i])) {
                throw Malformed.parameter("bbox", "has a value that is not finite");
            }
        }
        int half = v.length / 2;
        double[] box = {v[0], v[1], v[half], v[half + 1]};
        if (box[0] > box[2] || box[1] > box[3]) {
            throw Malformed.parameter("bbox", "must have its lower corner before its upper corner");
        }
        return box;
    }

    /** {@code geometry && the box}, the box given in {@code crs} and brought to storage by PostGIS. */
    private static SqlFilter box(String geometry, double[] box, Crs crs) {
        double[] xy = crs.latitudeFirst() ? new double[] {box[1], box[0], box[3], box[2]} : box;
        Map<String, Object> bindings = Map.of("bbox0", xy[0], "bbox1", xy[1], "bbox2", xy[2], "bbox3", xy[3],
                "bboxSrid", crs.srid());
        return new SqlFilter("(" + geometry + " && ogc_crs_box(CAST(:bbox0 AS float8), CAST(:bbox1 AS float8), "
                + "CAST(:bbox2 AS float8), CAST(:bbox3 AS float8), CAST(:bboxSrid AS int)))", bindings);
    }
}
