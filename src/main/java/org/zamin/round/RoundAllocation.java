package org.zamin.round;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
        MessageDigest seeded = sha256();
        seeded.update(mixed);
        Map<Long, RoundInputs.Plot> plots = new HashMap<>();
        in.plots().forEach(p -> plots.put(p.id(), p));
        RoundRules rules = in.rules();

        Draft[] drafts = new Draft[in.applications().size()];
        for (int i = 0; i < drafts.length; i++) {
            RoundInputs.Application a = in.applications().get(i);
            Breakdown b = score(rules, a, plots.get(a.ranking().get(0)));
            List<Long> eligible = new ArrayList<>(a.ranking().size());
            for (Long id : a.ranking()) {
                if (eligible(rules, a, plots.get(id))) {
                    eligible.add(id);
                }
            }
            boolean qualified = !eligible.isEmpty() && b.total() >= rules.minScore() * 1000L;
            drafts[i] = new Draft(a, b, b.total(), List.copyOf(eligible), qualified,
                    HEX.formatHex(lotteryKey(seeded, a.id())));
        }
        rankByLottery(drafts);

        Draft[] order = Arrays.stream(drafts).filter(d -> d.qualified).toArray(Draft[]::new);
        Arrays.sort(order, (x, y) -> x.total != y.total ? Long.compare(-x.total, -y.total)
                : Integer.compare(x.lotteryRank, y.lotteryRank));
        Map<Long, Long> winnerOf = new HashMap<>();
        for (int i = 0; i < order.length; i++) {
            Draft d = order[i];
            d.place = i + 1;
            for (Long plot : d.eligiblePlots) {
                if (winnerOf.putIfAbsent(plot, d.application.id()) == null) {
                    d.plot = plot;
                    break;
                }
            }
        }

        List<Applicant> applicants = new ArrayList<>(drafts.length);
        for (Draft d : drafts) {
            Outcome outcome = d.eligiblePlots.isEmpty() ? Outcome.INELIGIBLE
                    : !d.qualified ? Outcome.BELOW_MINIMUM
                    : d.plot != null ? Outcome.WON : Outcome.NO_PLOT_LEFT;
            applicants.add(new Applicant(d.application.id(), d.breakdown, d.total, d.eligiblePlots, d.qualified,
                    d.lotteryKey, d.lotteryRank, d.place, outcome, d.plot));
        }
        List<Award> awards = in.plots().stream().map(p -> new Award(p.id(), winnerOf.get(p.id()))).toList();
        return new RoundResult(HEX.formatHex(mixed), List.copyOf(applicants), awards);
    }

    /**
     * An application on its way through the algorithm: what it is and scored, then its lottery rank, its place in the
     * allocation order and the plot it took (null: none).
     */
    private static final class Draft {
        final RoundInputs.Application application;
        final Breakdown breakdown;
        final long total;
        final List<Long> eligiblePlots;
        final boolean qualified;
        final String lotteryKey;
        int lotteryRank;
        Integer place;
        Long plot;

        Draft(RoundInputs.Application application, Breakdown breakdown, long total, List<Long> eligiblePlots,
                boolean qualified, String lotteryKey) {
            this.application = application;
            this.breakdown = breakdown;
            this.total = total;
            this.eligiblePlots = eligiblePlots;
            this.qualified = qualified;
            this.lotteryKey = lotteryKey;
        }
    }

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
        long jobs = ratioPoints(w.jobsPerHectare(), a.jobs(), 10_000, caps.jobsPerHectare(), area);
        long investment = ratioPoints(w.investmentPerM2(), a.investment(), 1, caps.investmentPerM2(), area);
        long knowledge = a.knowledgeBased() ? w.knowledgeBased() * 1000L : 0;
        long exports = w.exportShare() * 10L * a.exportSharePct();
        return new Breakdown(jobs, investment, knowledge, exports);
    }

    /** floor(weight × 1000 × min(numerator, full) / full). */
    private static long ratioPoints(int weight, BigInteger numerator, BigInteger full) {
        BigInteger capped = numerator.min(full);
        return BigInteger.valueOf(weight).multiply(THOUSAND).multiply(capped).divide(full).longValueExact();
    }

    /**
     * {@link #ratioPoints(int, BigInteger, BigInteger)} of {@code a × b} and {@code c × d}, in long arithmetic while
     * nothing overflows (it then divides exactly as BigInteger does: both truncate towards zero).
     */
    private static long ratioPoints(int weight, long a, long b, long c, long d) {
        try {
            long numerator = Math.multiplyExact(a, b);
            long full = Math.multiplyExact(c, d);
            return Math.multiplyExact(Math.multiplyExact(weight, 1000L), Math.min(numerator, full)) / full;
        } catch (ArithmeticException overflow) {
            return ratioPoints(weight, BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)),
                    BigInteger.valueOf(c).multiply(BigInteger.valueOf(d)));
        }
    }

    /** May this application use this plot: its land use allows the activity's division, and enough investment. */
    public static boolean eligible(RoundRules rules, RoundInputs.Application a, RoundInputs.Plot plot) {
        List<String> divisions = rules.landUseActivities().getOrDefault(plot.landUse(), List.of());
        if (!divisions.contains(a.activity().substring(0, 2))) {
            return false;
        }
        try {
            return a.investment() >= Math.multiplyExact(rules.minInvestmentPerM2(), plot.areaM2());
        } catch (ArithmeticException overflow) {
            BigInteger needed = BigInteger.valueOf(rules.minInvestmentPerM2())
                    .multiply(BigInteger.valueOf(plot.areaM2()));
            return BigInteger.valueOf(a.investment()).compareTo(needed) >= 0;
        }
    }

    /** SHA-256(mixed seed ‖ the application id in decimal ASCII). */
    static byte[] lotteryKey(byte[] mixedSeed, long applicationId) {
        return sha256(mixedSeed, Long.toString(applicationId).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@link #lotteryKey(byte[], long)} from a digest that has taken the mixed seed (and is left as it was). */
    private static byte[] lotteryKey(MessageDigest seeded, long applicationId) {
        try {
            MessageDigest md = (MessageDigest) seeded.clone();
            return md.digest(Long.toString(applicationId).getBytes(StandardCharsets.US_ASCII));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lottery rank 1 for the smallest lottery key (as unsigned bytes, i.e. as lower-case hex text), ties by id. */
    private static void rankByLottery(Draft[] drafts) {
        Draft[] byKey = drafts.clone();
        Arrays.sort(byKey, Comparator.comparing((Draft d) -> d.lotteryKey)
                .thenComparingLong(d -> d.application.id()));
        for (int i = 0; i < byKey.length; i++) {
            byKey[i].lotteryRank = i + 1;
        }
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest md = sha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** A new SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
