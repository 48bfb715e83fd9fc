package org.zamin.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The roads and railways between a sample's estates: each line runs from the gate of its first estate that faces
 * the route to the gate of the second facing it, through the given points, and is kept (with {@code estate = null})
 * in the first estate's bundle.
 */
final class TrunkLines {

    private final Map<String, EstateBundle> bundles = new HashMap<>();
    private final Map<String, double[][]> gates;

    TrunkLines(List<EstateBundle> built, Map<String, double[][]> gates) {
        for (EstateBundle b : built) {
            bundles.put(b.estate().get("properties").get("code").asText(), b);
        }
        this.gates = gates;
    }

    /** A {@code kind} line named {@code name} from estate {@code from} to {@code to} through {@code via} (lon, lat…). */
    void add(String kind, String name, String from, String to, double... via) {
        ArrayNode c = JsonNodeFactory.instance.arrayNode();
        double[] a, b;
        if (via.length >= 2) {
            a = EstateLayout.nearest(gates.get(from), via[0], via[1]);
            b = EstateLayout.nearest(gates.get(to), via[via.length - 2], via[via.length - 1]);
        } else {
            double[][] ga = gates.get(from), gb = gates.get(to);
            double[] centreB = centre(gb), centreA = centre(ga);
            a = EstateLayout.nearest(ga, centreB[0], centreB[1]);
            b = EstateLayout.nearest(gb, centreA[0], centreA[1]);
        }
        c.add(GeoJson.position(a[0], a[1]));
        for (int i = 0; i + 1 < via.length; i += 2) {
            c.add(GeoJson.position(GeoJson.round7(via[i]), GeoJson.round7(via[i + 1])));
        }
        c.add(GeoJson.position(b[0], b[1]));
        bundles.get(from).infrastructure().add(EstateLayout.line(null, kind, name, c));
    }

    private static double[] centre(double[][] pts) {
        double lon = 0, lat = 0;
        for (double[] p : pts) {
            lon += p[0] / pts.length;
            lat += p[1] / pts.length;
        }
        return new double[] {lon, lat};
    }
}
