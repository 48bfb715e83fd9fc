package org.zamin.round;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.zamin.domain.Invalid;

/**
 * An offer's published rules: the weight of each merit criterion, the value at which a criterion earns its full
 * weight, the minimum score, the minimum investment per m² and which ISIC divisions each land use allows. Missing
 * parts take the defaults ({@link #withDefaults()}); {@link #validate()} refuses the rest.
 */
public record RoundRules(Weights weights, Caps caps, Integer minScore, Long minInvestmentPerM2,
        Map<String, List<String>> landUseActivities) {

    /** Points each criterion is worth at its cap (whole numbers, at most 1000 together). */
    public record Weights(Integer jobsPerHectare, Integer investmentPerM2, Integer knowledgeBased,
            Integer exportShare) {

        int total() {
            return jobsPerHectare + investmentPerM2 + knowledgeBased + exportShare;
        }
    }

    /** The jobs per hectare and the investment (smallest currency unit) per m² that earn a criterion's full weight. */
    public record Caps(Long jobsPerHectare, Long investmentPerM2) {}

    static final Weights DEFAULT_WEIGHTS = new Weights(30, 30, 20, 20);
    static final Caps DEFAULT_CAPS = new Caps(50L, 10_000_000L);
    static final int DEFAULT_MIN_SCORE = 30;

    /** ISIC Rev. 4 divisions (two digits) each land use allows by default. */
    static Map<String, List<String>> defaultLandUseActivities() {
        List<String> manufacturing = IntStream.rangeClosed(10, 33).mapToObj(Integer::toString).toList();
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("industrial", concat(manufacturing, List.of("35", "38")));
        m.put("workshop", concat(manufacturing, List.of("95")));
        m.put("warehouse", List.of("46", "52"));
        m.put("services", List.of("45", "62", "63", "71", "72"));
        return m;
    }

    /** These rules with every missing part set to its default. */
    public RoundRules withDefaults() {
        Weights w = weights == null ? DEFAULT_WEIGHTS : new Weights(
                or(weights.jobsPerHectare(), DEFAULT_WEIGHTS.jobsPerHectare()),
                or(weights.investmentPerM2(), DEFAULT_WEIGHTS.investmentPerM2()),
                or(weights.knowledgeBased(), DEFAULT_WEIGHTS.knowledgeBased()),
                or(weights.exportShare(), DEFAULT_WEIGHTS.exportShare()));
        Caps c = caps == null ? DEFAULT_CAPS : new Caps(or(caps.jobsPerHectare(), DEFAULT_CAPS.jobsPerHectare()),
                or(caps.investmentPerM2(), DEFAULT_CAPS.investmentPerM2()));
        return new RoundRules(w, c, or(minScore, DEFAULT_MIN_SCORE), or(minInvestmentPerM2, 0L),
                landUseActivities == null ? defaultLandUseActivities() : landUseActivities);
    }

    /** Refuses rules a round cannot run on (422 {@code invalid_rules}, naming the part); answers them as they are. */
    public RoundRules validate() {
        List<Integer> ws = List.of(weights.jobsPerHectare(), weights.investmentPerM2(), weights.knowledgeBased(),
                weights.exportShare());
        if (ws.stream().anyMatch(x -> x < 0 || x > 1000) || weights.total() < 1 || weights.total() > 1000) {
            throw invalid("weights must be whole numbers from 0, together from 1 to 1000");
        }
        if (caps.jobsPerHectare() < 1 || caps.jobsPerHectare() > 1_000_000
                || caps.investmentPerM2() < 1 || caps.investmentPerM2() > 1_000_000_000_000L) {
            throw invalid("caps must be positive (jobs per hectare up to 1,000,000; investment per m² up to 10^12)");
        }
        if (minScore < 0 || minScore > weights.total()) {
            throw invalid("minScore must be from 0 to the sum of the weights (" + weights.total() + ")");
        }
        if (minInvestmentPerM2 < 0 || minInvestmentPerM2 > 1_000_000_000_000L) {
            throw invalid("minInvestmentPerM2 must be from 0 to 10^12");
        }
        for (var e : landUseActivities.entrySet()) {
            if (e.getKey() == null || !e.getKey().matches("[a-z][a-z_]{0,31}") || e.getValue() == null
                    || e.getValue().stream().anyMatch(d -> d == null || !d.matches("[0-9]{2}"))) {
                throw invalid("landUseActivities maps a land use to a list of two-digit ISIC divisions");
            }
        }
        return this;
    }

    private static Invalid invalid(String problem) {
        return new Invalid("invalid_rules", "rules: " + problem);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
