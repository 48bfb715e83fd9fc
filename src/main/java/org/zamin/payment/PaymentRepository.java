package org.zamin.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;
import org.zamin.db.SqlResource;

/**
 * The SQL of payments: sessions, instalment rows and their payments, idle charges' payments, receipts, the overdue
 * list, reminders.
 */
final class PaymentRepository {

    private static final String INSERT_SESSION = SqlResource.load("payment/insert_session");
    private static final String LOCK_SESSION = SqlResource.load("payment/lock_session");
    private static final String SETTLE_SESSION = SqlResource.load("payment/settle_session");
    private static final String UPSERT_INSTALMENT = SqlResource.load("payment/upsert_instalment");
    private static final String INSTALMENTS = SqlResource.load("payment/instalments");
    private static final String INSERT_INSTALMENT_PAYMENT = SqlResource.load("payment/insert_instalment_payment");
    private static final String CHARGE = SqlResource.load("payment/charge");
    private static final String INSERT_CHARGE_PAYMENT = SqlResource.load("payment/insert_charge_payment");
    private static final String RECEIPT = SqlResource.load("payment/receipt");
    private static final String UNTRACKED = SqlResource.load("payment/untracked_allocations");
    private static final String REMINDERS_DUE = SqlResource.load("payment/reminders_due");
    private static final String OVERDUE = SqlResource.load("payment/overdue");

    private PaymentRepository() {}

    /** A session as locked for settling: for a deposit, an instalment ({@code number}) or an idle charge. */
    record Locked(long id, String token, long payerId, Long reservationId, Long allocationId, Integer number,
            Long chargeId, long amount, String state) {}

    static long insertSession(Handle h, String token, String gateway, long payer, Long reservation, Long allocation,
            Integer number, Long charge, long amount, Instant at) {
        return h.createQuery(INSERT_SESSION).bind("token", token).bind("gateway", gateway).bind("payer", payer)
                .bind("reservation", reservation).bind("allocation", allocation).bind("number", number)
                .bind("charge", charge).bind("amount", amount).bind("at", utc(at)).mapTo(Long.class).one();
    }

    static Optional<Locked> lock(Handle h, String token) {
        return h.createQuery(LOCK_SESSION).bind("token", token).map((rs, ctx) -> new Locked(rs.getLong("id"),
                rs.getString("token"), rs.getLong("payer_id"), (Long) rs.getObject("reservation_id"),
                (Long) rs.getObject("allocation_id"), (Integer) rs.getObject("instalment_number"),
                (Long) rs.getObject("charge_id"), rs.getLong("amount"), rs.getString("state"))).findOne();
    }

    static void settle(Handle h, long id, String state, Instant paidAt, String reference, Boolean sandbox,
            Long decision) {
        h.createUpdate(SETTLE_SESSION).bind("id", id).bind("state", state).bind("paidAt", utc(paidAt))
                .bind("reference", reference).bind("sandbox", sandbox).bind("decision", decision).execute();
    }

    static void upsertInstalment(Handle h, long allocation, int number, LocalDate dueOn, long amount, LocalDate today) {
        h.createUpdate(UPSERT_INSTALMENT).bind("allocation", allocation).bind("number", number).bind("dueOn", dueOn)
                .bind("amount", amount).bind("today", today).execute();
    }

    /** An instalment row with its payment, if any. */
    record Row(int number, LocalDate dueOn, long amount, Instant paidAt, String receiptToken, Long receiptId) {}

    static List<Row> instalments(Handle h, long allocation) {
        return h.createQuery(INSTALMENTS).bind("allocation", allocation).map((rs, ctx) -> new Row(rs.getInt("number"),
                rs.getObject("due_on", LocalDate.class), rs.getLong("amount"), instant(rs.getObject("paid_at",
                        OffsetDateTime.class)), rs.getString("receipt_token"), (Long) rs.getObject("receipt_id")))
                .list();
    }

    /** False when the instalment was already paid. */
    static boolean insertInstalmentPayment(Handle h, long allocation, int number, long session, long payer,
            long amount, Instant paidAt) {
        return h.createUpdate(INSERT_INSTALMENT_PAYMENT).bind("allocation", allocation).bind("number", number)
                .bind("session", session).bind("payer", payer).bind("amount", amount).bind("paidAt", utc(paidAt))
                .execute() > 0;
    }

    /** An idle charge of an allocation: its kind, amount and whether it is paid. */
    record Charge(long id, String kind, long amount, boolean paid) {}

    static Optional<Charge> charge(Handle h, long allocation, long charge) {
        return h.createQuery(CHARGE).bind("allocation", allocation).bind("charge", charge).map((rs, ctx) -> new Charge(
                rs.getLong("id"), rs.getString("kind"), rs.getLong("amount"), rs.getBoolean("paid"))).findOne();
    }

    /** False when the charge was already paid. */
    static boolean insertChargePayment(Handle h, long allocation, long charge, long session, long payer, long amount,
            Instant paidAt) {
        return h.createUpdate(INSERT_CHARGE_PAYMENT).bind("allocation", allocation).bind("charge", charge)
                .bind("session", session).bind("payer", payer).bind("amount", amount).bind("paidAt", utc(paidAt))
                .execute() > 0;
    }

    static Optional<Map<String, Object>> receipt(Handle h, String token) {
        h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
        return h.createQuery(RECEIPT).bind("token", token).mapToMap().findOne();
    }

    static List<Long> untrackedAllocations(Handle h, int limit) {
        return h.createQuery(UNTRACKED).bind("limit", limit).mapTo(Long.class).list();
    }

    /** An instalment to remind its holder of; {@code kind} is instalment_due or instalment_overdue. */
    record Reminder(long allocationId, int number, LocalDate dueOn, long amount, long investorId, String kind) {}

    static List<Reminder> remindersDue(Handle h, LocalDate today, int days, int limit) {
        return h.createQuery(REMINDERS_DUE).bind("today", today).bind("days", days).bind("limit", limit)
                .map((rs, ctx) -> new Reminder(rs.getLong("allocation_id"), rs.getInt("number"),
                        rs.getObject("due_on", LocalDate.class), rs.getLong("amount"), rs.getLong("investor_id"),
                        rs.getString("kind"))).list();
    }

    static List<Map<String, Object>> overdue(Handle h, LocalDate today, List<String> estatesOrNull, int limit) {
        h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
        return h.createQuery(OVERDUE).bind("today", today).bind("allEstates", estatesOrNull == null)
                .bindArray("estates", String.class, estatesOrNull == null ? List.of() : estatesOrNull)
                .bind("limit", limit).mapToMap().list();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
