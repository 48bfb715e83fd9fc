-- The signed contract of an allocation: price, payment plan and extension terms.
SELECT * FROM allocation_contract WHERE allocation_id = :id
