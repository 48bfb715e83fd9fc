package org.zamin.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/** The database itself refuses invalid, overlapping and stray plots, and computes areas geodesically. */
class ParcelConstraintsTest {

    private final Jdbi jdbi = TestServer.get().jdbi();
    private TestEstates.Estate estate;

    @BeforeEach
    void newEstate() {
        estate = TestEstates.create(jdbi);
    }

    @Test
    void selfIntersectingPolygonIsRejected() {
        String bowtie = "POLYGON((" + estate.pt(100, 100) + ", " + estate.pt(200, 200) + ", " + estate.pt(200, 100)
                + ", " + estate.pt(100, 200) + ", " + estate.pt(100, 100) + "))";
        SQLException e = rejected(() -> estate.addParcel(jdbi, "BOW", bowtie, "AVAILABLE"));
        assertEquals("23514", e.getSQLState());
        assertTrue(e.getMessage().contains("parcel_geom_valid"), e.getMessage());
        assertEquals(0, plotCount());
    }

    @Test
    void nonPolygonGeometryIsRejected() {
        String line = "LINESTRING(" + estate.pt(10, 10) + ", " + estate.pt(50, 50) + ")";
        SQLException e = rejected(() -> estate.addParcel(jdbi, "LINE", line, "AVAILABLE"));
        assertTrue(e.getMessage().contains("LineString"), e.getMessage());
        assertEquals(0, plotCount());
    }

    @Test
    void overlapOfOneSquareMetreIsRejected() {
        estate.addParcel(jdbi, "A1", estate.rect(100, 100, 200, 200), "AVAILABLE");
        // 1 m × 1 m of the new plot lies inside A1.
        SQLException e = rejected(() -> estate.addParcel(jdbi, "A2", estate.rect(199, 199, 300, 300), "AVAILABLE"));
        assertEquals("23P01", e.getSQLState());
        assertTrue(e.getMessage().contains("overlaps plot A1"), e.getMessage());
        assertEquals(1, plotCount());
    }

    @Test
    void plotInsideAnotherIsRejected() {
        estate.addParcel(jdbi, "BIG", estate.rect(100, 100, 400, 400), "AVAILABLE");
        SQLException e = rejected(() -> estate.addParcel(jdbi, "SMALL", estate.rect(200, 200, 250, 250), "AVAILABLE"));
        assertEquals("23P01", e.getSQLState());
        SQLException reverse = rejected(() -> estate.addParcel(jdbi, "HUGE", estate.rect(50, 50, 500, 500), "AVAILABLE"));
        assertEquals("23P01", reverse.getSQLState());
        assertEquals(1, plotCount());
    }

    @Test
    void neighbourSharingAnEdgeIsAccepted() {
        estate.addParcel(jdbi, "L", estate.rect(100, 100, 200, 200), "AVAILABLE");
        estate.addParcel(jdbi, "R", estate.rect(200, 100, 300, 200), "AVAILABLE");
        estate.addParcel(jdbi, "CORNER", estate.rect(300, 200, 400, 300), "AVAILABLE");
        assertEquals(3, plotCount());
    }

    @Test
    void plotOutsideItsEstateIsRejected() {
        SQLException e = rejected(() -> estate.addParcel(jdbi, "OUT", estate.rect(900, 900, 1100, 1000), "AVAILABLE"));
        assertEquals("23514", e.getSQLState());
        assertTrue(e.getMessage().contains("not inside its estate"), e.getMessage());
        assertEquals(0, plotCount());
    }

    @Test
    void movingAPlotOntoItsNeighbourIsRejected() {
        estate.addParcel(jdbi, "M1", estate.rect(100, 100, 200, 200), "AVAILABLE");
        long m2 = estate.addParcel(jdbi, "M2", estate.rect(300, 100, 400, 200), "AVAILABLE");
        SQLException e = rejected(() -> jdbi.useHandle(h -> h.createUpdate(
                "UPDATE parcel SET geom = ST_GeomFromText(:wkt, 4326) WHERE id = :id")
                .bind("wkt", estate.rect(150, 100, 250, 200)).bind("id", m2).execute()));
        assertEquals("23P01", e.getSQLState());
    }

    @Test
    void unknownStatusAndDuplicatePlotNumberAreRejected() {
        estate.addParcel(jdbi, "D1", estate.rect(100, 100, 200, 200), "AVAILABLE");
        assertEquals("23505", rejected(() -> estate.addParcel(jdbi, "D1", estate.rect(300, 300, 400, 400), "AVAILABLE"))
                .getSQLState());
        assertEquals("23514", rejected(() -> estate.addParcel(jdbi, "D2", estate.rect(300, 300, 400, 400), "SOLD"))
                .getSQLState());
        assertEquals(1, plotCount());
    }

    @Test
    void areaIsTheGeodesicAreaWithinHalfAPercent() {
        String wkt = estate.rect(0, 0, 250, 160);
        long id = estate.addParcel(jdbi, "AREA", wkt, "AVAILABLE");
        double stored = jdbi.withHandle(h -> h.createQuery("SELECT area_m2 FROM parcel WHERE id = :id")
                .bind("id", id).mapTo(Double.class).one());
        // Independent computation: Karney's geodesic polygon area on the WGS84 ellipsoid.
        PolygonArea polygon = new PolygonArea(Geodesic.WGS84, false);
        double[][] corners = {{0, 0}, {250, 0}, {250, 160}, {0, 160}};
        for (double[] c : corners) {
            polygon.AddPoint(estate.lat(c[1]), estate.lon(c[0]));
        }
        PolygonResult result = polygon.Compute();
        double expected = Math.abs(result.area);
        assertEquals(expected, stored, expected * 0.005, "stored " + stored + " vs geodesic " + expected);
        assertEquals(40_000, stored, 40_000 * 0.01, "the test rectangle is about 250 m × 160 m");
    }

    private int plotCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel WHERE estate_id = :e")
                .bind("e", estate.id()).mapTo(Integer.class).one());
    }

    private static SQLException rejected(Runnable write) {
        try {
            write.run();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql) {
                return sql;
            }
            throw e;
        }
        throw new AssertionError("the database accepted a write it should have refused");
    }
}
