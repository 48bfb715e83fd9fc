package org.zamin.reservation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;

/** The reservation queries; every method runs in the caller's transaction. */
final class ReservationRepository {

    private static final String JSON = SqlResource.load("reservation/json");
    private static final String HOLD_MANY = SqlResource.load("reservation/hold_many");
    private static final String LOCK = SqlResource.load("reservation/lock");
    private static final String LOCK_PARCELS = SqlResource.load("reservation/lock_parcels");
    private static final String OWNER = SqlResource.load("reservation/owner");
    private static final String SET_STATUS = SqlResource.load("reservation/set_status");
    private static final String INSERT_PAYMENT = SqlResource.load("reservation/insert_payment");
    private static final String MARK_REFUND_DUE = SqlResource.load("reservation/mark_refund_due");
    private static final String INSERT_ALLOCATION = SqlResource.load("reservation/insert_allocation");
    private static final String DUE_HOLDS = SqlResource.load("reservation/due_holds");
    private static final String ENDING_HOLDS = SqlResource.load("reservation/ending_holds");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();

    /** One application for a hold, as {@code reservation_hold_many} takes it (R__reservation_hold.sql). */
    record HoldRequest(long investorId, String key, byte[] requestHash, ReservationService.NewReservation application) {}

    /**
     * What {@code reservation_hold_set} answered for one application: the outcome and, by outcome, the reservation
     * document, the requested plots' states, or the investor's open count.
     */
    record HoldAnswer(HoldOutcome outcome, String body, List<PlotState> parcels, Integer open, List<String> missing) {}

    /** Who a reservation belongs to: its investor and its estate's code. */
    record Owner(long investorId, String estateCode) {}

    /** A requested plot as it is now. */
    record PlotState(long id, String plotNumber, String status) {}

    /** A reservation, locked, with what the transitions need. */
    record Locked(long id, long investorId, int estateId, String estateCode, ReservationStatus status,
            Instant holdExpiresAt, long depositAmount, List<Long> parcelIds, List<String> plotNumbers) {}

    /** Checks and, where they pass, takes the holds, one after another in list order, in one call. */
    List<HoldAnswer> holdMany(Handle h, List<HoldRequest> requests, int cap, int depositPerMille, Instant now,
            Instant expires, java.time.Duration cooldown) {
        String json = h.createQuery(HOLD_MANY)
                .bind("requests", write(requests.stream().map(ReservationRepository::holdArguments).toList()))
                .bind("cap", cap).bind("perMille", depositPerMille).bind("now", utc(now)).bind("expires", utc(expires))
                .bind("cooldownSeconds", (double) cooldown.toSeconds())
                .mapTo(String.class).one();
        return List.of(read(json, HoldAnswer[].class));
    }

    private static Map<String, Object> holdArguments(HoldRequest r) {
        var a = r.application();
        Map<String, Object> args = new HashMap<>();
        args.put("investor", r.investorId());
        args.put("key", r.key());
        args.put("requestHash", HexFormat.of().formatHex(r.requestHash()));
        args.put("parcels", a.parcelIds());
        args.put("activity", a.activity());
        args.put("investment", a.investment());
        args.put("jobs", a.jobs());
        args.put("knowledgeBased", a.knowledgeBased());
        return args;
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected answer from the database: " + json, e);
        }
    }


    Optional<Locked> lock(Handle h, long id) {
        Optional<Locked> row = h.createQuery(LOCK)
                .bind("id", id)
                .map((rs, ctx) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        ReservationStatus.valueOf(rs.getString(5)), rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getLong(7), List.of(), List.of()))
                .findOne();
        return row.map(r -> {
            var parcels = h.createQuery(LOCK_PARCELS)
                    .bind("id", id).map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
            return new Locked(r.id(), r.investorId(), r.estateId(), r.estateCode(), r.status(), r.holdExpiresAt(),
                    r.depositAmount(), parcels.stream().map(p -> (Long) p[0]).toList(),
                    parcels.stream().map(p -> (String) p[1]).toList());
        });
    }

    /** Whose a reservation is: its investor and its estate, if it exists. */
    Optional<Owner> owner(Handle h, long id) {
        return h.createQuery(OWNER).bind("id", id)
                .map((rs, ctx) -> new Owner(rs.getLong(1), rs.getString(2))).findOne();
    }

    void setStatus(Handle h, long id, ReservationStatus to, Instant now, Long decidedBy, String reason) {
        h.createUpdate(SET_STATUS)
                .bind("id", id).bind("to", to.name()).bind("now", utc(now)).bind("decidedBy", decidedBy)
                .bind("reason", reason).execute();
    }

    void insertPayment(Handle h, long reservationId, PaymentGateway.Receipt receipt) {
        h.createUpdate(INSERT_PAYMENT)
                .bind("id", reservationId).bind("gateway", receipt.gateway()).bind("amount", receipt.amount())
                .bind("sandbox", receipt.sandbox()).bind("receipt", receipt.reference())
                .bind("paidAt", utc(receipt.paidAt())).execute();
    }

    /** Marks a paid deposit for refund; false when nothing was paid. */
    boolean markRefundDue(Handle h, long reservationId) {
        return h.createUpdate(MARK_REFUND_DUE).bind("id", reservationId).execute() > 0;
    }

    long insertAllocation(Handle h, Locked r, Instant now) {
        return h.createQuery(INSERT_ALLOCATION)
                .bind("reservation", r.id()).bind("investor", r.investorId()).bind("estate", r.estateId())
                .bind("now", utc(now)).bindArray("parcels", Long.class, r.parcelIds())
                .mapTo(Long.class).one();
    }

    List<Long> dueHolds(Handle h, Instant now, int limit) {
        return h.createQuery(DUE_HOLDS).bind("now", utc(now)).bind("limit", limit).mapTo(Long.class).list();
    }

    /** A hold that ends soon and whose holder was not reminded yet. */
    record EndingHold(long id, long investorId, Instant endsAt) {}

    /** Holds ending after {@code now} and by {@code by} whose holder was not reminded of it yet. */
    List<EndingHold> endingHolds(Handle h, Instant now, Instant by, int limit) {
        return h.createQuery(ENDING_HOLDS).bind("now", utc(now)).bind("by", utc(by)).bind("limit", limit)
                .map((rs, ctx) -> new EndingHold(rs.getLong("id"), rs.getLong("investor_id"),
                        rs.getObject("hold_expires_at", OffsetDateTime.class).toInstant())).list();
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
