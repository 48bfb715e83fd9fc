-- The statistics' month-by-month history: the replay of the decision log (the full recount), the monthly snapshots
-- taken from it as months close (tables: V791__history_snapshots.sql), and the triggers that drop snapshots an event
-- arriving late would change. Readers: planning/history.sql (snapshots, the replay of any month not yet taken, and
-- the kept tallies for the current month).

-- Plots by estate and status at the end of every month from p_from to p_to (the month of p_now ends at p_now),
-- replayed from the log's events (decision_event: a legacy record counts on the day it happened). Each event that
-- moves plots sets their status from its time on (reservation.* and idle_case.* by their action,
-- parcel.status_changed by to_state); before a plot's first such event it had the status that event implies it came
-- from; plots the log never moved count with their current status in every month. p_estates limits the estates
-- (NULL: all). Nothing when p_from is NULL.
CREATE OR REPLACE FUNCTION history_replay(p_from date, p_to date, p_now timestamptz, p_estates int[])
    RETURNS TABLE (month date, estate_id int, status text, plots bigint, area_m2 numeric)
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    IF p_from IS NULL OR p_to IS NULL OR p_from > p_to THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH ev AS (
        SELECT d.happened_at AS at, d.seq, x.parcel_id,
               CASE d.action
                   WHEN 'reservation.held' THEN 'RESERVED'
                   WHEN 'reservation.submitted' THEN 'RESERVED'
                   WHEN 'reservation.approved' THEN 'ALLOCATED'
                   WHEN 'idle_case.opened' THEN 'IDLE'
                   WHEN 'idle_case.notice_served' THEN 'RECLAIMING'
                   WHEN 'idle_case.reclaimed' THEN 'AVAILABLE'
                   WHEN 'parcel.status_changed' THEN d.to_state
                   ELSE 'AVAILABLE' -- reservation.withdrawn, .rejected, .expired
               END AS status,
               CASE d.action
                   WHEN 'reservation.held' THEN 'AVAILABLE'
                   WHEN 'idle_case.opened' THEN 'ALLOCATED'
                   WHEN 'idle_case.notice_served' THEN 'IDLE'
                   WHEN 'idle_case.reclaimed' THEN 'RECLAIMING'
                   WHEN 'parcel.status_changed' THEN CASE d.to_state
                       WHEN 'UNDER_CONSTRUCTION' THEN 'ALLOCATED'
                       WHEN 'IN_PRODUCTION' THEN 'UNDER_CONSTRUCTION'
                       WHEN 'RECLAIMING' THEN 'IDLE'
                       WHEN 'AVAILABLE' THEN 'RECLAIMING'
                       WHEN 'IDLE' THEN 'ALLOCATED'
                       ELSE 'IDLE' END -- back to a milestone status when a case closes
                   ELSE 'RESERVED'
               END AS prior
          FROM decision_event d
          CROSS JOIN LATERAL unnest(d.parcel_ids) AS x(parcel_id)
         WHERE d.action IN ('reservation.held', 'reservation.submitted', 'reservation.approved',
                            'reservation.withdrawn', 'reservation.rejected', 'reservation.expired', 'idle_case.opened',
                            'idle_case.notice_served', 'idle_case.reclaimed', 'parcel.status_changed')
           AND (d.action <> 'parcel.status_changed' OR d.to_state IS NOT NULL)
           AND d.happened_at <= p_now
    ), ordered AS (
        SELECT ev.parcel_id, ev.at, ev.status, ev.prior,
               lead(ev.at) OVER w AS until,
               row_number() OVER w AS n
          FROM ev
        WINDOW w AS (PARTITION BY ev.parcel_id ORDER BY ev.at, ev.seq)
    ), spans AS (
        SELECT o.parcel_id, o.at AS since, o.until, o.status FROM ordered o
        UNION ALL
        SELECT o.parcel_id, NULL, o.at, o.prior FROM ordered o WHERE o.n = 1
    ), scope AS (
        SELECT p.id, p.estate_id, p.status, p.area_m2
          FROM parcel p
         WHERE p_estates IS NULL OR p.estate_id = ANY (p_estates)
    ), months AS (
        SELECT m::date AS month, least((m + interval '1 month') AT TIME ZONE 'UTC', p_now) AS t
          FROM generate_series(p_from::timestamp, p_to::timestamp, interval '1 month') AS m
    ), unmoved AS (
        SELECT p.estate_id, p.status, count(*) AS plots, sum(p.area_m2::numeric) AS area_m2
          FROM scope p
         WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.parcel_id = p.id)
         GROUP BY p.estate_id, p.status
    )
    SELECT mo.month, p.estate_id, s.status, count(*)::bigint, sum(p.area_m2::numeric)
      FROM months mo
      JOIN spans s ON (s.since IS NULL OR s.since < mo.t) AND (s.until IS NULL OR s.until >= mo.t)
      JOIN scope p ON p.id = s.parcel_id
     GROUP BY mo.month, p.estate_id, s.status
    UNION ALL
    SELECT mo.month, u.estate_id, u.status, u.plots, u.area_m2
      FROM months mo CROSS JOIN unmoved u;
END
$$;

-- Drops the snapshots of p_month and later (an event that happened then arrived, or plots came or went) and lowers
-- the history's first month to p_month when it is earlier. Under the snapshot lock, so a snapshot being taken from a
-- replay that could not see this change is dropped after it commits, never kept.
CREATE OR REPLACE FUNCTION history_snapshot_invalidate(p_month date)
    RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    IF p_month IS NULL THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM history_snapshot_month WHERE month >= p_month) THEN
        PERFORM pg_advisory_xact_lock(hashtext('zamin.history.snapshot'));
        DELETE FROM history_snapshot_month WHERE month >= p_month;
    END IF;
    UPDATE history_snapshot_state SET first_month = p_month WHERE first_month > p_month;
END
$$;

-- Takes the snapshot of every closed month (before the month of p_now) from the history's first month on that has
-- none yet: the first call back-fills them all from the replay, later calls take the month just closed. Idempotent,
-- and one taker at a time across servers (a transaction-scoped advisory lock taken with try: a busy taker is simply
-- skipped). Answers how many months it took.
CREATE OR REPLACE FUNCTION history_snapshot_close(p_now timestamptz)
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    last_closed date := (date_trunc('month', p_now AT TIME ZONE 'UTC') - interval '1 month')::date;
    first date;
    missing date[];
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('zamin.history.snapshot')) THEN
        RETURN 0;
    END IF;
    SELECT s.first_month INTO first FROM history_snapshot_state s;
    IF first IS NULL THEN
        SELECT date_trunc('month', min(decision_happened_at(d.occurred_at, d.action, d.public_details))
                                   AT TIME ZONE 'UTC')::date
          INTO first FROM decision d;
        IF first IS NULL THEN
            RETURN 0;
        END IF;
        UPDATE history_snapshot_state SET first_month = first;
    END IF;
    SELECT array_agg(m::date ORDER BY m) INTO missing
      FROM generate_series(first::timestamp, last_closed::timestamp, interval '1 month') AS m
     WHERE NOT EXISTS (SELECT 1 FROM history_snapshot_month s WHERE s.month = m::date);
    IF missing IS NULL THEN
        RETURN 0;
    END IF;
    INSERT INTO history_snapshot_month (month) SELECT unnest(missing);
    INSERT INTO history_snapshot (month, estate_id, status, plots, area_m2)
    SELECT r.month, r.estate_id, r.status, sum(r.plots), sum(r.area_m2)
      FROM history_replay(missing[1], missing[array_length(missing, 1)], p_now, NULL) r
     WHERE r.month = ANY (missing)
     GROUP BY r.month, r.estate_id, r.status;
    RETURN array_length(missing, 1);
END
$$;

-- An entry whose event happened in a month already taken (a legacy record, or any entry when a server's clock runs
-- ahead of the database's) drops that month's snapshot and the later ones: one check per statement.
CREATE OR REPLACE FUNCTION history_decision_arrived() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM history_snapshot_invalidate(
        (SELECT date_trunc('month', min(decision_happened_at(n.occurred_at, n.action, n.public_details))
                                    AT TIME ZONE 'UTC')::date
           FROM history_new_entries n));
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS history_decision_arrived ON decision;
CREATE TRIGGER history_decision_arrived
    AFTER INSERT ON decision
    REFERENCING NEW TABLE AS history_new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION history_decision_arrived();
