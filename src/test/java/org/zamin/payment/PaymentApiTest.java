package org.zamin.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Deposits and instalments are paid on the gateway's page: the server opens a session, nothing is recorded until the
 * gateway confirms it, a cancel pays nothing, each payment is recorded once, and only the holder pays, for exactly
 * what is due (also in the database).
 */
class PaymentApiTest {

    private static final String AUTH = "Authorization";

    record Deal(TestEstates.Estate estate, TestUsers.User investor, TestUsers.User officer, long reservation) {}

    /** A fresh estate with one plot, held by a new investor (HELD). */
    static Deal held() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "P1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var investor = TestUsers.investor();
        var officer = TestUsers.officer(estate.code());
        var r = Http.post("/api/reservations", Map.of("parcelIds", List.of(plot), "activity", "1079",
                "investment", 1_000_000_000L, "jobs", 10, "knowledgeBased", false), AUTH, investor.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, r.status(), r.body());
        return new Deal(estate, investor, officer, r.json().get("id").asLong());
    }

    static JsonNode open(TestUsers.User u, String path) {
        var r = Http.post(path, Map.of(), AUTH, u.bearer());
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    static JsonNode sandbox(String token, String action) {
        var r = Http.post("/api/sandbox/" + token + "/" + action, Map.of());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static JsonNode receipt(TestUsers.User u, String token) {
        var r = Http.get("/api/payments/" + token, AUTH, u.bearer());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static String status(long reservation) {
        return Http.get("/api/reservations/" + reservation, AUTH, TestUsers.admin().bearer()).json().get("status").asText();
    }

    static long count(String sql, long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).bind(0, id).mapTo(Long.class).one());
    }

    /** Approves the deal's reservation after paying its deposit through the sandbox; returns the allocation id. */
    static long paidAndApproved(Deal d) {
        String token = open(d.investor(), "/api/reservations/" + d.reservation() + "/payment").get("token").asText();
        sandbox(token, "confirm");
        var approved = Http.post("/api/reservations/" + d.reservation() + "/approve", null, AUTH, d.officer().bearer());
        assertEquals(200, approved.status(), approved.body());
        return approved.json().get("allocationId").asLong();
    }

    @Test
    void theDepositIsRecordedOnlyFromTheGatewaysConfirmationAndOnce() {
        var d = held();
        var session = open(d.investor(), "/api/reservations/" + d.reservation() + "/payment");
        String token = session.get("token").asText();
        assertEquals("/#/sandbox/" + token, session.get("payUrl").asText());
        assertTrue(session.get("amount").asLong() > 0);
        // The sandbox page says what it is and how much; until the payer confirms nothing is paid.
        var page = Http.get("/api/sandbox/" + token).json();
        assertTrue(page.get("sandbox").asBoolean());
        assertEquals(session.get("amount").asLong(), page.get("amount").asLong());
        assertEquals("OPEN", receipt(d.investor(), token).get("state").asText());
        assertEquals("HELD", status(d.reservation()));
        assertEquals(0, count("SELECT count(*) FROM payment WHERE reservation_id = ?", d.reservation()));

        var confirmed = sandbox(token, "confirm");
        assertEquals("/#/payment?token=" + token, confirmed.get("returnUrl").asText());
        assertEquals("SUBMITTED", status(d.reservation()));
        var paid = receipt(d.investor(), token);
        assertEquals("PAID", paid.get("state").asText());
        assertEquals("DEPOSIT", paid.get("purpose").asText());
        assertEquals(session.get("amount").asLong(), paid.get("amount").asLong());
        assertTrue(paid.get("number").asText().startsWith("ZR-"), paid.toString());
        assertTrue(paid.get("decisionSeq").asLong() > 0, paid.toString());
        assertTrue(paid.get("sandbox").asBoolean());

        // Again: the gateway's page, the return page and a second session change nothing.
        sandbox(token, "confirm");
        receipt(d.investor(), token);
        assertEquals(1, count("SELECT count(*) FROM payment WHERE reservation_id = ?", d.reservation()));
        Http.assertError(Http.post("/api/reservations/" + d.reservation() + "/payment", Map.of(), AUTH,
                d.investor().bearer()), 409, "illegal_transition", "SUBMITTED");
        // Someone else sees no receipt of it; the estate's officer does.
        Http.assertError(Http.get("/api/payments/" + token, AUTH, TestUsers.investor().bearer()), 404, "not_found",
                "payment");
        assertEquals(200, Http.get("/api/payments/" + token, AUTH, d.officer().bearer()).status());
    }

    @Test
    void cancelOnTheSandboxPagePaysNothing() {
        var d = held();
        String token = open(d.investor(), "/api/reservations/" + d.reservation() + "/payment").get("token").asText();
        var cancelled = sandbox(token, "cancel");
        assertEquals("CANCELLED", cancelled.get("state").asText());
        assertEquals("CANCELLED", receipt(d.investor(), token).get("state").asText());
        // A cancelled session cannot be confirmed afterwards.
        assertEquals("CANCELLED", sandbox(token, "confirm").get("state").asText());
        assertEquals("HELD", status(d.reservation()));
        assertEquals(0, count("SELECT count(*) FROM payment WHERE reservation_id = ?", d.reservation()));
        Http.assertError(Http.get("/api/sandbox/not-a-token"), 404, "not_found", "sandbox");
    }

    @Test
    void anInstalmentIsPaidOnceByItsHolderForWhatIsDue() {
        var d = held();
        long allocation = paidAndApproved(d);
        String base = "/api/allocations/" + allocation + "/instalments";
        var schedule = Http.get(base, AUTH, d.investor().bearer()).json().get("instalments");
        assertEquals(0, schedule.get(0).get("number").asInt());
        assertEquals("DUE", schedule.get(0).get("state").asText(), schedule.toString());
        long cash = schedule.get(0).get("amount").asLong();

        // Another investor, or an officer, cannot pay it: JSON errors, nothing written.
        Http.assertError(Http.post(base + "/0/payment", Map.of(), AUTH, TestUsers.investor().bearer()), 404,
                "not_found", "allocation");
        assertEquals(403, Http.post(base + "/0/payment", Map.of(), AUTH, d.officer().bearer()).status());
        Http.assertError(Http.post(base + "/999/payment", Map.of(), AUTH, d.investor().bearer()), 404, "not_found",
                "instalment");
        Http.assertError(Http.post(base + "/x/payment", Map.of(), AUTH, d.investor().bearer()), 422,
                "invalid_number", "instalment number");
        assertEquals(0, count("SELECT count(*) FROM payment_session WHERE allocation_id = ?", allocation));

        // Two sessions for the same instalment, both confirmed: it is paid once, the other is refund due.
        String first = open(d.investor(), base + "/0/payment").get("token").asText();
        String second = open(d.investor(), base + "/0/payment").get("token").asText();
        sandbox(first, "confirm");
        sandbox(second, "confirm");
        var receipt = receipt(d.investor(), first);
        assertEquals("PAID", receipt.get("state").asText());
        assertEquals(cash, receipt.get("amount").asLong());
        assertEquals("INSTALMENT", receipt.get("purpose").asText());
        assertEquals(0, receipt.get("instalmentNumber").asInt());
        assertNotNull(receipt.get("paidOn").asText());
        assertFalse(receipt.get("payer").get("name").asText().isBlank());
        assertEquals("REFUND_DUE", receipt(d.investor(), second).get("state").asText());
        assertEquals(1, count("SELECT count(*) FROM instalment_payment WHERE allocation_id = ?", allocation));
        long seq = receipt.get("decisionSeq").asLong();
        assertEquals(1, count("SELECT count(*) FROM decision WHERE seq = ? AND action = 'allocation.instalment_paid'",
                seq));

        var after = Http.get(base, AUTH, d.investor().bearer()).json().get("instalments").get(0);
        assertEquals("PAID", after.get("state").asText());
        assertEquals(first, after.get("receipt").asText());
        Http.assertError(Http.post(base + "/0/payment", Map.of(), AUTH, d.investor().bearer()), 409,
                "instalment_paid", "already paid");
        assertEquals(2, count("SELECT count(*) FROM payment_session WHERE allocation_id = ?", allocation));
    }

    @Test
    void theDatabaseRefusesASecondPaymentAWrongAmountOrPayer() {
        var d = held();
        long allocation = paidAndApproved(d);
        String base = "/api/allocations/" + allocation + "/instalments";
        String token = open(d.investor(), base + "/1/payment").get("token").asText();
        var owner = TestServer.get().ownerJdbi();
        long session = owner.withHandle(h -> h.createQuery("SELECT id FROM payment_session WHERE token = :t")
                .bind("t", token).mapTo(Long.class).one());
        long amount = owner.withHandle(h -> h.createQuery(
                "SELECT amount FROM contract_instalment WHERE allocation_id = :a AND number = 1")
                .bind("a", allocation).mapTo(Long.class).one());
        long stranger = TestUsers.investor().id();
        String insert = "INSERT INTO instalment_payment (allocation_id, number, session_id, payer_id, amount, paid_at) "
                + "VALUES (:a, 1, :s, :p, :amount, now())";
        var wrongAmount = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(insert)
                .bind("a", allocation).bind("s", session).bind("p", d.investor().id()).bind("amount", amount - 1)
                .execute()));
        assertTrue(wrongAmount.getMessage().contains("instalment_payment_amount")
                || wrongAmount.getMessage().contains("not " + (amount - 1)), wrongAmount.getMessage());
        var wrongPayer = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(insert)
                .bind("a", allocation).bind("s", session).bind("p", stranger).bind("amount", amount).execute()));
        assertTrue(wrongPayer.getMessage().contains("only the holder"), wrongPayer.getMessage());
        assertEquals(0, count("SELECT count(*) FROM instalment_payment WHERE allocation_id = ?", allocation));

        sandbox(token, "confirm");
        assertEquals("PAID", receipt(d.investor(), token).get("state").asText());
        var changed = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE contract_instalment SET amount = amount + 1 WHERE allocation_id = :a AND number = 1")
                .bind("a", allocation).execute()));
        assertTrue(changed.getMessage().contains("is paid"), changed.getMessage());
        var removed = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "DELETE FROM instalment_payment WHERE allocation_id = :a").bind("a", allocation).execute()));
        assertTrue(removed.getMessage().contains("final"), removed.getMessage());
    }

    /** An open idle case of the allocation with an idle fee (30 days at 10 % a year) and a paid extension charged. */
    static long[] charges(long allocation) {
        return TestServer.get().ownerJdbi().inTransaction(h -> {
            long caseId = h.createQuery("INSERT INTO idle_case (allocation_id, state, score, evidence, opened_as_of, "
                    + "opened_at, updated_at) VALUES (:a, 'OPEN', 100000, '[]', current_date - 40, now(), now()) "
                    + "RETURNING id").bind("a", allocation).mapTo(Long.class).one();
            long fee = h.createQuery("INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, period_from, "
                    + "period_to, charged_on, created_at) VALUES (:c, :a, 'IDLE_FEE', 1234567891, 1000, :from, :to, "
                    + ":to, now()) RETURNING id").bind("c", caseId).bind("a", allocation)
                    .bind("from", today().minusDays(30)).bind("to", today()).mapTo(Long.class).one();
            long extension = h.createQuery("INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, "
                    + "slices, months, cap_months, charged_on, created_at) VALUES (:c, :a, 'EXTENSION', 987654321, 500, "
                    + "1, 6, 36, :to, now()) RETURNING id").bind("c", caseId).bind("a", allocation)
                    .bind("to", today()).mapTo(Long.class).one();
            return new long[] {fee, extension};
        });
    }

    static java.time.LocalDate today() {
        return java.time.LocalDate.now(TestServer.get().clock());
    }

    static JsonNode contract(TestUsers.User u, long allocation) {
        var r = Http.get("/api/allocations/" + allocation + "/contract", AUTH, u.bearer());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void anIdleChargeIsOnTheBalanceAndIsPaidOnceByItsHolderForItsAmount() {
        var d = held();
        long allocation = paidAndApproved(d);
        var before = contract(d.investor(), allocation);
        long[] ids = charges(allocation);
        long fee = count("SELECT amount FROM idle_charge WHERE id = ?", ids[0]);
        long extension = count("SELECT amount FROM idle_charge WHERE id = ?", ids[1]);
        assertEquals(1234567891L * 1000 * 30 / 3_650_000, fee);
        assertEquals(987654321L * 500 / 10_000, extension);

        // charged today: both are on the balance, unpaid
        var charged = contract(d.investor(), allocation);
        assertEquals(before.get("dueToDate").asLong() + fee + extension, charged.get("dueToDate").asLong());
        assertEquals(before.get("balance").asLong() + fee + extension, charged.get("balance").asLong());
        assertEquals(fee + extension, charged.get("idleChargesUnpaid").asLong());
        assertEquals("UNPAID", charged.get("idleCharges").get(0).get("status").asText());

        // only the holder pays, only a charge of this allocation: JSON errors, no session
        String base = "/api/allocations/" + allocation + "/idle-charges/";
        Http.assertError(Http.post(base + ids[0] + "/payment", Map.of(), AUTH, TestUsers.investor().bearer()), 404,
                "not_found", "allocation");
        assertEquals(403, Http.post(base + ids[0] + "/payment", Map.of(), AUTH, d.officer().bearer()).status());
        Http.assertError(Http.post(base + "999999999/payment", Map.of(), AUTH, d.investor().bearer()), 404,
                "not_found", "idle charge");
        Http.assertError(Http.post(base + "x/payment", Map.of(), AUTH, d.investor().bearer()), 400,
                "invalid_parameter", "charge");
        assertEquals(0, count("SELECT count(*) FROM payment_session WHERE charge_id IS NOT NULL AND allocation_id = ?",
                allocation));

        // two sessions for the fee, both confirmed: paid once, the other refund due
        var opened = open(d.investor(), base + ids[0] + "/payment");
        assertEquals(fee, opened.get("amount").asLong());
        String first = opened.get("token").asText();
        String second = open(d.investor(), base + ids[0] + "/payment").get("token").asText();
        assertEquals(charged.get("balance").asLong(), contract(d.investor(), allocation).get("balance").asLong(),
                "nothing is paid before the gateway confirms");
        sandbox(first, "confirm");
        sandbox(second, "confirm");
        var receipt = receipt(d.investor(), first);
        assertEquals("PAID", receipt.get("state").asText());
        assertEquals(fee, receipt.get("amount").asLong());
        assertEquals("IDLE_CHARGE", receipt.get("purpose").asText());
        assertEquals(ids[0], receipt.get("chargeId").asLong());
        assertEquals("IDLE_FEE", receipt.get("chargeKind").asText());
        assertEquals("REFUND_DUE", receipt(d.investor(), second).get("state").asText());
        assertEquals(1, count("SELECT count(*) FROM idle_charge_payment WHERE allocation_id = ?", allocation));
        assertEquals(1, count("SELECT count(*) FROM decision WHERE seq = ? AND action = 'allocation.idle_charge_paid'",
                receipt.get("decisionSeq").asLong()));

        // the balance goes down by exactly the fee; the charge says PAID with its receipt; the extension is still due
        var paid = contract(d.investor(), allocation);
        assertEquals(charged.get("balance").asLong() - fee, paid.get("balance").asLong());
        assertEquals(charged.get("dueToDate").asLong(), paid.get("dueToDate").asLong());
        assertEquals(charged.get("paidToDate").asLong() + fee, paid.get("paidToDate").asLong());
        assertEquals(extension, paid.get("idleChargesUnpaid").asLong());
        var feeRow = paid.get("idleCharges").get(0);
        assertEquals(ids[0], feeRow.get("id").asLong());
        assertEquals("PAID", feeRow.get("status").asText());
        assertEquals(first, feeRow.get("receipt").asText());
        assertEquals("UNPAID", paid.get("idleCharges").get(1).get("status").asText());
        Http.assertError(Http.post(base + ids[0] + "/payment", Map.of(), AUTH, d.investor().bearer()), 409,
                "charge_paid", "already paid");
        // the officer of the estate sees the same receipt
        assertEquals("PAID", receipt(d.officer(), first).get("state").asText());
    }

    @Test
    void theDatabaseRefusesASecondChargePaymentAWrongAmountOrPayer() {
        var d = held();
        long allocation = paidAndApproved(d);
        long[] ids = charges(allocation);
        long charge = ids[1];
        String token = open(d.investor(), "/api/allocations/" + allocation + "/idle-charges/" + charge + "/payment")
                .get("token").asText();
        var owner = TestServer.get().ownerJdbi();
        long session = owner.withHandle(h -> h.createQuery("SELECT id FROM payment_session WHERE token = :t")
                .bind("t", token).mapTo(Long.class).one());
        long amount = count("SELECT amount FROM idle_charge WHERE id = ?", charge);
        String insert = "INSERT INTO idle_charge_payment (charge_id, allocation_id, session_id, payer_id, amount, "
                + "paid_at) VALUES (:c, :a, :s, :p, :amount, now())";
        var wrongAmount = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(insert)
                .bind("c", charge).bind("a", allocation).bind("s", session).bind("p", d.investor().id())
                .bind("amount", amount - 1).execute()));
        assertTrue(wrongAmount.getMessage().contains("is " + amount + ", not " + (amount - 1)), wrongAmount.getMessage());
        var wrongPayer = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(insert)
                .bind("c", charge).bind("a", allocation).bind("s", session).bind("p", TestUsers.investor().id())
                .bind("amount", amount).execute()));
        assertTrue(wrongPayer.getMessage().contains("only the holder"), wrongPayer.getMessage());
        var wrongCharge = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(insert)
                .bind("c", ids[0]).bind("a", allocation).bind("s", session).bind("p", d.investor().id())
                .bind("amount", count("SELECT amount FROM idle_charge WHERE id = ?", ids[0])).execute()));
        assertTrue(wrongCharge.getMessage().contains("does not match the idle charge"), wrongCharge.getMessage());
        var noSubject = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE payment_session SET instalment_number = 1 WHERE id = :s").bind("s", session).execute()));
        assertTrue(noSubject.getMessage().contains("payment_session_subject"), noSubject.getMessage());
        assertEquals(0, count("SELECT count(*) FROM idle_charge_payment WHERE allocation_id = ?", allocation));

        sandbox(token, "confirm");
        assertEquals("PAID", receipt(d.investor(), token).get("state").asText());
        var again = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(insert)
                .bind("c", charge).bind("a", allocation).bind("s", session).bind("p", d.investor().id())
                .bind("amount", amount).execute()));
        assertTrue(again.getMessage().contains("idle_charge_payment_pkey")
                || again.getMessage().contains("duplicate key"), again.getMessage());
        var changed = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE idle_charge_payment SET amount = amount + 1 WHERE charge_id = :c").bind("c", charge).execute()));
        assertTrue(changed.getMessage().contains("final"), changed.getMessage());
        var removed = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "DELETE FROM idle_charge_payment WHERE charge_id = :c").bind("c", charge).execute()));
        assertTrue(removed.getMessage().contains("final"), removed.getMessage());
    }
}
