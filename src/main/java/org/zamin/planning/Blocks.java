package org.zamin.planning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Merges matching plots into vacant blocks: the connected groups of plots that share an edge. */
public final class Blocks {

    /** A matching plot: its id, geodesic area, distance to the search centre (NaN if none) and edge neighbours. */
    public record Plot(long id, double areaM2, double distanceM, long[] neighbours) {}

    /** A block: its plots (ascending ids), total area and the distance of its nearest plot. */
    public record Block(List<Long> plotIds, double areaM2, double distanceM) {}

    private Blocks() {}

    /**
     * Groups {@code plots} into blocks; a neighbour that is not itself among {@code plots} does not join.
     * Blocks come out in the order of their smallest plot id.
     */
    public static List<Block> merge(Collection<Plot> plots) {
        Map<Long, Integer> index = new HashMap<>();
        List<Plot> list = new ArrayList<>(plots);
        list.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (int i = 0; i < list.size(); i++) {
            index.put(list.get(i).id(), i);
        }
        int[] parent = new int[list.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < list.size(); i++) {
            for (long n : list.get(i).neighbours()) {
                Integer j = index.get(n);
                if (j != null) {
                    union(parent, i, j);
                }
            }
        }
        Map<Integer, List<Plot>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(list.get(i));
        }
        List<Block> blocks = new ArrayList<>();
        for (List<Plot> group : groups.values()) {
            double area = 0;
            double distance = Double.NaN;
            List<Long> ids = new ArrayList<>();
            for (Plot p : group) {
                ids.add(p.id());
                area += p.areaM2();
                if (!Double.isNaN(p.distanceM()) && !(p.distanceM() >= distance)) {
                    distance = p.distanceM();
                }
            }
            blocks.add(new Block(List.copyOf(ids), area, distance));
        }
        return blocks;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
