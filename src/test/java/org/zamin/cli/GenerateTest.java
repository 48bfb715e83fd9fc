package org.zamin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.db.EmbeddedPostgres;
import org.zamin.sample.EstateBundle;
import org.zamin.sample.NationalGenerator;
import org.zamin.sample.PlotRecords;
import org.zamin.sample.SampleLoader;
import org.zamin.testing.TestServer;

/** {@code ./zamin generate} is all or nothing and can run twice: the second run refuses and changes nothing. */
class GenerateTest {

    private static Settings settings;
    private static Jdbi superuser;
    private static Settings partialSettings;
    private static Jdbi partialSuperuser;
    private static Settings keptSettings;
    private static Jdbi keptSuperuser;

    @BeforeAll
    static void databasesOfTheirOwn() {
        settings = settings("zamin_generate");
        superuser = superuser("zamin_generate");
        partialSettings = settings("zamin_generate_partial");
        partialSuperuser = superuser("zamin_generate_partial");
        keptSettings = settings("zamin_generate_kept");
        keptSuperuser = superuser("zamin_generate_kept");
    }

    private static Settings settings(String db) {
        EmbeddedPostgres pg = TestServer.get().postgres();
        pg.ensureDatabase(db);
        String at = "@127.0.0.1:" + pg.port() + "/" + db;
        return Settings.fromEnvironment(Map.of(
                "ZAMIN_DATA_DIR", Path.of("target", "generate-test").toAbsolutePath().toString(),
                "ZAMIN_DEMO", "false",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + at,
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + at));
    }

    private static Jdbi superuser(String db) {
        EmbeddedPostgres pg = TestServer.get().postgres();
        return Jdbi.create(pg.jdbcUrl(db), pg.user(), pg.password());
    }

    @Test
    void aSecondRunRefusesWithAClearMessageAndChangesNothing() {
        var out = new ByteArrayOutputStream();
        ZaminCommand.Generate.generate(settings, 4, 120, 3, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("generated 4 estates and 120 plots"), out.toString());
        long[] first = counts(superuser);
        assertTrue(first[0] >= 4 && first[1] >= 120, first[0] + " estates, " + first[1] + " plots");

        var again = assertThrows(SampleLoader.AlreadyLoaded.class,
                () -> ZaminCommand.Generate.generate(settings, 4, 120, 3, System.out));
        assertTrue(again.getMessage().contains("generated before") && again.getMessage().contains("Nothing was changed"),
                again.getMessage());
        assertEquals(List.of(first[0], first[1]), List.of(counts(superuser)[0], counts(superuser)[1]), "the second run kept nothing");

        // a larger set over the first: refused as well, nothing of it kept
        assertThrows(SampleLoader.AlreadyLoaded.class,
                () -> ZaminCommand.Generate.generate(settings, 6, 300, 3, System.out));
        assertEquals(List.of(first[0], first[1]), List.of(counts(superuser)[0], counts(superuser)[1]));
        // and no generated plot shows a status nothing could explain
        assertEquals(List.of(), superuser.withHandle(h -> PlotRecords.unexplained(h, "%")));
    }

    @Test
    void aLoadThatFailsPartwayKeepsNothing() {
        List<EstateBundle> bundles = new ArrayList<>();
        new NationalGenerator(99).generate(3, 60).forEachRemaining(bundles::add);
        // the fourth bundle repeats the first: its estate code is taken by then, so the load fails after three estates
        Iterator<EstateBundle> failing = List.of(bundles.get(0), bundles.get(1), bundles.get(2), bundles.get(0))
                .iterator();
        try (Database database = Database.open(partialSettings)) {
            assertEquals(0, counts(partialSuperuser)[0], "an empty database: the first three estates would load");
            assertThrows(SampleLoader.AlreadyLoaded.class, () -> new SampleLoader(database.jdbi()).loadAll(failing));
        }
        long[] after = counts(partialSuperuser);
        assertEquals(0, after[0], "no estate of the failed load was kept");
        assertEquals(0, after[1], "no plot of the failed load was kept");
    }

    /**
     * Generated plots are written many to a statement (the per-statement triggers run once per batch, not once per
     * plot), and what those triggers keep is what a recount of the plots gives: tallies per estate and status, the
     * adjacency graph, the map's change counter moved once per statement; the plots are the generator's, in its order.
     */
    @Test
    void aGeneratedSetIsWrittenByFewStatementsAndItsKeptDataMatchARecount() {
        int estates = 8, plots = 6_000;
        try (Database database = Database.open(keptSettings)) {
            assertEquals(0, counts(keptSuperuser)[1], "an empty database (migrated)");
        }
        long before = keptSuperuser.withHandle(h -> h.createQuery("SELECT map_generation()").mapTo(Long.class).one());
        ZaminCommand.Generate.generate(keptSettings, estates, plots, 12, System.out);
        long statements = keptSuperuser.withHandle(h -> h.createQuery("SELECT map_generation()").mapTo(Long.class).one())
                - before;
        // one change per estate insert, and one per plot statement (5,000 plots each): before, one per plot
        int plotStatements = (plots + SampleLoader.PLOTS_PER_STATEMENT - 1) / SampleLoader.PLOTS_PER_STATEMENT + 1;
        assertTrue(statements <= estates + plotStatements + 1, statements + " statements changed the map");

        // the plots are the generator's, in its order (ids follow it), with its geometries
        List<String> numbers = new ArrayList<>();
        List<String> geometries = new ArrayList<>();
        List<String> estateCodes = new ArrayList<>();
        new NationalGenerator(12).generate(estates, plots).forEachRemaining(b -> b.parcels().forEach(p -> {
            numbers.add(p.get("properties").get("plotNumber").asText());
            geometries.add(p.get("geometry").toString());
            estateCodes.add(b.estate().get("properties").get("code").asText());
        }));
        assertEquals(plots, numbers.size());
        long differing = keptSuperuser.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM (SELECT p.plot_number, e.code, p.geom, row_number() OVER (ORDER BY p.id) AS n
                                        FROM parcel p JOIN estate e ON e.id = p.estate_id) d
                  FULL JOIN unnest(CAST(:numbers AS text[]), CAST(:codes AS text[]), CAST(:geoms AS text[]))
                            WITH ORDINALITY AS g(number, code, geom, n) ON g.n = d.n
                 WHERE d.plot_number IS DISTINCT FROM g.number OR d.code IS DISTINCT FROM g.code
                    OR NOT coalesce(ST_OrderingEquals(d.geom, ST_SetSRID(ST_GeomFromGeoJSON(g.geom), 4326)), false)""")
                .bindArray("numbers", String.class, numbers).bindArray("codes", String.class, estateCodes)
                .bindArray("geoms", String.class, geometries).mapTo(Long.class).one());
        assertEquals(0, differing, "plots that differ from the generator's");

        // tallies: the kept ones against a recount
        assertEquals(0L, keptCount("""
                SELECT count(*) FROM parcel_tally_now t
                  FULL JOIN (SELECT estate_id, status, count(*) AS plots, sum(area_m2) AS area_m2
                               FROM parcel GROUP BY estate_id, status) c USING (estate_id, status)
                 WHERE t.plots IS DISTINCT FROM c.plots OR abs(t.area_m2 - c.area_m2) > 0.01
                    OR t.area_m2 IS NULL OR c.area_m2 IS NULL"""), "tallies differ from a recount");
        // adjacency: the kept graph against the neighbours recomputed from the geometries
        long pairs = keptSuperuser.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel_adjacency")
                .mapTo(Long.class).one());
        assertTrue(pairs > plots, pairs + " neighbour pairs among " + plots + " plots");
        assertEquals(0L, keptCount("""
                SELECT count(*) FROM parcel_adjacency k
                  FULL JOIN (SELECT a.id AS parcel_id, b.id AS neighbour_id
                               FROM parcel a JOIN parcel b ON b.geom && a.geom AND b.id <> a.id
                                                          AND parcel_shares_edge(a.geom, b.geom)) r
                       USING (parcel_id, neighbour_id)
                 WHERE k.parcel_id IS NULL OR r.parcel_id IS NULL"""),
                "adjacency differs from a recount");
        // idle_since: only idle plots carry it (a generated set has none)
        assertEquals(0L, keptCount(
                "SELECT count(*) FROM parcel WHERE (status = 'IDLE') <> (idle_since IS NOT NULL)"));
    }

    private static long keptCount(String sql) {
        return keptSuperuser.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static long[] counts(Jdbi db) {
        return db.withHandle(h -> new long[] {
                h.createQuery("SELECT count(*) FROM estate").mapTo(Long.class).one(),
                h.createQuery("SELECT count(*) FROM parcel").mapTo(Long.class).one()});
    }
}
