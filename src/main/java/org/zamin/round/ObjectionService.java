package org.zamin.round;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * a reason; both go on the decision log, the answer and outcome publicly. The published document never changes.
 */
public final class ObjectionService {

    /** The outcomes an officer may record. */
    public static final Set<String> OUTCOMES = Set.of("UPHELD", "DISMISSED");
    private static final int MAX_TEXT = Text.NOTE_MAX;

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final Clock clock;
    private final RoundRepository repo = new RoundRepository();

    public ObjectionService(Jdbi jdbi, DecisionLog decisions, Clock clock) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** An objection as the applicant sends it. */
    public record NewObjection(String text) {}

    /** An officer's answer. */
    public record Answer(String outcome, String answer) {}

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

    /** An officer of the estate answers an objection once, on the record. */
    public String answer(CurrentUser officer, long offerId, long objectionId, Answer request) {
        String outcome = request == null || request.outcome() == null ? "" : request.outcome().strip();
        if (!OUTCOMES.contains(outcome)) {
            throw new Invalid("invalid_outcome", "outcome must be UPHELD or DISMISSED");
        }
        String answer = text(request.answer(), "answer_required");
        return Transactions.retrying(jdbi, h -> {
            var state = repo.state(h, offerId).orElseThrow(() -> new NotFound("offer " + offerId));
            if (!Visibility.of(officer).seesEstate(state.estateCode())) {
                throw new Forbidden("you do not manage estate " + state.estateCode());
            }
            var objection = repo.lockObjection(h, offerId, objectionId)
                    .orElseThrow(() -> new NotFound("objection " + objectionId));
            if (objection.outcome() != null) {
                throw new Conflict("illegal_transition", "objection " + objectionId + " was already answered: "
                        + objection.outcome());
            }
            repo.answerObjection(h, objectionId, outcome, answer, officer.id(), clock.instant());
            decisions.append(h, Decision.of(Actor.user(officer.id(), officer.role()), "round_objection.answered",
                            "round_objection", String.valueOf(objectionId))
                    .withEstate(state.estateCode()).withTransition("FILED", outcome).withReason(answer)
                    .withPublicDetails(Map.of("offerId", offerId, "applicationId", objection.applicationId(),
                            "outcome", outcome)));
            return repo.objectionsJson(h, offerId, objectionId, true, null).get(0);
        });
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
