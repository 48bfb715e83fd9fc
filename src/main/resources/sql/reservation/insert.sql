INSERT INTO reservation (investor_id, estate_id, status, activity_isic, investment, jobs, knowledge_based,
                         deposit_amount, created_at, hold_expires_at)
VALUES (:investor, :estate, 'HELD', :activity, :investment, :jobs, :knowledgeBased, :deposit, :now, :expires)
RETURNING id
