package org.zamin.round;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zamin.round.RoundResult.Applicant;
import org.zamin.round.RoundResult.Award;
import org.zamin.round.RoundResult.Breakdown;
import org.zamin.round.RoundResult.Outcome;

/**
 * The allocation algorithm of a round, deterministic and exact (integers only), as the README's "Allocation rounds"
 * describes it step by step: scores from the primary plot's area, eligibility per ranked plot, the lottery from the
 * revealed seed mixed with the decision-log head, then applicants in order of score (highest first) and lottery rank
 * each take their best-ranked eligible plot still free.
 */
public final class RoundAllocation {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    private RoundAllocation() {}

    /** The result of a round's inputs. */
    public static RoundResult allocate(RoundInputs in) {
        byte[] mixed = sha256(HEX.parseHex(in.lottery().seed()), HEX.parseHex(in.lottery().chainHeadHash()));
        Map<Long, RoundInputs.Plot> plots = new HashMap<>();
        in.plots().forEach(p -> plots.put(p.id(), p));
        RoundRules rules = in.rules();

        List<Draft> drafts = new ArrayList<>();
        for (RoundInputs.Application a : in.applications()) {
            Breakdown b = score(rules, a, plots.get(a.ranking().get(0)));
            List<Long> eligible = a.ranking().stream().filter(id -> eligible(rules, a, plots.get(id))).toList();
            boolean qualified = !eligible.isEmpty() && b.total() >= rules.minScore() * 1000L;
            drafts.add(new Draft(a, b, eligible, qualified, HEX.formatHex(lotteryKey(mixed, a.id()))));
        }
        Map<Long, Integer> lotteryRank = lotteryRanks(drafts);

        List<Draft> order = drafts.stream().filter(Draft::qualified)
                .sorted(Comparator.comparingLong((Draft d) -> -d.breakdown().total())
                        .thenComparing(d -> lotteryRank.get(d.application().id())))
                .toList();
        Map<Long, Long> winnerOf = new HashMap<>();
        Map<Long, Long> plotOf = new HashMap<>();
        Map<Long, Integer> place = new HashMap<>();
        Set<Long> taken = new HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            Draft d = order.get(i);
            place.put(d.application().id(), i + 1);
            for (long plot : d.eligiblePlots()) {
                if (taken.add(plot)) {
                    winnerOf.put(plot, d.application().id());
                    plotOf.put(d.application().id(), plot);
                    break;
                }
            }
        }

        List<Applicant> applicants = drafts.stream().map(d -> {
            long id = d.application().id();
            Outcome outcome = d.eligiblePlots().isEmpty() ? Outcome.INELIGIBLE
                    : !d.qualified() ? Outcome.BELOW_MINIMUM
                    : plotOf.containsKey(id) ? Outcome.WON : Outcome.NO_PLOT_LEFT;
            return new Applicant(id, d.breakdown(), d.breakdown().total(), d.eligiblePlots(), d.qualified(),
                    d.lotteryKey(), lotteryRank.get(id), place.get(id), outcome, plotOf.get(id));
        }).toList();
        List<Award> awards = in.plots().stream().map(p -> new Award(p.id(), winnerOf.get(p.id()))).toList();
        return new RoundResult(HEX.formatHex(mixed), applicants, awards);
    }

    /** An application on its way through the algorithm. */
    private record Draft(RoundInputs.Application application, Breakdown breakdown, List<Long> eligiblePlots,
            boolean qualified, String lotteryKey) {}

    /**
     * The merit score's breakdown, in thousandths of a point: each ratio criterion earns
     * {@code floor(weight × 1000 × min(value, cap) / cap)} with the value measured on the primary plot's area,
     * knowledge-based earns its whole weight or nothing, export share earns {@code weight × 10 × percent}.
     */
    public static Breakdown score(RoundRules rules, RoundInputs.Application a, RoundInputs.Plot primary) {
        long area = Math.max(1, primary.areaM2());
        var w = rules.weights();
        var caps = rules.caps();
        // jobs per hectare = jobs × 10000 / area; compared with the cap without dividing: min(jobs × 10000, cap × area)
        long jobs = ratioPoints(w.jobsPerHectare(), BigInteger.valueOf(a.jobs()).multiply(BigInteger.valueOf(10_000)),
                BigInteger.valueOf(caps.jobsPerHectare()).multiply(BigInteger.valueOf(area)));
        long investment = ratioPoints(w.investmentPerM2(), BigInteger.valueOf(a.investment()),
                BigInteger.valueOf(caps.investmentPerM2()).multiply(BigInteger.valueOf(area)));
        long knowledge = a.knowledgeBased() ? w.knowledgeBased() * 1000L : 0;
        long exports = w.exportShare() * 10L * a.exportSharePct();
        return new Breakdown(jobs, investment, knowledge, exports);
    }

    /** floor(weight × 1000 × min(numerator, full) / full). */
    private static long ratioPoints(int weight, BigInteger numerator, BigInteger full) {
        BigInteger capped = numerator.min(full);
        return BigInteger.valueOf(weight).multiply(THOUSAND).multiply(capped).divide(full).longValueExact();
    }

    /** May this application use this plot: its land use allows the activity's division, and enough investment. */
    public static boolean eligible(RoundRules rules, RoundInputs.Application a, RoundInputs.Plot plot) {
        List<String> divisions = rules.landUseActivities().getOrDefault(plot.landUse(), List.of());
        BigInteger needed = BigInteger.valueOf(rules.minInvestmentPerM2()).multiply(BigInteger.valueOf(plot.areaM2()));
        return divisions.contains(a.activity().substring(0, 2))
                && BigInteger.valueOf(a.investment()).compareTo(needed) >= 0;
    }

    /** SHA-256(mixed seed ‖ the application id in decimal ASCII). */
    static byte[] lotteryKey(byte[] mixedSeed, long applicationId) {
        return sha256(mixedSeed, Long.toString(applicationId).getBytes(StandardCharsets.US_ASCII));
    }

    /** 1 for the smallest lottery key (as unsigned bytes, i.e. as lower-case hex text), ties by application id. */
    private static Map<Long, Integer> lotteryRanks(List<Draft> drafts) {
        List<Draft> byKey = drafts.stream().sorted(Comparator.comparing(Draft::lotteryKey)
                .thenComparingLong(d -> d.application().id())).toList();
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < byKey.size(); i++) {
            rank.put(byKey.get(i).application().id(), i + 1);
        }
        return rank;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
