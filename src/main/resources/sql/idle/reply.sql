UPDATE idle_case SET reply = :reply, replied_at = :now, updated_at = :now WHERE id = :id
