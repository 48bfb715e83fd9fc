-- Text is text on the allocation rounds' tables too (the rules of V550__text_rules.sql, as org.zamin.domain.Text
-- checks them): an objection and its answer are prose (tab, line feed and carriage return allowed; other control
-- characters and the bidirectional embeddings and overrides refused); an application's investment has the bound the
-- service checks (2^53 − 1, RoundService.MAX_INVESTMENT); the open-offer deposit's gateway reference is one line.

ALTER TABLE round_objection
    ADD CONSTRAINT round_objection_text_text
        CHECK (text !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]'),
    ADD CONSTRAINT round_objection_answer_text
        CHECK (answer !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]');

ALTER TABLE round_application
    ADD CONSTRAINT round_application_investment_bound CHECK (investment <= 9007199254740991);

ALTER TABLE open_deposit
    ADD CONSTRAINT open_deposit_gateway_text
        CHECK (gateway !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]'),
    ADD CONSTRAINT open_deposit_reference_text
        CHECK (reference !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]');
