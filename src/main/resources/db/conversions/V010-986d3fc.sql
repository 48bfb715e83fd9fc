-- The decision log as the first V010 made it (986d3fc, 2026-11-21: every insert chained under a lock), turned into
-- the table of the current V010 (04f862e: writers insert unsealed entries, the sealer links them). Run once, by
-- db.KnownMigrationEdits, in the transaction that records V010's current checksum; the functions and triggers of
-- the current log then come from the repeatable migrations (R__decision_*.sql), as on every installation.
--
-- Entries chained the old way hashed a text without their chain position, so the current verifier could not check
-- them. They are sealed again in the current form, in the same order, and the first new entry records the old chain's
-- head hash and length: whoever kept that head can still compare it, and the re-sealing itself is on the record.

LOCK TABLE decision IN ACCESS EXCLUSIVE MODE;

DROP TRIGGER decision_chain ON decision;
DROP FUNCTION decision_chain();

CREATE TEMPORARY TABLE decision_old_head ON COMMIT DROP AS
SELECT count(*) AS entries,
       (SELECT encode(hash, 'hex') FROM decision ORDER BY seq DESC LIMIT 1) AS head
  FROM decision;

CREATE SEQUENCE decision_seq_seq OWNED BY decision.seq;
SELECT setval('decision_seq_seq', coalesce(max(seq), 0) + 1, false) FROM decision;
ALTER TABLE decision ALTER COLUMN seq SET DEFAULT nextval('decision_seq_seq');
ALTER TABLE decision ALTER COLUMN occurred_at SET DEFAULT now();

ALTER TABLE decision ADD COLUMN chain_pos bigint UNIQUE;
ALTER TABLE decision ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;

ALTER TABLE decision DISABLE TRIGGER decision_no_update_delete;
UPDATE decision SET prev_hash = NULL, hash = NULL;
ALTER TABLE decision ENABLE TRIGGER decision_no_update_delete;

ALTER TABLE decision ADD CONSTRAINT decision_sealed_whole
    CHECK ((chain_pos IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL));
CREATE INDEX decision_unsealed_idx ON decision (seq) WHERE hash IS NULL;

INSERT INTO decision (actor_role, action, subject_type, subject_id, reason, public_details)
SELECT 'system', 'decision_log.resealed', 'decision_log', 'chain',
       'the decision log was upgraded from its first format; its entries were sealed again in the current form',
       jsonb_build_object('previousHead', head, 'previousEntries', entries)
  FROM decision_old_head
 WHERE entries > 0;
