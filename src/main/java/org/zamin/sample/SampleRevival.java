package org.zamin.sample;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.allocation.ContractService;
import org.zamin.allocation.MilestoneKind;
import org.zamin.db.SqlResource;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.idle.CaseAction;
import org.zamin.idle.IdleCaseService;

/**
 * The revival desk's sample, once, in demo mode, after {@link SampleAllocations}: the demo officer is an adviser
 * and has diagnosed half of the open cases of each sample province, Gilan and Qazvin ({@code id % 4} 0 and 1, at most
 * 24 per province); each province's working group met three weeks ago and decided on those with {@code id % 4 = 1}:
 * most got a revival plan (holder, bank, power and gas items; on some the power company already missed its item, so
 * the clock is stopped and the delay government-caused), every third a bank referral. Then, once, per province the
 * first unit under a plan is brought back into production through the services an officer uses: its plan items met,
 * the operating licence and an active inspection recorded, the case closed REVIVED ({@link #reviveOnce}).
 * Deterministic (case ids pick causes and plans), dated relative to the first start.
 */
public final class SampleRevival {

    private static final Logger log = LoggerFactory.getLogger(SampleRevival.class);
    private static final String KEY = "sample_revival_seeded";
    private static final String SEEDED_OR_NOT_READY = SqlResource.load("sample/seeded_or_not_ready");
    private static final String REMEMBER = SqlResource.load("sample/remember");
    private static final String CASES = SqlResource.load("sample/revival_cases");
    private static final String ADVISER = SqlResource.load("sample/demo_adviser");
    private static final String DIAGNOSIS = SqlResource.load("sample/revival_diagnosis");
    private static final String SESSION = SqlResource.load("sample/revival_session");
    private static final String AGENDA = SqlResource.load("sample/revival_agenda");
    private static final String PLAN_ITEM = SqlResource.load("sample/revival_plan_item");
    private static final String PLAN_STATE = SqlResource.load("sample/revival_plan_state");
    private static final String REVIVED_KEY = "sample_revival_revived";
    private static final String TO_REVIVE = SqlResource.load("sample/revival_to_revive");
    private static final String OPEN_ITEMS = SqlResource.load("sample/revival_open_items");
    private static final List<List<String>> CAUSES = List.of(List.of("BANK_DEBT", "UTILITIES"),
            List.of("RAW_MATERIALS", "MARKET"), List.of("MANAGEMENT", "TECHNOLOGY"),
            List.of("PERMITS_LEGAL", "GOVERNMENT"), List.of("BANK_DEBT", "MARKET"));

    private SampleRevival() {}

    private record SampleCase(long id, long allocationId, String estate, int province) {}

    /** Seeds the revival sample unless it was seeded before or the sample and demo accounts are missing. */
    public static void seedOnce(Jdbi jdbi, DecisionLog decisions, Clock clock) {
        boolean skip = jdbi.withHandle(h -> h.createQuery(SEEDED_OR_NOT_READY)
                .bindArray("samples", String.class, ShippedSamples.codePatterns()).bind("key", KEY).mapTo(Boolean.class)
                .one());
        if (!skip) {
            jdbi.useTransaction(h -> seed(h, decisions, LocalDate.now(clock)));
        }
    }

    private static void seed(Handle h, DecisionLog decisions, LocalDate today) {
        Optional<Long> adviser = h.createQuery(ADVISER).mapTo(Long.class).findOne();
        List<SampleCase> cases = h.createQuery(CASES).bindArray("samples", String.class, ShippedSamples.codePatterns())
                .map((rs, ctx) -> new SampleCase(rs.getLong(1), rs.getLong(2),
                rs.getString(3), rs.getInt(4))).list();
        if (adviser.isEmpty()) {
            return;
        }
        Map<Integer, Long> sessions = new LinkedHashMap<>();
        int planned = 0;
        for (SampleCase c : cases) {
            List<String> causes = CAUSES.get((int) (c.id() % CAUSES.size()));
            LocalDate visited = today.minusDays(30 + c.id() % 10);
            String recommendation = c.id() % 4 == 1 || c.id() % 8 != 4 ? "REVIVE" : "EXTEND";
            h.createUpdate(DIAGNOSIS).bind("caseId", c.id()).bind("adviser", adviser.get()).bind("visitedOn", visited)
                    .bindArray("causes", String.class, causes)
                    .bind("evidence", "Sample visit: the hall is quiet; the manager names " + String.join(" and ",
                            causes).toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ".")
                    .bind("recommendation", recommendation).execute();
            decisions.append(h, Decision.of(Actor.SYSTEM, "idle_case.diagnosed", "idle_case", Long.toString(c.id()))
                    .withEstate(c.estate()).withReason("sample data")
                    .withPublicDetails(Map.of("causes", causes, "recommendation", recommendation)));
            if (c.id() % 4 != 1) {
                continue;
            }
            long session = sessions.computeIfAbsent(c.province(), p -> {
                long id = h.createQuery(SESSION).bind("province", p).bind("heldOn", today.minusDays(21))
                        .bindArray("members", String.class, List.of("Deputy governor (chair)",
                                "Industrial estates company", "Bank Melli", "Power distribution company",
                                "Gas company", "Department of environment"))
                        .bind("adviser", adviser.get()).mapTo(Long.class).one();
                decisions.append(h, Decision.of(Actor.SYSTEM, "working_group.session_held", "working_group_session",
                        Long.toString(id)).withReason("sample data"));
                return id;
            });
            boolean bank = c.id() % 3 == 0;
            long agenda = h.createQuery(AGENDA).bind("session", session).bind("caseId", c.id())
                    .bind("decision", bank ? "REFER_TO_BANK" : "APPROVE_PLAN").bind("bank", bank ? "Bank Melli" : null)
                    .bind("facility", bank ? 5_000_000_000L + c.id() % 5 * 1_000_000_000L : null)
                    .bind("adviser", adviser.get()).mapTo(Long.class).one();
            if (!bank) {
                plan(h, decisions, c, agenda, today);
                planned++;
            }
            decisions.append(h, Decision.of(Actor.SYSTEM, "working_group.decided", "idle_case", Long.toString(c.id()))
                    .withEstate(c.estate()).withReason("sample data")
                    .withPublicDetails(Map.of("session", session, "decision", bank ? "REFER_TO_BANK" : "APPROVE_PLAN")));
        }
        h.createUpdate(REMEMBER).bind("key", KEY).bind("value", cases.size() + " diagnosed, " + planned + " planned")
                .execute();
        log.info("sample: {} idle cases diagnosed, {} under a revival plan", cases.size(), planned);
    }

    /**
     * Once (also on an installation seeded before this step existed), per sample province, the first unit under a
     * working-group plan is revived the way an officer does it, through the same services and checks: every open
     * plan item met, the contract's missing milestones up to the operating licence and an ACTIVE
     * inspection recorded that day, then the case closed REVIVED (the plots back IN_PRODUCTION, the holder told).
     */
    public static void reviveOnce(Jdbi jdbi, ContractService contracts, IdleCaseService cases, Clock clock) {
        boolean skip = jdbi.withHandle(h -> h.createQuery(SEEDED_OR_NOT_READY)
                .bindArray("samples", String.class, ShippedSamples.codePatterns()).bind("key", REVIVED_KEY)
                .mapTo(Boolean.class).one());
        if (skip) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        List<Map<String, Object>> units = jdbi.withHandle(h -> h.createQuery(TO_REVIVE)
                .bindArray("samples", String.class, ShippedSamples.codePatterns()).mapToMap().list());
        if (units.isEmpty()) {
            return; // the revival sample is not seeded yet: try again on the next start
        }
        int revived = 0;
        for (var u : units) {
            long caseId = ((Number) u.get("id")).longValue();
            var officer = new CurrentUser(((Number) u.get("officer_id")).longValue(), (String) u.get("officer_email"),
                    Role.OFFICER, Set.of((String) u.get("code")));
            try {
                revive(cases, contracts, jdbi, officer, caseId, ((Number) u.get("allocation_id")).longValue(), today);
                revived++;
            } catch (RuntimeException e) {
                // demo data must not stop the server: the unit stays under its plan
                log.warn("sample: idle case {} could not be revived: {}", caseId, e.getMessage());
            }
        }
        int done = revived;
        jdbi.useHandle(h -> h.createUpdate(REMEMBER).bind("key", REVIVED_KEY).bind("value", done + " revived")
                .execute());
        log.info("sample: {} units revived under a working-group plan", revived);
    }

    /** One unit back in production: each step the officer's own call, with its checks and decision-log entry. */
    private static void revive(IdleCaseService cases, ContractService contracts, Jdbi jdbi, CurrentUser officer,
            long caseId, long allocation, LocalDate today) {
        for (long item : jdbi.withHandle(h -> h.createQuery(OPEN_ITEMS).bind("caseId", caseId).mapTo(Long.class)
                .list())) {
            cases.planItemMet(officer, caseId, item, today);
        }
        for (MilestoneKind kind : MilestoneKind.values()) {
            try {
                contracts.recordMilestone(officer, allocation, kind, today);
            } catch (Conflict e) {
                if (!"milestone_already_recorded".equals(e.code())) {
                    throw e;
                }
                // reached before the unit went idle: the date stays as recorded
            }
            if (kind == MilestoneKind.OPERATING_LICENCE) {
                break;
            }
        }
        contracts.addInspection(officer, allocation, today, "ACTIVE",
                "Sample visit: both lines run; the power and gas connections are in.", List.of(), Optional.empty());
        cases.act(officer, caseId, CaseAction.REVIVE, new IdleCaseService.ActionBody(
                "Back in production under the working group's plan (sample data)", null, null, null, null));
    }

    /** A plan of four items; on every other case the power company's item is already missed (clock stopped). */
    private static void plan(Handle h, DecisionLog decisions, SampleCase c, long agenda, LocalDate today) {
        List<Object[]> items = new ArrayList<>();
        boolean powerMissed = c.id() % 2 == 1 && c.id() % 8 != 5;
        items.add(new Object[] {"Connect three-phase power", "POWER", powerMissed ? today.minusDays(6) : today.plusDays(20),
                null});
        items.add(new Object[] {"Gas connection at the agreed pressure", "GAS", today.minusDays(10), today.minusDays(12)});
        items.add(new Object[] {"Settle the overdue instalments with the bank", "HOLDER", today.plusDays(40), null});
        items.add(new Object[] {"Restart the production line", "HOLDER", today.plusDays(75), null});
        for (Object[] i : items) {
            h.createUpdate(PLAN_ITEM).bind("caseId", c.id()).bind("description", (String) i[0])
                    .bind("agency", (String) i[1]).bind("dueOn", (LocalDate) i[2]).bind("metOn", (LocalDate) i[3])
                    .bind("agenda", agenda).execute();
        }
        h.createUpdate(PLAN_STATE).bind("caseId", c.id()).execute();
        decisions.append(h, Decision.of(Actor.SYSTEM, "idle_case.revival_plan", "idle_case", Long.toString(c.id()))
                .withEstate(c.estate()).withTransition("OPEN", "REVIVAL_PLAN").withReason("sample data")
                .withPublicDetails(Map.of("items", items.size())));
    }
}
