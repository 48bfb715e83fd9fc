package org.zamin.allocation;

/**
 * A payment plan: the cash share paid on signing, then {@code instalmentCount} instalments every
 * {@code intervalMonths} after a grace period; {@code forgivenBasisPoints} of the financed amount is forgiven when
 * production starts on time. Shares are in basis points (1 % = 100) so that money stays integer.
 */
public record PaymentPlan(String code, int cashShareBasisPoints, int graceMonths, int instalmentCount,
        int intervalMonths, int forgivenBasisPoints) {

    public PaymentPlan {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a plan needs a code");
        }
        if (cashShareBasisPoints < 0 || cashShareBasisPoints > 10_000 || forgivenBasisPoints < 0
                || forgivenBasisPoints > 10_000) {
            throw new IllegalArgumentException("shares are between 0 and 10000 basis points");
        }
        if (graceMonths < 0 || instalmentCount < 0 || intervalMonths < 1
                || (instalmentCount == 0 && cashShareBasisPoints != 10_000)) {
            throw new IllegalArgumentException("plan " + code + " has an impossible shape");
        }
    }

    /** The default plan (also seeded by migration V400): 30 % cash, 3 months' grace, 12 quarterly instalments. */
    public static final PaymentPlan STANDARD = new PaymentPlan("STANDARD", 3_000, 3, 12, 3, 0);

    /** Knowledge-based firms: 10 % cash, 6 months' grace, 16 quarterly instalments, 20 % forgiven on time. */
    public static final PaymentPlan KNOWLEDGE_BASED = new PaymentPlan("KNOWLEDGE_BASED", 1_000, 6, 16, 3, 2_000);
}
