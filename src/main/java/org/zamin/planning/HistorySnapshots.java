package org.zamin.planning;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/**
 * Takes the monthly snapshots of plots by estate and status as months close (history_snapshot_close,
 * R__planning_history.sql): the first run back-fills every closed month from the decision log's replay, later runs
 * the month just closed. Run by the periodic sweep; idempotent and safe with several servers.
 */
public final class HistorySnapshots {

    private static final String CLOSE = SqlResource.load("planning/snapshot_close");
    private static final String RECOUNT = SqlResource.load("planning/history_recount");

    private final Jdbi jdbi;
    private final Clock clock;

    public HistorySnapshots(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Takes the snapshots of the closed months that have none; answers how many months it took. */
    public int closeMonths() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return jdbi.inTransaction(h -> h.createQuery(CLOSE).bind("now", now).mapTo(Integer.class).one());
    }

    /** Plots of one estate and status at the end of one month ({@code YYYY-MM}), as the replay counts them. */
    public record Count(String month, String estate, String status, long plots, double areaM2) {}

    /**
     * The full recount: plots by estate and status at the end of every month from {@code from} ({@code YYYY-MM}) to
     * {@code now}'s month, replayed from the whole decision log, for the estates {@code estateCodes}.
     */
    public List<Count> recount(String from, OffsetDateTime now, List<String> estateCodes) {
        return jdbi.withHandle(h -> h.createQuery(RECOUNT).bind("from", from + "-01").bind("now", now)
                .bindArray("estates", String.class, estateCodes)
                .map((rs, c) -> new Count(rs.getString("month"), rs.getString("estate"), rs.getString("status"),
                        rs.getLong("plots"), rs.getDouble("area_m2")))
                .list());
    }
}
