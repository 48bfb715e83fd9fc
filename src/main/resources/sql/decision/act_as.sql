-- Who acts in this transaction, for decision_record (R__decision_record.sql): a user id (null for the system) and role.
SELECT set_config('zamin.actor_id', coalesce(CAST(CAST(:actorId AS bigint) AS text), ''), true) AS actor_id,
       set_config('zamin.actor_role', :actorRole, true) AS actor_role
