-- A round's paid award becomes an allocation (issue 12), as an approved reservation does: the same allocation and
-- allocation_parcel rows, made by the one function allocation_open (R__allocation_open.sql), whose contract,
-- milestones and instalment plan the deferred trigger allocation_create_contract writes at commit. An allocation
-- comes either from a reservation or from a round's award hold, never both; an award's hold gets at most one
-- allocation (unique), and R__allocation_open.sql refuses one before the deposit is paid and the objection window
-- is over, for anyone but the winner, or for any plot but the award's.
ALTER TABLE allocation ALTER COLUMN reservation_id DROP NOT NULL;
ALTER TABLE allocation ADD COLUMN award_hold_id bigint UNIQUE REFERENCES round_award_hold (id);
ALTER TABLE allocation ADD CONSTRAINT allocation_one_source
    CHECK ((reservation_id IS NULL) <> (award_hold_id IS NULL));
