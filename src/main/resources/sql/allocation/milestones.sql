-- An allocation's milestones with their deadlines and the day each was reached.
SELECT kind, deadline, achieved_on FROM milestone WHERE allocation_id = :id
