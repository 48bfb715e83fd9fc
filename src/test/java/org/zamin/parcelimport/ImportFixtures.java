package org.zamin.parcelimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.zamin.decision.Actor;
import org.zamin.decision.DecisionLog;
import org.zamin.io.FileFormat;
import org.zamin.metrics.Metrics;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/** Helpers the import tests share: the services over the shared database, file builders, a table checksum. */
final class ImportFixtures {

    static final Actor TESTER = Actor.SYSTEM;

    private ImportFixtures() {}

    static Jdbi jdbi() {
        return TestServer.get().jdbi();
    }

    static ImportService importer() {
        return new ImportService(jdbi(), new DecisionLog(jdbi()));
    }

    static ExportService exporter() {
        return new ExportService(jdbi(), new DecisionLog(jdbi()), new Metrics());
    }

    static ImportReport run(Path file, FileFormat format, ImportOptions options) {
        return importer().importFile(file, file.getFileName().toString(), format, options);
    }

    /** A digest of every plot and the decision log's length: equal before and after means nothing was written. */
    static String checksum() {
        // Holds that fell due when an earlier test moved the clock expire now, not in the middle of the check: the
        // background sweep (every 15 s) would otherwise change plots and the log between the two snapshots.
        TestServer.get().app().sweepHolds();
        return jdbi().withHandle(h -> h.createQuery("""
                SELECT coalesce(md5(string_agg(concat_ws('|', id, estate_id, plot_number, ST_AsEWKB(geom)::text, land_use,
                       price_per_m2, utilities::text, status), ',' ORDER BY id)), '')
                       || ':' || (SELECT count(*) FROM decision)
                  FROM parcel""").mapTo(String.class).one());
    }

    static int plotCount(TestEstates.Estate e) {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM parcel WHERE estate_id = :id")
                .bind("id", e.id()).mapTo(Integer.class).one());
    }

    /** A GeoJSON Feature with a raw geometry (any JSON) and a plot number. */
    static String feature(String plot, String geometry) {
        return String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"plot_no\":\"%s\",\"land_use\":"
                + "\"industrial\",\"price_m2\":2500000},\"geometry\":%s}", plot, geometry);
    }

    /** A GeoJSON polygon geometry from a WKT-like list of "lon lat" rings. */
    static String polygon(TestEstates.Estate e, double x0, double y0, double x1, double y1) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[" + String.join(",", List.of(
                pos(e, x0, y0), pos(e, x1, y0), pos(e, x1, y1), pos(e, x0, y1), pos(e, x0, y0))) + "]]}";
    }

    static String pos(TestEstates.Estate e, double x, double y) {
        return String.format(Locale.ROOT, "[%.9f,%.9f]", e.lon(x), e.lat(y));
    }

    static Path geojson(Path dir, String name, String... features) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features)
                    + "]}");
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Runs a command (ogr2ogr, zip) and fails the test if it fails. */
    static void exec(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
