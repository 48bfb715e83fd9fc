package org.zamin.parcelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.zamin.parcelimport.Classification.Match;
import org.zamin.parcelimport.ImportReport.Problem;

/** What an import does to each feature, given what it matched in the estate. */
class ClassificationTest {

    private static FeatureChecks.Row row(int n, String plot) {
        try {
            Polygon square = (Polygon) new WKTReader().read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
            return new FeatureChecks.Row(n, plot, null, null, null, square);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private final List<FeatureChecks.Row> rows = List.of(row(1, "NEW"), row(2, "SAME"), row(3, "FREE"),
            row(4, "TAKEN-ATTR"), row(5, "TAKEN-GEOM"), row(6, "BAD"));
    private final Map<Integer, Match> matches = Map.of(
            2, new Match("RESERVED", true, true),
            3, new Match("NOT_OFFERED", false, false),
            4, new Match("ALLOCATED", true, false),
            5, new Match("ALLOCATED", false, true),
            6, new Match("AVAILABLE", false, true));

    @Test
    void newFreeUnchangedAndTakenPlotsAreToldApart() {
        Classification c = Classification.of(rows, matches, Set.of(6), false);
        assertEquals(List.of(1), c.create());
        assertEquals(List.of(3), c.update());
        assertEquals(List.of(), c.resurvey());
        assertEquals(1, c.unchanged());
        assertEquals(List.of(
                new Problem(4, "TAKEN-ATTR", "plot_taken", "plot TAKEN-ATTR is ALLOCATED: its land use, price and "
                        + "utilities are not changed by an import", null, null, "ALLOCATED"),
                new Problem(5, "TAKEN-GEOM", "plot_taken", "plot TAKEN-GEOM is ALLOCATED: its geometry changes only "
                        + "with --force-resurvey", null, null, "ALLOCATED")), c.problems());
    }

    @Test
    void forceResurveyChangesOnlyTheGeometryOfTakenPlots() {
        Classification c = Classification.of(rows, matches, Set.of(6), true);
        assertEquals(List.of(5), c.resurvey());
        assertEquals(List.of(4), c.problems().stream().map(Problem::feature).toList());
    }

    @Test
    void featuresWithProblemsAreLeftOut() {
        Classification c = Classification.of(rows, matches, Set.of(1, 3, 4, 5, 6), false);
        assertEquals(List.of(), c.create());
        assertEquals(List.of(), c.update());
        assertEquals(List.of(), c.problems());
        assertEquals(1, c.unchanged());
    }
}
