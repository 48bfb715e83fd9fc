package org.zamin.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.LineString;
import mil.nga.sf.MultiPolygon;
import mil.nga.sf.Point;
import mil.nga.sf.Polygon;

/** Reads the polygon feature table of a GeoPackage (NGA geopackage-java); its CRS comes from the table's SRS. */
public final class GeoPackageReader {

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private GeoPackageReader() {}

    public static SourceFile read(Path file, Limits limits) {
        checkMagic(file);
        GeoPackage gpkg;
        try {
            gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new FileRefusedException("unreadable_file", "the file is not a readable GeoPackage", false, e);
        }
        try {
            String table = pickTable(gpkg.getFeatureTables());
            FeatureDao dao = gpkg.getFeatureDao(table);
            if (dao.count() > limits.maxFeatures()) {
                throw FileRefusedException.tooLarge("more than " + limits.maxFeatures() + " features");
            }
            SpatialReferenceSystem srs = dao.getSrs();
            int srid = 0;
            String crsSource;
            if (srs != null && "EPSG".equalsIgnoreCase(srs.getOrganization()) && srs.getOrganizationCoordsysId() > 0) {
                srid = (int) srs.getOrganizationCoordsysId();
                crsSource = "GeoPackage SRS of table " + table + ": EPSG:" + srid;
            } else {
                crsSource = "GeoPackage SRS of table " + table + ": "
                        + (srs == null ? "none" : srs.getOrganization() + ":" + srs.getOrganizationCoordsysId());
            }
            String geometryColumn = dao.getGeometryColumnName();
            List<String> fields = new ArrayList<>();
            for (String c : dao.getTable().getColumnNames()) {
                if (!c.equals(geometryColumn) && !c.equals(dao.getTable().getPkColumnName())) {
                    fields.add(c);
                }
            }
            List<SourceFeature> features = new ArrayList<>();
            FeatureResultSet rs = dao.queryForAll();
            try {
                while (rs.moveToNext()) {
                    FeatureRow row = rs.getRow();
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (String f : fields) {
                        Object v = row.getValue(f);
                        if (v != null) {
                            attributes.put(f, v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                                    ? Long.toString(d.longValue()) : v.toString());
                        }
                    }
                    features.add(feature(features.size() + 1, row.getGeometry(), attributes));
                }
            } finally {
                rs.close();
            }
            return new SourceFile(FileFormat.GPKG, srid, crsSource, fields, features);
        } finally {
            gpkg.close();
        }
    }

    private static String pickTable(List<String> tables) {
        if (tables.size() == 1) {
            return tables.get(0);
        }
        List<String> named = tables.stream()
                .filter(t -> t.toLowerCase(Locale.ROOT).matches(".*(parcel|plot).*")).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new FileRefusedException("ambiguous_layer", tables.isEmpty() ? "the GeoPackage has no feature table"
                : "the GeoPackage has several feature tables " + tables + "; keep only the plots' table");
    }

    private static SourceFeature feature(int number, GeoPackageGeometryData data, Map<String, String> attributes) {
        mil.nga.sf.Geometry g = data == null ? null : data.getGeometry();
        if (g == null || g.isEmpty()) {
            return SourceFeature.broken(number, new GeometryProblem("empty_geometry", "the geometry is empty", null),
                    attributes);
        }
        if (g.hasZ() || g.hasM()) {
            return SourceFeature.broken(number, new GeometryProblem("has_z_or_m",
                    "the geometry has " + (g.hasZ() ? "Z" : "") + (g.hasM() ? "M" : "")
                            + " values; plots are 2D", null), attributes);
        }
        PolygonBuilder.Built built;
        if (g instanceof Polygon p) {
            built = PolygonBuilder.polygon(rings(p));
        } else if (g instanceof MultiPolygon mp) {
            List<List<List<double[]>>> parts = new ArrayList<>();
            mp.getPolygons().forEach(p -> parts.add(rings(p)));
            built = PolygonBuilder.multiPolygon(parts);
        } else {
            return SourceFeature.broken(number, new GeometryProblem("not_polygon",
                    "a plot must be a Polygon, not a " + g.getGeometryType(), null), attributes);
        }
        return new SourceFeature(number, built.geometry(), built.problem(), attributes);
    }

    private static List<List<double[]>> rings(Polygon p) {
        List<List<double[]>> rings = new ArrayList<>();
        for (LineString ring : p.getRings()) {
            List<double[]> points = new ArrayList<>();
            for (Point pt : ring.getPoints()) {
                points.add(new double[] {pt.getX(), pt.getY()});
            }
            rings.add(points);
        }
        return rings;
    }

    private static void checkMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SQLITE_MAGIC.length);
            if (!Arrays.equals(head, SQLITE_MAGIC)) {
                throw new FileRefusedException("unreadable_file", "not a GeoPackage (no SQLite header)");
            }
        } catch (IOException e) {
            throw new FileRefusedException("unreadable_file", "cannot read the file", false, e);
        }
    }
}
