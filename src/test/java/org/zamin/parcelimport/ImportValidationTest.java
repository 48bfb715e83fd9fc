package org.zamin.parcelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.parcelimport.ImportFixtures.checksum;
import static org.zamin.parcelimport.ImportFixtures.feature;
import static org.zamin.parcelimport.ImportFixtures.geojson;
import static org.zamin.parcelimport.ImportFixtures.jdbi;
import static org.zamin.parcelimport.ImportFixtures.plotCount;
import static org.zamin.parcelimport.ImportFixtures.polygon;
import static org.zamin.parcelimport.ImportFixtures.pos;
import static org.zamin.parcelimport.ImportFixtures.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zamin.io.FileFormat;
import org.zamin.io.FileRefusedException;
import org.zamin.io.Limits;
import org.zamin.testing.TestEstates;

/** Every bad case gives its reason and leaves the database unchanged; CRSs land in place; archives are safe. */
class ImportValidationTest {

    @TempDir
    Path dir;

    private static ImportOptions options(TestEstates.Estate e) {
        return ImportOptions.of(e.code(), ImportFixtures.TESTER);
    }

    @Test
    void everyBadFeatureIsReportedWithItsReasonAndNothingIsWritten() {
        TestEstates.Estate e = TestEstates.create(jdbi());
        e.addParcel(jdbi(), "OLD", e.rect(600, 600, 700, 700), "AVAILABLE");
        String ring = "{\"type\":\"Polygon\",\"coordinates\":[[%s]]}";
        Path file = geojson(dir, "bad.geojson",
                feature("OK-1", polygon(e, 10, 10, 60, 60)),
                feature("BOWTIE", String.format(ring, String.join(",", pos(e, 100, 10), pos(e, 150, 60),
                        pos(e, 150, 10), pos(e, 100, 60), pos(e, 100, 10)))),
                feature("OPEN", String.format(ring, String.join(",", pos(e, 200, 10), pos(e, 250, 10),
                        pos(e, 250, 60), pos(e, 200, 60)))),
                feature("FEW", String.format(ring, String.join(",", pos(e, 300, 10), pos(e, 350, 10),
                        pos(e, 300, 10)))),
                feature("HOLE", "{\"type\":\"Polygon\",\"coordinates\":[[" + String.join(",", pos(e, 400, 10),
                        pos(e, 450, 10), pos(e, 450, 60), pos(e, 400, 60), pos(e, 400, 10)) + "],["
                        + String.join(",", pos(e, 500, 10), pos(e, 510, 10), pos(e, 510, 20), pos(e, 500, 20),
                        pos(e, 500, 10)) + "]]}"),
                feature("POINT", "{\"type\":\"Point\",\"coordinates\":" + pos(e, 10, 200) + "}"),
                feature("EMPTY", "{\"type\":\"Polygon\",\"coordinates\":[]}"),
                feature("THREE-D", String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%1$.7f,%2$.7f,5],"
                        + "[%3$.7f,%2$.7f,5],[%3$.7f,%4$.7f,5],[%1$.7f,%2$.7f,5]]]}", e.lon(10), e.lat(300),
                        e.lon(50), e.lat(350))),
                feature("DUP", polygon(e, 100, 300, 150, 350)),
                feature("DUP", polygon(e, 200, 300, 250, 350)),
                feature("ON-OLD", polygon(e, 650, 650, 750, 750)),
                feature("X-1", polygon(e, 300, 300, 400, 400)),
                feature("X-2", polygon(e, 350, 350, 450, 450)),
                feature("OUT", polygon(e, 900, 900, 1100, 950)),
                feature("SWAP", "{\"type\":\"Polygon\",\"coordinates\":[[" + String.join(",",
                        swapped(e, 10, 800), swapped(e, 60, 800), swapped(e, 60, 850), swapped(e, 10, 850),
                        swapped(e, 10, 800)) + "]]}"));
        String before = checksum();
        ImportReport report = run(file, FileFormat.GEOJSON, options(e));
        assertEquals("refused", report.outcome(), report.toText());
        assertEquals(before, checksum(), "nothing written");
        Map<String, Set<String>> codes = report.problems().stream().collect(Collectors.groupingBy(
                p -> p.plotNumber() == null ? "?" : p.plotNumber(),
                Collectors.mapping(ImportReport.Problem::code, Collectors.toSet())));
        assertEquals(Set.of("self_intersection"), codes.get("BOWTIE"), report.toText());
        assertEquals(Set.of("ring_not_closed"), codes.get("OPEN"), report.toText());
        assertEquals(Set.of("too_few_points"), codes.get("FEW"), report.toText());
        assertEquals(Set.of("hole_outside_shell"), codes.get("HOLE"), report.toText());
        assertEquals(Set.of("not_polygon"), codes.get("POINT"), report.toText());
        assertEquals(Set.of("empty_geometry"), codes.get("EMPTY"), report.toText());
        assertEquals(Set.of("has_z_or_m"), codes.get("THREE-D"), report.toText());
        assertEquals(Set.of("duplicate_plot_number"), codes.get("DUP"), report.toText());
        assertEquals(Set.of("overlaps_plot"), codes.get("ON-OLD"), report.toText());
        assertEquals(Set.of("overlaps_feature"), codes.get("X-1"), report.toText());
        assertEquals(Set.of("overlaps_feature"), codes.get("X-2"), report.toText());
        assertEquals(Set.of("outside_estate"), codes.get("OUT"), report.toText());
        assertEquals(Set.of("swapped_coordinates"), codes.get("SWAP"), report.toText());
        assertFalse(codes.containsKey("OK-1"), report.toText());
        assertTrue(report.problems().stream().filter(p -> p.code().equals("self_intersection"))
                .allMatch(p -> p.location() != null && p.location().startsWith("POINT")), report.toText());

        ImportReport dry = run(file, FileFormat.GEOJSON, options(e).withDryRun(true).withSkipInvalid(true));
        assertEquals("dry_run", dry.outcome());
        assertEquals(1, dry.created());
        assertEquals(before, checksum(), "a dry run writes nothing");

        ImportReport skipped = run(file, FileFormat.GEOJSON, options(e).withSkipInvalid(true));
        assertEquals("applied", skipped.outcome(), skipped.toText());
        assertEquals(1, skipped.created());
        assertEquals(2, plotCount(e));
    }

    private static String swapped(TestEstates.Estate e, double x, double y) {
        return String.format(Locale.ROOT, "[%.9f,%.9f]", e.lat(y), e.lon(x));
    }

    @Test
    void takenPlotsChangeGeometryOnlyWithForceResurveyWhichIsLogged() {
        TestEstates.Estate e = TestEstates.create(jdbi());
        long id = e.addParcel(jdbi(), "T-1", e.rect(10, 10, 100, 100), "ALLOCATED");
        Path file = geojson(dir, "resurvey.geojson", "{\"type\":\"Feature\",\"properties\":{\"plot\":\"T-1\"},"
                + "\"geometry\":" + polygon(e, 10, 10, 105, 100) + "}");
        String before = checksum();
        ImportReport refused = run(file, FileFormat.GEOJSON, options(e));
        assertEquals("refused", refused.outcome());
        assertEquals("plot_taken", refused.problems().get(0).code(), refused.toText());
        assertEquals(before, checksum());
        ImportReport forced = run(file, FileFormat.GEOJSON, options(e).withForceResurvey(true));
        assertEquals("applied", forced.outcome(), forced.toText());
        assertEquals(1, forced.resurveyed());
        int logged = jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM decision WHERE action = "
                + "'parcel.resurveyed' AND subject_id = :id").bind("id", Long.toString(id)).mapTo(Integer.class).one());
        assertEquals(1, logged);
        assertEquals("ALLOCATED", jdbi().withHandle(h -> h.createQuery("SELECT status FROM parcel WHERE id = :id")
                .bind("id", id).mapTo(String.class).one()));
    }

    @Test
    void utmAndWebMercatorFilesLandWithinHalfAMetre() {
        TestEstates.Estate e = TestEstates.create(jdbi());
        Path src = geojson(dir, "src.geojson", feature("U-1", polygon(e, 100, 100, 200, 200)));
        ImportFixtures.exec(dir, "ogr2ogr", "-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:32640",
                "utm", src.toString());
        ImportFixtures.exec(dir.resolve("utm"), "zip", "-q", "../utm.zip", "src.shp", "src.shx", "src.dbf", "src.prj");
        ImportFixtures.exec(dir.resolve("utm"), "zip", "-q", "../noprj.zip", "src.shp", "src.shx", "src.dbf");
        ImportFixtures.exec(dir, "ogr2ogr", "-f", "GPKG", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:3857", "merc.gpkg",
                src.toString());
        String before = checksum();
        var noPrj = assertThrows(ImportRefused.class, () -> run(dir.resolve("noprj.zip"), FileFormat.SHP, options(e)));
        assertEquals("unknown_crs", noPrj.code());
        assertTrue(noPrj.getMessage().contains("no .prj"), noPrj.getMessage());
        assertEquals(before, checksum());

        for (var c : List.of(Map.entry("utm.zip", FileFormat.SHP), Map.entry("merc.gpkg", FileFormat.GPKG))) {
            ImportReport r = run(dir.resolve(c.getKey()), c.getValue(), options(e).withDryRun(true).withPreview(true));
            assertEquals("dry_run", r.outcome(), r.toText());
            assertEquals(c.getKey().endsWith(".zip") ? 32640 : 3857, r.srid(), r.toText());
            assertTrue(r.preview().contains("U-1"));
        }
        ImportReport withSrid = run(dir.resolve("noprj.zip"), FileFormat.SHP, options(e).withSrid(32640));
        assertEquals("applied", withSrid.outcome(), withSrid.toText());
        double offsetM = jdbi().withHandle(h -> h.createQuery("""
                SELECT ST_Distance(ST_Centroid(geom)::geography,
                       ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography)
                  FROM parcel WHERE estate_id = :id AND plot_number = 'U-1'""")
                .bind("lon", e.lon(150)).bind("lat", e.lat(150)).bind("id", e.id()).mapTo(Double.class).one());
        assertTrue(offsetM < 0.5, "UTM plot lands " + offsetM + " m from where it belongs");
        jdbi().useHandle(h -> h.execute("DELETE FROM parcel WHERE estate_id = ?", e.id()));
        assertEquals("applied", run(dir.resolve("merc.gpkg"), FileFormat.GPKG, options(e)).outcome());
        double mercOffsetM = jdbi().withHandle(h -> h.createQuery("""
                SELECT ST_Distance(ST_Centroid(geom)::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography)
                  FROM parcel WHERE estate_id = :id AND plot_number = 'U-1'""")
                .bind("lon", e.lon(150)).bind("lat", e.lat(150)).bind("id", e.id()).mapTo(Double.class).one());
        assertTrue(mercOffsetM < 0.5, "Web Mercator plot lands " + mercOffsetM + " m away");
    }

    @Test
    void zipBombsAndZipSlipArchivesAreRefusedWithoutWritingOutside() throws IOException {
        TestEstates.Estate e = TestEstates.create(jdbi());
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("layer.shp"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(Files.size(bomb) < 1 << 20, "the bomb is small on disk");
        Limits small = new Limits(10L << 20, 32L << 20, 20, 1000);
        String before = checksum();
        Set<Path> tempBefore = tempDirs();
        var refusedBomb = assertThrows(FileRefusedException.class,
                () -> run(bomb, FileFormat.SHP, options(e).withLimits(small)));
        assertTrue(refusedBomb.tooLarge(), refusedBomb.getMessage());

        Path slip = dir.resolve("slip.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(slip))) {
            zip.putNextEntry(new ZipEntry("../../zamin-slip-evil.shp"));
            zip.write("evil".getBytes());
            zip.closeEntry();
        }
        var refusedSlip = assertThrows(FileRefusedException.class, () -> run(slip, FileFormat.SHP, options(e)));
        assertEquals("zip_unsafe", refusedSlip.code());

        Path link = dir.resolve("link.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(link))) {
            ZipArchiveEntry entry = new ZipArchiveEntry("layer.shp");
            entry.setUnixMode(0120777);
            zip.putArchiveEntry(entry);
            zip.write("/etc/passwd".getBytes());
            zip.closeArchiveEntry();
        }
        var refusedLink = assertThrows(FileRefusedException.class, () -> run(link, FileFormat.SHP, options(e)));
        assertEquals("zip_unsafe", refusedLink.code());

        Path many = dir.resolve("many.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 30; i++) {
                zip.putNextEntry(new ZipEntry("f" + i + ".txt"));
                zip.closeEntry();
            }
        }
        assertTrue(assertThrows(FileRefusedException.class, () -> run(many, FileFormat.SHP, options(e))).tooLarge());

        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assertFalse(Files.exists(tmp.resolve("zamin-slip-evil.shp")) || Files.exists(tmp.getParent().resolve(
                "zamin-slip-evil.shp")) || Files.exists(dir.getParent().resolve("zamin-slip-evil.shp")));
        // Only the directories made meanwhile count: other test runs on the machine share the temp directory.
        Set<Path> left = new HashSet<>(tempDirs());
        left.removeAll(tempBefore);
        assertEquals(Set.of(), left, "the private temp directories are gone");
        assertEquals(before, checksum());
    }

    private static Set<Path> tempDirs() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("zamin-import-")).collect(Collectors.toSet());
        }
    }

    @Test
    void twoConcurrentImportsOfOverlappingPlotsNeverBothCommit() throws Exception {
        TestEstates.Estate e = TestEstates.create(jdbi());
        Path a = geojson(dir, "a.geojson", feature("C-A", polygon(e, 100, 100, 300, 300)));
        Path b = geojson(dir, "b.geojson", feature("C-B", polygon(e, 200, 200, 400, 400)));
        for (int round = 0; round < 3; round++) {
            jdbi().useHandle(h -> h.execute("DELETE FROM parcel WHERE estate_id = ?", e.id()));
            CountDownLatch go = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            List<Callable<String>> tasks = List.of(a, b).stream().<Callable<String>>map(f -> () -> {
                go.await();
                return run(f, FileFormat.GEOJSON, options(e)).outcome();
            }).toList();
            var futures = tasks.stream().map(pool::submit).toList();
            go.countDown();
            List<String> outcomes = new java.util.ArrayList<>();
            for (var f : futures) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            assertEquals(1, outcomes.stream().filter("applied"::equals).count(), outcomes.toString());
            assertEquals(1, plotCount(e));
        }
    }

    @Test
    void aMissingPlotNumberColumnOrUnknownEstateRefusesTheFile() throws IOException {
        TestEstates.Estate e = TestEstates.create(jdbi());
        Path file = dir.resolve("nocol.csv");
        Files.writeString(file, "name,wkt\nfoo,\"" + e.rect(10, 10, 20, 20) + "\"\n");
        assertEquals("no_plot_number_field",
                assertThrows(ImportRefused.class, () -> run(file, FileFormat.CSV, options(e))).code());
        ImportReport mapped = run(file, FileFormat.CSV, options(e).withFields(java.util.Optional.of("name"),
                java.util.Optional.empty(), java.util.Optional.empty()).withDryRun(true));
        assertEquals("dry_run", mapped.outcome(), mapped.toText());
        assertTrue(mapped.mapping().get("plotNumber").startsWith("name (given)"));
        assertEquals("unknown_estate", assertThrows(ImportRefused.class, () -> run(file, FileFormat.CSV,
                ImportOptions.of("NO-SUCH-ESTATE", ImportFixtures.TESTER).withFields(java.util.Optional.of("name"),
                        java.util.Optional.empty(), java.util.Optional.empty()))).code());
        try (OutputStream o = Files.newOutputStream(dir.resolve("x"))) {
            o.write(1);
        }
    }
}
