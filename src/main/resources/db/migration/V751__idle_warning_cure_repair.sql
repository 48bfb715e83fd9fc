-- The stopped clock was counted twice on a warning whose case had an agency's plan item met late: the trigger
-- revival_item_extend_cure (R__idle_revival.sql, now dropped) added the stopped days to idle_warning.cure_until, and
-- idle_warning_cure_end (R__idle_due_process.sql) adds them again when it reads the warning. A warning is served with
-- cure_until = issued_on + cure_days (sql/idle/insert_warning.sql, the sample, V740's backfill); only that trigger
-- ever lengthened it. Put those warnings back as served: the cure end then counts the stopped days once.
-- The history guard (idle_warning_guard) refuses shortening a cure period, so user triggers are off for this one
-- statement; on a new database the table is empty and the guard does not exist yet.
ALTER TABLE idle_warning DISABLE TRIGGER USER;
UPDATE idle_warning SET cure_until = issued_on + cure_days WHERE cure_until > issued_on + cure_days;
ALTER TABLE idle_warning ENABLE TRIGGER USER;
