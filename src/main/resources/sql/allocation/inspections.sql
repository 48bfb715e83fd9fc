-- An allocation's inspections, newest first, with their number of attachments.
SELECT i.id, i.inspected_on::text AS "inspectedOn", i.finding, i.notes,
       (SELECT count(*) FROM attachment t WHERE t.inspection_id = i.id) AS attachments
  FROM inspection i
 WHERE i.allocation_id = :id
 ORDER BY i.inspected_on DESC, i.id DESC
