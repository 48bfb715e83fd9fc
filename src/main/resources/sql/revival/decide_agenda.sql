UPDATE working_group_agenda
   SET decision = :decision, bank_name = :bankName, facility_rials = :facilityRials, note = :note,
       decided_by = :userId, decided_at = :now
 WHERE id = :id
