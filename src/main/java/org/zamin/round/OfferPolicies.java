package org.zamin.round;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.zamin.db.SqlResource;

/** The category policies an offer published ({@code offer_category_policy}), as its round document carries them. */
final class OfferPolicies {

    private static final String POLICIES = SqlResource.load("round/offer_policies");

    private OfferPolicies() {}

    /** The offer's published policies, lowest priority (matched first) first. */
    static List<RoundDocument.Policy> of(Handle h, long offerId) {
        return h.createQuery(POLICIES).bind("offer", offerId)
                .map((rs, ctx) -> new RoundDocument.Policy(rs.getString("code"), rs.getInt("priority"),
                        rs.getString("isic_prefix"), rs.getBoolean("knowledge_based"), rs.getInt("price_share_bp"),
                        rs.getInt("cash_share_bp"), rs.getInt("grace_months"), rs.getInt("instalment_count"),
                        rs.getInt("interval_months"), rs.getInt("forgiven_bp"), rs.getBoolean("auction_exempt")))
                .list();
    }
}
