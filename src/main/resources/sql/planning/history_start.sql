-- The first month of the history: the month of the log's earliest event (kept in history_snapshot_state once the
-- snapshots are taken; a legacy record counts on the day it happened), but at most :months months back from the
-- month of :now, and never after it (the current month alone when the log is empty).
SELECT least(greatest(
           coalesce((SELECT CAST(first_month AS timestamp) FROM history_snapshot_state),
                    (SELECT date_trunc('month', min(decision_happened_at(d.occurred_at, d.action, d.public_details))
                                                AT TIME ZONE 'UTC') FROM decision d)),
           date_trunc('month', CAST(:now AS timestamptz) AT TIME ZONE 'UTC') - make_interval(months => :months - 1)),
       date_trunc('month', CAST(:now AS timestamptz) AT TIME ZONE 'UTC'))
