-- The first month of the history: the month of the oldest decision-log entry, but at most :months months back
-- from the month of :now (the current month alone when the log is empty).
SELECT greatest(
           (SELECT date_trunc('month', min(occurred_at) AT TIME ZONE 'UTC') FROM decision),
           date_trunc('month', CAST(:now AS timestamptz) AT TIME ZONE 'UTC') - make_interval(months => :months - 1))
