package org.zamin.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import org.zamin.sample.EstateLayout.SizeMix;
import org.zamin.sample.EstateLayout.Spec;
import org.zamin.sample.EstateLayout.StatusMix;

/**
 * Generates a synthetic national data set (estates spread over Iran's 31 provinces) for scale tests,
 * lazily, one {@link EstateBundle} at a time, with the same layout code as the Gilan sample; its plots are
 * AVAILABLE or NOT_OFFERED (see {@link #offerOnly}). Estates never overlap each other nor the estates of the
 * shipped province samples: each sits in its
 * own cell of a country-wide grid sized for the largest estate, as near its province centre as free
 * cells allow.
 */
public final class NationalGenerator {
    private static final double GRID_LON0 = 44.0, GRID_LAT0 = 25.0;
    private static final double GAP_M = 300;
    private static final Set<String> FREE_ZONE_PROVINCES = Set.of("GIL", "HRM", "KHZ", "EAZ", "WAZ", "SBL");

    private final long seed;

    /** A generator; the same seed, estates and plots give the same data. */
    public NationalGenerator(long seed) {
        this.seed = seed;
    }

    /** An estate planned but not yet placed: its spec (at the province centre), seed, province and footprint. */
    private record Planned(Spec spec, long seed, int province, double radiusM, double[][] gatesM) {}

    /** An estate placed on the grid: its spec at its own centre, seed, province and gates in lon/lat. */
    private record Sited(Spec spec, long seed, int province, double[][] gates) {}

    /**
     * Yields {@code estates} bundles with exactly {@code plotsTotal} plots between them (each estate gets
     * about plotsTotal/estates, ± variation). Only per-estate summaries (a few numbers each) are computed
     * up front; features are built as the iterator advances.
     */
    public Iterator<EstateBundle> generate(int estates, int plotsTotal) {
        if (estates < 0 || plotsTotal < 0) {
            throw new IllegalArgumentException("estates and plots must not be negative");
        }
        // One random stream for the whole plan, drawn in this order: the same seed gives the same data.
        Random rnd = new Random(seed);
        int[] provinceOf = provincesOf(estates);
        int[] plots = plotsPerEstate(estates, plotsTotal, rnd);
        List<Planned> planned = plan(provinceOf, plots, rnd);
        List<Sited> sited = place(planned, rnd);
        return new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < estates;
            }

            @Override
            public EstateBundle next() {
                if (next >= estates) {
                    throw new NoSuchElementException();
                }
                return build(sited, next++);
            }
        };
    }

    /** Each estate's province: estates per province by weight, then the estates in province order. */
    private static int[] provincesOf(int estates) {
        List<Province> provinces = Province.ALL;
        double[] weights = new double[provinces.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = provinces.get(i).weight();
        }
        int[] perProvince = EstateLayout.quotas(weights, estates);
        int[] provinceOf = new int[estates];
        for (int p = 0, i = 0; p < perProvince.length; p++) {
            for (int k = 0; k < perProvince[p]; k++, i++) {
                provinceOf[i] = p;
            }
        }
        return provinceOf;
    }

    /** Plots per estate: everyone gets one (while plots last), the rest by log-normal weights. */
    private static int[] plotsPerEstate(int estates, int plotsTotal, Random rnd) {
        int[] plots = new int[estates];
        if (estates > 0) {
            int base = Math.min(plotsTotal, estates);
            double[] w = new double[estates];
            for (int i = 0; i < estates; i++) {
                w[i] = Math.exp(rnd.nextGaussian() * 0.45);
            }
            int[] extra = EstateLayout.quotas(w, plotsTotal - base);
            for (int i = 0; i < estates; i++) {
                plots[i] = (i < base ? 1 : 0) + extra[i];
            }
        }
        return plots;
    }

    /** Kinds, specs' random parts, per-estate seeds, and footprints (a dry run of the plan only). */
    private static List<Planned> plan(int[] provinceOf, int[] plots, Random rnd) {
        List<Province> provinces = Province.ALL;
        int[] kindCount = new int[provinces.size() * KINDS.length];
        List<Planned> planned = new ArrayList<>(provinceOf.length);
        for (int i = 0, seq = 0; i < provinceOf.length; i++) {
            seq = i > 0 && provinceOf[i] == provinceOf[i - 1] ? seq + 1 : 1;
            Province prov = provinces.get(provinceOf[i]);
            int kind = pickKind(prov, rnd);
            int nth = ++kindCount[provinceOf[i] * KINDS.length + kind];
            long estateSeed = rnd.nextLong();
            Spec spec = spec(prov, seq, kind, nth, plots[i], rnd);
            EstateLayout.Footprint fp = EstateLayout.footprint(spec, new Random(estateSeed));
            planned.add(new Planned(spec, estateSeed, provinceOf[i], fp.radiusM(), fp.gatesM()));
        }
        return planned;
    }

    /**
     * Places each estate in its own cell of a country-wide grid of cells big enough for the largest estate, as near
     * its province centre as free cells allow, off the shipped samples, jittered within the cell.
     */
    private static List<Sited> place(List<Planned> planned, Random rnd) {
        double maxRadius = planned.stream().mapToDouble(Planned::radiusM).max().orElse(0);
        double cellM = 2 * maxRadius + GAP_M;
        double dLat = cellM / 110_500.0;
        double dLon = cellM / EstateLayout.metresPerDegreeLon(40.0);
        Set<Long> taken = new HashSet<>();
        reserveShippedSamples(taken, dLon, dLat);
        List<Sited> sited = new ArrayList<>(planned.size());
        for (Planned p : planned) {
            Spec s = p.spec();
            long cell = nearestFreeCell(taken, s.province(), dLon, dLat, rnd);
            taken.add(cell);
            int ci = (int) (cell >> 32), cj = (int) cell;
            double cLon = GRID_LON0 + (ci + 0.5) * dLon, cLat = GRID_LAT0 + (cj + 0.5) * dLat;
            double slack = Math.max(0, cellM / 2 - GAP_M / 2 - p.radiusM());
            double e = (rnd.nextDouble() * 2 - 1) * slack, n = (rnd.nextDouble() * 2 - 1) * slack;
            double lat = GeoJson.round7(cLat + n / EstateLayout.metresPerDegreeLat(cLat));
            double lon = GeoJson.round7(cLon + e / EstateLayout.metresPerDegreeLon(cLat));
            double[][] gates = new double[4][];
            for (int k = 0; k < 4; k++) {
                gates[k] = EstateLayout.toLonLat(lon, lat, p.gatesM()[k][0], p.gatesM()[k][1]);
            }
            Spec placed = new Spec(s.code(), s.name(), s.nameFa(), s.kind(), s.operator(), s.province(), lon, lat,
                    s.plots(), s.extensionPlots(), s.sizeMix(), s.statusMix(), s.landPricePerM2(), s.rotationDeg(),
                    s.gas(), s.wastewater());
            sited.add(new Sited(placed, p.seed(), p.province(), gates));
        }
        return sited;
    }

    /** Lays out estate {@code i} with its own random stream, then its trunk road and, now and then, a rail spur. */
    private static EstateBundle build(List<Sited> sited, int i) {
        Sited here = sited.get(i);
        Random er = new Random(here.seed());
        EstateLayout.Result r = EstateLayout.build(here.spec(), er);
        offerOnly(r.bundle());
        r.bundle().infrastructure().add(trunkRoad(sited, i));
        if (er.nextDouble() < 0.08) {
            r.bundle().infrastructure().add(railSpur(here));
        }
        return r.bundle();
    }

    /**
     * A generated land bank has no investors, so no plot of it can be reserved, allocated or idle: a status with no
     * reservation, allocation or case behind it could never change (nothing would free a RESERVED plot). Every plot
     * the layout would show taken is AVAILABLE; roads, green and services stay NOT_OFFERED.
     */
    static void offerOnly(EstateBundle bundle) {
        for (ObjectNode parcel : bundle.parcels()) {
            ObjectNode p = (ObjectNode) parcel.get("properties");
            if (!"NOT_OFFERED".equals(p.path("status").asText())) {
                p.put("status", "AVAILABLE");
            }
        }
    }

    /**
     * A trunk road to the nearest earlier estate of the province, or to the province centre, between the gates that
     * face each other.
     */
    private static ObjectNode trunkRoad(List<Sited> sited, int i) {
        Sited here = sited.get(i);
        Spec s = here.spec();
        Sited near = null;
        double best = Double.MAX_VALUE;
        for (int j = i - 1; j >= 0 && sited.get(j).province() == here.province(); j--) {
            Spec o = sited.get(j).spec();
            double d = Math.hypot(o.lon() - s.lon(), o.lat() - s.lat());
            if (d < best) {
                best = d;
                near = sited.get(j);
            }
        }
        Province prov = s.province();
        double hubLon = GeoJson.round7(prov.lon()), hubLat = GeoJson.round7(prov.lat());
        ArrayNode c = JsonNodeFactory.instance.arrayNode();
        String name;
        if (near != null) {
            double[] a = EstateLayout.nearest(here.gates(), near.spec().lon(), near.spec().lat());
            double[] b = EstateLayout.nearest(near.gates(), a[0], a[1]);
            c.add(GeoJson.position(a[0], a[1]));
            c.add(GeoJson.position(b[0], b[1]));
            name = "Road " + s.code() + " – " + near.spec().code();
        } else {
            double[] a = EstateLayout.nearest(here.gates(), hubLon, hubLat);
            c.add(GeoJson.position(a[0], a[1]));
            c.add(GeoJson.position(hubLon, hubLat));
            name = "Road " + s.code() + " – " + prov.name() + " centre";
        }
        return EstateLayout.line(null, "road", name, c);
    }

    /** A rail spur from just south-east of the province centre to the estate's nearest gate. */
    private static ObjectNode railSpur(Sited here) {
        Province prov = here.spec().province();
        double hubLon = GeoJson.round7(prov.lon()), hubLat = GeoJson.round7(prov.lat());
        ArrayNode rc = JsonNodeFactory.instance.arrayNode();
        double[] a = EstateLayout.nearest(here.gates(), hubLon, hubLat - 0.01);
        rc.add(GeoJson.position(GeoJson.round7(hubLon + 0.01), GeoJson.round7(hubLat - 0.01)));
        rc.add(GeoJson.position(a[0], a[1]));
        return EstateLayout.line(null, "rail", "Rail spur to " + here.spec().name(), rc);
    }

    private static final String[] KINDS = {"INDUSTRIAL_ESTATE", "INDUSTRIAL_ZONE", "SMALL_WORKSHOP_COMPLEX",
        "CLUSTER", "FREE_ZONE"};

    private static int pickKind(Province p, Random rnd) {
        double u = rnd.nextDouble();
        if (FREE_ZONE_PROVINCES.contains(p.code()) && u < 0.04) {
            return 4;
        }
        return u < 0.58 ? 0 : u < 0.82 ? 1 : u < 0.93 ? 2 : 3;
    }

    private static Spec spec(Province p, int seq, int kind, int nth, int plots, Random rnd) {
        String code = String.format("%s-%04d", p.iso(), seq);
        String k = persianDigits(Integer.toString(nth));
        String name, nameFa, operator = p.name() + " Industrial Estates Company";
        SizeMix mix = SizeMix.MIXED;
        switch (kind) {
            case 1 -> {
                name = p.name() + " Industrial Zone " + nth;
                nameFa = "ناحیه صنعتی " + k + " " + p.nameFa();
            }
            case 2 -> {
                name = p.name() + " Small Workshop Complex " + nth;
                nameFa = "مجتمع کارگاهی " + k + " " + p.nameFa();
                mix = SizeMix.SMALL;
            }
            case 3 -> {
                name = p.name() + " Industrial Cluster " + nth;
                nameFa = "خوشه صنعتی " + k + " " + p.nameFa();
                operator = p.name() + " Cluster Development Company";
            }
            case 4 -> {
                name = p.name() + " Free Zone, Industrial Zone " + nth;
                nameFa = "منطقه آزاد " + p.nameFa() + " – ناحیه صنعتی " + k;
                operator = p.name() + " Free Zone Organisation";
                mix = SizeMix.LARGE;
            }
            default -> {
                name = p.name() + " Industrial Estate " + nth;
                nameFa = "شهرک صنعتی " + k + " " + p.nameFa();
                if (rnd.nextDouble() < 0.3) {
                    mix = SizeMix.LARGE;
                }
            }
        }
        double u = rnd.nextDouble();
        StatusMix status = u < 0.3 ? StatusMix.MATURE : u < 0.8 ? StatusMix.NORMAL : StatusMix.NEW;
        long price = Math.round((6_000_000 + rnd.nextDouble() * 34_000_000) / 100_000.0) * 100_000;
        if (kind == 4) {
            price *= 2;
        }
        double rotation = Math.round((rnd.nextDouble() * 80 - 40) * 10) / 10.0;
        boolean gas = rnd.nextDouble() < 0.85;
        boolean wastewater = rnd.nextDouble() < 0.5;
        return new Spec(code, name, nameFa, KINDS[kind], operator, p, p.lon(), p.lat(), plots, 0, mix, status,
                price, rotation, gas, wastewater);
    }

    static String persianDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : c);
        }
        return b.toString();
    }

    private static long cellKey(int i, int j) {
        return ((long) i << 32) | (j & 0xffffffffL);
    }

    /** Marks the grid cells touched by the shipped samples' estates (plus the gap) as taken. */
    private static void reserveShippedSamples(Set<Long> taken, double dLon, double dLat) {
        double padLat = GAP_M / 110_500.0, padLon = GAP_M / EstateLayout.metresPerDegreeLon(40.0);
        for (EstateBundle b : java.util.Arrays.stream(ShippedSamples.values())
                .flatMap(s -> s.build().stream()).toList()) {
            double minLon = Double.MAX_VALUE, minLat = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE,
                    maxLat = -Double.MAX_VALUE;
            for (JsonNode pt : b.estate().get("geometry").get("coordinates").get(0)) {
                minLon = Math.min(minLon, pt.get(0).asDouble());
                maxLon = Math.max(maxLon, pt.get(0).asDouble());
                minLat = Math.min(minLat, pt.get(1).asDouble());
                maxLat = Math.max(maxLat, pt.get(1).asDouble());
            }
            int i0 = (int) Math.floor((minLon - padLon - GRID_LON0) / dLon);
            int i1 = (int) Math.floor((maxLon + padLon - GRID_LON0) / dLon);
            int j0 = (int) Math.floor((minLat - padLat - GRID_LAT0) / dLat);
            int j1 = (int) Math.floor((maxLat + padLat - GRID_LAT0) / dLat);
            for (int i = i0; i <= i1; i++) {
                for (int j = j0; j <= j1; j++) {
                    taken.add(cellKey(i, j));
                }
            }
        }
    }

    /** The free cell nearest the province centre (searching outwards ring by ring). */
    private static long nearestFreeCell(Set<Long> taken, Province p, double dLon, double dLat, Random rnd) {
        int pi = (int) Math.floor((p.lon() - GRID_LON0) / dLon);
        int pj = (int) Math.floor((p.lat() - GRID_LAT0) / dLat);
        double kx = dLon * Math.cos(Math.toRadians(p.lat()));
        for (int ring = 0; ; ring++) {
            long best = 0;
            double bestD = Double.MAX_VALUE;
            for (int di = -ring; di <= ring; di++) {
                for (int dj = -ring; dj <= ring; dj++) {
                    if (Math.max(Math.abs(di), Math.abs(dj)) != ring) {
                        continue;
                    }
                    long key = cellKey(pi + di, pj + dj);
                    if (taken.contains(key)) {
                        continue;
                    }
                    double d = Math.hypot(di * kx, dj * dLat) * (1 + 0.3 * rnd.nextDouble());
                    if (d < bestD) {
                        bestD = d;
                        best = key;
                    }
                }
            }
            if (bestD < Double.MAX_VALUE) {
                return best;
            }
        }
    }

    /** Generates a set and prints its size and timing: {@code [estates] [plots] [seed]}. */
    public static void main(String[] args) {
        int estates = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int plots = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long t0 = System.nanoTime();
        Iterator<EstateBundle> it = new NationalGenerator(seed).generate(estates, plots);
        int e = 0, p = 0, l = 0;
        while (it.hasNext()) {
            EstateBundle b = it.next();
            e++;
            p += b.parcels().size();
            l += b.infrastructure().size();
        }
        System.out.printf("%d estates, %d plots, %d lines in %.2f s%n", e, p, l, (System.nanoTime() - t0) / 1e9);
    }
}
