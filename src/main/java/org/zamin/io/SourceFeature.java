package org.zamin.io;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature as the file holds it: its position in the file (1-based), its geometry in the file's CRS, or the
 * reason it has none, and its attributes as text by column name.
 */
public record SourceFeature(int number, Geometry geometry, GeometryProblem problem, Map<String, String> attributes) {

    public static SourceFeature of(int number, Geometry geometry, Map<String, String> attributes) {
        return new SourceFeature(number, geometry, null, attributes);
    }

    public static SourceFeature broken(int number, GeometryProblem problem, Map<String, String> attributes) {
        return new SourceFeature(number, null, problem, attributes);
    }
}
