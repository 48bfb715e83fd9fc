package org.zamin.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;
import org.zamin.http.Params;
import org.zamin.metrics.Metrics;
import org.zamin.ogc.cql2.SqlFilter;
import org.zamin.ogc.crs.Crs;
import org.zamin.parcel.Vocabulary;

/** The OGC API – Features routes under {@code /ogc}; {@link #ROUTES} is both the route table and what the OpenAPI document must list. */
public final class OgcRoutes {

    public static final String OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0";
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONFORMANCE = Stream.concat(Stream.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"), ItemFilters.CONFORMANCE.stream()).toList();

    /** OpenAPI path (relative to the server URL {@code /ogc}) of each route. */
    public static final List<String> ROUTES = List.of("/", "/api", "/conformance", "/collections",
            "/collections/{collectionId}", "/collections/{collectionId}/items",
            "/collections/{collectionId}/items/{featureId}", "/collections/{collectionId}/queryables");

    private final OgcRepository repository;
    private final Vocabulary vocabulary;
    private final String openApi;
    private final Metrics metrics;

    public OgcRoutes(OgcRepository repository, Vocabulary vocabulary, Metrics metrics) {
        this.repository = repository;
        this.vocabulary = vocabulary;
        this.metrics = metrics;
        try (InputStream in = OgcRoutes.class.getResourceAsStream("/ogc/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("missing /ogc/openapi.json");
            }
            this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers every route of {@link #ROUTES} under {@code /ogc}. */
    public void register(RoutesConfig routes) {
        Map<String, Handler> handlers = new LinkedHashMap<>();
        handlers.put("/", this::landing);
        handlers.put("/api", this::api);
        handlers.put("/conformance", this::conformance);
        handlers.put("/collections", this::collections);
        handlers.put("/collections/{collectionId}", this::collection);
        handlers.put("/collections/{collectionId}/items", this::items);
        handlers.put("/collections/{collectionId}/items/{featureId}", this::item);
        handlers.put("/collections/{collectionId}/queryables", this::queryables);
        if (!handlers.keySet().equals(Set.copyOf(ROUTES))) {
            throw new IllegalStateException("OGC route table and ROUTES differ");
        }
        handlers.forEach((path, handler) -> routes.get("/ogc" + (path.equals("/") ? "" : path), handler));
    }

    void landing(Context ctx) {
        String base = base(ctx);
        ObjectNode o = JSON.createObjectNode();
        o.put("title", "Zamin land bank");
        o.put("description", "Industrial estates and their plots, with public status, as OGC API – Features.");
        ArrayNode links = o.putArray("links");
        link(links, base, "self", "application/json", "This document");
        link(links, base + "/api", "service-desc", OPENAPI_TYPE, "The API definition");
        link(links, base + "/conformance", "conformance", "application/json", "Conformance classes");
        link(links, base + "/collections", "data", "application/json", "The collections");
        ctx.json(o);
    }

    void api(Context ctx) {
        ctx.contentType(OPENAPI_TYPE).result(openApi.replace("${serverUrl}", base(ctx)).getBytes(StandardCharsets.UTF_8));
    }

    void conformance(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        CONFORMANCE.forEach(o.putArray("conformsTo")::add);
        ctx.json(o);
    }

    void collections(Context ctx) {
        OgcRepository.Extent extent = repository.extent();
        ObjectNode o = JSON.createObjectNode();
        link(o.putArray("links"), base(ctx) + "/collections", "self", "application/json", "The collections");
        Crs.SUPPORTED.forEach(crs -> o.withArray("crs").add(crs.uri()));
        ArrayNode list = o.putArray("collections");
        for (Collection c : Collection.values()) {
            list.add(describe(ctx, c, extent));
        }
        ctx.json(o);
    }

    void collection(Context ctx) {
        ctx.json(describe(ctx, collectionOf(ctx), repository.extent()));
    }

    void items(Context ctx) {
        Collection c = collectionOf(ctx);
        int limit = Params.integer(ctx, "limit").orElse(DEFAULT_LIMIT);
        int offset = Params.integer(ctx, "offset").orElse(0);
        if (limit < 1 || offset < 0) {
            throw ApiException.invalidParameter(limit < 1 ? "limit" : "offset", "must be at least " + (limit < 1 ? 1 : 0));
        }
        limit = Math.min(limit, MAX_LIMIT);
        Interval datetime = Params.text(ctx, "datetime").map(v -> {
            try {
                return Interval.parse(v);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("datetime", e.getMessage());
            }
        }).orElse(new Interval(Optional.empty(), Optional.empty()));
        Map<String, String> filters = new LinkedHashMap<>();
        c.filters.forEach((name, values) -> Params.text(ctx, name).ifPresent(v -> {
            Set<String> allowed = values.apply(vocabulary);
            if (!allowed.isEmpty() && !allowed.contains(v)) {
                throw ApiException.invalidParameter(name, "has unknown value '" + v + "'");
            }
            filters.put(name, v);
        }));
        Crs crs = Crs.parameter("crs", Params.text(ctx, "crs"));
        Crs bboxCrs = Crs.parameter("bbox-crs", Params.text(ctx, "bbox-crs"));
        SqlFilter where = ItemFilters.condition(c, vocabulary, new ItemFilters.Request(Params.text(ctx, "filter"),
                Params.text(ctx, "filter-lang"), Params.text(ctx, "filter-crs"), Params.text(ctx, "bbox"), bboxCrs));
        Params.text(ctx, "filter").ifPresent(f -> metrics.ogcFilter(ItemFilters.language(Params.text(ctx, "filter-lang"))));
        var page = repository.items(c, new OgcRepository.ItemsQuery(Optional.empty(),
                bboxCrs == Crs.CRS84 ? Params.bbox(ctx, "bbox") : Optional.empty(), datetime, filters, limit, offset,
                where, crs));
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        long returned = Math.max(0, Math.min(limit, page.numberMatched() - offset));
        ArrayNode links = JSON.createArrayNode();
        String self = base(ctx) + "/collections/" + c.id + "/items";
        link(links, self + query(ctx, offset, limit), "self", GeoJson.MEDIA_TYPE, "This page");
        if (offset + returned < page.numberMatched()) {
            link(links, self + query(ctx, offset + limit, limit), "next", GeoJson.MEDIA_TYPE, "Next page");
        }
        if (offset > 0) {
            link(links, self + query(ctx, Math.max(0, offset - limit), limit), "prev", GeoJson.MEDIA_TYPE, "Previous page");
        }
        GeoJson.send(ctx, "{\"type\":\"FeatureCollection\",\"numberMatched\":" + page.numberMatched()
                + ",\"numberReturned\":" + returned + ",\"timeStamp\":\"" + Instant.now() + "\",\"links\":" + links
                + ",\"features\":" + page.featuresJson() + "}");
    }

    void item(Context ctx) {
        Collection c = collectionOf(ctx);
        String id = ctx.pathParam("featureId");
        if (c == Collection.PARCELS && !id.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.notFound("feature " + id);
        }
        Crs crs = Crs.parameter("crs", Params.text(ctx, "crs"));
        var page = repository.items(c, new OgcRepository.ItemsQuery(Optional.of(id), Optional.empty(),
                new Interval(Optional.empty(), Optional.empty()), Map.of(), 1, 0, SqlFilter.NONE, crs));
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        try {
            JsonNode features = JSON.readTree(page.featuresJson());
            if (features.isEmpty()) {
                throw ApiException.notFound("feature " + id);
            }
            ObjectNode feature = (ObjectNode) features.get(0);
            ArrayNode links = feature.putArray("links");
            String collection = base(ctx) + "/collections/" + c.id;
            link(links, collection + "/items/" + URLEncoder.encode(id, StandardCharsets.UTF_8), "self",
                    GeoJson.MEDIA_TYPE, "This feature");
            link(links, collection, "collection", "application/json", c.title);
            GeoJson.send(ctx, feature.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void queryables(Context ctx) {
        Collection c = collectionOf(ctx);
        ObjectNode schema = ItemFilters.schema(c, vocabulary, base(ctx) + "/collections/" + c.id + "/queryables");
        ctx.contentType("application/schema+json").result(schema.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode describe(Context ctx, Collection c, OgcRepository.Extent extent) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id);
        o.put("title", c.title);
        o.put("description", c.description);
        o.put("itemType", "feature");
        Crs.SUPPORTED.forEach(crs -> o.withArray("crs").add(crs.uri()));
        o.put("storageCrs", Crs.CRS84.uri());
        ObjectNode ext = o.putObject("extent");
        if (extent.bbox() != null) {
            ObjectNode spatial = ext.putObject("spatial");
            ArrayNode box = spatial.putArray("bbox").addArray();
            for (double v : extent.bbox()) {
                box.add(v);
            }
            spatial.put("crs", CRS84);
        }
        OffsetDateTime[] span = extent.intervals().get(c);
        ObjectNode temporal = ext.putObject("temporal");
        ArrayNode interval = temporal.putArray("interval").addArray();
        for (OffsetDateTime t : span) {
            if (t == null) {
                interval.addNull();
            } else {
                interval.add(t.toInstant().toString());
            }
        }
        temporal.put("trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian");
        ArrayNode links = o.putArray("links");
        String self = base(ctx) + "/collections/" + c.id;
        link(links, self, "self", "application/json", c.title);
        link(links, self + "/items", "items", GeoJson.MEDIA_TYPE, c.title + " as GeoJSON");
        link(links, self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
                "The properties a filter may name");
        return o;
    }

    private static Collection collectionOf(Context ctx) {
        String id = ctx.pathParam("collectionId");
        return Collection.find(id).orElseThrow(() -> ApiException.notFound("collection " + id));
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + "/ogc";
    }

    /** The request's query string with offset and limit set. */
    private static String query(Context ctx, int offset, int limit) {
        StringBuilder q = new StringBuilder("?");
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("offset") && !name.equals("limit")) {
                for (String v : values) {
                    q.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                }
            }
        });
        return q.append("limit=").append(limit).append("&offset=").append(offset).toString();
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode l = links.addObject();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        l.put("title", title);
    }
}
