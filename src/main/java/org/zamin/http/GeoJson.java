package org.zamin.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** Sends GeoJSON text that PostGIS has already assembled. */
public final class GeoJson {

    /** The media type RFC 7946 registers. */
    public static final String MEDIA_TYPE = "application/geo+json";

    private GeoJson() {}

    public static void send(Context ctx, String geoJson) {
        // JSON is UTF-8 (RFC 8259); bytes, so the servlet's ISO-8859-1 default for unknown types never applies.
        ctx.contentType(MEDIA_TYPE).result(geoJson.getBytes(StandardCharsets.UTF_8));
    }
}
