-- A warning served (the trigger idle_warning_guard checks the order and the previous cure period); the case shows
-- the warning's cure end as its reply deadline and waits for a new reply.
WITH w AS (
    INSERT INTO idle_warning (case_id, stage, stages, issued_on, cure_days, cure_until, issued_by, issued_at)
    VALUES (:id, :stage, :stages, :issuedOn, :cureDays, CAST(:issuedOn AS date) + :cureDays, :by, :now)
    RETURNING cure_until
)
UPDATE idle_case SET state = 'NOTICE_SERVED', notice_served_at = :now, reply_deadline = (SELECT cure_until FROM w),
                     reply = NULL, replied_at = NULL, updated_at = :now
 WHERE id = :id
RETURNING reply_deadline
