-- A reservation's plots, locked until commit, in id order (the order every locker takes them in).
SELECT p.id, p.plot_number
  FROM reservation_parcel rp JOIN parcel p ON p.id = rp.parcel_id
 WHERE rp.reservation_id = :id
 ORDER BY p.id
   FOR UPDATE OF p
