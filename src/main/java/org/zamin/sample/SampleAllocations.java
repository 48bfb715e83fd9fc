package org.zamin.sample;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.db.SqlResource;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.SystemReason;
import org.zamin.idle.IdleScan;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;

/**
 * Gives the sample's taken plots their contracts, once, in demo mode: one allocation per plot held by the demo
 * investors, signed so long ago that its milestones, reports, readings and inspections match the plot's status;
 * then the idle scan opens the cases of the IDLE plots, and the RECLAIMING ones are served a notice; each RESERVED
 * plot gets a submitted reservation. Deterministic (plot ids pick the ages), dated relative to the first start.
 */
public final class SampleAllocations {

    private static final Logger log = LoggerFactory.getLogger(SampleAllocations.class);
    private static final String KEY = "sample_allocations_seeded";
    private static final String RESERVATIONS_KEY = "sample_reservations_seeded";
    private static final String UNHELD_RESERVED_PLOTS = SqlResource.load("sample/unheld_reserved_plots");
    private static final String INSERT_SUBMITTED_RESERVATION = SqlResource.load("sample/insert_submitted_reservation");
    private static final String EVIDENCE = SqlResource.load("sample/allocation_evidence");
    private static final String SET_TODAY = SqlResource.load("sample/set_today");
    private static final String SEEDED_OR_NOT_READY = SqlResource.load("sample/seeded_or_not_ready");
    private static final String RECLAIMING_PLOTS = SqlResource.load("sample/reclaiming_plots");
    private static final String DEMO_INVESTORS = SqlResource.load("sample/demo_investors");
    private static final String TAKEN_PLOTS = SqlResource.load("sample/taken_plots");
    private static final String INSERT_RESERVATION = SqlResource.load("sample/insert_reservation");
    private static final String INSERT_ALLOCATION = SqlResource.load("sample/insert_allocation");
    private static final String INSERT_ALLOCATION_PARCEL = SqlResource.load("sample/insert_allocation_parcel");
    private static final String REMEMBER = SqlResource.load("sample/remember");
    private static final String SERVE_NOTICES = SqlResource.load("sample/serve_notices");
    private static final String STAGED_DUE_PROCESS = SqlResource.load("sample/staged_due_process");
    private static final String STAGED_PLOTS = SqlResource.load("sample/staged_plots");
    private static final String STAGED_CASES = SqlResource.load("sample/staged_cases");

    private SampleAllocations() {}

    /**
     * Seeds the sample allocations and reservations unless they were seeded before or the demo data they need is
     * missing: afterwards every taken sample plot has the record its status stands for ({@link PlotRecords}).
     */
    public static void seedOnce(Jdbi jdbi, DecisionLog decisions, Clock clock) {
        if (!seeded(jdbi, KEY)) {
            allocateOnce(jdbi, decisions, clock);
        }
        if (!seeded(jdbi, RESERVATIONS_KEY)) {
            jdbi.useTransaction(h -> reserveUnheldPlots(h, OffsetDateTime.now(clock)));
        }
    }

    /** A query about the shipped samples' estates ({@code :samples}, their code patterns bound). */
    private static org.jdbi.v3.core.statement.Query samples(Handle h, String sql) {
        return h.createQuery(sql).bindArray("samples", String.class, ShippedSamples.codePatterns());
    }

    private static boolean seeded(Jdbi jdbi, String key) {
        return jdbi.withHandle(h -> samples(h, SEEDED_OR_NOT_READY).bind("key", key).mapTo(Boolean.class).one());
    }

    /**
     * Each sample plot shown RESERVED with nothing holding it gets a submitted reservation (deposit paid in the
     * sandbox) of a demo investor, which an officer approves or rejects like any other; installations seeded by an
     * earlier version, whose RESERVED sample plots had nothing behind them, get theirs on their next start.
     */
    private static void reserveUnheldPlots(Handle h, OffsetDateTime now) {
        List<Long> investors = h.createQuery(DEMO_INVESTORS).mapTo(Long.class).list();
        var plots = samples(h, UNHELD_RESERVED_PLOTS).mapToMap().list();
        for (Map<String, Object> p : plots) {
            long id = ((Number) p.get("id")).longValue();
            h.createQuery(INSERT_SUBMITTED_RESERVATION).bind("inv", investors.get((int) (id % investors.size())))
                    .bind("estate", p.get("estate_id")).bind("kb", id % 3 == 0).bind("parcel", id)
                    .bind("at", now.minusDays(1 + id % 10)).mapTo(Long.class).one();
        }
        h.createUpdate(REMEMBER).bind("key", RESERVATIONS_KEY).bind("value", plots.size() + " sample reservations")
                .execute();
        log.info("sample: {} reserved plots given a submitted reservation", plots.size());
    }

    private static void allocateOnce(Jdbi jdbi, DecisionLog decisions, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        List<Long> reclaiming = jdbi.withHandle(h -> samples(h, RECLAIMING_PLOTS).mapTo(Long.class).list());
        int n = jdbi.inTransaction(h -> allocateTakenPlots(h, today));
        // Contracts and milestones exist now (created at commit); make the evidence match each plot's status.
        jdbi.useTransaction(h -> {
            samples(h, SET_TODAY).bind("today", today).mapTo(String.class).one();
            h.createScript(EVIDENCE).execute();
            h.createUpdate(REMEMBER).bind("key", KEY).bind("value", n + " sample allocations").execute();
        });
        var scan = new IdleScan(jdbi, decisions, clock).run(today, Actor.SYSTEM);
        jdbi.useTransaction(h -> serveNotices(h, decisions, today, reclaiming));
        jdbi.useTransaction(h -> stageDueProcess(h, decisions, today));
        log.info("sample: {} allocations with contracts; the idle scan opened {} cases", n, scan.opened());
    }

    /** One approved reservation and allocation per taken plot, signed as long ago as its status suggests. */
    private static int allocateTakenPlots(Handle h, LocalDate today) {
        List<Long> investors = h.createQuery(DEMO_INVESTORS).mapTo(Long.class).list();
        var plots = samples(h, TAKEN_PLOTS).mapToMap().list();
        for (Map<String, Object> p : plots) {
            long id = ((Number) p.get("id")).longValue();
            OffsetDateTime signed = today.minusMonths(monthsAgo(id, (String) p.get("status"))).atTime(9, 0)
                    .atOffset(ZoneOffset.UTC);
            long investor = investors.get((int) (id % investors.size()));
            long reservation = h.createQuery(INSERT_RESERVATION).bind("inv", investor)
                    .bind("estate", p.get("estate_id")).bind("kb", id % 5 == 0).bind("at", signed)
                    .mapTo(Long.class).one();
            long allocation = h.createQuery(INSERT_ALLOCATION).bind("r", reservation).bind("inv", investor)
                    .bind("estate", p.get("estate_id")).bind("at", signed).mapTo(Long.class).one();
            h.createUpdate(INSERT_ALLOCATION_PARCEL).bind("a", allocation).bind("p", id).execute();
        }
        return plots.size();
    }

    /** How long ago plot {@code id}'s contract was signed, by its status (plot ids pick the age). */
    static int monthsAgo(long id, String status) {
        return switch (status) {
            case "ALLOCATED" -> 3 + (int) (id % 7);
            case "UNDER_CONSTRUCTION" -> 15 + (int) (id % 12);
            case "IN_PRODUCTION" -> 40 + (int) (id % 30);
            default -> 24 + (int) (id % 18);
        };
    }

    /**
     * The served notices at every stage of due process (warnings 1–3, an idle fee, a paid extension, reclaimed) so
     * that the idle register and the revival dashboard are alive; the plots of extended and reclaimed cases follow.
     */
    private static void stageDueProcess(Handle h, DecisionLog decisions, LocalDate today) {
        samples(h, SET_TODAY).bind("today", today).mapTo(String.class).one();
        h.createScript(STAGED_DUE_PROCESS).execute();
        List<Long> extended = h.createQuery(STAGED_PLOTS).bind("kind", 4).mapTo(Long.class).list();
        List<Long> reclaimed = h.createQuery(STAGED_PLOTS).bind("kind", 5).mapTo(Long.class).list();
        ParcelStatusWriter.set(h, extended, ParcelStatus.UNDER_CONSTRUCTION);
        ParcelStatusWriter.set(h, reclaimed, ParcelStatus.AVAILABLE);
        // The log says so too, so that the history replayed from it ends where the plots are.
        List<Decision> logged = new java.util.ArrayList<>();
        for (Object[] c : stagedCases(h, 4)) {
            logged.add(Decision.of(Actor.SYSTEM, "idle_case.extended", "idle_case", c[0].toString())
                    .withEstate((String) c[2]).withParcels(List.of((Long) c[1]))
                    .withTransition("NOTICE_SERVED", "EXTENDED").withReason(SystemReason.SAMPLE_DATA.text()));
            logged.add(Decision.of(Actor.SYSTEM, "parcel.status_changed", "idle_case", c[0].toString())
                    .withEstate((String) c[2]).withParcels(List.of((Long) c[1]))
                    .withTransition("RECLAIMING", "UNDER_CONSTRUCTION").withReason(SystemReason.SAMPLE_DATA.text()));
        }
        for (Object[] c : stagedCases(h, 5)) {
            logged.add(Decision.of(Actor.SYSTEM, "idle_case.reclaimed", "idle_case", c[0].toString())
                    .withEstate((String) c[2]).withParcels(List.of((Long) c[1]))
                    .withTransition("NOTICE_SERVED", "RECLAIMED").withReason(SystemReason.SAMPLE_DATA.text()));
        }
        decisions.appendAll(h, logged);
    }

    /** The staged cases of one kind: case id, plot id, estate code. */
    private static List<Object[]> stagedCases(Handle h, int kind) {
        return h.createQuery(STAGED_CASES).bind("kind", kind)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).list();
    }

    /** The cases of the RECLAIMING plots are served a notice, their plots set RECLAIMING again, and logged. */
    private static void serveNotices(Handle h, DecisionLog decisions, LocalDate today, List<Long> reclaiming) {
        var cases = h.createQuery(SERVE_NOTICES).bind("today", today)
                .bindArray("reclaiming", Long.class, reclaiming)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).list();
        for (Object[] c : cases) {
            ParcelStatusWriter.set(h, List.of((Long) c[1]), ParcelStatus.RECLAIMING);
            decisions.append(h, Decision.of(Actor.SYSTEM, "idle_case.notice_served", "idle_case", c[0].toString())
                    .withEstate((String) c[2]).withParcels(List.of((Long) c[1]))
                    .withTransition("OPEN", "NOTICE_SERVED").withReason(SystemReason.SAMPLE_DATA.text()));
        }
    }
}
