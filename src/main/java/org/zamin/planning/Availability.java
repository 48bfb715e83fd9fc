package org.zamin.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.zamin.io.ExportRow;

/** Runs an availability search: matching plots, or the vacant blocks they form, sorted and paged as GeoJSON. */
public final class Availability {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlanningRepository repository;

    public Availability(PlanningRepository repository) {
        this.repository = repository;
    }

    /** A FeatureCollection of plots, or of blocks when {@code q.contiguous()}, with paging facts. */
    public ObjectNode search(AvailabilityQuery q, boolean limitClamped) {
        List<PlanningRepository.Candidate> candidates = repository.candidates(q);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("type", "FeatureCollection");
        answer.put("mode", q.contiguous() ? "blocks" : "plots");
        String features;
        int matched;
        double totalArea;
        if (q.contiguous()) {
            List<Blocks.Block> blocks = new ArrayList<>(Blocks.merge(candidates.stream().map(PlanningRepository.Candidate::plot).toList()));
            blocks.removeIf(b -> q.minBlockAreaM2().isPresent() && b.areaM2() < q.minBlockAreaM2().get());
            blocks.sort(blockOrder(q.sort()));
            matched = blocks.size();
            totalArea = blocks.stream().mapToDouble(Blocks.Block::areaM2).sum();
            List<Blocks.Block> page = page(blocks, q);
            List<Long> plotIds = new ArrayList<>();
            List<Integer> blockNos = new ArrayList<>();
            for (int i = 0; i < page.size(); i++) {
                for (long id : page.get(i).plotIds()) {
                    plotIds.add(id);
                    blockNos.add(q.offset() + i + 1);
                }
            }
            features = page.isEmpty() ? "[]" : repository.blockFeatures(plotIds, blockNos, q);
            answer.put("numberOfPlots", blocks.stream().mapToInt(b -> b.plotIds().size()).sum());
        } else {
            List<PlanningRepository.Candidate> plots = new ArrayList<>(candidates);
            plots.sort(plotOrder(q.sort()));
            matched = plots.size();
            totalArea = plots.stream().mapToDouble(c -> c.plot().areaM2()).sum();
            List<Long> ids = page(plots, q).stream().map(c -> c.plot().id()).toList();
            features = ids.isEmpty() ? "[]" : repository.plotFeatures(ids, q);
        }
        answer.put("numberMatched", matched);
        answer.put("totalAreaM2", Math.round(totalArea * 10) / 10.0);
        answer.put("limit", q.limit());
        answer.put("limitClamped", limitClamped);
        answer.put("offset", q.offset());
        answer.put("sort", q.sort().param);
        try {
            answer.set("features", JSON.readTree(features));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostGIS returned malformed JSON", e);
        }
        answer.put("numberReturned", answer.get("features").size());
        answer.put("truncated", q.offset() + answer.get("features").size() < matched);
        return answer;
    }

    /** Every match of {@code q}, ignoring its page, as export rows: the plots, or one row per vacant block. */
    public List<ExportRow> exportRows(AvailabilityQuery q) {
        List<PlanningRepository.Candidate> candidates = repository.candidates(q);
        if (q.contiguous()) {
            List<Blocks.Block> blocks = new ArrayList<>(Blocks.merge(candidates.stream().map(PlanningRepository.Candidate::plot).toList()));
            blocks.removeIf(b -> q.minBlockAreaM2().isPresent() && b.areaM2() < q.minBlockAreaM2().get());
            blocks.sort(blockOrder(q.sort()));
            List<Long> plotIds = new ArrayList<>();
            List<Integer> blockNos = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                for (long id : blocks.get(i).plotIds()) {
                    plotIds.add(id);
                    blockNos.add(i + 1);
                }
            }
            return blocks.isEmpty() ? List.of() : repository.exportBlocks(plotIds, blockNos);
        }
        List<PlanningRepository.Candidate> plots = new ArrayList<>(candidates);
        plots.sort(plotOrder(q.sort()));
        List<Long> ids = plots.stream().map(c -> c.plot().id()).toList();
        return ids.isEmpty() ? List.of() : repository.exportPlots(ids);
    }

    private static <T> List<T> page(List<T> all, AvailabilityQuery q) {
        int from = Math.min(q.offset(), all.size());
        return all.subList(from, Math.min(all.size(), from + q.limit()));
    }

    private static Comparator<PlanningRepository.Candidate> plotOrder(AvailabilityQuery.Sort sort) {
        Comparator<PlanningRepository.Candidate> byId = Comparator.comparingLong(c -> c.plot().id());
        return switch (sort) {
            case AREA -> Comparator.<PlanningRepository.Candidate>comparingDouble(c -> c.plot().areaM2()).thenComparing(byId);
            case AREA_DESC -> Comparator.<PlanningRepository.Candidate>comparingDouble(c -> -c.plot().areaM2()).thenComparing(byId);
            case DISTANCE -> Comparator.<PlanningRepository.Candidate>comparingDouble(c -> c.plot().distanceM()).thenComparing(byId);
            case PRICE -> Comparator.<PlanningRepository.Candidate>comparingLong(PlanningRepository.Candidate::pricePerM2).thenComparing(byId);
        };
    }

    private static Comparator<Blocks.Block> blockOrder(AvailabilityQuery.Sort sort) {
        Comparator<Blocks.Block> byFirstPlot = Comparator.comparingLong(b -> b.plotIds().get(0));
        return switch (sort) {
            case AREA -> Comparator.comparingDouble(Blocks.Block::areaM2).thenComparing(byFirstPlot);
            case DISTANCE -> Comparator.comparingDouble(Blocks.Block::distanceM).thenComparing(byFirstPlot);
            default -> Comparator.<Blocks.Block>comparingDouble(b -> -b.areaM2()).thenComparing(byFirstPlot);
        };
    }
}
