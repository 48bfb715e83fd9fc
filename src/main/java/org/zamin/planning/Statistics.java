package org.zamin.planning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Occupancy and idle statistics by province or estate, and the what-if of reclaiming long-idle plots.
 * Occupancy is the share of offered land (every status but NOT_OFFERED) that is reserved or allocated;
 * the idle rate is IDLE plots over allocated-family plots (ALLOCATED, UNDER_CONSTRUCTION, IN_PRODUCTION,
 * IDLE, RECLAIMING).
 */
public final class Statistics {

    public static final Set<String> GROUPINGS = Set.of("province", "estate");
    static final Set<String> ALLOCATED_FAMILY = Set.of("ALLOCATED", "UNDER_CONSTRUCTION", "IN_PRODUCTION", "IDLE", "RECLAIMING");
    static final Set<String> TAKEN = Set.of("RESERVED", "ALLOCATED", "UNDER_CONSTRUCTION", "IN_PRODUCTION", "IDLE", "RECLAIMING");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlanningRepository repository;

    public Statistics(PlanningRepository repository) {
        this.repository = repository;
    }

    /** Per-group and overall counts, areas by status, occupancy and idle rate. */
    public ObjectNode byGroup(String groupBy) {
        Map<String, Tally> groups = new LinkedHashMap<>();
        Tally total = new Tally(null);
        for (PlanningRepository.StatusRow row : repository.statusRows(groupBy)) {
            Tally group = groups.computeIfAbsent(row.code(), k -> new Tally(row));
            if (row.status() != null) {
                group.add(row.status(), row.plots(), row.areaM2());
                total.add(row.status(), row.plots(), row.areaM2());
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("groupBy", groupBy);
        answer.set("totals", total.toJson());
        ArrayNode list = answer.putArray("groups");
        groups.values().forEach(g -> list.add(g.toJson()));
        answer.putArray("notYetAvailable").add("averageMonthsAllocationToProduction").add("reclaimedAreaByYear")
                .add("monthlyHistory");
        return answer;
    }

    /** Hectares and plots freed, per estate, if every plot idle for more than {@code years} years were reclaimed. */
    public ObjectNode whatIf(int years, LocalDate asOf) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("idleYears", years);
        answer.put("asOf", asOf.toString());
        ArrayNode estates = JSON.createArrayNode();
        long plots = 0;
        long idlePlots = 0;
        double area = 0;
        double idleArea = 0;
        for (PlanningRepository.WhatIfRow r : repository.whatIf(years, asOf)) {
            ObjectNode e = estates.addObject();
            e.put("estate", r.code());
            e.put("name", r.name());
            e.put("nameFa", r.nameFa());
            e.put("province", r.province());
            e.put("idlePlots", r.idlePlots());
            e.put("idleAreaM2", round1(r.idleAreaM2()));
            e.put("freedPlots", r.freedPlots());
            e.put("freedAreaM2", round1(r.freedAreaM2()));
            e.put("freedHectares", round2(r.freedAreaM2() / 10_000));
            e.put("idleSinceEarliest", r.idleSinceEarliest() == null ? null : r.idleSinceEarliest().toString());
            plots += r.freedPlots();
            idlePlots += r.idlePlots();
            area += r.freedAreaM2();
            idleArea += r.idleAreaM2();
        }
        ObjectNode totals = answer.putObject("totals");
        totals.put("idlePlots", idlePlots);
        totals.put("idleAreaM2", round1(idleArea));
        totals.put("freedPlots", plots);
        totals.put("freedAreaM2", round1(area));
        totals.put("freedHectares", round2(area / 10_000));
        answer.set("estates", estates);
        return answer;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Running counts of one group. */
    private static final class Tally {
        final PlanningRepository.StatusRow head;
        final Map<String, long[]> plots = new LinkedHashMap<>();
        final Map<String, Double> areas = new LinkedHashMap<>();

        Tally(PlanningRepository.StatusRow head) {
            this.head = head;
        }

        void add(String status, long n, double areaM2) {
            plots.computeIfAbsent(status, k -> new long[1])[0] += n;
            areas.merge(status, areaM2, Double::sum);
        }

        long plots(Set<String> statuses) {
            return plots.entrySet().stream().filter(e -> statuses == null || statuses.contains(e.getKey()))
                    .mapToLong(e -> e.getValue()[0]).sum();
        }

        double area(Set<String> statuses) {
            return areas.entrySet().stream().filter(e -> statuses == null || statuses.contains(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        ObjectNode toJson() {
            ObjectNode o = JSON.createObjectNode();
            if (head != null) {
                o.put("code", head.code());
                o.put("name", head.name());
                o.put("nameFa", head.nameFa());
                o.put("province", head.province());
            }
            long all = plots(null);
            double allArea = area(null);
            o.put("plots", all);
            o.put("areaM2", round1(allArea));
            ObjectNode byStatus = o.putObject("byStatus");
            plots.forEach((status, n) -> {
                ObjectNode s = byStatus.putObject(status);
                s.put("plots", n[0]);
                s.put("areaM2", round1(areas.get(status)));
            });
            double offeredArea = allArea - area(Set.of("NOT_OFFERED"));
            long allocated = plots(ALLOCATED_FAMILY);
            long idle = plots(Set.of("IDLE"));
            o.put("allocatedPlots", allocated);
            o.put("idlePlots", idle);
            o.put("availableAreaM2", round1(area(Set.of("AVAILABLE"))));
            o.put("idleAreaM2", round1(area(Set.of("IDLE"))));
            if (offeredArea > 0) {
                o.put("occupancy", area(TAKEN) / offeredArea);
            } else {
                o.putNull("occupancy");
            }
            if (allocated > 0) {
                o.put("idleRate", (double) idle / allocated);
            } else {
                o.putNull("idleRate");
            }
            return o;
        }
    }

}
