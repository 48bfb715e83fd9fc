-- Whether an idle case of the allocation is still open (it then holds the plots' status).
SELECT EXISTS (SELECT 1 FROM idle_case WHERE allocation_id = :id
                                         AND state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN'))
