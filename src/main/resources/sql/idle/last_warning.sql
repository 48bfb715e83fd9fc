-- The latest warning of a case with the last day of its cure period as seen on :asOf (idle_warning_cure_end,
-- R__idle_due_process.sql: the stopped clock moves it on).
SELECT w.stage, w.stages, idle_warning_cure_end(w, :asOf) AS cure_end
  FROM idle_warning w WHERE w.case_id = :id ORDER BY w.stage DESC LIMIT 1
