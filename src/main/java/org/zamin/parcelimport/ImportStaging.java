package org.zamin.parcelimport;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.zamin.db.SqlResource;
import org.zamin.parcelimport.ImportReport.Problem;

/**
 * The database side of an import, inside its transaction: the target estate and its lock, the staging table the
 * features are copied into and reprojected in, the database's checks (validity, extent, boundary, overlaps), the
 * existing plots the features match, and the preview.
 */
final class ImportStaging {

    private static final String ESTATE = SqlResource.load("parcelimport/estate");
    private static final String SRID_KNOWN = SqlResource.load("parcelimport/srid_known");
    private static final String LOCK = SqlResource.load("parcelimport/lock");
    private static final String CREATE_TEMP = SqlResource.load("parcelimport/create_temp");
    private static final String COPY = SqlResource.load("parcelimport/copy");
    private static final String TRANSFORM = SqlResource.load("parcelimport/transform");
    private static final String PROBLEMS = SqlResource.load("parcelimport/problems");
    private static final String MATCH = SqlResource.load("parcelimport/match");
    private static final String PREVIEW = SqlResource.load("parcelimport/preview");
    private static final int PREVIEW_LIMIT = 5000;

    private final Handle h;
    private final int estateId;
    private final int srid;

    private ImportStaging(Handle h, int estateId, int srid) {
        this.h = h;
        this.estateId = estateId;
        this.srid = srid;
    }

    /** Finds the estate and checks the CRS (refusing the whole import when either is unknown). */
    static ImportStaging open(Handle h, String estateCode, int srid) {
        int estateId = h.createQuery(ESTATE).bind("code", estateCode).mapToMap().findOne()
                .map(e -> ((Number) e.get("id")).intValue())
                .orElseThrow(() -> new ImportRefused("unknown_estate", "no estate " + estateCode));
        if (!h.createQuery(SRID_KNOWN).bind("srid", srid).mapTo(Boolean.class).one()) {
            throw new ImportRefused("unknown_crs", "EPSG:" + srid + " is not a coordinate system PostGIS knows");
        }
        return new ImportStaging(h, estateId, srid);
    }

    int estateId() {
        return estateId;
    }

    /** Takes the estate's advisory lock (the one the parcel trigger takes), held until commit. */
    void lockEstate() {
        h.createQuery(LOCK).bind("estateId", estateId).mapTo(String.class).one();
    }

    /** Copies the rows into a temporary staging table in their source CRS. */
    void stage(List<FeatureChecks.Row> rows) {
        h.execute(CREATE_TEMP);
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            pg.getCopyAPI().copyIn(COPY, new StringReader(csv(rows, srid)));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot stage the features: " + e.getMessage(), e);
        }
    }

    /** Reprojects the staged features to WGS84 and marks those valid before and after. */
    void reproject() {
        h.createScript(TRANSFORM).execute();
    }

    /** Every problem the database finds in the staged features (plot numbers from {@code plotOf}). */
    List<Problem> problems(Map<Integer, String> plotOf) {
        return h.createQuery(PROBLEMS).bind("estateId", estateId).map((rs, ctx) -> {
            int n = rs.getInt("n");
            return DatabaseProblems.of(n, plotOf.get(n), rs.getString("code"), rs.getString("detail"),
                    rs.getString("location"), (Double) rs.getObject("amount"), rs.getString("other"), srid);
        }).list();
    }

    /** The valid staged features whose plot number already exists in the estate, by feature number. */
    Map<Integer, Classification.Match> matches() {
        Map<Integer, Classification.Match> matches = new HashMap<>();
        h.createQuery(MATCH).bind("estateId", estateId).map((rs, ctx) -> matches.put(rs.getInt("n"),
                new Classification.Match(rs.getString("status"), rs.getBoolean("same_geometry"),
                        rs.getBoolean("same_attributes")))).list();
        return matches;
    }

    /** The staged features in WGS84 as a GeoJSON feature array, for the map preview. */
    String preview() {
        return h.createQuery(PREVIEW).bind("limit", PREVIEW_LIMIT).mapTo(String.class).one();
    }

    /** The rows as PostgreSQL CSV for COPY: utilities as an array literal, geometry as EWKB hex. */
    static String csv(List<FeatureChecks.Row> rows, int srid) {
        StringWriter buffer = new StringWriter();
        WKBWriter wkb = new WKBWriter(2, true);
        try (CSVPrinter csv = new CSVPrinter(buffer, CSVFormat.POSTGRESQL_CSV)) {
            for (FeatureChecks.Row r : rows) {
                Geometry g = r.geom().copy();
                g.setSRID(srid);
                csv.printRecord(r.n(), r.plotNumber(), r.landUse(), r.price(),
                        r.utilities() == null ? null : "{" + String.join(",", r.utilities()) + "}",
                        WKBWriter.toHex(wkb.write(g)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }
}
