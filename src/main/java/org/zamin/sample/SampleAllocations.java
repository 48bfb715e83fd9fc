package org.zamin.sample;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.db.SqlResource;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.idle.IdleScan;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;

/**
 * Gives the sample's taken plots their contracts, once, in demo mode: one allocation per plot held by the demo
 * investors, signed so long ago that its milestones, reports, readings and inspections match the plot's status;
 * then the idle scan opens the cases of the IDLE plots, and the RECLAIMING ones are served a notice. Deterministic
 * (plot ids pick the ages), dated relative to the first start.
 */
public final class SampleAllocations {

    private static final Logger log = LoggerFactory.getLogger(SampleAllocations.class);
    private static final String KEY = "sample_allocations_seeded";
    private static final String EVIDENCE = SqlResource.load("sample/allocation_evidence");

    private SampleAllocations() {}

    public static void seedOnce(Jdbi jdbi, DecisionLog decisions, Clock clock) {
        boolean skip = jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM app_state WHERE key = :k) "
                + "OR NOT EXISTS (SELECT 1 FROM users WHERE email = 'investor@demo.zamin.ir') "
                + "OR NOT EXISTS (SELECT 1 FROM estate WHERE code LIKE 'GIL-%')").bind("k", KEY)
                .mapTo(Boolean.class).one());
        if (skip) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        List<Long> reclaiming = jdbi.withHandle(h -> h.createQuery("SELECT p.id FROM parcel p JOIN estate e "
                + "ON e.id = p.estate_id WHERE e.code LIKE 'GIL-%' AND p.status = 'RECLAIMING'").mapTo(Long.class).list());
        int n = jdbi.inTransaction(h -> {
            List<Long> investors = h.createQuery("SELECT id FROM users WHERE email IN ('investor@demo.zamin.ir', "
                    + "'investor2@demo.zamin.ir') ORDER BY email").mapTo(Long.class).list();
            var plots = h.createQuery("""
                    SELECT p.id, p.estate_id, p.status FROM parcel p JOIN estate e ON e.id = p.estate_id
                     WHERE e.code LIKE 'GIL-%' AND p.status IN ('ALLOCATED', 'UNDER_CONSTRUCTION', 'IN_PRODUCTION',
                                                              'IDLE', 'RECLAIMING')
                     ORDER BY p.id""").mapToMap().list();
            for (Map<String, Object> p : plots) {
                long id = ((Number) p.get("id")).longValue();
                String status = (String) p.get("status");
                int months = switch (status) {
                    case "ALLOCATED" -> 3 + (int) (id % 7);
                    case "UNDER_CONSTRUCTION" -> 15 + (int) (id % 12);
                    case "IN_PRODUCTION" -> 40 + (int) (id % 30);
                    default -> 24 + (int) (id % 18);
                };
                OffsetDateTime signed = today.minusMonths(months).atTime(9, 0).atOffset(ZoneOffset.UTC);
                long investor = investors.get((int) (id % investors.size()));
                long reservation = h.createQuery("""
                        INSERT INTO reservation (investor_id, estate_id, status, activity_isic, investment, jobs,
                                                 knowledge_based, deposit_amount, created_at, hold_expires_at,
                                                 submitted_at, closed_at)
                        VALUES (:inv, :estate, 'APPROVED', '2599', 50000000000, 25, :kb, 100000000, :at,
                                CAST(:at AS timestamptz) + interval '72 hours', :at, :at) RETURNING id""")
                        .bind("inv", investor).bind("estate", p.get("estate_id")).bind("kb", id % 5 == 0)
                        .bind("at", signed).mapTo(Long.class).one();
                long allocation = h.createQuery("INSERT INTO allocation (reservation_id, investor_id, estate_id, "
                                + "created_at) VALUES (:r, :inv, :estate, :at) RETURNING id")
                        .bind("r", reservation).bind("inv", investor).bind("estate", p.get("estate_id"))
                        .bind("at", signed).mapTo(Long.class).one();
                h.createUpdate("INSERT INTO allocation_parcel (allocation_id, parcel_id) VALUES (:a, :p)")
                        .bind("a", allocation).bind("p", id).execute();
            }
            return plots.size();
        });
        // Contracts and milestones exist now (created at commit); make the evidence match each plot's status.
        jdbi.useTransaction(h -> {
            h.createScript(EVIDENCE.replace(":today", "DATE '" + today + "'")).execute();
            h.createUpdate("INSERT INTO app_state (key, value) VALUES (:k, :v)").bind("k", KEY)
                    .bind("v", n + " sample allocations").execute();
        });
        var scan = new IdleScan(jdbi, decisions, clock).run(today, Actor.SYSTEM);
        jdbi.useTransaction(h -> {
            var cases = h.createQuery("""
                    UPDATE idle_case c SET state = 'NOTICE_SERVED', notice_served_at = now(),
                           reply_deadline = CAST(:today AS date) + 10 + (c.id % 30)::int, updated_at = now()
                      FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
                     WHERE ap.allocation_id = c.allocation_id AND c.state = 'OPEN'
                       AND p.id = ANY(:reclaiming)
                    RETURNING c.id, p.id, (SELECT code FROM estate WHERE id = p.estate_id)""")
                    .bind("today", today).bindArray("reclaiming", Long.class, reclaiming)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).list();
            for (Object[] c : cases) {
                ParcelStatusWriter.set(h, List.of((Long) c[1]), ParcelStatus.RECLAIMING);
                decisions.append(h, Decision.of(Actor.SYSTEM, "idle_case.notice_served", "idle_case", c[0].toString())
                        .withEstate((String) c[2]).withParcels(List.of((Long) c[1]))
                        .withTransition("OPEN", "NOTICE_SERVED").withReason("sample data"));
            }
        });
        log.info("sample: {} allocations with contracts; the idle scan opened {} cases", n, scan.opened());
    }
}
