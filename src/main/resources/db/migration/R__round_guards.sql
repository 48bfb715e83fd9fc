-- What may change in an offer and its round, and when (tables: V600__allocation_rounds.sql). The service checks the
-- same rules first (round.RoundService) and answers with a precise code; these triggers make them hold whatever the
-- code does:
--   * an offer goes DRAFT → PUBLISHED → CLOSED; once published, its estate, mode, window, rules, ranking limit and
--     seed are fixed; once CLOSED nothing in it changes: an upheld objection's outcome is recorded as a new document
--     version in round_amendment (V650), and the awards and award holds change only to agree with the latest one;
--   * its plots change only while it is a DRAFT;
--   * an application is written only while its offer is PUBLISHED and before closes_at (database time), ranks only
--     the offer's plots, at most max_ranked of them, each once, and keeps its id, offer and investor;
--   * awards are written by the closing transaction (offer still PUBLISHED, before it becomes CLOSED), and after it
--     only to agree with the round's latest amendment.
-- The offer row is read FOR SHARE by application writes and locked FOR UPDATE by the close, so an application
-- either commits before the close reads the applications or finds the round CLOSED.

CREATE OR REPLACE FUNCTION offer_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.state <> 'DRAFT' THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'offer_frozen',
                MESSAGE = format('offer %s is %s and cannot be deleted', OLD.id, OLD.state);
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.state = 'CLOSED' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'offer_frozen',
            MESSAGE = format('offer %s is closed: its round and results no longer change', OLD.id);
    END IF;
    IF NOT (NEW.state = OLD.state
            OR (OLD.state = 'DRAFT' AND NEW.state = 'PUBLISHED')
            OR (OLD.state = 'PUBLISHED' AND NEW.state = 'CLOSED')) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'offer_transition',
            MESSAGE = format('offer %s cannot go from %s to %s', OLD.id, OLD.state, NEW.state);
    END IF;
    IF OLD.state = 'PUBLISHED'
       AND (NEW.estate_id, NEW.mode, NEW.opens_at, NEW.closes_at, NEW.max_ranked, NEW.rules, NEW.created_by,
            NEW.created_at, NEW.published_at, NEW.seed, NEW.seed_commitment)
           IS DISTINCT FROM
           (OLD.estate_id, OLD.mode, OLD.opens_at, OLD.closes_at, OLD.max_ranked, OLD.rules, OLD.created_by,
            OLD.created_at, OLD.published_at, OLD.seed, OLD.seed_commitment) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'offer_frozen',
            MESSAGE = format('offer %s is published: its window, rules and seed are fixed', OLD.id);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS offer_guard ON offer;
CREATE TRIGGER offer_guard
    BEFORE UPDATE OR DELETE ON offer
    FOR EACH ROW EXECUTE FUNCTION offer_guard();

CREATE OR REPLACE FUNCTION offer_parcel_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    offer_state text;
BEGIN
    SELECT o.state INTO offer_state FROM offer o WHERE o.id = coalesce(NEW.offer_id, OLD.offer_id) FOR SHARE;
    IF offer_state IS DISTINCT FROM 'DRAFT' OR (TG_OP = 'UPDATE' AND NEW.offer_id <> OLD.offer_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'offer_frozen',
            MESSAGE = format('the plots of offer %s change only while it is a draft',
                             coalesce(NEW.offer_id, OLD.offer_id));
    END IF;
    RETURN coalesce(NEW, OLD);
END
$$;

DROP TRIGGER IF EXISTS offer_parcel_guard ON offer_parcel;
CREATE TRIGGER offer_parcel_guard
    BEFORE INSERT OR UPDATE OR DELETE ON offer_parcel
    FOR EACH ROW EXECUTE FUNCTION offer_parcel_guard();

CREATE OR REPLACE FUNCTION round_application_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    o record;
BEGIN
    SELECT id, state, closes_at, max_ranked INTO o
      FROM offer WHERE id = coalesce(NEW.offer_id, OLD.offer_id) FOR SHARE;
    IF o.state IS DISTINCT FROM 'PUBLISHED' OR statement_timestamp() >= o.closes_at THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_application_window',
            MESSAGE = format('the application window of offer %s is not open', coalesce(NEW.offer_id, OLD.offer_id));
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.id, NEW.offer_id, NEW.investor_id, NEW.submitted_at)
                            IS DISTINCT FROM (OLD.id, OLD.offer_id, OLD.investor_id, OLD.submitted_at) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_application_identity',
            MESSAGE = format('application %s keeps its id, offer, investor and first submission time', OLD.id);
    END IF;
    IF cardinality(NEW.ranking) > o.max_ranked
       OR (SELECT count(DISTINCT r) FROM unnest(NEW.ranking) r) <> cardinality(NEW.ranking)
       OR EXISTS (SELECT 1 FROM unnest(NEW.ranking) r
                   WHERE NOT EXISTS (SELECT 1 FROM offer_parcel op WHERE op.offer_id = o.id AND op.parcel_id = r)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_application_ranking',
            MESSAGE = format('an application ranks at most %s distinct plots of offer %s', o.max_ranked, o.id);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS round_application_guard ON round_application;
CREATE TRIGGER round_application_guard
    BEFORE INSERT OR UPDATE OR DELETE ON round_application
    FOR EACH ROW EXECUTE FUNCTION round_application_guard();

CREATE OR REPLACE FUNCTION round_award_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    offer_state text;
    latest      round_amendment;
BEGIN
    SELECT o.state INTO offer_state FROM offer o WHERE o.id = coalesce(NEW.offer_id, OLD.offer_id);
    IF TG_OP = 'INSERT' AND offer_state = 'PUBLISHED' THEN
        RETURN NEW;
    END IF;
    -- After the close, awards change only to agree with the round's latest amendment (an upheld objection's outcome).
    SELECT * INTO latest FROM round_amendment am
     WHERE am.offer_id = coalesce(NEW.offer_id, OLD.offer_id) ORDER BY am.version DESC LIMIT 1;
    IF offer_state = 'CLOSED' AND latest.id IS NOT NULL
       AND (TG_OP = 'INSERT' OR TG_OP = 'DELETE'
            OR (NEW.offer_id, NEW.parcel_id) IS NOT DISTINCT FROM (OLD.offer_id, OLD.parcel_id))
       AND (TG_OP = 'INSERT' OR NOT EXISTS (
                SELECT 1 FROM unnest(latest.parcel_ids, latest.winner_ids) w (parcel, winner)
                 WHERE w.parcel = OLD.parcel_id AND w.winner = OLD.application_id))
       AND (TG_OP = 'DELETE' OR EXISTS (
                SELECT 1 FROM unnest(latest.parcel_ids, latest.winner_ids) w (parcel, winner)
                 WHERE w.parcel = NEW.parcel_id AND w.winner = NEW.application_id)) THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_award_frozen',
        MESSAGE = format('the awards of offer %s are written by its close and change only through an upheld '
                         'objection''s recorded outcome', coalesce(NEW.offer_id, OLD.offer_id));
END
$$;

DROP TRIGGER IF EXISTS round_award_guard ON round_award;
CREATE TRIGGER round_award_guard
    BEFORE INSERT OR UPDATE OR DELETE ON round_award
    FOR EACH ROW EXECUTE FUNCTION round_award_guard();

-- Objections (V601): filed only to a CLOSED round, before closed_at + objection_days (database time); answered once
-- (outcome, answer, who and when set together, the objection itself unchanged); never deleted.
CREATE OR REPLACE FUNCTION round_objection_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    o record;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_objection_kept',
            MESSAGE = format('objection %s is on the record and is never deleted', OLD.id);
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT state, closed_at, objection_days INTO o FROM offer WHERE id = NEW.offer_id;
        IF o.state IS DISTINCT FROM 'CLOSED'
           OR statement_timestamp() >= o.closed_at + make_interval(days => o.objection_days) THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_objection_window',
                MESSAGE = format('the objection window of offer %s is not open', NEW.offer_id);
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.outcome IS NOT NULL
       OR (NEW.id, NEW.offer_id, NEW.application_id, NEW.text, NEW.filed_at)
          IS DISTINCT FROM (OLD.id, OLD.offer_id, OLD.application_id, OLD.text, OLD.filed_at) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_objection_answered_once',
            MESSAGE = format('objection %s is answered once, and its text never changes', OLD.id);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS round_objection_guard ON round_objection;
CREATE TRIGGER round_objection_guard
    BEFORE INSERT OR UPDATE OR DELETE ON round_objection
    FOR EACH ROW EXECUTE FUNCTION round_objection_guard();

-- Award holds (V640): opened only for a CLOSED round; a hold goes DUE → PAID or DUE → LAPSED once (so it is never paid
-- twice, nor after it lapsed), keeps what it holds, and is never deleted. Paying after pay_by is refused by the table's
-- round_award_hold_paid_in_time check.
CREATE OR REPLACE FUNCTION round_award_hold_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_award_hold_kept',
            MESSAGE = format('award hold %s is on the record and is never deleted', OLD.id);
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF (SELECT state FROM offer WHERE id = NEW.offer_id) IS DISTINCT FROM 'CLOSED' OR NEW.state <> 'DUE' THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_award_hold_opened',
                MESSAGE = format('an award hold of offer %s opens DUE, once its round is closed', NEW.offer_id);
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.state = 'DUE' AND NEW.state = 'REVOKED' AND NOT EXISTS (
           SELECT 1 FROM round_amendment am
            WHERE am.id = NEW.revoked_by AND am.offer_id = NEW.offer_id
              AND am.version = (SELECT max(l.version) FROM round_amendment l WHERE l.offer_id = NEW.offer_id)
              AND NOT EXISTS (SELECT 1 FROM unnest(am.parcel_ids, am.winner_ids) w (parcel, winner)
                               WHERE w.parcel = NEW.parcel_id AND w.winner = NEW.application_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_award_hold_settled',
            MESSAGE = format('award hold %s is revoked only by the round''s latest amendment, which gives its plot '
                             'to someone else', OLD.id);
    END IF;
    IF OLD.state <> 'DUE' OR NEW.state NOT IN ('PAID', 'LAPSED', 'REVOKED')
       OR (NEW.id, NEW.offer_id, NEW.parcel_id, NEW.application_id, NEW.passed_from, NEW.deposit_amount,
           NEW.created_at, NEW.pay_by)
          IS DISTINCT FROM (OLD.id, OLD.offer_id, OLD.parcel_id, OLD.application_id, OLD.passed_from,
                            OLD.deposit_amount, OLD.created_at, OLD.pay_by) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_award_hold_settled',
            MESSAGE = format('award hold %s is %s: it is paid or lapses once, and keeps its plot and deadline',
                             OLD.id, OLD.state);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS round_award_hold_guard ON round_award_hold;
CREATE TRIGGER round_award_hold_guard
    BEFORE INSERT OR UPDATE OR DELETE ON round_award_hold
    FOR EACH ROW EXECUTE FUNCTION round_award_hold_guard();

-- Amendments (V650): an upheld objection's recorded outcome, the one way a closed round's result changes. Inserted only
-- for a CLOSED offer and an UPHELD objection of it, as the next version, naming the SHA-256 of the version it replaces;
-- its document names the objection, version and previous hash, keeps the lottery of the close (seed and log head), the
-- plots, rules and every other application of the previous version, and states the objector's application as the
-- recorded correction; its winners are the document's. Never changed or deleted.
CREATE OR REPLACE FUNCTION round_amendment_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    o          record;
    prev_doc   jsonb;
    prev_sha   bytea;
    prev_ver   int;
    doc        jsonb;
    objector   bigint;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_amendment_kept',
            MESSAGE = format('amendment %s is on the record and never changes', OLD.id);
    END IF;
    SELECT id, state, seed, chain_head_hash, document, document_sha256 INTO o
      FROM offer WHERE id = NEW.offer_id FOR UPDATE;
    SELECT r.application_id INTO objector FROM round_objection r
     WHERE r.id = NEW.objection_id AND r.offer_id = NEW.offer_id AND r.outcome = 'UPHELD';
    IF o.state IS DISTINCT FROM 'CLOSED' OR objector IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_amendment_upheld',
            MESSAGE = format('a round is amended only by an upheld objection to its published result (offer %s)',
                             NEW.offer_id);
    END IF;
    SELECT am.document::jsonb, am.document_sha256, am.version INTO prev_doc, prev_sha, prev_ver
      FROM round_amendment am WHERE am.offer_id = NEW.offer_id ORDER BY am.version DESC LIMIT 1;
    IF prev_ver IS NULL THEN
        prev_doc := o.document::jsonb;
        prev_sha := o.document_sha256;
        prev_ver := 1;
    END IF;
    doc := NEW.document::jsonb;
    IF NEW.version <> prev_ver + 1 OR NEW.previous_sha256 <> prev_sha
       OR doc -> 'amendment' IS DISTINCT FROM jsonb_build_object('version', NEW.version, 'objectionId',
              NEW.objection_id, 'previousSha256', encode(prev_sha, 'hex'))
       OR doc -> 'format' IS DISTINCT FROM prev_doc -> 'format'
       OR doc -> 'inputs' -> 'lottery' ->> 'seed' IS DISTINCT FROM encode(o.seed, 'hex')
       OR doc -> 'inputs' -> 'lottery' ->> 'chainHeadHash' IS DISTINCT FROM encode(o.chain_head_hash, 'hex')
       OR (doc -> 'inputs') - 'applications' IS DISTINCT FROM (prev_doc -> 'inputs') - 'applications'
       OR (SELECT jsonb_agg(a ORDER BY (a ->> 'id')::bigint) FROM jsonb_array_elements(doc -> 'inputs' -> 'applications') a
            WHERE (a ->> 'id')::bigint <> objector)
          IS DISTINCT FROM
          (SELECT jsonb_agg(a ORDER BY (a ->> 'id')::bigint) FROM jsonb_array_elements(prev_doc -> 'inputs' -> 'applications') a
            WHERE (a ->> 'id')::bigint <> objector)
       OR (SELECT a FROM jsonb_array_elements(doc -> 'inputs' -> 'applications') a WHERE (a ->> 'id')::bigint = objector)
          IS DISTINCT FROM NEW.correction
       OR EXISTS (SELECT (p ->> 'plot')::bigint, (p ->> 'winner')::bigint
                    FROM jsonb_array_elements(doc -> 'result' -> 'plots') p WHERE p ->> 'winner' IS NOT NULL
                  EXCEPT SELECT * FROM unnest(NEW.parcel_ids, NEW.winner_ids))
       OR EXISTS (SELECT * FROM unnest(NEW.parcel_ids, NEW.winner_ids)
                  EXCEPT SELECT (p ->> 'plot')::bigint, (p ->> 'winner')::bigint
                    FROM jsonb_array_elements(doc -> 'result' -> 'plots') p WHERE p ->> 'winner' IS NOT NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'round_amendment_of_previous',
            MESSAGE = format('amendment %s of offer %s must follow version %s, change only the objector''s application '
                             'and state the document''s winners', NEW.version, NEW.offer_id, prev_ver);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS round_amendment_guard ON round_amendment;
CREATE TRIGGER round_amendment_guard
    BEFORE INSERT OR UPDATE OR DELETE ON round_amendment
    FOR EACH ROW EXECUTE FUNCTION round_amendment_guard();
