-- An allocation's progress reports, newest first, with their author's role and number of attachments.
SELECT r.id, r.reported_on::text AS "reportedOn", r.percent, r.text, r.author_role AS "authorRole",
       (SELECT count(*) FROM attachment t WHERE t.report_id = r.id) AS attachments
  FROM progress_report r
 WHERE r.allocation_id = :id
 ORDER BY r.reported_on DESC, r.id DESC
