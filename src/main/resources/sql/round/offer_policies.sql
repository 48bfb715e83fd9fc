-- The category policies offer :offer published (copied from its estate class when it was published), by priority.
SELECT code, priority, isic_prefix, knowledge_based, price_share_bp, cash_share_bp, grace_months, instalment_count,
       interval_months, forgiven_bp, auction_exempt
  FROM offer_category_policy
 WHERE offer_id = :offer
 ORDER BY priority
