package org.zamin.ogc;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.zamin.http.ApiException;
import org.zamin.http.Params;

/**
 * The representation of an OGC answer: JSON (GeoJSON for features) or an HTML page. {@code f=json|html} decides;
 * without it, HTML only when the {@code Accept} header ranks {@code text/html} above every JSON type (a browser),
 * so GDAL, QGIS and scripts keep getting JSON.
 */
public enum OgcFormat {
    JSON("json"), HTML("html");

    public final String parameter;

    OgcFormat(String parameter) {
        this.parameter = parameter;
    }

    /** The format a request asks for among those a route offers; an {@code f} the route does not offer is 400. */
    public static OgcFormat of(Context ctx, Set<OgcFormat> offered) {
        Optional<String> f = Params.text(ctx, "f");
        if (f.isPresent()) {
            String v = f.get().toLowerCase(Locale.ROOT);
            for (OgcFormat format : offered) {
                if (format.parameter.equals(v)) {
                    return format;
                }
            }
            throw ApiException.invalidParameter("f", "must be one of " + String.join(", ",
                    offered.stream().map(o -> o.parameter).sorted().toList()) + ", got '" + f.get() + "'");
        }
        return offered.contains(HTML) && prefersHtml(ctx.header("Accept")) ? HTML : JSON;
    }

    /** True when {@code text/html} (or XHTML) is named with a higher quality than any JSON type or wildcard. */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json") || type.equals("application/geo+json")
                    || type.startsWith("application/vnd.oai.openapi") || type.equals("application/*")) {
                json = Math.max(json, q);
            } else if (type.equals("*/*")) {
                // a browser's "anything else" ranks below the HTML it names; alone it means the default, JSON
                json = Math.max(json, Math.min(q, 0.999));
            }
        }
        return html > json;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
