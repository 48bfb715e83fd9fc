-- Category policies as data (issue 12): "free land for small power plants; knowledge-based firms are exempt from
-- auctions and buy for little cash with long instalments". A policy of an estate class says who it is for (an ISIC
-- prefix of the planned activity and/or knowledge-based firms only), what share of the land's list price is charged
-- (price_share_bp, basis points: 0 is free land), the payment plan (cash share, grace, instalments, interval,
-- forgiveness) and whether its firms are exempt from auctions. An applicant gets the matching policy of lowest
-- priority; every class has a STANDARD policy for everyone. The policies supersede payment_plan (kept as history):
-- the contract trigger reads the policy, not the plan.
CREATE TABLE category_policy (
    estate_kind      text NOT NULL REFERENCES contract_terms (estate_kind),
    code             text NOT NULL CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
    priority         int NOT NULL CHECK (priority BETWEEN 0 AND 1000000),
    isic_prefix      text CHECK (isic_prefix ~ '^[0-9]{1,4}$'),
    knowledge_based  boolean NOT NULL DEFAULT false,
    price_share_bp   int NOT NULL CHECK (price_share_bp BETWEEN 0 AND 10000),
    cash_share_bp    int NOT NULL CHECK (cash_share_bp BETWEEN 0 AND 10000),
    grace_months     int NOT NULL CHECK (grace_months BETWEEN 0 AND 120),
    instalment_count int NOT NULL CHECK (instalment_count BETWEEN 0 AND 240),
    interval_months  int NOT NULL CHECK (interval_months BETWEEN 1 AND 24),
    forgiven_bp      int NOT NULL CHECK (forgiven_bp BETWEEN 0 AND 10000),
    auction_exempt   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (estate_kind, code),
    -- A plan with no instalments takes all in cash (as allocation.PaymentPlan requires).
    CONSTRAINT category_policy_plan_shape CHECK (instalment_count > 0 OR cash_share_bp = 10000),
    CONSTRAINT category_policy_one_per_priority UNIQUE (estate_kind, priority),
    -- STANDARD is for everyone, and matched last.
    CONSTRAINT category_policy_standard_for_all CHECK (code <> 'STANDARD'
        OR (isic_prefix IS NULL AND NOT knowledge_based AND priority = 1000000))
);

INSERT INTO category_policy (estate_kind, code, priority, isic_prefix, knowledge_based, price_share_bp, cash_share_bp,
                             grace_months, instalment_count, interval_months, forgiven_bp, auction_exempt)
SELECT estate_kind, 'STANDARD', 1000000, NULL, false, 10000, cash_share_bp, grace_months, instalment_count,
       interval_months, forgiven_bp, false
  FROM payment_plan WHERE code = 'STANDARD'
UNION ALL
SELECT estate_kind, 'KNOWLEDGE_BASED', 200, NULL, true, 10000, cash_share_bp, grace_months, instalment_count,
       interval_months, forgiven_bp, true
  FROM payment_plan WHERE code = 'KNOWLEDGE_BASED'
UNION ALL
-- ISIC 3510: electric power generation; free land (its nothing all due in cash on signing, no instalments).
SELECT estate_kind, 'SMALL_POWER_PLANT', 100, '3510', false, 0, 10000, 0, 0, 1, 0, false FROM contract_terms;

-- The policies an offer publishes: the class's policies as they stood when the offer was published (copied by the
-- trigger offer_category_policy_snapshot), never changed after; what its awards are priced by and what its round
-- document carries. Offers published before this migration get their class's policies of today.
CREATE TABLE offer_category_policy (
    offer_id         bigint NOT NULL REFERENCES offer (id),
    code             text NOT NULL,
    priority         int NOT NULL,
    isic_prefix      text,
    knowledge_based  boolean NOT NULL,
    price_share_bp   int NOT NULL CHECK (price_share_bp BETWEEN 0 AND 10000),
    cash_share_bp    int NOT NULL,
    grace_months     int NOT NULL,
    instalment_count int NOT NULL,
    interval_months  int NOT NULL,
    forgiven_bp      int NOT NULL,
    auction_exempt   boolean NOT NULL,
    PRIMARY KEY (offer_id, code),
    CONSTRAINT offer_category_policy_one_per_priority UNIQUE (offer_id, priority)
);
INSERT INTO offer_category_policy
SELECT o.id, cp.code, cp.priority, cp.isic_prefix, cp.knowledge_based, cp.price_share_bp, cp.cash_share_bp,
       cp.grace_months, cp.instalment_count, cp.interval_months, cp.forgiven_bp, cp.auction_exempt
  FROM offer o JOIN estate e ON e.id = o.estate_id JOIN category_policy cp ON cp.estate_kind = e.kind
 WHERE o.state <> 'DRAFT';

-- What the contract was priced from: the plots' list price and the policy's share of it (null for older contracts).
ALTER TABLE allocation_contract ADD COLUMN list_price bigint CHECK (list_price >= 0);
ALTER TABLE allocation_contract ADD COLUMN price_share_bp int CHECK (price_share_bp BETWEEN 0 AND 10000);
