-- Due days of a case's revival-plan items the holder has not met yet, as of :asOf: each moved by the days an
-- agency's missed item stopped the clock (R__idle_revival.sql). The agencies' own items never count here.
SELECT revival_item_effective_due(pi, CAST(:asOf AS date))
  FROM revival_plan_item pi WHERE pi.case_id = :id AND pi.met_on IS NULL AND pi.agency = 'HOLDER'
