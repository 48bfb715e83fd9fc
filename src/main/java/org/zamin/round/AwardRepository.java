package org.zamin.round;

import static org.zamin.round.RoundRepository.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;
import org.zamin.reservation.PaymentGateway;

/** The queries of award holds ({@code sql/round/award_*.sql}); every method runs in the caller's transaction. */
final class AwardRepository {

    private static final String OPEN = SqlResource.load("round/award_open");
    private static final String PASS = SqlResource.load("round/award_pass");
    private static final String LOCK = SqlResource.load("round/award_lock");
    private static final String PAY = SqlResource.load("round/award_pay");
    private static final String LAPSE = SqlResource.load("round/award_lapse");
    private static final String DUE = SqlResource.load("round/award_due");
    private static final String LINE = SqlResource.load("round/award_line");
    private static final String JSON = SqlResource.load("round/award_json");
    private static final String LIVE = SqlResource.load("round/amend_live_holds");
    private static final String REVOKE = SqlResource.load("round/amend_revoke");
    private static final String OPEN_ONE = SqlResource.load("round/amend_open");
    private static final String ALLOCATE = SqlResource.load("round/award_allocate");
    private static final String ALLOCATABLE = SqlResource.load("round/award_allocatable");

    /** A hold, locked, with what its payment, lapse and notices need. */
    record Hold(long id, long offerId, long parcelId, long applicationId, String state, Instant payBy,
            long depositAmount, long investorId, String estateCode, String plotNumber, Instant objectionsEnd) {}

    /** The allocation a paid hold became, and the category policy its price and plan follow. */
    record Allocated(long allocationId, String policy) {}

    /** What passing a plot on needs of its round. */
    record Line(String document, String documentSha256, int paymentDays, List<Long> heldBy) {}

    /** A live (DUE or PAID) hold, as an amendment sees it. */
    record Live(long id, long parcelId, long applicationId, String state) {}

    /** Opens the published winners' holds of a round being closed; answers their ids. */
    List<Long> open(Handle h, long offerId, int depositPerMille, Instant now) {
        return h.createQuery(OPEN).bind("offer", offerId).bind("perMille", depositPerMille).bind("now", utc(now))
                .mapTo(Long.class).list();
    }

    long pass(Handle h, long from, long application, int depositPerMille, Instant now, Instant payBy) {
        return h.createQuery(PASS).bind("from", from).bind("application", application)
                .bind("perMille", depositPerMille).bind("now", utc(now)).bind("payBy", utc(payBy))
                .mapTo(Long.class).one();
    }

    /**
     * Allocates a PAID hold's plot to its winner (the shared {@code allocation_open}); answers the allocation and the
     * category policy its contract follows.
     */
    Allocated allocate(Handle h, long holdId, Instant now) {
        return h.createQuery(ALLOCATE).bind("hold", holdId).bind("now", utc(now))
                .map((rs, ctx) -> new Allocated(rs.getLong(1), rs.getString(2))).one();
    }

    /** PAID holds without an allocation whose objection window has ended by {@code now} (only {@code hold}, if given). */
    List<Long> allocatable(Handle h, Long hold, Instant now, int limit) {
        return h.createQuery(ALLOCATABLE).bind("hold", hold).bind("now", utc(now)).bind("limit", limit)
                .mapTo(Long.class).list();
    }

    Optional<Hold> lock(Handle h, long id) {
        return lock(h, id, null, null);
    }

    /** The investor's hold in an offer, locked (the latest, should there be more). */
    Optional<Hold> lockOf(Handle h, long offerId, long investorId) {
        return lock(h, null, offerId, investorId);
    }

    private Optional<Hold> lock(Handle h, Long id, Long offerId, Long investorId) {
        return h.createQuery(LOCK).bind("id", id).bind("offer", offerId).bind("investor", investorId)
                .map((rs, ctx) -> new Hold(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getLong(7),
                        rs.getLong(8), rs.getString(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class).toInstant()))
                .findOne();
    }

    void pay(Handle h, long id, PaymentGateway.Receipt receipt) {
        h.createUpdate(PAY).bind("id", id).bind("gateway", receipt.gateway()).bind("receipt", receipt.reference())
                .bind("sandbox", receipt.sandbox()).bind("paidAt", utc(receipt.paidAt())).execute();
    }

    void lapse(Handle h, long id, Instant now) {
        h.createUpdate(LAPSE).bind("id", id).bind("now", utc(now)).execute();
    }

    List<Long> due(Handle h, Instant now, int limit) {
        return h.createQuery(DUE).bind("now", utc(now)).bind("limit", limit).mapTo(Long.class).list();
    }

    Line line(Handle h, long offerId) {
        return h.createQuery(LINE).bind("offer", offerId)
                .map((rs, ctx) -> new Line(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Arrays.asList((Long[]) rs.getArray(4).getArray())))
                .one();
    }

    List<String> json(Handle h, Long id, Long offerId) {
        return h.createQuery(JSON).bind("id", id).bind("offer", offerId).mapTo(String.class).list();
    }

    /** The live holds of an offer, locked. */
    List<Live> live(Handle h, long offerId) {
        return h.createQuery(LIVE).bind("offer", offerId)
                .map((rs, ctx) -> new Live(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))).list();
    }

    void revoke(Handle h, long id, long amendmentId, Instant now) {
        h.createUpdate(REVOKE).bind("id", id).bind("amendment", amendmentId).bind("now", utc(now)).execute();
    }

    /** Opens a DUE hold for a winner an amendment added; answers its id. */
    long openOne(Handle h, long offerId, long parcelId, long applicationId, int depositPerMille, Instant now) {
        return h.createQuery(OPEN_ONE).bind("offer", offerId).bind("parcel", parcelId)
                .bind("application", applicationId).bind("perMille", depositPerMille).bind("now", utc(now))
                .mapTo(Long.class).one();
    }
}
