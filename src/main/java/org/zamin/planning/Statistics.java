package org.zamin.planning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Occupancy and idle statistics by province or estate, and the what-if of reclaiming long-idle plots.
 * Occupancy is the share of offered land (every status but NOT_OFFERED) that is reserved or allocated;
 * the idle rate is IDLE plots over allocated-family plots (ALLOCATED, UNDER_CONSTRUCTION, IN_PRODUCTION,
 * IDLE, RECLAIMING). Durations and reclaimed land come from the decision log; the monthly history from the monthly
 * snapshots taken from it ({@link HistorySnapshots}) and the kept tallies.
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

    /** The mean length of a month in days, for turning durations into months. */
    static final double DAYS_PER_MONTH = 365.2425 / 12;

    /**
     * Per-group and overall counts, areas by status, occupancy and idle rate; from the decision log the average
     * months from allocation to production and the land reclaimed per year (per group and overall), and the
     * overall month-by-month history of plots by status, occupancy and idle rate over the last {@code months}
     * months (at most) up to {@code now}.
     */
    public ObjectNode byGroup(String groupBy, PlanningRepository.Scope scope, OffsetDateTime now, int months) {
        Map<String, Tally> groups = new LinkedHashMap<>();
        Tally total = new Tally(null);
        for (PlanningRepository.StatusRow row : repository.statusRows(groupBy, scope)) {
            Tally group = groups.computeIfAbsent(row.code(), k -> new Tally(row));
            if (row.status() != null) {
                group.add(row.status(), row.plots(), row.areaM2());
                total.add(row.status(), row.plots(), row.areaM2());
            }
        }
        for (PlanningRepository.ProductionRow r : repository.productionTimes(groupBy, scope)) {
            Tally group = groups.get(r.code());
            if (group != null) {
                group.produced += r.allocations();
                group.productionDays += r.days();
                total.produced += r.allocations();
                total.productionDays += r.days();
            }
        }
        for (PlanningRepository.ReclaimedRow r : repository.reclaimed(groupBy, scope)) {
            Tally group = groups.get(r.code());
            if (group != null) {
                group.reclaim(r.year(), r.plots(), r.areaM2());
                total.reclaim(r.year(), r.plots(), r.areaM2());
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("groupBy", groupBy);
        scope.estate().ifPresent(e -> answer.put("estate", e));
        scope.province().ifPresent(p -> answer.put("province", p));
        answer.set("totals", total.toJson());
        ArrayNode list = answer.putArray("groups");
        groups.values().forEach(g -> list.add(g.toJson()));
        History history = history(scope, now, months);
        answer.set("history", history.overall());
        if (groupBy.equals("province")) {
            // Each province's own month-by-month figures, for comparing provinces over time.
            ArrayNode provinces = answer.putArray("provinceHistory");
            groups.values().forEach(g -> {
                ObjectNode p = provinces.addObject();
                p.put("code", g.head.code());
                p.put("name", g.head.name());
                p.put("nameFa", g.head.nameFa());
                p.set("history", history.byProvince().getOrDefault(g.head.code(), months(Map.of(),
                        YearMonth.parse(history.overall().get(0).get("month").asText()),
                        YearMonth.from(now.withOffsetSameInstant(ZoneOffset.UTC)), now)));
            });
        }
        return answer;
    }

    /**
     * The plots by status, occupancy and idle rate at the end of each month from the history's first month (at most
     * {@code months} back) to now's: overall, and per province. Closed months come from their snapshots, the current
     * one from the kept tallies ({@link PlanningRepository#history}).
     */
    History history(PlanningRepository.Scope scope, OffsetDateTime now, int months) {
        LocalDateTime from = repository.historyStart(now, months);
        YearMonth first = YearMonth.from(from);
        YearMonth current = YearMonth.from(now.withOffsetSameInstant(ZoneOffset.UTC));
        Map<String, Tally> overall = new TreeMap<>();
        Map<String, Map<String, Tally>> byProvince = new TreeMap<>();
        for (PlanningRepository.HistoryRow r : repository.history(first.atDay(1), current.atDay(1), now, scope)) {
            overall.computeIfAbsent(r.month(), k -> new Tally(null)).add(r.status(), r.plots(), r.areaM2());
            byProvince.computeIfAbsent(r.province(), k -> new TreeMap<>())
                    .computeIfAbsent(r.month(), k -> new Tally(null)).add(r.status(), r.plots(), r.areaM2());
        }
        Map<String, ArrayNode> provinces = new TreeMap<>();
        byProvince.forEach((province, tallies) -> provinces.put(province, months(tallies, first, current, now)));
        return new History(months(overall, first, current, now), provinces);
    }

    /** The overall history and each province's, month by month. */
    record History(ArrayNode overall, Map<String, ArrayNode> byProvince) {}

    /** One entry per month from {@code first} to {@code current} (months without plots count none). */
    private static ArrayNode months(Map<String, Tally> tallies, YearMonth first, YearMonth current, OffsetDateTime now) {
        ArrayNode out = JSON.createArrayNode();
        for (YearMonth m = first; !m.isAfter(current); m = m.plusMonths(1)) {
            OffsetDateTime end = m.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
            ObjectNode o = tallies.getOrDefault(m.toString(), new Tally(null)).toJson();
            o.remove(List.of("averageMonthsAllocationToProduction", "allocationsInProduction", "reclaimedByYear"));
            ObjectNode entry = JSON.createObjectNode();
            entry.put("month", m.toString());
            entry.put("asOf", (end.isAfter(now) ? now : end).withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString());
            entry.setAll(o);
            out.add(entry);
        }
        return out;
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
        final Map<Integer, double[]> reclaimedByYear = new TreeMap<>();
        long produced;
        double productionDays;

        Tally(PlanningRepository.StatusRow head) {
            this.head = head;
        }

        void add(String status, long n, double areaM2) {
            plots.computeIfAbsent(status, k -> new long[1])[0] += n;
            areas.merge(status, areaM2, Double::sum);
        }

        void reclaim(int year, long n, double areaM2) {
            double[] y = reclaimedByYear.computeIfAbsent(year, k -> new double[2]);
            y[0] += n;
            y[1] += areaM2;
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
            o.put("allocationsInProduction", produced);
            if (produced > 0) {
                o.put("averageMonthsAllocationToProduction",
                        Math.round(productionDays / produced / DAYS_PER_MONTH * 100) / 100.0);
            } else {
                o.putNull("averageMonthsAllocationToProduction");
            }
            ArrayNode reclaimed = o.putArray("reclaimedByYear");
            reclaimedByYear.forEach((year, y) -> {
                ObjectNode r = reclaimed.addObject();
                r.put("year", year);
                r.put("plots", (long) y[0]);
                r.put("areaM2", round1(y[1]));
                r.put("hectares", round2(y[1] / 10_000));
            });
            return o;
        }
    }

}
