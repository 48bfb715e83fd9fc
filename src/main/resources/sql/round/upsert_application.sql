-- An investor's application to a round: new, or replacing their earlier one (same id, first submission kept).
-- Answers its id and whether it is new. The window and the ranking are checked again by round_application_guard.
INSERT INTO round_application AS a (offer_id, investor_id, ranking, activity_isic, investment, jobs, knowledge_based,
                                    export_share_pct, submitted_at, updated_at)
VALUES (:offer, :investor, CAST(:ranking AS bigint[]), :activity, :investment, :jobs, :knowledgeBased, :exportSharePct,
        :now, :now)
ON CONFLICT ON CONSTRAINT round_application_one_per_investor DO UPDATE
   SET ranking = excluded.ranking, activity_isic = excluded.activity_isic, investment = excluded.investment,
       jobs = excluded.jobs, knowledge_based = excluded.knowledge_based,
       export_share_pct = excluded.export_share_pct, updated_at = excluded.updated_at
RETURNING a.id, (a.xmax = 0) AS created
