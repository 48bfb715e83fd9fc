package org.zamin.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Builds JTS polygons from raw rings (lists of x,y pairs) and says why it cannot: a ring that is not closed or has
 * too few points. JTS would refuse such rings with an exception, or some readers would close them quietly; here
 * they become a {@link GeometryProblem} and nothing is repaired.
 */
public final class PolygonBuilder {

    /** The result: a geometry, or the problem that prevented it. */
    public record Built(Geometry geometry, GeometryProblem problem) {}

    static final GeometryFactory FACTORY = new GeometryFactory();

    private PolygonBuilder() {}

    /** A polygon from its rings (the first is the shell); each ring a list of {x, y}. */
    public static Built polygon(List<List<double[]>> rings) {
        if (rings.isEmpty() || rings.get(0).isEmpty()) {
            return new Built(null, new GeometryProblem("empty_geometry", "the geometry is empty", null));
        }
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (int r = 0; r < rings.size(); r++) {
            List<double[]> ring = rings.get(r);
            String which = r == 0 ? "the outer ring" : "hole " + r;
            double[] first = ring.get(0);
            double[] last = ring.get(ring.size() - 1);
            if (first[0] != last[0] || first[1] != last[1]) {
                return new Built(null, new GeometryProblem("ring_not_closed",
                        which + " is not closed: it starts at " + xy(first) + " and ends at " + xy(last),
                        point(first)));
            }
            if (ring.size() < 4) {
                return new Built(null, new GeometryProblem("too_few_points",
                        which + " has " + ring.size() + " points; a closed ring needs at least 4", point(first)));
            }
            Coordinate[] coords = new Coordinate[ring.size()];
            for (int i = 0; i < coords.length; i++) {
                coords[i] = new Coordinate(ring.get(i)[0], ring.get(i)[1]);
            }
            LinearRing linear = FACTORY.createLinearRing(coords);
            if (r == 0) {
                shell = linear;
            } else {
                holes.add(linear);
            }
        }
        return new Built(FACTORY.createPolygon(shell, holes.toArray(LinearRing[]::new)), null);
    }

    /** A multipolygon from its parts; a part that cannot be built makes the whole a problem. */
    public static Built multiPolygon(List<List<List<double[]>>> parts) {
        List<Polygon> polygons = new ArrayList<>();
        for (List<List<double[]>> part : parts) {
            Built b = polygon(part);
            if (b.problem() != null) {
                return b;
            }
            polygons.add((Polygon) b.geometry());
        }
        return new Built(FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new)), null);
    }

    static String xy(double[] p) {
        return String.format(Locale.ROOT, "(%s %s)", p[0], p[1]);
    }

    static String point(double[] p) {
        return String.format(Locale.ROOT, "POINT(%s %s)", p[0], p[1]);
    }
}
