package org.zamin.ogc;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /** The format {@code f} names among those a route offers; empty when it names none of them. */
    public static Optional<OgcFormat> named(String f, Set<OgcFormat> offered) {
        String v = f.strip().toLowerCase(Locale.ROOT);
        return offered.stream().filter(o -> o.parameter.equals(v)).findFirst();
    }

    /** The format without {@code f}: HTML for a browser's {@code Accept} when the route offers it, else JSON. */
    public static OgcFormat negotiated(String accept, Set<OgcFormat> offered) {
        return offered.contains(HTML) && prefersHtml(accept) ? HTML : JSON;
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
