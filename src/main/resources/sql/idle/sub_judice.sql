UPDATE idle_case SET sub_judice = :on, updated_at = :now WHERE id = :id
