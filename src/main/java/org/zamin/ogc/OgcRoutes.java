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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;
import org.zamin.http.PageCursor;
import org.zamin.http.Params;
import org.zamin.metrics.Metrics;
import org.zamin.ogc.cql2.SqlFilter;
import org.zamin.ogc.crs.Crs;
import org.zamin.parcel.Vocabulary;

/**
 * The OGC API – Features routes under {@code /ogc}. {@link #PARAMETERS} is the route table: each route with the
 * query parameters it accepts (anything else is 400, /req/core/query-param-unknown); the OpenAPI document must list
 * exactly these routes and parameters. {@link #CONFORMANCE} declares the classes whose tests pass.
 */
public final class OgcRoutes {

    public static final String OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0";
    public static final String HTML_TYPE = "text/html; charset=utf-8";
    /** Items per page without {@code limit}: GDAL's OAPIF driver reads 1,024 plots in 11 requests, not 103. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEATURES_1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";

    /** The conformance classes this API declares: each has its tests, named after its requirements. */
    public static final List<String> CONFORMANCE = Stream.concat(Stream.of(
            // Part 1: Core (OgcCoreTest), GeoJSON, HTML (OgcHtmlTest), OpenAPI 3.0
            FEATURES_1 + "core",
            FEATURES_1 + "geojson",
            FEATURES_1 + "html",
            FEATURES_1 + "oas30"),
            // Part 2 (CRS by reference, OgcCrsTest) and Part 3 (Filtering and CQL2, OgcFilterTest)
            ItemFilters.CONFORMANCE.stream()).toList();

    /** Every route takes these: the format and the language of HTML pages. */
    private static final List<String> COMMON = List.of("f", "lang");

    /**
     * Each route (OpenAPI path relative to {@code /ogc}) and the query parameters it accepts besides {@link #COMMON};
     * items also take their collection's property filters ({@link Collection#filters}). The queryables route
     * (Part 3) takes only the common ones.
     */
    public static final Map<String, List<String>> PARAMETERS = parameters(
            Map.entry("/", List.of()),
            Map.entry("/api", List.of()),
            Map.entry("/conformance", List.of()),
            Map.entry("/collections", List.of()),
            Map.entry("/collections/{collectionId}", List.of()),
            Map.entry("/collections/{collectionId}/items", Stream.concat(Stream.of(
                    "limit",
                    "offset",
                    "cursor",
                    "bbox",
                    "datetime"),
                    // Parts 2 and 3: crs, bbox-crs, filter, filter-lang, filter-crs
                    ItemFilters.ITEMS_PARAMETERS.stream().sorted()).toList()),
            Map.entry("/collections/{collectionId}/items/{featureId}", List.of("crs")),
            Map.entry("/collections/{collectionId}/queryables", List.of()));

    /** OpenAPI path (relative to the server URL {@code /ogc}) of each route. */
    public static final List<String> ROUTES = List.copyOf(PARAMETERS.keySet());

    private static final Set<OgcFormat> JSON_OR_HTML = Set.of(OgcFormat.JSON, OgcFormat.HTML);

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

    /** Registers every route of {@link #PARAMETERS} under {@code /ogc}, each refusing parameters it does not take. */
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
            throw new IllegalStateException("OGC route table and PARAMETERS differ");
        }
        handlers.forEach((path, handler) -> routes.get("/ogc" + (path.equals("/") ? "" : path), ctx -> {
            refuseUnknownParameters(ctx, path);
            handler.handle(ctx);
        }));
    }

    /** The query parameters a route accepts: {@link #COMMON}, its own, and on items the collection's filters. */
    public static Set<String> accepted(String route, Optional<Collection> collection) {
        Set<String> names = new TreeSet<>(COMMON);
        names.addAll(PARAMETERS.get(route));
        if (route.equals("/collections/{collectionId}/items")) {
            collection.ifPresent(c -> names.addAll(c.filters.keySet()));
        }
        return names;
    }

    /** /req/core/query-param-unknown: a parameter the route does not take is 400, not silently ignored. */
    private static void refuseUnknownParameters(Context ctx, String route) {
        Optional<Collection> collection = ctx.pathParamMap().containsKey("collectionId")
                ? Optional.of(collectionOf(ctx)) : Optional.empty();
        Set<String> accepted = accepted(route, collection);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!accepted.contains(name)) {
                throw ApiException.badRequest("unknown_parameter", "parameter '" + name + "' is not supported here; "
                        + "this path takes " + String.join(", ", accepted));
            }
        }
    }

    void landing(Context ctx) {
        OgcFormat format = format(ctx, JSON_OR_HTML);
        String base = base(ctx);
        ObjectNode o = JSON.createObjectNode();
        o.put("title", "Zamin land bank");
        o.put("description", "Industrial estates and their plots, with public status, as OGC API – Features.");
        ArrayNode links = o.putArray("links");
        selfAndAlternate(links, base, "", format, "application/json", "This document");
        link(links, base + "/api", "service-desc", OPENAPI_TYPE, "The API definition");
        link(links, base + "/conformance", "conformance", "application/json", "Conformance classes");
        link(links, base + "/collections", "data", "application/json", "The collections");
        respond(ctx, format, o, html -> html.landing(o));
    }

    void api(Context ctx) {
        OgcFormat format = format(ctx, JSON_OR_HTML);
        vary(ctx);
        String definition = openApi.replace("${serverUrl}", base(ctx));
        if (format == OgcFormat.HTML) {
            OgcHtml html = new OgcHtml(language(ctx), base(ctx));
            ctx.contentType(HTML_TYPE).result(html.api(readJson(definition)).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ctx.contentType(OPENAPI_TYPE).result(definition.getBytes(StandardCharsets.UTF_8));
    }

    void conformance(Context ctx) {
        OgcFormat format = format(ctx, JSON_OR_HTML);
        ObjectNode o = JSON.createObjectNode();
        CONFORMANCE.forEach(o.putArray("conformsTo")::add);
        selfAndAlternate(o.putArray("links"), base(ctx) + "/conformance", "", format, "application/json",
                "Conformance classes");
        respond(ctx, format, o, html -> html.conformance(o));
    }

    void collections(Context ctx) {
        OgcFormat format = format(ctx, JSON_OR_HTML);
        OgcRepository.Extent extent = repository.extent();
        ObjectNode o = JSON.createObjectNode();
        selfAndAlternate(o.putArray("links"), base(ctx) + "/collections", "", format, "application/json",
                "The collections");
        Crs.SUPPORTED.forEach(crs -> o.withArray("crs").add(crs.uri()));
        ArrayNode list = o.putArray("collections");
        for (Collection c : Collection.values()) {
            list.add(describe(ctx, c, extent));
        }
        respond(ctx, format, o, html -> html.collections(o));
    }

    void collection(Context ctx) {
        OgcFormat format = format(ctx, JSON_OR_HTML);
        ObjectNode o = describe(ctx, collectionOf(ctx), repository.extent());
        respond(ctx, format, o, html -> html.collection(o));
    }

    void items(Context ctx) {
        Collection c = collectionOf(ctx);
        OgcFormat format = format(ctx, JSON_OR_HTML);
        int limit = Params.integer(ctx, "limit").orElse(DEFAULT_LIMIT);
        int offset = Params.integer(ctx, "offset").orElse(0);
        if (limit < 1 || offset < 0) {
            throw ApiException.invalidParameter(limit < 1 ? "limit" : "offset", "must be at least " + (limit < 1 ? 1 : 0));
        }
        Optional<String> after = c == Collection.PARCELS
                ? PageCursor.idKey(ctx.queryParam("cursor"), c.id).map(String::valueOf)
                : PageCursor.key(ctx.queryParam("cursor"), c.id);
        if (after.isPresent() && offset > 0) {
            throw ApiException.invalidParameter("offset", "cannot be combined with cursor");
        }
        limit = Math.min(limit, MAX_LIMIT);
        Interval datetime = datetime(ctx);
        Map<String, String> filters = filters(ctx, c);
        // Parts 2 and 3: the response's CRS; a bbox in another CRS and a filter become one bound SQL condition
        Crs crs = Crs.parameter("crs", Params.text(ctx, "crs"));
        Crs bboxCrs = Crs.parameter("bbox-crs", Params.text(ctx, "bbox-crs"));
        SqlFilter where = ItemFilters.condition(c, vocabulary, new ItemFilters.Request(Params.text(ctx, "filter"),
                Params.text(ctx, "filter-lang"), Params.text(ctx, "filter-crs"), Params.text(ctx, "bbox"), bboxCrs));
        Params.text(ctx, "filter").ifPresent(f -> metrics.ogcFilter(ItemFilters.language(Params.text(ctx, "filter-lang"))));
        var page = repository.items(c, new OgcRepository.ItemsQuery(Optional.empty(),
                bboxCrs == Crs.CRS84 ? bbox(ctx) : List.of(), datetime, filters, limit, offset, after, where, crs));
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        String self = base(ctx) + "/collections/" + c.id + "/items";
        ObjectNode fc = JSON.createObjectNode();
        fc.put("type", "FeatureCollection");
        // Counting every match of a large list would cost a scan of all of them: numberMatched is left out then
        // (OGC API Features allows that), except on the last page of a list paged by offset, where it is known.
        page.numberMatched().or(() -> !page.more() && after.isEmpty()
                        ? Optional.of(offset + page.numberReturned()) : Optional.empty())
                .ifPresent(n -> fc.put("numberMatched", n));
        fc.put("numberReturned", page.numberReturned());
        fc.put("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode links = fc.putArray("links");
        String thisPage = pageQuery(ctx, limit) + after.map(a -> "&cursor=" + PageCursor.after(c.id, a))
                .orElse("&offset=" + offset);
        selfAndAlternate(links, self, thisPage, format, GeoJson.MEDIA_TYPE, "This page");
        String formatType = format == OgcFormat.HTML ? "text/html" : GeoJson.MEDIA_TYPE;
        String next = page.more()
                ? self + "?" + pageQuery(ctx, limit) + "&cursor=" + PageCursor.after(c.id, page.lastKey().orElseThrow())
                        + "&f=" + format.parameter
                : null;
        String prev = after.isEmpty() && offset > 0
                ? self + "?" + pageQuery(ctx, limit) + "&offset=" + Math.max(0, offset - limit) + "&f=" + format.parameter
                : null;
        if (next != null) {
            link(links, next, "next", formatType, "Next page");
        }
        if (prev != null) {
            link(links, prev, "prev", formatType, "Previous page");
        }
        link(links, base(ctx) + "/collections/" + c.id, "collection", "application/json", c.title);
        if (format == OgcFormat.HTML) {
            fc.set("features", readJson(page.featuresJson()));
            vary(ctx);
            OgcHtml html = new OgcHtml(language(ctx), base(ctx));
            ctx.contentType(HTML_TYPE).result(html.items(c.id, fc, self + "?" + thisPage + "&f=json",
                    prev, next).getBytes(StandardCharsets.UTF_8));
            return;
        }
        vary(ctx);
        // PostGIS wrote the features' JSON: it goes out as it came, not parsed and written again
        String head = fc.toString();
        GeoJson.send(ctx, head.substring(0, head.length() - 1) + ",\"features\":" + page.featuresJson() + "}");
    }

    void item(Context ctx) {
        Collection c = collectionOf(ctx);
        OgcFormat format = format(ctx, JSON_OR_HTML);
        String id = ctx.pathParam("featureId");
        if (c == Collection.PARCELS && !id.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.notFound("feature " + id);
        }
        Crs crs = Crs.parameter("crs", Params.text(ctx, "crs"));
        var page = repository.items(c, new OgcRepository.ItemsQuery(Optional.of(id), List.of(),
                new Interval(Optional.empty(), Optional.empty()), Map.of(), 1, 0, Optional.empty(), SqlFilter.NONE, crs));
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        JsonNode features = readJson(page.featuresJson());
        if (features.isEmpty()) {
            throw ApiException.notFound("feature " + id);
        }
        ObjectNode feature = (ObjectNode) features.get(0);
        ArrayNode links = feature.putArray("links");
        String collection = base(ctx) + "/collections/" + c.id;
        String self = collection + "/items/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        selfAndAlternate(links, self, "", format, GeoJson.MEDIA_TYPE, "This feature");
        link(links, collection, "collection", "application/json", c.title);
        vary(ctx);
        if (format == OgcFormat.HTML) {
            OgcHtml html = new OgcHtml(language(ctx), base(ctx));
            ctx.contentType(HTML_TYPE).result(html.item(c.id, feature, self + "?f=json").getBytes(StandardCharsets.UTF_8));
            return;
        }
        GeoJson.send(ctx, feature.toString());
    }

    /** {@code f} among the formats offered (400 otherwise), else negotiated from {@code Accept}. */
    private static OgcFormat format(Context ctx, Set<OgcFormat> offered) {
        return Params.text(ctx, "f").map(f -> OgcFormat.named(f, offered).orElseThrow(() ->
                ApiException.invalidParameter("f", "must be one of " + String.join(", ", offered.stream()
                        .map(o -> o.parameter).sorted().toList()) + ", got '" + f + "'")))
                .orElseGet(() -> OgcFormat.negotiated(ctx.header("Accept"), offered));
    }

    /** {@code lang} (400 unless en or fa), else from {@code Accept-Language}. */
    private static OgcLanguage language(Context ctx) {
        return Params.text(ctx, "lang").map(l -> OgcLanguage.find(l).orElseThrow(() ->
                ApiException.invalidParameter("lang", "must be en or fa, got '" + l + "'")))
                .orElseGet(() -> OgcLanguage.fromAcceptLanguage(ctx.header("Accept-Language")));
    }

    private static List<org.zamin.spatial.BoundingBox> bbox(Context ctx) {
        return Params.text(ctx, "bbox").map(v -> {
            try {
                return OgcBbox.parse(v);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("bbox", e.getMessage());
            }
        }).orElse(List.of());
    }

    private static Interval datetime(Context ctx) {
        return Params.text(ctx, "datetime").map(v -> {
            try {
                return Interval.parse(v);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("datetime", e.getMessage());
            }
        }).orElse(new Interval(Optional.empty(), Optional.empty()));
    }

    private Map<String, String> filters(Context ctx, Collection c) {
        Map<String, String> filters = new LinkedHashMap<>();
        c.filters.forEach((name, values) -> Params.text(ctx, name).ifPresent(v -> {
            Set<String> allowed = values.apply(vocabulary);
            if (!allowed.isEmpty() && !allowed.contains(v)) {
                throw ApiException.invalidParameter(name, "has unknown value '" + v + "'");
            }
            filters.put(name, v);
        }));
        return filters;
    }

    /** Sends a JSON document, or its HTML page. */
    private static void respond(Context ctx, OgcFormat format, ObjectNode doc,
                                java.util.function.Function<OgcHtml, String> page) {
        vary(ctx);
        if (format == OgcFormat.HTML) {
            ctx.contentType(HTML_TYPE).result(page.apply(new OgcHtml(language(ctx), base(ctx)))
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            ctx.contentType("application/json").result(doc.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The answer depends on Accept (JSON or HTML) and Accept-Language (the page's language). */
    private static void vary(Context ctx) {
        ctx.res().addHeader("Vary", "Accept, Accept-Language");
    }

    void queryables(Context ctx) {
        Collection c = collectionOf(ctx);
        OgcFormat format = format(ctx, JSON_OR_HTML);
        String self = base(ctx) + "/collections/" + c.id + "/queryables";
        ObjectNode schema = ItemFilters.schema(c, vocabulary, self);
        vary(ctx);
        if (format == OgcFormat.HTML) {
            OgcHtml html = new OgcHtml(language(ctx), base(ctx));
            ctx.contentType(HTML_TYPE).result(html.queryables(c.id, schema, self + "?f=json")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
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
        selfAndAlternate(links, self, "", OgcFormat.JSON, "application/json", c.title);
        link(links, self + "/items", "items", GeoJson.MEDIA_TYPE, c.title + " as GeoJSON");
        link(links, self + "/items?f=html", "items", "text/html", c.title + " as HTML");
        link(links, self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
                "The properties a filter may name");
        return o;
    }

    /**
     * The {@code self} link (in the format answered) and an {@code alternate} link for the other format
     * (/req/core/…-links: a link per other representation); {@code query} is the rest of the query string.
     */
    private static void selfAndAlternate(ArrayNode links, String href, String query, OgcFormat format, String jsonType,
                                         String title) {
        String q = query.isEmpty() ? "?f=" : "?" + query + "&f=";
        boolean html = format == OgcFormat.HTML;
        link(links, href + q + format.parameter, "self", html ? "text/html" : jsonType, title);
        link(links, href + q + (html ? "json" : "html"), "alternate", html ? jsonType : "text/html",
                title + (html ? " as JSON" : " as HTML"));
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Collection collectionOf(Context ctx) {
        String id = ctx.pathParam("collectionId");
        return Collection.find(id).orElseThrow(() -> ApiException.notFound("collection " + id));
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host() + "/ogc";
    }

    /** The request's query string without {@code f} and where the page starts, with limit set. */
    private static String pageQuery(Context ctx, int limit) {
        StringBuilder q = new StringBuilder();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("offset") && !name.equals("cursor") && !name.equals("limit") && !name.equals("f")) {
                for (String v : values) {
                    q.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                }
            }
        });
        return q.append("limit=").append(limit).toString();
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode l = links.addObject();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        l.put("title", title);
    }

    @SafeVarargs
    private static Map<String, List<String>> parameters(Map.Entry<String, List<String>>... routes) {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (var route : routes) {
            table.put(route.getKey(), List.copyOf(new LinkedHashSet<>(route.getValue())));
        }
        return java.util.Collections.unmodifiableMap(table);
    }
}
