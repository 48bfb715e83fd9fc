package org.zamin.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/** Checks the geometric and attribute invariants of the generated sample and national data with JTS. */
class EstateLayoutTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Set<String> KINDS = Set.of("INDUSTRIAL_ESTATE", "INDUSTRIAL_ZONE", "FREE_ZONE", "CLUSTER",
            "SMALL_WORKSHOP_COMPLEX");
    private static final Set<String> LAND_USES = Set.of("industrial", "warehouse", "workshop", "services", "green",
            "road");
    private static final Set<String> STATUSES = Set.of("AVAILABLE", "RESERVED", "ALLOCATED", "UNDER_CONSTRUCTION",
            "IN_PRODUCTION", "IDLE", "RECLAIMING", "NOT_OFFERED");
    private static final Set<String> UTILITIES = Set.of("water", "power", "gas", "telecom", "wastewater");
    private static final Set<String> LINE_KINDS = Set.of("road", "rail", "power", "gas", "water");
    /** About 3 m in degrees: the minimum distance between a plot and its estate's boundary. */
    private static final double MARGIN_DEG = 3.0 / 111_000;

    @Test
    void gilanSampleSatisfiesInvariants() {
        List<EstateBundle> bundles = GilanSample.build();
        Checker c = new Checker();
        bundles.forEach(c::add);
        c.finish();
        assertTrue(bundles.size() >= 12, "about a dozen estates");
        assertTrue(c.plots >= 900 && c.plots <= 1100, "about 1,000 plots, got " + c.plots);
        for (EstateBundle b : bundles) {
            assertEquals("GIL", props(b.estate()).get("province").get("code").asText());
        }
    }

    @Test
    void qazvinSampleSatisfiesInvariantsBesideGilan() {
        Checker c = new Checker();
        GilanSample.build().forEach(c::add); // neighbouring provinces: no estate may overlap the other sample's
        int gilan = c.plots;
        List<EstateBundle> bundles = QazvinSample.build();
        bundles.forEach(c::add);
        c.finish();
        int plots = c.plots - gilan;
        assertTrue(bundles.size() >= 10, "ten estates: " + bundles.size());
        assertTrue(plots >= 1_200 && plots <= 1_400, "about 1,300 plots, got " + plots);
        for (EstateBundle b : bundles) {
            assertEquals("QZV", props(b.estate()).get("province").get("code").asText());
        }
        assertEquals(QazvinSample.build(), bundles, "deterministic");
    }

    @Test
    void theShippedFilesAreWhatTheSamplesBuild() throws java.io.IOException {
        Path dir = java.nio.file.Files.createTempDirectory("zamin-samples");
        for (ShippedSamples s : ShippedSamples.values()) {
            ShippedSamples.write(dir, s);
            for (String f : List.of("estates.geojson", "parcels.geojson", "infrastructure.geojson")) {
                assertEquals(-1L, java.nio.file.Files.mismatch(dir.resolve(s.directory()).resolve(f),
                        Path.of("gis-data", s.directory(), f)), s.directory() + "/" + f + " is as built");
            }
        }
    }

    @Test
    void gilanSampleHasRealisticStatusProportions() {
        Map<String, Integer> n = new HashMap<>();
        int total = 0;
        for (EstateBundle b : GilanSample.build()) {
            for (ObjectNode p : b.parcels()) {
                n.merge(props(p).get("status").asText(), 1, Integer::sum);
                total++;
            }
        }
        int allocated = n.get("ALLOCATED") + n.get("UNDER_CONSTRUCTION") + n.get("IN_PRODUCTION") + n.get("IDLE");
        double idle = n.get("IDLE") / (double) allocated;
        double available = n.get("AVAILABLE") / (double) total;
        assertTrue(allocated > total / 2, "most plots allocated: " + n);
        assertTrue(idle >= 0.2 && idle <= 0.3, "about a quarter of allocated plots idle: " + idle);
        assertTrue(available >= 0.10 && available <= 0.15, "10-15 % available: " + available);
        assertTrue(n.get("RESERVED") > 0 && n.get("RECLAIMING") > 0, "some reserved and reclaiming: " + n);
        assertTrue(n.get("NOT_OFFERED") > 0, "some not offered: " + n);
    }

    @Test
    void gilanSampleIsDeterministic() {
        List<EstateBundle> a = GilanSample.build(), b = GilanSample.build();
        assertEquals(a, b);
    }

    @Test
    void anzaliZonesHaveTheirStages() {
        Map<String, EstateBundle> byCode = new HashMap<>();
        for (EstateBundle b : GilanSample.build()) {
            byCode.put(props(b.estate()).get("code").asText(), b);
        }
        EstateBundle z3 = byCode.get("GIL-ANZALI-FZ3");
        long notOffered = z3.parcels().stream().filter(p -> status(p).equals("NOT_OFFERED")).count();
        long available = z3.parcels().stream().filter(p -> status(p).equals("AVAILABLE")).count();
        assertTrue(notOffered >= 0.85 * z3.parcels().size() && available > 0, "zone 3 is being prepared");
        long ext = byCode.get("GIL-ANZALI-FZ2").parcels().stream()
                .filter(p -> props(p).get("plotNumber").asText().startsWith("X")).count();
        long extAvailable = byCode.get("GIL-ANZALI-FZ2").parcels().stream()
                .filter(p -> props(p).get("plotNumber").asText().startsWith("X") && status(p).equals("AVAILABLE"))
                .count();
        assertTrue(ext > 0 && extAvailable > ext / 2, "zone 2 has an extension of mostly available plots");
    }

    @Test
    void smallNationalSetSatisfiesInvariants() {
        Checker c = new Checker();
        for (ShippedSamples s : ShippedSamples.values()) {
            s.build().forEach(c::add); // the national set must not overlap the shipped samples either
        }
        int before = c.plots;
        Iterator<EstateBundle> it = new NationalGenerator(7).generate(80, 8_000);
        int estates = 0;
        while (it.hasNext()) {
            c.add(it.next());
            estates++;
        }
        c.finish();
        assertEquals(80, estates);
        assertEquals(8_000, c.plots - before);
    }

    @Test
    void tinyEstatesAndExactTotals() {
        for (int[] t : new int[][] {{40, 55}, {12, 5}, {3, 0}, {1, 1}, {5, 2_000}}) {
            Checker c = new Checker();
            Iterator<EstateBundle> it = new NationalGenerator(t[0] * 31L + t[1]).generate(t[0], t[1]);
            int estates = 0;
            while (it.hasNext()) {
                c.add(it.next());
                estates++;
            }
            c.finish();
            assertEquals(t[0], estates);
            assertEquals(t[1], c.plots);
        }
    }

    @Test
    void checkerCatchesOverlappingPlots() {
        EstateBundle b = GilanSample.build().get(0);
        List<ObjectNode> parcels = new ArrayList<>(b.parcels());
        ObjectNode copy = parcels.get(3).deepCopy();
        props(copy).put("plotNumber", "DUPLICATE-1");
        parcels.add(copy);
        EstateBundle broken = new EstateBundle(b.estate(), parcels, b.infrastructure());
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> new Checker().add(broken));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    // ----------------------------------------------------------------------------------------------------

    private static ObjectNode props(ObjectNode f) {
        return (ObjectNode) f.get("properties");
    }

    private static String status(ObjectNode f) {
        return props(f).get("status").asText();
    }

    private static Coordinate[] coords(JsonNode arr) {
        Coordinate[] c = new Coordinate[arr.size()];
        for (int i = 0; i < c.length; i++) {
            JsonNode p = arr.get(i);
            assertEquals(2, p.size(), "positions are [lon, lat]");
            double lon = p.get(0).asDouble(), lat = p.get(1).asDouble();
            assertEquals(lon, Math.round(lon * 1e7) / 1e7, "7 decimals");
            assertEquals(lat, Math.round(lat * 1e7) / 1e7, "7 decimals");
            assertTrue(lon > 43 && lon < 64 && lat > 24 && lat < 40.5, "inside Iran: " + p);
            c[i] = new Coordinate(lon, lat);
        }
        return c;
    }

    private static Polygon polygon(ObjectNode feature) {
        assertEquals("Feature", feature.get("type").asText());
        JsonNode g = feature.get("geometry");
        assertEquals("Polygon", g.get("type").asText());
        assertEquals(1, g.get("coordinates").size(), "one ring");
        Coordinate[] ring = coords(g.get("coordinates").get(0));
        Polygon p = GF.createPolygon(ring);
        assertTrue(p.isValid(), () -> "valid polygon " + feature);
        assertTrue(Orientation.isCCW(ring), () -> "counter-clockwise exterior " + feature);
        return p;
    }

    /** Accumulates bundles and checks everything, pairwise checks in {@link #finish()}. */
    private static final class Checker {
        final Set<String> codes = new HashSet<>();
        final List<Polygon> boundaries = new ArrayList<>();
        final List<String> boundaryCodes = new ArrayList<>();
        int plots;

        void add(EstateBundle b) {
            ObjectNode ep = props(b.estate());
            String code = ep.get("code").asText();
            assertTrue(code.matches("[A-Z0-9-]+"), code);
            assertTrue(codes.add(code), "estate code unique: " + code);
            assertFalse(ep.get("name").asText().isBlank());
            assertTrue(ep.get("nameFa").asText().codePoints().anyMatch(cp -> cp >= 0x0600 && cp <= 0x06FF),
                    "Persian name");
            assertTrue(KINDS.contains(ep.get("kind").asText()));
            assertFalse(ep.get("operator").asText().isBlank());
            for (String f : new String[] {"code", "name", "nameFa"}) {
                assertFalse(ep.get("province").get(f).asText().isBlank());
            }
            assertTrue(ep.get("landPricePerM2").isIntegralNumber() && ep.get("landPricePerM2").asLong() > 0);
            Map<String, String> units = Map.of("water", "m3/day", "power", "MW", "gas", "m3/h", "telecom", "lines",
                    "wastewater", "m3/day");
            units.forEach((k, unit) -> {
                JsonNode u = ep.get("utilities").get(k);
                assertNotNull(u, k);
                assertTrue(u.get("capacity").isIntegralNumber() && u.get("capacity").asLong() >= 0);
                assertEquals(unit, u.get("unit").asText());
            });
            Polygon boundary = polygon(b.estate());
            boundaries.add(boundary);
            boundaryCodes.add(code);

            Set<String> numbers = new HashSet<>();
            STRtree tree = new STRtree();
            List<Polygon> parcels = new ArrayList<>();
            for (ObjectNode f : b.parcels()) {
                ObjectNode pp = props(f);
                assertEquals(code, pp.get("estate").asText());
                String number = pp.get("plotNumber").asText();
                assertTrue(numbers.add(number), "plot number unique in estate: " + code + " " + number);
                assertTrue(LAND_USES.contains(pp.get("landUse").asText()));
                String st = pp.get("status").asText();
                assertTrue(STATUSES.contains(st), st);
                if (Set.of("green", "services", "road").contains(pp.get("landUse").asText())) {
                    assertEquals("NOT_OFFERED", st);
                }
                assertTrue(pp.get("pricePerM2").isIntegralNumber() && pp.get("pricePerM2").asLong() > 0);
                for (JsonNode u : pp.get("utilities")) {
                    assertTrue(UTILITIES.contains(u.asText()), u.asText());
                }
                Polygon p = polygon(f);
                assertTrue(boundary.covers(p), () -> "boundary of " + code + " covers plot " + number);
                assertTrue(boundary.getExteriorRing().distance(p) > MARGIN_DEG, "margin to boundary " + number);
                p.setUserData(number);
                tree.insert(p.getEnvelopeInternal(), p);
                parcels.add(p);
                plots++;
            }
            for (Polygon p : parcels) {
                for (Object o : tree.query(p.getEnvelopeInternal())) {
                    Polygon q = (Polygon) o;
                    if (q != p && p.relate(q, "2********")) {
                        fail("plots overlap in " + code + ": " + p.getUserData() + " and " + q.getUserData());
                    }
                }
            }
            for (ObjectNode f : b.infrastructure()) {
                JsonNode g = f.get("geometry");
                assertEquals("LineString", g.get("type").asText());
                LineString l = GF.createLineString(coords(g.get("coordinates")));
                assertTrue(l.getNumPoints() >= 2 && l.isValid());
                ObjectNode lp = props(f);
                assertTrue(LINE_KINDS.contains(lp.get("kind").asText()));
                assertFalse(lp.get("name").asText().isBlank());
                assertTrue(lp.has("estate") && (lp.get("estate").isNull() || lp.get("estate").asText().equals(code)));
            }
        }

        void finish() {
            STRtree tree = new STRtree();
            for (int i = 0; i < boundaries.size(); i++) {
                boundaries.get(i).setUserData(boundaryCodes.get(i));
                tree.insert(boundaries.get(i).getEnvelopeInternal(), boundaries.get(i));
            }
            for (Polygon p : boundaries) {
                for (Object o : tree.query(p.getEnvelopeInternal())) {
                    Geometry q = (Geometry) o;
                    if (q != p && p.intersects(q)) {
                        fail("estates overlap: " + p.getUserData() + " and " + q.getUserData());
                    }
                }
            }
        }
    }
}
