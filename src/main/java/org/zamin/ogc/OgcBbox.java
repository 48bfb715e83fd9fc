package org.zamin.ogc;

import java.util.List;
import org.zamin.spatial.BoundingBox;

/**
 * The OGC {@code bbox} parameter (Part 1, /req/core/fc-bbox-definition): four numbers (west, south, east, north)
 * or six (with the lowest and highest elevation, which 2D data ignores), in CRS84. A box whose west edge lies east
 * of its east edge crosses the antimeridian and becomes two boxes, one on each side of it.
 */
public final class OgcBbox {

    private OgcBbox() {}

    /** The one or two boxes the text means; throws IllegalArgumentException with the reason. */
    public static List<BoundingBox> parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw new IllegalArgumentException("must be 4 numbers (west,south,east,north) or 6 "
                    + "(west,south,minimum elevation,east,north,maximum elevation), got " + parts.length);
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has a value that is not a number: '" + parts[i].strip() + "'");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("has a value that is not finite");
            }
        }
        boolean threeD = parts.length == 6;
        double west = v[0];
        double south = v[1];
        double east = v[threeD ? 3 : 2];
        double north = v[threeD ? 4 : 3];
        if (threeD && v[2] > v[5]) {
            throw new IllegalArgumentException("has a minimum elevation above its maximum");
        }
        if (west > east) {
            return List.of(new BoundingBox(west, south, 180, north), new BoundingBox(-180, south, east, north));
        }
        return List.of(new BoundingBox(west, south, east, north));
    }
}
