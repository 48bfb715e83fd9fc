package org.zamin.io;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
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

    private static final String INSERT = org.zamin.db.SqlResource.load("io/gpkg_insert_parcel");

    private GeoPackageWriter() {}

    /**
     * Creates {@code file} with an empty {@code parcels} table and answers a writer of its rows: one prepared
     * {@code INSERT} for every row, committed every {@link #BATCH_ROWS} rows ({@link FeatureWriter#finish()} commits
     * the rest and closes the file).
     */
    public static FeatureWriter open(Path file) throws IOException {
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
            return new Rows(gpkg, srs.getSrsId());
        } catch (SQLException | RuntimeException e) {
            gpkg.close();
            throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
        }
    }

    /** Rows committed together: large enough that commits cost nothing, small enough to bound SQLite's journal. */
    static final int BATCH_ROWS = 20_000;

    /** The rows of one GeoPackage, inserted through one prepared statement in batched transactions. */
    private static final class Rows implements FeatureWriter {

        private final GeoPackage gpkg;
        private final long srsId;
        private final Connection connection;
        private final PreparedStatement insert;
        private int pending;

        Rows(GeoPackage gpkg, long srsId) throws SQLException {
            this.gpkg = gpkg;
            this.srsId = srsId;
            this.connection = gpkg.getConnection().getConnection();
            try (Statement s = connection.createStatement()) {
                // a scratch file the service deletes after sending: no journal to keep, no fsync to wait for
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
            }
            connection.setAutoCommit(false);
            this.insert = connection.prepareStatement(INSERT);
        }

        @Override
        public void write(ExportRow r) throws IOException {
            try {
                insert.setBytes(1, GeoPackageGeometryData.create(srsId, polygon((Polygon) r.geometry())).toBytes());
                insert.setString(2, r.plotNumber());
                insert.setString(3, r.estate());
                insert.setString(4, r.landUse());
                insert.setLong(5, r.pricePerM2());
                insert.setDouble(6, Math.round(r.areaM2() * 100) / 100.0);
                insert.setString(7, r.status());
                insert.setString(8, r.utilitiesJson());
                insert.executeUpdate();
                if (++pending == BATCH_ROWS) {
                    connection.commit();
                    pending = 0;
                }
            } catch (SQLException e) {
                abandon();
                throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
            }
        }

        @Override
        public void finish() throws IOException {
            try {
                connection.commit();
                insert.close();
                connection.setAutoCommit(true);
                gpkg.execSQL("PRAGMA user_version = " + USER_VERSION);
            } catch (SQLException e) {
                throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
            } finally {
                gpkg.close();
            }
        }

        @Override
        public void abandon() {
            try {
                insert.close();
            } catch (SQLException ignored) {
                // the file is deleted by the caller
            }
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
