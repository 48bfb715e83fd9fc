package org.zamin.investor;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.CurrentUser;
import org.zamin.db.Transactions;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.domain.NotFound;
import org.zamin.reservation.PaymentGateway;

/**
 * What makes an investor fit to hold plots in an OPEN offer: a confirmed address (account package), an identity
 * number with a valid check digit, documents verified by staff (on the decision log), and the refundable open-offer
 * deposit paid through the gateway. {@code reservation_hold_set} refuses a hold that lacks any of them.
 */
public final class InvestorService {

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final PaymentGateway gateway;
    private final long depositAmount;
    private final Clock clock;
    private final InvestorRepository repo = new InvestorRepository();

    public InvestorService(Jdbi jdbi, DecisionLog decisions, PaymentGateway gateway, long depositAmount,
            Clock clock) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.gateway = gateway;
        this.depositAmount = depositAmount;
        this.clock = clock;
    }

    /** The investor states their national ID or company national ID (Persian digits too). */
    public Map<String, Object> setIdentity(CurrentUser investor, String nationalId) {
        String id = NationalId.normalise(nationalId);
        try {
            boolean set = Transactions.retrying(jdbi, h -> repo.setIdentity(h, investor.id(), id));
            if (!set) {
                throw new Conflict("identity_verified", "your documents are verified: the identity number is fixed");
            }
        } catch (RuntimeException e) {
            if ("users_national_id_unique".equals(Transactions.constraint(e))) {
                throw new Conflict("national_id_taken", "another account has this identity number");
            }
            throw e;
        }
        return standing(investor.id());
    }

    /** Staff mark an investor's documents verified, on the decision log; 404 unknown, 409 without an ID. */
    public Map<String, Object> verifyDocuments(CurrentUser staff, long investorId) {
        Transactions.retrying(jdbi, h -> {
            var before = repo.standing(h, investorId).filter(s -> "INVESTOR".equals(s.role()))
                    .orElseThrow(() -> new NotFound("investor " + investorId));
            int length = repo.verifyDocuments(h, investorId, staff.id(), clock.instant())
                    .orElseThrow(() -> new Conflict("identity_missing",
                            "the investor has not confirmed their address and stated an identity number"));
            if (!before.documentsVerified()) {
                decisions.append(h, Decision.of(Actor.user(staff.id(), staff.role()), "investor.documents_verified",
                                "investor", String.valueOf(investorId))
                        .withTransition("UNVERIFIED", "VERIFIED")
                        .withPublicDetails(Map.of("kind", length == 10 ? "person" : "company"))
                        .withPrivateDetails(Map.of("investorId", investorId)));
            }
            return length;
        });
        return standing(investorId);
    }

    /**
     * Pays the refundable open-offer deposit through the gateway, once: true when it was paid now, false when it
     * was paid before (nothing is charged again).
     */
    public boolean payDeposit(CurrentUser investor) {
        return Transactions.retrying(jdbi, h -> {
            repo.lock(h, investor.id());
            if (repo.standing(h, investor.id()).orElseThrow(() -> new NotFound("investor")).depositPaid()) {
                return false;
            }
            repo.insertDeposit(h, investor.id(), gateway.charge("D" + investor.id(), depositAmount));
            return true;
        });
    }

    /** Demo identity numbers (valid check digits, not real people), one per demo investor. */
    private static final List<String> DEMO_IDS = List.of("0012345679", "0023456787", "0000000019");

    /**
     * Demo mode only: the demo investors become fit to hold (a demo identity number, documents verified, the
     * deposit paid through the sandbox gateway), unless they already have an identity number.
     */
    public void readyDemoInvestors(List<String> emails) {
        for (int i = 0; i < emails.size() && i < DEMO_IDS.size(); i++) {
            String email = emails.get(i);
            String id = DEMO_IDS.get(i);
            Transactions.retrying(jdbi, h -> {
                repo.demoReady(h, email, id).ifPresent(user -> {
                    if (!repo.standing(h, user).orElseThrow().depositPaid()) {
                        repo.insertDeposit(h, user, gateway.charge("D" + user, depositAmount));
                    }
                });
                return null;
            });
        }
    }

    /** What the investor has and lacks for an OPEN hold, as {@code GET /api/me} and these routes show it. */
    public Map<String, Object> standing(long userId) {
        var s = jdbi.withHandle(h -> repo.standing(h, userId)).orElseThrow(() -> new NotFound("investor"));
        List<String> missing = new java.util.ArrayList<>();
        if (!s.emailConfirmed()) {
            missing.add("email");
        }
        if (s.nationalId() == null) {
            missing.add("national_id");
        }
        if (!s.documentsVerified()) {
            missing.add("documents");
        }
        if (!s.depositPaid()) {
            missing.add("deposit");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nationalId", s.nationalId());
        body.put("documentsVerified", s.documentsVerified());
        body.put("depositPaid", s.depositPaid());
        body.put("depositAmount", depositAmount);
        body.put("mayHold", missing.isEmpty());
        body.put("missing", missing);
        return body;
    }
}
