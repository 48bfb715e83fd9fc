-- Applications that arrived together, in one call and in arrival order (reservation_hold_many,
-- R__reservation_hold.sql); answers one outcome per application, in the same order.
SELECT reservation_hold_many(CAST(:requests AS jsonb), :cap, :perMille, :now, :expires,
                             make_interval(secs => :cooldownSeconds))::text
