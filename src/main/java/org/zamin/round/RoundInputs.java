package org.zamin.round;

import java.util.List;

/**
 * Everything a round's allocation depends on, as published in its document: the offer, its rules, the lottery's
 * values, the plots and the applications (both in id order).
 */
public record RoundInputs(long offerId, String estate, String opensAt, String closesAt, int maxRanked,
        RoundRules rules, Lottery lottery, List<Plot> plots, List<Application> applications) {

    /**
     * The lottery's values: the seed's SHA-256 published before the window opened, the seed revealed at close, and the
     * decision-log head at close (its chain position and hash), all hexadecimal.
     */
    public record Lottery(String seedCommitment, String seed, long chainHeadPosition, String chainHeadHash) {}

    /** An offered plot: its id, number, geodesic area rounded to whole m², and land use. */
    public record Plot(long id, String plotNumber, long areaM2, String landUse) {}

    /** An application: its id, the plots it ranks (best first) and what it states. */
    public record Application(long id, List<Long> ranking, String activity, long investment, int jobs,
            boolean knowledgeBased, int exportSharePct) {}
}
