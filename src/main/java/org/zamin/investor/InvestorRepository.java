package org.zamin.investor;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;
import org.zamin.reservation.PaymentGateway;

/** The queries of investor verification and the open-offer deposit. */
final class InvestorRepository {

    private static final String SET_IDENTITY = SqlResource.load("investor/set_identity");
    private static final String VERIFY_DOCUMENTS = SqlResource.load("investor/verify_documents");
    private static final String STATUS = SqlResource.load("investor/status");
    private static final String INSERT_DEPOSIT = SqlResource.load("investor/insert_deposit");
    private static final String LOCK_INVESTOR = SqlResource.load("investor/lock_investor");
    private static final String DEMO_READY = SqlResource.load("investor/demo_ready");

    /** What an account has of what an OPEN hold needs. */
    record Standing(String role, boolean emailConfirmed, String nationalId, boolean documentsVerified,
            boolean depositPaid) {}

    boolean setIdentity(Handle h, long user, String nationalId) {
        return h.createQuery(SET_IDENTITY).bind("user", user).bind("nationalId", nationalId)
                .mapTo(Long.class).findOne().isPresent();
    }

    Optional<Integer> verifyDocuments(Handle h, long investor, long staff, Instant now) {
        return h.createQuery(VERIFY_DOCUMENTS).bind("investor", investor).bind("staff", staff)
                .bind("now", now.atOffset(ZoneOffset.UTC)).mapTo(Integer.class).findOne();
    }

    Optional<Standing> standing(Handle h, long user) {
        return h.createQuery(STATUS).bind("user", user)
                .map((rs, ctx) -> new Standing(rs.getString("role"), rs.getBoolean("email_confirmed"),
                        rs.getString("national_id"), rs.getBoolean("documents_verified"),
                        rs.getBoolean("deposit_paid")))
                .findOne();
    }

    Optional<Long> demoReady(Handle h, String email, String nationalId) {
        return h.createQuery(DEMO_READY).bind("email", email).bind("nationalId", nationalId)
                .mapTo(Long.class).findOne();
    }

    void lock(Handle h, long user) {
        h.createQuery(LOCK_INVESTOR).bind("user", user).mapTo(Long.class).findOne();
    }

    boolean insertDeposit(Handle h, long user, PaymentGateway.Receipt receipt) {
        return h.createQuery(INSERT_DEPOSIT).bind("user", user).bind("amount", receipt.amount())
                .bind("gateway", receipt.gateway()).bind("reference", receipt.reference())
                .bind("sandbox", receipt.sandbox()).bind("paidAt", receipt.paidAt().atOffset(ZoneOffset.UTC))
                .mapTo(Long.class).findOne().isPresent();
    }
}
