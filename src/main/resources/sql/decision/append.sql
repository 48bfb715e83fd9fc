-- seq, prev_hash and hash are filled in by the decision_chain trigger.
INSERT INTO decision (seq, occurred_at, actor_id, actor_role, action, subject_type, subject_id, estate_code,
                      parcel_ids, from_state, to_state, reason, public_details, private_details, prev_hash, hash)
VALUES (0, :occurredAt, :actorId, :actorRole, :action, :subjectType, :subjectId, :estateCode,
        CAST(:parcelIds AS bigint[]), :fromState, :toState, :reason, CAST(:publicDetails AS jsonb),
        CAST(:privateDetails AS jsonb), '\x', '\x')
RETURNING seq
