package org.zamin.reservation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;

/** The reservation queries; every method runs in the caller's transaction. */
final class ReservationRepository {

    private static final String JSON = SqlResource.load("reservation/json");
    private static final String CLAIM_PARCELS = SqlResource.load("reservation/claim_parcels");
    private static final String PARCEL_STATES = SqlResource.load("reservation/parcel_states");
    private static final String CONNECTED = SqlResource.load("reservation/connected");
    private static final String INSERT = SqlResource.load("reservation/insert");

    /** A requested plot, locked. */
    record LockedParcel(long id, String plotNumber, String status, int estateId, String estateCode, long price) {}

    /** A reservation, locked, with what the transitions need. */
    record Locked(long id, long investorId, int estateId, String estateCode, ReservationStatus status,
            Instant holdExpiresAt, long depositAmount, List<Long> parcelIds, List<String> plotNumbers) {}

    /** A stored idempotent answer. */
    record StoredAnswer(byte[] requestHash, int status, String body) {}

    /**
     * Locks the investor's row until commit, so one investor's requests are counted against the cap one at a time,
     * and returns how many open (HELD or SUBMITTED) reservations they have.
     */
    int lockInvestorCountingOpen(Handle h, long investorId) {
        return h.createQuery("SELECT (SELECT count(*) FROM reservation r WHERE r.investor_id = u.id "
                        + "AND r.status IN ('HELD', 'SUBMITTED')) FROM users u WHERE u.id = :id FOR NO KEY UPDATE OF u")
                .bind("id", investorId).mapTo(Integer.class).one();
    }

    /** Sets the requested plots that are still AVAILABLE to RESERVED and returns them (see claim_parcels.sql). */
    List<LockedParcel> claimParcels(Handle h, List<Long> ids) {
        return parcels(h, CLAIM_PARCELS, ids);
    }

    /** The requested plots as they are now, without locking them. */
    List<LockedParcel> parcelStates(Handle h, List<Long> ids) {
        return parcels(h, PARCEL_STATES, ids);
    }

    private static List<LockedParcel> parcels(Handle h, String sql, List<Long> ids) {
        return h.createQuery(sql).bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> new LockedParcel(rs.getLong("id"), rs.getString("plot_number"), rs.getString("status"),
                        rs.getInt("estate_id"), rs.getString("estate_code"), rs.getLong("price")))
                .list();
    }

    boolean connected(Handle h, List<Long> ids) {
        return h.createQuery(CONNECTED).bindArray("ids", Long.class, ids).mapTo(Integer.class).one() == ids.size();
    }

    long insert(Handle h, long investorId, int estateId, ReservationService.NewReservation r, long deposit, Instant now,
            Instant expires) {
        long id = h.createQuery(INSERT)
                .bind("investor", investorId).bind("estate", estateId).bind("activity", r.activity())
                .bind("investment", r.investment()).bind("jobs", r.jobs())
                .bind("knowledgeBased", r.knowledgeBased()).bind("deposit", deposit)
                .bind("now", utc(now)).bind("expires", utc(expires))
                .bindArray("parcels", Long.class, r.parcelIds())
                .mapTo(Long.class).one();
        return id;
    }

    /** Sets the plots' public status; {@code from} guards against changing a plot that is not in the expected state. */
    int setParcelStatus(Handle h, List<Long> ids, String from, String to) {
        return h.createUpdate("UPDATE parcel SET status = :to, updated_at = now() "
                        + "WHERE id = ANY(CAST(:ids AS bigint[])) AND status = :from")
                .bindArray("ids", Long.class, ids).bind("from", from).bind("to", to).execute();
    }

    Optional<Locked> lock(Handle h, long id) {
        Optional<Locked> row = h.createQuery("""
                SELECT r.id, r.investor_id, r.estate_id, e.code, r.status, r.hold_expires_at, r.deposit_amount
                  FROM reservation r JOIN estate e ON e.id = r.estate_id
                 WHERE r.id = :id
                   FOR UPDATE OF r""")
                .bind("id", id)
                .map((rs, ctx) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        ReservationStatus.valueOf(rs.getString(5)), rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getLong(7), List.of(), List.of()))
                .findOne();
        return row.map(r -> {
            var parcels = h.createQuery("""
                    SELECT p.id, p.plot_number FROM reservation_parcel rp JOIN parcel p ON p.id = rp.parcel_id
                     WHERE rp.reservation_id = :id ORDER BY p.id FOR UPDATE OF p""")
                    .bind("id", id).map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
            return new Locked(r.id(), r.investorId(), r.estateId(), r.estateCode(), r.status(), r.holdExpiresAt(),
                    r.depositAmount(), parcels.stream().map(p -> (Long) p[0]).toList(),
                    parcels.stream().map(p -> (String) p[1]).toList());
        });
    }

    void setStatus(Handle h, long id, ReservationStatus to, Instant now, Long decidedBy, String reason) {
        h.createUpdate("""
                UPDATE reservation
                   SET status = :to,
                       submitted_at = CASE WHEN :to = 'SUBMITTED' THEN :now ELSE submitted_at END,
                       closed_at = CASE WHEN :to <> 'SUBMITTED' THEN :now ELSE closed_at END,
                       decided_by = coalesce(:decidedBy, decided_by),
                       reason = coalesce(:reason, reason)
                 WHERE id = :id""")
                .bind("id", id).bind("to", to.name()).bind("now", utc(now)).bind("decidedBy", decidedBy)
                .bind("reason", reason).execute();
    }

    void insertPayment(Handle h, long reservationId, PaymentGateway.Receipt receipt) {
        h.createUpdate("""
                INSERT INTO payment (reservation_id, gateway, amount, sandbox, receipt, paid_at)
                VALUES (:id, :gateway, :amount, :sandbox, :receipt, :paidAt)""")
                .bind("id", reservationId).bind("gateway", receipt.gateway()).bind("amount", receipt.amount())
                .bind("sandbox", receipt.sandbox()).bind("receipt", receipt.reference())
                .bind("paidAt", utc(receipt.paidAt())).execute();
    }

    /** Marks a paid deposit for refund; false when nothing was paid. */
    boolean markRefundDue(Handle h, long reservationId) {
        return h.createUpdate("UPDATE payment SET refund_status = 'DUE' WHERE reservation_id = :id AND refund_status = 'NONE'")
                .bind("id", reservationId).execute() > 0;
    }

    long insertAllocation(Handle h, Locked r, Instant now) {
        long id = h.createQuery("""
                INSERT INTO allocation (reservation_id, investor_id, estate_id, status, created_at)
                VALUES (:reservation, :investor, :estate, 'ACTIVE', :now) RETURNING id""")
                .bind("reservation", r.id()).bind("investor", r.investorId()).bind("estate", r.estateId())
                .bind("now", utc(now)).mapTo(Long.class).one();
        h.createUpdate("INSERT INTO allocation_parcel (allocation_id, parcel_id) SELECT :id, unnest(CAST(:parcels AS bigint[]))")
                .bind("id", id).bindArray("parcels", Long.class, r.parcelIds()).execute();
        return id;
    }

    Optional<StoredAnswer> findAnswer(Handle h, long userId, String key) {
        return h.createQuery("SELECT request_hash, response_status, response_body FROM idempotency_key "
                        + "WHERE user_id = :user AND key = :key")
                .bind("user", userId).bind("key", key)
                .map((rs, ctx) -> new StoredAnswer(rs.getBytes(1), rs.getInt(2), rs.getString(3)))
                .findOne();
    }

    void storeAnswer(Handle h, long userId, String key, byte[] requestHash, int status, String body, Instant now) {
        h.createUpdate("""
                INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at)
                VALUES (:user, :key, :hash, :status, :body, :now)""")
                .bind("user", userId).bind("key", key).bind("hash", requestHash).bind("status", status)
                .bind("body", body).bind("now", utc(now)).execute();
    }

    List<Long> dueHolds(Handle h, Instant now, int limit) {
        return h.createQuery("SELECT id FROM reservation WHERE status = 'HELD' AND hold_expires_at <= :now "
                        + "ORDER BY hold_expires_at LIMIT :limit")
                .bind("now", utc(now)).bind("limit", limit).mapTo(Long.class).list();
    }

    /** Reservations as JSON objects; {@code investor} and {@code estates} narrow (null: no narrowing). */
    List<String> json(Handle h, Long id, Long investor, List<String> estates, List<String> statuses, int limit) {
        return h.createQuery(JSON)
                .bind("id", id).bind("investor", investor)
                .bind("scoped", estates != null)
                .bindArray("estates", String.class, estates == null ? List.of() : estates)
                .bindArray("statuses", String.class, statuses)
                .bind("limit", limit)
                .mapTo(String.class).list();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static List<Long> sortedDistinct(List<Long> ids) {
        return Arrays.stream(ids.stream().mapToLong(Long::longValue).distinct().sorted().toArray()).boxed().toList();
    }
}
