-- Applications that arrived together, in one call and in arrival order (round_apply_many,
-- R__round_application.sql); answers one outcome per application, in the same order.
SELECT round_apply_many(CAST(:requests AS jsonb), :now)::text
