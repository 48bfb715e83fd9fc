package org.zamin.spatial;

/** A longitude/latitude box in EPSG:4326, west-south-east-north as in GeoJSON and OGC APIs. */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

    /** The whole world: what "no bbox" means. */
    public static final BoundingBox WORLD = new BoundingBox(-180, -90, 180, 90);

    public BoundingBox {
        if (!(minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90)) {
            throw new IllegalArgumentException("must lie within -180,-90,180,90");
        }
        if (minLon > maxLon || minLat > maxLat) {
            throw new IllegalArgumentException("must be minLon,minLat,maxLon,maxLat with min <= max");
        }
    }

    /** Parses {@code minLon,minLat,maxLon,maxLat}; throws IllegalArgumentException with the reason. */
    public static BoundingBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("must be four numbers: minLon,minLat,maxLon,maxLat");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has a value that is not a number: " + parts[i].trim());
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("has a value that is not finite");
            }
        }
        return new BoundingBox(v[0], v[1], v[2], v[3]);
    }
}
