package org.zamin.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Lays out one synthetic estate: blocks of plots along an internal road grid, an octagonal boundary around
 * them, road centre lines and utility feeders, all in a local metric frame (integer metres east/north),
 * then converts to EPSG:4326 with a local equirectangular projection and rounds to 7 decimals.
 *
 * <p>Geometric guarantees (checked by {@code EstateLayoutTest}): plot rings are counter-clockwise and
 * valid; every plot lies at least {@value #ROAD} + {@value #MARGIN} metres inside the boundary; plots
 * never overlap. Every grid vertex is converted once (cached by its integer local coordinates), so
 * neighbouring plots share identical coordinates; where the two plot rows of a block have different
 * frontages, each plot's ring also carries the other row's corner points that lie on its long edge, so
 * shared edges are identical even after rotation and rounding.
 */
public final class EstateLayout {
    /** Width of a road corridor between blocks and around the plotted area, metres. */
    public static final int ROAD = 20;
    /** Extra margin between the perimeter road corridor and the boundary, metres. */
    public static final int MARGIN = 10;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Plot-size character of an estate. */
    public enum SizeMix { SMALL, MIXED, LARGE }

    /** Occupancy character of an estate (how its offered plots are distributed over statuses). */
    public enum StatusMix { MATURE, NORMAL, NEW, PREPARING }

    /** Public parcel statuses, in "age" order: the oldest allocations first, unoffered land last. */
    static final String[] STATUSES = {"IN_PRODUCTION", "IDLE", "RECLAIMING", "ALLOCATED", "UNDER_CONSTRUCTION",
        "RESERVED", "AVAILABLE", "NOT_OFFERED"};

    /** Weights per {@link #STATUSES} entry for each StatusMix, and for extension blocks. */
    private static final double[] W_MATURE = {0.48, 0.235, 0.03, 0.105, 0.07, 0.02, 0.06, 0};
    private static final double[] W_NORMAL = {0.41, 0.21, 0.02, 0.12, 0.09, 0.03, 0.12, 0};
    private static final double[] W_NEW = {0.24, 0.13, 0.01, 0.12, 0.15, 0.05, 0.30, 0};
    private static final double[] W_PREPARING = {0, 0, 0, 0, 0, 0, 0.08, 0.92};
    private static final double[] W_EXTENSION = {0, 0, 0, 0, 0, 0.12, 0.88, 0};

    /**
     * What to build.
     *
     * @param plots number of plots in the main part (including green, services and road-reserve plots)
     * @param extensionPlots plots in an extension (new block rows at the far end, mostly AVAILABLE); 0 for none
     * @param rotationDeg counter-clockwise rotation of the road grid
     */
    public record Spec(String code, String name, String nameFa, String kind, String operator, Province province,
            double lon, double lat, int plots, int extensionPlots, SizeMix sizeMix, StatusMix statusMix,
            long landPricePerM2, double rotationDeg, boolean gas, boolean wastewater) {}

    /**
     * A built estate and its four gates (where the access roads leave the boundary; south, east, north,
     * west of the road grid, each {@code [lon, lat]}) for connecting trunk lines.
     */
    public record Result(EstateBundle bundle, double[][] gates) {
        /** The gate nearest to a point (lon/lat compared on a plain equirectangular scale). */
        public double[] gateNearest(double lon, double lat) {
            return nearest(gates, lon, lat);
        }
    }

    /**
     * Size of an estate before it is placed: the radius around its centre that holds the boundary and the
     * gates, and the gates' offsets ({@code [east, north]} metres; south, east, north, west).
     */
    public record Footprint(double radiusM, double[][] gatesM) {}

    static double[] nearest(double[][] points, double lon, double lat) {
        double k = Math.cos(Math.toRadians(lat));
        double[] best = points[0];
        double bestD = Double.MAX_VALUE;
        for (double[] p : points) {
            double d = Math.hypot((p[0] - lon) * k, p[1] - lat);
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        return best;
    }

    private EstateLayout() {}

    // ------------------------------------------------------------------------------------------------
    // Planning (pure numbers; consumes the Random identically in footprint() and build())

    private enum RowClass {
        SMALL(2, 40, 45, 25, 50), MEDIUM(2, 55, 75, 30, 100), LARGE(1, 110, 150, 60, 160);

        final int subRows, minDepth, maxDepth, minFront, maxFront;

        RowClass(int subRows, int minDepth, int maxDepth, int minFront, int maxFront) {
            this.subRows = subRows;
            this.minDepth = minDepth;
            this.maxDepth = maxDepth;
            this.minFront = minFront;
            this.maxFront = maxFront;
        }

        double avgFront() {
            return (minFront + maxFront) / 2.0;
        }

        double avgDepth() {
            return subRows * (minDepth + maxDepth) / 2.0;
        }
    }

    private static final class Block {
        final String number;
        final int x0, y0, rowIndex;
        final int[] depths;
        final int[][] splits; // per sub-row: absolute x of plot edges, null when the sub-row is empty
        final boolean extension;

        Block(String number, int x0, int y0, int rowIndex, int[] depths, boolean extension) {
            this.number = number;
            this.x0 = x0;
            this.y0 = y0;
            this.rowIndex = rowIndex;
            this.depths = depths;
            this.splits = new int[depths.length][];
            this.extension = extension;
        }
    }

    private static final class Plan {
        int width, columns, wTot, hTot, rows;
        final List<Block> blocks = new ArrayList<>();
        final List<Integer> rowTops = new ArrayList<>();
        int[] oct; // x0,y0,x1,y1,... counter-clockwise
        int cx, cy, accessX, accessY;
        int[] gates; // x,y of the south, east, north and west gates
    }

    private static RowClass pickClass(SizeMix mix, Random rnd) {
        double u = rnd.nextDouble();
        switch (mix) {
            case SMALL:
                return RowClass.SMALL;
            case LARGE:
                return u < 0.4 ? RowClass.MEDIUM : RowClass.LARGE;
            default:
                return u < 0.25 ? RowClass.SMALL : u < 0.75 ? RowClass.MEDIUM : RowClass.LARGE;
        }
    }

    private static Plan plan(Spec spec, Random rnd) {
        Plan p = new Plan();
        int w;
        double[] probs;
        switch (spec.sizeMix()) {
            case SMALL -> {
                w = 180 + 10 * rnd.nextInt(7);
                probs = new double[] {1, 0, 0};
            }
            case LARGE -> {
                w = 360 + 10 * rnd.nextInt(13);
                probs = new double[] {0, 0.4, 0.6};
            }
            default -> {
                w = 300 + 10 * rnd.nextInt(11);
                probs = new double[] {0.25, 0.5, 0.25};
            }
        }
        double perBlock = 0, depth = 0;
        RowClass[] cls = RowClass.values();
        for (int i = 0; i < cls.length; i++) {
            perBlock += probs[i] * cls[i].subRows * w / cls[i].avgFront();
            depth += probs[i] * cls[i].avgDepth();
        }
        int total = spec.plots() + spec.extensionPlots();
        double blocks = Math.max(1, total / perBlock);
        int columns = (int) Math.ceil(Math.sqrt(blocks * (depth + ROAD) / (w + ROAD)) - 0.3);
        columns = Math.max(1, Math.min(columns, 40));
        p.width = w;
        p.columns = columns;
        p.wTot = columns * w + (columns - 1) * ROAD;

        int y = 0;
        int row = 0;
        int blockNo = 0;
        for (int phase = 0; phase < 2; phase++) {
            int rem = phase == 0 ? spec.plots() : spec.extensionPlots();
            int extNo = 0;
            while (rem > 0) {
                RowClass c = pickClass(spec.sizeMix(), rnd);
                int[] depths = new int[c.subRows];
                int bh = 0;
                for (int s = 0; s < depths.length; s++) {
                    depths[s] = c.minDepth + 5 * rnd.nextInt((c.maxDepth - c.minDepth) / 5 + 1);
                    bh += depths[s];
                }
                for (int col = 0; col < columns && rem > 0; col++) {
                    String number = phase == 0 ? "B" + (++blockNo) : "X" + (++extNo);
                    Block b = new Block(number, col * (w + ROAD), y, row, depths, phase == 1);
                    int[] prev = null;
                    for (int s = 0; s < depths.length && rem > 0; s++) {
                        int[] sp = split(b.x0, w, c, rem, prev, rnd);
                        b.splits[s] = sp;
                        rem -= sp.length - 1;
                        prev = sp;
                    }
                    p.blocks.add(b);
                }
                y += bh;
                p.rowTops.add(y);
                y += ROAD;
                row++;
            }
        }
        p.rows = row;
        p.hTot = row == 0 ? 40 : y - ROAD;

        // Boundary: a convex octagon around the plotted area, the perimeter road corridor and a margin.
        int a0 = -ROAD - MARGIN, b0 = -ROAD - MARGIN, a1 = p.wTot + ROAD + MARGIN, b1 = p.hTot + ROAD + MARGIN;
        int el = 10 + rnd.nextInt(51), er = 10 + rnd.nextInt(51), eb = 10 + rnd.nextInt(51), et = 10 + rnd.nextInt(51);
        int x0 = a0 - el, x1 = a1 + er, y0 = b0 - eb, y1 = b1 + et;
        int halfMin = Math.min(x1 - x0, y1 - y0) / 2 - 1;
        int cBL = chamfer(el + eb, halfMin, rnd), cBR = chamfer(er + eb, halfMin, rnd);
        int cTR = chamfer(er + et, halfMin, rnd), cTL = chamfer(el + et, halfMin, rnd);
        p.oct = new int[] {x0 + cBL, y0, x1 - cBR, y0, x1, y0 + cBR, x1, y1 - cTR, x1 - cTR, y1, x0 + cTL, y1,
            x0, y1 - cTL, x0, y0 + cBL};
        p.cx = Math.floorDiv(x0 + x1, 2);
        p.cy = Math.floorDiv(y0 + y1, 2);
        // Access roads: along the vertical and horizontal roads nearest the middle, out through four gates.
        int best = -ROAD / 2;
        for (int col = 1; col <= columns; col++) {
            int vx = col * (w + ROAD) - ROAD / 2;
            if (Math.abs(vx - p.wTot / 2) < Math.abs(best - p.wTot / 2)) {
                best = vx;
            }
        }
        p.accessX = best;
        best = -ROAD / 2;
        for (int top : p.rowTops) {
            int hy = top + ROAD / 2;
            if (Math.abs(hy - p.hTot / 2) < Math.abs(best - p.hTot / 2)) {
                best = hy;
            }
        }
        p.accessY = best;
        p.gates = new int[] {p.accessX, y0 - 30, x1 + 30, p.accessY, p.accessX, y1 + 30, x0 - 30, p.accessY};
        return p;
    }

    private static int chamfer(int max, int halfMin, Random rnd) {
        int m = Math.max(6, Math.min(max, halfMin));
        return 5 + rnd.nextInt(m - 4);
    }

    /**
     * Splits one plot row [x0, x0+w] into at most {@code rem} plots of the class's frontages. The last
     * plot absorbs a remainder narrower than the minimum frontage. A cut within 4 m of a cut of the other
     * row of the block ({@code snapTo}) is moved onto it when the plot keeps its minimum frontage, so most
     * cut points on the shared edge are identical or well apart (all are whole metres, hence at least
     * 1 m apart, far more than the 1 cm rounding).
     */
    private static int[] split(int x0, int w, RowClass c, int rem, int[] snapTo, Random rnd) {
        int end = x0 + w;
        int[] xs = new int[Math.min(rem, w / 15 + 2) + 1];
        int n = 0;
        xs[n++] = x0;
        int x = x0;
        while (rem > 0 && x < end) {
            int f = c.minFront + rnd.nextInt(c.maxFront - c.minFront + 1);
            if (c == RowClass.LARGE && rnd.nextDouble() < 0.05) {
                f = 200 + rnd.nextInt(101);
            }
            int nx = x + f;
            if (end - nx < c.minFront) {
                nx = end;
            }
            if (snapTo != null && nx < end) {
                for (int s : snapTo) {
                    if (Math.abs(s - nx) <= 4 && s - x >= c.minFront && end - s >= c.minFront) {
                        nx = s;
                        break;
                    }
                }
            }
            xs[n++] = nx;
            x = nx;
            rem--;
        }
        return Arrays.copyOf(xs, n);
    }

    /** The footprint of an estate (its radius and gate offset in metres), without building features. */
    public static Footprint footprint(Spec spec, Random rnd) {
        Plan p = plan(spec, rnd);
        double r = 0;
        for (int i = 0; i < p.oct.length; i += 2) {
            r = Math.max(r, Math.hypot(p.oct[i] - p.cx, p.oct[i + 1] - p.cy));
        }
        double[][] g = new double[4][];
        for (int i = 0; i < 4; i++) {
            int gx = p.gates[2 * i] - p.cx, gy = p.gates[2 * i + 1] - p.cy;
            r = Math.max(r, Math.hypot(gx, gy));
            g[i] = rotate(gx, gy, spec.rotationDeg());
        }
        return new Footprint(r, g);
    }

    // ------------------------------------------------------------------------------------------------
    // Projection

    /** Metres per degree of latitude at latitude {@code latDeg} (WGS 84). */
    public static double metresPerDegreeLat(double latDeg) {
        double p = Math.toRadians(latDeg);
        return 111132.92 - 559.82 * Math.cos(2 * p) + 1.175 * Math.cos(4 * p) - 0.0023 * Math.cos(6 * p);
    }

    /** Metres per degree of longitude at latitude {@code latDeg} (WGS 84). */
    public static double metresPerDegreeLon(double latDeg) {
        double p = Math.toRadians(latDeg);
        return 111412.84 * Math.cos(p) - 93.5 * Math.cos(3 * p) + 0.118 * Math.cos(5 * p);
    }

    private static double[] rotate(double x, double y, double deg) {
        double t = Math.toRadians(deg), c = Math.cos(t), s = Math.sin(t);
        return new double[] {x * c - y * s, x * s + y * c};
    }

    /** Converts local metres (already rotated) around (lon0, lat0) to a rounded [lon, lat]. */
    public static double[] toLonLat(double lon0, double lat0, double east, double north) {
        return new double[] {GeoJson.round7(lon0 + east / metresPerDegreeLon(lat0)),
            GeoJson.round7(lat0 + north / metresPerDegreeLat(lat0))};
    }

    /** Converts plan coordinates of one estate, caching integer grid vertices so each is computed once. */
    private static final class Frame {
        final double lon0, lat0, cos, sin, mLon, mLat;
        final int cx, cy;
        final Map<Long, double[]> cache = new HashMap<>();

        Frame(Spec spec, Plan p) {
            lon0 = spec.lon();
            lat0 = spec.lat();
            double t = Math.toRadians(spec.rotationDeg());
            cos = Math.cos(t);
            sin = Math.sin(t);
            mLon = metresPerDegreeLon(lat0);
            mLat = metresPerDegreeLat(lat0);
            cx = p.cx;
            cy = p.cy;
        }

        double[] exact(double x, double y) {
            double dx = x - cx, dy = y - cy;
            double e = dx * cos - dy * sin, n = dx * sin + dy * cos;
            return new double[] {GeoJson.round7(lon0 + e / mLon), GeoJson.round7(lat0 + n / mLat)};
        }

        double[] vertex(int x, int y) {
            long key = ((long) x << 32) ^ (y & 0xffffffffL);
            return cache.computeIfAbsent(key, k -> exact(x, y));
        }

        ArrayNode pos(int x, int y) {
            double[] v = vertex(x, y);
            return GeoJson.position(v[0], v[1]);
        }

        ArrayNode posExact(double x, double y) {
            double[] v = exact(x, y);
            return GeoJson.position(v[0], v[1]);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Building

    private static final class Plot {
        final Block block;
        final int sub, index, xa, xb, ya, yb;
        final String number;
        String landUse;
        String status;
        double key;

        Plot(Block block, int sub, int index, int xa, int xb, int ya, int yb, String number) {
            this.block = block;
            this.sub = sub;
            this.index = index;
            this.xa = xa;
            this.xb = xb;
            this.ya = ya;
            this.yb = yb;
            this.number = number;
        }

        long area() {
            return (long) (xb - xa) * (yb - ya);
        }
    }

    /** Builds the estate: boundary, plots and infrastructure. Deterministic for a given Random state. */
    public static Result build(Spec spec, Random rnd) {
        Plan p = plan(spec, rnd);
        Frame fr = new Frame(spec, p);

        List<Plot> plots = new ArrayList<>(spec.plots() + spec.extensionPlots());
        for (Block b : p.blocks) {
            int k = 0;
            int ya = b.y0;
            for (int s = 0; s < b.depths.length; s++) {
                int yb = ya + b.depths[s];
                int[] sp = b.splits[s];
                if (sp != null) {
                    for (int i = 0; i + 1 < sp.length; i++) {
                        k++;
                        plots.add(new Plot(b, s, k, sp[i], sp[i + 1], ya, yb, b.number + "-" + k));
                    }
                }
                ya = yb;
            }
        }

        assignLandUse(spec, p, plots, rnd);
        assignStatus(spec, p, plots, rnd);

        long plottedArea = 0;
        List<ObjectNode> parcels = new ArrayList<>(plots.size());
        for (Plot pl : plots) {
            plottedArea += pl.area();
            parcels.add(parcelFeature(spec, fr, pl, rnd));
        }

        // Estate boundary.
        ArrayNode ring = F.arrayNode(9);
        for (int i = 0; i < p.oct.length; i += 2) {
            ring.add(fr.pos(p.oct[i], p.oct[i + 1]));
        }
        ring.add(fr.pos(p.oct[0], p.oct[1]));
        ObjectNode estate = GeoJson.feature(GeoJson.polygon(ring));
        ObjectNode ep = GeoJson.props(estate);
        ep.put("code", spec.code());
        ep.put("name", spec.name());
        ep.put("nameFa", spec.nameFa());
        ep.put("kind", spec.kind());
        ep.put("operator", spec.operator());
        ep.set("province", spec.province().toJson());
        ep.put("landPricePerM2", spec.landPricePerM2());
        ep.set("utilities", utilities(spec, plottedArea, plots.size()));

        List<ObjectNode> infra = infrastructure(spec, p, fr, rnd);
        double[][] gates = new double[4][];
        for (int i = 0; i < 4; i++) {
            gates[i] = fr.vertex(p.gates[2 * i], p.gates[2 * i + 1]);
        }
        return new Result(new EstateBundle(estate, parcels, infra), gates);
    }

    private static void assignLandUse(Spec spec, Plan p, List<Plot> plots, Random rnd) {
        int n = 0;
        for (Plot pl : plots) {
            if (!pl.block.extension) {
                n++;
            }
        }
        boolean small = spec.sizeMix() == SizeMix.SMALL;
        int services = n >= 8 ? Math.max(1, (int) Math.round(n / 60.0)) : 0;
        int green = (int) Math.round(n * (small ? 0.02 : 0.05));
        int road = n >= 40 ? Math.max(1, (int) Math.round(n * 0.01)) : 0;

        // Services near the entrance (first block row), green preferably at the edges of the plotted area.
        List<Plot> first = new ArrayList<>(), edge = new ArrayList<>(), rest = new ArrayList<>();
        for (Plot pl : plots) {
            if (pl.block.extension) {
                continue;
            }
            if (pl.block.rowIndex == 0) {
                first.add(pl);
            } else if (pl.xa == 0 || pl.xb == p.wTot) {
                edge.add(pl);
            } else {
                rest.add(pl);
            }
        }
        take(first, services, "services", rnd);
        take(edge, green, "green", rnd);
        int missing = green - countUse(plots, "green");
        take(rest, missing, "green", rnd);
        take(rest, road, "road", rnd);
        for (Plot pl : plots) {
            if (pl.landUse != null) {
                continue;
            }
            double u = rnd.nextDouble();
            if (small) {
                pl.landUse = u < 0.85 ? "workshop" : u < 0.95 ? "warehouse" : "industrial";
            } else if (pl.area() < 2500) {
                pl.landUse = u < 0.45 ? "workshop" : u < 0.9 ? "industrial" : "warehouse";
            } else {
                pl.landUse = u < 0.82 ? "industrial" : "warehouse";
            }
        }
    }

    private static void take(List<Plot> from, int count, String use, Random rnd) {
        for (int i = 0; i < count && !from.isEmpty(); i++) {
            Plot pl = from.remove(rnd.nextInt(from.size()));
            if (pl.landUse == null) {
                pl.landUse = use;
            } else {
                i--;
            }
        }
    }

    private static int countUse(List<Plot> plots, String use) {
        int c = 0;
        for (Plot pl : plots) {
            if (use.equals(pl.landUse)) {
                c++;
            }
        }
        return c;
    }

    private static boolean special(Plot pl) {
        return "green".equals(pl.landUse) || "services".equals(pl.landUse) || "road".equals(pl.landUse);
    }

    private static void assignStatus(Spec spec, Plan p, List<Plot> plots, Random rnd) {
        List<Plot> main = new ArrayList<>(), ext = new ArrayList<>();
        for (Plot pl : plots) {
            if (special(pl)) {
                pl.status = "NOT_OFFERED";
            } else if (pl.block.extension) {
                ext.add(pl);
            } else {
                main.add(pl);
            }
        }
        double[] w = switch (spec.statusMix()) {
            case MATURE -> W_MATURE;
            case NEW -> W_NEW;
            case PREPARING -> W_PREPARING;
            default -> W_NORMAL;
        };
        distribute(main, w, p.rows, rnd);
        distribute(ext, W_EXTENSION, p.rows, rnd);
    }

    /** Gives the plots statuses in exact proportions, older statuses to plots nearer the entrance. */
    private static void distribute(List<Plot> plots, double[] weights, int rows, Random rnd) {
        int m = plots.size();
        if (m == 0) {
            return;
        }
        int[] counts = quotas(weights, m);
        for (Plot pl : plots) {
            pl.key = (pl.block.rowIndex + 0.5) / Math.max(1, rows) + rnd.nextGaussian() * 0.35;
        }
        plots.sort(Comparator.comparingDouble(pl -> pl.key));
        int i = 0;
        for (int s = 0; s < counts.length; s++) {
            for (int c = 0; c < counts[s]; c++) {
                plots.get(i++).status = STATUSES[s];
            }
        }
    }

    /** Largest-remainder apportionment of {@code m} items by {@code weights}; sums to exactly m. */
    static int[] quotas(double[] weights, int m) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] counts = new int[weights.length];
        double[] frac = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double q = weights[i] / sum * m;
            counts[i] = (int) Math.floor(q);
            frac[i] = q - counts[i];
            given += counts[i];
        }
        while (given < m) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0 && (best < 0 || frac[i] > frac[best])) {
                    best = i;
                }
            }
            counts[best]++;
            frac[best] = -1;
            given++;
        }
        return counts;
    }

    private static ObjectNode parcelFeature(Spec spec, Frame fr, Plot pl, Random rnd) {
        Block b = pl.block;
        ArrayNode ring = F.arrayNode(6);
        ring.add(fr.pos(pl.xa, pl.ya));
        if (pl.sub == 1 && b.splits[0] != null) { // bottom edge shared with the lower row: its cuts, ascending
            for (int s : b.splits[0]) {
                if (s > pl.xa && s < pl.xb) {
                    ring.add(fr.pos(s, pl.ya));
                }
            }
        }
        ring.add(fr.pos(pl.xb, pl.ya));
        ring.add(fr.pos(pl.xb, pl.yb));
        if (pl.sub == 0 && b.splits.length > 1 && b.splits[1] != null) { // top edge: upper row's cuts, descending
            int[] up = b.splits[1];
            for (int i = up.length - 1; i >= 0; i--) {
                if (up[i] > pl.xa && up[i] < pl.xb) {
                    ring.add(fr.pos(up[i], pl.yb));
                }
            }
        }
        ring.add(fr.pos(pl.xa, pl.yb));
        ring.add(fr.pos(pl.xa, pl.ya));

        ObjectNode f = GeoJson.feature(GeoJson.polygon(ring));
        ObjectNode pp = GeoJson.props(f);
        pp.put("estate", spec.code());
        pp.put("plotNumber", pl.number);
        pp.put("landUse", pl.landUse);
        pp.put("status", pl.status);
        double factor = 1 + Math.max(-0.1, Math.min(0.1, rnd.nextGaussian() * 0.04));
        if (pl.area() < 2000) {
            factor += 0.04;
        } else if (pl.area() > 15000) {
            factor -= 0.05;
        }
        pp.put("pricePerM2", Math.max(10_000, Math.round(spec.landPricePerM2() * factor / 10_000.0) * 10_000));
        ArrayNode u = pp.putArray("utilities");
        if ("road".equals(pl.landUse)) {
            return f;
        }
        if ("green".equals(pl.landUse)) {
            u.add("water");
            return f;
        }
        if (spec.statusMix() == StatusMix.PREPARING) {
            if ("AVAILABLE".equals(pl.status)) {
                u.add("water");
                u.add("power");
            }
            return f;
        }
        u.add("water");
        u.add("power");
        if (spec.gas() && (b.extension ? rnd.nextDouble() < 0.5 : rnd.nextDouble() < 0.92)) {
            u.add("gas");
        }
        u.add("telecom");
        if (spec.wastewater() && !b.extension && rnd.nextDouble() < 0.88) {
            u.add("wastewater");
        }
        return f;
    }

    private static ObjectNode utilities(Spec spec, long plottedArea, int plots) {
        double ha = plottedArea / 10_000.0;
        boolean prep = spec.statusMix() == StatusMix.PREPARING;
        long water = roundTo(ha * (prep ? 8 : 35), 50);
        ObjectNode u = F.objectNode();
        cap(u, "water", water, "m3/day");
        cap(u, "power", Math.max(1, Math.round(ha * (prep ? 0.1 : 0.3))), "MW");
        cap(u, "gas", spec.gas() && !prep ? roundTo(ha * 150, 100) : 0, "m3/h");
        cap(u, "telecom", prep ? 0 : roundTo(plots * 6.0, 10), "lines");
        cap(u, "wastewater", spec.wastewater() && !prep ? roundTo(water * 0.7, 50) : 0, "m3/day");
        return u;
    }

    private static long roundTo(double v, int step) {
        return Math.max(step, Math.round(v / step) * step);
    }

    private static void cap(ObjectNode u, String name, long capacity, String unit) {
        ObjectNode o = u.putObject(name);
        o.put("capacity", capacity);
        o.put("unit", unit);
    }

    private static List<ObjectNode> infrastructure(Spec spec, Plan p, Frame fr, Random rnd) {
        List<ObjectNode> out = new ArrayList<>();
        int h = ROAD / 2;
        int left = -h, right = p.wTot + h, bottom = -h, top = p.hTot + h;
        int street = 0;
        out.add(line(spec, "road", spec.name() + ", Street " + (++street), fr.pos(left, bottom), fr.pos(right, bottom)));
        for (int yTop : p.rowTops) {
            int yy = yTop + h;
            out.add(line(spec, "road", spec.name() + ", Street " + (++street), fr.pos(left, yy), fr.pos(right, yy)));
        }
        if (p.rowTops.isEmpty()) {
            out.add(line(spec, "road", spec.name() + ", Street " + (++street), fr.pos(left, top), fr.pos(right, top)));
        }
        int avenue = 0;
        for (int col = 0; col <= p.columns; col++) {
            int xx = col == p.columns ? right : col * (p.width + ROAD) - h;
            out.add(line(spec, "road", spec.name() + ", Avenue " + (++avenue), fr.pos(xx, bottom), fr.pos(xx, top)));
        }
        int[] from = {p.accessX, bottom, right, p.accessY, p.accessX, top, left, p.accessY};
        String[] side = {"south", "east", "north", "west"};
        for (int i = 0; i < 4; i++) {
            out.add(line(spec, "road", spec.name() + ", " + side[i] + " access road", fr.pos(from[2 * i], from[2 * i + 1]),
                    fr.pos(p.gates[2 * i], p.gates[2 * i + 1])));
        }
        out.add(feeder(spec, fr, rnd, "power", spec.name() + ", 63 kV feeder", left, bottom, 200, 250));
        out.add(feeder(spec, fr, rnd, "gas", spec.name() + (spec.gas() ? ", gas supply line"
                : ", gas supply line (under construction)"), right, bottom, 290, 340));
        out.add(feeder(spec, fr, rnd, "water", spec.name() + ", water main", left, top, 120, 160));
        return out;
    }

    /** A utility line from a station 0.6–1.8 km away (in the given bearing range) to a corner of the grid. */
    private static ObjectNode feeder(Spec spec, Frame fr, Random rnd, String kind, String name, int ex, int ey,
            int minDeg, int maxDeg) {
        double a = Math.toRadians(minDeg + rnd.nextDouble() * (maxDeg - minDeg));
        double d = 600 + rnd.nextDouble() * 1200;
        double sx = ex + Math.cos(a) * d, sy = ey + Math.sin(a) * d;
        double bend = (rnd.nextDouble() - 0.5) * 0.3 * d;
        double mx = (sx + ex) / 2 - Math.sin(a) * bend, my = (sy + ey) / 2 + Math.cos(a) * bend;
        ArrayNode c = F.arrayNode(3);
        c.add(fr.posExact(sx, sy));
        c.add(fr.posExact(mx, my));
        c.add(fr.pos(ex, ey));
        return line(spec.code(), kind, name, c);
    }

    private static ObjectNode line(Spec spec, String kind, String name, ArrayNode a, ArrayNode b) {
        ArrayNode c = F.arrayNode(2);
        c.add(a);
        c.add(b);
        return line(spec.code(), kind, name, c);
    }

    /** An infrastructure LineString feature; {@code estate} null for trunk lines. */
    public static ObjectNode line(String estate, String kind, String name, ArrayNode coords) {
        ObjectNode f = GeoJson.feature(GeoJson.lineString(coords));
        ObjectNode pp = GeoJson.props(f);
        pp.put("kind", kind);
        pp.put("name", name);
        if (estate == null) {
            pp.putNull("estate");
        } else {
            pp.put("estate", estate);
        }
        return f;
    }
}
