package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * The adjacency graph (parcel_adjacency) that vacant blocks are built on is kept by the database as plots are
 * written, moved and deleted, and always equals the neighbours PostGIS finds from the geometries themselves.
 */
class ParcelAdjacencyTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void theGraphFollowsInsertsMovesAndDeletes() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long a = e.addParcel(jdbi, "A", e.rect(0, 0, 100, 100), "AVAILABLE");
        long b = e.addParcel(jdbi, "B", e.rect(100, 0, 200, 100), "AVAILABLE");
        // touches B at one corner only: not a neighbour
        long c = e.addParcel(jdbi, "C", e.rect(200, 100, 300, 200), "AVAILABLE");
        assertEquals(pairs(a, b), graph(e));

        jdbi.useHandle(h -> h.execute("UPDATE parcel SET geom = ST_GeomFromText(?, 4326) WHERE id = ?",
                e.rect(200, 0, 300, 100), c));
        assertEquals(union(pairs(a, b), pairs(b, c)), graph(e));

        jdbi.useHandle(h -> h.execute("UPDATE parcel SET geom = ST_GeomFromText(?, 4326) WHERE id = ?",
                e.rect(0, 300, 100, 400), a));
        assertEquals(pairs(b, c), graph(e));

        jdbi.useHandle(h -> h.execute("DELETE FROM parcel WHERE id = ?", b));
        assertEquals(Set.of(), graph(e));
        assertEquals(recomputed(e), graph(e));
    }

    @Test
    void plotsWrittenInOneStatementFindEachOther() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        e.addParcel(jdbi, "W", e.rect(0, 0, 100, 100), "NOT_OFFERED");
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
                SELECT :estate, n, ST_GeomFromText(w, 4326), 'industrial', 1000000, ARRAY['water'], 'AVAILABLE'
                  FROM (VALUES ('X', :x), ('Y', :y), ('Z', :z)) AS v(n, w)""")
                .bind("estate", e.id())
                .bind("x", e.rect(100, 0, 200, 100))
                .bind("y", e.rect(200, 0, 300, 100))
                .bind("z", e.rect(300, 50, 400, 150))
                .execute());
        List<Long> ids = jdbi.withHandle(h -> h.createQuery(
                "SELECT id FROM parcel WHERE estate_id = ? ORDER BY plot_number").bind(0, e.id()).mapTo(Long.class).list());
        long w = ids.get(0);
        long x = ids.get(1);
        long y = ids.get(2);
        long z = ids.get(3);
        assertEquals(union(union(pairs(w, x), pairs(x, y)), pairs(y, z)), graph(e));
        assertEquals(recomputed(e), graph(e));
    }

    /** The estate's pairs as "a-b" strings, both directions. */
    private Set<String> graph(TestEstates.Estate e) {
        List<String> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT a.parcel_id || '-' || a.neighbour_id
                  FROM parcel_adjacency a JOIN parcel p ON p.id = a.parcel_id
                 WHERE p.estate_id = ?""").bind(0, e.id()).mapTo(String.class).list());
        return new TreeSet<>(rows);
    }

    /** The same pairs found by PostGIS from the geometries, independently of the triggers. */
    private Set<String> recomputed(TestEstates.Estate e) {
        List<String> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT p.id || '-' || n.id
                  FROM parcel p JOIN parcel n ON n.id <> p.id AND ST_Relate(p.geom, n.geom, '****1****')
                 WHERE p.estate_id = ?""").bind(0, e.id()).mapTo(String.class).list());
        return new TreeSet<>(rows);
    }

    private static Set<String> pairs(long a, long b) {
        return new TreeSet<>(Set.of(a + "-" + b, b + "-" + a));
    }

    private static Set<String> union(Set<String> x, Set<String> y) {
        Set<String> u = new TreeSet<>(x);
        u.addAll(y);
        return u;
    }
}
