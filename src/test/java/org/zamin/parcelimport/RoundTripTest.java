package org.zamin.parcelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.parcelimport.ImportFixtures.exporter;
import static org.zamin.parcelimport.ImportFixtures.jdbi;
import static org.zamin.parcelimport.ImportFixtures.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zamin.io.FileFormat;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/** Plots exported to each format and imported into an emptied estate come back with the same shapes and attributes. */
class RoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, mode = EnumSource.Mode.EXCLUDE, names = "FGB") // FlatGeobuf: export only
    void exportThenImportIntoAnEmptyEstateGivesTheSamePlots(FileFormat format) {
        TestEstates.Estate e = TestEstates.create(jdbi());
        e.addParcel(jdbi(), "A-1", e.rect(10, 10, 110, 90), "AVAILABLE");
        e.addParcel(jdbi(), "A-2", e.rect(110, 10, 230, 90), "AVAILABLE");
        e.addParcel(jdbi(), "R-1", e.rect(10, 100, 400, 120), "NOT_OFFERED");
        String withHole = "POLYGON((" + e.pt(300, 300) + ", " + e.pt(500, 300) + ", " + e.pt(500, 500) + ", "
                + e.pt(300, 500) + ", " + e.pt(300, 300) + "), (" + e.pt(350, 350) + ", " + e.pt(350, 400) + ", "
                + e.pt(400, 400) + ", " + e.pt(400, 350) + ", " + e.pt(350, 350) + "))";
        e.addParcel(jdbi(), "پلاک-۷", withHole, "AVAILABLE");
        jdbi().useHandle(h -> h.execute("""
                UPDATE parcel SET land_use = CASE plot_number WHEN 'R-1' THEN 'road' WHEN 'A-2' THEN 'warehouse'
                       ELSE land_use END, price_per_m2 = 1000000 + id % 7, utilities = '{gas,telecom}'
                 WHERE estate_id = ?""", e.id()));
        TestServer.get().ownerJdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS roundtrip_snapshot AS SELECT * FROM parcel WITH NO DATA"));
        TestServer.get().ownerJdbi().useHandle(h -> h.execute("INSERT INTO roundtrip_snapshot SELECT * FROM parcel WHERE estate_id = ?", e.id()));

        Path file = dir.resolve("out" + format.extension());
        var exported = exporter().export(format, Optional.of(e.code()), file, ImportFixtures.TESTER);
        assertEquals(4, exported.plots());
        jdbi().useHandle(h -> h.execute("DELETE FROM parcel WHERE estate_id = ?", e.id()));

        ImportReport report = run(file, format, ImportOptions.of(e.code(), ImportFixtures.TESTER));
        assertEquals("applied", report.outcome(), report.toText());
        assertEquals(4, report.created(), report.toText());

        List<Map<String, Object>> diff = TestServer.get().ownerJdbi().withHandle(h -> h.createQuery("""
                SELECT s.plot_number, p.plot_number AS found,
                       ST_Equals(ST_SnapToGrid(s.geom, 1e-7), ST_SnapToGrid(p.geom, 1e-7)) AS same_geom,
                       s.land_use = p.land_use AND s.price_per_m2 = p.price_per_m2 AND s.utilities @> p.utilities
                           AND s.utilities <@ p.utilities AND s.status = p.status AS same_attributes
                  FROM roundtrip_snapshot s
                  LEFT JOIN parcel p ON p.estate_id = s.estate_id AND p.plot_number = s.plot_number
                 WHERE s.estate_id = :id""").bind("id", e.id()).mapToMap().list());
        assertEquals(4, diff.size());
        for (Map<String, Object> row : diff) {
            assertEquals(row.get("plot_number"), row.get("found"), row.toString());
            assertEquals(Boolean.TRUE, row.get("same_geom"), row.toString());
            assertEquals(Boolean.TRUE, row.get("same_attributes"), row.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = FileFormat.class, mode = EnumSource.Mode.EXCLUDE, names = "FGB") // FlatGeobuf: export only
    void theSampleEstateExportedAndReimportedIsUnchanged(FileFormat format) {
        String before = ImportFixtures.checksum();
        Path file = dir.resolve("siahkal" + format.extension());
        var exported = exporter().export(format, Optional.of("GIL-SIAHKAL"), file, ImportFixtures.TESTER);
        assertTrue(exported.plots() > 10);
        String afterExport = ImportFixtures.checksum();
        ImportReport report = run(file, format, ImportOptions.of("GIL-SIAHKAL", ImportFixtures.TESTER).withDryRun(true));
        assertEquals("dry_run", report.outcome(), report.toText());
        assertEquals(0, report.invalid(), report.toText());
        assertEquals(exported.plots(), report.unchanged(), report.toText());
        assertEquals(afterExport, ImportFixtures.checksum(), "a dry run writes nothing");
        assertTrue(!before.equals(afterExport), "the export was recorded in the decision log");
    }
}
