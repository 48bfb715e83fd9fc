-- A progress report is the holder's word: each records who wrote it and in which role. Reports are written by the
-- allocation's holder only (R__allocation_progress_report.sql refuses any other author); before this migration
-- officers and admins could post them too, so older rows keep their real author: the role of the user in
-- created_by, or 'system' where no user is recorded (the demo sample, written by the service itself).
ALTER TABLE progress_report ADD COLUMN author_role text;

UPDATE progress_report r
   SET author_role = coalesce((SELECT lower(u.role) FROM users u WHERE u.id = r.created_by), 'system');

ALTER TABLE progress_report
    ALTER COLUMN author_role SET NOT NULL,
    ADD CONSTRAINT progress_report_author_role
        CHECK (author_role IN ('investor', 'officer', 'planner', 'admin', 'system')),
    ADD CONSTRAINT progress_report_author_known CHECK ((author_role = 'system') = (created_by IS NULL));
