-- Where the next idle fee of a case starts: the end of the last one charged, else the day the case was opened for.
SELECT coalesce((SELECT max(period_to) FROM idle_charge WHERE case_id = c.id AND kind = 'IDLE_FEE'), c.opened_as_of)
  FROM idle_case c WHERE c.id = :id
