package org.zamin.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** Writes plots as an RFC 7946 FeatureCollection (WGS84, exterior rings counter-clockwise). */
public final class GeoJsonWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonWriter() {}

    /** A writer of one FeatureCollection to {@code out}; {@link FeatureWriter#finish()} closes the collection, not {@code out}. */
    public static FeatureWriter open(OutputStream out) throws IOException {
        JsonGenerator g = JSON.getFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeArrayFieldStart("features");
        return new FeatureWriter() {
            @Override
            public void write(ExportRow r) throws IOException {
                feature(g, r);
            }

            @Override
            public void finish() throws IOException {
                g.writeEndArray();
                g.writeEndObject();
                g.close();
            }
        };
    }

    private static void feature(JsonGenerator g, ExportRow r) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeNumberField("id", r.id());
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Polygon");
        g.writeArrayFieldStart("coordinates");
        Polygon p = (Polygon) r.geometry().norm();
        ring(g, p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            ring(g, p.getInteriorRingN(i));
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("plot_no", r.plotNumber());
        g.writeStringField("estate", r.estate());
        g.writeStringField("land_use", r.landUse());
        g.writeNumberField("price_m2", r.pricePerM2());
        g.writeNumberField("area_m2", Math.round(r.areaM2() * 100) / 100.0);
        g.writeStringField("status", r.status());
        g.writeArrayFieldStart("utilities");
        for (String u : r.utilities()) {
            g.writeString(u);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** JTS's normal form has clockwise shells and counter-clockwise holes; RFC 7946 wants the reverse. */
    private static void ring(JsonGenerator g, LineString ring) throws IOException {
        Coordinate[] c = ring.getCoordinates();
        g.writeStartArray();
        for (int k = 0; k < c.length; k++) {
            Coordinate p = c[c.length - 1 - k];
            g.writeStartArray();
            g.writeNumber(p.x);
            g.writeNumber(p.y);
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
