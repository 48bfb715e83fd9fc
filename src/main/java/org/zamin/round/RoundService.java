package org.zamin.round;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.zamin.domain.WholeNumber;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;

/**
 * The life of an allocation round: an officer creates an offer (a draft) of their estate's plots and publishes it
 * (the plots become RESERVED for the round and the lottery seed's SHA-256 goes on the decision log); investors apply
 * during the window, editing until it closes; the close reveals the seed, mixes it with the log head, allocates
 * ({@link RoundAllocation}), stores and logs the document, frees the plots nobody won and opens the winners' deposit
 * holds ({@link AwardService}). Every step commits with its decision-log entry.
 */
public final class RoundService {

    /** Plots one offer may hold. */
    public static final int MAX_PLOTS = 5000;
    /** The largest number of plots an application may rank that an offer may allow. */
    public static final int MAX_RANKED = 10;

    /** The largest investment an application states: the largest integer every JSON reader keeps exactly (2^53 − 1). */
    public static final long MAX_INVESTMENT = (1L << 53) - 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(RoundService.class);

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final Clock clock;
    private final AwardService awards;
    private final RoundRepository repo = new RoundRepository();

    public RoundService(Jdbi jdbi, DecisionLog decisions, Clock clock, AwardService awards) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.clock = clock;
        this.awards = awards;
    }

    /** An offer as an officer sends it; numbers may come as text (Persian digits allowed). */
    public record NewOffer(String estate, List<Long> parcelIds, String mode, String opensAt, String closesAt,
            String maxRanked, RoundRules rules) {}

    /** An application as an investor sends it; numbers may come as text (Persian digits allowed). */
    public record ApplicationRequest(List<Long> ranking, String activity, String investment, String jobs,
            Boolean knowledgeBased, String exportSharePct) {}

    /** An application, checked. */
    public record NewApplication(List<Long> ranking, String activity, long investment, int jobs,
            boolean knowledgeBased, int exportSharePct) {}

    /** An application written: its document, and whether it is new (else it replaced the investor's earlier one). */
    public record Applied(String body, boolean created) {}

    /** Creates a DRAFT offer of plots of one estate the user manages. */
    public String create(CurrentUser user, NewOffer request) {
        Checked offer = check(request);
        if (!Visibility.of(user).seesEstate(offer.estate())) {
            throw new Forbidden("you do not manage estate " + offer.estate());
        }
        return Transactions.retrying(jdbi, h -> {
            int estateId = repo.estateId(h, offer.estate())
                    .orElseThrow(() -> new Invalid("unknown_estate", "no estate with code " + offer.estate()));
            checkPlotsOf(h, offer);
            Instant now = clock.instant();
            long id = repo.insertOffer(h, estateId, "ROUND", offer.opensAt(), offer.closesAt(), offer.maxRanked(),
                    offer.rules(), user.id(), now);
            repo.insertOfferParcels(h, id, offer.parcelIds());
            decisions.append(h, decision(user, "offer.created", id, offer.estate(), null, "DRAFT")
                    .withParcels(offer.parcelIds())
                    .withPublicDetails(Map.of("mode", "ROUND", "opensAt", offer.opensAt().toString(),
                            "closesAt", offer.closesAt().toString(), "maxRanked", offer.maxRanked())));
            return offerJson(h, id);
        });
    }

    /** An offer request, checked and completed with the default rules. */
    private record Checked(String estate, List<Long> parcelIds, Instant opensAt, Instant closesAt, int maxRanked,
            RoundRules rules) {}

    private static Checked check(NewOffer r) {
        if (r.estate() == null || r.estate().isBlank()) {
            throw new Invalid("unknown_estate", "estate is required (an estate code)");
        }
        if (r.mode() != null && !"ROUND".equals(r.mode())) {
            throw new Invalid("invalid_mode", "mode must be ROUND (open offers are not taken here yet)");
        }
        if (r.parcelIds() == null || r.parcelIds().isEmpty() || r.parcelIds().stream().anyMatch(id -> id == null || id <= 0)) {
            throw new Invalid("invalid_parcels", "parcelIds must list one or more plot ids");
        }
        List<Long> ids = r.parcelIds().stream().distinct().sorted().toList();
        if (ids.size() > MAX_PLOTS) {
            throw new Invalid("invalid_parcels", "at most " + MAX_PLOTS + " plots in one offer");
        }
        Instant opens = instant("opensAt", r.opensAt());
        Instant closes = instant("closesAt", r.closesAt());
        if (!closes.isAfter(opens)) {
            throw new Invalid("invalid_window", "closesAt must be after opensAt");
        }
        int maxRanked = WholeNumber.parse(r.maxRanked() == null ? "3" : r.maxRanked())
                .filter(n -> n >= 1 && n <= MAX_RANKED).map(Long::intValue)
                .orElseThrow(() -> new Invalid("invalid_max_ranked", "maxRanked must be a whole number from 1 to "
                        + MAX_RANKED));
        RoundRules rules = (r.rules() == null ? new RoundRules(null, null, null, null, null) : r.rules())
                .withDefaults().validate();
        return new Checked(r.estate().strip(), ids, opens, closes, maxRanked, rules);
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new Invalid("invalid_window", field + " is required (an ISO-8601 time, e.g. 2027-01-10T06:30:00Z)");
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw new Invalid("invalid_window", field + " must be an ISO-8601 time with its offset, e.g. "
                    + "2027-01-10T06:30:00Z; got '" + text + "'");
        }
    }

    private void checkPlotsOf(Handle h, Checked offer) {
        var found = repo.plotEstates(h, offer.parcelIds());
        Set<Long> missing = new HashSet<>(offer.parcelIds());
        found.forEach(p -> missing.remove(p.id()));
        if (!missing.isEmpty()) {
            throw new Invalid("unknown_parcel", "no plot with id " + missing.stream().sorted().findFirst().get());
        }
        found.stream().filter(p -> !p.estateCode().equals(offer.estate())).findFirst().ifPresent(p -> {
            throw new Invalid("parcel_not_in_estate", "plot " + p.id() + " is in estate " + p.estateCode() + ", not "
                    + offer.estate());
        });
    }

    /**
     * Publishes a draft before its window opens: its plots, all AVAILABLE, become RESERVED for the round; a secret
     * seed is drawn and its SHA-256 published on the decision log.
     */
    public String publish(CurrentUser user, long id) {
        return Transactions.retrying(jdbi, h -> {
            var offer = lockManaged(h, user, id);
            requireState(offer, "DRAFT", "PUBLISHED");
            Instant now = clock.instant();
            if (!now.isBefore(offer.opensAt())) {
                throw new Conflict("window_already_open", "the window opened at " + offer.opensAt()
                        + "; a round is published (and its seed committed) before its window opens");
            }
            List<Long> plots = repo.parcelIds(h, id);
            Set<Long> reserved = new HashSet<>(
                    ParcelStatusWriter.change(h, plots, ParcelStatus.RESERVED, ParcelStatus.AVAILABLE));
            if (reserved.size() != plots.size()) {
                long taken = plots.stream().filter(p -> !reserved.contains(p)).findFirst().orElseThrow();
                throw new Conflict("parcel_not_available", "plot " + taken + " is no longer AVAILABLE");
            }
            byte[] seed = new byte[32];
            RANDOM.nextBytes(seed);
            String commitment = repo.publish(h, id, now, seed);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("mode", offer.mode());
            details.put("opensAt", offer.opensAt().toString());
            details.put("closesAt", offer.closesAt().toString());
            details.put("maxRanked", offer.maxRanked());
            details.put("rules", offer.rules());
            details.put("seedCommitment", commitment);
            details.put("parcelStatus", "RESERVED");
            decisions.append(h, decision(user, "offer.published", id, offer.estateCode(), "DRAFT", "PUBLISHED")
                    .withParcels(plots).withPublicDetails(details));
            return offerJson(h, id);
        });
    }

    /** An investor applies to a round whose window is open, or replaces their application until it closes. */
    public Applied apply(CurrentUser investor, long offerId, ApplicationRequest request) {
        NewApplication a = check(request);
        try {
            return Transactions.retrying(jdbi, h -> applyIn(h, investor, offerId, a));
        } catch (RuntimeException e) {
            if ("round_application_window".equals(Transactions.constraint(e))) {
                throw new Conflict("window_closed", "the application window of offer " + offerId + " has closed");
            }
            throw e;
        }
    }

    private Applied applyIn(Handle h, CurrentUser investor, long offerId, NewApplication a) {
        var offer = repo.share(h, offerId).filter(o -> !"DRAFT".equals(o.state()))
                .orElseThrow(() -> new NotFound("offer " + offerId));
        Instant now = clock.instant();
        if ("CLOSED".equals(offer.state()) || !now.isBefore(offer.closesAt())) {
            throw new Conflict("window_closed", "the application window of offer " + offerId + " closed at "
                    + offer.closesAt());
        }
        if (now.isBefore(offer.opensAt())) {
            throw new Conflict("window_not_open", "the application window of offer " + offerId + " opens at "
                    + offer.opensAt());
        }
        if (a.ranking().size() > offer.maxRanked()) {
            throw new Invalid("invalid_ranking", "this round takes at most " + offer.maxRanked() + " ranked plots");
        }
        repo.unofferedPlot(h, offerId, a.ranking()).ifPresent(p -> {
            throw new Invalid("invalid_ranking", "plot " + p + " is not offered in this round");
        });
        var written = repo.upsertApplication(h, offerId, investor.id(), a, now);
        Map<String, Object> privateDetails = new LinkedHashMap<>();
        privateDetails.put("ranking", a.ranking());
        privateDetails.put("activity", a.activity());
        privateDetails.put("investment", a.investment());
        privateDetails.put("jobs", a.jobs());
        privateDetails.put("knowledgeBased", a.knowledgeBased());
        privateDetails.put("exportSharePct", a.exportSharePct());
        decisions.append(h, Decision.of(Actor.user(investor.id(), investor.role()),
                        written.created() ? "round_application.submitted" : "round_application.updated",
                        "round_application", String.valueOf(written.id()))
                .withEstate(offer.estateCode())
                .withPublicDetails(Map.of("offerId", offerId))
                .withPrivateDetails(privateDetails));
        return new Applied(repo.applicationsJson(h, offerId, investor.id()).get(0), written.created());
    }

    static NewApplication check(ApplicationRequest r) {
        if (r.ranking() == null || r.ranking().isEmpty() || r.ranking().stream().anyMatch(id -> id == null || id <= 0)) {
            throw new Invalid("invalid_ranking", "ranking must list one or more plot ids, best first");
        }
        if (r.ranking().stream().distinct().count() != r.ranking().size()) {
            throw new Invalid("invalid_ranking", "ranking names a plot more than once");
        }
        if (r.ranking().size() > MAX_RANKED) {
            throw new Invalid("invalid_ranking", "at most " + MAX_RANKED + " ranked plots");
        }
        if (r.activity() == null || !r.activity().strip().matches("[0-9]{4}")) {
            throw new Invalid("invalid_activity", "activity must be a four-digit ISIC Rev. 4 class, e.g. 1079");
        }
        long investment = WholeNumber.parse(r.investment()).filter(n -> n >= 0 && n <= MAX_INVESTMENT)
                .orElseThrow(() -> new Invalid("invalid_investment",
                        "investment must be a whole amount from 0 to 9,007,199,254,740,991"));
        int jobs = WholeNumber.parse(r.jobs()).filter(n -> n >= 0 && n <= 1_000_000).map(Long::intValue)
                .orElseThrow(() -> new Invalid("invalid_jobs", "jobs must be a whole number from 0 to 1,000,000"));
        int exports = WholeNumber.parse(r.exportSharePct() == null ? "0" : r.exportSharePct())
                .filter(n -> n >= 0 && n <= 100).map(Long::intValue)
                .orElseThrow(() -> new Invalid("invalid_export_share",
                        "exportSharePct must be a whole percentage from 0 to 100"));
        return new NewApplication(List.copyOf(r.ranking()), r.activity().strip(), investment, jobs,
                Boolean.TRUE.equals(r.knowledgeBased()), exports);
    }

    /**
     * Closes a round once its window has ended: seals the decision log and takes its head, reveals the seed, allocates,
     * writes the awards and the document, frees the plots nobody won and logs the document's SHA-256.
     */
    public String close(CurrentUser user, long id) {
        return Transactions.retrying(jdbi, h -> {
            var offer = lockManaged(h, user, id);
            requireState(offer, "PUBLISHED", "CLOSED");
            Instant now = clock.instant();
            if (now.isBefore(offer.closesAt())) {
                throw new Conflict("window_not_closed", "the application window closes at " + offer.closesAt());
            }
            closeIn(h, Actor.user(user.id(), user.role()), offer, now);
            return offerJson(h, id);
        });
    }

    /**
     * Closes every published round whose window has ended (as of the clock), as the system, the same way an officer
     * does; run by the background sweep so that a round publishes itself at its published closing time. Answers how
     * many it closed.
     */
    public int closeDue() {
        int closed = 0;
        for (long id : jdbi.withHandle(h -> repo.dueToClose(h, clock.instant()))) {
            boolean done = Transactions.retrying(jdbi, h -> {
                var offer = repo.lock(h, id).orElse(null);
                Instant now = clock.instant();
                if (offer == null || !"PUBLISHED".equals(offer.state()) || now.isBefore(offer.closesAt())) {
                    return false;
                }
                closeIn(h, Actor.SYSTEM, offer, now);
                return true;
            });
            closed += done ? 1 : 0;
        }
        if (closed > 0) {
            log.info("closed and published {} allocation rounds at their closing time", closed);
        }
        return closed;
    }

    /**
     * The close itself, in the caller's transaction with the offer locked: seals the decision log and takes its head,
     * reveals the seed, allocates, writes the awards and the document, frees the plots nobody won, opens the winners'
     * holds and logs the document's SHA-256.
     */
    private void closeIn(Handle h, Actor actor, RoundRepository.Offer offer, Instant now) {
        long id = offer.id();
        DecisionLog.Head head = decisions.sealedHead(h);
        String[] seed = repo.seed(h, id);
        RoundInputs inputs = new RoundInputs(id, offer.estateCode(), offer.opensAt().toString(),
                offer.closesAt().toString(), offer.maxRanked(), offer.rules(),
                new RoundInputs.Lottery(seed[1], seed[0], head.position(), head.hash()),
                repo.inputPlots(h, id), repo.inputApplications(h, id));
        RoundResult result = RoundAllocation.allocate(inputs);
        String document = RoundDocument.of(inputs, result, OfferPolicies.of(h, id)).canonical();
        List<Long> won = new ArrayList<>();
        List<Long> winners = new ArrayList<>();
        List<Long> unwon = new ArrayList<>();
        for (var award : result.plots()) {
            if (award.winner() == null) {
                unwon.add(award.plot());
            } else {
                won.add(award.plot());
                winners.add(award.winner());
            }
        }
        repo.insertAwards(h, id, won, winners);
        String sha = repo.close(h, id, now, head.position(), head.hash(), document);
        ParcelStatusWriter.change(h, unwon, ParcelStatus.AVAILABLE, ParcelStatus.RESERVED);
        int holds = awards.openHolds(h, id, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("documentSha256", sha);
        details.put("seed", seed[0]);
        details.put("seedCommitment", seed[1]);
        details.put("chainHeadPosition", head.position());
        details.put("chainHeadHash", head.hash());
        details.put("applications", inputs.applications().size());
        details.put("plotsWon", won.size());
        details.put("plotsFreed", unwon);
        details.put("awardHoldsOpened", holds);
        decisions.append(h, Decision.of(actor, "offer.closed", "offer", String.valueOf(id))
                .withEstate(offer.estateCode()).withTransition("PUBLISHED", "CLOSED")
                .withParcels(repo.parcelIds(h, id)).withPublicDetails(details));
    }

    /** The offers a viewer may see (drafts only for staff of their estate), newest first. */
    public String list(Visibility who, Optional<String> estate, Optional<String> state, int limit) {
        var rows = jdbi.withHandle(h -> repo.offersJson(h, null, estate.orElse(null), state.orElse(null),
                who.seesAllEstates(), List.copyOf(who.estateCodesOrEmpty()), limit));
        return "{\"offers\":[" + String.join(",", rows) + "]}";
    }

    /** One offer, if the viewer may see it. */
    public String get(Visibility who, long id) {
        return jdbi.withHandle(h -> repo.offersJson(h, id, null, null, who.seesAllEstates(),
                        List.copyOf(who.estateCodesOrEmpty()), 1).stream().findFirst()
                .orElseThrow(() -> new NotFound("offer " + id)));
    }

    /** A round's applications: an investor's own, all of them for staff of its estate. */
    public String applications(CurrentUser user, long offerId) {
        Visibility who = Visibility.of(user);
        return jdbi.withHandle(h -> {
            var state = repo.state(h, offerId).orElseThrow(() -> new NotFound("offer " + offerId));
            if ("DRAFT".equals(state.state()) && !who.seesEstate(state.estateCode())) {
                throw new NotFound("offer " + offerId);
            }
            Long only = who.isOwner(user.id()) ? Long.valueOf(user.id()) : null;
            if (only == null && !who.seesEstate(state.estateCode())) {
                throw new Forbidden("you do not manage estate " + state.estateCode());
            }
            return "{\"applications\":[" + String.join(",", repo.applicationsJson(h, offerId, only)) + "]}";
        });
    }

    /** A closed round's published document with its SHA-256, and the viewer's own application id in it. */
    public RoundRepository.Result result(Optional<CurrentUser> viewer, long offerId) {
        Long investor = viewer.filter(u -> Visibility.of(u).isOwner(u.id())).map(CurrentUser::id).orElse(null);
        return jdbi.withHandle(h -> {
            var state = repo.state(h, offerId).orElseThrow(() -> new NotFound("offer " + offerId));
            if ("DRAFT".equals(state.state()) && !Visibility.of(viewer).seesEstate(state.estateCode())) {
                throw new NotFound("offer " + offerId);
            }
            return repo.result(h, offerId, investor).orElseThrow(() -> new Conflict("result_not_published",
                    "offer " + offerId + " is " + state.state() + "; its result is published when it closes"));
        });
    }

    private RoundRepository.Offer lockManaged(Handle h, CurrentUser user, long id) {
        var offer = repo.lock(h, id).orElseThrow(() -> new NotFound("offer " + id));
        if (!Visibility.of(user).seesEstate(offer.estateCode())) {
            throw new Forbidden("you do not manage estate " + offer.estateCode());
        }
        return offer;
    }

    private static void requireState(RoundRepository.Offer offer, String from, String to) {
        if (!from.equals(offer.state())) {
            throw new Conflict("illegal_transition", "offer " + offer.id() + " is " + offer.state()
                    + " and cannot become " + to);
        }
    }

    private String offerJson(Handle h, long id) {
        return repo.offersJson(h, id, null, null, true, List.of(), 1).get(0);
    }

    private static Decision decision(CurrentUser user, String action, long offerId, String estate, String from,
            String to) {
        return Decision.of(Actor.user(user.id(), user.role()), action, "offer", String.valueOf(offerId))
                .withEstate(estate).withTransition(from, to);
    }
}
