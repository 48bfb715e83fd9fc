package org.zamin.idle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.account.CurrentUser;
import org.zamin.account.Visibility;
import org.zamin.allocation.AllocationAccess;
import org.zamin.allocation.Milestone;
import org.zamin.allocation.MilestoneKind;
import org.zamin.allocation.ContractStatus;
import org.zamin.db.SqlResource;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.domain.Invalid;

/**
 * The idle scan: applies the rules of each allocation's estate class on {@code asOf} (in every estate, or in the
 * estates of the officer who runs it), opens a case with its score and evidence where the score reaches the class's
 * opening score and no case is open, sets the plots IDLE, and refreshes the evidence of open cases that are not sub
 * judice. One transaction under an advisory lock, so two servers never scan at once; a second scan on the same day
 * changes nothing.
 */
public final class IdleScan {

    private static final Logger log = LoggerFactory.getLogger(IdleScan.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FACTS = SqlResource.load("idle/facts");
    private static final String OPEN_CASES = SqlResource.load("idle/open_cases");
    private static final String MARK_IDLE = SqlResource.load("idle/mark_idle");
    private static final String UPDATE_EVIDENCE = SqlResource.load("idle/update_evidence");
    private static final String TRY_SCAN_LOCK = SqlResource.load("idle/try_scan_lock");
    private static final String RULES = SqlResource.load("idle/rules");
    /** The advisory lock key every scanner takes (two servers, the CLI, the daily run). */
    public static final String LOCK = "zamin.idle.scan";
    public static final String PLAN_MISSED = "REVIVAL_PLAN_MISSED";

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final Clock clock;

    public IdleScan(Jdbi jdbi, DecisionLog decisions, Clock clock) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** What a scan did. */
    public record Result(LocalDate asOf, int scanned, int opened, int updated, long millis) {}

    /** The earliest day a scan may be run as of; with future days allowed, at most this far after today. */
    static final LocalDate EARLIEST_AS_OF = LocalDate.of(1990, 1, 1);
    static final int MAX_YEARS_AHEAD = 100;

    /**
     * Scans every estate on {@code asOf} (the daily run, the command line); 409 {@code scan_running} when another
     * scan holds the lock.
     */
    public Result run(LocalDate asOf, Actor actor) {
        return run(asOf, actor, Visibility.OPERATOR);
    }

    /**
     * Scans the estates {@code user} acts on (an officer's own; every estate for an admin) on {@code asOf}. A day after
     * today is refused (422 {@code as_of_in_future}) unless {@code futureAllowed} (demo mode, to show what the rules
     * will do); any other day outside {@link #EARLIEST_AS_OF} … today + {@value #MAX_YEARS_AHEAD} years is 422
     * {@code invalid_as_of}.
     */
    public Result runFor(CurrentUser user, LocalDate asOf, boolean futureAllowed) {
        Visibility who = Visibility.of(user);
        AllocationAccess.requireStaff(who);
        LocalDate today = LocalDate.now(clock);
        if (asOf.isAfter(today) && !futureAllowed) {
            throw new Invalid("as_of_in_future", "a scan is run as of today or an earlier day, not " + asOf);
        }
        if (asOf.isBefore(EARLIEST_AS_OF) || asOf.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            throw new Invalid("invalid_as_of", "asOf must lie between " + EARLIEST_AS_OF + " and "
                    + today.plusYears(MAX_YEARS_AHEAD));
        }
        return run(asOf, Actor.user(user.id(), user.role()), who);
    }

    /** How scans ended on this server since it started: {@code ok}, {@code skipped} (another held the lock), {@code failed}. */
    public static final List<String> OUTCOMES = List.of("ok", "skipped", "failed");
    private final Map<String, java.util.concurrent.atomic.AtomicLong> runs = Map.of(
            "ok", new java.util.concurrent.atomic.AtomicLong(), "skipped", new java.util.concurrent.atomic.AtomicLong(),
            "failed", new java.util.concurrent.atomic.AtomicLong());
    private volatile java.time.Instant lastSuccessAt;

    /** How many scans on this server ended with {@code outcome} (one of {@link #OUTCOMES}), for metrics. */
    public long runs(String outcome) {
        return runs.get(outcome).get();
    }

    /** When a scan last completed on this server, if one has. */
    public Optional<java.time.Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }

    private Result run(LocalDate asOf, Actor actor, Visibility who) {
        try {
            Result r = scanUnderLock(asOf, actor, who);
            lastSuccessAt = clock.instant();
            runs.get("ok").incrementAndGet();
            return r;
        } catch (Conflict e) {
            runs.get("skipped").incrementAndGet();
            throw e;
        } catch (RuntimeException e) {
            runs.get("failed").incrementAndGet();
            throw e;
        }
    }

    private Result scanUnderLock(LocalDate asOf, Actor actor, Visibility who) {
        long start = System.nanoTime();
        Result r = jdbi.inTransaction(h -> {
            boolean locked = h.createQuery(TRY_SCAN_LOCK).bind("key", LOCK)
                    .mapTo(Boolean.class).one();
            if (!locked) {
                throw new Conflict("scan_running", "another idle scan is running");
            }
            return scan(h, asOf, actor, who, start);
        });
        log.info("idle scan as of {} by {}: {} allocations, {} cases opened, {} updated in {} ms", asOf, actor.role(),
                r.scanned(), r.opened(), r.updated(), r.millis());
        return r;
    }

    private Result scan(Handle h, LocalDate asOf, Actor actor, Visibility who, long start) {
        Map<String, IdleRuleConfig> configs = new HashMap<>();
        h.createQuery(RULES).map((rs, ctx) -> Map.entry(rs.getString(1), new IdleRuleConfig(rs.getInt(2), rs.getInt(3),
                rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9))))
                .forEach(e -> configs.put(e.getKey(), e.getValue()));
        int window = configs.values().stream().mapToInt(IdleRuleConfig::electricityMonths).max().orElse(3);
        YearMonth current = YearMonth.from(asOf);

        List<Long> openIds = new ArrayList<>();
        List<Integer> openScores = new ArrayList<>();
        List<String> openEvidence = new ArrayList<>();
        Map<Long, Map<String, Object>> openSummaries = new HashMap<>();
        Map<Long, String> estateOf = new HashMap<>();
        List<Long> updIds = new ArrayList<>();
        List<Integer> updScores = new ArrayList<>();
        List<String> updEvidence = new ArrayList<>();
        int[] scanned = {0};

        try (var rows = h.createQuery(FACTS)
                .bind("asOf", asOf)
                .bind("windowStart", current.minusMonths(window).atDay(1))
                .bind("windowEnd", current.atDay(1))
                .bind("scoped", who.estateScoped())
                .bindArray("estates", String.class, who.estateCodesOrEmpty())
                .setFetchSize(5000)
                .map((rs, ctx) -> row(rs)).stream()) {
            rows.forEach(row -> {
                scanned[0]++;
                IdleRuleConfig config = configs.getOrDefault(row.estateKind(), IdleRuleConfig.DEFAULT);
                IdleAssessment a = IdleAssessment.of(row.facts(), config, asOf);
                if (row.caseId() == null) {
                    if (a.idle()) {
                        openIds.add(row.facts().allocationId());
                        openScores.add(a.score());
                        openEvidence.add(json(a.evidence()));
                        openSummaries.put(row.facts().allocationId(), Map.of("score", a.score(),
                                "rules", a.evidence().stream().map(Evidence::rule).toList()));
                        estateOf.put(row.facts().allocationId(), row.estateCode());
                    }
                    return;
                }
                if (row.subJudice()) {
                    return; // frozen: the court's stay holds the case as it is
                }
                List<Evidence> evidence = new ArrayList<>(a.evidence());
                if (row.planMissedSince() != null) {
                    evidence.add(new Evidence(PLAN_MISSED, 0, Map.of("dueOn", row.planMissedSince().toString())));
                }
                int score = evidence.stream().mapToInt(Evidence::score).sum();
                String text = json(evidence);
                if (score != row.caseScore() || !sameJson(text, row.caseEvidence())) {
                    updIds.add(row.caseId());
                    updScores.add(score);
                    updEvidence.add(text);
                }
            });
        }

        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!openIds.isEmpty()) {
            Map<Long, Long> caseOf = new HashMap<>();
            h.createQuery(OPEN_CASES)
                    .bind("asOf", asOf).bind("now", now)
                    .bindArray("allocations", Long.class, openIds)
                    .bindArray("scores", Integer.class, openScores)
                    .bindArray("evidence", String.class, openEvidence)
                    .map((rs, ctx) -> Map.entry(rs.getLong(2), rs.getLong(1)))
                    .forEach(e -> caseOf.put(e.getKey(), e.getValue()));
            Map<Long, List<Long>> parcelsOf = new LinkedHashMap<>();
            h.createQuery(MARK_IDLE).bindArray("allocations", Long.class, openIds)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                    .forEach(e -> parcelsOf.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            List<Decision> opened = new ArrayList<>(openIds.size());
            for (long allocation : openIds) {
                Map<String, Object> details = new LinkedHashMap<>(openSummaries.get(allocation));
                details.put("allocationId", allocation);
                details.put("asOf", asOf.toString());
                opened.add(Decision.of(actor, "idle_case.opened", "idle_case",
                        Long.toString(caseOf.get(allocation))).withEstate(estateOf.get(allocation))
                        .withParcels(parcelsOf.getOrDefault(allocation, List.of()))
                        .withTransition(null, CaseState.OPEN.name()).withPublicDetails(details));
            }
            decisions.appendAll(h, opened);
        }
        if (!updIds.isEmpty()) {
            h.createUpdate(UPDATE_EVIDENCE).bind("now", now)
                    .bindArray("cases", Long.class, updIds)
                    .bindArray("scores", Integer.class, updScores)
                    .bindArray("evidence", String.class, updEvidence)
                    .execute();
        }
        return new Result(asOf, scanned[0], openIds.size(), updIds.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /** One row of the facts query. */
    private record Row(AllocationFacts facts, String estateKind, String estateCode, Long caseId, int caseScore,
            String caseEvidence, boolean subJudice, LocalDate planMissedSince) {}

    private static Row row(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<Milestone> ms = new ArrayList<>();
        String[] kinds = strings(rs.getArray("kinds"));
        Object[] deadlines = objects(rs.getArray("deadlines"));
        Object[] achieved = objects(rs.getArray("achieved"));
        for (int i = 0; i < kinds.length; i++) {
            ms.add(new Milestone(MilestoneKind.valueOf(kinds[i]), date(deadlines[i]), Optional.ofNullable(date(achieved[i]))));
        }
        Map<YearMonth, Long> kwh = new HashMap<>();
        Object[] months = objects(rs.getArray("months"));
        Object[] values = objects(rs.getArray("kwh"));
        for (int i = 0; i < months.length; i++) {
            kwh.put(YearMonth.from(date(months[i])), ((Number) values[i]).longValue());
        }
        LocalDate inspected = rs.getObject("inspected_on", LocalDate.class);
        var facts = new AllocationFacts(id, rs.getObject("signed_on", LocalDate.class), ContractStatus.publicStatus(ms),
                ms, kwh, inspected == null ? Optional.empty()
                        : Optional.of(new AllocationFacts.Inspection(inspected, rs.getString("finding"))),
                Optional.ofNullable(rs.getObject("last_report", LocalDate.class)));
        long caseId = rs.getLong("case_id");
        boolean hasCase = !rs.wasNull();
        return new Row(facts, rs.getString("estate_kind"), rs.getString("estate_code"), hasCase ? caseId : null,
                rs.getInt("case_score"), rs.getString("case_evidence"), rs.getBoolean("sub_judice"),
                rs.getObject("plan_missed_since", LocalDate.class));
    }

    private static String[] strings(Array a) throws SQLException {
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    private static Object[] objects(Array a) throws SQLException {
        return a == null ? new Object[0] : (Object[]) a.getArray();
    }

    private static LocalDate date(Object o) {
        if (o == null) {
            return null;
        }
        return o instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(o.toString());
    }

    static String json(List<Evidence> evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameJson(String a, String b) {
        try {
            JsonNode x = JSON.readTree(a);
            JsonNode y = b == null ? null : JSON.readTree(b);
            return x.equals(y);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
