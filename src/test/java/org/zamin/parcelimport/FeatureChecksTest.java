package org.zamin.parcelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.zamin.io.GeometryProblem;
import org.zamin.io.SourceFeature;
import org.zamin.parcelimport.ImportReport.Problem;

/** The checks of a file's features that need no database, one rule each, with inline WKT. */
class FeatureChecksTest {

    private static final Set<String> LAND_USES = Set.of("industrial", "green", "road");
    private static final Set<String> UTILITIES = Set.of("water", "power");
    private static final String SQUARE = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))";

    private static Geometry wkt(String text) {
        try {
            return new WKTReader().read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SourceFeature feature(int n, String geometryWkt, Map<String, String> attributes) {
        return SourceFeature.of(n, wkt(geometryWkt), attributes);
    }

    @Test
    void aPlotNumberIsRequiredAndAtMost32Characters() {
        assertEquals("A-1", FeatureChecks.plotNumber(1, "  A-1 ", "plot").value());
        assertTrue(FeatureChecks.plotNumber(1, "A-1", "plot").problem().isEmpty());
        Problem missing = FeatureChecks.plotNumber(2, "   ", "plot").problem().orElseThrow();
        assertEquals("missing_plot_number", missing.code());
        assertEquals("no plot number in column plot", missing.message());
        assertEquals("plot", missing.other());
        var tooLong = FeatureChecks.plotNumber(3, "x".repeat(33), "plot");
        assertEquals("bad_plot_number", tooLong.problem().orElseThrow().code());
        assertEquals("x".repeat(33), tooLong.value(), "a refused number still names the feature in the report");
    }

    @Test
    void aLandUseIsLowerCasedAndMustBeInTheVocabulary() {
        assertEquals("green", FeatureChecks.landUse(1, "A", " Green ", LAND_USES).value());
        assertNull(FeatureChecks.landUse(1, "A", "", LAND_USES).value());
        var bad = FeatureChecks.landUse(1, "A", "Casino", LAND_USES);
        assertEquals("casino", bad.value());
        Problem p = bad.problem().orElseThrow();
        assertEquals("bad_land_use", p.code());
        assertEquals("land use 'casino' is not one of [green, industrial, road]", p.message());
        assertEquals("casino", p.other());
        assertTrue(FeatureChecks.landUse(1, "A", "casino", Set.of("casino")).problem().isEmpty(),
                "the vocabulary is an argument");
    }

    @Test
    void aPriceIsAWholeNonNegativeNumber() {
        assertEquals(1200L, FeatureChecks.price(1, "A", "1200").value());
        assertEquals(1200L, FeatureChecks.price(1, "A", "1200.00").value());
        assertNull(FeatureChecks.price(1, "A", null).value());
        for (String bad : List.of("12.5", "-1", "cheap", "1e30")) {
            var checked = FeatureChecks.price(1, "A", bad);
            assertNull(checked.value(), bad);
            assertEquals("bad_price", checked.problem().orElseThrow().code(), bad);
            assertEquals(bad, checked.problem().orElseThrow().other());
        }
    }

    @Test
    void utilitiesAreSplitDeduplicatedAndChecked() {
        assertEquals(List.of("water", "power"),
                FeatureChecks.utilities(1, "A", "[\"Water\", power; water]", UTILITIES).value());
        assertEquals(List.of("water"), FeatureChecks.utilities(1, "A", "{water}", UTILITIES).value());
        var bad = FeatureChecks.utilities(1, "A", "water gas steam", UTILITIES);
        Problem p = bad.problem().orElseThrow();
        assertEquals("bad_utilities", p.code());
        assertEquals("unknown utilities [gas, steam]; known: [power, water]", p.message());
        assertEquals("gas, steam", p.other());
    }

    @Test
    void aOnePartMultiPolygonIsUnwrappedAndOtherGeometriesAreRefused() {
        var one = FeatureChecks.polygon(feature(1, "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 0)))", Map.of()), "A");
        assertInstanceOf(Polygon.class, one.value());
        assertTrue(one.problem().isEmpty());

        var two = FeatureChecks.polygon(feature(2,
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", Map.of()), "B");
        assertNull(two.value());
        assertEquals("multi_polygon", two.problem().orElseThrow().code());
        assertEquals(2.0, two.problem().orElseThrow().amount());

        var line = FeatureChecks.polygon(feature(3, "LINESTRING (0 0, 10 10)", Map.of()), "C");
        assertEquals("not_polygon", line.problem().orElseThrow().code());
        assertEquals("a plot must be a Polygon, not a LineString", line.problem().orElseThrow().message());
    }

    @Test
    void aReadersGeometryProblemIsPassedOnWithItsLocation() {
        var broken = SourceFeature.broken(4, new GeometryProblem("unclosed_ring", "the ring is not closed",
                "POINT (1 2)"), Map.of());
        Problem p = FeatureChecks.polygon(broken, "D").problem().orElseThrow();
        assertEquals(new Problem(4, "D", "unclosed_ring", "the ring is not closed", "POINT (1 2)"), p);
    }

    @Test
    void everyFeatureSharingAPlotNumberIsReported() {
        Map<Integer, String> plotOf = new LinkedHashMap<>();
        plotOf.put(1, "A");
        plotOf.put(2, "B");
        plotOf.put(3, "A");
        plotOf.put(4, null);
        plotOf.put(5, null);
        List<Problem> problems = FeatureChecks.duplicatePlotNumbers(plotOf);
        assertEquals(List.of(1, 3), problems.stream().map(Problem::feature).toList());
        assertEquals("plot number A appears 2 times in the file (features [1, 3])", problems.get(0).message());
        assertEquals(2.0, problems.get(0).amount());
    }

    @Test
    void checkKeepsThePolygonsAndListsProblemsFeatureByFeature() {
        AttributeMapping mapping = new AttributeMapping("plot", Optional.of("use"), Optional.of("price"),
                Optional.of("utilities"), List.of());
        var result = FeatureChecks.check(List.of(
                feature(1, SQUARE, Map.of("plot", "A", "use", "green", "price", "10", "utilities", "water")),
                feature(2, "POINT (5 5)", Map.of("plot", "B", "use", "casino")),
                feature(3, SQUARE, Map.of("plot", "A"))),
                mapping, new FeatureChecks.Vocabularies(LAND_USES, UTILITIES));
        assertEquals(List.of(1, 3), result.rows().stream().map(FeatureChecks.Row::n).toList());
        FeatureChecks.Row first = result.rows().get(0);
        assertEquals(new FeatureChecks.Row(1, "A", "green", 10L, List.of("water"), (Polygon) wkt(SQUARE)), first);
        assertEquals(List.of("bad_land_use", "not_polygon", "duplicate_plot_number", "duplicate_plot_number"),
                result.problems().stream().map(Problem::code).toList());
        assertEquals("B", result.plotOf().get(2));
    }
}
