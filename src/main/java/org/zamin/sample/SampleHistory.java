package org.zamin.sample;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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

/**
 * The sample's past, once, in demo mode, after {@link SampleAllocations} and {@link SampleRevival}: the estate
 * companies migrate their paper register into the log as legacy records (appended now, each carrying the day it
 * happened), consistent with the sample as it stands. Every sample contract's reservation held and approved on its
 * signing, construction started and production licensed on its milestones' days, idle plots flagged by the paper
 * register months before the scan opened their cases; and, on plots that are available today, holds that lapsed and
 * allocations that idled and were reclaimed. So the statistics show years of trends for both provinces.
 * Deterministic (plot and allocation ids pick the days), dated relative to the first start.
 */
public final class SampleHistory {

    private static final Logger log = LoggerFactory.getLogger(SampleHistory.class);
    private static final String KEY = "sample_history_seeded";
    private static final String SEEDED_OR_NOT_READY = SqlResource.load("sample/seeded_or_not_ready");
    private static final String REMEMBER = SqlResource.load("sample/remember");
    private static final String ALLOCATIONS = SqlResource.load("sample/history_allocations");
    private static final String FREE_PLOTS = SqlResource.load("sample/history_free_plots");
    private static final String DATABASE_TODAY = SqlResource.load("sample/database_today");
    private static final String REASON = SystemReason.SAMPLE_PAPER_REGISTER.text();

    private SampleHistory() {}

    /** One sample contract as its past needs it. */
    record Contract(long allocationId, long reservationId, long parcelId, String estate, String status,
            LocalDate signedOn, LocalDate startedOn, LocalDate licensedOn) {}

    /** Appends the sample's legacy history unless it was appended before or the sample and demo accounts are missing. */
    public static void seedOnce(Jdbi jdbi, DecisionLog decisions, Clock clock) {
        boolean skip = jdbi.withHandle(h -> h.createQuery(SEEDED_OR_NOT_READY)
                .bindArray("samples", String.class, ShippedSamples.codePatterns()).bind("key", KEY).mapTo(Boolean.class)
                .one());
        if (!skip) {
            long started = System.nanoTime();
            // The records' days are bounded by the database's today, the day they are recorded (a server clock running
            // ahead, as in tests, dated the sample's contracts after it).
            int n = jdbi.inTransaction(h -> seed(h, decisions,
                    min(LocalDate.now(clock), h.createQuery(DATABASE_TODAY).mapTo(LocalDate.class).one())));
            log.info("sample: {} legacy records of the paper register appended in {} ms", n,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static int seed(Handle h, DecisionLog decisions, LocalDate today) {
        List<DecisionLog.Legacy> records = new ArrayList<>();
        List<Contract> contracts = h.createQuery(ALLOCATIONS)
                .bindArray("samples", String.class, ShippedSamples.codePatterns())
                .map((rs, c) -> new Contract(rs.getLong("allocation_id"), rs.getLong("reservation_id"),
                        rs.getLong("parcel_id"), rs.getString("estate"), rs.getString("status"),
                        rs.getObject("signed_on", LocalDate.class), rs.getObject("started_on", LocalDate.class),
                        rs.getObject("licensed_on", LocalDate.class)))
                .list();
        for (Contract c : contracts) {
            contractPast(c, today, records);
        }
        h.createQuery(FREE_PLOTS).bindArray("samples", String.class, ShippedSamples.codePatterns())
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).list()
                .forEach(p -> freePlotPast((Long) p[0], (String) p[1], today, records));
        // The register is migrated in the order things happened.
        records.sort(java.util.Comparator.comparing(DecisionLog.Legacy::occurredOn));
        int n = decisions.appendLegacy(h, records);
        h.createUpdate(REMEMBER).bind("key", KEY).bind("value", n + " legacy records").execute();
        return n;
    }

    /**
     * A contract's past: held a week or three before signing, approved on signing, construction started and
     * production licensed on their milestones' days; an idle or reclaiming plot flagged idle by the paper register
     * between its last milestone and today.
     */
    static void contractPast(Contract c, LocalDate today, List<DecisionLog.Legacy> out) {
        if (c.signedOn() == null) {
            return;
        }
        String reservation = Long.toString(c.reservationId());
        String allocation = Long.toString(c.allocationId());
        List<Long> plot = List.of(c.parcelId());
        LocalDate signed = min(c.signedOn(), today);
        out.add(legacy(min(signed.minusDays(7 + c.parcelId() % 14), today), Decision.of(Actor.SYSTEM,
                "reservation.held", "reservation", reservation).withEstate(c.estate()).withParcels(plot)
                .withTransition(null, "HELD")));
        out.add(legacy(signed, Decision.of(Actor.SYSTEM, "reservation.approved", "reservation", reservation)
                .withEstate(c.estate()).withParcels(plot).withTransition("SUBMITTED", "APPROVED")
                .withPublicDetails(Map.of("allocationId", c.allocationId()))));
        LocalDate last = signed;
        if (c.startedOn() != null) {
            last = min(max(last, c.startedOn()), today);
            out.add(legacy(last, Decision.of(Actor.SYSTEM, "parcel.status_changed", "allocation", allocation)
                    .withEstate(c.estate()).withParcels(plot).withTransition(null, "UNDER_CONSTRUCTION")));
        }
        if (c.licensedOn() != null) {
            last = min(max(last, c.licensedOn()), today);
            out.add(legacy(last, Decision.of(Actor.SYSTEM, "allocation.milestone_reached", "allocation", allocation)
                    .withEstate(c.estate()).withParcels(plot)
                    .withPublicDetails(Map.of("milestone", "OPERATING_LICENCE", "on", last.toString()))));
            out.add(legacy(last, Decision.of(Actor.SYSTEM, "parcel.status_changed", "allocation", allocation)
                    .withEstate(c.estate()).withParcels(plot).withTransition(null, "IN_PRODUCTION")));
        }
        if (c.status().equals("IDLE") || c.status().equals("RECLAIMING")) {
            LocalDate flagged = min(today, max(last.plusDays(1), today.minusDays(60 + c.parcelId() % 330)));
            out.add(legacy(flagged, Decision.of(Actor.SYSTEM, "parcel.status_changed", "allocation", allocation)
                    .withEstate(c.estate()).withParcels(plot).withTransition(null, "IDLE")));
        }
    }

    /**
     * An available plot's past: every ninth was allocated two years or so ago, left idle, served a notice and
     * reclaimed; every seventh (of the rest) was held and let go.
     */
    static void freePlotPast(long parcelId, String estate, LocalDate today, List<DecisionLog.Legacy> out) {
        List<Long> plot = List.of(parcelId);
        String paper = "paper-" + parcelId;
        if (parcelId % 9 == 0) {
            LocalDate held = today.minusDays(420 + parcelId % 330);
            LocalDate approved = held.plusDays(15);
            LocalDate idle = approved.plusDays(180 + parcelId % 60);
            LocalDate notice = idle.plusDays(30);
            LocalDate reclaimed = notice.plusDays(45);
            out.add(legacy(held, Decision.of(Actor.SYSTEM, "reservation.held", "reservation", paper)
                    .withEstate(estate).withParcels(plot).withTransition(null, "HELD")));
            out.add(legacy(approved, Decision.of(Actor.SYSTEM, "reservation.approved", "reservation", paper)
                    .withEstate(estate).withParcels(plot).withTransition("SUBMITTED", "APPROVED")));
            out.add(legacy(idle, Decision.of(Actor.SYSTEM, "idle_case.opened", "idle_case", paper)
                    .withEstate(estate).withParcels(plot).withTransition(null, "OPEN")));
            out.add(legacy(notice, Decision.of(Actor.SYSTEM, "idle_case.notice_served", "idle_case", paper)
                    .withEstate(estate).withParcels(plot).withTransition("OPEN", "NOTICE_SERVED")));
            out.add(legacy(reclaimed, Decision.of(Actor.SYSTEM, "idle_case.reclaimed", "idle_case", paper)
                    .withEstate(estate).withParcels(plot).withTransition("NOTICE_SERVED", "RECLAIMED")));
        } else if (parcelId % 7 == 0) {
            LocalDate held = today.minusDays(30 + parcelId % 500);
            out.add(legacy(held, Decision.of(Actor.SYSTEM, "reservation.held", "reservation", paper)
                    .withEstate(estate).withParcels(plot).withTransition(null, "HELD")));
            out.add(legacy(held.plusDays(3), Decision.of(Actor.SYSTEM, "reservation.expired", "reservation", paper)
                    .withEstate(estate).withParcels(plot).withTransition("HELD", "EXPIRED")));
        }
    }

    private static DecisionLog.Legacy legacy(LocalDate on, Decision d) {
        return new DecisionLog.Legacy(on, d.withReason(REASON));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
