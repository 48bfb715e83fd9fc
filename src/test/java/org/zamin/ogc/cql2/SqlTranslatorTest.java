package org.zamin.ogc.cql2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zamin.domain.Malformed;
import org.zamin.ogc.crs.Crs;

/** The CQL2 parsers and the SQL translation on their own: what reaches SQL is fixed text and placeholders only. */
class SqlTranslatorTest {

    private static final List<Queryable> QUERYABLES = List.of(
            new Queryable("status", "v.status", Queryable.Type.STRING, List.of("IDLE"), "status"),
            new Queryable("price", "v.price", Queryable.Type.INTEGER, List.of(), "price"),
            new Queryable("updatedAt", "v.updated_at", Queryable.Type.DATE_TIME, List.of(), "updated"),
            new Queryable("geometry", "v.geom", Queryable.Type.GEOMETRY, List.of(), "geometry"));

    private static SqlFilter text(String filter) {
        return SqlTranslator.translate(CqlText.parse(filter), QUERYABLES, Crs.CRS84);
    }

    @Test
    @DisplayName("/req/basic-cql2/binary-comparison-predicate: a text value is bound, never part of the SQL")
    void valuesAreBound() {
        SqlFilter f = text("status = 'IDLE'' OR ''1''=''1'");
        assertEquals("(v.status = CAST(:cql0 AS text))", f.sql());
        assertEquals(Map.of("cql0", "IDLE' OR '1'='1"), f.bindings());
    }

    @Test
    @DisplayName("/req/cql2-text/keywords-case-insensitive: keywords in any case; text and JSON give the same SQL")
    void caseInsensitiveAndBothEncodings() {
        SqlFilter t = text("status in ('IDLE', 'X') and NOT price Between 1 AND 2.5");
        SqlFilter j = SqlTranslator.translate(CqlJson.parse("{\"op\":\"and\",\"args\":[{\"op\":\"in\",\"args\":"
                + "[{\"property\":\"status\"},[\"IDLE\",\"X\"]]},{\"op\":\"not\",\"args\":[{\"op\":\"between\",\"args\":"
                + "[{\"property\":\"price\"},1,2.5]}]}]}"), QUERYABLES, Crs.CRS84);
        assertEquals(t.sql(), j.sql());
        assertEquals("((v.status IN (CAST(:cql0 AS text), CAST(:cql1 AS text))) AND (NOT (v.price BETWEEN "
                + "CAST(:cql2 AS numeric) AND CAST(:cql3 AS numeric))))", t.sql());
        assertEquals(new BigDecimal("2.5"), t.bindings().get("cql3"));
    }

    @Test
    @DisplayName("/req/basic-spatial-functions/spatial-predicate: geometry literals are checked WKT, bound with the CRS")
    void geometryIsBound() {
        SqlFilter f = SqlTranslator.translate(CqlText.parse("S_INTERSECTS(geometry, POINT(5000000 4400000))"),
                QUERYABLES, Crs.WEB_MERCATOR);
        assertEquals("ST_Intersects(v.geom, ogc_crs_input(ST_GeomFromText(CAST(:cql0 AS text)), CAST(:cql1 AS int), "
                + "CAST(:cql2 AS boolean)))", f.sql());
        assertEquals(3857, f.bindings().get("cql1"));
        assertEquals("POINT (5000000 4400000)", f.bindings().get("cql0"));
    }

    @Test
    @DisplayName("/req/filter/response: errors say where (column) and why; unknown names never reach SQL")
    void errors() {
        Malformed syntax = assertThrows(Malformed.class, () -> text("status = = 'x'"));
        assertTrue(syntax.getMessage().contains("column 10"), syntax.getMessage());
        Malformed unknown = assertThrows(Malformed.class, () -> text("\"v.status OR TRUE\" = 'x'"));
        assertTrue(unknown.getMessage().contains("not queryable"), unknown.getMessage());
        Malformed type = assertThrows(Malformed.class, () -> text("price LIKE 'x%'"));
        assertTrue(type.getMessage().contains("LIKE"), type.getMessage());
        Malformed ring = assertThrows(Malformed.class, () -> text("S_WITHIN(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))"));
        assertTrue(ring.getMessage().contains("geometry"), ring.getMessage());
        assertFalse(text("updatedAt > DATE('2024-01-01')").sql().contains("2024"));
    }

    @Test
    @DisplayName("/req/filter/response: a filter nested deeper than 64 brackets is a 400, not a stack overflow")
    void deepNestingIsRefused() {
        String deep = "(".repeat(50_000) + "price = 1" + ")".repeat(50_000);
        Malformed m = assertThrows(Malformed.class, () -> text(deep));
        assertTrue(m.getMessage().contains("64"), m.getMessage());
        String json = "{\"op\":\"not\",\"args\":[".repeat(5_000) + "true" + "]}".repeat(5_000);
        assertThrows(Malformed.class, () -> CqlJson.parse(json));
        assertEquals("(v.price = CAST(:cql0 AS numeric))", text("(".repeat(60) + "price = 1" + ")".repeat(60)).sql());
    }

    @Test
    @DisplayName("/req/spatial-functions/spatial-predicate: every WKT type of CQL2 text and GeoJSON type of CQL2 JSON")
    void everyGeometryType() {
        List<String> wkt = List.of("POINT(1 2)", "POINT Z(1 2 3)", "LINESTRING(1 2, 3 4)",
                "POLYGON((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))", "MULTIPOINT((1 2), (3 4))",
                "MULTIPOINT(1 2, 3 4)", "MULTILINESTRING((1 2, 3 4), (5 6, 7 8))",
                "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))",
                "GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(1 2, 3 4))", "BBOX(0, 0, 1, 1)", "BBOX(0, 0, -5, 1, 1, 5)");
        for (String g : wkt) {
            SqlFilter f = text("S_CROSSES(geometry, " + g + ")");
            assertTrue(f.sql().startsWith("ST_Crosses(v.geom, ogc_crs_input("), g);
        }
        List<String> geojson = List.of("{\"type\":\"Point\",\"coordinates\":[1,2]}",
                "{\"type\":\"MultiLineString\",\"coordinates\":[[[1,2],[3,4]]]}",
                "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]]]}",
                "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}");
        for (String g : geojson) {
            SqlFilter f = SqlTranslator.translate(CqlJson.parse("{\"op\":\"s_within\",\"args\":[{\"property\":"
                    + "\"geometry\"}," + g + "]}"), QUERYABLES, Crs.CRS84);
            assertTrue(f.sql().startsWith("ST_Within(v.geom, "), g);
        }
        assertThrows(Malformed.class, () -> text("S_INTERSECTS(geometry, BBOX(1, 2, 3))"));
        assertThrows(Malformed.class, () -> CqlJson.parse("{\"op\":\"s_within\",\"args\":[{\"property\":"
                + "\"geometry\"},{\"type\":\"Point\",\"coordinates\":[\"1\",2]}]}"));
    }

    @Test
    @DisplayName("/req/basic-cql2/binary-comparison-predicate: boolean, number and timestamp literals on both sides")
    void literalsOnBothSides() {
        assertEquals("(CAST(:cql0 AS boolean) = CAST(:cql1 AS boolean))", text("TRUE = false").sql());
        assertEquals("(CAST(:cql0 AS numeric) < v.price)", text("-1.5e3 < price").sql());
        assertEquals("(v.updated_at >= CAST(:cql0 AS timestamptz))",
                text("updatedAt >= TIMESTAMP('2024-05-01T10:00:00+03:30')").sql());
        assertEquals("(v.status IS NULL)", SqlTranslator.translate(CqlJson.parse(
                "{\"op\":\"isNull\",\"args\":[{\"property\":\"status\"}]}"), QUERYABLES, Crs.CRS84).sql());
        Malformed op = assertThrows(Malformed.class, () -> CqlJson.parse("{\"op\":\"drop\",\"args\":[1,2]}"));
        assertTrue(op.getMessage().contains("'drop'"), op.getMessage());
        assertThrows(Malformed.class, () -> text("TRUE = 1"));
    }
}
