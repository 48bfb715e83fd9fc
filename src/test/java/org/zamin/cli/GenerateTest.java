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

    @BeforeAll
    static void databasesOfTheirOwn() {
        settings = settings("zamin_generate");
        superuser = superuser("zamin_generate");
        partialSettings = settings("zamin_generate_partial");
        partialSuperuser = superuser("zamin_generate_partial");
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

    private static long[] counts(Jdbi db) {
        return db.withHandle(h -> new long[] {
                h.createQuery("SELECT count(*) FROM estate").mapTo(Long.class).one(),
                h.createQuery("SELECT count(*) FROM parcel").mapTo(Long.class).one()});
    }
}
