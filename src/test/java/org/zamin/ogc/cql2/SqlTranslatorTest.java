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
}
