package org.zamin.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** Small helpers for building GeoJSON features and writing FeatureCollections one feature per line. */
public final class GeoJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GeoJson() {}

    /** Rounds a coordinate to 7 decimals (about 1 cm), the precision of all generated data. */
    public static double round7(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    /** A Feature with the given geometry and a fresh, empty properties object. */
    public static ObjectNode feature(ObjectNode geometry) {
        ObjectNode f = F.objectNode();
        f.put("type", "Feature");
        f.set("geometry", geometry);
        f.putObject("properties");
        return f;
    }

    /** The properties object of a feature. */
    public static ObjectNode props(ObjectNode feature) {
        return (ObjectNode) feature.get("properties");
    }

    /** A Polygon with one (exterior) ring; {@code ring} must already be closed and counter-clockwise. */
    public static ObjectNode polygon(ArrayNode ring) {
        ObjectNode g = F.objectNode();
        g.put("type", "Polygon");
        g.putArray("coordinates").add(ring);
        return g;
    }

    /** A LineString from a coordinate array. */
    public static ObjectNode lineString(ArrayNode coords) {
        ObjectNode g = F.objectNode();
        g.put("type", "LineString");
        g.set("coordinates", coords);
        return g;
    }

    /** A {@code [lon, lat]} position. */
    public static ArrayNode position(double lon, double lat) {
        ArrayNode a = F.arrayNode(2);
        a.add(lon);
        a.add(lat);
        return a;
    }

    /** Writes a FeatureCollection with one feature per line (UTF-8, Persian text unescaped). */
    public static void writeCollection(Path file, Iterator<ObjectNode> features) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeCollection(w, features);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a FeatureCollection with one feature per line to a writer (not closed). */
    public static void writeCollection(Writer w, Iterator<ObjectNode> features) throws IOException {
        w.write("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        while (features.hasNext()) {
            w.write(first ? "\n" : ",\n");
            first = false;
            w.write(toJson(features.next()));
        }
        w.write("\n]}\n");
    }

    static String toJson(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
