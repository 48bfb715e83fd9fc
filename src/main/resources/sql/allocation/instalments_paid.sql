-- The instalments of an allocation paid through the gateway (V660 instalment_payment): number and amount.
SELECT number, amount FROM instalment_payment WHERE allocation_id = :id
