package org.zamin.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The OGC API's HTML pages (conformance class html): small server-rendered pages in English or Persian built from
 * the same JSON documents the API sends, every value escaped. Pages with features carry them as a JSON data block
 * that {@code web/js/ogc-map.js} draws on a Leaflet map (no inline script: the CSP forbids it).
 */
final class OgcHtml {

    private static final String LEAFLET = "/webjars/leaflet/1.9.4/dist/leaflet";

    /** One step of the breadcrumb trail: its label and its link (null for the page itself). */
    record Crumb(String label, String href) {}

    private final OgcLanguage lang;
    private final String base;

    OgcHtml(OgcLanguage lang, String base) {
        this.lang = lang;
        this.base = base;
    }

    /** A link to an OGC path as an HTML page in this language ({@code query} without {@code f} and {@code lang}). */
    String href(String path, String query) {
        return base + path + "?" + (query.isEmpty() ? "" : query + "&") + "f=html&lang=" + lang.code;
    }

    String landing(JsonNode doc) {
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(esc(lang.text("ogc.description"))).append("</p><ul>");
        b.append(item(href("/collections", ""), lang.text("ogc.collections")));
        b.append(item(href("/conformance", ""), lang.text("ogc.conformance")));
        b.append(item(base + "/api", lang.text("ogc.apiDefinition")));
        b.append("</ul>").append(links(doc));
        return page(lang.text("ogc.title"), List.of(), base + "?f=json", "", b.toString(), null);
    }

    String conformance(JsonNode doc) {
        StringBuilder b = new StringBuilder("<ul>");
        doc.get("conformsTo").forEach(c -> b.append("<li><code>").append(esc(c.asText())).append("</code></li>"));
        b.append("</ul>").append(links(doc));
        return page(lang.text("ogc.conformance"), List.of(home()), base + "/conformance?f=json", "/conformance",
                b.toString(), null);
    }

    String collections(JsonNode doc) {
        StringBuilder b = new StringBuilder("<ul>");
        doc.get("collections").forEach(c -> {
            String id = c.get("id").asText();
            b.append("<li><a href=\"").append(esc(href("/collections/" + enc(id), ""))).append("\">")
                    .append(esc(title(id))).append("</a> — ").append(esc(description(id))).append("</li>");
        });
        b.append("</ul>").append(links(doc));
        return page(lang.text("ogc.collections"), List.of(home()), base + "/collections?f=json", "/collections",
                b.toString(), null);
    }

    String collection(JsonNode doc) {
        String id = doc.get("id").asText();
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(esc(description(id))).append("</p><dl>");
        JsonNode spatial = doc.path("extent").path("spatial").path("bbox").path(0);
        if (spatial.isArray()) {
            StringBuilder box = new StringBuilder();
            spatial.forEach(v -> box.append(box.length() == 0 ? "" : ", ").append(lang.digits(v.asText())));
            b.append(term("ogc.extent", box.toString()));
        }
        JsonNode interval = doc.path("extent").path("temporal").path("interval").path(0);
        if (interval.isArray()) {
            b.append(term("ogc.temporal", lang.digits(interval.get(0).asText("..")) + " – "
                    + lang.digits(interval.get(1).asText(".."))));
        }
        b.append("</dl><p><a href=\"").append(esc(href("/collections/" + enc(id) + "/items", ""))).append("\">")
                .append(esc(lang.text("ogc.browse"))).append("</a></p>").append(links(doc));
        String path = "/collections/" + enc(id);
        return page(title(id), List.of(home(), collectionsCrumb()), base + path + "?f=json", path, b.toString(), null);
    }

    /** A page of features: counts, a map, a table, and the next and previous pages. */
    String items(String collectionId, JsonNode fc, String jsonHref, String prevHref, String nextHref) {
        StringBuilder b = new StringBuilder();
        b.append("<p>");
        if (fc.has("numberMatched")) {
            b.append(esc(lang.text("ogc.numberMatched"))).append(": ")
                    .append(lang.digits(fc.get("numberMatched").asText())).append(" · ");
        }
        b.append(esc(lang.text("ogc.numberReturned"))).append(": ")
                .append(lang.digits(fc.get("numberReturned").asText())).append("</p>");
        b.append(map());
        JsonNode features = fc.get("features");
        if (features.isEmpty()) {
            b.append("<p>").append(esc(lang.text("ogc.noFeatures"))).append("</p>");
        } else {
            b.append("<table><thead><tr><th>").append(esc(lang.text("ogc.id"))).append("</th>");
            List<String> names = propertyNames(features.get(0));
            names.forEach(n -> b.append("<th>").append(esc(n)).append("</th>"));
            b.append("</tr></thead><tbody>");
            String itemsPath = "/collections/" + enc(collectionId) + "/items/";
            features.forEach(f -> {
                String id = f.get("id").asText();
                b.append("<tr><td><a href=\"").append(esc(href(itemsPath + enc(id), ""))).append("\">").append(esc(id))
                        .append("</a></td>");
                names.forEach(n -> b.append("<td>").append(value(f.path("properties").path(n))).append("</td>"));
                b.append("</tr>");
            });
            b.append("</tbody></table>");
        }
        b.append("<nav class=\"pages\">");
        if (prevHref != null) {
            b.append("<a rel=\"prev\" href=\"").append(esc(prevHref)).append("\">").append(esc(lang.text("ogc.prev")))
                    .append("</a> ");
        }
        if (nextHref != null) {
            b.append("<a rel=\"next\" href=\"").append(esc(nextHref)).append("\">").append(esc(lang.text("ogc.next")))
                    .append("</a>");
        }
        b.append("</nav>").append(links(fc));
        return page(lang.text("ogc.items") + " — " + title(collectionId),
                List.of(home(), collectionsCrumb(), new Crumb(title(collectionId),
                        href("/collections/" + enc(collectionId), ""))), jsonHref,
                "/collections/" + enc(collectionId) + "/items", b.toString(), fc);
    }

    String item(String collectionId, JsonNode feature, String jsonHref) {
        String id = feature.get("id").asText();
        StringBuilder b = new StringBuilder(map());
        b.append("<table><thead><tr><th>").append(esc(lang.text("ogc.property"))).append("</th><th>")
                .append(esc(lang.text("ogc.value"))).append("</th></tr></thead><tbody>");
        propertyNames(feature).forEach(n -> b.append("<tr><th>").append(esc(n)).append("</th><td>")
                .append(value(feature.path("properties").path(n))).append("</td></tr>"));
        b.append("</tbody></table>").append(links(feature));
        String collection = "/collections/" + enc(collectionId);
        return page(title(collectionId) + " " + id, List.of(home(), collectionsCrumb(),
                new Crumb(title(collectionId), href(collection, "")),
                new Crumb(lang.text("ogc.items"), href(collection + "/items", ""))), jsonHref,
                collection + "/items/" + enc(id), b.toString(), feature);
    }

    /** A collection's queryables (Part 3): each property a filter may name, its type and its allowed values. */
    String queryables(String collectionId, JsonNode schema, String jsonHref) {
        StringBuilder b = new StringBuilder("<table><thead><tr><th>").append(esc(lang.text("ogc.property")))
                .append("</th><th>").append(esc(lang.text("ogc.type"))).append("</th><th>")
                .append(esc(lang.text("ogc.values"))).append("</th></tr></thead><tbody>");
        schema.path("properties").fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            String type = p.path("type").asText(p.path("format").asText()) + (p.has("format") && p.has("type")
                    ? " (" + p.get("format").asText() + ")" : "");
            StringBuilder values = new StringBuilder();
            p.path("enum").forEach(v -> values.append(values.length() == 0 ? "" : ", ").append(v.asText()));
            b.append("<tr><th><code>").append(esc(e.getKey())).append("</code></th><td>").append(esc(type))
                    .append("</td><td>").append(esc(values.toString())).append("</td></tr>");
        });
        b.append("</tbody></table>");
        String collection = "/collections/" + enc(collectionId);
        return page(lang.text("ogc.queryables") + " — " + title(collectionId), List.of(home(), collectionsCrumb(),
                new Crumb(title(collectionId), href(collection, ""))), jsonHref, collection + "/queryables",
                b.toString(), null);
    }

    /** /req/html/content: every link of the JSON document as an {@code <a>} in the body. */
    String links(JsonNode doc) {
        JsonNode links = doc.path("links");
        if (!links.isArray() || links.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>").append(esc(lang.text("ogc.links"))).append("</h2><ul class=\"links\">");
        links.forEach(l -> b.append("<li><a rel=\"").append(esc(l.path("rel").asText())).append("\" type=\"")
                .append(esc(l.path("type").asText())).append("\" href=\"").append(esc(l.path("href").asText()))
                .append("\">").append(esc(l.path("title").asText(l.path("href").asText()))).append("</a> <code>")
                .append(esc(l.path("rel").asText())).append(" · ").append(esc(l.path("type").asText()))
                .append("</code></li>"));
        return b.append("</ul>").toString();
    }

    /** The API definition as a page: each path with the query parameters it takes. */
    String api(JsonNode openApi) {
        StringBuilder b = new StringBuilder("<p><a href=\"").append(esc(base + "/api?f=json")).append("\">")
                .append(esc(lang.text("ogc.apiDefinition"))).append("</a></p><table><thead><tr><th>")
                .append(esc(lang.text("ogc.path"))).append("</th><th>").append(esc(lang.text("ogc.parameters")))
                .append("</th></tr></thead><tbody>");
        JsonNode components = openApi.path("components").path("parameters");
        openApi.path("paths").fields().forEachRemaining(e -> {
            StringBuilder names = new StringBuilder();
            e.getValue().path("get").path("parameters").forEach(p -> {
                JsonNode param = p.has("$ref") ? components.path(p.get("$ref").asText().replace(
                        "#/components/parameters/", "")) : p;
                names.append(names.length() == 0 ? "" : ", ").append(param.path("name").asText());
            });
            b.append("<tr><td><code>").append(esc(e.getKey())).append("</code></td><td><code>")
                    .append(esc(names.toString())).append("</code></td></tr>");
        });
        b.append("</tbody></table>");
        return page(lang.text("ogc.apiDefinition"), List.of(home()), base + "/api?f=json", "/api", b.toString(), null);
    }

    private String page(String title, List<Crumb> crumbs, String jsonHref, String path, String body, JsonNode geoJson) {
        OgcLanguage other = lang == OgcLanguage.EN ? OgcLanguage.FA : OgcLanguage.EN;
        StringBuilder h = new StringBuilder(4096);
        h.append("<!doctype html>\n<html lang=\"").append(lang.code).append("\" dir=\"").append(lang.direction)
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                        + "initial-scale=1\"><title>").append(esc(title)).append("</title>");
        if (geoJson != null) {
            h.append("<link rel=\"stylesheet\" href=\"").append(LEAFLET).append(".css\">");
        }
        h.append("<link rel=\"stylesheet\" href=\"/css/ogc.css\">");
        h.append("<link rel=\"alternate\" type=\"application/json\" href=\"").append(esc(jsonHref)).append("\">");
        h.append("</head><body><header><nav aria-label=\"").append(esc(lang.text("ogc.breadcrumbs"))).append("\">");
        for (Crumb c : crumbs) {
            h.append("<a href=\"").append(esc(c.href())).append("\">").append(esc(c.label())).append("</a> › ");
        }
        h.append("<span>").append(esc(title)).append("</span></nav> <a class=\"lang\" lang=\"").append(other.code)
                .append("\" hreflang=\"").append(other.code).append("\" href=\"")
                .append(esc(base + path + "?f=html&lang=" + other.code)).append("\">")
                .append(esc(lang.text("lang." + other.code))).append("</a> <a class=\"json\" href=\"")
                .append(esc(jsonHref)).append("\">").append(esc(lang.text("ogc.asJson"))).append("</a></header><main><h1>")
                .append(esc(title)).append("</h1>").append(body).append("</main>");
        if (geoJson != null) {
            // a data block, not a script: the map script reads it; '<' escaped so no text can close the element
            h.append("<script type=\"application/geo+json\" id=\"ogc-data\">")
                    .append(geoJson.toString().replace("<", "\\u003c")).append("</script>");
            h.append("<script src=\"").append(LEAFLET).append(".js\"></script>");
            h.append("<script src=\"/js/ogc-map.js\"></script>");
        }
        return h.append("</body></html>\n").toString();
    }

    private String map() {
        return "<div id=\"ogc-map\" role=\"region\" aria-label=\"" + esc(lang.text("ogc.mapLabel")) + "\"></div>";
    }

    private String term(String key, String value) {
        return "<dt>" + esc(lang.text(key)) + "</dt><dd>" + esc(value) + "</dd>";
    }

    private String value(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return "";
        }
        if (v.isNumber()) {
            return esc(lang.digits(v.asText()));
        }
        return esc(v.isValueNode() ? v.asText() : v.toString());
    }

    private static List<String> propertyNames(JsonNode feature) {
        List<String> names = new java.util.ArrayList<>();
        feature.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Crumb home() {
        return new Crumb(lang.text("ogc.home"), href("", ""));
    }

    private Crumb collectionsCrumb() {
        return new Crumb(lang.text("ogc.collections"), href("/collections", ""));
    }

    private String title(String collectionId) {
        return lang.text("ogc.collection." + collectionId);
    }

    private String description(String collectionId) {
        return lang.text("ogc.collection." + collectionId + ".description");
    }

    private static String item(String href, String label) {
        return "<li><a href=\"" + esc(href) + "\">" + esc(label) + "</a></li>";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Text as HTML text or attribute value: the five characters that could end either are replaced. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
