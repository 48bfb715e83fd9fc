-- Many entries in one statement, in the order given (the idle scan's opened cases); sealed later, as one entry is.
INSERT INTO decision (occurred_at, actor_id, actor_role, action, subject_type, subject_id, estate_code,
                      parcel_ids, from_state, to_state, reason, public_details, private_details)
SELECT :occurredAt, d.actor_id, d.actor_role, d.action, d.subject_type, d.subject_id, d.estate_code,
       CAST(d.parcel_ids AS bigint[]), d.from_state, d.to_state, d.reason, CAST(d.public_details AS jsonb),
       CAST(d.private_details AS jsonb)
  FROM unnest(CAST(:actorIds AS bigint[]), CAST(:actorRoles AS text[]), CAST(:actions AS text[]),
              CAST(:subjectTypes AS text[]), CAST(:subjectIds AS text[]), CAST(:estateCodes AS text[]),
              CAST(:parcelIds AS text[]), CAST(:fromStates AS text[]), CAST(:toStates AS text[]),
              CAST(:reasons AS text[]), CAST(:publicDetails AS text[]), CAST(:privateDetails AS text[]))
       WITH ORDINALITY AS d(actor_id, actor_role, action, subject_type, subject_id, estate_code, parcel_ids,
                            from_state, to_state, reason, public_details, private_details, ord)
 ORDER BY d.ord
