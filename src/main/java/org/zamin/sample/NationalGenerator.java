package org.zamin.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * lazily, one {@link EstateBundle} at a time, with the same layout code and status proportions as the
 * Gilan sample. Estates never overlap each other nor the estates of the Gilan sample: each sits in its
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

    /**
     * Yields {@code estates} bundles with exactly {@code plotsTotal} plots between them (each estate gets
     * about plotsTotal/estates, ± variation). Only per-estate summaries (a few numbers each) are computed
     * up front; features are built as the iterator advances.
     */
    public Iterator<EstateBundle> generate(int estates, int plotsTotal) {
        if (estates < 0 || plotsTotal < 0) {
            throw new IllegalArgumentException("estates and plots must not be negative");
        }
        Random rnd = new Random(seed);
        List<Province> provinces = Province.ALL;

        // Estates per province, by weight; then the estates in province order.
        double[] weights = new double[provinces.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = provinces.get(i).weight();
        }
        int[] perProvince = EstateLayout.quotas(weights, estates);
        int[] provinceOf = new int[estates];
        int[] seqInProvince = new int[estates];
        for (int p = 0, i = 0; p < perProvince.length; p++) {
            for (int k = 0; k < perProvince[p]; k++, i++) {
                provinceOf[i] = p;
                seqInProvince[i] = k + 1;
            }
        }

        // Plots per estate: everyone gets one (while plots last), the rest by log-normal weights.
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

        // Kinds, specs' random parts, per-estate seeds, and footprints (a dry run of the plan only).
        Spec[] specs = new Spec[estates];
        long[] seeds = new long[estates];
        double[] radius = new double[estates];
        double[][][] gatesM = new double[estates][][];
        int[] kindCount = new int[provinces.size() * KINDS.length];
        double maxRadius = 0;
        for (int i = 0; i < estates; i++) {
            Province prov = provinces.get(provinceOf[i]);
            int kind = pickKind(prov, rnd);
            int nth = ++kindCount[provinceOf[i] * KINDS.length + kind];
            seeds[i] = rnd.nextLong();
            specs[i] = spec(prov, seqInProvince[i], kind, nth, plots[i], rnd);
            EstateLayout.Footprint fp = EstateLayout.footprint(specs[i], new Random(seeds[i]));
            radius[i] = fp.radiusM();
            gatesM[i] = fp.gatesM();
            maxRadius = Math.max(maxRadius, radius[i]);
        }

        // Placement on a country-wide grid of cells big enough for the largest estate.
        double cellM = 2 * maxRadius + GAP_M;
        double dLat = cellM / 110_500.0;
        double dLon = cellM / EstateLayout.metresPerDegreeLon(40.0);
        Set<Long> taken = new HashSet<>();
        reserveGilanSample(taken, dLon, dLat);
        double[] lon = new double[estates], lat = new double[estates];
        double[][][] gates = new double[estates][4][];
        for (int i = 0; i < estates; i++) {
            Province prov = provinces.get(provinceOf[i]);
            long cell = nearestFreeCell(taken, prov, dLon, dLat, rnd);
            taken.add(cell);
            int ci = (int) (cell >> 32), cj = (int) cell;
            double cLon = GRID_LON0 + (ci + 0.5) * dLon, cLat = GRID_LAT0 + (cj + 0.5) * dLat;
            double slack = Math.max(0, cellM / 2 - GAP_M / 2 - radius[i]);
            double e = (rnd.nextDouble() * 2 - 1) * slack, n = (rnd.nextDouble() * 2 - 1) * slack;
            lat[i] = GeoJson.round7(cLat + n / EstateLayout.metresPerDegreeLat(cLat));
            lon[i] = GeoJson.round7(cLon + e / EstateLayout.metresPerDegreeLon(cLat));
            for (int k = 0; k < 4; k++) {
                gates[i][k] = EstateLayout.toLonLat(lon[i], lat[i], gatesM[i][k][0], gatesM[i][k][1]);
            }
        }

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
                int i = next++;
                Spec s = specs[i];
                Spec placed = new Spec(s.code(), s.name(), s.nameFa(), s.kind(), s.operator(), s.province(), lon[i],
                        lat[i], s.plots(), s.extensionPlots(), s.sizeMix(), s.statusMix(), s.landPricePerM2(),
                        s.rotationDeg(), s.gas(), s.wastewater());
                Random er = new Random(seeds[i]);
                EstateLayout.Result r = EstateLayout.build(placed, er);
                // A trunk road to the nearest earlier estate of the province, or to the province centre,
                // between the gates that face each other.
                int near = -1;
                double best = Double.MAX_VALUE;
                for (int j = i - 1; j >= 0 && provinceOf[j] == provinceOf[i]; j--) {
                    double d = Math.hypot(lon[j] - lon[i], lat[j] - lat[i]);
                    if (d < best) {
                        best = d;
                        near = j;
                    }
                }
                Province prov = s.province();
                double hubLon = GeoJson.round7(prov.lon()), hubLat = GeoJson.round7(prov.lat());
                ArrayNode c = JsonNodeFactory.instance.arrayNode();
                String name;
                if (near >= 0) {
                    double[] a = EstateLayout.nearest(gates[i], lon[near], lat[near]);
                    double[] b = EstateLayout.nearest(gates[near], a[0], a[1]);
                    c.add(GeoJson.position(a[0], a[1]));
                    c.add(GeoJson.position(b[0], b[1]));
                    name = "Road " + s.code() + " – " + specs[near].code();
                } else {
                    double[] a = EstateLayout.nearest(gates[i], hubLon, hubLat);
                    c.add(GeoJson.position(a[0], a[1]));
                    c.add(GeoJson.position(hubLon, hubLat));
                    name = "Road " + s.code() + " – " + prov.name() + " centre";
                }
                r.bundle().infrastructure().add(EstateLayout.line(null, "road", name, c));
                if (er.nextDouble() < 0.08) {
                    ArrayNode rc = JsonNodeFactory.instance.arrayNode();
                    double[] a = EstateLayout.nearest(gates[i], hubLon, hubLat - 0.01);
                    rc.add(GeoJson.position(GeoJson.round7(hubLon + 0.01), GeoJson.round7(hubLat - 0.01)));
                    rc.add(GeoJson.position(a[0], a[1]));
                    r.bundle().infrastructure().add(EstateLayout.line(null, "rail", "Rail spur to " + s.name(), rc));
                }
                return r.bundle();
            }
        };
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

    /** Marks the grid cells touched by the Gilan sample's estates (plus the gap) as taken. */
    private static void reserveGilanSample(Set<Long> taken, double dLon, double dLat) {
        double padLat = GAP_M / 110_500.0, padLon = GAP_M / EstateLayout.metresPerDegreeLon(40.0);
        for (EstateBundle b : GilanSample.build()) {
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
