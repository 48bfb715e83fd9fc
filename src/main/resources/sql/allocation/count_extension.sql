-- Counts one more extension granted on the allocation's contract.
UPDATE allocation_contract SET extensions_granted = extensions_granted + 1 WHERE allocation_id = :id
