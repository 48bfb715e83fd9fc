-- Takes the snapshots of the months closed by :now that have none yet (R__planning_history.sql); answers how many.
SELECT history_snapshot_close(CAST(:now AS timestamptz))
