package org.zamin.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a GeoJSON FeatureCollection feature by feature (streaming, so large files do not sit in memory as one
 * tree). RFC 7946 GeoJSON is WGS84; a legacy {@code crs} member naming an EPSG code is honoured.
 */
public final class GeoJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EPSG = Pattern.compile("EPSG:+(\\d+)$", Pattern.CASE_INSENSITIVE);

    private GeoJsonReader() {}

    public static SourceFile read(Path file, Limits limits) {
        List<SourceFeature> features = new ArrayList<>();
        LinkedHashSet<String> fields = new LinkedHashSet<>();
        int srid = 4326;
        String crsSource = "GeoJSON (RFC 7946: WGS84)";
        try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new FileRefusedException("unreadable_file", "not a GeoJSON object");
            }
            boolean sawFeatures = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("features".equals(name) && p.currentToken() == JsonToken.START_ARRAY) {
                    sawFeatures = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (features.size() >= limits.maxFeatures()) {
                            throw FileRefusedException.tooLarge("more than " + limits.maxFeatures() + " features");
                        }
                        JsonNode feature = p.readValueAsTree();
                        features.add(feature(features.size() + 1, feature, fields));
                    }
                } else if ("crs".equals(name)) {
                    JsonNode crs = p.readValueAsTree();
                    Matcher m = EPSG.matcher(crs.path("properties").path("name").asText(""));
                    if (m.find()) {
                        srid = Integer.parseInt(m.group(1));
                        crsSource = "GeoJSON crs member: EPSG:" + srid;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawFeatures) {
                throw new FileRefusedException("unreadable_file", "not a GeoJSON FeatureCollection (no features array)");
            }
        } catch (IOException e) {
            throw new FileRefusedException("unreadable_file", "the file is not valid JSON" + where(e), false, e);
        }
        return new SourceFile(FileFormat.GEOJSON, srid, crsSource, List.copyOf(fields), features);
    }

    private static SourceFeature feature(int number, JsonNode feature, LinkedHashSet<String> fields) {
        Map<String, String> attributes = new LinkedHashMap<>();
        feature.path("properties").fields().forEachRemaining(e -> {
            fields.add(e.getKey());
            JsonNode v = e.getValue();
            if (!v.isNull()) {
                attributes.put(e.getKey(), v.isArray() ? joined(v) : v.isValueNode() ? v.asText() : v.toString());
            }
        });
        JsonNode g = feature.path("geometry");
        if (g.isMissingNode() || g.isNull()) {
            return SourceFeature.broken(number, new GeometryProblem("empty_geometry", "the feature has no geometry",
                    null), attributes);
        }
        String type = g.path("type").asText("");
        JsonNode coords = g.path("coordinates");
        try {
            GeometryProblem dims = dimensions(coords);
            if (dims != null) {
                return SourceFeature.broken(number, dims, attributes);
            }
            PolygonBuilder.Built built;
            switch (type) {
                case "Polygon" -> built = PolygonBuilder.polygon(rings(coords));
                case "MultiPolygon" -> {
                    List<List<List<double[]>>> parts = new ArrayList<>();
                    coords.forEach(part -> parts.add(rings(part)));
                    built = parts.isEmpty()
                            ? new PolygonBuilder.Built(null, new GeometryProblem("empty_geometry", "the geometry is empty", null))
                            : PolygonBuilder.multiPolygon(parts);
                }
                default -> {
                    return SourceFeature.broken(number, new GeometryProblem("not_polygon",
                            "a plot must be a Polygon, not a " + (type.isEmpty() ? "geometry without type" : type),
                            null), attributes);
                }
            }
            return new SourceFeature(number, built.geometry(), built.problem(), attributes);
        } catch (RuntimeException e) {
            return SourceFeature.broken(number, new GeometryProblem("unreadable_geometry",
                    "the coordinates are not a valid " + type, null), attributes);
        }
    }

    /** A third or fourth number in any position means a 3D or measured geometry, which Zamin does not store. */
    private static GeometryProblem dimensions(JsonNode node) {
        if (node.isArray() && node.size() > 0 && node.get(0).isNumber()) {
            if (node.size() > 2) {
                return new GeometryProblem("has_z_or_m", "the coordinates have " + node.size()
                        + " dimensions; plots are 2D (no Z or M values)",
                        PolygonBuilder.point(new double[] {node.get(0).asDouble(), node.get(1).asDouble()}));
            }
            return null;
        }
        for (JsonNode child : node) {
            GeometryProblem p = dimensions(child);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static List<List<double[]>> rings(JsonNode polygon) {
        List<List<double[]>> rings = new ArrayList<>();
        for (JsonNode ring : polygon) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode pos : ring) {
                if (pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()) {
                    throw new IllegalArgumentException("bad position");
                }
                points.add(new double[] {pos.get(0).asDouble(), pos.get(1).asDouble()});
            }
            rings.add(points);
        }
        return rings;
    }

    /** Where the JSON stops making sense, in words a surveyor reads (never the parser's own message). */
    private static String where(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                && j.getLocation().getLineNr() > 0) {
            return " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
        }
        return "";
    }

    private static String joined(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }
}
