package org.zamin.io;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import mil.nga.sf.LineString;
import mil.nga.sf.Point;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes plots to a new GeoPackage (NGA geopackage-java): one feature table {@code parcels} in EPSG:4326, declared
 * as GeoPackage 1.3 (see {@link #USER_VERSION}).
 */
public final class GeoPackageWriter {

    /**
     * GeoPackage 1.3.0 ({@code PRAGMA user_version}; {@code application_id} stays {@code GPKG}). The library writes
     * 10400 (1.4), which GDAL 3.6 warns it may only partly support; the tables written here are the same in 1.3.
     */
    static final int USER_VERSION = 10300;

    private GeoPackageWriter() {}

    public static void write(List<ExportRow> rows, Path file) throws IOException {
        GeoPackageManager.create(file.toFile());
        GeoPackage gpkg = GeoPackageManager.open(file.toFile());
        try {
            SpatialReferenceSystem srs = gpkg.getSpatialReferenceSystemDao().getOrCreateCode("EPSG", 4326);
            GeometryColumns columns = new GeometryColumns();
            columns.setId(new TableColumnKey("parcels", "geom"));
            columns.setGeometryType(GeometryType.POLYGON);
            columns.setZ((byte) 0);
            columns.setM((byte) 0);
            columns.setSrs(srs);
            List<FeatureColumn> attributes = new ArrayList<>();
            attributes.add(FeatureColumn.createColumn("plot_no", GeoPackageDataType.TEXT));
            attributes.add(FeatureColumn.createColumn("estate", GeoPackageDataType.TEXT));
            attributes.add(FeatureColumn.createColumn("land_use", GeoPackageDataType.TEXT));
            attributes.add(FeatureColumn.createColumn("price_m2", GeoPackageDataType.INTEGER));
            attributes.add(FeatureColumn.createColumn("area_m2", GeoPackageDataType.DOUBLE));
            attributes.add(FeatureColumn.createColumn("status", GeoPackageDataType.TEXT));
            attributes.add(FeatureColumn.createColumn("utilities", GeoPackageDataType.TEXT));
            gpkg.createFeatureTable(FeatureTableMetadata.create(columns, attributes));
            FeatureDao dao = gpkg.getFeatureDao(columns);
            gpkg.beginTransaction();
            for (ExportRow r : rows) {
                FeatureRow row = dao.newRow();
                row.setGeometry(GeoPackageGeometryData.create(srs.getSrsId(), polygon((Polygon) r.geometry())));
                row.setValue("plot_no", r.plotNumber());
                row.setValue("estate", r.estate());
                row.setValue("land_use", r.landUse());
                row.setValue("price_m2", r.pricePerM2());
                row.setValue("area_m2", Math.round(r.areaM2() * 100) / 100.0);
                row.setValue("status", r.status());
                row.setValue("utilities", r.utilitiesJson());
                dao.create(row);
            }
            gpkg.endTransaction(true);
            gpkg.execSQL("PRAGMA user_version = " + USER_VERSION);
        } catch (SQLException e) {
            throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
        } finally {
            gpkg.close();
        }
    }

    private static mil.nga.sf.Polygon polygon(Polygon p) {
        mil.nga.sf.Polygon out = new mil.nga.sf.Polygon();
        out.addRing(ring(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            out.addRing(ring(p.getInteriorRingN(i).getCoordinates()));
        }
        return out;
    }

    private static LineString ring(Coordinate[] coords) {
        LineString ring = new LineString();
        for (Coordinate c : coords) {
            ring.addPoint(new Point(c.x, c.y));
        }
        return ring;
    }
}
