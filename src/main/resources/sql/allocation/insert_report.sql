-- A progress report by the allocation's holder (the database refuses any other author); returns its id.
INSERT INTO progress_report (allocation_id, reported_on, percent, text, created_by, author_role, created_at)
VALUES (:id, :on, :percent, :text, :by, 'investor', :at)
RETURNING id
