-- An allocation's inspections, newest first, with their number of attachments and, for each photo, where it was
-- taken (how that is known, metres from the plots, and whether that is farther than :far).
SELECT i.id, i.inspected_on::text AS "inspectedOn", i.finding, i.notes,
       (SELECT count(*) FROM attachment t WHERE t.inspection_id = i.id) AS attachments,
       (SELECT coalesce(json_agg(json_build_object('id', t.id, 'fileName', t.file_name,
                   'source', t.location_source, 'distanceM', round(CAST(t.distance_m AS numeric)),
                   'far', t.distance_m > :far) ORDER BY t.id), '[]')::text
          FROM attachment t WHERE t.inspection_id = i.id) AS photos
  FROM inspection i
 WHERE i.allocation_id = :id
 ORDER BY i.inspected_on DESC, i.id DESC
