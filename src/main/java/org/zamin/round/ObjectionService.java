package org.zamin.round;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.CurrentUser;
import org.zamin.account.Visibility;
import org.zamin.db.Transactions;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.domain.Forbidden;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotFound;
import org.zamin.domain.Text;

/**
 * Objections to a closed round: an applicant files one within the objection window (the offer's
 * {@code objection_days} after the close, default 10), an officer of the estate answers it, UPHELD or DISMISSED, with
 * a reason; both go on the decision log, the answer and outcome publicly. A published document never changes: an upheld
 * objection's outcome publishes the round's next version, which names the objection and the version it replaces.
 */
public final class ObjectionService {

    /** The outcomes an officer may record. */
    public static final Set<String> OUTCOMES = Set.of("UPHELD", "DISMISSED");
    private static final int MAX_TEXT = Text.NOTE_MAX;

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final Clock clock;
    private final RoundRepository repo = new RoundRepository();

    private final AwardService awards;

    public ObjectionService(Jdbi jdbi, DecisionLog decisions, Clock clock, AwardService awards) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.clock = clock;
        this.awards = awards;
    }

    /** An objection as the applicant sends it. */
    public record NewObjection(String text) {}

    /**
     * An officer's answer. Upholding takes the {@code correction}: the objector's application as it should have been
     * read (numbers may come as text, Persian digits allowed); its ranking stays as submitted.
     */
    public record Answer(String outcome, String answer, Correction correction) {}

    /** The corrected statements of the objector's application. */
    public record Correction(String activity, String investment, String jobs, Boolean knowledgeBased,
            String exportSharePct) {}

    /** Files the investor's objection to a closed round they applied to, within its window. */
    public String file(CurrentUser investor, long offerId, NewObjection request) {
        String text = text(request == null ? null : request.text(), "objection_text_required");
        try {
            return Transactions.retrying(jdbi, h -> {
                var target = repo.objectionTarget(h, offerId, investor.id())
                        .filter(t -> !"DRAFT".equals(t.state())).orElseThrow(() -> new NotFound("offer " + offerId));
                if (target.application() == null) {
                    throw new Forbidden("not_an_applicant", "only applicants of round " + offerId + " may object");
                }
                if (!"CLOSED".equals(target.state())) {
                    throw new Conflict("result_not_published", "the result of round " + offerId + " is not published");
                }
                Instant now = clock.instant();
                Instant ends = target.closedAt().plus(Duration.ofDays(target.objectionDays()));
                if (!now.isBefore(ends)) {
                    throw new Conflict("objection_window_closed", "objections to round " + offerId + " closed at " + ends);
                }
                long id = repo.insertObjection(h, offerId, target.application(), text, now);
                decisions.append(h, Decision.of(Actor.user(investor.id(), investor.role()), "round_objection.filed",
                                "round_objection", String.valueOf(id))
                        .withEstate(target.estateCode()).withTransition(null, "FILED")
                        .withPublicDetails(Map.of("offerId", offerId, "applicationId", target.application()))
                        .withPrivateDetails(Map.of("text", text)));
                return repo.objectionsJson(h, offerId, id, false, investor.id()).get(0);
            });
        } catch (RuntimeException e) {
            if ("round_objection_one_per_application".equals(Transactions.constraint(e))) {
                throw new Conflict("objection_exists", "you have already objected to round " + offerId);
            }
            if ("round_objection_window".equals(Transactions.constraint(e))) {
                throw new Conflict("objection_window_closed", "objections to round " + offerId + " have closed");
            }
            throw e;
        }
    }

    /**
     * An officer of the estate answers an objection once, on the record. Upholding it records its outcome: the
     * objector's application corrected, the allocation re-run on the corrected inputs with the same lottery, and the
     * result published as the round's next document version ({@code round_amendment}), whose SHA-256 goes on the log
     * with the answer; the awards and their holds follow the new version ({@link AwardService#amend}).
     */
    public String answer(CurrentUser officer, long offerId, long objectionId, Answer request) {
        String outcome = request == null || request.outcome() == null ? "" : request.outcome().strip();
        if (!OUTCOMES.contains(outcome)) {
            throw new Invalid("invalid_outcome", "outcome must be UPHELD or DISMISSED");
        }
        String answer = text(request.answer(), "answer_required");
        try {
            return Transactions.retrying(jdbi, h -> {
                var offer = repo.lock(h, offerId).orElseThrow(() -> new NotFound("offer " + offerId));
                if (!Visibility.of(officer).seesEstate(offer.estateCode())) {
                    throw new Forbidden("you do not manage estate " + offer.estateCode());
                }
                var objection = repo.lockObjection(h, offerId, objectionId)
                        .orElseThrow(() -> new NotFound("objection " + objectionId));
                if (objection.outcome() != null) {
                    throw new Conflict("illegal_transition", "objection " + objectionId + " was already answered: "
                            + objection.outcome());
                }
                var corrected = "UPHELD".equals(outcome) ? corrected(request.correction()) : null;
                Instant now = clock.instant();
                repo.answerObjection(h, objectionId, outcome, answer, officer.id(), now);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("offerId", offerId);
                details.put("applicationId", objection.applicationId());
                details.put("outcome", outcome);
                if (corrected != null) {
                    details.putAll(amend(h, officer, offerId, objection, corrected, now));
                }
                decisions.append(h, Decision.of(Actor.user(officer.id(), officer.role()), "round_objection.answered",
                                "round_objection", String.valueOf(objectionId))
                        .withEstate(offer.estateCode()).withTransition("FILED", outcome).withReason(answer)
                        .withPublicDetails(details));
                return repo.objectionsJson(h, offerId, objectionId, true, null).get(0);
            });
        } catch (RuntimeException e) {
            if ("round_award_hold_once_per_application".equals(Transactions.constraint(e))) {
                throw new Conflict("award_lapsed", "the amended result awards a plot to an applicant whose award "
                        + "of this round already lapsed");
            }
            throw e;
        }
    }

    /** The corrected statements, checked as an application's are (its ranking stays as submitted). */
    private static RoundService.NewApplication corrected(Correction c) {
        if (c == null) {
            throw new Invalid("correction_required", "an upheld objection states the corrected application "
                    + "(correction: activity, investment, jobs, knowledgeBased, exportSharePct)");
        }
        return RoundService.check(new RoundService.ApplicationRequest(List.of(1L), c.activity(), c.investment(),
                c.jobs(), c.knowledgeBased(), c.exportSharePct()));
    }

    /**
     * The upheld objection's outcome: the next version of the round's document from the current one with the
     * objector's application corrected, recorded with its winners; answers what the log publishes of it.
     */
    private Map<String, Object> amend(Handle h, CurrentUser officer, long offerId, RoundRepository.LockedObjection o,
            RoundService.NewApplication c, Instant now) {
        var current = repo.result(h, offerId, null).orElseThrow(() -> new Conflict("result_not_published",
                "the result of round " + offerId + " is not published"));
        RoundDocument previous = RoundDocument.parse(current.document());
        List<RoundInputs.Application> applications = new ArrayList<>();
        RoundInputs.Application correction = null;
        for (var a : previous.inputs().applications()) {
            if (a.id() == o.applicationId()) {
                correction = new RoundInputs.Application(a.id(), a.ranking(), c.activity(), c.investment(), c.jobs(),
                        c.knowledgeBased(), c.exportSharePct());
                applications.add(correction);
            } else {
                applications.add(a);
            }
        }
        var in = previous.inputs();
        RoundInputs inputs = new RoundInputs(in.offerId(), in.estate(), in.opensAt(), in.closesAt(), in.maxRanked(),
                in.rules(), in.lottery(), in.plots(), applications);
        RoundResult result = RoundAllocation.allocate(inputs);
        int version = current.version() + 1;
        String document = RoundDocument.amended(new RoundDocument.Amendment(version, o.id(), current.sha256()),
                inputs, result, previous.policies()).canonical();
        Map<Long, Long> before = new HashMap<>();
        previous.result().plots().forEach(p -> before.put(p.plot(), p.winner()));
        Map<Long, Long> changed = new HashMap<>();
        List<Long> parcels = new ArrayList<>();
        List<Long> winners = new ArrayList<>();
        for (var p : result.plots()) {
            if (!Objects.equals(before.get(p.plot()), p.winner())) {
                changed.put(p.plot(), p.winner());
            }
            if (p.winner() != null) {
                parcels.add(p.plot());
                winners.add(p.winner());
            }
        }
        var amendment = repo.insertAmendment(h, offerId, o.id(), version, RoundRepository.write(correction),
                current.sha256(), document, parcels, winners, officer.id(), now);
        repo.amendAwards(h, offerId, parcels, winners);
        awards.amend(h, offerId, amendment.id(), changed, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documentVersion", version);
        details.put("documentSha256", amendment.sha256());
        details.put("previousSha256", current.sha256());
        details.put("plotsChanged", List.copyOf(new TreeSet<>(changed.keySet())));
        return details;
    }

    /** A round's objections: outcomes and answers for everyone, the text for staff of the estate and its author. */
    public String list(Optional<CurrentUser> viewer, long offerId) {
        Visibility who = Visibility.of(viewer);
        return jdbi.withHandle(h -> {
            var state = repo.state(h, offerId).orElseThrow(() -> new NotFound("offer " + offerId));
            if ("DRAFT".equals(state.state()) && !who.seesEstate(state.estateCode())) {
                throw new NotFound("offer " + offerId);
            }
            return "{\"objections\":[" + String.join(",", repo.objectionsJson(h, offerId, null,
                    who.seesEstate(state.estateCode()), who.ownerIdOrNull())) + "]}";
        });
    }

    /** Prose of 1 to {@value #MAX_TEXT} characters under the one text rule ({@link Text}); {@code code} otherwise. */
    private static String text(String value, String code) {
        return Text.required(value, Text.Kind.PARAGRAPH, MAX_TEXT, code, "the text");
    }
}
