package org.zamin.round;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;

/** The queries of offers and rounds ({@code sql/round/*.sql}); every method runs in the caller's transaction. */
final class RoundRepository {

    private static final String ESTATE = SqlResource.load("round/estate");
    private static final String PARCEL_ESTATES = SqlResource.load("round/parcel_estates");
    private static final String INSERT_OFFER = SqlResource.load("round/insert_offer");
    private static final String INSERT_OFFER_PARCELS = SqlResource.load("round/insert_offer_parcels");
    private static final String LOCK_OFFER = SqlResource.load("round/lock_offer");
    private static final String OFFER_PARCEL_IDS = SqlResource.load("round/offer_parcel_ids");
    private static final String PUBLISH = SqlResource.load("round/publish");
    private static final String APPLY_MANY = SqlResource.load("round/apply_many");
    private static final String APPLICATIONS_JSON = SqlResource.load("round/applications_json");
    private static final String INPUT_PLOTS = SqlResource.load("round/input_plots");
    private static final String INPUT_APPLICATIONS = SqlResource.load("round/input_applications");
    private static final String SEED = SqlResource.load("round/seed");
    private static final String INSERT_AWARDS = SqlResource.load("round/insert_awards");
    private static final String CLOSE = SqlResource.load("round/close");
    private static final String OFFERS_JSON = SqlResource.load("round/offers_json");
    private static final String RESULT = SqlResource.load("round/result");
    private static final String OFFER_STATE = SqlResource.load("round/offer_state");
    private static final String OBJECTION_TARGET = SqlResource.load("round/objection_target");
    private static final String INSERT_OBJECTION = SqlResource.load("round/insert_objection");
    private static final String LOCK_OBJECTION = SqlResource.load("round/lock_objection");
    private static final String ANSWER_OBJECTION = SqlResource.load("round/answer_objection");
    private static final String OBJECTIONS_JSON = SqlResource.load("round/objections_json");
    private static final String DUE_TO_CLOSE = SqlResource.load("round/due_to_close");
    private static final String INSERT_AMENDMENT = SqlResource.load("round/insert_amendment");
    private static final String AMEND_AWARDS = SqlResource.load("round/amend_awards");
    private static final String AMEND_AWARDS_ADD = SqlResource.load("round/amend_awards_add");
    static final ObjectMapper JSON = new ObjectMapper();

    /** An offer as its life cycle needs it, read under a lock. */
    record Offer(long id, String estateCode, String mode, String state, Instant opensAt, Instant closesAt,
            int maxRanked, RoundRules rules) {}

    /** A plot of an offer request and its estate. */
    record PlotEstate(long id, String estateCode) {}

    /** An application as the batched write takes it: whose, to which offer, and what it states (checked). */
    record ApplyRequest(long investor, long offer, List<Long> ranking, String activity, long investment, int jobs,
            boolean knowledgeBased, int exportSharePct) {}

    /**
     * What became of one application of a batch: {@code written} (its {@code id}, whether it was {@code created},
     * its document as {@code body}) or a refusal, with the offer's value it broke ({@code closesAt}, {@code opensAt},
     * {@code maxRanked}, or the unoffered {@code plot}).
     */
    record ApplyAnswer(String outcome, Long id, Boolean created, String body, String closesAt, String opensAt,
            Integer maxRanked, Long plot) {}

    /**
     * A closed round's current document (its latest version), its hash and version, and the asking investor's
     * application in it (if any).
     */
    record Result(String document, String sha256, Long yourApplication, int version) {}

    /** What an objection needs of its round; {@code application} is the asking investor's (null: none). */
    record ObjectionTarget(String state, Instant closedAt, int objectionDays, String estateCode, Long application) {}

    /** An objection, locked; {@code outcome} null until answered. */
    record LockedObjection(long id, long applicationId, String outcome) {}

    /** An amendment written: its id and its document's SHA-256 as the database computed it. */
    record Amendment(long id, String sha256) {}

    /** An offer's state and estate. */
    record State(String state, String estateCode) {}

    Optional<Integer> estateId(Handle h, String code) {
        return h.createQuery(ESTATE).bind("code", code).mapTo(Integer.class).findOne();
    }

    List<PlotEstate> plotEstates(Handle h, List<Long> ids) {
        return h.createQuery(PARCEL_ESTATES).bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> new PlotEstate(rs.getLong(1), rs.getString(2))).list();
    }

    long insertOffer(Handle h, int estateId, String mode, Instant opensAt, Instant closesAt, int maxRanked,
            RoundRules rules, long createdBy, Instant now) {
        return h.createQuery(INSERT_OFFER)
                .bind("estate", estateId).bind("mode", mode).bind("opensAt", utc(opensAt))
                .bind("closesAt", utc(closesAt)).bind("maxRanked", maxRanked).bind("rules", write(rules))
                .bind("createdBy", createdBy).bind("now", utc(now))
                .mapTo(Long.class).one();
    }

    void insertOfferParcels(Handle h, long offerId, List<Long> ids) {
        h.createUpdate(INSERT_OFFER_PARCELS).bind("offer", offerId).bindArray("ids", Long.class, ids).execute();
    }

    /** The offer, locked for update (publish, close). */
    Optional<Offer> lock(Handle h, long id) {
        return readOffer(h, LOCK_OFFER, id);
    }

    private Optional<Offer> readOffer(Handle h, String sql, long id) {
        return h.createQuery(sql).bind("id", id)
                .map((rs, ctx) -> new Offer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getInt(7),
                        read(rs.getString(8), RoundRules.class)))
                .findOne();
    }

    List<Long> parcelIds(Handle h, long offerId) {
        return h.createQuery(OFFER_PARCEL_IDS).bind("offer", offerId).mapTo(Long.class).list();
    }

    /** Published rounds whose window has ended by {@code now}, oldest closing time first. */
    List<Long> dueToClose(Handle h, Instant now) {
        return h.createQuery(DUE_TO_CLOSE).bind("now", utc(now)).mapTo(Long.class).list();
    }

    /** Publishes a draft with its seed; answers the seed's commitment (hex). */
    String publish(Handle h, long id, Instant now, byte[] seed) {
        return h.createQuery(PUBLISH).bind("id", id).bind("now", utc(now)).bind("seed", seed)
                .mapTo(String.class).one();
    }

    /**
     * Writes applications that arrived together (round_apply_many, R__round_application.sql): answers one outcome per
     * request, in order.
     */
    List<ApplyAnswer> applyMany(Handle h, List<ApplyRequest> requests, Instant now) {
        String json = h.createQuery(APPLY_MANY).bind("requests", write(requests)).bind("now", utc(now))
                .mapTo(String.class).one();
        return List.of(read(json, ApplyAnswer[].class));
    }

    /** Applications of an offer as JSON objects; {@code investor} narrows to one investor's (null: all). */
    List<String> applicationsJson(Handle h, long offerId, Long investor) {
        return h.createQuery(APPLICATIONS_JSON).bind("offer", offerId).bind("investor", investor)
                .mapTo(String.class).list();
    }

    List<RoundInputs.Plot> inputPlots(Handle h, long offerId) {
        return h.createQuery(INPUT_PLOTS).bind("offer", offerId)
                .map((rs, ctx) -> new RoundInputs.Plot(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .list();
    }

    List<RoundInputs.Application> inputApplications(Handle h, long offerId) {
        return h.createQuery(INPUT_APPLICATIONS).bind("offer", offerId)
                .map((rs, ctx) -> new RoundInputs.Application(rs.getLong(1), ids(rs.getString(2)), rs.getString(3),
                        rs.getLong(4), rs.getInt(5), rs.getBoolean(6), rs.getInt(7)))
                .list();
    }

    /**
     * A bigint[] of ids in PostgreSQL's text output ({@code {12,7,30}}), read here rather than by the driver's general
     * array decoding, which made a boxed array and a list of it for each of a large round's applications.
     */
    static List<Long> ids(String array) {
        if (array.length() < 3 || array.charAt(0) != '{' || array.charAt(array.length() - 1) != '}') {
            throw new IllegalStateException("not a non-empty array of ids: " + array);
        }
        List<Long> ids = new ArrayList<>(4);
        int from = 1;
        for (int i = 1; i < array.length(); i++) {
            char c = array.charAt(i);
            if (c == ',' || c == '}') {
                ids.add(Long.parseLong(array, from, i, 10));
                from = i + 1;
            }
        }
        return Collections.unmodifiableList(ids);
    }

    /** The secret seed and its commitment (hex), for the close. */
    String[] seed(Handle h, long offerId) {
        return h.createQuery(SEED).bind("id", offerId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).one();
    }

    void insertAwards(Handle h, long offerId, List<Long> parcels, List<Long> applications) {
        h.createUpdate(INSERT_AWARDS).bind("offer", offerId).bindArray("parcels", Long.class, parcels)
                .bindArray("applications", Long.class, applications).execute();
    }

    /** Closes a published round with its document; answers the document's SHA-256 as the database stored it. */
    String close(Handle h, long offerId, Instant now, long headPos, String headHash, RoundDocument.Canonical document) {
        return h.createQuery(CLOSE).bind("id", offerId).bind("now", utc(now)).bind("headPos", headPos)
                .bind("headHash", headHash).bind("document", document.utf8()).bind("sha256", document.sha256())
                .mapTo(String.class).one();
    }

    /** Offers as JSON objects, newest first. */
    List<String> offersJson(Handle h, Long id, String estate, String state, boolean allEstates, List<String> estates,
            int limit) {
        return h.createQuery(OFFERS_JSON).bind("id", id).bind("estate", estate).bind("state", state)
                .bind("allEstates", allEstates).bindArray("estates", String.class, estates).bind("limit", limit)
                .mapTo(String.class).list();
    }

    Optional<Result> result(Handle h, long offerId, Long investor) {
        return h.createQuery(RESULT).bind("id", offerId).bind("investor", investor)
                .map((rs, ctx) -> new Result(rs.getString(1), rs.getString(2), (Long) rs.getObject(3), rs.getInt(4)))
                .findOne();
    }

    Optional<State> state(Handle h, long offerId) {
        return h.createQuery(OFFER_STATE).bind("id", offerId)
                .map((rs, ctx) -> new State(rs.getString(1), rs.getString(2))).findOne();
    }

    Optional<ObjectionTarget> objectionTarget(Handle h, long offerId, long investor) {
        return h.createQuery(OBJECTION_TARGET).bind("id", offerId).bind("investor", investor)
                .map((rs, ctx) -> new ObjectionTarget(rs.getString(1),
                        rs.getObject(2) == null ? null : rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getInt(3), rs.getString(4), (Long) rs.getObject(5)))
                .findOne();
    }

    long insertObjection(Handle h, long offerId, long applicationId, String text, Instant now) {
        return h.createQuery(INSERT_OBJECTION).bind("offer", offerId).bind("application", applicationId)
                .bind("text", text).bind("now", utc(now)).mapTo(Long.class).one();
    }

    Optional<LockedObjection> lockObjection(Handle h, long offerId, long id) {
        return h.createQuery(LOCK_OBJECTION).bind("offer", offerId).bind("id", id)
                .map((rs, ctx) -> new LockedObjection(rs.getLong(1), rs.getLong(2), rs.getString(3))).findOne();
    }

    void answerObjection(Handle h, long id, String outcome, String answer, long by, Instant now) {
        h.createUpdate(ANSWER_OBJECTION).bind("id", id).bind("outcome", outcome).bind("answer", answer)
                .bind("by", by).bind("now", utc(now)).execute();
    }

    /** An offer's objections as JSON objects; their text only with {@code withText} or to their investor. */
    List<String> objectionsJson(Handle h, long offerId, Long id, boolean withText, Long investor) {
        return h.createQuery(OBJECTIONS_JSON).bind("offer", offerId).bind("id", id).bind("withText", withText)
                .bind("investor", investor).mapTo(String.class).list();
    }

    Amendment insertAmendment(Handle h, long offerId, long objectionId, int version, String correction,
            String previousSha256, String document, List<Long> parcels, List<Long> winners, long by, Instant now) {
        return h.createQuery(INSERT_AMENDMENT).bind("offer", offerId).bind("objection", objectionId)
                .bind("version", version).bind("correction", correction).bind("previousSha256", previousSha256)
                .bind("document", document).bindArray("parcels", Long.class, parcels)
                .bindArray("winners", Long.class, winners).bind("by", by).bind("now", utc(now))
                .map((rs, ctx) -> new Amendment(rs.getLong(1), rs.getString(2))).one();
    }

    /** Makes the offer's awards those of an amendment: the ones it no longer states go, then the new ones come. */
    void amendAwards(Handle h, long offerId, List<Long> parcels, List<Long> winners) {
        h.createQuery(AMEND_AWARDS).bind("offer", offerId).bindArray("parcels", Long.class, parcels)
                .bindArray("winners", Long.class, winners).mapTo(Long.class).one();
        h.createUpdate(AMEND_AWARDS_ADD).bind("offer", offerId).bindArray("parcels", Long.class, parcels)
                .bindArray("winners", Long.class, winners).execute();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected JSON from the database: " + json, e);
        }
    }
}
