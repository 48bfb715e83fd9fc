package org.zamin.round;

import java.util.List;

/**
 * What the allocation made of a round's inputs: the mixed seed, per application (id order) its score and breakdown,
 * eligibility, lottery key and rank, place in the allocation order and outcome, and per plot (id order) its winner.
 */
public record RoundResult(String mixedSeed, List<Applicant> applicants, List<Award> plots) {

    /** How one application fared. {@code order} and {@code plot} are null when they do not apply. */
    public record Applicant(long id, Breakdown breakdown, long score, List<Long> eligiblePlots, boolean qualified,
            String lotteryKey, int lotteryRank, Integer order, Outcome outcome, Long plot) {}

    /** Points per criterion, in thousandths of a weight point. */
    public record Breakdown(long jobsPerHectare, long investmentPerM2, long knowledgeBased, long exportShare) {

        long total() {
            return jobsPerHectare + investmentPerM2 + knowledgeBased + exportShare;
        }
    }

    /** A plot and the application that won it (null: none). */
    public record Award(long plot, Long winner) {}

    /** An application's result. */
    public enum Outcome {
        /** Got a plot. */
        WON,
        /** Qualified, but every plot it ranked and may use went to applicants before it. */
        NO_PLOT_LEFT,
        /** Its score is below the offer's minimum. */
        BELOW_MINIMUM,
        /** None of the plots it ranked allows its activity and investment. */
        INELIGIBLE
    }
}
