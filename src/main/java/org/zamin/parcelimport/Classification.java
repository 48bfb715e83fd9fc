package org.zamin.parcelimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zamin.parcelimport.ImportReport.Problem;

/**
 * What an import does to each valid feature, decided without the database from what staging matched: a new plot,
 * an update of a free plot, unchanged, a re-survey of a taken plot (only with --force-resurvey), or a refusal
 * ({@code plot_taken}) when a taken plot would change.
 */
public record Classification(List<Integer> create, List<Integer> update, List<Integer> resurvey, int unchanged,
        List<Problem> problems) {

    /** Statuses whose plots an import may change freely. */
    static final Set<String> FREE_STATUSES = Set.of("AVAILABLE", "NOT_OFFERED");

    /** The existing plot a feature's plot number matched: its status and whether geometry and attributes differ. */
    public record Match(String status, boolean sameGeometry, boolean sameAttributes) {}

    /**
     * Classifies {@code rows} in order. {@code matches} holds the features whose plot number exists in the estate;
     * features in {@code bad} already have problems and are left out.
     */
    public static Classification of(List<FeatureChecks.Row> rows, Map<Integer, Match> matches, Set<Integer> bad,
            boolean forceResurvey) {
        List<Integer> create = new ArrayList<>();
        List<Integer> update = new ArrayList<>();
        List<Integer> resurvey = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int unchanged = 0;
        for (FeatureChecks.Row r : rows) {
            if (bad.contains(r.n())) {
                continue;
            }
            Match m = matches.get(r.n());
            if (m == null) {
                create.add(r.n());
            } else if (m.sameGeometry() && m.sameAttributes()) {
                unchanged++;
            } else if (FREE_STATUSES.contains(m.status())) {
                update.add(r.n());
            } else if (!m.sameAttributes()) {
                problems.add(taken(r, m, "its land use, price and utilities are not changed by an import"));
            } else if (!forceResurvey) {
                problems.add(taken(r, m, "its geometry changes only with --force-resurvey"));
            } else {
                resurvey.add(r.n());
            }
        }
        return new Classification(create, update, resurvey, unchanged, problems);
    }

    private static Problem taken(FeatureChecks.Row r, Match m, String why) {
        return new Problem(r.n(), r.plotNumber(), "plot_taken", "plot " + r.plotNumber() + " is " + m.status() + ": "
                + why, null, null, m.status());
    }
}
