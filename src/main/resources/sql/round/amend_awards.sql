-- The awards of :offer made to agree with an amendment's winners (round_award_guard checks each change): the awards
-- it no longer states go, the ones it adds come.
WITH wanted AS (
    SELECT w.parcel, w.winner FROM unnest(CAST(:parcels AS bigint[]), CAST(:winners AS bigint[])) AS w (parcel, winner)
), gone AS (
    DELETE FROM round_award a
     WHERE a.offer_id = :offer
       AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.parcel = a.parcel_id AND w.winner = a.application_id)
    RETURNING a.parcel_id
)
SELECT count(*) FROM gone
