INSERT INTO allocation_parcel (allocation_id, parcel_id) VALUES (:a, :p)
